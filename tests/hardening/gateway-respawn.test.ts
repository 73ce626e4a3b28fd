import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openAuditDatabase } from '../../audit/database.js';
import { buildForTest, type TestBuild } from '../support/build.js';
import { newRunId } from '../support/databases.js';
import { cleanEnv, dropServerDatabases, freePort, groupEnded, killLeftovers, portRefuses, serverDatabase, SERVER_URL, startCommand, untilAnswers, type Started } from '../support/processes.js';
import { startTcpProxy, type TcpProxy } from '../support/tcp-proxy.js';

/*
 * The gateway cluster (scripts/gateway-cluster.ts, from the build) whose
 * workers cannot start because the audit store refuses connections: each
 * worker's place is refilled after a delay that doubles with every death in
 * a row, up to the most the settings allow, instead of in a tight loop; each
 * worker says why it stops in one line; and once the store answers, workers
 * start and the gateway becomes ready with no one restarting anything.
 */

const BASE_MS = 100;
const MAX_MS = 800;
const DEATHS = 5;
const runId = newRunId();
let build: TestBuild;
let proxy: TcpProxy;
let port: number;
let cluster: Started;
let dataDir: string;

interface Respawn {
  slot: number;
  restartInMs: number;
  deathsInARow: number;
}

const logged = () =>
  cluster
    .stdout()
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Record<string, unknown>);

const respawns = (): Respawn[] => logged().filter((line) => line.msg === 'gateway worker exited; starting another after a delay') as unknown as Respawn[];

beforeAll(async () => {
  build = await buildForTest();
  const auditUrl = serverDatabase(`t${runId}_respawn_audit`);
  await (await openAuditDatabase({ kind: 'postgres', url: auditUrl, poolSize: 1 }, { migrate: true })).close();
  const server = new URL(SERVER_URL);
  proxy = await startTcpProxy(server.hostname, Number(server.port || 5432));
  await proxy.refuse();
  const proxied = new URL(auditUrl);
  proxied.hostname = '127.0.0.1';
  proxied.port = String(proxy.port);
  port = await freePort();
  dataDir = mkdtempSync(path.join(tmpdir(), 'hub-respawn-'));
  cluster = startCommand(
    process.execPath,
    ['--enable-source-maps', build.built('scripts/gateway-cluster.ts')],
    cleanEnv({
      HUB_DATA_DIR: dataDir,
      GATEWAY_PORT: String(port),
      GATEWAY_WORKERS: '2',
      GATEWAY_RESPAWN_BASE_MS: String(BASE_MS),
      GATEWAY_RESPAWN_MAX_MS: String(MAX_MS),
      AUDIT_DATABASE_URL: proxied.toString(),
      HUB_MIGRATE_ON_START: 'false',
    }),
  );
  // Until each place has seen its workers die DEATHS times in a row.
  const deadline = Date.now() + 240_000;
  const enough = () => [0, 1].every((slot) => respawns().filter((r) => r.slot === slot).length >= DEATHS);
  while (!enough()) {
    if (Date.now() > deadline || cluster.child.exitCode !== null) throw new Error(`the workers did not die ${DEATHS} times each:\n${cluster.stdout().slice(-3000)}\n${cluster.stderr().slice(-3000)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}, 400_000);

afterAll(async () => {
  killLeftovers();
  await proxy?.reopen();
  await proxy?.close();
  await dropServerDatabases();
  build?.remove();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('a gateway cluster whose workers cannot reach the audit store', () => {
  it('refills each worker’s place after a delay doubling with each death in a row, up to GATEWAY_RESPAWN_MAX_MS', () => {
    for (const slot of [0, 1]) {
      const delays = respawns()
        .filter((r) => r.slot === slot)
        .slice(0, DEATHS);
      expect(delays.map((r) => r.restartInMs), `place ${slot}`).toEqual(Array.from({ length: DEATHS }, (_, i) => Math.min(BASE_MS * 2 ** i, MAX_MS)));
      expect(delays.map((r) => r.deathsInARow)).toEqual(Array.from({ length: DEATHS }, (_, i) => i + 1));
    }
  });

  it('keeps the primary running, each worker saying in one line why it stops and nothing of where the store is', () => {
    expect(cluster.child.exitCode).toBeNull();
    const fatal = logged().filter((line) => line.level === 60);
    expect(fatal.length).toBeGreaterThanOrEqual(DEATHS * 2);
    for (const line of fatal) {
      expect(line.msg).toBe('the audit store does not answer: the gateway records every request there, and does not start without it');
      expect(line.reason).toBe('ECONNREFUSED');
    }
    const output = `${cluster.stdout()}${cluster.stderr()}`;
    expect(output).not.toMatch(/\n\s+at .+:\d+:\d+/);
    expect(output).not.toContain(String(proxy.port));
  });

  it('becomes ready by itself once the audit store answers, and stops whole on SIGTERM to the primary', async () => {
    await proxy.reopen();
    await untilAnswers(`http://127.0.0.1:${port}/ready`, cluster, 120_000);
    process.kill(cluster.child.pid!, 'SIGTERM');
    expect(await cluster.exited).toEqual({ code: 0, signal: null });
    await groupEnded(cluster.pgid);
    expect(await portRefuses(port)).toBe(true);
  }, 180_000);
});
