import { sql } from 'drizzle-orm';
import { bigint, index, integer, jsonb, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import type { FieldDecision } from '../../auth/decide.js';

/**
 * The hub's audit store: its own database, written by every data-owning
 * subgraph and the gateway, read by the audit subgraph and the verifier.
 *
 * drizzle cannot declare partitioning, triggers or grants; migration 0001
 * rebuilds `audit_events` partitioned by month on `occurred_at`, with the
 * same columns and indexes declared here, and makes both tables append-only.
 */

/**
 * Every recorded request and access. Each writer numbers its events 1, 2, 3…
 * and links each to the one before by hash, so the primary key carries the
 * writer and its sequence; `occurred_at` is in it because a partitioned
 * table's keys must include the partition key.
 */
export const auditEvents = pgTable(
  'audit_events',
  {
    writerId: text('writer_id').notNull(),
    seq: bigint('seq', { mode: 'number' }).notNull(),
    // Milliseconds, as JavaScript writes them: what is hashed must read back identically.
    occurredAt: timestamp('occurred_at', { withTimezone: true, precision: 3, mode: 'date' }).notNull(),
    kind: text('kind', { enum: ['access', 'request', 'refusals'] }).notNull(),
    requestId: text('request_id').notNull(),
    subject: text('subject'),
    department: text('department'),
    roles: text('roles').array().notNull(),
    purpose: text('purpose'),
    caseId: text('case_id'),
    subgraph: text('subgraph'),
    typeName: text('type_name'),
    recordIds: text('record_ids').array().notNull(),
    fields: jsonb('fields').$type<Record<string, FieldDecision>>().notNull(),
    operationName: text('operation_name'),
    documentHash: text('document_hash'),
    outcome: text('outcome'),
    errorCode: text('error_code'),
    durationMs: integer('duration_ms'),
    // The caller's X-Request-Id on a request event: shown to auditors, never a key.
    correlationId: text('correlation_id'),
    // How many refusals a `refusals` event stands for.
    count: integer('count'),
    // Where the records an access served lie, `<division>` or `<division>/<grid>`, sorted; null when
    // any of them carries no place. What confines a district auditor's view; never served.
    places: text('places').array(),
    // A random secret of the event, hashed with its places, so that the served hash cannot be used
    // to test guesses at where a resident lives.
    placesNonce: text('places_nonce'),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [
    primaryKey({ name: 'audit_events_pkey', columns: [t.writerId, t.seq, t.occurredAt] }),
    // "Who accessed this resident": record_ids @> ARRAY[id].
    index('audit_events_record_ids_idx').using('gin', t.recordIds),
    index('audit_events_subject_idx').on(t.subject, t.occurredAt),
    index('audit_events_department_idx').on(t.department, t.occurredAt),
    index('audit_events_purpose_case_idx').on(t.purpose, t.caseId, t.occurredAt),
    index('audit_events_case_idx').on(t.caseId, t.occurredAt).where(sql`${t.caseId} IS NOT NULL`),
    index('audit_events_request_idx').on(t.requestId),
    // Newest first, and the keyset cursor of the audit subgraph's lists.
    index('audit_events_time_idx').on(t.occurredAt, t.writerId, t.seq),
  ],
);

/**
 * Where each writer's chain ends, moved forward in the same transaction as
 * every batch: events deleted from the end of a chain leave the head ahead of
 * the last event, which the verifier reports.
 */
export const auditChainHeads = pgTable('audit_chain_heads', {
  writerId: text('writer_id').primaryKey(),
  lastSeq: bigint('last_seq', { mode: 'number' }).notNull(),
  lastHash: text('last_hash').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true, precision: 3, mode: 'date' }).notNull(),
});

export type AuditEventRow = typeof auditEvents.$inferSelect;
export type NewAuditEventRow = typeof auditEvents.$inferInsert;
export type ChainHeadRow = typeof auditChainHeads.$inferSelect;
