import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { DEV_ISSUER, HUB_AUDIENCE, signCallerToken } from '../../auth/caller.js';
import { ensureDevKeys } from '../../auth/dev-keys.js';
import { readSigningKey } from '../../auth/keys.js';
import { DEFAULT_SCOPES } from '../../auth/roles.js';
import { PORT_VARIABLES } from '../../hub/hub.js';
import { fromRoot } from '../../platform/paths.js';
import { median } from '../lib/load.js';
import { freePort, processTreeRssBytes } from '../lib/process.js';
import type { BenchContext, Scenario } from './scenario.js';

const QUICK_PERSONS = 500;
const PERSONS = 10_000;
/** How long the hub is left serving before its memory is read: what it holds, not what starting took. */
const SETTLE_MS = 5_000;
const QUERY = '{ persons(first: 20) { edges { node { id name residence { address } } } } }';

interface StartRun {
  /** From spawning `npm start` to the banner saying where the gateway listens. */
  bannerMs: number;
  /** From spawning `npm start` to the first answer with data through the gateway. */
  firstAnswerMs: number;
  /** The largest resident set of every process under npm while it started. */
  peakRssBytes: number;
  /** Their resident set once the hub has served for a few seconds. */
  settledRssBytes: number;
}

/** `npm start` once, on a data folder of its own made empty. */
async function startOnce(persons: number): Promise<StartRun> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'hub-bench-start-'));
  const env: NodeJS.ProcessEnv = { ...process.env, HUB_DATA_DIR: dataDir, SEED_PERSONS: String(persons), LOG_LEVEL: 'error' };
  delete env.DATABASE_URL;
  for (const variable of Object.values(PORT_VARIABLES)) env[variable] = String(await freePort());
  const gatewayUrl = `http://127.0.0.1:${env.GATEWAY_PORT}/graphql`;
  const spawned = performance.now();
  const npm = spawn('npm', ['start', '--silent'], { cwd: fromRoot(), env, stdio: ['ignore', 'pipe', 'inherit'] });
  const pid = npm.pid;
  const { stdout } = npm;
  if (pid === undefined || !stdout) throw new Error('npm start could not be spawned');
  let peakRssBytes = 0;
  // Every process under npm: the hub, not npm itself.
  const hubRss = () => processTreeRssBytes(pid, { withRoot: false }) ?? 0;
  const sampler = setInterval(() => {
    peakRssBytes = Math.max(peakRssBytes, hubRss());
  }, 100);
  const exited = new Promise<void>((resolve) => npm.once('exit', () => resolve()));
  try {
    const bannerMs = await new Promise<number>((resolve, reject) => {
      npm.once('exit', (code) => reject(new Error(`npm start exited (${code}) before it was ready`)));
      const lines = createInterface({ input: npm.stdout });
      lines.on('line', (line) => {
        // The banner names the gateway by localhost or by address, whichever it listens on.
        if (line.includes(`:${env.GATEWAY_PORT}/graphql`)) resolve(performance.now() - spawned);
      });
    });
    const signer = await readSigningKey((await ensureDevKeys(dataDir)).issuerPrivateKeyFile, 'EdDSA');
    const token = await signCallerToken(signer, { sub: 'bench-start', roles: ['police'], dept: 'police', scope: DEFAULT_SCOPES.police.join(' ') }, { issuer: DEV_ISSUER, audience: HUB_AUDIENCE, ttlSeconds: 600 });
    const ask = async () => {
      const response = await fetch(gatewayUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'x-purpose': 'population-management' },
        body: JSON.stringify({ query: QUERY }),
      });
      const body = (await response.json()) as { data?: { persons?: { edges?: unknown[] } }; errors?: { message: string }[] };
      if (!response.ok || !body.data?.persons?.edges?.length) throw new Error(`the first answer carried no residents: ${response.status} ${body.errors?.[0]?.message ?? ''}`);
    };
    await ask();
    const firstAnswerMs = performance.now() - spawned;
    const settleUntil = performance.now() + SETTLE_MS;
    while (performance.now() < settleUntil) await ask();
    return { bannerMs, firstAnswerMs, peakRssBytes, settledRssBytes: hubRss() };
  } finally {
    clearInterval(sampler);
    npm.kill('SIGTERM');
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 20_000))]);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const mib = (bytes: number) => bytes / 2 ** 20;

/**
 * What a newcomer meets first: `npm start` on an empty data folder (the
 * databases made, migrated and seeded with the demo city), until the gateway
 * answers a list of residents; then what the one-process hub holds in memory
 * while it serves the 10,000-resident city.
 */
export const startScenario: Scenario = {
  name: 'start',
  title: '`npm start`: time to the first answer, and memory',
  async run(context: BenchContext): Promise<string> {
    const persons = context.quick ? QUICK_PERSONS : PERSONS;
    const runs = context.quick ? 1 : 3;
    const results: StartRun[] = [];
    for (let i = 0; i < runs; i += 1) {
      context.note(`npm start on an empty data folder, ${persons.toLocaleString('en')} residents, run ${i + 1} of ${runs}...`);
      const run = await startOnce(persons);
      context.note(`  first answer after ${(run.firstAnswerMs / 1000).toFixed(1)} s; ${mib(run.settledRssBytes).toFixed(0)} MiB once serving`);
      results.push(run);
    }
    const s = (values: number[]) => (median(values) / 1000).toFixed(1);
    return [
      `\`npm start\` as a newcomer runs it, on a data folder made empty for each of ${runs} run${runs === 1 ? '' : 's'}: embedded PGlite databases made, migrated and seeded with a city of ${persons.toLocaleString('en')} residents, then a list of 20 residents asked through the gateway as the police. Memory is the resident set of every process under npm (the hub; npm itself not counted), read every 100 ms while it starts, and after ${SETTLE_MS / 1000} s of answering lists.`,
      '',
      '| figure | median | runs |',
      '|---|---:|---|',
      `| banner printed | ${s(results.map((r) => r.bannerMs))} s | ${results.map((r) => (r.bannerMs / 1000).toFixed(1)).join(', ')} |`,
      `| first answer | ${s(results.map((r) => r.firstAnswerMs))} s | ${results.map((r) => (r.firstAnswerMs / 1000).toFixed(1)).join(', ')} |`,
      `| peak memory while starting | ${mib(median(results.map((r) => r.peakRssBytes))).toFixed(0)} MiB | ${results.map((r) => mib(r.peakRssBytes).toFixed(0)).join(', ')} |`,
      `| memory once serving | ${mib(median(results.map((r) => r.settledRssBytes))).toFixed(0)} MiB | ${results.map((r) => mib(r.settledRssBytes).toFixed(0)).join(', ')} |`,
      '',
      context.figure('start.seconds-to-first-answer', median(results.map((r) => r.firstAnswerMs)) / 1000),
      context.figure('start.memory-mib', mib(median(results.map((r) => r.settledRssBytes)))),
    ].join('\n');
  },
};
