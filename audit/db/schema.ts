import { sql } from 'drizzle-orm';
import { bigint, boolean, date, doublePrecision, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
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
    // Look-ups by full identity number a request asked, by a principal who reads numbers masked.
    lookups: integer('lookups'),
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

// ---------------------------------------------------------------------------
// Audit views (audit/views/): what the overview counts from, the register of
// cases whose accesses residents' own reports withhold, and the verifications
// that were run. Migration 0005 adds what drizzle cannot declare: the trigger
// that keeps the hourly counts, and append-only triggers on the other two.
// ---------------------------------------------------------------------------

/**
 * Events per UTC hour, kept by a statement trigger on `audit_events` as every
 * batch is inserted (audit_count_hourly), so an overview of any period reads
 * a few rows per hour instead of every event. One row per writer, so writers
 * committing at once never wait on each other's counts. Text keys are '' for
 * none, as a key column cannot be null. `outcome` is an access's decision
 * (`full`, `masked`, `denied`: audit_event_outcome) or a request's outcome.
 * Derived from the events, never served as evidence: the chains are that.
 */
export const auditHourlyCounts = pgTable(
  'audit_hourly_counts',
  {
    hour: timestamp('hour', { withTimezone: true, mode: 'date' }).notNull(),
    writerId: text('writer_id').notNull(),
    kind: text('kind').notNull(),
    department: text('department').notNull(),
    purpose: text('purpose').notNull(),
    outcome: text('outcome').notNull(),
    errorCode: text('error_code').notNull(),
    events: bigint('events', { mode: 'number' }).notNull(),
    // Records the events named: an access's record ids.
    records: bigint('records', { mode: 'number' }).notNull(),
    // What tallies of refusals stand for beyond their own event (`count`).
    tallied: bigint('tallied', { mode: 'number' }).notNull(),
  },
  (t) => [primaryKey({ name: 'audit_hourly_counts_pkey', columns: [t.hour, t.writerId, t.kind, t.department, t.purpose, t.outcome, t.errorCode] })],
);

/**
 * Access events per UTC hour by where their records lie, for an auditor
 * confined to one district (or one city, or province): `region` is the
 * longest code every record's division starts with — the district (6
 * digits), else the city (4), else the province (2), else '*' — so such an
 * auditor is shown exactly the rows whose region its division pattern
 * matches (audit_places_region; auth/jurisdiction.ts). Kept by the same
 * trigger; accesses without places are not here (no confined auditor sees them).
 */
export const auditHourlyPlaceCounts = pgTable(
  'audit_hourly_place_counts',
  {
    hour: timestamp('hour', { withTimezone: true, mode: 'date' }).notNull(),
    writerId: text('writer_id').notNull(),
    region: text('region').notNull(),
    department: text('department').notNull(),
    purpose: text('purpose').notNull(),
    outcome: text('outcome').notNull(),
    events: bigint('events', { mode: 'number' }).notNull(),
    records: bigint('records', { mode: 'number' }).notNull(),
  },
  (t) => [primaryKey({ name: 'audit_hourly_place_counts_pkey', columns: [t.hour, t.writerId, t.region, t.department, t.purpose, t.outcome] })],
);

/**
 * The case register: when residents' own access reports may show what was
 * read under a police case investigation. Append-only: each setting is a row,
 * the latest per case (highest id) holds; a case without a row, or whose
 * latest row has no instant, is withheld.
 */
export const auditCaseDisclosures = pgTable(
  'audit_case_disclosures',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    caseId: text('case_id').notNull(),
    discloseAfter: timestamp('disclose_after', { withTimezone: true, precision: 3, mode: 'date' }),
    setAt: timestamp('set_at', { withTimezone: true, precision: 3, mode: 'date' }).notNull(),
    subject: text('subject').notNull(),
    department: text('department').notNull(),
    requestId: text('request_id').notNull(),
  },
  (t) => [index('audit_case_disclosures_case_idx').on(t.caseId, t.id)],
);

/** Every verification of the chains that was run (auditVerification, `npm run audit:verify`), as it ended. Append-only. */
export const auditVerificationRuns = pgTable(
  'audit_verification_runs',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    verifiedAt: timestamp('verified_at', { withTimezone: true, precision: 3, mode: 'date' }).notNull(),
    ok: boolean('ok').notNull(),
    chains: integer('chains').notNull(),
    events: bigint('events', { mode: 'number' }).notNull(),
    problems: integer('problems').notNull(),
    evidenceProblems: integer('evidence_problems').notNull(),
    durationMs: integer('duration_ms').notNull(),
    checkpointSeq: integer('checkpoint_seq'),
    // The one chain verified, when only one was.
    writerId: text('writer_id'),
    ranBy: text('ran_by').notNull(),
  },
  (t) => [index('audit_verification_runs_time_idx').on(t.verifiedAt)],
);

export type HourlyCountRow = typeof auditHourlyCounts.$inferSelect;
export type CaseDisclosureRow = typeof auditCaseDisclosures.$inferSelect;
export type VerificationRunRow = typeof auditVerificationRuns.$inferSelect;
// --- end of audit views -----------------------------------------------------

export type AuditEventRow = typeof auditEvents.$inferSelect;
export type NewAuditEventRow = typeof auditEvents.$inferInsert;
export type ChainHeadRow = typeof auditChainHeads.$inferSelect;

// ─── Anomaly detection (audit/anomalies/) ──────────────────────────────────────────────────────
// What the detector keeps beside the log: how far it has read each chain, rolling aggregates per
// principal and window, and the flags it raised with their reviews. Derived from the log, never the
// log: the audit subgraph's reader role keeps these tables (migration 0005), and a review is also
// an event of the log, which vouches for it by its digest.

/** How far the detector has read each writer's chain: it reads only events after `last_seq`. */
export const anomalyCursors = pgTable('anomaly_cursors', {
  writerId: text('writer_id').primaryKey(),
  lastSeq: bigint('last_seq', { mode: 'number' }).notNull(),
  /** Events of the chain the detector has read, in all. */
  events: bigint('events', { mode: 'number' }).notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true, precision: 3, mode: 'date' }).notNull(),
});

/** One principal's activity in one hour (UTC), as the detector has counted it so far. */
export const anomalyHours = pgTable(
  'anomaly_hours',
  {
    department: text('department').notNull(),
    subject: text('subject').notNull(),
    hour: timestamp('hour', { withTimezone: true, precision: 3, mode: 'date' }).notNull(),
    /** The principal's roles as its latest event of the hour names them. */
    roles: text('roles').array().notNull(),
    requests: integer('requests').notNull().default(0),
    accesses: integer('accesses').notNull().default(0),
    /** Distinct residents served in the hour (anomaly_hour_residents), counted when the hour is evaluated. */
    residents: integer('residents').notNull().default(0),
    /** Of those, read outside working hours. */
    offHoursResidents: integer('off_hours_residents').notNull().default(0),
    /** Look-ups by full identity number asked (request events' `lookups`), admitted or not. */
    lookups: integer('lookups').notNull().default(0),
    /** Requests refused by the look-up cap. */
    lookupRefusals: integer('lookup_refusals').notNull().default(0),
    /** Where the residents served lie (the access events' places, united); what confines a district auditor's view. */
    places: text('places').array().notNull().default(sql`ARRAY[]::text[]`),
    /** True once any resident served in the hour came in an event with no place: then only unconfined auditors see its flags. */
    unplaced: boolean('unplaced').notNull().default(false),
    exampleRecords: text('example_records').array().notNull().default(sql`ARRAY[]::text[]`),
    exampleRequests: text('example_requests').array().notNull().default(sql`ARRAY[]::text[]`),
    lookupRequests: text('lookup_requests').array().notNull().default(sql`ARRAY[]::text[]`),
    /** Counted into since it was last evaluated. */
    dirty: boolean('dirty').notNull().default(true),
  },
  (t) => [
    primaryKey({ name: 'anomaly_hours_pkey', columns: [t.department, t.subject, t.hour] }),
    index('anomaly_hours_department_idx').on(t.department, t.hour),
    index('anomaly_hours_dirty_idx').on(t.hour).where(sql`${t.dirty}`),
  ],
);

/** Each resident one principal was served in one hour, once: what makes `residents` distinct. */
export const anomalyHourResidents = pgTable(
  'anomaly_hour_residents',
  {
    department: text('department').notNull(),
    subject: text('subject').notNull(),
    hour: timestamp('hour', { withTimezone: true, precision: 3, mode: 'date' }).notNull(),
    residentId: text('resident_id').notNull(),
    /** `<division>/<grid>` or `<division>` when the event that served the resident lay in one place; null otherwise. */
    place: text('place'),
    offHours: boolean('off_hours').notNull().default(false),
  },
  (t) => [primaryKey({ name: 'anomaly_hour_residents_pkey', columns: [t.department, t.subject, t.hour, t.residentId] })],
);

/**
 * Residents one principal read per day and place (the place of the event that served them, when it lay
 * in one): what its usual places are, read as a few rows per day instead of every resident of every hour.
 */
export const anomalyPlaceDays = pgTable(
  'anomaly_place_days',
  {
    department: text('department').notNull(),
    subject: text('subject').notNull(),
    day: date('day', { mode: 'string' }).notNull(),
    place: text('place').notNull(),
    /** Residents read there, once per hour they were read in. */
    residents: integer('residents').notNull().default(0),
  },
  (t) => [primaryKey({ name: 'anomaly_place_days_pkey', columns: [t.department, t.subject, t.day, t.place] })],
);

/** Denied fields and refused requests of one principal in one denial window. */
export const anomalyDenials = pgTable(
  'anomaly_denials',
  {
    department: text('department').notNull(),
    subject: text('subject').notNull(),
    windowStart: timestamp('window_start', { withTimezone: true, precision: 3, mode: 'date' }).notNull(),
    roles: text('roles').array().notNull(),
    deniedFields: integer('denied_fields').notNull().default(0),
    /** Requests denied a field or refused outright, each once (anomaly_denial_requests), and refusals tallied in the gateway. */
    deniedRequests: integer('denied_requests').notNull().default(0),
    exampleRequests: text('example_requests').array().notNull().default(sql`ARRAY[]::text[]`),
    dirty: boolean('dirty').notNull().default(true),
  },
  (t) => [
    primaryKey({ name: 'anomaly_denials_pkey', columns: [t.department, t.subject, t.windowStart] }),
    index('anomaly_denials_department_idx').on(t.department, t.windowStart),
  ],
);

/** Each request of a principal denied something in a denial window, once: its access events and its request event may come in any order. */
export const anomalyDenialRequests = pgTable(
  'anomaly_denial_requests',
  {
    department: text('department').notNull(),
    subject: text('subject').notNull(),
    windowStart: timestamp('window_start', { withTimezone: true, precision: 3, mode: 'date' }).notNull(),
    requestId: text('request_id').notNull(),
  },
  (t) => [primaryKey({ name: 'anomaly_denial_requests_pkey', columns: [t.department, t.subject, t.windowStart, t.requestId] })],
);

/** One principal's accesses under one case number, over the case's life. */
export const anomalyCases = pgTable(
  'anomaly_cases',
  {
    caseId: text('case_id').notNull(),
    department: text('department').notNull(),
    subject: text('subject').notNull(),
    roles: text('roles').array().notNull(),
    firstAt: timestamp('first_at', { withTimezone: true, precision: 3, mode: 'date' }).notNull(),
    lastAt: timestamp('last_at', { withTimezone: true, precision: 3, mode: 'date' }).notNull(),
    residents: integer('residents').notNull().default(0),
    places: text('places').array().notNull().default(sql`ARRAY[]::text[]`),
    unplaced: boolean('unplaced').notNull().default(false),
    exampleRecords: text('example_records').array().notNull().default(sql`ARRAY[]::text[]`),
    exampleRequests: text('example_requests').array().notNull().default(sql`ARRAY[]::text[]`),
    dirty: boolean('dirty').notNull().default(true),
  },
  (t) => [primaryKey({ name: 'anomaly_cases_pkey', columns: [t.caseId, t.department, t.subject] })],
);

/** Each resident read under a case by a principal, once. */
export const anomalyCaseResidents = pgTable(
  'anomaly_case_residents',
  {
    caseId: text('case_id').notNull(),
    department: text('department').notNull(),
    subject: text('subject').notNull(),
    residentId: text('resident_id').notNull(),
  },
  (t) => [primaryKey({ name: 'anomaly_case_residents_pkey', columns: [t.caseId, t.department, t.subject, t.residentId] })],
);

/** A flag raised by a rule of audit/anomalies/rules.ts: one per rule, principal and window (or case). */
export const anomalyFlags = pgTable(
  'anomaly_flags',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** `<rule>|<department>|<subject>|<window start or case>`: a second pass updates the flag it raised. */
    key: text('key').notNull().unique('anomaly_flags_key_unique'),
    rule: text('rule').notNull(),
    department: text('department').notNull(),
    subject: text('subject').notNull(),
    roles: text('roles').array().notNull(),
    caseId: text('case_id'),
    windowStart: timestamp('window_start', { withTimezone: true, precision: 3, mode: 'date' }).notNull(),
    windowEnd: timestamp('window_end', { withTimezone: true, precision: 3, mode: 'date' }).notNull(),
    observed: doublePrecision('observed').notNull(),
    baseline: doublePrecision('baseline'),
    departmentBaseline: doublePrecision('department_baseline'),
    threshold: doublePrecision('threshold').notNull(),
    /** Every number the rule computed, by the names its table entry gives. */
    measures: jsonb('measures').$type<Record<string, number>>().notNull(),
    exampleRecords: text('example_records').array().notNull(),
    exampleRequests: text('example_requests').array().notNull(),
    /** Where the records behind it lie; null when any has no place. Never served: it confines district auditors. */
    places: text('places').array(),
    status: text('status', { enum: ['open', 'justified', 'questioned', 'escalated'] }).notNull().default('open'),
    raisedAt: timestamp('raised_at', { withTimezone: true, precision: 3, mode: 'date' }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true, precision: 3, mode: 'date' }).notNull(),
  },
  (t) => [
    index('anomaly_flags_window_idx').on(t.windowStart, t.id),
    index('anomaly_flags_status_idx').on(t.status, t.windowStart),
    index('anomaly_flags_principal_idx').on(t.department, t.subject, t.windowStart),
  ],
);

/** An auditor's verdict on a flag, append-only; its id is the digest the log's review event names. */
export const anomalyReviews = pgTable(
  'anomaly_reviews',
  {
    id: text('id').primaryKey(),
    flagId: uuid('flag_id')
      .notNull()
      .references(() => anomalyFlags.id),
    verdict: text('verdict', { enum: ['justified', 'questioned', 'escalated'] }).notNull(),
    note: text('note'),
    /** For a questioned flag: the department the note is addressed to, the flagged officer's. */
    addressedTo: text('addressed_to'),
    reviewer: text('reviewer').notNull(),
    reviewerDepartment: text('reviewer_department').notNull(),
    /** The gateway's request id of the review: its events in the log. */
    requestId: text('request_id').notNull(),
    /** The flag's observed number when it was reviewed: a flag that grew since shows it. */
    observedAtReview: doublePrecision('observed_at_review').notNull(),
    reviewedAt: timestamp('reviewed_at', { withTimezone: true, precision: 3, mode: 'date' }).notNull(),
  },
  (t) => [index('anomaly_reviews_flag_idx').on(t.flagId, t.reviewedAt)],
);

export type AnomalyFlagRow = typeof anomalyFlags.$inferSelect;
export type AnomalyReviewRow = typeof anomalyReviews.$inferSelect;
// ─── end of anomaly detection ───────────────────────────────────────────────────────────────────
