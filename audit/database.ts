import { databaseAnswers, ensureLoginInRole, openMigratedDatabase, postgresTarget, storeTarget, type Database, type DatabaseTarget, type StoreEnv } from '../platform/db.js';
import { EnvError } from '../platform/env.js';
import { fromRoot } from '../platform/paths.js';
import * as schema from './db/schema.js';

export type AuditDatabase = Database<typeof schema>;
export { schema as auditSchema };

/** The audit store's committed migrations, where audit/drizzle.config.ts writes them and its registry entry names them. */
export const AUDIT_MIGRATIONS = fromRoot('audit', 'db', 'migrations');

/** The variables locating the audit store as its owner, its writers and its readers reach it (hub/env.ts checks them). */
export interface AuditStoreEnv extends StoreEnv {
  AUDIT_DATABASE_URL?: string | undefined;
  AUDIT_WRITER_DATABASE_URL?: string | undefined;
  AUDIT_READER_DATABASE_URL?: string | undefined;
}

/**
 * Where the audit store lives: AUDIT_DATABASE_URL, else the `_audit` database
 * beside the departments' on DATABASE_URL's server, else embedded under the
 * data folder. It is never a department's database: the log of who read a
 * department's records is not the department's to keep.
 */
export function auditTarget(env: AuditStoreEnv): DatabaseTarget {
  // Without its audit store no process may serve residents' data; in production that is a configuration error, not a reason to write to a local file.
  return storeTarget(env, 'audit', env.AUDIT_DATABASE_URL, 'AUDIT_DATABASE_URL');
}

/** How the writers reach the audit store: AUDIT_WRITER_DATABASE_URL (a role in hub_audit_writer), else as auditTarget. */
export function auditWriterTarget(env: AuditStoreEnv): DatabaseTarget {
  return env.AUDIT_WRITER_DATABASE_URL ? postgresTarget(env, env.AUDIT_WRITER_DATABASE_URL) : auditTarget(env);
}

/** How the audit subgraph and the checkpointer read it: AUDIT_READER_DATABASE_URL (a role in hub_audit_reader), else as auditTarget. */
export function auditReaderTarget(env: AuditStoreEnv): DatabaseTarget {
  return env.AUDIT_READER_DATABASE_URL ? postgresTarget(env, env.AUDIT_READER_DATABASE_URL) : auditTarget(env);
}

/**
 * The audit store of a process that shares it with others — a subgraph or
 * the gateway run on its own — as it appends (`write`, the default) or reads.
 * An embedded store can be opened by one process only, so these need a
 * server; `npm start` runs the whole hub in one process.
 */
export function sharedAuditTarget(env: AuditStoreEnv, use: 'write' | 'read' = 'write'): DatabaseTarget {
  const target = use === 'write' ? auditWriterTarget(env) : auditReaderTarget(env);
  if (target.kind === 'pglite') {
    throw new EnvError(
      'AUDIT_DATABASE_URL (or DATABASE_URL) is required to run a subgraph or the gateway as a process of its own: an embedded audit store can be opened by one process only (npm start runs the whole hub in one)',
    );
  }
  return target;
}

export function openAuditDatabase(target: DatabaseTarget, options: { migrate: boolean }): Promise<AuditDatabase> {
  return openMigratedDatabase(target, schema, AUDIT_MIGRATIONS, options);
}

export interface AuditStores {
  /** What the writers append through. */
  writer: AuditDatabase;
  /** What the audit subgraph and the checkpointer read through (the writer's connection when no reader URL is set). */
  reader: AuditDatabase;
  close(): Promise<void>;
}

const sameTarget = (a: DatabaseTarget, b: DatabaseTarget) =>
  a.kind === b.kind && (a.kind === 'pglite' ? a.dir === (b as typeof a).dir : a.url === (b as typeof a).url);

/**
 * The audit store for a process that both writes and reads it (`npm start`).
 * Migrations run as the owner (AUDIT_DATABASE_URL), on a connection closed
 * again before anything is served; with no role URLs set, one connection does
 * everything, as before.
 */
export async function openAuditStores(env: AuditStoreEnv, options: { migrate: boolean }): Promise<AuditStores> {
  const owner = auditTarget(env);
  const writerTarget = auditWriterTarget(env);
  const readerTarget = auditReaderTarget(env);
  const ownerServes = sameTarget(owner, writerTarget);
  if (options.migrate && !ownerServes) await (await openAuditDatabase(owner, { migrate: true })).close();
  const writer = await openAuditDatabase(writerTarget, { migrate: options.migrate && ownerServes });
  let reader = writer;
  if (!sameTarget(readerTarget, writerTarget)) {
    try {
      reader = await openAuditDatabase(readerTarget, { migrate: false });
    } catch (error) {
      await writer.close();
      throw error;
    }
  }
  return {
    writer,
    reader,
    close: async () => {
      await Promise.allSettled([writer.close(), ...(reader === writer ? [] : [reader.close()])]);
    },
  };
}

const ROLE_OF = { AUDIT_WRITER_DATABASE_URL: 'hub_audit_writer', AUDIT_READER_DATABASE_URL: 'hub_audit_reader' } as const;

/**
 * Makes the LOGIN users named in AUDIT_WRITER_DATABASE_URL and
 * AUDIT_READER_DATABASE_URL members of their group role, creating them with
 * the URL's password when missing (the migrate step, as the owner, on
 * PostgreSQL). A user that is the owner itself is left alone: it needs no
 * role, and the connection it gives is the owner's whatever it is called.
 * Returns the users it made or granted.
 */
export async function ensureAuditLogins(owner: AuditDatabase, env: AuditStoreEnv): Promise<string[]> {
  const done: string[] = [];
  for (const [variable, role] of Object.entries(ROLE_OF) as [keyof typeof ROLE_OF, string][]) {
    const url = env[variable];
    const user = url ? await ensureLoginInRole(owner, url, role) : null;
    if (user) done.push(user);
  }
  return done;
}

/** True when the audit store answers; a process that cannot record must not report itself ready. */
export const auditStoreAnswers = (database: AuditDatabase): Promise<boolean> => databaseAnswers(database);

/** A subgraph is ready only while its audit store answers as well: it cannot serve what it cannot record. */
export function readyOnlyWithAuditStore<M extends { ready(): Promise<boolean> }>(module: M, database: AuditDatabase): M {
  return { ...module, ready: async () => (await module.ready()) && (await auditStoreAnswers(database)) };
}
