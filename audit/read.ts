import { and, eq, gte, lt, max, min, sql, type SQL } from 'drizzle-orm';
import type { AuditEvent } from './api.js';
import type { AuditDatabase } from './database.js';
import { auditChainHeads, auditEvents, type AuditEventRow, type ChainHeadRow } from './db/schema.js';

/** A stored row as the chain sees it: the shape that was hashed. */
export function toAuditEvent(row: AuditEventRow): AuditEvent {
  return {
    writerId: row.writerId,
    seq: Number(row.seq),
    occurredAt: new Date(row.occurredAt).toISOString(),
    kind: row.kind,
    requestId: row.requestId,
    subject: row.subject,
    department: row.department,
    roles: row.roles,
    purpose: row.purpose,
    caseId: row.caseId,
    subgraph: row.subgraph,
    typeName: row.typeName,
    recordIds: row.recordIds,
    fields: row.fields,
    operationName: row.operationName,
    documentHash: row.documentHash,
    outcome: row.outcome,
    errorCode: row.errorCode,
    durationMs: row.durationMs,
    ...(row.correlationId !== null ? { correlationId: row.correlationId } : {}),
    ...(row.count !== null ? { count: row.count } : {}),
    ...(row.lookups !== null ? { lookups: row.lookups } : {}),
    ...(row.places !== null ? { places: row.places } : {}),
    ...(row.placesNonce !== null ? { placesNonce: row.placesNonce } : {}),
    prevHash: row.prevHash,
    hash: row.hash,
  };
}

export interface TimeRange {
  /** Inclusive. */
  from?: Date;
  /** Exclusive. */
  to?: Date;
}

const inRange = (range: TimeRange): (SQL | undefined)[] => [
  range.from ? gte(auditEvents.occurredAt, range.from) : undefined,
  range.to ? lt(auditEvents.occurredAt, range.to) : undefined,
];

/**
 * Every writer that has events (in the range, if given), without reading the
 * events: a loose index scan that jumps from one writer id to the next along
 * the primary key.
 */
export async function eventWriterIds(database: AuditDatabase, range: TimeRange = {}): Promise<string[]> {
  const filter = and(...inRange(range));
  const where = (after: SQL | undefined) => and(filter, after) ?? sql`true`;
  const result = await database.db.execute<{ id: string | null }>(sql`
    WITH RECURSIVE writers(id) AS (
      (SELECT ${auditEvents.writerId} FROM ${auditEvents} WHERE ${where(undefined)} ORDER BY 1 LIMIT 1)
      UNION ALL
      SELECT (SELECT ${auditEvents.writerId} FROM ${auditEvents} WHERE ${where(sql`${auditEvents.writerId} > writers.id`)} ORDER BY 1 LIMIT 1)
      FROM writers WHERE writers.id IS NOT NULL
    )
    SELECT id FROM writers WHERE id IS NOT NULL`);
  return rowsOf<{ id: string | null }>(result).map((row) => row.id as string);
}

export async function chainHeads(database: AuditDatabase): Promise<ChainHeadRow[]> {
  return database.db.select().from(auditChainHeads);
}

export async function chainHead(database: AuditDatabase, writerId: string): Promise<ChainHeadRow | undefined> {
  const [head] = await database.db.select().from(auditChainHeads).where(eq(auditChainHeads.writerId, writerId));
  return head;
}

/** The lowest and highest sequence number a writer has (in the range, if given). */
export async function seqBounds(database: AuditDatabase, writerId: string, range: TimeRange = {}): Promise<{ lo: number; hi: number } | null> {
  const [row] = await database.db
    .select({ lo: min(auditEvents.seq), hi: max(auditEvents.seq) })
    .from(auditEvents)
    .where(and(eq(auditEvents.writerId, writerId), ...inRange(range)));
  return row?.lo == null || row.hi == null ? null : { lo: Number(row.lo), hi: Number(row.hi) };
}

/**
 * One writer's events in chain order, up to `upTo` (its highest seq when
 * the walk begins, by default), read in windows of sequence numbers so a
 * chain of any length streams through in bounded memory. A window by seq,
 * rather than a keyset page, keeps every query an index range of a few
 * thousand rows whatever the planner's statistics say, and keeps events
 * sharing a seq (an inserted one) in the same window. Empty stretches (events
 * deleted, or a forged seq far ahead) are skipped with one index lookup.
 */
export async function* chainEvents(
  database: AuditDatabase,
  writerId: string,
  options: TimeRange & { pageSize?: number; upTo?: number } = {},
): AsyncGenerator<AuditEvent> {
  const pageSize = options.pageSize ?? 5_000;
  const bounds = await seqBounds(database, writerId, options);
  if (!bounds) return;
  const hi = options.upTo ?? bounds.hi;
  const ofWriter = and(eq(auditEvents.writerId, writerId), ...inRange(options));
  const window = (from: number) => {
    const end = Math.min(from + pageSize, hi + 1);
    const rows = database.db
      .execute(sql`SELECT ${CHAIN_COLUMNS} FROM ${auditEvents}
        WHERE ${and(ofWriter, gte(auditEvents.seq, from), lt(auditEvents.seq, end))}
        ORDER BY ${auditEvents.seq}, ${auditEvents.occurredAt}`)
      .then((result) => rowsOf<ChainRow>(result));
    // Fetched ahead while the caller hashes the window before; a walk that stops early leaves it unread.
    rows.catch(() => undefined);
    return { end, rows };
  };
  let current: ReturnType<typeof window> | null = window(bounds.lo);
  while (current !== null) {
    const rows: ChainRow[] = await current.rows;
    const next: ReturnType<typeof window> | null = rows.length > 0 && current.end <= hi ? window(current.end) : null;
    for (const row of rows) yield fromChainRow(row);
    if (rows.length > 0) {
      current = next;
      continue;
    }
    const [found] = await database.db.select({ seq: min(auditEvents.seq) }).from(auditEvents).where(and(ofWriter, gte(auditEvents.seq, current.end)));
    const lo = found?.seq == null ? null : Number(found.seq);
    current = lo !== null && lo <= hi ? window(lo) : null;
  }
}

/**
 * The columns of a chain walk, shaped in SQL for the cheapest parse: the
 * instant already in the ISO form that was hashed, arrays as JSON. Walking a
 * million events, parsing is most of the cost.
 */
const CHAIN_COLUMNS = sql.raw(`writer_id, seq::text AS seq,
  to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS occurred_at,
  kind, request_id, subject, department, to_json(roles)::text AS roles, purpose, case_id, subgraph, type_name,
  to_json(record_ids)::text AS record_ids, fields::text AS fields, operation_name, document_hash, outcome, error_code,
  duration_ms, correlation_id, count, lookups, to_json(places)::text AS places, places_nonce, prev_hash, hash`);

interface ChainRow {
  writer_id: string;
  seq: string;
  occurred_at: string;
  kind: AuditEvent['kind'];
  request_id: string;
  subject: string | null;
  department: string | null;
  roles: string;
  purpose: string | null;
  case_id: string | null;
  subgraph: string | null;
  type_name: string | null;
  record_ids: string;
  fields: string;
  operation_name: string | null;
  document_hash: string | null;
  outcome: string | null;
  error_code: string | null;
  duration_ms: number | null;
  correlation_id: string | null;
  count: number | null;
  lookups: number | null;
  places: string | null;
  places_nonce: string | null;
  prev_hash: string;
  hash: string;
}

function fromChainRow(row: ChainRow): AuditEvent {
  return {
    writerId: row.writer_id,
    seq: Number(row.seq),
    occurredAt: row.occurred_at,
    kind: row.kind,
    requestId: row.request_id,
    subject: row.subject,
    department: row.department,
    roles: JSON.parse(row.roles) as string[],
    purpose: row.purpose,
    caseId: row.case_id,
    subgraph: row.subgraph,
    typeName: row.type_name,
    recordIds: JSON.parse(row.record_ids) as string[],
    fields: JSON.parse(row.fields) as AuditEvent['fields'],
    operationName: row.operation_name,
    documentHash: row.document_hash,
    outcome: row.outcome,
    errorCode: row.error_code,
    durationMs: row.duration_ms === null ? null : Number(row.duration_ms),
    ...(row.correlation_id !== null ? { correlationId: row.correlation_id } : {}),
    ...(row.count !== null ? { count: Number(row.count) } : {}),
    ...(row.lookups !== null ? { lookups: Number(row.lookups) } : {}),
    ...(row.places !== null ? { places: JSON.parse(row.places) as string[] } : {}),
    ...(row.places_nonce !== null ? { placesNonce: row.places_nonce } : {}),
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}

/** node-postgres answers `execute` with a result object, PGlite with one too but shaped alike only in `rows`. */
export function rowsOf<T>(result: unknown): T[] {
  return (result as { rows?: T[] }).rows ?? (result as T[]);
}
