import { and, asc, desc, eq, gt, gte, lte, sql, type SQL } from 'drizzle-orm';
import { boolean, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { Drizzle } from '../../platform/db.js';

/*
 * The import ledger: what each import job is, which of its batches are
 * committed, and why each refused row was refused. Every department that
 * imports holds the same three tables in its own database, declared here once
 * and named in its drizzle schema, so its migrations are generated with the
 * rest of that database's. A batch's row in `import_batches` is written in the
 * same transaction as the records it loaded: a batch is committed exactly
 * when its records are, which is what lets an interrupted import resume.
 */

/** One reason a row was refused, as the ledger keeps it and the report shows it. */
export interface StoredProblem {
  /** The import field it is about, e.g. `administeredOn`. */
  field: string;
  code: string;
  message: string;
  /** The record rule the refusal applies (subgraphs/<department>/record-rules.ts), when it is one. */
  rule: string | null;
}

export function importJobsTable() {
  return pgTable(
    'import_jobs',
    {
      id: uuid('id').primaryKey(),
      kind: text('kind').notNull(),
      fileName: text('file_name').notNull(),
      /** sha256 of the file's bytes, hex. */
      fileDigest: text('file_digest').notNull(),
      rowCount: integer('row_count').notNull(),
      fields: text('fields').array().notNull(),
      batchSize: integer('batch_size').notNull(),
      dryRun: boolean('dry_run').notNull(),
      status: text('status', { enum: ['RUNNING', 'FINISHED'] }).notNull(),
      rowsDone: integer('rows_done').notNull().default(0),
      loaded: integer('loaded').notNull().default(0),
      unchanged: integer('unchanged').notNull().default(0),
      refused: integer('refused').notNull().default(0),
      /** sha256 of the error report the importer wrote, hex; set when the job is finished. */
      reportDigest: text('report_digest'),
      /** Who started it: the token's subject and department; whether they were confined to places. */
      startedBy: text('started_by').notNull(),
      department: text('department').notNull(),
      confined: boolean('confined').notNull(),
      startedAt: timestamp('started_at', { withTimezone: true }).notNull().defaultNow(),
      finishedAt: timestamp('finished_at', { withTimezone: true }),
    },
    (t) => [index('import_jobs_file_idx').on(t.fileDigest, t.kind), index('import_jobs_started_idx').on(t.startedAt, t.id)],
  );
}

export function importBatchesTable() {
  return pgTable(
    'import_batches',
    {
      jobId: uuid('job_id').notNull(),
      /** The batch's number in the job, from 0: rows batch × batchSize up to the next batch's. */
      batch: integer('batch').notNull(),
      firstRow: integer('first_row').notNull(),
      lastRow: integer('last_row').notNull(),
      rows: integer('rows').notNull(),
      loaded: integer('loaded').notNull(),
      unchanged: integer('unchanged').notNull(),
      refused: integer('refused').notNull(),
      committedAt: timestamp('committed_at', { withTimezone: true }).notNull().defaultNow(),
    },
    (t) => [primaryKey({ name: 'import_batches_pkey', columns: [t.jobId, t.batch] })],
  );
}

export function importRefusalsTable() {
  return pgTable(
    'import_refusals',
    {
      jobId: uuid('job_id').notNull(),
      /** The row's number in the file, as a spreadsheet numbers it (the header is row 1). */
      rowNumber: integer('row_number').notNull(),
      batch: integer('batch').notNull(),
      problems: jsonb('problems').$type<StoredProblem[]>().notNull(),
    },
    (t) => [primaryKey({ name: 'import_refusals_pkey', columns: [t.jobId, t.rowNumber] })],
  );
}

const importJobs = importJobsTable();
const importBatches = importBatchesTable();
const importRefusals = importRefusalsTable();

export type ImportJobRow = typeof importJobs.$inferSelect;
export type NewImportJobRow = typeof importJobs.$inferInsert;
export type ImportBatchRow = typeof importBatches.$inferSelect;
export type ImportRefusalRow = typeof importRefusals.$inferSelect;

/** A database or a transaction on one: all the ledger needs of either. */
export type LedgerDb = Pick<Drizzle<Record<string, unknown>>, 'select' | 'insert' | 'update'>;

/** What a committed batch adds to its job. */
export interface BatchTally {
  jobId: string;
  batch: number;
  firstRow: number;
  lastRow: number;
  loaded: number;
  unchanged: number;
  refused: number;
  refusals: readonly { rowNumber: number; problems: StoredProblem[] }[];
}

/** The SQL of the import ledger, on the database of the department that imports. */
export class ImportLedger {
  constructor(private readonly db: LedgerDb) {}

  async insertJob(row: NewImportJobRow): Promise<ImportJobRow> {
    const [inserted] = await this.db.insert(importJobs).values(row).returning();
    if (!inserted) throw new Error('an import job was inserted but not returned');
    return inserted;
  }

  /** A job by id; the id is a uuid already (the rules check it). */
  async job(id: string): Promise<ImportJobRow | null> {
    const [row] = await this.db.select().from(importJobs).where(eq(importJobs.id, id));
    return row ?? null;
  }

  /** Jobs newest first, after the page's (start, id) key; `startedBy` narrows to one caller's own. */
  jobs(startedBy: string | null, after: { at: Date; id: string } | null, size: number): Promise<ImportJobRow[]> {
    const conditions: (SQL | undefined)[] = [
      startedBy === null ? undefined : eq(importJobs.startedBy, startedBy),
      after ? sql`(${importJobs.startedAt}, ${importJobs.id}) < (${after.at.toISOString()}::timestamptz, ${after.id}::uuid)` : undefined,
    ];
    return this.db
      .select()
      .from(importJobs)
      .where(and(...conditions))
      .orderBy(desc(importJobs.startedAt), desc(importJobs.id))
      .limit(size + 1);
  }

  async batches(jobId: string): Promise<ImportBatchRow[]> {
    return this.db.select().from(importBatches).where(eq(importBatches.jobId, jobId)).orderBy(asc(importBatches.batch));
  }

  async batch(jobId: string, batch: number): Promise<ImportBatchRow | null> {
    const [row] = await this.db
      .select()
      .from(importBatches)
      .where(and(eq(importBatches.jobId, jobId), eq(importBatches.batch, batch)));
    return row ?? null;
  }

  /** Refused rows of a job in row order, after `afterRow`, within rows `from`..`to` when given; one more than the page. */
  refusals(jobId: string, range: { afterRow: number | null; from: number | null; to: number | null }, size: number): Promise<ImportRefusalRow[]> {
    return this.db
      .select()
      .from(importRefusals)
      .where(
        and(
          eq(importRefusals.jobId, jobId),
          range.afterRow === null ? undefined : gt(importRefusals.rowNumber, range.afterRow),
          range.from === null ? undefined : gte(importRefusals.rowNumber, range.from),
          range.to === null ? undefined : lte(importRefusals.rowNumber, range.to),
        ),
      )
      .orderBy(asc(importRefusals.rowNumber))
      .limit(size + 1);
  }

  /** The refusals of one batch, in row order. */
  batchRefusals(jobId: string, batch: number): Promise<ImportRefusalRow[]> {
    return this.db
      .select()
      .from(importRefusals)
      .where(and(eq(importRefusals.jobId, jobId), eq(importRefusals.batch, batch)))
      .orderBy(asc(importRefusals.rowNumber));
  }

  /**
   * Marks a batch committed with its tally, its refusals and its job's new
   * counts. Called inside the transaction that loads the batch's records; a
   * batch already committed (a retry racing the first attempt) breaks the
   * batches' primary key, and the whole transaction with it.
   */
  async commitBatch(tally: BatchTally): Promise<void> {
    const rows = tally.loaded + tally.unchanged + tally.refused;
    await this.db.insert(importBatches).values({
      jobId: tally.jobId,
      batch: tally.batch,
      firstRow: tally.firstRow,
      lastRow: tally.lastRow,
      rows,
      loaded: tally.loaded,
      unchanged: tally.unchanged,
      refused: tally.refused,
    });
    if (tally.refusals.length > 0) {
      await this.db.insert(importRefusals).values(tally.refusals.map((refusal) => ({ jobId: tally.jobId, rowNumber: refusal.rowNumber, batch: tally.batch, problems: refusal.problems })));
    }
    await this.db
      .update(importJobs)
      .set({
        rowsDone: sql`${importJobs.rowsDone} + ${rows}`,
        loaded: sql`${importJobs.loaded} + ${tally.loaded}`,
        unchanged: sql`${importJobs.unchanged} + ${tally.unchanged}`,
        refused: sql`${importJobs.refused} + ${tally.refused}`,
      })
      .where(eq(importJobs.id, tally.jobId));
  }

  /** Finishes a running job with its report's digest; null when it was not running (finished meanwhile). */
  async finishJob(id: string, reportDigest: string): Promise<ImportJobRow | null> {
    const [row] = await this.db
      .update(importJobs)
      .set({ status: 'FINISHED', reportDigest, finishedAt: sql`now()` })
      .where(and(eq(importJobs.id, id), eq(importJobs.status, 'RUNNING')))
      .returning();
    return row ?? null;
  }
}
