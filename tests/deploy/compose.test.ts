import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { z } from 'zod';
import { parseEnv, subgraphPort, type Env } from '../../hub/env.js';
import { fromRoot } from '../../platform/paths.js';
import { DEPARTMENTS, SUBGRAPH_NAMES, SUBGRAPHS, type Department } from '../../subgraphs/registry.js';
import { EVENT_SOURCES } from '../../events/types.js';
import { ALERT_RULES } from '../../alerts/rules.js';

/*
 * No Docker engine is needed: these tests read docker-compose.yml and the Dockerfile the way
 * compose and the image would, and hold them to the code they start.
 */

const COMPOSE_TEXT = readFileSync(fromRoot('docker-compose.yml'), 'utf8');
const DOCKERFILE_TEXT = readFileSync(fromRoot('Dockerfile'), 'utf8');

/** What an operator would put in .env; everything else falls back to the file's own defaults. */
const OPERATOR_ENV: Record<string, string> = {
  POLICE_DB_PASSWORD: '6f1c2d9e8a7b4c3d2e1f0a9b8c7d6e5f4a3b2c1d0e9f8a7b',
  HOUSING_DB_PASSWORD: '0a9b8c7d6e5f4a3b2c1d0e9f8a7b6f1c2d9e8a7b4c3d2e1f',
  LABOUR_DB_PASSWORD: 'c3d2e1f0a9b8c7d6e5f4a3b2c1d0e9f8a7b6f1c2d9e8a7b4',
  HEALTH_DB_PASSWORD: 'e5f4a3b2c1d0e9f8a7b6f1c2d9e8a7b4c3d2e1f0a9b8c7d6',
  AUDIT_DB_PASSWORD: '9b8c7d6e5f4a3b2c1d0e9f8a7b6f1c2d9e8a7b4c3d2e1f0a',
  AUDIT_WRITER_DB_PASSWORD: '1f0a9b8c7d6e5f4a3b2c1d0e9f8a7b6f1c2d9e8a7b4c3d2e',
  AUDIT_READER_DB_PASSWORD: '4c3d2e1f0a9b8c7d6e5f4a3b2c1d0e9f8a7b6f1c2d9e8a7b',
  AUDIT_CHECKPOINT_KEY_FILE: './secrets/audit-checkpoint.private.jwk.json',
  AUDIT_CHECKPOINT_PUBLIC_KEY_FILE: './secrets/audit-checkpoint.public.jwk.json',
  EXCHANGE_DB_PASSWORD: '7d6e5f4a3b2c1d0e9f8a7b6f1c2d9e8a7b4c3d2e1f0a9b8c',
  EXCHANGE_OUTBOX_DB_PASSWORD: '5e2b8d1f4a7c0e3b6d9f2a5c8e1b4d7f0a3c6e9b2d5f8a1c',
  ALERTS_DB_PASSWORD: '3c9e1a7f5b2d8e4a6c0f9b3d7e1a5c8f2b6d0e4a9c3f7b1d',
  DECLARATIONS_DB_PASSWORD: '8e2b6d0f4a9c3e7b1d5f9a3c7e1b5d9f3a7c1e5b9d3f7a1c',
  HUB_PUBLIC_URL: 'https://hub.city.example',
  PREMISES_LINK_KEY_FILE: './secrets/premises-link.private.jwk.json',
  EXCHANGE_SIGNING_KEY_FILE: './secrets/exchange-city.private.jwk.json',
  AUTH_JWKS_URL: 'https://idp.city.example/.well-known/jwks.json',
  AUTH_ISSUER: 'https://idp.city.example/',
  GATEWAY_INTERNAL_PRIVATE_KEY_FILE: './secrets/gateway-internal.private.jwk.json',
  GATEWAY_INTERNAL_PUBLIC_KEY_FILE: './secrets/gateway-internal.jwks.json',
};

const REFERENCE = /\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?])([^}]*))?\}|\$([A-Za-z_][A-Za-z0-9_]*)/g;

/** Compose's variable substitution: `${X}`, `${X:-default}`, `${X-default}`, `${X:?error}`, `${X?error}`, `$$`. */
function interpolate(text: string, vars: Record<string, string>): string {
  // REFERENCE admits only these operators, or none.
  return text.replace(REFERENCE, (whole, braced?: string, op?: ':-' | '-' | ':?' | '?', arg?: string, bare?: string) => {
    if (whole === '$$') return '$';
    const name = (braced ?? bare) as string;
    const value = vars[name];
    switch (op) {
      case ':-':
        return value ? value : (arg ?? '');
      case '-':
        return value ?? arg ?? '';
      case ':?':
      case '?':
        if (op === ':?' ? !value : value === undefined) throw new Error(`compose would refuse to start: ${name}: ${arg}`);
        return value as string;
      case undefined:
        return value ?? '';
    }
  });
}

function interpolateDeep(node: unknown, vars: Record<string, string>): unknown {
  if (typeof node === 'string') return interpolate(node, vars);
  if (Array.isArray(node)) return node.map((item) => interpolateDeep(item, vars));
  if (node !== null && typeof node === 'object') {
    return Object.fromEntries(Object.entries(node).map(([key, value]) => [key, interpolateDeep(value, vars)]));
  }
  return node;
}

/** Only the parts of the compose format these tests rely on; anything malformed fails here first. */
const Condition = z.enum(['service_started', 'service_healthy', 'service_completed_successfully']);
const Service = z.object({
  image: z.string().optional(),
  build: z.unknown().optional(),
  command: z.array(z.string()).optional(),
  // Booleans are refused: compose versions disagree on how they turn into strings.
  environment: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
  depends_on: z.record(z.string(), z.object({ condition: Condition })).optional(),
  healthcheck: z.object({ test: z.array(z.string()).min(2) }).optional(),
  ports: z.array(z.string()).optional(),
  networks: z.array(z.string()).optional(),
  profiles: z.array(z.string()).optional(),
  secrets: z.array(z.string()).optional(),
  restart: z.string().optional(),
  container_name: z.string().optional(),
  deploy: z.object({ replicas: z.number().int().min(1).optional() }).optional(),
  volumes: z.array(z.string()).optional(),
});
type Service = z.infer<typeof Service>;
const ComposeFile = z.object({
  services: z.record(z.string(), Service),
  volumes: z.record(z.string(), z.unknown()).optional(),
  networks: z.record(z.string(), z.object({ internal: z.boolean().optional() }).nullable()).optional(),
  secrets: z.record(z.string(), z.object({ file: z.string().min(1) })).optional(),
});

type Loaded = { raw: unknown; compose: z.infer<typeof ComposeFile> };

/** Loaded once; a file that does not parse fails the first test by name, and every other with the same cause. */
const loaded: Loaded | Error = (() => {
  try {
    const raw: unknown = parse(COMPOSE_TEXT, { merge: true });
    return { raw, compose: ComposeFile.parse(interpolateDeep(raw, OPERATOR_ENV)) };
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error));
  }
})();

function load(): Loaded {
  if (loaded instanceof Error) throw loaded;
  return loaded;
}

const isPostgres = (service: Service) => (service.image ?? '').startsWith('postgres:');
const isNats = (service: Service) => (service.image ?? '').startsWith('nats:');
const isRedis = (service: Service) => (service.image ?? '').startsWith('redis:');
/** Services running the hub's own image: not a database server, not the NATS server, not Redis. */
const hubServices = () => Object.entries(load().compose.services).filter(([, svc]) => !isPostgres(svc) && !isNats(svc) && !isRedis(svc));
const dbService = (department: Department) => `${department}-db`;
const upper = (department: Department) => department.toUpperCase();

function service(name: string): Service {
  const found = load().compose.services[name];
  if (!found) throw new Error(`docker-compose.yml has no service "${name}"`);
  return found;
}

function environmentOf(svc: Service): Record<string, string> {
  return Object.fromEntries(Object.entries(svc.environment ?? {}).map(([key, value]) => [key, String(value)]));
}

/** The image's own `ENV` lines, which every hub container inherits. */
function imageEnvironment(): Record<string, string> {
  const vars: Record<string, string> = {};
  for (const line of DOCKERFILE_TEXT.split('\n')) {
    const match = /^ENV\s+(.+)$/.exec(line.trim());
    if (!match?.[1]) continue;
    for (const pair of match[1].trim().split(/\s+/)) {
      const [key, ...rest] = pair.split('=');
      if (!key || rest.length === 0) throw new Error(`Unsupported ENV form in Dockerfile: ${line}`);
      vars[key] = rest.join('=');
    }
  }
  return vars;
}

/** What the process inside the container would validate: image ENV overlaid by the service's. */
function containerEnv(svc: Service): Record<string, string> {
  return { ...imageEnvironment(), ...environmentOf(svc) };
}

function dockerfileCommand(): string[] {
  const match = /^CMD\s+(\[.*\])\s*$/m.exec(DOCKERFILE_TEXT);
  if (!match?.[1]) throw new Error('The Dockerfile has no exec-form CMD');
  return z.array(z.string()).parse(JSON.parse(match[1]));
}

/** Where `npm run build` puts a source file's JavaScript. */
const BUILT = /^dist\/(.+)\.js$/;
/** The sources a command runs: `dist/scripts/migrate.js` runs what `scripts/migrate.ts` says. */
const scriptsIn = (command: readonly string[]) => command.filter((arg) => /\.[cm]?[tj]s$/.test(arg)).map((arg) => arg.replace(BUILT, '$1.ts'));
/** A command with each built file named by its source. */
const asSources = (command: readonly string[] | undefined) => (command ?? []).map((arg) => arg.replace(BUILT, '$1.ts'));

function healthcheckUrl(svc: Service): URL {
  const script = svc.healthcheck?.test.at(-1) ?? '';
  const match = /fetch\('([^']+)'\)/.exec(script);
  if (!match?.[1]) throw new Error(`healthcheck does not fetch a URL: ${script}`);
  return new URL(match[1]);
}

describe('docker-compose.yml', () => {
  it('parses as YAML into the compose shape the hub relies on', () => {
    expect(loaded instanceof Error ? loaded.message : 'parsed').toBe('parsed');
    expect(Object.keys(load().compose.services).length).toBeGreaterThan(0);
  });

  it('names a service for every composed subgraph, the gateway and the migration', () => {
    const names = Object.keys(load().compose.services);
    for (const name of SUBGRAPH_NAMES) expect(names).toContain(name);
    expect(names).toContain('gateway');
    expect(names).toContain('migrate');
  });

  it("runs each subgraph's service with the entry point its registry entry names", () => {
    for (const name of SUBGRAPH_NAMES) {
      const entryPoint = SUBGRAPHS[name].serve.entryPoint;
      expect(asSources(service(name).command).slice(-entryPoint.length), name).toEqual([...entryPoint]);
    }
  });

  it('refuses to start until each department database password, and the audit store password, is supplied', () => {
    for (const name of [...DEPARTMENTS.map(upper), 'AUDIT', 'AUDIT_WRITER', 'AUDIT_READER', 'EXCHANGE', 'EXCHANGE_OUTBOX']) {
      const missing = { ...OPERATOR_ENV };
      delete missing[`${name}_DB_PASSWORD`];
      expect(() => interpolateDeep(load().raw, missing)).toThrow(`${name}_DB_PASSWORD`);
    }
  });

  it('commits no literal password', () => {
    const parsedRaw = ComposeFile.parse(load().raw);
    const required = /^\$\{[A-Z][A-Z0-9_]*:\?[^}]*\}$/;
    for (const [name, svc] of Object.entries(parsedRaw.services)) {
      for (const [key, value] of Object.entries(svc.environment ?? {})) {
        const text = String(value);
        if (/PASSWORD|SECRET/.test(key)) expect(text, `${name}.${key}`).toMatch(required);
        for (const userinfo of text.matchAll(/[a-z][a-z0-9+.-]*:\/\/[^/@\s]*?:(.*?)@/gi)) {
          expect(userinfo[1], `password inside ${name}.${key}`).toMatch(required);
        }
      }
    }
    for (const [name, value] of Object.entries(OPERATOR_ENV)) {
      expect(COMPOSE_TEXT, name).not.toContain(value);
    }
  });

  it('gives every department its own PostgreSQL server with a volume and a readiness check', () => {
    for (const department of DEPARTMENTS) {
      const db = service(dbService(department));
      expect(db.image).toMatch(/^postgres:15(\b|$)/);
      const volume = (db.volumes ?? []).find((v) => v.endsWith(':/var/lib/postgresql/data'));
      expect(volume, `${department} data volume`).toBeDefined();
      expect(Object.keys(load().compose.volumes ?? {})).toContain(volume?.split(':')[0]);
      expect(db.healthcheck?.test).toContain('pg_isready');
    }
    const volumes = DEPARTMENTS.map((d) => service(dbService(d)).volumes?.[0]);
    expect(new Set(volumes).size).toBe(DEPARTMENTS.length);
  });

  it("points each subgraph at its own department's database and the audit store, and no other", () => {
    for (const department of DEPARTMENTS) {
      const env = environmentOf(service(department));
      const url = env[`${upper(department)}_DATABASE_URL`];
      expect(url, `${department} database URL`).toBeDefined();
      expect(new URL(url as string).hostname).toBe(dbService(department));
      const databaseKeys = Object.keys(env).filter((key) => key.endsWith('DATABASE_URL'));
      expect(databaseKeys.sort(), `${department} sees only its own database and the audit store`).toEqual(['AUDIT_WRITER_DATABASE_URL', `${upper(department)}_DATABASE_URL`].sort());
      expect(new URL(env.AUDIT_WRITER_DATABASE_URL ?? '').hostname, `${department} records in the audit store`).toBe('audit-db');
      for (const other of DEPARTMENTS.filter((d) => d !== department)) {
        expect(Object.values(env).join(' '), `${department} mentions ${other}'s database`).not.toContain(dbService(other));
      }
    }
  });

  it("keeps each department's database on a private network only its own subgraph joins", () => {
    for (const department of DEPARTMENTS) {
      const network = `${department}-net`;
      expect(service(dbService(department)).networks).toContain(network);
      expect(load().compose.networks?.[network]?.internal, `${network} is internal`).toBe(true);
      const members = Object.entries(load().compose.services)
        .filter(([, svc]) => (svc.networks ?? []).includes(network))
        .map(([name]) => name);
      const subgraphsOnIt = members.filter((name) => (SUBGRAPH_NAMES as readonly string[]).includes(name));
      expect(subgraphsOnIt).toEqual([department]);
      expect(members).not.toContain('gateway');
      // Any other network it is on is the police outbox's, which the exchange alone joins.
      for (const other of (service(dbService(department)).networks ?? []).filter((n) => n !== network)) {
        expect(`${department}: ${other}`).toBe('police: police-outbox-net');
      }
    }
  });

  it("has the exchange read the police outbox as a login of the outbox role, never as the police database's owner, on a network of its own", () => {
    const exchange = service('exchange');
    const url = new URL(environmentOf(exchange).EXCHANGE_OUTBOX_DATABASE_URL ?? 'postgres://unset.invalid');
    expect(url.hostname).toBe(dbService('police'));
    expect(decodeURIComponent(url.username)).not.toBe(environmentOf(service(dbService('police'))).POSTGRES_USER);
    // The migration makes that login, with that password, a member of hub_exchange_outbox.
    expect(environmentOf(service('migrate')).EXCHANGE_OUTBOX_DATABASE_URL).toBe(url.toString());
    expect(exchange.networks).not.toContain('police-net');
    expect(exchange.networks).toContain('police-outbox-net');
    expect(load().compose.networks?.['police-outbox-net']?.internal).toBe(true);
    const members = Object.entries(load().compose.services)
      .filter(([, svc]) => (svc.networks ?? []).includes('police-outbox-net'))
      .map(([name]) => name);
    expect(members.sort()).toEqual(['exchange', dbService('police')].sort());
  });

  it('sets only variables the environment module knows, with values it accepts', () => {
    for (const [name, svc] of hubServices()) {
      const env = containerEnv(svc);
      let parsed: Env | undefined;
      expect(() => {
        parsed = parseEnv(env);
      }, name).not.toThrow();
      // The schema drops keys it does not declare, so a key missing from the result is unknown to it.
      for (const key of Object.keys(env)) {
        expect(parsed?.[key as keyof Env], `${name}: ${key} is read by hub/env.ts`).toBeDefined();
      }
    }
  });

  it('runs every hub process in production mode, listening on all interfaces', () => {
    for (const [name, svc] of hubServices()) {
      const parsed = parseEnv(containerEnv(svc));
      expect(parsed.NODE_ENV, name).toBe('production');
      expect(parsed.HUB_HOST, name).toBe('0.0.0.0');
    }
  });

  it('routes the gateway to the subgraph services on the ports those services listen on', () => {
    const gateway = parseEnv(containerEnv(service('gateway')));
    for (const department of SUBGRAPH_NAMES) {
      const listens = subgraphPort(parseEnv(containerEnv(service(department))), department);
      const route = new URL(gateway[SUBGRAPHS[department].urlVariable] ?? 'http://unset.invalid');
      expect(route.hostname, `${department} route host`).toBe(department);
      expect(Number(route.port), `${department} route port`).toBe(listens);
      expect(route.pathname).toBe('/graphql');
      const check = healthcheckUrl(service(department));
      expect(Number(check.port), `${department} healthcheck port`).toBe(listens);
      expect(check.pathname).toBe('/ready');
    }
  });

  it('publishes the gateway on the port it listens on and checks its health there', () => {
    const gateway = service('gateway');
    const port = parseEnv(containerEnv(gateway)).GATEWAY_PORT;
    expect(gateway.ports).toContain(`${port}:${port}`);
    const check = healthcheckUrl(gateway);
    expect(Number(check.port)).toBe(port);
    expect(check.pathname).toBe('/health');
  });

  it('starts the gateway once its audit store is up and migrated, whichever departments are up', () => {
    const dependsOn = service('gateway').depends_on ?? {};
    expect(dependsOn).toEqual({ 'audit-db': { condition: 'service_healthy' }, migrate: { condition: 'service_completed_successfully' } });
    for (const name of SUBGRAPH_NAMES) expect(Object.keys(dependsOn), name).not.toContain(name);
  });

  it('migrates every database once, before any subgraph starts, and subgraphs never migrate or seed themselves', () => {
    const migrate = service('migrate');
    expect(scriptsIn(migrate.command ?? [])).toEqual(['scripts/migrate.ts']);
    expect(migrate.restart).toBe('no');
    const migrateEnv = environmentOf(migrate);
    for (const department of DEPARTMENTS) {
      expect(migrate.depends_on?.[dbService(department)]?.condition).toBe('service_healthy');
      expect(new URL(migrateEnv[`${upper(department)}_DATABASE_URL`] ?? '').hostname).toBe(dbService(department));
      expect(migrateEnv[`${upper(department)}_DATABASE_URL`]).toBe(environmentOf(service(department))[`${upper(department)}_DATABASE_URL`]);

      const subgraph = service(department);
      expect(subgraph.depends_on?.migrate?.condition, department).toBe('service_completed_successfully');
      expect(subgraph.depends_on?.[dbService(department)]?.condition, department).toBe('service_healthy');
      expect(asSources(subgraph.command).slice(-2)).toEqual(['scripts/serve-subgraph.ts', department]);
      const parsed = parseEnv(containerEnv(subgraph));
      expect(parsed.HUB_MIGRATE_ON_START, department).toBe(false);
      expect(parsed.HUB_SEED_ON_START, department).toBe(false);
    }
    expect(migrate.depends_on?.['audit-db']?.condition).toBe('service_healthy');
    expect(new URL(migrateEnv.AUDIT_DATABASE_URL ?? '').hostname).toBe('audit-db');
    // The migration makes the logins the services connect as.
    for (const variable of ['AUDIT_WRITER_DATABASE_URL', 'AUDIT_READER_DATABASE_URL']) {
      expect(migrateEnv[variable], variable).toBe(environmentOf(service('audit'))[variable]);
    }
    expect(service('audit').depends_on?.migrate?.condition).toBe('service_completed_successfully');
    // The gateway writes to the audit store too, and never migrates it.
    for (const name of ['audit', 'gateway']) expect(parseEnv(containerEnv(service(name))).HUB_MIGRATE_ON_START, name).toBe(false);
    expect(asSources(service('audit').command).slice(-2)).toEqual(['scripts/serve-subgraph.ts', 'audit']);
  });

  it('keeps the audit store on a server and a private network of its own, reached by every subgraph and the gateway', () => {
    const db = service('audit-db');
    expect(db.image).toMatch(/^postgres:15(\b|$)/);
    expect((db.volumes ?? []).some((v) => v.endsWith(':/var/lib/postgresql/data'))).toBe(true);
    expect(db.networks).toEqual(['audit-net']);
    expect(load().compose.networks?.['audit-net']?.internal).toBe(true);
    const members = Object.entries(load().compose.services)
      .filter(([, svc]) => (svc.networks ?? []).includes('audit-net'))
      .map(([name]) => name);
    for (const name of [...SUBGRAPH_NAMES, 'gateway', 'migrate']) expect(members, name).toContain(name);
    for (const department of DEPARTMENTS) expect(members).not.toContain(dbService(department));
    const audit = environmentOf(service('gateway')).AUDIT_WRITER_DATABASE_URL ?? '';
    expect(new URL(audit).hostname).toBe('audit-db');
    for (const name of [...SUBGRAPH_NAMES, 'gateway']) {
      expect(environmentOf(service(name)).AUDIT_WRITER_DATABASE_URL, name).toBe(audit);
    }
    // The gateway reaches the audit store, the subgraphs and its shared state, never a department's database.
    expect(service('gateway').networks?.sort()).toEqual(['audit-net', 'hub', 'limits-net']);
  });

  it('gives every gateway and declarations replica one Redis to count limits in, on a private network only they and Redis join', () => {
    const redis = service('redis');
    expect(redis.image).toMatch(/^redis:7(-alpine)?$/);
    expect(redis.ports).toBeUndefined();
    expect(redis.healthcheck?.test.join(' ')).toContain('ping');
    const [network] = redis.networks as [string];
    expect(load().compose.networks?.[network]?.internal).toBe(true);
    const members = Object.entries(load().compose.services)
      .filter(([, svc]) => (svc.networks ?? []).includes(network))
      .map(([name]) => name)
      .sort();
    expect(members).toEqual(['declarations', 'gateway', 'redis']);
    for (const name of ['gateway', 'declarations']) expect(environmentOf(service(name)).REDIS_URL, name).toBe('redis://redis:6379');
  });

  it('connects every hub process to the audit store through a role, never as its owner; only the migration is the owner', () => {
    const migrateEnv = environmentOf(service('migrate'));
    const owner = environmentOf(service('audit-db')).POSTGRES_USER;
    const userOf = (url: string | undefined) => decodeURIComponent(new URL(url ?? 'postgres://unset.invalid').username);
    expect(userOf(migrateEnv.AUDIT_DATABASE_URL)).toBe(owner);
    expect(userOf(migrateEnv.AUDIT_WRITER_DATABASE_URL)).not.toBe(owner);
    expect(userOf(migrateEnv.AUDIT_READER_DATABASE_URL)).not.toBe(owner);
    for (const [name, svc] of hubServices().filter(([name]) => name !== 'migrate')) {
      const env = environmentOf(svc);
      expect(env.AUDIT_DATABASE_URL, `${name} holds no owner URL`).toBeUndefined();
      if (env.AUDIT_WRITER_DATABASE_URL) expect(userOf(env.AUDIT_WRITER_DATABASE_URL), name).toBe(userOf(migrateEnv.AUDIT_WRITER_DATABASE_URL));
      if (env.AUDIT_READER_DATABASE_URL) expect(userOf(env.AUDIT_READER_DATABASE_URL), name).toBe(userOf(migrateEnv.AUDIT_READER_DATABASE_URL));
    }
    expect(environmentOf(service('audit')).AUDIT_READER_DATABASE_URL).toBeDefined();
  });

  it('signs audit checkpoints in a process of its own, reading as the reader, into a volume of its own, with a key no other service holds', () => {
    const signer = service('audit-checkpoint');
    const env = parseEnv(containerEnv(signer));
    expect(asSources(signer.command).slice(-1)).toEqual(['scripts/audit-checkpoint.ts']);
    expect(env.AUDIT_READER_DATABASE_URL).toBe(environmentOf(service('audit')).AUDIT_READER_DATABASE_URL);
    expect(env.AUDIT_WRITER_DATABASE_URL).toBeUndefined();
    const volume = (signer.volumes ?? []).find((v) => v.endsWith(`:${env.AUDIT_CHECKPOINT_DIR}`));
    expect(volume, 'checkpoint volume').toBeDefined();
    // Only the audit subgraph reads it besides, read-only, to verify the log against it; no other service mounts it.
    const [volumeName] = volume!.split(':');
    for (const [name, svc] of Object.entries(load().compose.services).filter(([name]) => name !== 'audit-checkpoint')) {
      const mounts = (svc.volumes ?? []).filter((v) => v.split(':')[0] === volumeName);
      expect(mounts, name).toEqual(name === 'audit' ? [`${volumeName}:${env.AUDIT_CHECKPOINT_DIR}:ro`] : []);
      expect(svc.secrets ?? [], name).not.toContain('audit-checkpoint-key');
    }
    const audit = parseEnv(containerEnv(service('audit')));
    expect(audit.AUDIT_CHECKPOINT_DIR).toBe(env.AUDIT_CHECKPOINT_DIR);
    expect(audit.AUDIT_CHECKPOINT_PUBLIC_KEY_FILE).toBe('/run/secrets/audit-checkpoint-public');
    expect(audit.AUDIT_CHECKPOINT_KEY_FILE).toBeUndefined();
    // It has partner cities witness each checkpoint, as the exchange's city: the same store and signing key.
    expect(signer.secrets).toEqual(['audit-checkpoint-key', 'exchange-signing-key']);
    expect(env.AUDIT_CHECKPOINT_KEY_FILE).toBe('/run/secrets/audit-checkpoint-key');
    const exchange = parseEnv(containerEnv(service('exchange')));
    expect(env.EXCHANGE_DATABASE_URL).toBe(exchange.EXCHANGE_DATABASE_URL);
    expect(env.EXCHANGE_SIGNING_KEY_FILE).toBe(exchange.EXCHANGE_SIGNING_KEY_FILE);
    expect([env.HUB_CITY_CODE, env.HUB_CITY_NAME]).toEqual([exchange.HUB_CITY_CODE, exchange.HUB_CITY_NAME]);
    expect(signer.deploy?.replicas).toBe(1);
  });

  it('gives the internal-token private key to the gateway alone, and its public key to every subgraph', () => {
    const { services } = load().compose;
    expect(services.gateway?.secrets).toEqual(['gateway-internal-private']);
    expect(services.gateway?.environment?.INTERNAL_TOKEN_PRIVATE_KEY_FILE).toBe('/run/secrets/gateway-internal-private');
    for (const name of SUBGRAPH_NAMES) {
      const service = services[name];
      // The exchange also signs what this city sends partner cities, and the alert store its webhooks, with the city's key.
      // The audit subgraph checks audit checkpoints with their public key; the declarations subgraph signs premises links.
      const own: Record<string, string[]> = {
        exchange: ['exchange-signing-key'],
        alerts: ['exchange-signing-key'],
        audit: ['audit-checkpoint-public'],
        declarations: ['premises-link-key'],
      };
      expect(service?.secrets, name).toEqual(['gateway-internal-public', ...(own[name] ?? [])]);
      expect(service?.environment?.INTERNAL_TOKEN_PUBLIC_KEY_FILE, name).toBe('/run/secrets/gateway-internal-public');
      expect(service?.environment?.INTERNAL_TOKEN_PRIVATE_KEY_FILE, name).toBeUndefined();
    }
  });

  it('leaves the subgraphs free to scale out, and publishes only the inbox partner cities deliver to', () => {
    for (const department of SUBGRAPH_NAMES) {
      const subgraph = service(department);
      // A fixed container name or a host port would pin a service to one container.
      expect(subgraph.container_name, department).toBeUndefined();
      if (department === 'exchange') {
        const inbox = parseEnv(containerEnv(subgraph)).EXCHANGE_INBOX_PORT;
        expect(subgraph.ports).toEqual([`${inbox}:${inbox}`]);
        continue;
      }
      expect(subgraph.ports, department).toBeUndefined();
      expect(subgraph.deploy?.replicas ?? 1, department).toBeGreaterThanOrEqual(1);
    }
  });

  it('runs a NATS JetStream server with a volume and a health check, which every outbox relay waits for and reaches on a private network', () => {
    const nats = service('nats');
    expect(nats.image).toMatch(/^nats:2(-alpine)?$/);
    expect(nats.command).toContain('-js');
    const [volume] = nats.volumes ?? [];
    expect(Object.keys(load().compose.volumes ?? {})).toContain(volume?.split(':')[0]);
    expect(nats.healthcheck?.test.join(' ')).toContain('healthz');
    expect(nats.ports).toBeUndefined();
    const [network] = nats.networks as [string];
    expect(load().compose.networks?.[network]?.internal).toBe(true);
    for (const source of new Set(Object.values(EVENT_SOURCES))) {
      const relay = service(source);
      expect(parseEnv(containerEnv(relay)).EVENTS_NATS_URL, source).toBe('nats://nats:4222');
      expect(relay.depends_on?.nats?.condition, source).toBe('service_healthy');
      expect(relay.networks, source).toContain(network);
    }
  });

  it('runs the alert rules where their owners run, on the same NATS as the alert store, with the rule settings passed through', () => {
    const network = (service('nats').networks as [string])[0];
    const owners = new Set(ALERT_RULES.map((rule) => rule.evaluatedBy));
    for (const name of [...owners, 'alerts']) {
      const svc = service(name);
      expect(parseEnv(containerEnv(svc)).EVENTS_NATS_URL, name).toBe('nats://nats:4222');
      expect(svc.depends_on?.nats?.condition, name).toBe('service_healthy');
      expect(svc.networks, name).toContain(network);
    }
    for (const owner of owners) {
      const environment = environmentOf(service(owner));
      for (const variable of ['ALERT_UNREGISTERED_TENANT_DAYS', 'ALERT_PASS_SECONDS'] as const) {
        expect(environment[variable], `${owner}: ${variable}`).toBeDefined();
        // The fallback is the hub's own default, so compose and npm start agree.
        expect(parseEnv(containerEnv(service(owner)))[variable], `${owner}: ${variable}`).toBe(parseEnv({})[variable]);
      }
    }
  });

  it('keeps the demo seed job out of a default start', () => {
    const seed = service('seed');
    expect(seed.profiles).toEqual(['demo']);
    expect(seed.depends_on?.migrate?.condition).toBe('service_completed_successfully');
    expect(scriptsIn(seed.command ?? [])).toEqual(['scripts/seed.ts']);
  });

  it('starts the image and every hub service with plain node on the JavaScript the build makes of scripts that exist', () => {
    const commands = [dockerfileCommand(), ...hubServices().map(([, svc]) => svc.command ?? [])];
    for (const command of commands) {
      expect(command.slice(0, 2), command.join(' ')).toEqual(['node', '--enable-source-maps']);
      expect(command, command.join(' ')).not.toContain('--import');
      const script = command[2] ?? '';
      expect(script, command.join(' ')).toMatch(BUILT);
      expect(existsSync(fromRoot(scriptsIn([script])[0]!)), script).toBe(true);
    }
    expect(scriptsIn(dockerfileCommand())).toEqual(['scripts/serve-gateway.ts']);
  });
});

describe('Dockerfile', () => {
  it('builds on Node 20 slim, installs production dependencies only and runs as the node user', () => {
    expect(DOCKERFILE_TEXT).toMatch(/^FROM node:20-bookworm-slim\b/m);
    expect(DOCKERFILE_TEXT).toMatch(/^RUN npm ci --omit=dev\b/m);
    expect(DOCKERFILE_TEXT).toMatch(/^USER node\s*$/m);
    // Compiled in a stage of its own; what runs holds the build and production dependencies, no sources.
    expect(DOCKERFILE_TEXT).toMatch(/^RUN npm run build\s*$/m);
    expect(DOCKERFILE_TEXT).toMatch(/^COPY --from=build \/app\/dist \.\/dist\s*$/m);
    const runtime = DOCKERFILE_TEXT.slice(DOCKERFILE_TEXT.lastIndexOf('\nFROM '));
    expect(runtime).not.toMatch(/^COPY \. /m);
    expect(DOCKERFILE_TEXT).not.toMatch(/^(ARG|ENV)\s+\S*(PASSWORD|SECRET|TOKEN|DATABASE_URL)/im);
  });

  it('keeps dependencies, local data, tests and secrets out of the build context', () => {
    const ignored = readFileSync(fromRoot('.dockerignore'), 'utf8')
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line && !line.startsWith('#'));
    for (const entry of ['node_modules', 'data', 'dist', '.git', 'tests', '.env']) expect(ignored).toContain(entry);
  });
});
