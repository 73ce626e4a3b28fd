import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import path from 'node:path';
import { isEntryPoint } from '../platform/entry.js';
import { fromRoot } from '../platform/paths.js';
import { compareResults, readResults, type Comparison } from './results-json.js';

/**
 * `npm run bench:check -- <results.json> [--baseline bench/results.json] [--tolerance 0.1]`:
 * holds a run's figures to the committed ones and exits 1 when one regressed:
 * worse than the baseline by more than the tolerance, or a goal met before and
 * no longer. Prints every figure with its goal either way.
 */

const USAGE = 'usage: npm run bench:check -- <results.json> [--baseline <results.json>] [--tolerance <fraction, e.g. 0.1>]';

export const COMMITTED_RESULTS = fromRoot('bench', 'results.json');

const shown = (value: number | null) => (value === null ? '-' : String(value));

/** The report's lines: one per figure, then what regressed. */
export function reportLines(comparisons: readonly Comparison[]): string[] {
  const lines = comparisons.map((c) => {
    const goal = c.goal === null ? 'no goal' : `goal ${c.goal} ${c.unit}: ${c.met === null ? 'not measured' : c.met ? 'met' : 'not met'}`;
    return `${c.regressed ? 'REGRESSED' : 'ok       '} ${c.id}: ${shown(c.value)} ${c.unit} (before ${shown(c.baseline)}; ${goal})${c.regressed ? ` — ${c.regressed}` : ''}`;
  });
  const regressed = comparisons.filter((c) => c.regressed).length;
  lines.push(regressed === 0 ? `${comparisons.length} figures, none regressed` : `${regressed} of ${comparisons.length} figures regressed`);
  return lines;
}

if (isEntryPoint(import.meta.url)) {
  let parsed;
  try {
    parsed = parseArgs({
      args: process.argv.slice(2),
      options: { baseline: { type: 'string', default: COMMITTED_RESULTS }, tolerance: { type: 'string', default: '0.1' } },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n${USAGE}\n`);
    process.exit(2);
  }
  const [file, ...extra] = parsed.positionals;
  const tolerance = Number(parsed.values.tolerance);
  if (!file || extra.length > 0 || !Number.isFinite(tolerance) || tolerance < 0) {
    process.stderr.write(`${!file ? 'name the results file to check' : extra.length > 0 ? `one results file, not ${parsed.positionals.length}` : '--tolerance must be a fraction at least 0'}\n${USAGE}\n`);
    process.exit(2);
  }
  // A baseline not written yet holds nothing to compare with; a run's file that is not there is a mistake.
  if (!existsSync(path.resolve(file))) {
    process.stderr.write(`no results file at ${file}: run npm run bench first, or name the file it wrote\n${USAGE}\n`);
    process.exit(2);
  }
  let comparisons: Comparison[];
  try {
    comparisons = compareResults(readResults(path.resolve(file)), readResults(path.resolve(parsed.values.baseline)), tolerance);
  } catch (error) {
    process.stderr.write(`cannot read the results: ${(error as Error).message.split('\n')[0]}\n`);
    process.exit(2);
  }
  process.stdout.write(`${reportLines(comparisons).join('\n')}\n`);
  process.exit(comparisons.some((c) => c.regressed) ? 1 : 0);
}
