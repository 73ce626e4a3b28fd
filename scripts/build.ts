import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';
import { z } from 'zod';
import { isEntryPoint } from '../platform/entry.js';
import { fromRoot } from '../platform/paths.js';

/**
 * `npm run build`: the hub compiled to JavaScript for production, so every
 * process runs with plain `node` instead of transpiling TypeScript at each
 * start (tsx costs each process about two seconds and esbuild helpers that
 * stay in memory). Development keeps running the sources through tsx.
 *
 * Each source file becomes one JavaScript file at the same place under the
 * output folder (`dist/` unless `--out` says otherwise), with a source map
 * beside it so stack traces name the TypeScript lines
 * (`node --enable-source-maps`). Nothing is bundled: packages stay in
 * node_modules. Every other file of those folders (subgraph SDL, migrations,
 * the composed supergraph) is copied beside the code that reads it, so what
 * is read relative to the sources (platform/paths.ts `fromRoot`,
 * `new URL('./schema.graphql', import.meta.url)`) is found in the build the
 * same way. Types are not checked here: `npm run typecheck` does that.
 */

/** The default output folder, git- and docker-ignored. */
export const BUILD_DIR = 'dist';

/** Folders of the repository that are not part of what runs: the tests, the benchmarks. */
const NOT_SHIPPED = new Set(['tests', 'bench']);

/**
 * The web pages' folder: the server's part, the files directly in it, is
 * compiled like the rest; each page's browser code (web/shared, web/<page>)
 * is copied as it is, since the running hub bundles it with esbuild.
 */
const WEB = 'web';
const isBrowserSource = (root: string, file: string): boolean => {
  const parts = path.relative(root, file).split(path.sep);
  return parts[0] === WEB && parts.length > 2;
};

const SOURCE = /\.(ts|tsx|mts)$/;
const NEVER_COPIED = /(\.d\.ts|\.md)$/;

/**
 * The folders compiled: every folder the type check covers (tsconfig.json
 * `include`), except the tests and benchmarks. A folder added to the project
 * is built once the type check includes it.
 */
export function builtFolders(): string[] {
  const tsconfig = z.object({ include: z.array(z.string()) }).parse(JSON.parse(readFileSync(fromRoot('tsconfig.json'), 'utf8')));
  const folders = tsconfig.include.map((entry) => (entry === `${WEB}/*.ts` ? WEB : entry));
  return folders.filter((entry) => /^[A-Za-z0-9_-]+$/.test(entry) && !NOT_SHIPPED.has(entry)).sort();
}


function filesUnder(folder: string): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) found.push(...filesUnder(full));
    else if (entry.isFile()) found.push(full);
  }
  return found;
}

export interface BuildReport {
  /** Where the build was written. */
  out: string;
  /** TypeScript files compiled. */
  compiled: number;
  /** Other files copied beside them. */
  copied: number;
  ms: number;
}

/**
 * Compiles the shipped folders into `out`, replacing what an earlier build of
 * those folders left there (and nothing else under `out`).
 */
export async function buildHub(options: { out?: string } = {}): Promise<BuildReport> {
  const started = performance.now();
  const root = fromRoot();
  const out = path.resolve(options.out ?? fromRoot(BUILD_DIR));
  const folders = builtFolders();
  const sources: string[] = [];
  const assets: string[] = [];
  for (const folder of folders) {
    const dir = path.join(root, folder);
    if (!statSync(dir, { throwIfNoEntry: false })?.isDirectory()) continue;
    for (const file of filesUnder(dir)) {
      if (NEVER_COPIED.test(file)) continue;
      // A page's browser code is copied for the running hub to bundle; its .ts files are compiled too, for the server's part that imports them.
      if (isBrowserSource(root, file)) {
        assets.push(file);
        if (file.endsWith('.ts')) sources.push(file);
      } else (SOURCE.test(file) ? sources : assets).push(file);
    }
    rmSync(path.join(out, folder), { recursive: true, force: true });
  }
  mkdirSync(out, { recursive: true });
  await build({
    entryPoints: sources,
    outdir: out,
    outbase: root,
    bundle: false,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    // Maps beside the files, without the sources inside them: stack traces name the TypeScript file and line.
    sourcemap: 'linked',
    sourcesContent: false,
    logLevel: 'warning',
    tsconfig: path.join(root, 'tsconfig.json'),
  });
  for (const asset of assets) cpSync(asset, path.join(out, path.relative(root, asset)));
  // The output is ES modules wherever it is put, whatever package.json is above it.
  writeFileSync(path.join(out, 'package.json'), `${JSON.stringify({ type: 'module', private: true }, null, 2)}\n`);
  return { out, compiled: sources.length, copied: assets.length, ms: performance.now() - started };
}

if (isEntryPoint(import.meta.url)) {
  const { values } = parseArgs({ options: { out: { type: 'string' } } });
  const report = await buildHub(values.out ? { out: values.out } : {});
  process.stdout.write(
    `built ${report.compiled} files (and copied ${report.copied} beside them) into ${path.relative(process.cwd(), report.out) || '.'} in ${(report.ms / 1000).toFixed(1)} s\n`,
  );
}
