import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signCallerToken } from '../../auth/caller.js';
import { readSigningKey } from '../../auth/keys.js';
import { SMOKE_ISSUER } from '../../hub/keys.js';
import { derivedDatabaseUrl } from '../../platform/db.js';
import { fromRoot } from '../../platform/paths.js';
import { seedCity } from '../../seed/index.js';
import { openSubgraphDatabase } from '../../subgraphs/databases.js';
import { DEPARTMENTS, SUBGRAPH_NAMES, SUBGRAPHS, type DepartmentDatabases } from '../../subgraphs/registry.js';
import { claimsFor, parseTokenArgs } from '../../scripts/token.js';
import { buildForTest, type TestBuild } from '../support/build.js';
import { newRunId } from '../support/databases.js';
import { graphql } from '../support/graphql.js';
import { cleanEnv, dropServerDatabases, freePort, killLeftovers, portRefuses, serverDatabase, SERVER_URL, startCommand, untilAnswers, type Started } from '../support/processes.js';
import { startTcpProxy, type TcpProxy } from '../support/tcp-proxy.js';

/*
 * `npm run build` as production runs it: the build is made once for this
 * file, and a gateway and the police subgraph are started from it with plain
 * node, NODE_ENV=production, on keys `npm run keys` made and on PostgreSQL
 * (the parts as separate processes share the audit store, which an embedded
 * store cannot be). The smoke test the operations page documents is run
 * against them, the audit store is taken away and given back behind a TCP
 * proxy, and the gateway is stopped the way a container runtime stops it.
 */

const run = promisify(execFile);
const runId = newRunId();
const stem = `t${runId}b`;
const SMOKE_ISSUER_NAME = 'urn:population-data-hub:smoke-test';
const folders: string[] = [];

let build: TestBuild;
let keysDir: string;
let proxy: TcpProxy;
let gatewayPort: number;
let policePort: number;
let gateway: Started;
let police: Started;

const node = (script: string) => ['--enable-source-maps', build.built(script)];
const keyFile = (name: string, part: 'private' | 'public', form: 'jwk' | 'jwks' = 'jwk') =>
  path.join(keysDir, part === 'private' ? `${name}.private.jwk.json` : form === 'jwks' ? `${name}.jwks.json` : `${name}.public.jwk.json`);

function folder(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'hub-build-'));
  folders.push(dir);
  return dir;
}

/** Every store's database on the server, as DATABASE_URL would derive them. */
const storeUrl = (name: string) => derivedDatabaseUrl(SERVER_URL, `${stem}_${name}`);

/** The audit store, reached through the proxy the tests take away. */
function auditThroughProxy(): string {
  const url = new URL(storeUrl('audit'));
  url.hostname = '127.0.0.1';
  url.port = String(proxy.port);
  return url.toString();
}

async function smokeToken(): Promise<string> {
  const signer = await readSigningKey(keyFile(SMOKE_ISSUER.name, 'private'), 'EdDSA');
  return signCallerToken(signer, claimsFor(parseTokenArgs(['--dept', 'police', '--sub', 'build-test'])!), { issuer: SMOKE_ISSUER_NAME, audience: 'population-data-hub', ttlSeconds: 300 });
}

beforeAll(async () => {
  build = await buildForTest();
  keysDir = path.join(folder(), 'keys');
  await run(process.execPath, [...node('scripts/keys.ts'), '--out', keysDir, '--smoke-issuer'], { env: cleanEnv({}) });
  for (const name of SUBGRAPH_NAMES) serverDatabase(`${stem}_${name}`);
  // The migration step, as compose runs it before anything serves.
  await run(process.execPath, node('scripts/migrate.ts'), { env: cleanEnv({ NODE_ENV: 'production', DATABASE_URL: derivedDatabaseUrl(SERVER_URL, stem) }) });
  const departments = Object.fromEntries(
    await Promise.all(DEPARTMENTS.map(async (name) => [name, await openSubgraphDatabase(name, { kind: 'postgres', url: storeUrl(name), poolSize: 2 }, { migrate: false })])),
  ) as DepartmentDatabases;
  try {
    await seedCity(departments, { persons: 20, key: 'built-hub', cityCode: '510100' });
  } finally {
    await Promise.all(Object.values(departments).map((database) => database.close()));
  }

  const server = new URL(SERVER_URL);
  proxy = await startTcpProxy(server.hostname, Number(server.port || 5432));
  [gatewayPort, policePort] = [await freePort(), await freePort()];
  const production = { NODE_ENV: 'production', HUB_MIGRATE_ON_START: 'false', HUB_DATA_DIR: folder(), AUDIT_DATABASE_URL: auditThroughProxy() };
  police = startCommand(
    process.execPath,
    [...node('scripts/serve-subgraph.ts'), 'police'],
    cleanEnv({ ...production, [SUBGRAPHS.police.port.variable]: String(policePort), POLICE_DATABASE_URL: storeUrl('police'), INTERNAL_TOKEN_PUBLIC_KEY_FILE: keyFile('gateway-internal', 'public', 'jwks') }),
  );
  gateway = startCommand(
    process.execPath,
    node('scripts/serve-gateway.ts'),
    cleanEnv({
      ...production,
      GATEWAY_PORT: String(gatewayPort),
      POLICE_URL: `http://127.0.0.1:${policePort}/graphql`,
      AUTH_JWKS_FILE: keyFile(SMOKE_ISSUER.name, 'public', 'jwks'),
      AUTH_ISSUER: SMOKE_ISSUER_NAME,
      INTERNAL_TOKEN_PRIVATE_KEY_FILE: keyFile('gateway-internal', 'private'),
    }),
  );
  await untilAnswers(`http://127.0.0.1:${policePort}/ready`, police);
  await untilAnswers(`http://127.0.0.1:${gatewayPort}/ready`, gateway);
}, 400_000);

afterAll(async () => {
  killLeftovers();
  await proxy?.reopen();
  await proxy?.close();
  await dropServerDatabases();
  build?.remove();
  for (const dir of folders) rmSync(dir, { recursive: true, force: true });
});

describe('npm run build', () => {
  it('writes JavaScript with a source map for every entry point, and beside the code the files it reads at run time', () => {
    for (const script of readdirSync(fromRoot('scripts')).filter((file) => file.endsWith('.ts'))) {
      const built = build.built(`scripts/${script}`);
      expect(existsSync(built), script).toBe(true);
      const map = JSON.parse(readFileSync(`${built}.map`, 'utf8')) as { sources: string[] };
      // The map names the TypeScript file, which a stack trace then points at.
      expect(map.sources.map((source) => path.resolve(path.dirname(built), source)), script).toEqual([fromRoot('scripts', script)]);
    }
    for (const name of SUBGRAPH_NAMES) {
      expect(existsSync(path.join(build.out, SUBGRAPHS[name].sdl)), SUBGRAPHS[name].sdl).toBe(true);
      expect(existsSync(path.join(build.out, SUBGRAPHS[name].database.migrations, 'meta', '_journal.json')), name).toBe(true);
    }
    expect(existsSync(path.join(build.out, 'schema', 'supergraph.graphql'))).toBe(true);
  });

  it('leaves nothing that needs TypeScript at run time: no import of a .ts file, no loader', () => {
    const scripts = readdirSync(path.join(build.out, 'scripts')).filter((file) => file.endsWith('.js'));
    for (const file of scripts) {
      const text = readFileSync(path.join(build.out, 'scripts', file), 'utf8');
      expect(text, file).not.toMatch(/from\s+["'][^"']+\.ts["']/);
      expect(text, file).not.toMatch(/["']tsx["']/);
    }
  });
});

describe('a production gateway and police subgraph started from the build with plain node', () => {
  it('pass the documented smoke test, with a token signed by the operator’s smoke-test key', async () => {
    const { stdout } = await run(
      process.execPath,
      [...node('scripts/smoke.ts'), '--gateway', `http://127.0.0.1:${gatewayPort}`, '--key', keyFile(SMOKE_ISSUER.name, 'private'), '--issuer', SMOKE_ISSUER_NAME],
      { env: cleanEnv({}) },
    );
    expect(stdout.split('\n').filter(Boolean)).toEqual([
      '/health 200',
      '/ready 200',
      expect.stringMatching(/^\/graphql 200: the police answered with 1 resident of the register \(request [0-9a-f-]{36}\)$/),
      'smoke test passed',
    ]);
  });

  it('the gateway is not ready while the audit store does not answer, every read is refused then, and both come back with it', async () => {
    await proxy.refuse();
    try {
      await untilAnswers(`http://127.0.0.1:${gatewayPort}/ready`, gateway, 60_000, 503);
      const refused = await graphql(`http://127.0.0.1:${gatewayPort}/graphql`, '{ persons(first: 2) { edges { node { id name } } } }', {}, {
        authorization: `Bearer ${await smokeToken()}`,
        'x-purpose': 'population-management',
      });
      expect(refused.body.data?.persons ?? null).toBeNull();
      expect(refused.body.errors?.map((e) => e.extensions?.code)).toEqual(['SERVICE_UNAVAILABLE']);
      expect(refused.body.errors?.[0]?.extensions?.service).toBe('police');
    } finally {
      await proxy.reopen();
    }
    await untilAnswers(`http://127.0.0.1:${gatewayPort}/ready`, gateway, 60_000, 200);
    const served = await graphql(`http://127.0.0.1:${gatewayPort}/graphql`, '{ persons(first: 2) { edges { node { id } } } }', {}, {
      authorization: `Bearer ${await smokeToken()}`,
      'x-purpose': 'population-management',
    });
    expect(served.body.errors).toBeUndefined();
    expect(served.body.data?.persons.edges).toHaveLength(2);
  }, 180_000);

  it('each stops on SIGTERM sent to node itself, as a container runtime sends it, exiting 0 and giving up its port', async () => {
    for (const [started, port] of [[gateway, gatewayPort], [police, policePort]] as const) {
      process.kill(started.child.pid!, 'SIGTERM');
      expect(await started.exited).toEqual({ code: 0, signal: null });
      expect(await portRefuses(port)).toBe(true);
      expect(started.stderr()).toBe('');
    }
  }, 60_000);
});
