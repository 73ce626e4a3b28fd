import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SEED_COMMAND } from '../../bench/city.js';
import { fromRoot } from '../../platform/paths.js';

/*
 * The full benchmarks seed their PostgreSQL city with the project's own
 * seeding command, as an operator would (`npm run db:seed`); a command moved
 * elsewhere must not leave them starting a file that is gone.
 */

describe('the benchmark city', () => {
  it('is seeded by the command npm run db:seed runs', () => {
    expect(existsSync(SEED_COMMAND), SEED_COMMAND).toBe(true);
    const scripts = (JSON.parse(readFileSync(fromRoot('package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
    expect(path.resolve(fromRoot(), scripts['db:seed']?.replace(/^tsx\s+/, '') ?? '')).toBe(SEED_COMMAND);
  });
});
