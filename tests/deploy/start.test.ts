import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import net, { type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PORT_VARIABLES, startHubGateway, type HubServer } from '../../hub/hub.js';
import { LOCK_FILE } from '../../platform/data-folder-lock.js';
import { fromRoot } from '../../platform/paths.js';
import { readCommittedSupergraph } from '../../schema/compose.js';
import { DEPARTMENTS, SUBGRAPH_NAMES } from '../../subgraphs/registry.js';
import { PAGES } from '../../web/pages.js';
import { testLogger } from '../support/servers.js';
import { newKeyPair } from '../support/tokens.js';

/*
 * `npm start` as a person runs it: on a fresh data folder it says what it is
 * doing, prints a banner with no log lines in it, and the example the banner
 * prints is answered with data. A port another process holds ends it with one
 * line naming the variable to change.
 */

const run = promisify(execFile);
const folders: string[] = [];
const children: ChildProcess[] = [];

afterAll(() => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null && child.pid) process.kill(-child.pid, 'SIGKILL');
  for (const dir of folders) rmSync(dir, { recursive: true, force: true });
});

function folder(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'hub-start-'));
  folders.push(dir);
  return dir;
}

/** The environment of a person's first `npm start` on `dataDir`: embedded databases, every port free unless given, no log level chosen. */
function startEnv(dataDir: string, ports: Partial<Record<HubServer, number>> = {}): Record<string, string> {
  const env: Record<string, string | undefined> = {
    ...process.env,
    NODE_ENV: 'development',
    HUB_DATA_DIR: dataDir,
    SEED_PERSONS: '300',
    ...Object.fromEntries(Object.entries(PORT_VARIABLES).map(([server, variable]) => [variable, String(ports[server as HubServer] ?? 0)])),
  };
  // The test runner's own LOG_LEVEL, and any database URL of the machine, are not what a first start has.
  delete env.LOG_LEVEL;
  for (const name of Object.keys(env)) if (name.endsWith('DATABASE_URL')) delete env[name];
  return env as Record<string, string>;
}

interface Started {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<number | null>;
}

/** `npm start` in a process group of its own, so stopping it stops npm, tsx and node together. */
function npmStart(env: Record<string, string>): Started {
  const child = spawn('npm', ['start'], { cwd: fromRoot(), env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, stdout: () => stdout, stderr: () => stderr, exited };
}

/** Resolves once every process of the group has ended: npm may exit before the hub it started has finished stopping. */
async function groupEnded(pgid: number, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      process.kill(-pgid, 0);
    } catch {
      return;
    }
    if (Date.now() > deadline) throw new Error(`process group ${pgid} still running after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** A real listener holding a free loopback port. */
async function holdPort(): Promise<{ port: number; close(): Promise<void> }> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { port, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

describe('npm start with a port another process holds', () => {
  // The gateway's port, and a subgraph's port named by the registry.
  const cases: HubServer[] = ['gateway', DEPARTMENTS.at(-1)!];
  for (const server of cases) {
    it(`ends with one line naming ${PORT_VARIABLES[server]}, before creating any database`, async () => {
      const held = await holdPort();
      try {
        const dataDir = folder();
        const started = npmStart(startEnv(dataDir, { [server]: held.port }));
        expect(await started.exited).toBe(1);
        await groupEnded(started.child.pid!);
        expect(started.stderr().trim().split('\n')).toEqual([`port ${held.port} is in use: set ${PORT_VARIABLES[server]} to another port`]);
        expect(started.stdout()).not.toMatch(/\n\s+at /);
        expect(existsSync(path.join(dataDir, 'pglite'))).toBe(false);
        expect(existsSync(path.join(dataDir, LOCK_FILE))).toBe(false);
      } finally {
        await held.close();
      }
    }, 120_000);
  }

  it('is reported with its variable when it is taken after the check, as the server starts', async () => {
    const held = await holdPort();
    const [issuer, gatewayKeys] = await Promise.all([newKeyPair(), newKeyPair()]);
    try {
      const starting = startHubGateway({
        supergraphSdl: readCommittedSupergraph(),
        subgraphUrls: {},
        host: '127.0.0.1',
        port: held.port,
        logger: testLogger,
        subgraphTimeoutMs: 1_000,
        callerTokens: { keys: issuer.keySet, algorithms: ['EdDSA'], issuer: 'test', audience: 'test', clockToleranceSeconds: 0 },
        internalTokens: { signingKey: gatewayKeys.signer, ttlSeconds: 5 },
      });
      await expect(starting).rejects.toThrow(`port ${held.port} is in use: set GATEWAY_PORT to another port`);
    } finally {
      await held.close();
    }
  });
});

describe('a first npm start on a fresh data folder', () => {
  let dataDir: string;
  let started: Started;
  let banner: string;

  beforeAll(async () => {
    dataDir = folder();
    started = npmStart(startEnv(dataDir));
    await new Promise<void>((resolve, reject) => {
      const poll = setInterval(() => {
        if (started.stdout().includes('Ctrl-C stops the hub.')) {
          clearInterval(poll);
          resolve();
        }
      }, 200);
      void started.exited.then((code) => {
        clearInterval(poll);
        reject(new Error(`npm start exited with ${code}:\n${started.stdout()}\n${started.stderr()}`));
      });
    });
    const stdout = started.stdout();
    banner = stdout.slice(stdout.indexOf('Population data hub ready'));
  }, 300_000);

  afterAll(async () => {
    if (started?.child.pid && started.child.exitCode === null && started.child.signalCode === null) {
      process.kill(-started.child.pid, 'SIGINT');
      await started.exited;
    }
  });

  it('says what it is doing while it creates, migrates and seeds, before the banner', () => {
    const progress = started.stdout().slice(0, started.stdout().indexOf('Population data hub ready'));
    for (const name of SUBGRAPH_NAMES) {
      expect(progress, name).toMatch(new RegExp(`^  ${name}\\s+creating ${dataDir.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/pglite/${name}, migrating \\.\\.\\. \\d+\\.\\d s$`, 'm'));
    }
    expect(progress).toMatch(/^Seeding a synthetic city of 300 residents/m);
    expect(progress).toMatch(/^ {2}seeded [\d,]+ rows in \d+\.\d s$/m);
    expect(progress).toMatch(/^Starting the subgraphs, the exchange and the gateway/m);
  });

  it('prints no log line on stdout, in the banner or before it', () => {
    const jsonLines = started
      .stdout()
      .split('\n')
      .filter((line) => line.trimStart().startsWith('{'));
    expect(jsonLines).toEqual([]);
    expect(banner).toMatch(/^ {2}gateway {3}http:\/\/127\.0\.0\.1:\d+\/graphql/m);
    for (const name of SUBGRAPH_NAMES) expect(banner).toMatch(new RegExp(`^  ${name}\\s+http://127\\.0\\.0\\.1:\\d+/graphql \\(internal\\)$`, 'm'));
  });

  it('serves each web page at the address the banner names', async () => {
    for (const page of PAGES) {
      const url = new RegExp(`^  ${page.name}\\s+(http://127\\.0\\.0\\.1:\\d+${page.path})\\s`, 'm').exec(banner)?.[1];
      expect(url, page.path).toBeDefined();
      const answer = await fetch(url!);
      expect(answer.status, page.path).toBe(200);
      expect(answer.headers.get('content-type'), page.path).toBe('text/html; charset=utf-8');
    }
  });

  it('prints an example that, run as printed, answers a resident’s dossier from every department', async () => {
    const lines = banner.split('\n');
    const first = lines.findIndex((line) => line.trimStart().startsWith('TOKEN=$('));
    expect(first).toBeGreaterThan(-1);
    const last = lines.findIndex((line, i) => i > first && line.trimStart().startsWith('-d '));
    const script = lines.slice(first, last + 1).join('\n');
    expect(script).toContain(`HUB_DATA_DIR=${dataDir} npm run -s token`);
    const { stdout } = await run('bash', ['-c', `set -euo pipefail\n${script}`], { cwd: fromRoot(), env: startEnv(dataDir), timeout: 60_000 });
    const answer = JSON.parse(stdout) as { data?: { personByIdNumber: Record<string, any> | null }; errors?: unknown };
    expect(answer.errors).toBeUndefined();
    const person = answer.data?.personByIdNumber;
    expect(person?.name).toEqual(expect.any(String));
    expect(person?.residence?.address).toEqual(expect.any(String));
    expect(person?.tenancies.edges.length).toBeGreaterThan(0);
    expect(person?.employments.edges.length).toBeGreaterThan(0);
    expect(person?.healthProfile?.familyPlanningStatus).toEqual(expect.any(String));
    // The resident is one of this city's, found at start: its id number is the one the example asks for.
    expect(script).toMatch(/idNumber: \\"\d{17}[\dX]\\"/);
  });

  it('stops on Ctrl-C, closing its databases and giving up the data folder', async () => {
    process.kill(-started.child.pid!, 'SIGINT');
    await started.exited;
    await groupEnded(started.child.pid!);
    expect(started.stdout()).toContain('SIGINT: stopping');
    expect(existsSync(path.join(dataDir, LOCK_FILE))).toBe(false);
    expect(started.stderr()).toBe('');
  }, 60_000);
});
