import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { env } from '../hub/env.js';
import { fromRoot } from '../platform/paths.js';
import { auditScenario } from './scenarios/audit.js';
import { auditViewsScenario } from './scenarios/audit-views.js';
import { cityScenario } from './scenarios/city.js';
import { exchangeScenario } from './scenarios/exchange.js';
import { gatewaysScenario } from './scenarios/gateways.js';
import { protectionScenario } from './scenarios/protection.js';
import { alertsScenario } from './scenarios/alerts.js';
import { anomaliesScenario } from './scenarios/anomalies.js';
import { collectionScenario } from './scenarios/collection.js';
import { importScenario } from './scenarios/import.js';
import { startScenario } from './scenarios/start.js';
import type { BenchContext, BenchOptions, Machine, Scenario } from './scenarios/scenario.js';
import { figureLine, figureText, meets, type FigureId } from './figures.js';
import { jsonPathFor, writeFigures, type MeasuredFigure } from './results-json.js';
import { isEntryPoint } from '../platform/entry.js';

/**
 * `npm run bench`: every scenario, measured on this machine, each written as
 * its own section of bench/RESULTS.md (a run replaces only the sections it
 * measured). A scenario is one module; adding one is adding it here.
 *
 *   npm run bench -- [--quick] [--only gateways,protection] [--reseed] [--import-rows <n>] [--cpu-prof <dir>] [--results <file>]
 *
 * --import-rows sizes the import scenario's full profile on a machine that cannot
 * load a million rows in reasonable time: n rows into PostgreSQL, a tenth into PGlite.
 *
 * A quick run checks that the scenarios work rather than measuring, so it
 * never touches the committed bench/RESULTS.md: it writes
 * data/bench/RESULTS.quick.md (or --results), and says where at the end.
 *
 * --cpu-prof makes every hub and gateway process the scenarios start write a
 * `node --cpu-prof` profile into <dir> when it stops (open it in Chrome's DevTools).
 *
 * PostgreSQL is DATABASE_URL's server (default postgres://postgres@127.0.0.1:5432); the
 * scenarios make databases of their own there (bench_*), keep the seeded city and drop the rest.
 */
export const SCENARIOS: readonly Scenario[] = [
  gatewaysScenario,
  protectionScenario,
  cityScenario,
  auditScenario,
  auditViewsScenario,
  exchangeScenario,
  alertsScenario,
  anomaliesScenario,
  collectionScenario,
  importScenario,
  startScenario,
];

const USAGE = `usage: npm run bench -- [--quick] [--only ${SCENARIOS.map((s) => s.name).join('|')}[,...]] [--reseed] [--import-rows <n>] [--cpu-prof <dir>] [--results <file>]`;

/** The committed results: what a full run measured. */
export const RESULTS_PATH = fromRoot('bench', 'RESULTS.md');
/** Where a quick run writes, under the data folder git ignores. */
export const QUICK_RESULTS_PATH = fromRoot('data', 'bench', 'RESULTS.quick.md');

/** Where a run's sections go: --results if given, else the committed file for a full run and the data folder for a quick one. */
export function resultsPath(options: { quick: boolean; results?: string | undefined }): string {
  if (options.results !== undefined) return path.resolve(options.results);
  return options.quick ? QUICK_RESULTS_PATH : RESULTS_PATH;
}

export interface BenchCommand {
  quick: boolean;
  reseed: boolean;
  only: Scenario[];
  cpuProfileDir: string | undefined;
  resultsFile: string;
  importRows: number | undefined;
}

function commandLine(argv: readonly string[]): BenchCommand {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        quick: { type: 'boolean', default: false },
        reseed: { type: 'boolean', default: false },
        only: { type: 'string' },
        'cpu-prof': { type: 'string' },
        'import-rows': { type: 'string' },
        results: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n${USAGE}\n`);
    process.exit(2);
  }
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    process.exit(0);
  }
  let only = [...SCENARIOS];
  if (values.only !== undefined) {
    const names = values.only.split(',').map((n) => n.trim()).filter(Boolean);
    const unknown = names.filter((n) => !SCENARIOS.some((s) => s.name === n));
    if (names.length === 0 || unknown.length > 0) {
      process.stderr.write(`--only: unknown scenario ${unknown.join(', ') || '(none named)'}\n${USAGE}\n`);
      process.exit(2);
    }
    only = SCENARIOS.filter((s) => names.includes(s.name));
  }
  const importRows = values['import-rows'] === undefined ? undefined : Number(values['import-rows'].replace(/[_,]/g, ''));
  if (importRows !== undefined && (!Number.isInteger(importRows) || importRows < 10)) {
    process.stderr.write(`--import-rows must be a whole number of at least 10\n${USAGE}\n`);
    process.exit(2);
  }
  if (values.results !== undefined && values.results.trim() === '') {
    process.stderr.write(`--results must name a file\n${USAGE}\n`);
    process.exit(2);
  }
  return {
    quick: values.quick,
    reseed: values.reseed,
    only,
    cpuProfileDir: values['cpu-prof'] === undefined ? undefined : path.resolve(values['cpu-prof']),
    resultsFile: resultsPath({ quick: values.quick, results: values.results }),
    importRows,
  };
}

async function postgresVersion(url: string): Promise<string> {
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString() });
  try {
    await client.connect();
    const result = await client.query<{ server_version: string }>('SHOW server_version');
    return `PostgreSQL ${result.rows[0]?.server_version ?? '?'}`;
  } catch (error) {
    return `PostgreSQL unreachable (${(error as Error).message})`;
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function machine(postgresUrl: string): Promise<Machine> {
  return {
    cores: os.availableParallelism(),
    cpu: os.cpus()[0]?.model.trim() ?? 'unknown CPU',
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    postgres: await postgresVersion(postgresUrl),
  };
}

const begin = (name: string) => `<!-- bench:${name} -->`;
const end = (name: string) => `<!-- /bench:${name} -->`;

/** Puts a scenario's section in place of its previous one, keeping the scenarios' order. */
function replaceSection(document: string, name: string, section: string): string {
  const block = `${begin(name)}\n${section.trim()}\n${end(name)}`;
  const start = document.indexOf(begin(name));
  const stop = document.indexOf(end(name));
  if (start !== -1 && stop > start) return document.slice(0, start) + block + document.slice(stop + end(name).length);
  // A scenario measured for the first time goes before the next one in the list that is already there.
  const later = SCENARIOS.slice(SCENARIOS.findIndex((s) => s.name === name) + 1).find((s) => document.includes(begin(s.name)));
  if (later) {
    const at = document.indexOf(begin(later.name));
    return `${document.slice(0, at)}${block}\n\n${document.slice(at)}`;
  }
  return `${document.trimEnd()}\n\n${block}\n`;
}

const HEADER = `# Benchmark results

Written by \`npm run bench\` (see docs/benchmarks.md). Each section is
replaced by the run that measured it, and says when, with which command, on which machine.
Figures are medians of several runs; "errors" counts socket errors, non-2xx answers and
answers carrying GraphQL errors.
`;

/** Puts a scenario's section into `file`, made with the header if it is not there yet. */
export function writeSection(file: string, name: string, section: string): void {
  mkdirSync(path.dirname(file), { recursive: true });
  const document = existsSync(file) ? readFileSync(file, 'utf8') : HEADER;
  writeFileSync(file, replaceSection(document, name, section));
}

/**
 * Runs the scenarios, writing each one's section as it is measured, and its
 * figures to the JSON beside the results file; returns how many failed.
 */
export async function runScenarios(scenarios: readonly Scenario[], options: BenchOptions, run: { command: string; resultsFile: string }): Promise<number> {
  const { machine: m, quick, note } = options;
  const conditions = `${m.cores} cores (${m.cpu}), ${m.memoryGiB} GiB, Node ${m.node}, ${m.postgres}`;
  note(`${conditions}${quick ? '; quick profile' : ''}`);
  let failed = 0;
  for (const scenario of scenarios) {
    note(`\n## ${scenario.title}`);
    const started = performance.now();
    const figures = new Map<FigureId, MeasuredFigure>();
    const context: BenchContext = {
      ...options,
      figure: (id, value) => {
        const line = figureLine(id);
        if (line.scenario !== scenario.name) throw new Error(`${scenario.name} reported ${id}, a figure of ${line.scenario}`);
        const measured = Number.isFinite(value) ? Number(value.toPrecision(6)) : null;
        figures.set(id, { ...line, value: measured, met: measured === null ? null : meets(line, measured), measuredAt: new Date().toISOString(), quick, machine: conditions });
        return figureText(line, value);
      },
    };
    let body: string;
    try {
      body = await scenario.run(context);
    } catch (error) {
      failed += 1;
      note(`${scenario.name} failed: ${(error as Error).stack ?? String(error)}`);
      continue;
    }
    const minutes = ((performance.now() - started) / 60_000).toFixed(1);
    const section = [
      `## ${scenario.title}`,
      '',
      `${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC, \`${run.command}\`${quick ? ' (quick profile: runs of a few seconds, a check that the scenario works rather than a measurement)' : ''}, ${minutes} min; ${conditions}.`,
      '',
      body,
    ].join('\n');
    process.stdout.write(`\n${section}\n`);
    writeSection(run.resultsFile, scenario.name, section);
    writeFigures(jsonPathFor(run.resultsFile), scenario.name, [...figures.values()]);
  }
  note(`\nResults written to ${path.relative(process.cwd(), run.resultsFile) || run.resultsFile} and ${path.relative(process.cwd(), jsonPathFor(run.resultsFile))}`);
  return failed;
}

if (isEntryPoint(import.meta.url)) {
  const { quick, reseed, only, cpuProfileDir, resultsFile, importRows } = commandLine(process.argv.slice(2));
  const postgresUrl = env().DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const note = (line: string) => process.stderr.write(`${line}\n`);
  const options: BenchOptions = { quick, reseed, postgresUrl, machine: await machine(postgresUrl), note, ...(cpuProfileDir ? { cpuProfileDir } : {}), ...(importRows ? { importRows } : {}) };
  const command = `npm run bench${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`;
  const failed = await runScenarios(only, options, { command, resultsFile });
  process.exit(failed === 0 ? 0 : 1);
}
