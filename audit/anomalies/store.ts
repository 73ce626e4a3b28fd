import { sql, type SQL } from 'drizzle-orm';
import type { AuditDatabase } from '../database.js';
import { rowsOf } from '../read.js';
import type { BatchTally, DetectorEvent } from './aggregate.js';
import { EXAMPLES, keyOf } from './aggregate.js';

/**
 * All SQL of the anomaly detector: reading the log after its cursors, adding
 * a batch's tallies to its rolling aggregates, reading what is due for
 * evaluation with the baselines behind it, and keeping flags. Every statement
 * names its table; rows travel as one JSON parameter, as the audit writer's do.
 */

type AuditDb = AuditDatabase['db'];
export type DetectorTx = Parameters<Parameters<AuditDb['transaction']>[0]>[0];
type Executor = Pick<AuditDb, 'execute'>;

const HOUR_MS = 3_600_000;
const iso = (ms: number) => new Date(ms).toISOString();
const json = (rows: unknown[]): SQL => sql`${JSON.stringify(rows)}::jsonb`;
const num = (value: unknown): number => Number(value ?? 0);
const numOrNull = (value: unknown): number | null => (value === null || value === undefined ? null : Number(value));
const list = (value: unknown): string[] => (typeof value === 'string' ? (JSON.parse(value) as string[] | null) ?? [] : Array.isArray(value) ? (value as string[]) : []);

/** Rows per statement: a batch's residents can number tens of thousands. */
const CHUNK = 5_000;
const chunks = <T>(items: readonly T[]): T[][] => {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
  return out;
};

/** Keeps a column's examples to EXAMPLES distinct ones, the earliest first. */
const mergedExamples = (column: string) =>
  sql.raw(
    `CASE WHEN cardinality(t.${column}) >= ${EXAMPLES} THEN t.${column} ` +
      `ELSE ARRAY(SELECT x FROM unnest(t.${column} || excluded.${column}) WITH ORDINALITY AS u(x, n) GROUP BY x ORDER BY min(n) LIMIT ${EXAMPLES}) END`,
  );
const mergedPlaces = sql.raw(`CASE WHEN excluded.places <@ t.places THEN t.places ELSE ARRAY(SELECT DISTINCT p FROM unnest(t.places || excluded.places) AS u(p) ORDER BY 1) END`);

export interface Cursor {
  writerId: string;
  lastSeq: number;
}

export interface DueChain {
  writerId: string;
  after: number;
  upTo: number;
}

/** Every writer whose chain head is past the detector's cursor for it. */
export async function dueChains(db: Executor): Promise<DueChain[]> {
  const rows = rowsOf<Record<string, unknown>>(
    await db.execute(sql`
      SELECT h.writer_id, coalesce(c.last_seq, 0)::text AS after, h.last_seq::text AS up_to
      FROM audit_chain_heads h LEFT JOIN anomaly_cursors c ON c.writer_id = h.writer_id
      WHERE h.last_seq > coalesce(c.last_seq, 0)
      ORDER BY h.writer_id`),
  );
  return rows.map((row) => ({ writerId: String(row.writer_id), after: num(row.after), upTo: num(row.up_to) }));
}

/** Where the detector stands on one chain, read under its lock. */
export async function cursorOf(tx: Executor, writerId: string): Promise<number> {
  const [row] = rowsOf<{ last_seq: string }>(await tx.execute(sql`SELECT last_seq::text AS last_seq FROM anomaly_cursors WHERE writer_id = ${writerId}`));
  return row ? Number(row.last_seq) : 0;
}

/** Serializes detectors sharing one audit store: two passes never count the same events twice. */
export async function lockDetector(tx: Executor): Promise<void> {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext('population-data-hub/anomaly-detector'))`);
}

/** One writer's events after `after`, up to `upTo`, in chain order: the only read of the log a pass makes. */
export async function readEvents(tx: Executor, writerId: string, after: number, upTo: number, limit: number): Promise<DetectorEvent[]> {
  const rows = rowsOf<Record<string, unknown>>(
    await tx.execute(sql`
      SELECT seq::text AS seq, (extract(epoch FROM occurred_at) * 1000)::float8 AS at_ms, kind, request_id, subject, department,
        to_json(roles)::text AS roles, case_id, type_name, to_json(record_ids)::text AS record_ids, outcome, error_code, count, lookups,
        to_json(places)::text AS places,
        CASE WHEN kind = 'access' AND fields::text LIKE '%"denied"%' THEN (SELECT count(*)::int FROM jsonb_each_text(fields) AS f(name, value) WHERE f.value = 'denied') ELSE 0 END AS denied_fields
      FROM audit_events
      WHERE writer_id = ${writerId} AND seq > ${after} AND seq <= ${upTo}
      -- The table's seq, a number: the text of the same name above would sort 10 before 9.
      ORDER BY audit_events.seq
      LIMIT ${limit}`),
  );
  return rows.map((row) => ({
    seq: num(row.seq),
    atMs: num(row.at_ms),
    kind: row.kind as DetectorEvent['kind'],
    requestId: String(row.request_id),
    subject: (row.subject as string | null) ?? null,
    department: (row.department as string | null) ?? null,
    roles: list(row.roles),
    caseId: (row.case_id as string | null) ?? null,
    typeName: (row.type_name as string | null) ?? null,
    recordIds: list(row.record_ids),
    outcome: (row.outcome as string | null) ?? null,
    errorCode: (row.error_code as string | null) ?? null,
    count: numOrNull(row.count),
    lookups: numOrNull(row.lookups),
    places: row.places === null || row.places === undefined ? null : list(row.places),
    deniedFields: num(row.denied_fields),
  }));
}

/**
 * Adds a batch's tallies to the aggregates and moves the chain's cursor, in
 * the caller's transaction. Residents are inserted first: those new to their
 * hour (or case) are what the distinct counts grow by.
 */
export async function addTally(tx: Executor, tally: BatchTally, cursor: { writerId: string; lastSeq: number; events: number }): Promise<void> {
  // Residents new to their hour: each adds one to the hour's count, and to its place's day.
  const newPerHour = new Map<string, { residents: number; offHours: number }>();
  const perPlaceDay = new Map<string, { department: string; subject: string; day: string; place: string; residents: number }>();
  for (const part of chunks([...tally.residents.values()])) {
    const inserted = rowsOf<Record<string, unknown>>(
      await tx.execute(sql`
        INSERT INTO anomaly_hour_residents (department, subject, hour, resident_id, place, off_hours)
        SELECT department, subject, hour, resident_id, place, off_hours
        FROM jsonb_to_recordset(${json(part.map((r) => ({ department: r.department, subject: r.subject, hour: iso(r.hourMs), resident_id: r.residentId, place: r.place, off_hours: r.offHours })))})
          AS r(department text, subject text, hour timestamptz, resident_id text, place text, off_hours boolean)
        ON CONFLICT (department, subject, hour, resident_id) DO NOTHING
        RETURNING department, subject, (extract(epoch FROM hour) * 1000)::float8 AS hour_ms, place, off_hours`),
    );
    for (const row of inserted) {
      const department = String(row.department);
      const subject = String(row.subject);
      const hourMs = num(row.hour_ms);
      const key = keyOf(department, subject, hourMs);
      const counts = newPerHour.get(key) ?? { residents: 0, offHours: 0 };
      counts.residents += 1;
      if (row.off_hours === true) counts.offHours += 1;
      newPerHour.set(key, counts);
      if (typeof row.place === 'string') {
        const day = iso(hourMs).slice(0, 10);
        const placeKey = keyOf(department, subject, day, row.place);
        const entry = perPlaceDay.get(placeKey) ?? { department, subject, day, place: row.place, residents: 0 };
        entry.residents += 1;
        perPlaceDay.set(placeKey, entry);
      }
    }
  }

  const hours = [...tally.hours.entries()].map(([key, h]) => ({
    department: h.department,
    subject: h.subject,
    hour: iso(h.hourMs),
    roles: h.roles,
    requests: h.requests,
    accesses: h.accesses,
    residents: newPerHour.get(key)?.residents ?? 0,
    off_hours_residents: newPerHour.get(key)?.offHours ?? 0,
    lookups: h.lookups,
    lookup_refusals: h.lookupRefusals,
    places: [...h.places].sort(),
    unplaced: h.unplaced,
    example_records: h.exampleRecords,
    example_requests: h.exampleRequests,
    lookup_requests: h.lookupRequests,
  }));
  for (const part of chunks(hours)) {
    await tx.execute(sql`
      INSERT INTO anomaly_hours AS t (department, subject, hour, roles, requests, accesses, residents, off_hours_residents, lookups, lookup_refusals,
        places, unplaced, example_records, example_requests, lookup_requests, dirty)
      SELECT department, subject, hour, roles, requests, accesses, residents, off_hours_residents, lookups, lookup_refusals,
        places, unplaced, example_records, example_requests, lookup_requests, true
      FROM jsonb_to_recordset(${json(part)}) AS r(department text, subject text, hour timestamptz, roles text[], requests int, accesses int,
        residents int, off_hours_residents int, lookups int, lookup_refusals int, places text[], unplaced boolean,
        example_records text[], example_requests text[], lookup_requests text[])
      ON CONFLICT (department, subject, hour) DO UPDATE SET
        roles = excluded.roles,
        requests = t.requests + excluded.requests,
        accesses = t.accesses + excluded.accesses,
        residents = t.residents + excluded.residents,
        off_hours_residents = t.off_hours_residents + excluded.off_hours_residents,
        lookups = t.lookups + excluded.lookups,
        lookup_refusals = t.lookup_refusals + excluded.lookup_refusals,
        places = ${mergedPlaces},
        unplaced = t.unplaced OR excluded.unplaced,
        example_records = ${mergedExamples('example_records')},
        example_requests = ${mergedExamples('example_requests')},
        lookup_requests = ${mergedExamples('lookup_requests')},
        dirty = true`);
  }

  for (const part of chunks([...perPlaceDay.values()])) {
    await tx.execute(sql`
      INSERT INTO anomaly_place_days AS t (department, subject, day, place, residents)
      SELECT department, subject, day, place, residents
      FROM jsonb_to_recordset(${json(part)}) AS r(department text, subject text, day date, place text, residents int)
      ON CONFLICT (department, subject, day, place) DO UPDATE SET residents = t.residents + excluded.residents`);
  }

  // Requests new to their window's denials: each adds one, whichever of its events came first.
  const newPerWindow = new Map<string, number>();
  const denialRequests = [...tally.denials.values()].flatMap((d) =>
    [...d.requestIds].map((requestId) => ({ department: d.department, subject: d.subject, window_start: iso(d.windowMs), request_id: requestId })),
  );
  for (const part of chunks(denialRequests)) {
    const inserted = rowsOf<Record<string, unknown>>(
      await tx.execute(sql`
        INSERT INTO anomaly_denial_requests (department, subject, window_start, request_id)
        SELECT department, subject, window_start, request_id
        FROM jsonb_to_recordset(${json(part)}) AS r(department text, subject text, window_start timestamptz, request_id text)
        ON CONFLICT DO NOTHING
        RETURNING department, subject, (extract(epoch FROM window_start) * 1000)::float8 AS window_ms`),
    );
    for (const row of inserted) {
      const key = keyOf(String(row.department), String(row.subject), num(row.window_ms));
      newPerWindow.set(key, (newPerWindow.get(key) ?? 0) + 1);
    }
  }
  const denials = [...tally.denials.entries()].map(([key, d]) => ({
    department: d.department,
    subject: d.subject,
    window_start: iso(d.windowMs),
    roles: d.roles,
    denied_fields: d.deniedFields,
    denied_requests: (newPerWindow.get(key) ?? 0) + d.tallied,
    example_requests: d.exampleRequests,
  }));
  for (const part of chunks(denials)) {
    await tx.execute(sql`
      INSERT INTO anomaly_denials AS t (department, subject, window_start, roles, denied_fields, denied_requests, example_requests, dirty)
      SELECT department, subject, window_start, roles, denied_fields, denied_requests, example_requests, true
      FROM jsonb_to_recordset(${json(part)}) AS r(department text, subject text, window_start timestamptz, roles text[], denied_fields int,
        denied_requests int, example_requests text[])
      ON CONFLICT (department, subject, window_start) DO UPDATE SET
        roles = excluded.roles,
        denied_fields = t.denied_fields + excluded.denied_fields,
        denied_requests = t.denied_requests + excluded.denied_requests,
        example_requests = ${mergedExamples('example_requests')},
        dirty = true`);
  }

  const newPerCase = new Map<string, number>();
  for (const part of chunks([...tally.caseResidents.values()])) {
    const inserted = rowsOf<Record<string, unknown>>(
      await tx.execute(sql`
        INSERT INTO anomaly_case_residents (case_id, department, subject, resident_id)
        SELECT case_id, department, subject, resident_id
        FROM jsonb_to_recordset(${json(part.map((r) => ({ case_id: r.caseId, department: r.department, subject: r.subject, resident_id: r.residentId })))})
          AS r(case_id text, department text, subject text, resident_id text)
        ON CONFLICT DO NOTHING
        RETURNING case_id, department, subject`),
    );
    for (const row of inserted) {
      const key = keyOf(String(row.case_id), String(row.department), String(row.subject));
      newPerCase.set(key, (newPerCase.get(key) ?? 0) + 1);
    }
  }
  const cases = [...tally.cases.entries()].map(([key, c]) => ({
    case_id: c.caseId,
    department: c.department,
    subject: c.subject,
    roles: c.roles,
    first_at: iso(c.firstMs),
    last_at: iso(c.lastMs),
    residents: newPerCase.get(key) ?? 0,
    places: [...c.places].sort(),
    unplaced: c.unplaced,
    example_records: c.exampleRecords,
    example_requests: c.exampleRequests,
  }));
  for (const part of chunks(cases)) {
    await tx.execute(sql`
      INSERT INTO anomaly_cases AS t (case_id, department, subject, roles, first_at, last_at, residents, places, unplaced, example_records, example_requests, dirty)
      SELECT case_id, department, subject, roles, first_at, last_at, residents, places, unplaced, example_records, example_requests, true
      FROM jsonb_to_recordset(${json(part)}) AS r(case_id text, department text, subject text, roles text[], first_at timestamptz, last_at timestamptz,
        residents int, places text[], unplaced boolean, example_records text[], example_requests text[])
      ON CONFLICT (case_id, department, subject) DO UPDATE SET
        roles = excluded.roles,
        first_at = least(t.first_at, excluded.first_at),
        last_at = greatest(t.last_at, excluded.last_at),
        residents = t.residents + excluded.residents,
        places = ${mergedPlaces},
        unplaced = t.unplaced OR excluded.unplaced,
        example_records = ${mergedExamples('example_records')},
        example_requests = ${mergedExamples('example_requests')},
        dirty = true`);
  }

  await tx.execute(sql`
    INSERT INTO anomaly_cursors AS t (writer_id, last_seq, events, updated_at)
    VALUES (${cursor.writerId}, ${cursor.lastSeq}, ${cursor.events}, now())
    ON CONFLICT (writer_id) DO UPDATE SET last_seq = excluded.last_seq, events = t.events + excluded.events, updated_at = excluded.updated_at`);
}

/** A principal's hour as evaluation reads it. */
export interface DueHour {
  department: string;
  subject: string;
  hourMs: number;
  roles: string[];
  requests: number;
  accesses: number;
  residents: number;
  offHoursResidents: number;
  lookups: number;
  lookupRefusals: number;
  places: string[];
  unplaced: boolean;
  exampleRecords: string[];
  exampleRequests: string[];
  lookupRequests: string[];
}

export async function dirtyHours(tx: Executor): Promise<DueHour[]> {
  const rows = rowsOf<Record<string, unknown>>(
    await tx.execute(sql`
      SELECT department, subject, (extract(epoch FROM hour) * 1000)::float8 AS hour_ms, to_json(roles)::text AS roles, requests, accesses, residents,
        off_hours_residents, lookups, lookup_refusals, to_json(places)::text AS places, unplaced, to_json(example_records)::text AS example_records,
        to_json(example_requests)::text AS example_requests, to_json(lookup_requests)::text AS lookup_requests
      FROM anomaly_hours WHERE dirty`),
  );
  return rows.map((row) => ({
    department: String(row.department),
    subject: String(row.subject),
    hourMs: num(row.hour_ms),
    roles: list(row.roles),
    requests: num(row.requests),
    accesses: num(row.accesses),
    residents: num(row.residents),
    offHoursResidents: num(row.off_hours_residents),
    lookups: num(row.lookups),
    lookupRefusals: num(row.lookup_refusals),
    places: list(row.places),
    unplaced: row.unplaced === true,
    exampleRecords: list(row.example_records),
    exampleRequests: list(row.example_requests),
    lookupRequests: list(row.lookup_requests),
  }));
}

export interface HourBaselines {
  own: { residents: number | null; lookups: number | null; offHours: number | null };
  department: { residents: number | null; lookups: number | null; offHours: number | null };
}

/**
 * The baselines of some principals' hours: the average of each count over
 * the hours before (within `days`) in which it was not zero, the principal's
 * own and its department's other principals'. Asked only for hours whose
 * count reached a rule's floor, which no baseline can lower.
 */
export async function hourBaselines(tx: Executor, hours: readonly Pick<DueHour, 'department' | 'subject' | 'hourMs'>[], days: number): Promise<Map<string, HourBaselines>> {
  const out = new Map<string, HourBaselines>();
  for (const part of chunks(hours)) {
    const rows = rowsOf<Record<string, unknown>>(
      await tx.execute(sql`
        SELECT c.department, c.subject, (extract(epoch FROM c.hour) * 1000)::float8 AS hour_ms,
          own.residents AS own_residents, own.lookups AS own_lookups, own.off AS own_off,
          dept.residents AS dept_residents, dept.lookups AS dept_lookups, dept.off AS dept_off
        FROM jsonb_to_recordset(${json(part.map((h) => ({ department: h.department, subject: h.subject, hour: iso(h.hourMs) })))})
          AS c(department text, subject text, hour timestamptz)
        LEFT JOIN LATERAL (
          SELECT (avg(b.residents) FILTER (WHERE b.residents > 0))::float8 AS residents, (avg(b.lookups) FILTER (WHERE b.lookups > 0))::float8 AS lookups,
            (avg(b.off_hours_residents) FILTER (WHERE b.off_hours_residents > 0))::float8 AS off
          FROM anomaly_hours b
          WHERE b.department = c.department AND b.subject = c.subject AND b.hour >= c.hour - make_interval(days => ${days}) AND b.hour < c.hour
        ) own ON true
        LEFT JOIN LATERAL (
          SELECT (avg(b.residents) FILTER (WHERE b.residents > 0))::float8 AS residents, (avg(b.lookups) FILTER (WHERE b.lookups > 0))::float8 AS lookups,
            (avg(b.off_hours_residents) FILTER (WHERE b.off_hours_residents > 0))::float8 AS off
          FROM anomaly_hours b
          WHERE b.department = c.department AND b.subject <> c.subject AND b.hour >= c.hour - make_interval(days => ${days}) AND b.hour < c.hour
        ) dept ON true`),
    );
    for (const row of rows) {
      out.set(keyOf(String(row.department), String(row.subject), num(row.hour_ms)), {
        own: { residents: numOrNull(row.own_residents), lookups: numOrNull(row.own_lookups), offHours: numOrNull(row.own_off) },
        department: { residents: numOrNull(row.dept_residents), lookups: numOrNull(row.dept_lookups), offHours: numOrNull(row.dept_off) },
      });
    }
  }
  return out;
}

/** Placed residents each principal read per place over the days before each hour's day, in one statement: `<hour key>` → place → residents. */
export async function placeHistories(tx: Executor, hours: readonly Pick<DueHour, 'department' | 'subject' | 'hourMs'>[], days: number): Promise<Map<string, Map<string, number>>> {
  const out = new Map<string, Map<string, number>>();
  for (const part of chunks(hours)) {
    const rows = rowsOf<Record<string, unknown>>(
      await tx.execute(sql`
        SELECT c.department, c.subject, (extract(epoch FROM c.hour) * 1000)::float8 AS hour_ms, d.place, sum(d.residents)::int AS residents
        FROM jsonb_to_recordset(${json(part.map((h) => ({ department: h.department, subject: h.subject, hour: iso(h.hourMs), day: iso(h.hourMs).slice(0, 10) })))})
          AS c(department text, subject text, hour timestamptz, day date)
        JOIN anomaly_place_days d ON d.department = c.department AND d.subject = c.subject AND d.day >= c.day - ${days}::int AND d.day < c.day
        GROUP BY 1, 2, 3, 4`),
    );
    for (const row of rows) {
      const key = keyOf(String(row.department), String(row.subject), num(row.hour_ms));
      const places = out.get(key) ?? new Map<string, number>();
      places.set(String(row.place), num(row.residents));
      out.set(key, places);
    }
  }
  return out;
}

/** The residents of some hours whose event placed them, in one statement: `<hour key>` → residents. */
export async function placedResidents(tx: Executor, hours: readonly Pick<DueHour, 'department' | 'subject' | 'hourMs'>[]): Promise<Map<string, { residentId: string; place: string }[]>> {
  const out = new Map<string, { residentId: string; place: string }[]>();
  for (const part of chunks(hours)) {
    const rows = rowsOf<Record<string, unknown>>(
      await tx.execute(sql`
        SELECT r.department, r.subject, (extract(epoch FROM r.hour) * 1000)::float8 AS hour_ms, r.resident_id, r.place
        FROM jsonb_to_recordset(${json(part.map((h) => ({ department: h.department, subject: h.subject, hour: iso(h.hourMs) })))})
          AS c(department text, subject text, hour timestamptz)
        JOIN anomaly_hour_residents r ON r.department = c.department AND r.subject = c.subject AND r.hour = c.hour
        WHERE r.place IS NOT NULL
        ORDER BY r.resident_id`),
    );
    for (const row of rows) {
      const key = keyOf(String(row.department), String(row.subject), num(row.hour_ms));
      const list = out.get(key) ?? [];
      list.push({ residentId: String(row.resident_id), place: String(row.place) });
      out.set(key, list);
    }
  }
  return out;
}

export interface DueDenials {
  department: string;
  subject: string;
  windowMs: number;
  roles: string[];
  deniedFields: number;
  deniedRequests: number;
  exampleRequests: string[];
}

export async function dirtyDenials(tx: Executor): Promise<DueDenials[]> {
  const rows = rowsOf<Record<string, unknown>>(
    await tx.execute(sql`
      SELECT department, subject, (extract(epoch FROM window_start) * 1000)::float8 AS window_ms, to_json(roles)::text AS roles, denied_fields,
        denied_requests, to_json(example_requests)::text AS example_requests
      FROM anomaly_denials WHERE dirty`),
  );
  return rows.map((row) => ({
    department: String(row.department),
    subject: String(row.subject),
    windowMs: num(row.window_ms),
    roles: list(row.roles),
    deniedFields: num(row.denied_fields),
    deniedRequests: num(row.denied_requests),
    exampleRequests: list(row.example_requests),
  }));
}

/** Baselines of denial windows: the average denied requests per window that had any, over the days before; own and the department's others'. */
export async function denialBaselines(tx: Executor, windows: readonly Pick<DueDenials, 'department' | 'subject' | 'windowMs'>[], days: number) {
  const out = new Map<string, { own: number | null; department: number | null }>();
  for (const part of chunks(windows)) {
    const rows = rowsOf<Record<string, unknown>>(
      await tx.execute(sql`
        SELECT c.department, c.subject, (extract(epoch FROM c.window_start) * 1000)::float8 AS window_ms, own.n AS own, dept.n AS dept
        FROM jsonb_to_recordset(${json(part.map((w) => ({ department: w.department, subject: w.subject, window_start: iso(w.windowMs) })))})
          AS c(department text, subject text, window_start timestamptz)
        LEFT JOIN LATERAL (
          SELECT (avg(b.denied_requests) FILTER (WHERE b.denied_requests > 0))::float8 AS n FROM anomaly_denials b
          WHERE b.department = c.department AND b.subject = c.subject AND b.window_start >= c.window_start - make_interval(days => ${days}) AND b.window_start < c.window_start
        ) own ON true
        LEFT JOIN LATERAL (
          SELECT (avg(b.denied_requests) FILTER (WHERE b.denied_requests > 0))::float8 AS n FROM anomaly_denials b
          WHERE b.department = c.department AND b.subject <> c.subject AND b.window_start >= c.window_start - make_interval(days => ${days}) AND b.window_start < c.window_start
        ) dept ON true`),
    );
    for (const row of rows) out.set(keyOf(String(row.department), String(row.subject), num(row.window_ms)), { own: numOrNull(row.own), department: numOrNull(row.dept) });
  }
  return out;
}

export interface DueCase {
  caseId: string;
  department: string;
  subject: string;
  roles: string[];
  firstMs: number;
  lastMs: number;
  residents: number;
  places: string[];
  unplaced: boolean;
  exampleRecords: string[];
  exampleRequests: string[];
}

export async function dirtyCases(tx: Executor): Promise<DueCase[]> {
  const rows = rowsOf<Record<string, unknown>>(
    await tx.execute(sql`
      SELECT case_id, department, subject, to_json(roles)::text AS roles, (extract(epoch FROM first_at) * 1000)::float8 AS first_ms,
        (extract(epoch FROM last_at) * 1000)::float8 AS last_ms, residents, to_json(places)::text AS places, unplaced,
        to_json(example_records)::text AS example_records, to_json(example_requests)::text AS example_requests
      FROM anomaly_cases WHERE dirty`),
  );
  return rows.map((row) => ({
    caseId: String(row.case_id),
    department: String(row.department),
    subject: String(row.subject),
    roles: list(row.roles),
    firstMs: num(row.first_ms),
    lastMs: num(row.last_ms),
    residents: num(row.residents),
    places: list(row.places),
    unplaced: row.unplaced === true,
    exampleRecords: list(row.example_records),
    exampleRequests: list(row.example_requests),
  }));
}

export async function markEvaluated(tx: Executor): Promise<void> {
  await tx.execute(sql`UPDATE anomaly_hours SET dirty = false WHERE dirty`);
  await tx.execute(sql`UPDATE anomaly_denials SET dirty = false WHERE dirty`);
  await tx.execute(sql`UPDATE anomaly_cases SET dirty = false WHERE dirty`);
}

/** A flag as the detector raises or updates it. */
export interface RaisedFlag {
  key: string;
  rule: string;
  department: string;
  subject: string;
  roles: string[];
  caseId: string | null;
  windowStartMs: number;
  windowEndMs: number;
  observed: number;
  baseline: number | null;
  departmentBaseline: number | null;
  threshold: number;
  measures: Record<string, number>;
  exampleRecords: string[];
  exampleRequests: string[];
  places: string[] | null;
}

/** Raises new flags and updates the numbers of those raised before for the same window; says which were new. */
export async function upsertFlags(tx: Executor, flags: readonly RaisedFlag[]): Promise<{ id: string; key: string; inserted: boolean }[]> {
  const out: { id: string; key: string; inserted: boolean }[] = [];
  for (const part of chunks(flags)) {
    const rows = rowsOf<Record<string, unknown>>(
      await tx.execute(sql`
        INSERT INTO anomaly_flags AS t (key, rule, department, subject, roles, case_id, window_start, window_end, observed, baseline, department_baseline,
          threshold, measures, example_records, example_requests, places, raised_at, updated_at)
        SELECT key, rule, department, subject, roles, case_id, window_start, window_end, observed, baseline, department_baseline,
          threshold, measures, example_records, example_requests, places, now(), now()
        FROM jsonb_to_recordset(${json(
          part.map((f) => ({
            key: f.key,
            rule: f.rule,
            department: f.department,
            subject: f.subject,
            roles: f.roles,
            case_id: f.caseId,
            window_start: iso(f.windowStartMs),
            window_end: iso(f.windowEndMs),
            observed: f.observed,
            baseline: f.baseline,
            department_baseline: f.departmentBaseline,
            threshold: f.threshold,
            measures: f.measures,
            example_records: f.exampleRecords,
            example_requests: f.exampleRequests,
            places: f.places,
          })),
        )}) AS r(key text, rule text, department text, subject text, roles text[], case_id text, window_start timestamptz, window_end timestamptz,
          observed float8, baseline float8, department_baseline float8, threshold float8, measures jsonb, example_records text[], example_requests text[], places text[])
        ON CONFLICT (key) DO UPDATE SET
          roles = excluded.roles,
          window_start = least(t.window_start, excluded.window_start),
          window_end = greatest(t.window_end, excluded.window_end),
          observed = excluded.observed,
          baseline = excluded.baseline,
          department_baseline = excluded.department_baseline,
          threshold = excluded.threshold,
          measures = excluded.measures,
          example_records = excluded.example_records,
          example_requests = excluded.example_requests,
          places = excluded.places,
          updated_at = now()
        RETURNING id, key, (xmax = 0) AS inserted`),
    );
    for (const row of rows) out.push({ id: String(row.id), key: String(row.key), inserted: row.inserted === true });
  }
  return out;
}

/**
 * Drops aggregates older than the baseline needs, counted back from the
 * newest hour the detector holds (not the clock: a store replayed from the
 * past keeps its history). Flags and reviews are never dropped.
 */
export async function pruneAggregates(db: Executor, days: number): Promise<void> {
  const keepDays = days + 1;
  const [newest] = rowsOf<{ newest: string | null }>(await db.execute(sql`SELECT max(hour)::text AS newest FROM anomaly_hours`));
  if (!newest?.newest) return;
  const horizon = sql`${newest.newest}::timestamptz - make_interval(days => ${keepDays})`;
  await db.execute(sql`DELETE FROM anomaly_hours WHERE hour < ${horizon} AND NOT dirty`);
  await db.execute(sql`DELETE FROM anomaly_hour_residents WHERE hour < ${horizon}`);
  await db.execute(sql`DELETE FROM anomaly_denials WHERE window_start < ${horizon} AND NOT dirty`);
  await db.execute(sql`DELETE FROM anomaly_denial_requests WHERE window_start < ${horizon}`);
  await db.execute(sql`DELETE FROM anomaly_place_days WHERE day < (${horizon})::date`);
}

export const hourWindowEnd = (hourMs: number) => hourMs + HOUR_MS;
