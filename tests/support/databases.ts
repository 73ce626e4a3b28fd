import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  derivedDatabaseUrl,
  dropPostgresDatabase,
  migrateDatabase,
  openDatabase,
  type Database,
  type DatabaseTarget,
} from '../../platform/db.js';
import { migrationsFolder } from '../../subgraphs/databases.js';
import type { SubgraphName } from '../../subgraphs/registry.js';

/**
 * A fresh, migrated database for one test file: in-memory PGlite by default,
 * or a new database on the PostgreSQL server named by DATABASE_URL.
 */
export interface TestDatabase<TSchema extends Record<string, unknown>> extends Database<TSchema> {
  /** Closes and, on PostgreSQL, drops the database. */
  destroy(): Promise<void>;
}

export const usingPostgres = (): boolean => Boolean(process.env.DATABASE_URL);

export function testTarget(department: SubgraphName, runId: string): DatabaseTarget {
  const base = process.env.DATABASE_URL;
  if (!base) return { kind: 'pglite' };
  return { kind: 'postgres', url: derivedDatabaseUrl(base, `t${runId}_${department}`), poolSize: 4 };
}

export function newRunId(): string {
  return `${process.pid}${randomBytes(3).toString('hex')}`;
}

/** Where migrated PGlite clusters are kept between test files, one per database and state of its migrations. */
const TEMPLATES = path.join(tmpdir(), 'hub-test-pglite-templates');

/** The migrations folder's files, names and contents, as one digest: a changed migration makes a new template. */
function migrationsDigest(folder: string): string {
  const hash = createHash('sha256');
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(file);
      else hash.update(path.relative(folder, file)).update('\0').update(readFileSync(file)).update('\0');
    }
  };
  walk(folder);
  return hash.digest('hex').slice(0, 16);
}

/**
 * An empty PGlite cluster is made by running initdb, which takes seconds; a
 * test hub opens nine. So each database is made and migrated once, dumped to
 * the temporary folder, and every later test file starts from that dump (its
 * migrations then find nothing to do). The dump is the migrated database and
 * nothing else: no row any test wrote.
 */
async function migratedTemplate(department: SubgraphName, schema: Record<string, unknown>): Promise<Blob> {
  const folder = migrationsFolder(department);
  const file = path.join(TEMPLATES, `${department}-${migrationsDigest(folder)}.tar`);
  try {
    return new Blob([readFileSync(file)]);
  } catch {
    const database = await openDatabase({ kind: 'pglite' }, schema);
    try {
      await migrateDatabase(database, folder);
      const dump = await database.pglite!.dumpDataDir('none');
      mkdirSync(TEMPLATES, { recursive: true });
      // Written aside and renamed: two workers making the same template never read half of one.
      const partial = `${file}.${process.pid}.${randomBytes(3).toString('hex')}`;
      writeFileSync(partial, Buffer.from(await dump.arrayBuffer()));
      renameSync(partial, file);
      return dump;
    } finally {
      await database.close();
    }
  }
}

export async function openTestDatabase<TSchema extends Record<string, unknown>>(
  department: SubgraphName,
  schema: TSchema,
  runId = newRunId(),
  target: DatabaseTarget = testTarget(department, runId),
): Promise<TestDatabase<TSchema>> {
  const from = target.kind === 'pglite' && !target.dir && !target.loadDataDir ? { ...target, loadDataDir: await migratedTemplate(department, schema) } : target;
  const database = await openDatabase(from, schema);
  await migrateDatabase(database, migrationsFolder(department));
  return {
    ...database,
    destroy: async () => {
      // A test may have taken the database away already (the audit store's fail-closed tests do).
      await database.close().catch(() => undefined);
      if (target.kind === 'postgres') await dropPostgresDatabase(target.url);
    },
  };
}
