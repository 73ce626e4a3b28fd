import { and, asc, eq, gte, lt, sql, type SQL } from 'drizzle-orm';
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

/**
 * One writer's events in chain order, read in keyset pages so a chain of any
 * length streams through in bounded memory. Duplicated sequence numbers (an
 * inserted event) come out side by side, ordered by time.
 */
export async function* chainEvents(
  database: AuditDatabase,
  writerId: string,
  options: TimeRange & { pageSize?: number } = {},
): AsyncGenerator<AuditEvent> {
  const pageSize = options.pageSize ?? 5_000;
  let after: { seq: number; occurredAt: string } | null = null;
  for (;;) {
    const rows: AuditEventRow[] = await database.db
      .select()
      .from(auditEvents)
      .where(
        and(
          eq(auditEvents.writerId, writerId),
          ...inRange(options),
          after ? sql`(${auditEvents.seq}, ${auditEvents.occurredAt}) > (${after.seq}, ${after.occurredAt}::timestamptz)` : undefined,
        ),
      )
      .orderBy(asc(auditEvents.seq), asc(auditEvents.occurredAt))
      .limit(pageSize);
    for (const row of rows) yield toAuditEvent(row);
    const last = rows[rows.length - 1];
    if (!last || rows.length < pageSize) return;
    after = { seq: Number(last.seq), occurredAt: new Date(last.occurredAt).toISOString() };
  }
}

/** node-postgres answers `execute` with a result object, PGlite with one too but shaped alike only in `rows`. */
export function rowsOf<T>(result: unknown): T[] {
  return ((result as { rows?: T[] }).rows ?? (result as T[])) as T[];
}
