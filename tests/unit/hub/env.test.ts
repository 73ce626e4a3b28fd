import { describe, expect, it } from 'vitest';
import { auditReaderTarget, auditWriterTarget } from '../../../audit/database.js';
import { exchangeTarget } from '../../../exchange/database.js';
import { derivedDatabaseUrl } from '../../../platform/db.js';
import { SUBGRAPH_NAMES } from '../../../subgraphs/registry.js';
import { databaseTarget } from '../../../subgraphs/databases.js';
import { parseEnv } from '../../../hub/env.js';
import { EnvError, isTracingEnabled } from '../../../platform/env.js';
import { tracesUrl } from '../../../platform/tracing.js';

describe('the environment', () => {
  it('runs on embedded databases under the data folder when nothing is configured', () => {
    const env = parseEnv({});
    expect(env.GATEWAY_PORT).toBe(4000);
    expect(databaseTarget(env, 'police')).toMatchObject({ kind: 'pglite' });
  });

  it('derives one database per department from DATABASE_URL, and lets a department override it', () => {
    const env = parseEnv({ DATABASE_URL: 'postgres://hub@db:5432/city', LABOUR_DATABASE_URL: 'postgres://labour@ldb:5432/jobs' });
    expect(databaseTarget(env, 'police')).toEqual({ kind: 'postgres', url: 'postgres://hub@db:5432/city_police', connectTimeoutMs: 5_000, poolSize: 10 });
    expect(databaseTarget(env, 'labour')).toEqual({ kind: 'postgres', url: 'postgres://labour@ldb:5432/jobs', connectTimeoutMs: 5_000, poolSize: 10 });
    expect(derivedDatabaseUrl('postgres://h/test?sslmode=require', 'health')).toBe('postgres://h/test_health?sslmode=require');
  });

  it('stops with one line naming the variable and its bad value', () => {
    expect(() => parseEnv({ GATEWAY_PORT: 'eighty' })).toThrow(EnvError);
    expect(() => parseEnv({ GATEWAY_PORT: 'eighty' })).toThrow(/^Invalid environment variable GATEWAY_PORT="eighty"/);
    expect(() => parseEnv({ HUB_CITY_CODE: '5101' })).toThrow(/HUB_CITY_CODE.*6-digit/);
  });

  it('refuses to fall back to an embedded database in production', () => {
    const env = parseEnv({ NODE_ENV: 'production', POLICE_DATABASE_URL: 'postgres://p@db/police' });
    expect(databaseTarget(env, 'police')).toMatchObject({ kind: 'postgres' });
    expect(() => databaseTarget(env, 'health')).toThrow(/HEALTH_DATABASE_URL \(or DATABASE_URL\) is required/);
  });
});

describe('the event settings', () => {
  it('hand events over in memory, polling every 100 ms, unless a NATS server is named', () => {
    const env = parseEnv({});
    expect(env.EVENTS_NATS_URL).toBeUndefined();
    expect(env.EVENTS_POLL_MS).toBe(100);
    expect(parseEnv({ EVENTS_NATS_URL: '' }).EVENTS_NATS_URL).toBeUndefined();
    expect(parseEnv({ EVENTS_NATS_URL: 'nats://nats:4222' }).EVENTS_NATS_URL).toBe('nats://nats:4222');
    expect(parseEnv({ EVENTS_NATS_URL: 'nats://a:4222,tls://b:4222' }).EVENTS_NATS_URL).toBe('nats://a:4222,tls://b:4222');
  });

  it('stop with one line naming EVENTS_NATS_URL or EVENTS_POLL_MS when either is not what it must be', () => {
    expect(() => parseEnv({ EVENTS_NATS_URL: 'http://nats:4222' })).toThrow(/^Invalid environment variable EVENTS_NATS_URL=.*must be a nats:\/\/ or tls:\/\/ URL[^\n]*$/);
    expect(() => parseEnv({ EVENTS_POLL_MS: 'soon' })).toThrow(/^Invalid environment variable EVENTS_POLL_MS="soon": must be a number$/);
    expect(() => parseEnv({ EVENTS_POLL_MS: '5' })).toThrow(/EVENTS_POLL_MS.*at least 10/);
  });
});

describe('the operations settings', () => {
  it('bound database connects, drain for ten seconds on shutdown, and leave tracing off unless asked', () => {
    const env = parseEnv({});
    expect(env.DB_CONNECT_TIMEOUT_MS).toBe(5_000);
    expect(env.SHUTDOWN_GRACE_MS).toBe(10_000);
    expect(isTracingEnabled(env)).toBe(false);
  });

  it('switch tracing on with an OTLP endpoint or HUB_TRACING, and HUB_TRACING=false wins over an endpoint', () => {
    expect(isTracingEnabled(parseEnv({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' }))).toBe(true);
    expect(isTracingEnabled(parseEnv({ HUB_TRACING: 'true' }))).toBe(true);
    expect(isTracingEnabled(parseEnv({ HUB_TRACING: 'false', OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' }))).toBe(false);
    expect(() => parseEnv({ HUB_TRACING: 'yes' })).toThrow(/HUB_TRACING/);
  });

  it('size every PostgreSQL pool of a process by DATABASE_POOL_MAX, ten connections unless set', () => {
    const urls = { DATABASE_URL: 'postgres://hub@db:5432/city', AUDIT_WRITER_DATABASE_URL: 'postgres://w@db/audit', AUDIT_READER_DATABASE_URL: 'postgres://r@db/audit' };
    for (const [setting, size] of [[undefined, 10], ['3', 3]] as const) {
      const env = parseEnv({ ...urls, ...(setting ? { DATABASE_POOL_MAX: setting } : {}) });
      for (const name of SUBGRAPH_NAMES) expect(databaseTarget(env, name), name).toMatchObject({ kind: 'postgres', poolSize: size });
      for (const target of [auditWriterTarget(env), auditReaderTarget(env), exchangeTarget(env)]) expect(target).toMatchObject({ kind: 'postgres', poolSize: size });
    }
    expect(() => parseEnv({ DATABASE_POOL_MAX: '0' })).toThrow(/^Invalid environment variable DATABASE_POOL_MAX="0": must be at least 1$/);
    expect(() => parseEnv({ DATABASE_POOL_MAX: 'many' })).toThrow(/^Invalid environment variable DATABASE_POOL_MAX="many": must be a number$/);
  });

  it('replace a dead gateway worker after a second, doubling up to a minute, and refuse a ceiling below the first delay', () => {
    const env = parseEnv({});
    expect([env.GATEWAY_RESPAWN_BASE_MS, env.GATEWAY_RESPAWN_MAX_MS]).toEqual([1_000, 60_000]);
    expect(() => parseEnv({ GATEWAY_RESPAWN_BASE_MS: '5000', GATEWAY_RESPAWN_MAX_MS: '1000' })).toThrow(/^Invalid environment variable GATEWAY_RESPAWN_MAX_MS="1000": must be at least GATEWAY_RESPAWN_BASE_MS \(5000\)$/);
  });

  it('sends spans to the traces path under the endpoint, or under the local collector by default', () => {
    expect(tracesUrl('http://collector:4318/')).toBe('http://collector:4318/v1/traces');
    expect(tracesUrl(undefined)).toBe('http://localhost:4318/v1/traces');
  });
});
