import { spawn } from 'node:child_process';
import { createWriteStream, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { once } from 'node:events';
import { fromRoot } from '../../platform/paths.js';
import pg from 'pg';
import { DEFAULT_IMPORT_LOOKUPS } from '../../gateway/lookup-cap.js';
import { derivedDatabaseUrl } from '../../platform/db.js';
import { demoResidents } from '../../seed/generate.js';
import { seedingDay } from '../../seed/population.js';
import { ensureCity } from '../city.js';
import { startBenchHub } from '../hub-load.js';
import type { FigureId } from '../figures.js';
import { profileFlags, type BenchContext, type Scenario } from './scenario.js';

/**
 * Importing a health department's legacy vaccination register as its
 * operator would: a CSV of Chinese headers written from the benchmark city's
 * residents, loaded with `npm run import` (a process of its own) into a hub
 * with everything on — tokens, policy, the audit store — each row held to
 * `recordVaccination`'s rules, its resident confirmed by the police through
 * the gateway. Then the same file again, which loads nothing new. Rows per
 * second, and the peak memory of the import command and of the hub.
 */

/** The benchmark hub seeds this city in memory; on PostgreSQL it is seeded once and kept, like the city scenario's. */
const CITY_KEY = 'bench-city';

interface Run {
  rows: number;
  loaded: number;
  unchanged: number;
  refused: number;
  seconds: number;
  /** Peak resident memory of the import command, MiB. */
  peakMiB: number;
}

interface Store {
  label: string;
  persons: number;
  rows: number;
  first: Run;
  again: Run;
  /** Peak resident memory of the hub's process over both runs, MiB. */
  hubPeakMiB: number;
}

const count = (n: number) => Math.round(n).toLocaleString('en');

/** The highest resident set a process reached so far (VmHWM), in MiB; 0 where /proc does not tell. */
function peakMiB(pid: number | undefined): number {
  if (pid === undefined) return 0;
  try {
    const match = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match?.[1] ? Number(match[1]) / 1024 : 0;
  } catch {
    return 0;
  }
}

type Resident = { idNumber: string; name: string };

/** The residents of the hub's city: in memory, the first of the city the hub seeded today; on PostgreSQL, read from the police's register. */
async function residentsOf(persons: number, databaseUrl?: string): Promise<Resident[]> {
  if (!databaseUrl) return demoResidents(CITY_KEY, persons, { asOf: seedingDay() });
  const client = new pg.Client({ connectionString: derivedDatabaseUrl(databaseUrl, 'police') });
  await client.connect();
  try {
    const result = await client.query<{ id_number: string; name: string }>("SELECT id_number, name FROM persons WHERE status <> 'MOVED_OUT' ORDER BY id LIMIT $1", [persons]);
    return result.rows.map((row) => ({ idNumber: row.id_number, name: row.name }));
  } finally {
    await client.end();
  }
}

/** Writes `rows` vaccination records of the residents: a flu dose each, on a day of its own per resident. */
async function writeRegister(file: string, residents: readonly Resident[], rows: number): Promise<void> {
  const out = createWriteStream(file, { encoding: 'utf8' });
  const write = async (line: string) => {
    if (!out.write(`${line}\r\n`)) await once(out, 'drain');
  };
  await write('身份证号,姓名,疫苗名称,剂次,接种日期,接种单位');
  const first = Date.UTC(2024, 0, 1);
  for (let i = 0; i < rows; i += 1) {
    const resident = residents[i % residents.length];
    if (!resident) throw new Error('the city has no residents');
    const day = new Date(first + Math.floor(i / residents.length) * 86_400_000).toISOString().slice(0, 10);
    await write(`${resident.idNumber},${resident.name},流感疫苗,1,${day},武侯区社区卫生服务中心`);
  }
  out.end();
  await once(out, 'finish');
}

/** Runs `npm run import` on the file and reads its summary, watching its memory as it goes. */
async function importOnce(file: string, gatewayUrl: string, token: string, reports: string, onPeak: () => void): Promise<Run> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', fromRoot('scripts', 'import.ts'), '--dept', 'health', '--file', file, '--gateway', gatewayUrl, '--token', token, '--errors', `${reports}/`, '--batch-size', '500'],
    { cwd: fromRoot(), env: { ...process.env, LOG_LEVEL: 'silent' }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr = `${stderr}${chunk}`.slice(-2000)));
  let peak = 0;
  const watch = setInterval(() => {
    peak = Math.max(peak, peakMiB(child.pid));
    onPeak();
  }, 200);
  const started = performance.now();
  const [code] = (await once(child, 'exit')) as [number | null];
  const seconds = (performance.now() - started) / 1000;
  clearInterval(watch);
  if (code !== 0) throw new Error(`npm run import exited ${code}: ${stderr.trim().split('\n').slice(-3).join(' / ')}`);
  const figure = (label: string) => Number(new RegExp(`^\\s+${label}\\s+([\\d,]+)`, 'm').exec(stdout)?.[1]?.replace(/,/g, '') ?? Number.NaN);
  return { rows: figure('read'), loaded: figure('loaded'), unchanged: figure('unchanged'), refused: figure('refused'), seconds, peakMiB: peak };
}

async function measure(context: BenchContext, label: string, persons: number, rows: number, databaseUrl?: string): Promise<Store> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'hub-bench-import-'));
  // Both runs confirm every row's resident with the police: the import allowance is what a department loading a file this size would set.
  const importLookupsPerHour = Math.max(DEFAULT_IMPORT_LOOKUPS, 2 * rows);
  const hub = await startBenchHub({ policy: true, audit: true, persons, importLookupsPerHour, ...(databaseUrl ? { databaseUrl } : {}) }, profileFlags(context));
  let hubPeak = 0;
  const watchHub = () => (hubPeak = Math.max(hubPeak, peakMiB(hub.child.pid)));
  try {
    const file = path.join(dir, '接种记录.csv');
    context.note(`import: ${count(rows)} vaccination rows of ${count(persons)} residents into ${label}...`);
    await writeRegister(file, await residentsOf(persons, databaseUrl), rows);
    const first = await importOnce(file, hub.ready.gatewayUrl, hub.ready.token, dir, watchHub);
    context.note(`  first run: ${count(first.loaded)} loaded, ${count(first.refused)} refused in ${first.seconds.toFixed(1)} s (${count(first.rows / first.seconds)} rows/s)`);
    const again = await importOnce(file, hub.ready.gatewayUrl, hub.ready.token, dir, watchHub);
    context.note(`  again: ${count(again.loaded)} loaded, ${count(again.unchanged)} unchanged in ${again.seconds.toFixed(1)} s`);
    watchHub();
    return { label, persons, rows, first, again, hubPeakMiB: hubPeak };
  } finally {
    await hub.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The figures each store's runs are reported as. */
const IMPORT_FIGURES = {
  pglite: { rowsPerSecond: 'import.pglite-rows-per-second', rerunSeconds: 'import.pglite-rerun-seconds' },
  postgres: { rowsPerSecond: 'import.postgres-rows-per-second', rerunSeconds: 'import.postgres-rerun-seconds' },
} as const satisfies Record<string, Record<string, FigureId>>;

export const importScenario: Scenario = {
  name: 'import',
  title: 'Importing legacy records: a vaccination register through the health department’s rules',
  async run(context) {
    const stores: Store[] = [];
    const postgresRows = context.importRows ?? 1_000_000;
    stores.push(await measure(context, 'in-memory PGlite', context.quick ? 500 : 2_000, context.quick ? 2_000 : Math.round(postgresRows / 10)));
    if (!context.quick) {
      const base = new URL(context.postgresUrl);
      base.pathname = '/bench_import';
      // Seeded afresh every time (seconds at this size): a city kept from an earlier run holds the vaccinations that run loaded, and the first run would load nothing.
      const city = await ensureCity(base.toString(), 20_000, { reseed: true, progress: (line) => context.note(`  ${line.trim()}`) });
      stores.push(await measure(context, 'PostgreSQL', 20_000, postgresRows, city.baseUrl));
    }
    const rowsPerSecond = (run: Run) => count(run.rows / run.seconds);
    return [
      '`npm run import -- --dept health` in a process of its own, batches of 500 rows, against a hub with everything on (caller and internal tokens, the policy, the audit store); each row is held to `recordVaccination`’s rules and its resident confirmed by the police through the gateway. Then the same file again, which loads nothing new. Times are as an operator sees them, from starting the command to its summary, its own start included. The import allowance of identity look-ups (`IMPORT_LOOKUP_CAP_PER_HOUR`) is set to twice the file’s rows (at least its default), as a department loading a file that size would set it: both runs confirm every row’s resident.',
      '',
      '| store | rows | loaded / refused | rows per second | re-run (nothing new) | import command peak RSS | hub peak RSS |',
      '|---|---:|---:|---:|---:|---:|---:|',
      ...stores.map(
        (s) =>
          `| ${s.label} (${count(s.persons)} residents) | ${count(s.first.rows)} | ${count(s.first.loaded)} / ${count(s.first.refused)} | **${rowsPerSecond(s.first)}** (${s.first.seconds.toFixed(1)} s) | ${s.again.seconds.toFixed(1)} s, ${count(s.again.unchanged)} unchanged (${rowsPerSecond(s.again)} rows/s) | ${s.first.peakMiB.toFixed(0)} / ${s.again.peakMiB.toFixed(0)} MiB | ${s.hubPeakMiB.toFixed(0)} MiB |`,
      ),
      '',
      ...stores.flatMap((s) => {
        const ids = s.label === 'PostgreSQL' ? IMPORT_FIGURES.postgres : IMPORT_FIGURES.pglite;
        return [context.figure(ids.rowsPerSecond, s.first.rows / s.first.seconds), context.figure(ids.rerunSeconds, s.again.seconds)];
      }),
      context.figure('import.command-peak-mib', Math.max(...stores.flatMap((s) => [s.first.peakMiB, s.again.peakMiB]))),
    ].join('\n');
  },
};
