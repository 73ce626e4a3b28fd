import { rmSync } from 'node:fs';
import path from 'node:path';
import { fromRoot } from '../../platform/paths.js';
import { BUILD_DIR, buildHub, type BuildReport } from '../../scripts/build.js';
import { newRunId } from './databases.js';

/**
 * The hub as `npm run build` compiles it, for one test file: built once into
 * a folder of its own under dist/ (node_modules is found above it, as it is
 * above dist/ itself), removed again by `remove`.
 */
export interface TestBuild extends BuildReport {
  /** A built file by its source path: `script('scripts/serve-gateway.ts')` is `<out>/scripts/serve-gateway.js`. */
  built(source: string): string;
  remove(): void;
}

export async function buildForTest(): Promise<TestBuild> {
  const report = await buildHub({ out: fromRoot(BUILD_DIR, `.test-${newRunId()}`) });
  return {
    ...report,
    built: (source) => path.join(report.out, source.replace(/\.(ts|tsx|mts)$/, '.js')),
    remove: () => rmSync(report.out, { recursive: true, force: true }),
  };
}
