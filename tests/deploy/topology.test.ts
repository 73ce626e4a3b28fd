import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { inArray, isNull } from 'drizzle-orm';
import { Redis } from 'ioredis';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signCallerToken, type CallerTokenInput } from '../../auth/caller.js';
import { readSigningKey, type SigningKey } from '../../auth/keys.js';
import { NatsTransport } from '../../events/nats.js';
import { SMOKE_ISSUER } from '../../hub/keys.js';
import { createLogger } from '../../platform/logger.js';
import { derivedDatabaseUrl } from '../../platform/db.js';
import { openSubgraphDatabase } from '../../subgraphs/databases.js';
import { healthProfiles } from '../../subgraphs/health/db/schema.js';
import { tenancies } from '../../subgraphs/housing/db/schema.js';
import { employments } from '../../subgraphs/labour/db/schema.js';
import { persons } from '../../subgraphs/police/db/schema.js';
import { SUBGRAPH_NAMES, SUBGRAPHS, type SubgraphName } from '../../subgraphs/registry.js';
import { buildForTest, type TestBuild } from '../support/build.js';
import { newRunId } from '../support/databases.js';
import { graphql, type GraphQLResponse } from '../support/graphql.js';
import { cleanEnv, dropServerDatabases, freePort, groupEnded, killLeftovers, portRefuses, serverDatabase, SERVER_URL, startCommand, untilAnswers, type Started } from '../support/processes.js';
import { startTcpProxy, type TcpProxy } from '../support/tcp-proxy.js';
import { jointServiceClaims } from '../support/tokens.js';

/*
 * The production topology of docker-compose.yml, as processes on this
 * machine: the build made once and run with plain node, NODE_ENV=production,
 * on keys `npm run keys` made; the migration step first, as each store's
 * owner, making the least-privilege logins; a small city seeded by the seed
 * job; then every subgraph in a process of its own (the four departments,
 * audit, exchange, alerts, declarations) with HUB_MIGRATE_ON_START=false, and
 * two gateway processes sharing the subgraphs, the audit store and one Redis,
 * with events over NATS JetStream. Every process reaches the audit store
 * through a loopback TCP proxy the test can close. Against it: the dossier
 * through each gateway, one rate limit across both, a department killed and
 * restarted, a department frozen behind its circuit breaker, and the audit
 * store refusing connections. At the end every process stops on SIGTERM.
 */

const run = promisify(execFile);
const runId = newRunId();
const stem = `t${runId}top`;
const ISSUER = 'urn:population-data-hub:topology-test';
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const NATS_URL = process.env.EVENTS_TEST_NATS_URL ?? 'nats://127.0.0.1:4222';
const REDIS_KEY_PREFIX = `t${runId}:`;
const NATS_PREFIX = `t${runId}`;
/** The logins the migration makes, as compose's audit_writer, audit_reader and exchange_outbox. */
const LOGINS = { writer: `t${runId}_audit_writer`, reader: `t${runId}_audit_reader`, outbox: `t${runId}_exchange_outbox` };

/** Room for a real subgraph's answer on a busy machine; what a frozen one costs each call until its breaker opens. */
const SUBGRAPH_TIMEOUT_MS = 6_000;
const BREAKER = { failures: 2, cooldownMs: 3_000, maxCooldownMs: 6_000 };
/** Requests one caller may make a minute on both gateways together: the rate and the burst. */
const LIMIT = { points: 3, windowSeconds: 60, burst: 2, burstWindowSeconds: 60 };
const ALLOWED = LIMIT.points + LIMIT.burst;

const DOSSIER = `query Dossier($idNumber: String!) {
  personByIdNumber(idNumber: $idNumber) {
    id name idNumber status
    residence { address grid { name } }
    tenancies { edges { node { start house { address } } } }
    employments { edges { node { position employer { name } } } }
    healthProfile { familyPlanningStatus }
  }
}`;

const folders: string[] = [];
let build: TestBuild;
let keysDir: string;
let issuer: SigningKey;
let proxy: TcpProxy;
let resident: { id: string; idNumber: string; name: string };
const ports = {} as Record<SubgraphName, number>;
let inboxPort: number;
const processes = {} as Record<SubgraphName, Started>;
const gateways: { name: string; port: number; url: string; started: Started }[] = [];

function folder(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'hub-topology-'));
  folders.push(dir);
  return dir;
}

const node = (script: string, ...args: string[]) => ['--enable-source-maps', build.built(script), ...args];
const keyFile = (file: string) => path.join(keysDir, file);

/** A store's database on the server, as its owner reaches it. */
const ownerUrl = (name: string) => derivedDatabaseUrl(SERVER_URL, `${stem}_${name}`);

/** A login's URL to a store; the audit store's through the proxy the tests close. */
function loginUrl(login: string, name: string, through?: TcpProxy): string {
  const url = new URL(ownerUrl(name));
  url.username = login;
  url.password = 'topology-test';
  if (through) {
    url.hostname = '127.0.0.1';
    url.port = String(through.port);
  }
  return url.toString();
}

/** What every subgraph process gets, as compose's x-subgraph-env gives it. */
function subgraphEnv(): Record<string, string> {
  return {
    NODE_ENV: 'production',
    HUB_DATA_DIR: folder(),
    HUB_CITY_CODE: '510100',
    HUB_MIGRATE_ON_START: 'false',
    HUB_SEED_ON_START: 'false',
    INTERNAL_TOKEN_PUBLIC_KEY_FILE: keyFile('gateway-internal.jwks.json'),
    GATEWAY_URL: gateways[0]?.url ?? '',
    AUDIT_WRITER_DATABASE_URL: loginUrl(LOGINS.writer, 'audit', proxy),
    EVENTS_NATS_URL: NATS_URL,
    EVENTS_NATS_PREFIX: NATS_PREFIX,
    // Ten processes on one PostgreSQL server: a few connections each is plenty here.
    DATABASE_POOL_MAX: '4',
  };
}

/** Each subgraph's own settings, as its compose service sets them. */
function ownEnv(name: SubgraphName): Record<string, string> {
  const own = { [SUBGRAPHS[name].port.variable]: String(ports[name]), [SUBGRAPHS[name].database.variable]: ownerUrl(name) };
  switch (name) {
    case 'audit':
      return {
        [SUBGRAPHS[name].port.variable]: String(ports[name]),
        AUDIT_READER_DATABASE_URL: loginUrl(LOGINS.reader, 'audit', proxy),
        AUDIT_CHECKPOINT_DIR: folder(),
        AUDIT_CHECKPOINT_PUBLIC_KEY_FILE: keyFile('audit-checkpoint.public.jwk.json'),
      };
    case 'exchange':
      return {
        ...own,
        EXCHANGE_OUTBOX_DATABASE_URL: loginUrl(LOGINS.outbox, 'police'),
        EXCHANGE_INBOX_PORT: String(inboxPort),
        EXCHANGE_SIGNING_KEY_FILE: keyFile('exchange-city.private.jwk.json'),
      };
    case 'alerts':
      return { ...own, EXCHANGE_SIGNING_KEY_FILE: keyFile('exchange-city.private.jwk.json') };
    case 'declarations':
      return { ...own, HUB_PUBLIC_URL: 'https://hub.city.example', PREMISES_LINK_KEY_FILE: keyFile('premises-link.private.jwk.json') };
    case 'police':
    case 'housing':
    case 'labour':
    case 'health':
      return own;
  }
}

function startSubgraph(name: SubgraphName): Started {
  const [script, ...args] = SUBGRAPHS[name].serve.entryPoint;
  processes[name] = startCommand(process.execPath, node(script, ...args), cleanEnv({ ...subgraphEnv(), ...ownEnv(name) }));
  return processes[name];
}

function startGateway(name: string, port: number): void {
  const routes = Object.fromEntries(SUBGRAPH_NAMES.map((subgraph) => [SUBGRAPHS[subgraph].urlVariable, `http://127.0.0.1:${ports[subgraph]}/graphql`]));
  const started = startCommand(
    process.execPath,
    node('scripts/serve-gateway.ts'),
    cleanEnv({
      NODE_ENV: 'production',
      HUB_DATA_DIR: folder(),
      HUB_MIGRATE_ON_START: 'false',
      GATEWAY_PORT: String(port),
      ...routes,
      AUDIT_WRITER_DATABASE_URL: loginUrl(LOGINS.writer, 'audit', proxy),
      REDIS_URL,
      REDIS_KEY_PREFIX,
      AUTH_JWKS_FILE: keyFile('smoke-issuer.jwks.json'),
      AUTH_ISSUER: ISSUER,
      INTERNAL_TOKEN_PRIVATE_KEY_FILE: keyFile('gateway-internal.private.jwk.json'),
      SUBGRAPH_TIMEOUT_MS: String(SUBGRAPH_TIMEOUT_MS),
      BREAKER_FAILURES: String(BREAKER.failures),
      BREAKER_COOLDOWN_MS: String(BREAKER.cooldownMs),
      BREAKER_MAX_COOLDOWN_MS: String(BREAKER.maxCooldownMs),
      RATE_LIMIT_POINTS: String(LIMIT.points),
      RATE_LIMIT_WINDOW_S: String(LIMIT.windowSeconds),
      RATE_LIMIT_BURST: String(LIMIT.burst),
      RATE_LIMIT_BURST_WINDOW_S: String(LIMIT.burstWindowSeconds),
      DATABASE_POOL_MAX: '4',
    }),
  );
  gateways.push({ name, port, url: `http://127.0.0.1:${port}/graphql`, started });
}

let callers = 0;
/**
 * A joint police and health service's headers. Each request is a caller of
 * its own unless one is named, so the small rate limit the gateways are given
 * binds only the test about it.
 */
async function headers(sub = `topology-caller-${(callers += 1)}`): Promise<Record<string, string>> {
  const claims: CallerTokenInput = { ...jointServiceClaims(), sub };
  const token = await signCallerToken(issuer, claims, { issuer: ISSUER, audience: 'population-data-hub', ttlSeconds: 600 });
  return { authorization: `Bearer ${token}`, 'x-purpose': 'public-health' };
}

type Dossier = GraphQLResponse<{ personByIdNumber: Record<string, any> | null }>;
const dossier = async (url: string, sub?: string): Promise<Dossier> => graphql(url, DOSSIER, { idNumber: resident.idNumber }, await headers(sub));

/** A dossier with every department's part and no error. */
function expectWhole(response: Dossier): void {
  expect(response.status).toBe(200);
  expect(response.body.errors).toBeUndefined();
  const person = response.body.data?.personByIdNumber;
  expect(person).toMatchObject({ id: resident.id, name: resident.name, idNumber: resident.idNumber });
  expect(person?.residence.grid.name).toBeTruthy();
  expect(person?.tenancies.edges.length).toBeGreaterThan(0);
  expect(person?.employments.edges[0].node.employer.name).toBeTruthy();
  expect(person?.healthProfile.familyPlanningStatus).toBeTruthy();
}

/** The dossier without `department`'s part, with the one SUBGRAPH_UNAVAILABLE naming it, and every other part intact. */
function expectMissing(response: Dossier, department: 'labour' | 'health'): void {
  expect(response.status).toBe(200);
  expect(response.body.errors).toEqual([expect.objectContaining({ extensions: { code: 'SUBGRAPH_UNAVAILABLE', service: department } })]);
  const person = response.body.data?.personByIdNumber;
  expect(person).toMatchObject({ id: resident.id, name: resident.name });
  expect(person?.residence.grid.name).toBeTruthy();
  expect(person?.tenancies.edges.length).toBeGreaterThan(0);
  if (department === 'labour') {
    expect(person?.employments).toBeNull();
    expect(person?.healthProfile.familyPlanningStatus).toBeTruthy();
  } else {
    expect(person?.healthProfile).toBeNull();
    expect(person?.employments.edges[0].node.employer.name).toBeTruthy();
  }
}

/** Asks through `url` until the dossier is whole (a department coming back, a breaker's cool-down passing). */
async function untilWhole(url: string, timeoutMs = 90_000): Promise<Dossier> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const response = await dossier(url).catch(() => null);
    if (response && response.status === 200 && !response.body.errors && response.body.data?.personByIdNumber) {
      expectWhole(response);
      return response;
    }
    if (Date.now() > deadline) throw new Error(`the dossier did not come back whole through ${url}: ${JSON.stringify(response?.body.errors ?? response?.status)}`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

/** The events the audit store holds for one request, read as its owner. */
async function auditEvents(requestId: string): Promise<{ kind: string; subgraph: string | null; writer_id: string; record_ids: string[] }[]> {
  const client = new pg.Client({ connectionString: ownerUrl('audit') });
  await client.connect();
  try {
    const { rows } = await client.query<{ kind: string; subgraph: string | null; writer_id: string; record_ids: string[] }>(
      'SELECT kind, subgraph, writer_id, record_ids FROM audit_events WHERE request_id = $1',
      [requestId],
    );
    return rows;
  } finally {
    await client.end();
  }
}

/** A resident housing rents to now, labour employs and health holds a profile of. */
async function residentKnownToAllDepartments(): Promise<{ id: string; idNumber: string; name: string }> {
  const open = (name: 'police' | 'housing' | 'labour' | 'health') => openSubgraphDatabase(name, { kind: 'postgres', url: ownerUrl(name), poolSize: 1 }, { migrate: false });
  const [police, housing, labour, health] = await Promise.all([open('police'), open('housing'), open('labour'), open('health')]);
  try {
    const tenants = (await housing.db.select({ id: tenancies.tenantId }).from(tenancies).where(isNull(tenancies.end))).map((row) => row.id);
    const workers = new Set((await labour.db.select({ id: employments.personId }).from(employments).where(inArray(employments.personId, tenants))).map((row) => row.id));
    const profiled = new Set((await health.db.select({ id: healthProfiles.personId }).from(healthProfiles).where(inArray(healthProfiles.personId, [...workers]))).map((row) => row.id));
    const [found] = await police.db
      .select({ id: persons.id, idNumber: persons.idNumber, name: persons.name })
      .from(persons)
      .where(inArray(persons.id, [...profiled]))
      .limit(1);
    if (!found) throw new Error('the seeded city has no resident known to all four departments');
    return found;
  } finally {
    await Promise.all([police, housing, labour, health].map((database) => database.close()));
  }
}

beforeAll(async () => {
  build = await buildForTest();
  keysDir = path.join(folder(), 'keys');
  // The deployment's keys, and an issuer of the operator's own standing in for the city's identity provider.
  await run(process.execPath, [...node('scripts/keys.ts'), '--out', keysDir, '--smoke-issuer'], { env: cleanEnv({}) });
  issuer = await readSigningKey(keyFile(`${SMOKE_ISSUER.name}.private.jwk.json`), 'EdDSA');
  for (const name of SUBGRAPH_NAMES) serverDatabase(`${stem}_${name}`);

  // compose's `migrate`: every store as its owner, the least-privilege logins made members of their roles.
  await run(process.execPath, node('scripts/migrate.ts'), {
    env: cleanEnv({
      NODE_ENV: 'production',
      DATABASE_URL: derivedDatabaseUrl(SERVER_URL, stem),
      AUDIT_WRITER_DATABASE_URL: loginUrl(LOGINS.writer, 'audit'),
      AUDIT_READER_DATABASE_URL: loginUrl(LOGINS.reader, 'audit'),
      EXCHANGE_OUTBOX_DATABASE_URL: loginUrl(LOGINS.outbox, 'police'),
    }),
  });
  // compose's `seed` job, on a small city.
  const departmentUrls = Object.fromEntries((['police', 'housing', 'labour', 'health'] as const).map((name) => [SUBGRAPHS[name].database.variable, ownerUrl(name)]));
  await run(process.execPath, [...node('scripts/seed.ts'), '--persons', '60', '--key', 'topology'], { env: cleanEnv({ NODE_ENV: 'production', ...departmentUrls }) });
  resident = await residentKnownToAllDepartments();

  const server = new URL(SERVER_URL);
  proxy = await startTcpProxy(server.hostname, Number(server.port || 5432));
  for (const name of SUBGRAPH_NAMES) ports[name] = await freePort();
  inboxPort = await freePort();
  const [portA, portB] = [await freePort(), await freePort()];
  // The gateways first, so the subgraphs know where to ask (a write's checks go through a gateway); none waits for another.
  startGateway('gateway A', portA);
  startGateway('gateway B', portB);
  for (const name of SUBGRAPH_NAMES) startSubgraph(name);
  await Promise.all([
    ...SUBGRAPH_NAMES.map((name) => untilAnswers(`http://127.0.0.1:${ports[name]}/ready`, processes[name])),
    ...gateways.map((gateway) => untilAnswers(`http://127.0.0.1:${gateway.port}/ready`, gateway.started)),
  ]);
}, 600_000);

afterAll(async () => {
  for (const started of Object.values(processes)) {
    try {
      process.kill(started.pgid, 'SIGCONT');
    } catch {
      // Already gone.
    }
  }
  killLeftovers();
  await proxy?.reopen();
  await proxy?.close();
  await dropServerDatabases();
  const admin = new pg.Client({ connectionString: SERVER_URL });
  await admin.connect();
  try {
    for (const login of Object.values(LOGINS)) await admin.query(`DROP ROLE IF EXISTS "${login}"`);
  } finally {
    await admin.end();
  }
  const redis = new Redis(REDIS_URL);
  const keys = await redis.keys(`${REDIS_KEY_PREFIX}*`);
  if (keys.length > 0) await redis.del(...keys);
  await redis.quit();
  const nats = await NatsTransport.connect({ servers: NATS_URL, prefix: NATS_PREFIX, logger: createLogger('topology-test', 'silent') });
  await nats.deleteStreams();
  await nats.close();
  build?.remove();
  for (const dir of folders) rmSync(dir, { recursive: true, force: true });
}, 120_000);

describe('the production topology as separate processes', () => {
  it('answers a resident’s dossier through each gateway with every department’s part and no error, each part recorded by its own process', async () => {
    for (const gateway of gateways) {
      const response = await dossier(gateway.url);
      expectWhole(response);
      // Each department's process recorded its part in the shared audit store before serving it, under the gateway's request id.
      const recorded = await auditEvents(response.headers.get('x-request-id') ?? '');
      const departments = ['police', 'housing', 'labour', 'health'];
      for (const department of departments) {
        expect(recorded.filter((event) => event.kind === 'access' && event.subgraph === department && event.record_ids.includes(resident.id)), department).not.toEqual([]);
      }
      // Four processes of their own: four writers, none of them a gateway's.
      expect(new Set(recorded.filter((event) => event.kind === 'access').map((event) => event.writer_id.split(':')[0]))).toEqual(new Set(departments));
    }
  }, 60_000);

  it('admits one caller the configured number of requests across both gateways together, then 429 on both', async () => {
    const answers: { status: number; code: unknown }[] = [];
    for (let i = 0; i < 2 * ALLOWED; i += 1) {
      const response = await dossier(gateways[i % 2]!.url, 'system-behind-two-gateways');
      answers.push({ status: response.status, code: response.body.errors?.[0]?.extensions?.code });
    }
    expect(answers.map((answer) => answer.status)).toEqual([...Array<number>(ALLOWED).fill(200), ...Array<number>(ALLOWED).fill(429)]);
    expect(new Set(answers.slice(ALLOWED).map((answer) => answer.code))).toEqual(new Set(['RATE_LIMITED']));
  }, 60_000);

  it('answers without labour while its process is killed, and whole again once it is restarted on its port', async () => {
    const labour = processes.labour;
    process.kill(labour.child.pid!, 'SIGKILL');
    await labour.exited;
    expect(await portRefuses(ports.labour)).toBe(true);
    for (const gateway of gateways) expectMissing(await dossier(gateway.url), 'labour');

    await untilAnswers(`http://127.0.0.1:${ports.labour}/ready`, startSubgraph('labour'));
    for (const gateway of gateways) await untilWhole(gateway.url);
  }, 300_000);

  it('answers at once without health once its breaker has opened on a frozen process, and whole again after it thaws', async () => {
    const health = processes.health;
    process.kill(health.child.pid!, 'SIGSTOP');
    try {
      // The failures that open each gateway's breaker, each waiting out the timeout.
      const failing = await Promise.all(gateways.flatMap((gateway) => Array.from({ length: BREAKER.failures }, () => dossier(gateway.url))));
      for (const response of failing) expectMissing(response, 'health');
      // Open: health is not called, so nothing waits for it.
      for (const gateway of gateways) {
        const started = performance.now();
        const response = await dossier(gateway.url);
        expect(performance.now() - started).toBeLessThan(SUBGRAPH_TIMEOUT_MS);
        expectMissing(response, 'health');
      }
    } finally {
      process.kill(health.child.pid!, 'SIGCONT');
    }
    // After the cool-down the next dossier is the probe, which a thawed health answers.
    for (const gateway of gateways) await untilWhole(gateway.url);
  }, 300_000);

  it('serves no resident’s data while the audit store refuses connections, is not ready meanwhile, and comes back with it', async () => {
    await proxy.refuse();
    try {
      for (const gateway of gateways) {
        await untilAnswers(`http://127.0.0.1:${gateway.port}/ready`, gateway.started, 60_000, 503);
        const response = await dossier(gateway.url);
        expect(response.body.data?.personByIdNumber ?? null).toBeNull();
        expect(response.body.errors?.length).toBeGreaterThan(0);
        expect(new Set(response.body.errors?.map((error) => error.extensions?.code))).toEqual(new Set(['SERVICE_UNAVAILABLE']));
        // Fail closed: nothing of the resident left the hub unrecorded.
        const text = JSON.stringify(response.body);
        for (const value of [resident.name, resident.idNumber, resident.id]) expect(text).not.toContain(value);
      }
    } finally {
      await proxy.reopen();
    }
    for (const gateway of gateways) {
      await untilAnswers(`http://127.0.0.1:${gateway.port}/ready`, gateway.started, 60_000, 200);
      await untilWhole(gateway.url);
    }
  }, 300_000);

  it('stops every process on SIGTERM, each exiting 0, giving up its ports and leaving no process behind', async () => {
    const all = [
      ...gateways.map((gateway) => ({ name: gateway.name, started: gateway.started, ports: [gateway.port] })),
      ...SUBGRAPH_NAMES.map((name) => ({ name, started: processes[name], ports: name === 'exchange' ? [ports[name], inboxPort] : [ports[name]] })),
    ];
    // Every process lived through the faults above.
    for (const { name, started } of all) {
      expect(started.child.exitCode === null && started.child.signalCode === null, `${name} ended early:\n${started.stdout().slice(-4000)}\n${started.stderr().slice(-4000)}`).toBe(true);
    }
    for (const { started } of all) process.kill(started.child.pid!, 'SIGTERM');
    for (const { started, ports: given } of all) {
      expect(await started.exited).toEqual({ code: 0, signal: null });
      await groupEnded(started.pgid, 30_000);
      for (const port of given) expect(await portRefuses(port)).toBe(true);
      // Stopped, not crashed: whatever the faults above logged went to the log, nothing to stderr.
      expect(started.stderr()).toBe('');
    }
  }, 120_000);
});
