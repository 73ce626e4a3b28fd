/** What every benchmark scenario is given, and what it gives back. */

import type { FigureId } from '../figures.js';

export interface Machine {
  cores: number;
  cpu: string;
  memoryGiB: number;
  node: string;
  postgres: string;
}

/** What a run is started with: the same for every scenario. */
export interface BenchOptions {
  /** The short profile: smaller city, shorter and fewer runs. */
  quick: boolean;
  /** Seed the benchmark city again even when an identical one is there. */
  reseed: boolean;
  /** A PostgreSQL server URL; scenarios derive databases of their own from it. */
  postgresUrl: string;
  machine: Machine;
  /** The import scenario's file on PostgreSQL, in rows (1,000,000 unless told); the one on PGlite is a tenth of it. */
  importRows?: number;
  /** Where the servers a scenario starts write `node --cpu-prof` profiles, when asked for. */
  cpuProfileDir?: string;
  /** Progress for the person watching, on stderr; results go in the returned section. Scenarios pass it on as a plain function. */
  note: (line: string) => void;
}

export interface BenchContext extends BenchOptions {
  /**
   * Reports a figure of bench/figures.ts for bench/results.json, and answers
   * the Markdown line that states it and its goal, for the section.
   */
  figure: (id: FigureId, value: number) => string;
}

export interface Scenario {
  /** What `--only` names. */
  name: string;
  /** The section heading in bench/RESULTS.md. */
  title: string;
  /** Measures, and returns the section's Markdown body (tables and ratios). */
  run(context: BenchContext): Promise<string>;
}

/** A run plan scaled by the profile: seconds per measured run, runs per figure, warm-up seconds. */
export function plan(context: BenchContext): { seconds: number; runs: number; warmupSeconds: number } {
  return context.quick ? { seconds: 2, runs: 3, warmupSeconds: 2 } : { seconds: 10, runs: 5, warmupSeconds: 5 };
}

/** The node flags that make a server write its CPU profile on exit, if profiles were asked for. */
export const profileFlags = (context: BenchContext): string[] => (context.cpuProfileDir ? ['--cpu-prof', `--cpu-prof-dir=${context.cpuProfileDir}`] : []);

export const ratio = (a: number, b: number): string => (b > 0 ? (a / b).toFixed(2) : '-');

/** A goal line: the figure, the goal, and whether it was met. */
export const goal = (label: string, value: number, target: string, met: boolean): string =>
  Number.isFinite(value)
    ? `- ${label}: **${value.toFixed(2)}** (goal ${target}: ${met ? 'met' : 'not met'})`
    : `- ${label}: **-** (goal ${target}: not measured, a configuration answered nothing in a run)`;
