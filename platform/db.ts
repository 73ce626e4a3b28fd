import { cpSync, existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { lockDataFolder } from './data-folder-lock.js';
import { EnvError, type DeploymentEnv } from './env.js';
import { createLogger, type Logger } from './logger.js';

export type DatabaseTarget =
  | {
      kind: 'pglite';
      /** folder on disk; omitted = in memory */
      dir?: string;
      /** The data folder this store lies in: opening it takes that folder's lock (see platform/data-folder-lock.ts). */
      lockDir?: string;
      /** A data folder dumped by PGlite's dumpDataDir to start from, instead of an empty cluster made anew (in memory only). */
      loadDataDir?: Blob;
    }
  | {
      kind: 'postgres';
      url: string;
      poolSize?: number;
      /** How long opening a connection may take before the query waiting for it fails (DB_CONNECT_TIMEOUT_MS). */
      connectTimeoutMs?: number;
    };

/** Without a bound, a connection to a server that does not answer waits as long as TCP does: minutes. */
export const DEFAULT_CONNECT_TIMEOUT_MS = 5_000;

/** Connections a process opens at most to one PostgreSQL database, unless DATABASE_POOL_MAX says otherwise. */
export const DEFAULT_POOL_MAX = 10;

// Made on first use, so it logs the way the entry point configured (platform/logger.ts).
let poolLoggerMade: Logger | undefined;
const poolLogger = (): Logger => (poolLoggerMade ??= createLogger('db'));

/** Counts statements sent, so tests and benchmarks can prove batching. */
export interface StatementCounter {
  count: number;
}

export type Drizzle<TSchema extends Record<string, unknown>> = PgDatabase<PgQueryResultHKT, TSchema>;

export interface Database<TSchema extends Record<string, unknown>> {
  readonly db: Drizzle<TSchema>;
  readonly target: DatabaseTarget;
  readonly statements: StatementCounter;
  /** The raw pg pool when on PostgreSQL (for COPY), undefined on PGlite. */
  readonly pool: pg.Pool | undefined;
  /** The raw PGlite instance when embedded. */
  readonly pglite: PGlite | undefined;
  close(): Promise<void>;
}

/** What locating a store reads from the environment (hub/env.ts checks it). */
export interface StoreEnv extends DeploymentEnv {
  /** Base URL: each store without a URL of its own is a database named after it on this server. */
  DATABASE_URL?: string | undefined;
  DB_CONNECT_TIMEOUT_MS: number;
  /** Connections this process opens at most to each PostgreSQL database it uses; DEFAULT_POOL_MAX otherwise. */
  DATABASE_POOL_MAX?: number | undefined;
}

/** A PostgreSQL database at `url`, reached with the connect timeout and pool size the environment sets. */
export function postgresTarget(env: StoreEnv, url: string): DatabaseTarget {
  return { kind: 'postgres', url, connectTimeoutMs: env.DB_CONNECT_TIMEOUT_MS, ...(env.DATABASE_POOL_MAX === undefined ? {} : { poolSize: env.DATABASE_POOL_MAX }) };
}

/**
 * Where one store lives: its own URL, else a database named after it beside
 * the others on DATABASE_URL's server, else embedded under the data folder.
 * A misspelt URL in production must stop the process, not fall back to an
 * empty embedded database.
 */
export function storeTarget(env: StoreEnv, name: string, explicitUrl: string | undefined, variable: string): DatabaseTarget {
  if (explicitUrl) return postgresTarget(env, explicitUrl);
  if (env.DATABASE_URL) return postgresTarget(env, derivedDatabaseUrl(env.DATABASE_URL, name));
  if (env.NODE_ENV === 'production') throw new EnvError(`${variable} (or DATABASE_URL) is required when NODE_ENV=production`);
  return { kind: 'pglite', dir: path.resolve(env.HUB_DATA_DIR, 'pglite', name), lockDir: path.resolve(env.HUB_DATA_DIR) };
}

/** `postgres://h/test` + `police` -> `postgres://h/test_police`: one database per department. */
export function derivedDatabaseUrl(baseUrl: string, suffix: string): string {
  const url = new URL(baseUrl);
  const base = decodeURIComponent(url.pathname.replace(/^\//, '')) || 'hub';
  url.pathname = `/${encodeURIComponent(`${base}_${suffix}`)}`;
  return url.toString();
}

/** Creates the database named in `url` if the server does not have it yet. */
export async function ensurePostgresDatabase(url: string): Promise<void> {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.replace(/^\//, ''));
  if (!/^[A-Za-z0-9_-]{1,63}$/.test(name)) throw new Error(`Unsupported database name "${name}"`);
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString(), connectionTimeoutMillis: DEFAULT_CONNECT_TIMEOUT_MS });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (found.rowCount === 0) {
      try {
        await client.query(`CREATE DATABASE "${name}"`);
      } catch (error) {
        // Another process may have created it between the check and the create.
        const code = (error as { code?: string }).code;
        if (code !== '42P04' && code !== '23505') throw error;
      }
    }
  } finally {
    await client.end();
  }
}

export async function dropPostgresDatabase(url: string): Promise<void> {
  const name = decodeURIComponent(new URL(url).pathname.replace(/^\//, ''));
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  } finally {
    await client.end();
  }
}

export async function openDatabase<TSchema extends Record<string, unknown>>(
  target: DatabaseTarget,
  schema: TSchema,
): Promise<Database<TSchema>> {
  const statements: StatementCounter = { count: 0 };
  const logger = {
    logQuery: () => {
      statements.count += 1;
    },
  };
  if (target.kind === 'pglite') {
    // Before touching the files: a second process must be refused, not handed a copy that the first will overwrite.
    const lock = target.lockDir ? lockDataFolder(target.lockDir) : undefined;
    let client: PGlite;
    try {
      if (target.dir) mkdirSync(target.dir, { recursive: true });
      client = target.dir ? new PGlite(target.dir) : new PGlite(target.loadDataDir ? { loadDataDir: target.loadDataDir } : {});
      await client.waitReady;
    } catch (error) {
      lock?.release();
      throw error;
    }
    const db = drizzlePglite({ client, schema, logger }) as unknown as Drizzle<TSchema>;
    const close = async () => {
      try {
        await client.close();
      } finally {
        lock?.release();
      }
    };
    return { db, target, statements, pool: undefined, pglite: client, close };
  }
  await ensurePostgresDatabase(target.url);
  const pool = new pg.Pool({
    connectionString: target.url,
    max: target.poolSize ?? DEFAULT_POOL_MAX,
    connectionTimeoutMillis: target.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS,
    // A server that vanished without closing the connection (a network cut) is noticed instead of waited on forever.
    keepAlive: true,
  });
  // An idle client losing its connection (the server restarted) must not crash the process: the pool drops it and the next query connects anew.
  pool.on('error', (error) => poolLogger().warn({ err: error, database: new URL(target.url).pathname.slice(1) }, 'an idle database connection was lost; it will be replaced'));
  // A client checked out of the pool (inside a transaction) has no listener of the pool's: losing its connection would be an uncaught 'error' that ends the process. The query on it fails instead, and the pool drops it when released.
  pool.on('connect', (client) => client.on('error', () => undefined));
  const db = drizzlePg({ client: pool, schema, logger }) as unknown as Drizzle<TSchema>;
  return { db, target, statements, pool, pglite: undefined, close: () => pool.end() };
}

/** Whether an embedded store's folder holds no cluster yet: absent, or empty. */
const holdsNoCluster = (dir: string) => !existsSync(dir) || readdirSync(dir).length === 0;

/**
 * Makes the empty clusters of several embedded stores at once: PGlite's
 * initdb runs once, into a folder beside them, and each store without a
 * cluster yet starts from a copy of it — a file copy of a fraction of a
 * second where initdb costs seconds of CPU per store. A folder that holds
 * anything is left as it is; with fewer than two to make, nothing is done
 * here and PGlite makes the one itself. Answers the folders it made.
 */
export async function prepareEmbeddedClusters(dirs: readonly string[]): Promise<string[]> {
  const missing = dirs.filter(holdsNoCluster);
  const [first] = missing;
  if (first === undefined || missing.length < 2) return [];
  const template = path.join(path.dirname(first), `.cluster-template-${process.pid}`);
  rmSync(template, { recursive: true, force: true });
  mkdirSync(template, { recursive: true });
  try {
    const cluster = new PGlite(template);
    await cluster.waitReady;
    await cluster.close();
    for (const dir of missing) cpSync(template, dir, { recursive: true });
    return missing;
  } finally {
    rmSync(template, { recursive: true, force: true });
  }
}

/**
 * Opens a store and, when asked, applies the committed migrations in
 * `migrationsFolder` (an absolute path); a failed migration closes it again.
 */
export async function openMigratedDatabase<TSchema extends Record<string, unknown>>(
  target: DatabaseTarget,
  schema: TSchema,
  migrationsFolder: string,
  options: { migrate: boolean },
): Promise<Database<TSchema>> {
  const database = await openDatabase(target, schema);
  try {
    if (options.migrate) await migrateDatabase(database, migrationsFolder);
  } catch (error) {
    await database.close();
    throw error;
  }
  return database;
}

/**
 * Makes the LOGIN user named in `loginUrl` a member of the group role `role`
 * on `owner`'s server, creating it with the URL's password when missing (a
 * migration step run as the database's owner, on PostgreSQL). A user that is
 * the owner itself is left alone: the connection it gives is the owner's,
 * whatever it is called. Returns the user made or granted, or null.
 */
export async function ensureLoginInRole(owner: Database<Record<string, unknown>>, loginUrl: string, role: string): Promise<string | null> {
  if (owner.target.kind !== 'postgres') return null;
  const ownerUser = decodeURIComponent(new URL(owner.target.url).username);
  const parsed = new URL(loginUrl);
  const user = decodeURIComponent(parsed.username);
  const password = decodeURIComponent(parsed.password);
  if (!user || user === ownerUser) return null;
  const exists = await owner.db.execute(sql`SELECT 1 FROM pg_roles WHERE rolname = ${user}`);
  const found = ((exists as { rows?: unknown[] }).rows ?? (exists as unknown[])).length > 0;
  const name = pg.escapeIdentifier(user);
  const secret = password ? ` PASSWORD ${pg.escapeLiteral(password)}` : '';
  // Utility statements take no bind parameters: the name and password are quoted by pg's own escaping.
  if (!found) await owner.db.execute(sql.raw(`CREATE ROLE ${name} LOGIN${secret} IN ROLE ${pg.escapeIdentifier(role)}`));
  else await owner.db.execute(sql.raw(`GRANT ${pg.escapeIdentifier(role)} TO ${name}`));
  return user;
}

/** True when the database answers a trivial query. */
export async function databaseAnswers(database: Pick<Database<Record<string, unknown>>, 'db'>): Promise<boolean> {
  try {
    await database.db.execute(sql`SELECT 1`);
    return true;
  } catch {
    return false;
  }
}

export async function migrateDatabase(database: Database<Record<string, unknown>>, migrationsFolder: string): Promise<void> {
  const config = { migrationsFolder };
  if (database.target.kind === 'pglite') {
    await migratePglite(database.db as unknown as Parameters<typeof migratePglite>[0], config);
  } else {
    await migratePg(database.db as unknown as Parameters<typeof migratePg>[0], config);
  }
}
