import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { QUICK_RESULTS_PATH, RESULTS_PATH, resultsPath, runScenarios } from '../../bench/run.js';
import type { BenchContext, Scenario } from '../../bench/scenarios/scenario.js';
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

function context(quick: boolean, notes: string[]): BenchContext {
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
