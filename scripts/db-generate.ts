import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fromRoot } from '../platform/paths.js';
import { SUBGRAPH_NAMES, SUBGRAPHS } from '../subgraphs/registry.js';

/**
 * `npm run db:generate`: drizzle-kit writes a migration for every subgraph
 * database whose drizzle schema changed, each from the configuration its
 * registry entry names (subgraphs/registry.ts). Stops at the first failure.
 */
const require = createRequire(import.meta.url);
// drizzle-kit's command line, beside its main module (its package exports neither its bin nor its package.json).
const bin = path.join(path.dirname(require.resolve('drizzle-kit')), 'bin.cjs');
for (const name of SUBGRAPH_NAMES) {
  const config = SUBGRAPHS[name].database.drizzleConfig;
  process.stdout.write(`== ${name} (${config})\n`);
  const run = spawnSync(process.execPath, [bin, 'generate', '--config', config], { cwd: fromRoot(), stdio: 'inherit' });
  if (run.status !== 0) {
    process.stderr.write(`drizzle-kit generate failed for ${name} (${config})\n`);
    process.exit(run.status ?? 1);
  }
}
