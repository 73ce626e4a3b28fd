import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { isEntryPoint } from '../../../platform/entry.js';
import { fromRoot } from '../../../platform/paths.js';

const dir = mkdtempSync(path.join(tmpdir(), 'entry-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const entryModule = pathToFileURL(fromRoot('platform', 'entry.ts')).href;
const script = path.join(dir, 'script.ts');
writeFileSync(script, `import { isEntryPoint } from ${JSON.stringify(entryModule)};\nprocess.stdout.write(String(isEntryPoint(import.meta.url)));\n`);
const importer = path.join(dir, 'importer.ts');
writeFileSync(importer, `import ${JSON.stringify(pathToFileURL(script).href)};\n`);

const run = (file: string) => execFileSync(process.execPath, ['--import', 'tsx', file], { cwd: fromRoot(), encoding: 'utf8' });

describe('isEntryPoint', () => {
  it('is true for the script node was asked to run', () => {
    expect(run(script)).toBe('true');
  });

  it('is true when the script was run through a link to it', () => {
    const link = path.join(dir, 'linked.ts');
    symlinkSync(script, link);
    expect(run(link)).toBe('true');
  });

  it('is false for a module the script imported', () => {
    expect(run(importer)).toBe('false');
  });

  it('is false inside the test runner', () => {
    expect(isEntryPoint(import.meta.url)).toBe(false);
  });
});
