import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FIGURES, figureLine, meets, type FigureId } from '../../bench/figures.js';
import { compareResults, jsonPathFor, readResults, type ResultsFile } from '../../bench/results-json.js';
import { QUICK_RESULTS_PATH, RESULTS_PATH, resultsPath, runScenarios, SCENARIOS } from '../../bench/run.js';
import type { BenchOptions, Scenario } from '../../bench/scenarios/scenario.js';
import { fromRoot } from '../../platform/paths.js';

/*
 * A quick benchmark run checks that scenarios work; it must not replace the
 * committed measurements in bench/RESULTS.md with its few-second figures.
 */

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

const digest = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

function context(quick: boolean, notes: string[]): BenchOptions {
  return {
    quick,
    reseed: false,
    postgresUrl: 'postgres://unused.invalid/postgres',
    machine: { cores: 2, cpu: 'test cpu', memoryGiB: 4, node: process.version, postgres: 'none' },
    note: (line) => void notes.push(line),
  };
}

/** A scenario whose measurement is a fixed line: what is under test is where its section goes. */
const standIn = (figure: string): Scenario => ({ name: 'city', title: 'Stand-in', run: async () => `- figure: ${figure}` });

describe('where a benchmark run writes its results', () => {
  it('sends a quick run to a file under the data folder git ignores, and a full run to bench/RESULTS.md', () => {
    expect(resultsPath({ quick: false })).toBe(RESULTS_PATH);
    expect(resultsPath({ quick: true })).toBe(QUICK_RESULTS_PATH);
    expect(QUICK_RESULTS_PATH).not.toBe(RESULTS_PATH);
    expect(path.relative(fromRoot('data'), QUICK_RESULTS_PATH).startsWith('..')).toBe(false);
    // git check-ignore exits 0 for an ignored path, and fails the test otherwise.
    execFileSync('git', ['check-ignore', '-q', path.relative(fromRoot(), QUICK_RESULTS_PATH)], { cwd: fromRoot() });
    expect(resultsPath({ quick: true, results: 'elsewhere/r.md' })).toBe(path.resolve('elsewhere/r.md'));
  });

  it('leaves the committed results untouched on a quick run, writes its own file, replaces its section on the next run, and says where', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'bench-results-'));
    dirs.push(dir);
    const file = path.join(dir, 'nested', 'RESULTS.quick.md');
    const committed = digest(RESULTS_PATH);
    const notes: string[] = [];
    expect(await runScenarios([standIn('first')], context(true, notes), { command: 'npm run bench -- --quick', resultsFile: file })).toBe(0);
    expect(await runScenarios([standIn('second')], context(true, notes), { command: 'npm run bench -- --quick', resultsFile: file })).toBe(0);
    expect(digest(RESULTS_PATH)).toBe(committed);
    const written = readFileSync(file, 'utf8');
    expect(written).toMatch(/^# Benchmark results/);
    expect(written).toContain('- figure: second');
    expect(written).not.toContain('- figure: first');
    expect(written.match(/<!-- bench:city -->/g)).toHaveLength(1);
    expect(written).toContain('quick profile');
    expect(notes.at(-1)).toContain(`Results written to ${path.relative(process.cwd(), file)}`);
  });

  it('counts a scenario that fails, and writes no section for it', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'bench-results-'));
    dirs.push(dir);
    const file = path.join(dir, 'RESULTS.md');
    const failing: Scenario = { name: 'audit', title: 'Failing', run: async () => Promise.reject(new Error('no server')) };
    const notes: string[] = [];
    expect(await runScenarios([failing, standIn('kept')], context(true, notes), { command: 'npm run bench -- --quick', resultsFile: file })).toBe(1);
    const written = readFileSync(file, 'utf8');
    expect(written).not.toContain('<!-- bench:audit -->');
    expect(written).toContain('- figure: kept');
  });
});

/** A scenario that reports the figures given, under the name of the scenario they belong to. */
const reporting = (name: string, values: [FigureId, number][]): Scenario => ({
  name,
  title: `Reporting ${name}`,
  run: async (c) => values.map(([id, value]) => c.figure(id, value)).join('\n'),
});

/** A figure of the table with a goal, and one without, measured by the same scenario. */
const withGoal = FIGURES.find((f) => f.goal !== null)!;
const withoutGoal = FIGURES.find((f) => f.goal === null)!;

describe('bench/results.json', () => {
  it('lists every figure of the table under a scenario the runner has, once', () => {
    const ids = FIGURES.map((f) => f.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const figure of FIGURES) {
      expect(SCENARIOS.map((s) => s.name), figure.id).toContain(figure.scenario);
      expect(figure.id.startsWith(`${figure.scenario}.`), figure.id).toBe(true);
      // The scenario's own code reports it: a line nobody measures would never reach results.json.
      expect(readFileSync(fromRoot('bench', 'scenarios', `${figure.scenario}.ts`), 'utf8'), figure.id).toContain(`'${figure.id}'`);
    }
  });

  it('writes each figure with its goal beside the Markdown, and keeps the figures of scenarios a later run did not measure', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'bench-json-'));
    dirs.push(dir);
    const file = path.join(dir, 'RESULTS.md');
    const notes: string[] = [];
    const first = FIGURES.filter((f) => f.scenario === withGoal.scenario);
    // Each goal missed by a tenth, in its own direction.
    const missed = (f: (typeof FIGURES)[number]) => (f.goal === null ? 1 : f.better === 'higher' ? f.goal * 0.9 : f.goal * 1.1);
    expect(await runScenarios([reporting(withGoal.scenario, first.map((f) => [f.id, missed(f)]))], context(false, notes), { command: 'npm run bench', resultsFile: file })).toBe(0);
    const other = FIGURES.find((f) => f.scenario !== withGoal.scenario)!;
    expect(await runScenarios([reporting(other.scenario, [[other.id, missed(other)]])], context(false, notes), { command: 'npm run bench', resultsFile: file })).toBe(0);
    expect(jsonPathFor(file)).toBe(path.join(dir, 'results.json'));
    const written = readResults(jsonPathFor(file));
    expect(written.figures.map((f) => f.id).sort()).toEqual([...first.map((f) => f.id), other.id].sort());
    for (const figure of written.figures) {
      const line = figureLine(figure.id as FigureId);
      expect(figure).toMatchObject({ scenario: line.scenario, label: line.label, unit: line.unit, better: line.better, goal: line.goal, quick: false });
      expect(figure.met).toBe(line.goal === null ? null : false);
    }
    // The section states the same goal the JSON holds.
    const markdown = readFileSync(file, 'utf8');
    expect(markdown).toContain(`- ${withGoal.label}: **`);
    expect(markdown).toContain('not met');
  });

  it('refuses a figure reported by a scenario it does not belong to, and writes nothing for that scenario', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'bench-json-'));
    dirs.push(dir);
    const file = path.join(dir, 'RESULTS.md');
    const stranger = SCENARIOS.find((s) => s.name !== withGoal.scenario)!.name;
    expect(await runScenarios([reporting(stranger, [[withGoal.id, 1]])], context(false, []), { command: 'npm run bench', resultsFile: file })).toBe(1);
    expect(readResults(jsonPathFor(file)).figures).toEqual([]);
  });
});

describe('npm run bench:check', () => {
  const measured = (id: FigureId, value: number, quick = false): ResultsFile['figures'][number] => {
    const line = figureLine(id);
    return { ...line, value, met: meets(line, value), measuredAt: '2026-12-01T00:00:00Z', quick, machine: 'test' };
  };
  // A value that meets the goal with room to spare, and one that misses it, in the figure's direction.
  const good = (f: typeof withGoal) => (f.better === 'higher' ? f.goal * 1.05 : f.goal * 0.95);
  const bad = (f: typeof withGoal) => (f.better === 'higher' ? f.goal * 0.5 : f.goal * 2);

  it('passes figures as good as before, within the tolerance', () => {
    const baseline = { figures: [measured(withGoal.id, good(withGoal)), measured(withoutGoal.id, 100)] };
    const slightlyWorse = withoutGoal.better === 'higher' ? 95 : 105;
    const run = { figures: [measured(withGoal.id, good(withGoal)), measured(withoutGoal.id, slightlyWorse)] };
    expect(compareResults(run, baseline, 0.1).map((c) => c.regressed)).toEqual([null, null]);
  });

  it('names a figure worse by more than the tolerance, and a goal met before and missed now', () => {
    const baseline = { figures: [measured(withGoal.id, good(withGoal)), measured(withoutGoal.id, 100)] };
    const muchWorse = withoutGoal.better === 'higher' ? 50 : 200;
    const run = { figures: [measured(withGoal.id, bad(withGoal)), measured(withoutGoal.id, muchWorse)] };
    const [goal, plain] = compareResults(run, baseline, 0.1);
    expect(goal?.regressed).toMatch(/met its goal before/);
    expect(plain?.regressed).toMatch(/50 % worse|100 % worse/);
  });

  it('never holds a quick run to a full one', () => {
    const baseline = { figures: [measured(withGoal.id, good(withGoal))] };
    expect(compareResults({ figures: [measured(withGoal.id, bad(withGoal), true)] }, baseline, 0.1)[0]?.regressed).toBeNull();
  });

  it('exits 1 on a regression and 0 without, as a script would run it', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'bench-check-'));
    dirs.push(dir);
    const write = (name: string, results: ResultsFile) => {
      const file = path.join(dir, name);
      writeFileSync(file, JSON.stringify(results));
      return file;
    };
    const baseline = write('baseline.json', { figures: [measured(withGoal.id, good(withGoal))] });
    const same = write('same.json', { figures: [measured(withGoal.id, good(withGoal))] });
    const worse = write('worse.json', { figures: [measured(withGoal.id, bad(withGoal))] });
    const check = (file: string) => spawnSync(process.execPath, ['--import', 'tsx', fromRoot('bench', 'check.ts'), file, '--baseline', baseline], { cwd: fromRoot(), encoding: 'utf8' });
    expect(check(same).status).toBe(0);
    const regressed = check(worse);
    expect(regressed.status).toBe(1);
    expect(regressed.stdout).toContain(`REGRESSED ${withGoal.id}`);
    const nothing = spawnSync(process.execPath, ['--import', 'tsx', fromRoot('bench', 'check.ts')], { cwd: fromRoot(), encoding: 'utf8' });
    expect(nothing.status).toBe(2);
    expect(nothing.stderr).toContain('name the results file');
    const missing = spawnSync(process.execPath, ['--import', 'tsx', fromRoot('bench', 'check.ts'), path.join(dir, 'not-written.json'), '--baseline', baseline], { cwd: fromRoot(), encoding: 'utf8' });
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('no results file at');
  });
});
