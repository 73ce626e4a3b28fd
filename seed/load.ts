// Loads a synthetic city into the four department databases with COPY. On
// PostgreSQL rows stream through pg-copy-streams with back-pressure, so memory
// stays flat at any city size; on PGlite they go in blobs of CSV chunks. Each
// department loads in one transaction, so a failed run leaves it empty.
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { PGlite } from '@electric-sql/pglite';
import { getTableConfig, type PgTable } from 'drizzle-orm/pg-core';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { DEPARTMENTS, type Department } from '../subgraphs/registry.js';
import * as health from '../subgraphs/health/db/schema.js';
import * as housing from '../subgraphs/housing/db/schema.js';
import * as labour from '../subgraphs/labour/db/schema.js';
import * as police from '../subgraphs/police/db/schema.js';
import { copyTarget, csvChunks, type CopyTarget } from './csv.js';
import { SyntheticCity } from './generate.js';
import { planCity, SEED_TABLES, type CityPlan, type SeedTable } from './plan.js';
import { seedingDay } from './population.js';

/** What the loader needs of a department database; any `Database` from platform/db.ts fits. */
export interface SeedDatabase {
  readonly pool: pg.Pool | undefined;
  readonly pglite: PGlite | undefined;
}

export type SeedDatabases = Record<Department, SeedDatabase>;

export interface SeedProgress {
  department: Department;
  table: SeedTable;
  /** Rows of this table loaded so far. */
  rows: number;
  /** Rows this table will hold. */
  total: number;
}

export interface SeedOptions {
  persons: number;
  key: string;
  cityCode?: string;
  /** Reference date of the data, YYYY-MM-DD; the day of seeding in China unless given (see seedingDay). */
  asOf?: string;
  onProgress?: (progress: SeedProgress) => void;
}

export interface SeedReport {
  /** Rows loaded per table. */
  rows: Record<SeedTable, number>;
  /** Wall time of the whole seed, planning included. */
  ms: number;
  /** Wall time per table. */
  tableMs: Record<SeedTable, number>;
  plan: CityPlan;
}

/** Which department owns each table, and its drizzle definition; in foreign-key order. */
export const SEED_TABLE_SOURCES: Readonly<Record<SeedTable, { department: Department; table: PgTable }>> = {
  grids: { department: 'police', table: police.grids },
  persons: { department: 'police', table: police.persons },
  residence_registrations: { department: 'police', table: police.residenceRegistrations },
  residence_permits: { department: 'police', table: police.residencePermits },
  key_person_flags: { department: 'police', table: police.keyPersonFlags },
  move_outs: { department: 'police', table: police.moveOuts },
  houses: { department: 'housing', table: housing.houses },
  tenancies: { department: 'housing', table: housing.tenancies },
  employers: { department: 'labour', table: labour.employers },
  employments: { department: 'labour', table: labour.employments },
  health_profiles: { department: 'health', table: health.healthProfiles },
  vaccinations: { department: 'health', table: health.vaccinations },
  maternal_care_records: { department: 'health', table: health.maternalCareRecords },
  checkups: { department: 'health', table: health.checkups },
};

/** PGlite parses each blob in one go; this keeps a blob near 3-5 MB. */
const PGLITE_ROWS_PER_CHUNK = 20_000;
/** Small pieces keep the socket busy while the next rows are generated. */
const POSTGRES_ROWS_PER_CHUNK = 1_000;
const PROGRESS_EVERY_ROWS = 10_000;

/**
 * Generates the city of `options.persons` residents and loads it. The
 * databases must be migrated and hold none of the seeded rows.
 */
export async function seedCity(databases: SeedDatabases, options: SeedOptions): Promise<SeedReport> {
  const started = performance.now();
  const plan = planCity({ ...options, asOf: options.asOf ?? seedingDay() });
  const city = new SyntheticCity(plan);
  const rows = Object.fromEntries(SEED_TABLES.map((t) => [t, 0])) as Record<SeedTable, number>;
  const tableMs = Object.fromEntries(SEED_TABLES.map((t) => [t, 0])) as Record<SeedTable, number>;

  const loadDepartment = async (department: Department): Promise<void> => {
    const tables = SEED_TABLES.filter((t) => SEED_TABLE_SOURCES[t].department === department);
    const database = databases[department];
    const load = async (copy: CopyTable): Promise<void> => {
      for (const table of tables) {
        const tableStarted = performance.now();
        const total = plan.rows[table];
        let loaded = 0;
        let reported = 0;
        const progress = (added: number): void => {
          loaded += added;
          if (loaded - reported >= PROGRESS_EVERY_ROWS || (loaded === total && total > 0)) {
            reported = loaded;
            options.onProgress?.({ department, table, rows: loaded, total });
          }
        };
        options.onProgress?.({ department, table, rows: 0, total });
        await copy(SEED_TABLE_SOURCES[table].table, city.rows(table) as Iterable<Record<string, unknown>>, progress);
        if (loaded !== total) {
          throw new Error(`generated ${loaded} rows for ${table} but the plan has ${total}; the generator and planCity disagree`);
        }
        rows[table] = loaded;
        tableMs[table] = performance.now() - tableStarted;
      }
    };
    if (database.pool) await inPostgresTransaction(database.pool, load);
    else if (database.pglite) await inPgliteTransaction(database.pglite, load);
    else throw new Error(`the ${department} database has neither a PostgreSQL pool nor a PGlite instance`);
  };

  // PostgreSQL departments load concurrently: each is a server backend of its
  // own, and index upkeep and foreign-key checks there are most of the work.
  // Embedded databases run on this thread, so they take turns. Either way a
  // failing department is rolled back alone and the others still load.
  const onServer = DEPARTMENTS.filter((d) => databases[d].pool);
  const embedded = DEPARTMENTS.filter((d) => !databases[d].pool);
  const outcomes = await Promise.allSettled(onServer.map(loadDepartment));
  for (const department of embedded) {
    outcomes.push(
      await loadDepartment(department).then(
        (value) => ({ status: 'fulfilled', value }) as const,
        (reason: unknown) => ({ status: 'rejected', reason }) as const,
      ),
    );
  }
  const failure = outcomes.find((outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected');
  if (failure) throw failure.reason;
  return { rows, ms: performance.now() - started, tableMs, plan };
}

type CopyTable = (
  table: PgTable,
  rows: Iterable<Record<string, unknown>>,
  progress: (rows: number) => void,
) => Promise<void>;

/** The COPY target for `rows`, read from their first row (undefined for an empty table). */
function prepare(table: PgTable, rows: Iterable<Record<string, unknown>>): { target: CopyTarget; rows: Iterator<Record<string, unknown>> } | undefined {
  const iterator = rows[Symbol.iterator]();
  const first = iterator.next();
  if (first.done) return undefined;
  let pending: IteratorResult<Record<string, unknown>> | undefined = first;
  const replay: Iterator<Record<string, unknown>> = {
    next: () => {
      if (pending) {
        const result = pending;
        pending = undefined;
        return result;
      }
      return iterator.next();
    },
  };
  return { target: copyTarget(table, first.value), rows: replay };
}

async function inPostgresTransaction(pool: pg.Pool, work: (copy: CopyTable) => Promise<void>): Promise<void> {
  const client = await pool.connect();
  let broken: Error | undefined;
  try {
    await client.query('BEGIN');
    await work(async (table, rows, progress) => {
      const prepared = prepare(table, rows);
      if (!prepared) return;
      const { target, rows: iterator } = prepared;
      function* chunks(): Generator<string> {
        for (const chunk of csvChunks(iterator, target.columns, POSTGRES_ROWS_PER_CHUNK)) {
          progress(chunk.rows);
          yield chunk.csv;
        }
      }
      // Readable.from pulls the next chunk only when the COPY stream asks for it.
      await pipeline(Readable.from(chunks()), client.query(copyFrom(`COPY ${target.target} FROM STDIN WITH (FORMAT csv)`)));
    });
    await client.query('COMMIT');
  } catch (error) {
    broken = error as Error;
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    // A connection that failed mid-COPY is not trusted back into the pool.
    client.release(broken);
  }
}

async function inPgliteTransaction(pglite: PGlite, work: (copy: CopyTable) => Promise<void>): Promise<void> {
  await pglite.transaction(async (tx) => {
    await work(async (table, rows, progress) => {
      const prepared = prepare(table, rows);
      if (!prepared) return;
      const { target, rows: iterator } = prepared;
      const statement = `COPY ${target.target} FROM '/dev/blob' WITH (FORMAT csv)`;
      for (const chunk of csvChunks(iterator, target.columns, PGLITE_ROWS_PER_CHUNK)) {
        await tx.query(statement, [], { blob: new Blob([chunk.csv]) });
        progress(chunk.rows);
      }
    });
  });
}

async function queryRows<T>(database: SeedDatabase, sql: string): Promise<T[]> {
  if (database.pool) return (await database.pool.query(sql)).rows as T[];
  if (database.pglite) return (await database.pglite.query<T>(sql)).rows;
  throw new Error('the database has neither a PostgreSQL pool nor a PGlite instance');
}

function tableName(table: SeedTable): string {
  return `"${getTableConfig(SEED_TABLE_SOURCES[table].table).name.replace(/"/g, '""')}"`;
}

/** Whether a city has been loaded: the police register holds at least one person. */
export async function isCitySeeded(police: SeedDatabase): Promise<boolean> {
  const rows = await queryRows<{ seeded: boolean }>(police, `SELECT EXISTS (SELECT 1 FROM ${tableName('persons')}) AS seeded`);
  return rows[0]?.seeded === true;
}

/** The seeded tables that already hold rows, as `department.table`. */
export async function nonEmptyTables(databases: SeedDatabases): Promise<string[]> {
  const found: string[] = [];
  for (const table of SEED_TABLES) {
    const { department } = SEED_TABLE_SOURCES[table];
    const rows = await queryRows<{ filled: boolean }>(databases[department], `SELECT EXISTS (SELECT 1 FROM ${tableName(table)}) AS filled`);
    if (rows[0]?.filled === true) found.push(`${department}.${table}`);
  }
  return found;
}

/**
 * Empties every seeded table, for replacing a city; with them go the rows
 * that refer to them (the police outbox's notices about residents who are no
 * longer there).
 */
export async function clearCity(databases: SeedDatabases): Promise<void> {
  for (const department of DEPARTMENTS) {
    const tables = SEED_TABLES.filter((t) => SEED_TABLE_SOURCES[t].department === department);
    await queryRows(databases[department], `TRUNCATE ${tables.map(tableName).join(', ')} CASCADE`);
  }
}
