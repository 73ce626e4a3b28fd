import path from 'node:path';
import { hostileCharacter } from '../../platform/input.js';
import { importKindsOf } from '../../subgraphs/import-kinds.js';
import { DEFAULT_BATCH_ROWS, MAX_BATCH_ROWS } from '../../subgraphs/import/kinds.js';
import type { Department } from '../../subgraphs/registry.js';
import { HubUnavailable, ImportClient, type Job, type Problem, type RowResult } from './client.js';
import { mapColumns, readMappingFile, type ColumnMapping } from './mapping.js';
import { NO_PROGRESS, type Progress } from './progress.js';
import { fileDigest, ImportFileError, openSheet, type Sheet, type SheetRow } from './read.js';
import { ErrorReport, reportPaths } from './report.js';

/**
 * One import of a file, from the command line, a test or the benchmark:
 * read the file (streaming), map its header, start a job at the hub (or
 * take up the interrupted one of the same file with `resume`), send its rows
 * batch by batch, write the error report as answers come, finish the job
 * with the report's digest, and say what happened.
 */

export interface ImportOptions {
  department: Department;
  file: string;
  kind?: string | undefined;
  /** A mapping file (JSON) of the department's own headers. */
  mapping?: string | undefined;
  /** The CSV's encoding, when detection should not decide (utf-8, gb18030 …). */
  encoding?: string | undefined;
  dryRun?: boolean;
  /** Where the error report goes (reportPaths); beside the file otherwise. */
  errors?: string | undefined;
  /** Take up the interrupted import of the same file where it stopped. */
  resume?: boolean;
  gatewayUrl: string;
  token: string;
  batchSize?: number;
  progress?: Progress;
  /** Lines for whoever runs the import, besides the summary. */
  note?: (line: string) => void;
  /** Aborted, the import stops once the batch in flight is answered. */
  signal?: AbortSignal;
  /** Stops after this many batches sent (an interruption between batches, for tests). */
  stopAfterBatches?: number;
  /** Attempts and first wait of a request before the hub counts as unavailable. */
  retry?: { attempts: number; ms: number };
  /** Hears what each batch sent made of its rows (a batch answered again lists only its refused rows). */
  onRows?: (rows: readonly RowResult[]) => void;
}

export interface ReasonCount {
  column: string;
  code: string;
  rule: string | null;
  /** The words of the first row refused for it. */
  reason: string;
  rows: number;
}

export interface ImportSummary {
  jobId: string;
  kind: string;
  file: string;
  fileDigest: string;
  encoding: string | null;
  dryRun: boolean;
  /** Rows of records read from the file. */
  read: number;
  loaded: number;
  unchanged: number;
  refused: number;
  byReason: ReasonCount[];
  /** Batches committed before this run took the job up (resume). */
  resumedBatches: number;
  ignoredColumns: string[];
  report: { csv: string; xlsx: string; digest: string; lines: number };
  durationMs: number;
}

/** The import stopped before every batch was sent (asked to, or the hub went away): `--resume` continues it. */
export class ImportInterrupted extends Error {
  constructor(
    message: string,
    readonly jobId: string,
    readonly batchesDone: number,
  ) {
    super(message);
  }
}

/** The longest cell the hub takes. */
const MAX_CELL = 10_000;

interface PreparedRow {
  rowNumber: number;
  values: (string | null)[];
  unreadable: { field: string; message: string }[];
}

/** The data rows of a sheet below its header, with the mapped cells read: rows with no mapped cell filled are skipped. */
async function* dataRows(sheet: Sheet, mapping: ColumnMapping): AsyncGenerator<PreparedRow> {
  const below = Math.max(...mapping.headerRows);
  for await (const row of sheet.rows()) {
    if (row.rowNumber <= below) continue;
    const prepared = prepare(row, mapping, sheet.encoding);
    if (prepared) yield prepared;
  }
}

function prepare(row: SheetRow, mapping: ColumnMapping, encoding: string | null): PreparedRow | null {
  const unreadable: PreparedRow['unreadable'] = [];
  let filled = false;
  const values = mapping.columns.map(({ index, field }) => {
    const text = row.cells[index]?.trim() ?? '';
    if (text === '') return null;
    filled = true;
    if (text.includes('\uFFFD')) {
      unreadable.push({ field, message: `holds bytes that are not text in ${encoding ?? 'the file'}'s encoding: name the file's encoding with --encoding` });
      return null;
    }
    const hostile = hostileCharacter(text);
    if (hostile) {
      unreadable.push({ field, message: `must not contain control characters or invisible formatting characters; found ${hostile.codePoint} at character ${hostile.position}` });
      return null;
    }
    if (text.length > MAX_CELL) {
      unreadable.push({ field, message: `must be at most ${MAX_CELL} characters` });
      return null;
    }
    return text;
  });
  return filled ? { rowNumber: row.rowNumber, values, unreadable } : null;
}

async function firstRows(sheet: Sheet, count: number): Promise<SheetRow[]> {
  const rows: SheetRow[] = [];
  for await (const row of sheet.rows()) {
    rows.push(row);
    if (rows.length >= count) break;
  }
  return rows;
}

export async function runImport(options: ImportOptions): Promise<ImportSummary> {
  const started = performance.now();
  const note = options.note ?? (() => undefined);
  const progress = options.progress ?? NO_PROGRESS;
  const batchSize = options.batchSize ?? DEFAULT_BATCH_ROWS;
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > MAX_BATCH_ROWS) throw new ImportFileError(`--batch-size must be a whole number from 1 to ${MAX_BATCH_ROWS}`);
  const kinds = importKindsOf(options.department);
  if (kinds.length === 0) throw new ImportFileError(`the ${options.department} department imports no kind of record`);

  const sheet = await openSheet(options.file, { encoding: options.encoding });
  const mappingFile = options.mapping === undefined ? null : await readMappingFile(options.mapping);
  const mapping = mapColumns(await firstRows(sheet, 10), kinds, options.kind, mappingFile);
  const fields = mapping.columns.map((column) => column.field);
  if (sheet.encoding) note(`reading ${path.basename(options.file)} as ${sheet.encoding} (${sheet.encodingSource === 'given' ? 'as given' : sheet.encodingSource === 'bom' ? 'byte-order mark' : sheet.encodingSource === 'utf-8' ? 'valid UTF-8' : 'detected'})`);
  note(`${mapping.kind.name}: ${mapping.columns.map((c) => `${c.header} → ${c.field}`).join(', ')}${mapping.ignored.length > 0 ? `; not imported: ${mapping.ignored.join(', ')}` : ''}`);

  // First pass: what the file is (its digest) and how many rows it holds, so the job names both and progress has an end.
  const [digest, rowCount] = await Promise.all([
    fileDigest(options.file),
    (async () => {
      let count = 0;
      for await (const _row of dataRows(sheet, mapping)) count += 1;
      return count;
    })(),
  ]);
  if (rowCount === 0) throw new ImportFileError(`${path.basename(options.file)} holds no rows of records below its header`);

  const client = new ImportClient({ gatewayUrl: options.gatewayUrl, token: options.token, department: options.department, ...(options.retry ? { attempts: options.retry.attempts, retryMs: options.retry.ms } : {}) });
  const dryRun = options.dryRun ?? false;
  const sameFile = (job: Job) =>
    job.status === 'RUNNING' && job.fileDigest === digest && job.kind === mapping.kind.name && job.dryRun === dryRun && job.rowCount === rowCount && job.fields.join() === fields.join();
  let job: Job | null = null;
  for await (const candidate of client.jobs()) {
    if (sameFile(candidate)) {
      job = candidate;
      break;
    }
  }
  if (job && !options.resume) {
    note(`an interrupted import of this file is at the hub (job ${job.id}); --resume continues it. Starting another: rows it loaded count as unchanged`);
    job = null;
  }
  if (!job && options.resume) note('no interrupted import of this file is at the hub: starting anew');
  job ??= await client.start({ kind: mapping.kind.name, fileName: path.basename(options.file).slice(0, 255), fileDigest: digest, rowCount, fields, batchSize, dryRun });
  const size = job.batchSize;
  const committed = new Set(job.committedBatches);
  if (committed.size > 0) note(`resuming job ${job.id}: ${committed.size} batch${committed.size === 1 ? '' : 'es'} committed before`);

  const paths = reportPaths(options.file, options.errors);
  const report = await ErrorReport.open(paths);
  const byReason = new Map<string, ReasonCount>();
  const columnOf = new Map(mapping.columns.map((column, at) => [column.field, { header: column.header, at }]));
  const reportRow = (row: PreparedRow, result: Pick<RowResult, 'rowNumber' | 'problems'>) => {
    for (const problem of result.problems) {
      const column = columnOf.get(problem.field);
      report.line({
        rowNumber: result.rowNumber,
        column: column?.header ?? '',
        value: column ? (row.values[column.at] ?? '') : '',
        reason: problem.message,
        code: problem.code,
        rule: problem.rule,
      });
      count(byReason, column?.header ?? problem.field, problem);
    }
  };

  let done = 0;
  let sent = 0;
  progress.start(rowCount, 0);
  const jobId = job.id;
  const sendBatch = async (index: number, rows: PreparedRow[]): Promise<void> => {
    const byRow = new Map(rows.map((row) => [row.rowNumber, row]));
    if (committed.has(index)) {
      const first = rows[0]?.rowNumber ?? 0;
      const last = rows.at(-1)?.rowNumber ?? 0;
      for await (const refusal of client.refusals(jobId, first, last)) {
        const row = byRow.get(refusal.rowNumber);
        if (row) reportRow(row, refusal);
      }
    } else {
      const answer = await client.rows({
        jobId,
        batch: index,
        rows: rows.map((row) => ({ rowNumber: row.rowNumber, values: row.values, ...(row.unreadable.length > 0 ? { unreadable: row.unreadable } : {}) })),
      });
      options.onRows?.(answer.rows);
      for (const result of answer.rows) {
        const row = byRow.get(result.rowNumber);
        if (row && result.status === 'REFUSED') reportRow(row, result);
      }
      sent += 1;
    }
    done += rows.length;
    progress.update(done);
  };

  let failure: { error: unknown } | null = null;
  let inFlight: Promise<void> = Promise.resolve();
  let batch: PreparedRow[] = [];
  let index = 0;
  const stopping = () => options.signal?.aborted === true || (options.stopAfterBatches !== undefined && sent >= options.stopAfterBatches);
  const dispatch = async (rows: PreparedRow[]) => {
    // One batch at a time, in order: a row is judged against every row committed before it.
    await inFlight;
    if (failure !== null || stopping()) return false;
    const at = index++;
    inFlight = sendBatch(at, rows).catch((error: unknown) => {
      failure ??= { error };
    });
    return true;
  };
  try {
    for await (const row of dataRows(sheet, mapping)) {
      batch.push(row);
      if (batch.length < size) continue;
      const full = batch;
      batch = [];
      if (!(await dispatch(full))) break;
    }
    if (batch.length > 0 && failure === null && !stopping()) await dispatch(batch);
    await inFlight;
  } finally {
    progress.stop();
  }
  const stopped = failure as { error: unknown } | null;
  if (stopped !== null || done < rowCount) {
    await report.close();
    const why = stopped === null ? 'it was stopped' : (stopped.error as Error).message;
    if (stopped !== null && !(stopped.error instanceof HubUnavailable)) throw stopped.error;
    throw new ImportInterrupted(`the import stopped after ${index} of ${Math.ceil(rowCount / size)} batches (${why}); run it again with --resume to continue where it stopped`, jobId, index);
  }

  const reportDigest = await report.close();
  const finished = await client.finish(jobId, reportDigest);
  return {
    jobId,
    kind: mapping.kind.name,
    file: options.file,
    fileDigest: digest,
    encoding: sheet.encoding,
    dryRun,
    read: rowCount,
    loaded: finished.loaded,
    unchanged: finished.unchanged,
    refused: finished.refused,
    byReason: [...byReason.values()].sort((a, b) => b.rows - a.rows || a.column.localeCompare(b.column)),
    resumedBatches: committed.size,
    ignoredColumns: mapping.ignored,
    report: { ...paths, digest: reportDigest, lines: report.lines },
    durationMs: performance.now() - started,
  };
}

function count(byReason: Map<string, ReasonCount>, column: string, problem: Problem): void {
  const key = JSON.stringify([column, problem.code, problem.rule ?? problem.message]);
  const found = byReason.get(key);
  if (found) found.rows += 1;
  else byReason.set(key, { column, code: problem.code, rule: problem.rule, reason: problem.message, rows: 1 });
}

/** The summary as the command line prints it. */
export function describeSummary(summary: ImportSummary): string {
  const seconds = summary.durationMs / 1000;
  const lines = [
    `${summary.dryRun ? 'Dry run of' : 'Imported'} ${path.basename(summary.file)} as ${summary.kind} (job ${summary.jobId}${summary.resumedBatches > 0 ? `, resumed after ${summary.resumedBatches} batches` : ''})`,
    `  read       ${summary.read.toLocaleString('en-US')} rows`,
    `  ${summary.dryRun ? 'would load' : 'loaded    '} ${summary.loaded.toLocaleString('en-US')}`,
    `  unchanged  ${summary.unchanged.toLocaleString('en-US')}`,
    `  refused    ${summary.refused.toLocaleString('en-US')}`,
    ...summary.byReason.map((reason) => `    ${String(reason.rows).padStart(6)}  ${reason.column}: ${reason.reason.length > 100 ? `${reason.reason.slice(0, 97)}...` : reason.reason}${reason.rule ? ` [${reason.rule}]` : ''}`),
    `  duration   ${seconds.toFixed(1)} s (${Math.round(summary.read / Math.max(seconds, 0.001)).toLocaleString('en-US')} rows/s)`,
    `  report     ${summary.report.csv} and ${path.basename(summary.report.xlsx)} (${summary.report.lines} lines, sha256 ${summary.report.digest.slice(0, 16)}…)`,
  ];
  if (summary.ignoredColumns.length > 0) lines.push(`  not imported: ${summary.ignoredColumns.join(', ')}`);
  return lines.join('\n');
}
