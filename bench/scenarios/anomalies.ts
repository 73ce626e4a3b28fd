import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AnomalyDetector, type PassReport } from '../../audit/anomalies/detector.js';
import { DEFAULT_ANOMALY_SETTINGS } from '../../audit/anomalies/rules.js';
import { openAuditDatabase, type AuditDatabase } from '../../audit/database.js';
import { AuditWriter } from '../../audit/writer.js';
import { DEV_ISSUER, HUB_AUDIENCE, signCallerToken } from '../../auth/caller.js';
import { ensureDevKeys } from '../../auth/dev-keys.js';
import { readSigningKey } from '../../auth/keys.js';
import type { RequestMeta } from '../../auth/principal.js';
import type { Purpose } from '../../auth/purposes.js';
import { DEFAULT_SCOPES, type Role } from '../../auth/roles.js';
import { derivedDatabaseUrl, dropPostgresDatabase, ensurePostgresDatabase } from '../../platform/db.js';
import { createLogger } from '../../platform/logger.js';
import { fromRoot } from '../../platform/paths.js';
import { asker, awaitFlags, EXPECTED_RULES, harvestIdentityNumbers } from '../../scripts/demo-activity.js';
import { PORT_VARIABLES } from '../../hub/hub.js';
import { freePort } from '../lib/process.js';
import type { BenchContext, Scenario } from './scenario.js';

/**
 * Anomaly flags, measured as auditors meet them. How soon: `npm start` as a
 * child process with the detector passing every few seconds, a housing
 * system pages through the register and then guesses at identity numbers
 * until the look-up cap refuses it, and the clock runs from the answer to its
 * last look-up to both flags being listed to an auditor through the gateway.
 * How fast: the detector alone over an audit store holding many events
 * written through the hub's own writer — a backlog read in one pass, then the
 * events of the next minutes, then a pass with nothing new.
 */


const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)] ?? Number.NaN;
};

interface Enumeration {
  seconds: number[];
  rules: string[];
  lookups: number;
  residents: number;
}

/** One `npm start` on a fresh data folder; `samples` enumerations by as many housing systems, one after another. */
async function measureEnumeration(context: BenchContext, passSeconds: number, samples: number): Promise<Enumeration> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'hub-bench-anomalies-'));
  const ports: Record<string, string> = {};
  for (const variable of Object.values(PORT_VARIABLES)) ports[variable] = String(await freePort());
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ...ports,
    HUB_DATA_DIR: dataDir,
    SEED_PERSONS: context.quick ? '1000' : '3000',
    LOG_LEVEL: 'error',
    ANOMALY_PASS_SECONDS: String(passSeconds),
    // Around the clock: the hour the benchmark runs at plays no part.
    ANOMALY_WORK_HOURS: '00:00-24:00',
    ANOMALY_WORK_DAYS: '1-7',
  };
  delete env.DATABASE_URL;
  const hub: ChildProcess = spawn(process.execPath, ['--import', 'tsx', fromRoot('scripts', 'start.ts')], { env, stdio: ['ignore', 'pipe', 'inherit'] });
  try {
    const gatewayUrl = `http://127.0.0.1:${ports.GATEWAY_PORT}/graphql`;
    await new Promise<void>((resolve, reject) => {
      hub.once('exit', (code) => reject(new Error(`npm start exited (${code})`)));
      hub.stdout?.on('data', (chunk: Buffer) => {
        if (chunk.toString().includes(gatewayUrl.replace('127.0.0.1', 'localhost')) || chunk.toString().includes(gatewayUrl)) resolve();
      });
    });
    const keys = await ensureDevKeys(dataDir);
    const signer = await readSigningKey(keys.issuerPrivateKeyFile, 'EdDSA');
    const tokenOf = (role: Role, sub: string) =>
      signCallerToken(signer, { sub, dept: role, roles: [role], scope: DEFAULT_SCOPES[role].join(' ') }, { issuer: DEV_ISSUER, audience: HUB_AUDIENCE, ttlSeconds: 3600 });
    const ask = asker(gatewayUrl);
    const police = await tokenOf('police', 'bench-registrar');
    const page = await ask(police, 'population-management', '{ persons(first: 30) { edges { node { idNumber } } } }');
    const numbers = ((page.body.data?.persons as { edges: { node: { idNumber: string } }[] }).edges ?? []).map((e) => e.node.idNumber);
    const auditor = await tokenOf('auditor', 'bench-auditor');
    const result: Enumeration = { seconds: [], rules: [], lookups: 0, residents: 0 };
    for (let sample = 0; sample < samples; sample += 1) {
      const subject = `bench-harvester-${sample}`;
      // The housing system of `npm run demo:activity`, a subject of its own each time.
      await harvestIdentityNumbers(ask, await tokenOf('housing', subject), numbers, sample);
      const lastLookup = performance.now();
      const flags = await awaitFlags(gatewayUrl, auditor, subject, EXPECTED_RULES, (passSeconds + 60) * 1000, 100);
      if (flags.length < 2) throw new Error(`no flags within ${passSeconds + 60} s of the last look-up`);
      result.seconds.push((performance.now() - lastLookup) / 1000);
      result.rules = flags.map((f) => f.rule).sort();
      result.lookups = flags.find((f) => f.rule === 'identity-enumeration')?.observed ?? 0;
      result.residents = flags.find((f) => f.rule === 'bulk-lookups')?.observed ?? 0;
    }
    return result;
  } finally {
    hub.kill('SIGTERM');
    await new Promise((resolve) => {
      hub.once('exit', resolve);
      setTimeout(resolve, 15_000);
    });
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const HOUR = 3_600_000;
/** What each department's officers declare: their own work's purpose. */
const PURPOSE_OF: Readonly<Record<'police' | 'housing' | 'labour' | 'grid', Purpose>> = {
  police: 'population-management',
  housing: 'housing-administration',
  labour: 'labour-administration',
  grid: 'community-service',
};
const START = Date.parse('2026-02-02T00:00:00Z');

/**
 * A month of a city's work in the log: `principals` officers of four departments, each reading one to
 * three residents a request in its own district, in working hours, with request events beside the
 * accesses and now and then a look-up by number or a refusal; through the hub's own writer, its clock
 * pinned to each event's instant. Returns the instant after the last event.
 */
async function writeActivity(database: AuditDatabase, events: number, principals: number, from: number): Promise<number> {
  const logger = createLogger('bench', 'silent');
  let now = from;
  const subgraphs = new AuditWriter(database, { component: 'police', logger, clock: () => new Date(now) });
  const gateway = new AuditWriter(database, { component: 'gateway', logger, clock: () => new Date(now) });
  const roles = ['police', 'housing', 'labour', 'grid'] as const;
  const divisions = ['510104', '510105', '510106', '510107', '510108'];
  let written = 0;
  let step = 0;
  try {
    while (written < events) {
      const pending: Promise<void>[] = [];
      for (let i = 0; i < 2_000 && written < events; i += 1, step += 1) {
        // Every step a few seconds on: a month of events spread over working hours.
        now += 2_000;
        const hourOfDay = new Date(now + 8 * HOUR).getUTCHours();
        if (hourOfDay < 8 || hourOfDay >= 18) now += 14 * HOUR;
        const who = step % principals;
        const role = roles[who % roles.length] ?? 'police';
        const division = divisions[who % divisions.length] ?? '510104';
        const meta: RequestMeta = {
          requestId: `bench-${step}`,
          principal: { subject: `officer-${who}`, department: role, roles: [role], scopes: DEFAULT_SCOPES[role], jurisdiction: { divisions: [], grids: [] } },
          purpose: PURPOSE_OF[role],
          caseId: step % 97 === 0 ? `CASE-2026-${who}` : null,
        };
        const ids = Array.from({ length: 1 + (step % 3) }, (_, k) => `resident-${(step * 7 + k * 131) % 50_000}`);
        pending.push(subgraphs.record(meta, { type: 'Person', ids, fields: ['name', 'status'], places: [{ divisionCode: division, gridCode: `${division}001001` }] }));
        pending.push(
          gateway.recordRequest({
            meta,
            operationName: 'Dossier',
            documentHash: null,
            outcome: step % 211 === 0 ? 'error' : 'ok',
            errorCode: step % 211 === 0 ? 'FORBIDDEN' : null,
            durationMs: 12,
            lookups: role !== 'police' && step % 13 === 0 ? 1 : null,
          }),
        );
        written += 2;
      }
      await Promise.all(pending);
    }
  } finally {
    await Promise.all([subgraphs.close(), gateway.close()]);
  }
  return now;
}

interface Throughput {
  store: string;
  backlog: PassReport;
  next: PassReport;
  idle: PassReport;
  writeSeconds: number;
}

async function measureThroughput(context: BenchContext, store: 'pglite' | 'postgres', events: number): Promise<Throughput> {
  const url = derivedDatabaseUrl(context.postgresUrl, 'bench_anomalies');
  if (store === 'postgres') {
    await dropPostgresDatabase(url).catch(() => undefined);
    await ensurePostgresDatabase(url);
  }
  const database = await openAuditDatabase(store === 'pglite' ? { kind: 'pglite' } : { kind: 'postgres', url }, { migrate: true });
  try {
    context.note(`  writing ${events.toLocaleString('en')} events through the writer (${store})...`);
    const written = performance.now();
    const end = await writeActivity(database, events, 200, START);
    const writeSeconds = (performance.now() - written) / 1000;
    const detector = new AnomalyDetector(database, DEFAULT_ANOMALY_SETTINGS, createLogger('bench', 'silent'));
    context.note(`  the detector over the backlog (${store})...`);
    const backlog = await detector.pass();
    await writeActivity(database, 10_000, 200, end);
    const next = await detector.pass();
    const idle = await detector.pass();
    return { store, backlog, next, idle, writeSeconds };
  } finally {
    await database.close();
    if (store === 'postgres') await dropPostgresDatabase(url).catch(() => undefined);
  }
}

const rate = (report: PassReport) => (report.durationMs > 0 ? Math.round((report.eventsRead / report.durationMs) * 1000).toLocaleString('en') : '-');

export const anomaliesScenario: Scenario = {
  name: 'anomalies',
  title: 'Anomaly flags: how soon a scripted enumeration is flagged, and the detector’s events per second',
  async run(context: BenchContext): Promise<string> {
    const passSeconds = 5;
    const samples = context.quick ? 2 : 5;
    context.note(`a scripted enumeration, ${samples} times, the detector passing every ${passSeconds} s...`);
    const enumeration = await measureEnumeration(context, passSeconds, samples);
    const events = context.quick ? 40_000 : 400_000;
    const rows = ['| store | events in the store | backlog pass | events/s | next 10,000 events | events/s | a pass with nothing new |', '|---|---|---|---|---|---|---|'];
    for (const store of ['pglite', 'postgres'] as const) {
      context.note(`the detector over ${events.toLocaleString('en')} events on ${store}...`);
      const t = await measureThroughput(context, store, events);
      rows.push(
        `| ${store === 'pglite' ? 'PGlite, in memory' : 'PostgreSQL'} | ${t.backlog.eventsRead.toLocaleString('en')} (written in ${t.writeSeconds.toFixed(0)} s) | ${(t.backlog.durationMs / 1000).toFixed(1)} s, ${t.backlog.windowsEvaluated.toLocaleString('en')} windows, ${t.backlog.raised.length} flags | **${rate(t.backlog)}** | ${(t.next.durationMs / 1000).toFixed(2)} s | **${rate(t.next)}** | ${t.idle.durationMs} ms, ${t.idle.eventsRead} events read |`,
      );
    }
    const s = enumeration.seconds;
    return [
      `A housing system of an \`npm start\` hub (a city of ${context.quick ? '1,000' : '3,000'} residents, the detector passing every ${passSeconds} s: \`ANOMALY_PASS_SECONDS=${passSeconds}\`) reads a page of 100 residents, then looks residents up by full identity number ten to a request, a few real numbers among made-up ones, until the look-up cap refuses it; an auditor polls \`anomalyFlags\` through the gateway every 100 ms. Flags raised: ${enumeration.rules.map((r) => `\`${r}\``).join(' and ')} (${enumeration.residents} distinct residents; ${enumeration.lookups} look-ups by number, the refused ones included). From the answer to the last look-up to both flags listed, over ${s.length} enumerations: median **${median(s).toFixed(1)} s**, at most ${Math.max(...s).toFixed(1)} s — the wait for the next pass and the pass itself; with the default \`ANOMALY_PASS_SECONDS=60\` the wait is up to a minute more.`,
      '',
      `The detector alone over an audit store holding a month of a city's work (200 officers of four departments reading one to three residents a request, a request event beside every access, look-ups by number and refusals now and then, written through the hub's own writer with its clock pinned to each event): the backlog in one pass from empty cursors, then 10,000 new events, then a pass with nothing new.`,
      '',
      ...rows,
    ].join('\n');
  },
};
