import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { FIGURES, meets, type Better } from './figures.js';

/**
 * bench/results.json: the figures of bench/RESULTS.md as data, one entry per
 * figure with its goal, so a script can tell a regression from the last run
 * (`npm run bench:check`). A run replaces the entries of the scenarios it
 * measured and keeps the others, as it does the sections of the Markdown.
 */

export const MeasuredFigure = z.object({
  id: z.string(),
  scenario: z.string(),
  label: z.string(),
  unit: z.string(),
  better: z.enum(['higher', 'lower']),
  value: z.number().nullable(),
  goal: z.number().nullable(),
  /** Null where there is no goal, or nothing was measured. */
  met: z.boolean().nullable(),
  measuredAt: z.string(),
  /** A quick run's figures check that a scenario works; they are not measurements. */
  quick: z.boolean(),
  /** Cores, CPU, memory, Node and PostgreSQL of the machine that measured it. */
  machine: z.string(),
});
export type MeasuredFigure = z.infer<typeof MeasuredFigure>;

export const ResultsFile = z.object({ figures: z.array(MeasuredFigure) });
export type ResultsFile = z.infer<typeof ResultsFile>;

/** The JSON beside a results Markdown file: RESULTS.md → results.json, RESULTS.quick.md → results.quick.json. */
export function jsonPathFor(markdownFile: string): string {
  return path.join(path.dirname(markdownFile), `${path.basename(markdownFile).replace(/\.md$/i, '').toLowerCase()}.json`);
}

/** A results file, or an empty one where there is none yet. */
export function readResults(file: string): ResultsFile {
  if (!existsSync(file)) return { figures: [] };
  return ResultsFile.parse(JSON.parse(readFileSync(file, 'utf8')));
}

/** Puts a scenario's figures in place of its previous ones, in the order of bench/figures.ts. */
export function writeFigures(file: string, scenario: string, figures: readonly MeasuredFigure[]): void {
  const kept = readResults(file).figures.filter((f) => f.scenario !== scenario);
  const order = (id: string) => {
    const at = FIGURES.findIndex((f) => f.id === id);
    return at === -1 ? FIGURES.length : at;
  };
  const all = [...kept, ...figures].sort((a, b) => order(a.id) - order(b.id));
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify({ figures: all }, null, 2)}\n`);
}

/** What one figure of a run says against the run it is compared with. */
export interface Comparison {
  id: string;
  label: string;
  unit: string;
  value: number | null;
  baseline: number | null;
  goal: number | null;
  met: boolean | null;
  /** A figure worse than the baseline by more than the tolerance, or a goal met before and no longer. */
  regressed: string | null;
}

const worseBy = (better: Better, value: number, baseline: number): number => (baseline === 0 ? 0 : better === 'higher' ? (baseline - value) / baseline : (value - baseline) / baseline);

/**
 * Holds a run's figures to a baseline's: a figure regresses when it is worse
 * by more than `tolerance` (a fraction: 0.1 is 10 %) in its own direction, or
 * when it met its goal in the baseline and no longer does. A figure the run
 * did not measure is not compared; a figure measured in one profile is never
 * held to the other's.
 */
export function compareResults(run: ResultsFile, baseline: ResultsFile, tolerance: number): Comparison[] {
  return run.figures.map((figure) => {
    const before = baseline.figures.find((b) => b.id === figure.id && b.quick === figure.quick);
    let regressed: string | null = null;
    if (before && figure.value !== null && before.value !== null) {
      const worse = worseBy(figure.better, figure.value, before.value);
      if (before.met === true && meets(figure, figure.value) === false) regressed = `met its goal before (${before.value}), not now`;
      else if (worse > tolerance) regressed = `${(worse * 100).toFixed(0)} % worse than before (${before.value})`;
    }
    return { id: figure.id, label: figure.label, unit: figure.unit, value: figure.value, baseline: before?.value ?? null, goal: figure.goal, met: figure.met, regressed };
  });
}
