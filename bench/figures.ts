/**
 * Every figure a benchmark run reports in bench/results.json, with the goal
 * it is held to: one line per figure, read by the scenarios (which render the
 * goal line of their section from it) and by `npm run bench:check` (which
 * compares two runs). A figure without a goal is reported and compared with
 * the run before, and nothing more.
 */

export type Better = 'higher' | 'lower';

export interface FigureLine {
  /** `<scenario>.<what>`: stable, so runs can be compared. */
  id: string;
  /** The `npm run bench -- --only` name of the scenario that measures it. */
  scenario: string;
  label: string;
  unit: string;
  /** Which way is an improvement. */
  better: Better;
  /** The figure to reach, or null where there is none. */
  goal: number | null;
}

export const FIGURES = [
  {
    id: 'gateways.throughput-ratio',
    scenario: 'gateways',
    label: 'hub gateway / stock @apollo/gateway throughput, median of the runs taken side by side',
    unit: 'ratio',
    better: 'higher',
    goal: 2,
  },
  { id: 'gateways.cpu-ratio', scenario: 'gateways', label: 'gateway CPU per request, stock / hub (all workers counted)', unit: 'ratio', better: 'higher', goal: 2 },
  { id: 'protection.dossier-ratio', scenario: 'protection', label: 'dossier, protected / unprotected req/s, median of the runs taken side by side', unit: 'ratio', better: 'higher', goal: 0.9 },
  {
    id: 'protection.dossier-postgres-ratio',
    scenario: 'protection',
    label: 'dossier, protected with the audit store on PostgreSQL / unprotected req/s, median of the runs taken side by side',
    unit: 'ratio',
    better: 'higher',
    goal: 0.9,
  },
  { id: 'protection.list-ratio', scenario: 'protection', label: '100-resident list, protected / unprotected req/s, median of the runs taken side by side', unit: 'ratio', better: 'higher', goal: 0.9 },
  {
    id: 'protection.list-postgres-ratio',
    scenario: 'protection',
    label: '100-resident list, protected with the audit store on PostgreSQL / unprotected req/s, median of the runs taken side by side',
    unit: 'ratio',
    better: 'higher',
    goal: 0.9,
  },
  { id: 'protection.list-cpu-ms', scenario: 'protection', label: '100-resident list, protected: CPU per request', unit: 'ms', better: 'lower', goal: null },
  { id: 'city.seed-seconds', scenario: 'city', label: "seeding the city's register into PostgreSQL", unit: 's', better: 'lower', goal: 180 },
  { id: 'city.paced-p99-ms', scenario: 'city', label: 'dossier, 16 clients pausing between requests: p99', unit: 'ms', better: 'lower', goal: 30 },
  { id: 'city.flat-out-rps', scenario: 'city', label: 'dossier, 16 clients flat out: throughput', unit: 'req/s', better: 'higher', goal: 280 },
  { id: 'city.flat-out-p99-ms', scenario: 'city', label: 'dossier, 16 clients flat out: p99', unit: 'ms', better: 'lower', goal: null },
  { id: 'audit.verify-seconds', scenario: 'audit', label: 'verifying the audit store on PostgreSQL (1,000,000 events; 50,000 in a quick run)', unit: 's', better: 'lower', goal: 5 },
  { id: 'exchange.seconds', scenario: 'exchange', label: '100,000 notices exchanged between two hubs (10,000 in a quick run), median', unit: 's', better: 'lower', goal: 20 },
  { id: 'start.seconds-to-first-answer', scenario: 'start', label: '`npm start` on an empty data folder to its first answer (10,000 residents seeded; 500 in a quick run), median', unit: 's', better: 'lower', goal: 10 },
  { id: 'start.memory-mib', scenario: 'start', label: "the embedded hub's memory (every process of `npm start`), serving the demo city of 10,000 residents (500 in a quick run)", unit: 'MiB', better: 'lower', goal: 600 },
  { id: 'collection.declarations-per-second', scenario: 'collection', label: 'declarations accepted per second', unit: '/s', better: 'higher', goal: null },
  { id: 'collection.confirm-to-readable-p50-ms', scenario: 'collection', label: 'from a confirmation to the tenancy readable through the gateway: p50', unit: 'ms', better: 'lower', goal: null },
  { id: 'import.postgres-rows-per-second', scenario: 'import', label: 'vaccination rows imported into PostgreSQL per second, the command’s start included', unit: 'rows/s', better: 'higher', goal: null },
  { id: 'import.postgres-rerun-seconds', scenario: 'import', label: 'the same file into PostgreSQL again, loading nothing new', unit: 's', better: 'lower', goal: null },
  { id: 'import.pglite-rows-per-second', scenario: 'import', label: 'vaccination rows imported into in-memory PGlite per second, the command’s start included', unit: 'rows/s', better: 'higher', goal: null },
  { id: 'import.pglite-rerun-seconds', scenario: 'import', label: 'the same file into PGlite again, loading nothing new', unit: 's', better: 'lower', goal: null },
  { id: 'import.command-peak-mib', scenario: 'import', label: 'the import command’s peak memory, whatever the file’s size', unit: 'MiB', better: 'lower', goal: null },
] as const satisfies readonly FigureLine[];

export type FigureId = (typeof FIGURES)[number]['id'];

/** The table's line for an id; the type makes an unknown id a compile error, the throw a corrupted table. */
export function figureLine(id: FigureId): FigureLine {
  const line = FIGURES.find((f) => f.id === id);
  if (!line) throw new Error(`no figure ${id} in bench/figures.ts`);
  return line;
}

/** Whether a value reaches a goal, in the figure's direction. */
export function meets(line: Pick<FigureLine, 'better' | 'goal'>, value: number): boolean | null {
  if (line.goal === null || !Number.isFinite(value)) return null;
  return line.better === 'higher' ? value >= line.goal : value <= line.goal;
}

const decimals = (unit: string) => (unit === 'ratio' ? 2 : 1);

/** The Markdown line of a section that states a figure and its goal. */
export function figureText(line: FigureLine, value: number): string {
  const shown = Number.isFinite(value) ? value.toFixed(decimals(line.unit)) : '-';
  const unit = line.unit === 'ratio' ? '' : ` ${line.unit}`;
  if (line.goal === null) return `- ${line.label}: **${shown}**${unit}`;
  const target = `${line.better === 'higher' ? '>=' : '<='} ${line.goal.toFixed(decimals(line.unit))}${unit}`;
  if (!Number.isFinite(value)) return `- ${line.label}: **-** (goal ${target}: not measured, a configuration answered nothing in a run)`;
  return `- ${line.label}: **${shown}**${unit} (goal ${target}: ${meets(line, value) ? 'met' : 'not met'})`;
}
