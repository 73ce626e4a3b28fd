import path from 'node:path';
import { sql } from 'drizzle-orm';
import { derivedDatabaseUrl, migrateDatabase, openDatabase, type Database, type DatabaseTarget } from '../platform/db.js';
import { EnvError, type Env } from '../platform/env.js';
import * as schema from './db/schema.js';

export type AuditDatabase = Database<typeof schema>;
export { schema as auditSchema };

/**
 * Where the audit store lives: AUDIT_DATABASE_URL, else the `_audit` database
 * beside the departments' on DATABASE_URL's server, else embedded under the
 * data folder. It is never a department's database: the log of who read a
 * department's records is not the department's to keep.
 */
export function auditTarget(env: Env): DatabaseTarget {
  if (env.AUDIT_DATABASE_URL) return { kind: 'postgres', url: env.AUDIT_DATABASE_URL, connectTimeoutMs: env.DB_CONNECT_TIMEOUT_MS };
  if (env.DATABASE_URL) return { kind: 'postgres', url: derivedDatabaseUrl(env.DATABASE_URL, 'audit'), connectTimeoutMs: env.DB_CONNECT_TIMEOUT_MS };
  // Without its audit store no process may serve residents' data; in production that is a configuration error, not a reason to write to a local file.
  if (env.NODE_ENV === 'production') throw new EnvError('AUDIT_DATABASE_URL (or DATABASE_URL) is required when NODE_ENV=production');
  return { kind: 'pglite', dir: path.resolve(env.HUB_DATA_DIR, 'pglite', 'audit') };
}

/**
 * The audit store of a process that shares it with others — a subgraph or
 * the gateway run on its own. An embedded store can be opened by one process
 * only, so these need a server; `npm start` runs the whole hub in one process.
 */
export function sharedAuditTarget(env: Env): DatabaseTarget {
  const target = auditTarget(env);
  if (target.kind === 'pglite') {
    throw new EnvError(
      'AUDIT_DATABASE_URL (or DATABASE_URL) is required to run a subgraph or the gateway as a process of its own: an embedded audit store can be opened by one process only (npm start runs the whole hub in one)',
    );
  }
  return target;
}

export async function openAuditDatabase(target: DatabaseTarget, options: { migrate: boolean }): Promise<AuditDatabase> {
  const database = await openDatabase(target, schema);
  try {
    if (options.migrate) await migrateDatabase(database as unknown as Database<Record<string, unknown>>, 'audit');
  } catch (error) {
    await database.close();
    throw error;
  }
  return database;
}

/** True when the audit store answers; a process that cannot record must not report itself ready. */
export async function auditStoreAnswers(database: AuditDatabase): Promise<boolean> {
  try {
    await database.db.execute(sql`SELECT 1`);
    return true;
  } catch {
    return false;
  }
}

/** A subgraph is ready only while its audit store answers as well: it cannot serve what it cannot record. */
export function readyOnlyWithAuditStore<M extends { ready(): Promise<boolean> }>(module: M, database: AuditDatabase): M {
  return { ...module, ready: async () => (await module.ready()) && (await auditStoreAnswers(database)) };
}
