import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PORT_VARIABLES } from '../../hub/hub.js';
import { LOCK_FILE } from '../../platform/data-folder-lock.js';
import { derivedDatabaseUrl } from '../../platform/db.js';
import { SUBGRAPH_NAMES, SUBGRAPHS } from '../../subgraphs/registry.js';
import * as police from '../../subgraphs/police/db/schema.js';
import { newRunId, openTestDatabase, usingPostgres } from '../support/databases.js';
import {
  cleanEnv,
  dropServerDatabases,
  freePort,
  groupAlive,
  groupEnded,
  killLeftovers,
  portRefuses,
  serverDatabase,
  SERVER_URL,
  startCommand,
  untilAnswers,
  type Started,
} from '../support/processes.js';

/*
 * Every documented way of starting a server, started as an operator does
 * (`npm start`, `npm run gateway`, …), is stopped by a signal sent to the
 * process the operator started — npm's, not the process group's — and
 * stops: its port is given up and no process it started is left behind.
 * npm passes the signal on only to its direct child, so each script execs
 * node in place of the shell (package.json).
 */

const runId = newRunId();
const folders: string[] = [];

afterAll(async () => {
  killLeftovers();
  for (const dir of folders) rmSync(dir, { recursive: true, force: true });
  await dropServerDatabases();
});

function dataFolder(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'hub-signals-'));
  folders.push(dir);
  return dir;
}

/** Sends `signal` to the operator's process alone, then holds it to stopping whole and giving up `port`. */
async function stopsOn(started: Started, signal: NodeJS.Signals, port: number): Promise<void> {
  expect(groupAlive(started.pgid)).toBe(true);
  process.kill(started.child.pid!, signal);
  await started.exited;
  await groupEnded(started.pgid, 60_000);
  expect(await portRefuses(port)).toBe(true);
  // Stopped, not crashed: no stack trace, no line logged at error or above.
  const output = `${started.stdout()}\n${started.stderr()}`;
  expect(output).not.toMatch(/\n\s+at .+:\d+:\d+/);
  const logged = output
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as { level: number; msg: string });
  expect(logged.filter((line) => line.level >= 50).map((line) => line.msg)).toEqual([]);
}

/** A subgraph process's own database and the audit store, on a server: they share it with the other processes. */
function serviceEnv(name: string, overrides: Record<string, string>): Record<string, string> {
  return cleanEnv({ HUB_DATA_DIR: dataFolder(), AUDIT_DATABASE_URL: serverDatabase(`t${runId}_${name}_audit`), ...overrides });
}

/**
 * `npm start` on a data folder of its own, every server on a port of its own; on PostgreSQL when the
 * tests are, each store a database of its own on the server, dropped afterwards.
 */
async function startHubProcess(stem: string, overrides: Record<string, string> = {}) {
  const dataDir = dataFolder();
  const gatewayPort = await freePort();
  const ports = Object.fromEntries(Object.values(PORT_VARIABLES).map((variable) => [variable, '0']));
  if (usingPostgres()) for (const name of SUBGRAPH_NAMES) serverDatabase(`${stem}_${name}`);
  const env = cleanEnv({
    ...ports,
    GATEWAY_PORT: String(gatewayPort),
    HUB_DATA_DIR: dataDir,
    HUB_SEED_ON_START: 'false',
    ...(usingPostgres() ? { DATABASE_URL: derivedDatabaseUrl(SERVER_URL, stem) } : {}),
    ...overrides,
  });
  delete env.LOG_LEVEL;
  return { dataDir, gatewayPort, started: startCommand('npm', ['start'], env) };
}

describe('npm start', () => {
  it('stops on SIGTERM to npm: the hub drains, closes its databases, gives up its ports and the data folder', async () => {
    const { dataDir, gatewayPort, started } = await startHubProcess(`t${runId}s`);
    // A first start creates and migrates seven embedded databases: seconds each on an idle machine, much longer on a busy one.
    await untilAnswers(`http://127.0.0.1:${gatewayPort}/ready`, started, 840_000);
    await stopsOn(started, 'SIGTERM', gatewayPort);
    expect(started.stdout()).toContain('SIGTERM: stopping');
    expect(existsSync(path.join(dataDir, LOCK_FILE))).toBe(false);
  }, 900_000);

  it('holds a SIGTERM that comes while it is still starting, and stops cleanly as soon as it has started', async () => {
    // Room for a slow start on a busy machine: the signal must not end it by the timer for a stuck shutdown.
    const { dataDir, gatewayPort, started } = await startHubProcess(`t${runId}e`, { SHUTDOWN_GRACE_MS: '120000' });
    // The first line the hub prints, before its databases are opened: the signal comes in the middle of the start.
    const deadline = Date.now() + 240_000;
    while (!started.stdout().includes('Starting the population data hub')) {
      if (Date.now() > deadline) throw new Error(`the hub printed nothing:\n${started.stdout()}\n${started.stderr()}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await stopsOn(started, 'SIGTERM', gatewayPort);
    // Stopped by its own hand (exit code 0), not killed by the signal.
    expect(await started.exited).toEqual({ code: 0, signal: null });
    expect(started.stdout()).toContain('SIGTERM: stopping');
    expect(existsSync(path.join(dataDir, LOCK_FILE))).toBe(false);
  }, 900_000);
});

describe('the hub’s services, each started alone', () => {
  it('npm run gateway, two workers: SIGINT to npm stops the primary and every worker', async () => {
    const port = await freePort();
    const started = startCommand('npm', ['run', 'gateway'], serviceEnv('gateway', { GATEWAY_PORT: String(port), GATEWAY_WORKERS: '2' }));
    await untilAnswers(`http://127.0.0.1:${port}/ready`, started);
    await stopsOn(started, 'SIGINT', port);
  }, 300_000);

  it('npm run subgraph -- police: SIGTERM to npm stops the subgraph', async () => {
    const port = await freePort();
    const variable = SUBGRAPHS.police.port.variable;
    const started = startCommand(
      'npm',
      ['run', 'subgraph', '--', 'police'],
      serviceEnv('police', { [variable]: String(port), [SUBGRAPHS.police.database.variable]: serverDatabase(`t${runId}_police`) }),
    );
    await untilAnswers(`http://127.0.0.1:${port}/ready`, started);
    await stopsOn(started, 'SIGTERM', port);
  }, 300_000);

  it('npm run exchange: SIGTERM to npm stops its subgraph, its inbox and its worker', async () => {
    // The relay reads the police outbox: a police database migrated as the police subgraph would.
    const outbox = await openTestDatabase('police', police, runId, { kind: 'postgres', url: serverDatabase(`t${runId}_outbox_police`) });
    await outbox.close();
    const [port, inbox] = [await freePort(), await freePort()];
    const started = startCommand(
      'npm',
      ['run', 'exchange'],
      serviceEnv('exchange', {
        [SUBGRAPHS.exchange.port.variable]: String(port),
        EXCHANGE_INBOX_PORT: String(inbox),
        [SUBGRAPHS.exchange.database.variable]: serverDatabase(`t${runId}_exchange`),
        EXCHANGE_OUTBOX_DATABASE_URL: derivedDatabaseUrl(SERVER_URL, `t${runId}_outbox_police`),
      }),
    );
    await untilAnswers(`http://127.0.0.1:${port}/ready`, started);
    await stopsOn(started, 'SIGTERM', port);
    expect(await portRefuses(inbox)).toBe(true);
  }, 300_000);

  it('npm run alerts: SIGINT to npm stops the alert store’s subgraph', async () => {
    const port = await freePort();
    const started = startCommand(
      'npm',
      ['run', 'alerts'],
      serviceEnv('alerts', { [SUBGRAPHS.alerts.port.variable]: String(port), [SUBGRAPHS.alerts.database.variable]: serverDatabase(`t${runId}_alerts`) }),
    );
    await untilAnswers(`http://127.0.0.1:${port}/ready`, started);
    await stopsOn(started, 'SIGINT', port);
  }, 300_000);
});
