import { randomBytes } from 'node:crypto';
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

export async function openTestDatabase<TSchema extends Record<string, unknown>>(
  department: SubgraphName,
  schema: TSchema,
  runId = newRunId(),
  target: DatabaseTarget = testTarget(department, runId),
): Promise<TestDatabase<TSchema>> {
  const database = await openDatabase(target, schema);
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
