import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { AccessRecorder } from '../../auth/access.js';
import { isConfined, requireUnconfined } from '../../auth/jurisdiction.js';
import type { Principal, RequestMeta } from '../../auth/principal.js';
import type { ReferenceChecks } from '../../auth/reference-checks.js';
import { connectionFromRows, readPage, type Connection, type PageArgs } from '../../platform/connection.js';
import type { Drizzle } from '../../platform/db.js';
import { accessNotRecorded, badUserInput, conflict, notFound } from '../../platform/errors.js';
import { parseInput, zId, zString, zText } from '../../platform/input.js';
import { BatchFailed, judgeBatch, type ImportKindRuntime, type ImportRow, type RowOutcome, type RowProblem } from './engine.js';
import { MAX_BATCH_ROWS, type ImportKindDefinition } from './kinds.js';
import { ImportLedger, type ImportJobRow, type ImportRefusalRow } from './ledger.js';
import { readCell, type CellValue } from './values.js';

/**
 * The rules of an import job, the same for every department: starting one
 * for a kind of the department's own records, taking its rows batch by
 * batch through the department's rules (engine.ts), finishing it with the
 * report's digest, and reading its state and refusals. Who may call which is
 * the policy's (auth/policy.ts: each department its own, for its
 * administrative purpose); which jobs a caller sees is decided here: their
 * department's, and only their own when they are confined to places.
 *
 * The audit trail records the import itself when it starts and when it ends,
 * before either is answered (an `ImportJob` access naming the job, the
 * file's and the report's digests and the counts), and every row loaded or
 * left unchanged by the record it names, as it is served (ImportRowResult).
 */

/** The most rows a file may declare: Chengdu's register is a few million; a file of more is split. */
export const MAX_IMPORT_ROWS = 50_000_000;
const SHA256 = /^[0-9a-f]{64}$/;

/** A row's result as the API serves it; `personId` names whom it is about, for the audit record only. */
export interface ImportRowView {
  rowNumber: number;
  status: 'LOADED' | 'UNCHANGED' | 'REFUSED';
  recordId: string | null;
  personId: string | null;
  problems: RowProblem[];
}

export interface ImportRowsView {
  job: ImportJobRow;
  batch: number;
  replayed: boolean;
  loaded: number;
  unchanged: number;
  refused: number;
  rows: ImportRowView[];
}

/** What a department hands the import rules: its database, its kinds, where it records, and whom to tell of committed events. */
export interface ImportDepartment<TSchema extends Record<string, unknown>> {
  department: string;
  /** Its drizzle database: the ledger's tables and the kinds' records live there. */
  db: Drizzle<TSchema>;
  kinds: readonly ImportKindRuntime<never, DepartmentTx<TSchema>>[];
  access: AccessRecorder;
  /** Called after a batch committed, so the department's outbox relays wake (events/outbox.ts). */
  committed?: () => void;
}

export type DepartmentTx<TSchema extends Record<string, unknown>> = Parameters<Parameters<Drizzle<TSchema>['transaction']>[0]>[0];

const StartInput = z.object({
  kind: zString.trim().min(1, 'is required'),
  fileName: zText(255),
  fileDigest: zString.trim().toLowerCase().regex(SHA256, 'must be the sha256 of the file, 64 hexadecimal digits'),
  rowCount: z.number().int('must be a whole number').min(0, 'must not be negative').max(MAX_IMPORT_ROWS, `must be at most ${MAX_IMPORT_ROWS}`),
  fields: z.array(zString.trim()).min(1, 'must name at least one field').max(50, 'must name at most 50 fields'),
  batchSize: z.number().int('must be a whole number').min(1, 'must be at least 1').max(MAX_BATCH_ROWS, `must be at most ${MAX_BATCH_ROWS}`),
  dryRun: z.boolean().nullish(),
});

const RowInput = z.object({
  rowNumber: z.number().int('must be a whole number').min(1, 'must be at least 1'),
  values: z.array(zString.max(10_000, 'must be at most 10000 characters').nullable()).max(50, 'must hold at most 50 values'),
  unreadable: z
    .array(z.object({ field: zString.trim(), message: zText(300) }))
    .max(50, 'must hold at most 50 problems')
    .nullish(),
});

const RowsInput = z.object({
  jobId: zId,
  batch: z.number().int('must be a whole number').min(0, 'must not be negative'),
  rows: z.array(RowInput).min(1, 'must hold at least one row').max(MAX_BATCH_ROWS, `must hold at most ${MAX_BATCH_ROWS} rows`),
});

const FinishInput = z.object({
  jobId: zId,
  reportDigest: zString.trim().toLowerCase().regex(SHA256, 'must be the sha256 of the error report, 64 hexadecimal digits'),
});

const RefusalRange = z.object({
  fromRow: z.number().int('must be a whole number').min(1, 'must be at least 1').nullish(),
  toRow: z.number().int('must be a whole number').min(1, 'must be at least 1').nullish(),
});

/** `<ISO instant>|<uuid>`: a list of jobs newest first. */
const JOB_CURSOR = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z)\|([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;

export class ImportJobs<TSchema extends Record<string, unknown>> {
  private readonly ledger: ImportLedger;
  private readonly kinds: ReadonlyMap<string, ImportKindRuntime<never, DepartmentTx<TSchema>>>;

  constructor(private readonly department: ImportDepartment<TSchema>) {
    this.ledger = new ImportLedger(department.db);
    this.kinds = new Map(department.kinds.map((kind) => [kind.definition.name, kind]));
  }

  /** The kinds this department imports, in the order it lists them. */
  get definitions(): ImportKindDefinition[] {
    return [...this.kinds.values()].map((kind) => kind.definition);
  }

  /**
   * Starts a job for a kind of this department's records. The fields say
   * what each row's values are, in order: each a field of the kind, none
   * twice, every required one there. Recorded before it is stored.
   */
  async start(raw: unknown, meta: RequestMeta): Promise<ImportJobRow> {
    const principal = requirePrincipal(meta);
    const input = parseInput(StartInput, raw);
    const kind = this.kinds.get(input.kind);
    if (!kind) {
      throw badUserInput('input.kind', `must be one of ${[...this.kinds.keys()].join(', ')}: the ${this.department.department} department imports only its own records`);
    }
    const definition = kind.definition;
    if (definition.unconfinedOnly) requireUnconfined(principal, `${definition.name} are imported`);
    const seen = new Set<string>();
    input.fields.forEach((name, index) => {
      if (!definition.fields.some((field) => field.name === name)) {
        throw badUserInput(`input.fields[${index}]`, `must be one of the fields of ${definition.name}: ${definition.fields.map((f) => f.name).join(', ')}`);
      }
      if (seen.has(name)) throw badUserInput(`input.fields[${index}]`, `names ${name} a second time`);
      seen.add(name);
    });
    const missing = definition.fields.filter((field) => field.required && !seen.has(field.name)).map((field) => field.name);
    if (missing.length > 0) throw badUserInput('input.fields', `must include the required fields of ${definition.name}: ${missing.join(', ')} missing`);
    const id = randomUUID();
    await this.record(meta, [`import:${id}`, `file:sha256:${input.fileDigest}`, `rows:${input.rowCount}`], ['kind', 'fileDigest', 'rowCount']);
    return this.ledger.insertJob({
      id,
      kind: definition.name,
      fileName: input.fileName,
      fileDigest: input.fileDigest,
      rowCount: input.rowCount,
      fields: input.fields,
      batchSize: input.batchSize,
      dryRun: input.dryRun ?? false,
      status: 'RUNNING',
      startedBy: principal.subject,
      department: principal.department,
      confined: isConfined(principal),
    });
  }

  /**
   * Takes one batch of a running job through the department's rules and,
   * unless the job is a dry run, writes what they accept in one transaction
   * with the ledger's record of the batch. A batch committed already is not
   * judged again: its tally and refusals are answered from the ledger, so a
   * retry after a lost answer changes nothing.
   */
  async rows(raw: unknown, meta: RequestMeta, checks: ReferenceChecks): Promise<ImportRowsView> {
    const principal = requirePrincipal(meta);
    const input = parseInput(RowsInput, raw);
    const job = await this.visibleJob(input.jobId, principal, 'input.jobId');
    if (job.status !== 'RUNNING') throw conflict('This import is finished: start a new one to load more rows', 'input.jobId');
    const kind = this.kindOf(job);
    if (input.rows.length > job.batchSize) throw badUserInput('input.rows', `must hold at most ${job.batchSize} rows, the job's batch size`);
    input.rows.forEach((row, index) => {
      if (row.values.length !== job.fields.length) throw badUserInput(`input.rows[${index}].values`, `must hold ${job.fields.length} values, one per field of the job (${job.fields.join(', ')})`);
      const previous = input.rows[index - 1];
      if (previous && row.rowNumber <= previous.rowNumber) throw badUserInput(`input.rows[${index}].rowNumber`, 'must be greater than the row before it');
      row.unreadable?.forEach((problem, at) => {
        if (!job.fields.includes(problem.field)) throw badUserInput(`input.rows[${index}].unreadable[${at}].field`, `must be one of the job's fields: ${job.fields.join(', ')}`);
      });
    });
    const done = await this.ledger.batch(job.id, input.batch);
    if (done) return this.replay(job, done.batch);

    const rows: ImportRow[] = input.rows.map((row) => ({ rowNumber: row.rowNumber, values: new Map<string, CellValue>() }));
    const early = input.rows.map((row, index): RowProblem[] | null => {
      const problems: RowProblem[] = (row.unreadable ?? []).map((p) => ({ field: p.field, code: 'BAD_USER_INPUT', message: p.message, rule: null }));
      const values = rows[index]?.values as Map<string, CellValue>;
      job.fields.forEach((name, at) => {
        const field = kind.definition.fields.find((f) => f.name === name);
        if (!field || problems.some((p) => p.field === name)) return;
        const read = readCell(field, row.values[at]);
        if (!read.ok) problems.push({ field: name, code: 'BAD_USER_INPUT', message: read.message, rule: null });
        else if (read.value === null && field.required) problems.push({ field: name, code: 'BAD_USER_INPUT', message: 'is required', rule: null });
        else values.set(name, read.value);
      });
      return problems.length > 0 ? problems : null;
    });

    let judged;
    try {
      judged = await judgeBatch(kind, rows, checks, principal, early);
    } catch (error) {
      throw error instanceof BatchFailed ? error.error : error;
    }
    const firstRow = input.rows[0]?.rowNumber ?? 0;
    const lastRow = input.rows.at(-1)?.rowNumber ?? 0;
    let written: Awaited<ReturnType<typeof kind.write>> | null = null;
    let outcomes: RowOutcome[] = [];
    try {
      await this.department.db.transaction(async (tx) => {
        written = job.dryRun ? null : await kind.write(tx, judged.writes.map((w) => w.payload));
        outcomes = judged.decide(written);
        await new ImportLedger(tx).commitBatch({
          jobId: job.id,
          batch: input.batch,
          firstRow,
          lastRow,
          ...tally(outcomes),
          refusals: outcomes.flatMap((outcome, index) => (outcome.status === 'REFUSED' ? [{ rowNumber: rows[index]?.rowNumber ?? 0, problems: outcome.problems }] : [])),
        });
      });
    } catch (error) {
      await judged.release(null);
      // Another attempt of the same batch committed first: what it committed is the answer.
      const raced = await this.ledger.batch(job.id, input.batch).catch(() => null);
      if (raced) return this.replay(job, raced.batch);
      throw error;
    }
    // The rules hear back only once the batch is committed: none of them reads the database while its transaction holds it.
    await judged.release(written);
    if (!job.dryRun) this.department.committed?.();
    return {
      job: (await this.ledger.job(job.id)) ?? job,
      batch: input.batch,
      replayed: false,
      ...tally(outcomes),
      rows: outcomes.map((outcome, index) => viewOf(rows[index]?.rowNumber ?? 0, outcome)),
    };
  }

  /**
   * Finishes a job whose every row is committed, with the digest of the
   * report its importer wrote; recorded in the audit trail with the file's
   * digest and the counts before it is answered.
   */
  async finish(raw: unknown, meta: RequestMeta): Promise<ImportJobRow> {
    const principal = requirePrincipal(meta);
    const input = parseInput(FinishInput, raw);
    const job = await this.visibleJob(input.jobId, principal, 'input.jobId');
    if (job.status !== 'RUNNING') throw conflict('This import is finished already', 'input.jobId');
    if (job.rowsDone < job.rowCount) {
      throw conflict(`${job.rowsDone} of the ${job.rowCount} rows are committed: send the remaining batches first (--resume does)`, 'input.jobId');
    }
    await this.record(
      meta,
      [
        `import:${job.id}`,
        `file:sha256:${job.fileDigest}`,
        `report:sha256:${input.reportDigest}`,
        `rows:${job.rowCount}`,
        `loaded:${job.loaded}`,
        `unchanged:${job.unchanged}`,
        `refused:${job.refused}`,
      ],
      ['fileDigest', 'rowCount', 'loaded', 'unchanged', 'refused', 'reportDigest'],
    );
    const finished = await this.ledger.finishJob(job.id, input.reportDigest);
    if (!finished) throw conflict('This import was finished meanwhile', 'input.jobId');
    return finished;
  }

  /** A job the caller may see, or null: another department's, or another caller's for a confined caller, is as unknown. */
  async job(rawId: unknown, meta: RequestMeta): Promise<ImportJobRow | null> {
    const principal = requirePrincipal(meta);
    const id = parseInput(zId, rawId, 'id');
    const job = await this.ledger.job(id);
    return job && this.sees(principal, job) ? job : null;
  }

  /** The caller's department's jobs, newest first (only their own when confined). */
  async jobs(args: PageArgs, meta: RequestMeta): Promise<Connection<ImportJobRow>> {
    const principal = requirePrincipal(meta);
    const page = readPage(args, 'text');
    const after = page.afterKey === null ? null : JOB_CURSOR.exec(page.afterKey);
    if (page.afterKey !== null && !after) throw badUserInput('after', 'is not a cursor this list issued');
    const rows = await this.ledger.jobs(
      isConfined(principal) ? principal.subject : null,
      after?.[1] && after[2] ? { at: new Date(after[1]), id: after[2] } : null,
      page.size,
    );
    // The department is one per database, but a job's row says whose it is: checked, not assumed.
    const seen = rows.filter((row) => row.department === principal.department);
    return connectionFromRows(seen, page, (row) => `${row.startedAt.toISOString()}|${row.id}`);
  }

  /** The numbers of a job's committed batches. */
  async committedBatches(job: ImportJobRow): Promise<number[]> {
    return (await this.ledger.batches(job.id)).map((row) => row.batch);
  }

  /** A job's refused rows in row order, within `fromRow`..`toRow` when given. */
  async refusals(job: ImportJobRow, args: PageArgs & { fromRow?: number | null; toRow?: number | null }): Promise<Connection<ImportRowView>> {
    const page = readPage(args, 'seq');
    const range = parseInput(RefusalRange, { fromRow: args.fromRow, toRow: args.toRow }, 'range');
    const rows = await this.ledger.refusals(job.id, { afterRow: page.afterKey === null ? null : Number(page.afterKey), from: range.fromRow ?? null, to: range.toRow ?? null }, page.size);
    return connectionFromRows(rows.map(refusalView), page, (row) => String(row.rowNumber));
  }

  private async replay(job: ImportJobRow, batch: number): Promise<ImportRowsView> {
    const [stored, refusals] = await Promise.all([this.ledger.batch(job.id, batch), this.ledger.batchRefusals(job.id, batch)]);
    if (!stored) throw new Error('a committed batch was not read back');
    return {
      job,
      batch,
      replayed: true,
      loaded: stored.loaded,
      unchanged: stored.unchanged,
      refused: stored.refused,
      rows: refusals.map(refusalView),
    };
  }

  private kindOf(job: ImportJobRow): ImportKindRuntime<never, DepartmentTx<TSchema>> {
    const kind = this.kinds.get(job.kind);
    if (!kind) throw new Error(`an import job names a kind this department does not import: ${job.kind}`);
    return kind;
  }

  private async visibleJob(id: string, principal: Principal, field: string): Promise<ImportJobRow> {
    const job = await this.ledger.job(id);
    if (!job || !this.sees(principal, job)) throw notFoundAt(`Import job ${id}`, field);
    return job;
  }

  private sees(principal: Principal, job: ImportJobRow): boolean {
    return job.department === principal.department && (!isConfined(principal) || job.startedBy === principal.subject);
  }

  /** Records the import in the audit trail; what cannot be recorded is not done (fail closed). */
  private async record(meta: RequestMeta, ids: readonly string[], fields: readonly string[]): Promise<void> {
    try {
      await this.department.access.record(meta, { type: 'ImportJob', ids, fields });
    } catch {
      throw accessNotRecorded();
    }
  }
}

function requirePrincipal(meta: RequestMeta): Principal {
  if (!meta.principal) throw new Error('an import is only ever reached with a verified caller');
  return meta.principal;
}

function notFoundAt(what: string, field: string) {
  const error = notFound(what);
  error.extensions.field = field;
  return error;
}

function tally(outcomes: readonly RowOutcome[]): { loaded: number; unchanged: number; refused: number } {
  return {
    loaded: outcomes.filter((o) => o.status === 'LOADED').length,
    unchanged: outcomes.filter((o) => o.status === 'UNCHANGED').length,
    refused: outcomes.filter((o) => o.status === 'REFUSED').length,
  };
}

function viewOf(rowNumber: number, outcome: RowOutcome): ImportRowView {
  return outcome.status === 'REFUSED'
    ? { rowNumber, status: 'REFUSED', recordId: null, personId: null, problems: outcome.problems }
    : { rowNumber, status: outcome.status, recordId: outcome.recordId, personId: outcome.personId, problems: [] };
}

function refusalView(row: ImportRefusalRow): ImportRowView {
  return { rowNumber: row.rowNumber, status: 'REFUSED', recordId: null, personId: null, problems: row.problems };
}
