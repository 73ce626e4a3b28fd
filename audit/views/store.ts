import { and, asc, desc, eq, gte, lt, sql, type SQL } from 'drizzle-orm';
import type { JurisdictionFilter } from '../../auth/jurisdiction.js';
import type { AuditDatabase } from '../database.js';
import { auditCaseDisclosures, auditEvents, auditVerificationRuns, type AuditEventRow, type CaseDisclosureRow, type VerificationRunRow } from '../db/schema.js';
import { rowsOf } from '../read.js';
import { visibleTo, type EventCursor } from '../store.js';

/**
 * All SQL of the audit views, as named queries. Counts of a period come from
 * the hourly counts the audit store keeps as events are written
 * (audit_hourly_counts, migration 0005) for its whole hours, and from the
 * events themselves for the minutes at its ends. An auditor confined to one
 * district (or city, or province) is counted the same way from the counts by
 * region (audit_hourly_place_counts); one confined otherwise, from the events
 * it is shown, since no count kept per hour can say whether every record of
 * an event lies inside several districts or grids.
 */

/** The purpose whose accesses residents' own reports withhold until the case says otherwise. */
export const WITHHELD_PURPOSE = 'case-investigation';

/** Record types whose ids are residents' person ids (as principalActivity counts them). */
export const RESIDENT_TYPES: readonly string[] = ['Person', 'HealthProfile'];

/** China's calendar day of an instant column, as text: every date of the register is China's (UTC+8, no daylight saving). */
const chinaDay = (column: SQL): SQL => sql`to_char((${column} AT TIME ZONE 'UTC') + interval '8 hours', 'YYYY-MM-DD')`;

/** One group of events counted for the overview. */
export interface CountRow {
  day: string;
  kind: string;
  /** '' for none. */
  department: string;
  purpose: string;
  /** An access's decision (`full`, `masked`, `denied`) or a request's outcome. */
  outcome: string;
  errorCode: string;
  events: number;
  records: number;
  /** What tallies of refusals stand for beyond their own event. */
  tallied: number;
}

export interface CaseCount {
  caseId: string | null;
  accesses: number;
}

/** Per officer and day: access events that served records, and distinct residents served. */
export interface OfficerDay {
  subject: string;
  day: string;
  accesses: number;
  residents: number;
  denied: number;
}

export interface NewVerificationRun {
  verifiedAt: Date;
  ok: boolean;
  chains: number;
  events: number;
  problems: number;
  evidenceProblems: number;
  durationMs: number;
  checkpointSeq: number | null;
  writerId: string | null;
  ranBy: string;
}

const HOUR_MS = 3_600_000;
const floorHour = (date: Date) => new Date(Math.floor(date.getTime() / HOUR_MS) * HOUR_MS);
const ceilHour = (date: Date) => new Date(Math.ceil(date.getTime() / HOUR_MS) * HOUR_MS);

const iso = (date: Date) => sql`${date.toISOString()}::timestamptz`;
const n = (value: unknown): number => Number(value ?? 0);

/**
 * The hours of [from, to) that the hourly counts cover whole, and the parts at
 * either end that must be counted from the events.
 */
export function splitByHours(from: Date, to: Date): { hours: { from: Date; to: Date } | null; edges: { from: Date; to: Date }[] } {
  const first = ceilHour(from);
  const last = floorHour(to);
  if (first >= last) return { hours: null, edges: [{ from, to }] };
  const edges = [
    ...(from < first ? [{ from, to: first }] : []),
    ...(last < to ? [{ from: last, to }] : []),
  ];
  return { hours: { from: first, to: last }, edges };
}

/** The condition that an access is withheld from residents' own reports at `now`: made under a case whose latest setting discloses it no later than `now`, or not. */
export function withheldAt(now: Date, events: { purpose: SQL; caseId: SQL } = { purpose: sql`${auditEvents.purpose}`, caseId: sql`${auditEvents.caseId}` }): SQL {
  return sql`(${events.purpose} = ${WITHHELD_PURPOSE} AND NOT EXISTS (
    SELECT 1 FROM ${auditCaseDisclosures} AS d
    WHERE d.case_id = ${events.caseId} AND d.disclose_after IS NOT NULL AND d.disclose_after <= ${iso(now)}
      AND d.id = (SELECT max(d2.id) FROM ${auditCaseDisclosures} AS d2 WHERE d2.case_id = d.case_id)))`;
}

/**
 * The division pattern of a jurisdiction that is one district, city or
 * province and no grids: what the counts by region serve exactly. Null for
 * any other.
 */
function singlePattern(scope: JurisdictionFilter): string | null {
  const [pattern, ...others] = scope.divisionPatterns;
  return scope.grids.length === 0 && others.length === 0 && pattern !== undefined ? pattern : null;
}

export class ViewStore {
  constructor(
    /** What the views read through: the audit subgraph's reader. */
    private readonly reader: AuditDatabase,
    /** What the case register and the verifications are written through; null where the subgraph only reads. */
    private readonly writer: AuditDatabase | null,
  ) {}

  /**
   * The events of [from, to) grouped by China day and what the overview
   * counts them by: the hourly counts (or, for one district, the counts by
   * region) for whole hours, the events for the rest; the events shown
   * (visibleTo) for any other confined auditor.
   */
  async overviewCounts(from: Date, to: Date, scope: JurisdictionFilter | null): Promise<CountRow[]> {
    const fromEvents = (conditions: SQL) => sql`
      SELECT ${chinaDay(sql.raw('e.occurred_at'))} AS day, e.kind, coalesce(e.department, '') AS department, coalesce(e.purpose, '') AS purpose,
        audit_event_outcome(e.kind, e.fields, e.outcome) AS outcome, coalesce(e.error_code, '') AS error_code,
        1 AS events, cardinality(e.record_ids) AS records, coalesce(e.count, 0) AS tallied
      FROM ${auditEvents} AS e WHERE ${conditions}`;
    const between = (a: Date, b: Date) => sql`e.occurred_at >= ${iso(a)} AND e.occurred_at < ${iso(b)}`;
    const shown = visibleTo(scope, sql.raw('e.places'));
    const { hours, edges } = splitByHours(from, to);
    const region = scope ? singlePattern(scope) : null;
    let parts: SQL[];
    if (scope === null || shown === undefined) {
      parts = edges.map((edge) => fromEvents(between(edge.from, edge.to)));
      if (hours) {
        parts.unshift(sql`
          SELECT ${chinaDay(sql.raw('c.hour'))} AS day, c.kind, c.department, c.purpose, c.outcome, c.error_code, c.events, c.records, c.tallied
          FROM audit_hourly_counts AS c WHERE c.hour >= ${iso(hours.from)} AND c.hour < ${iso(hours.to)}`);
      }
    } else if (region !== null) {
      // One district, city or province: the accesses whose records all lie in it are the rows whose region its pattern matches.
      parts = edges.map((edge) => fromEvents(sql`${between(edge.from, edge.to)} AND ${shown}`));
      if (hours) {
        parts.unshift(sql`
          SELECT ${chinaDay(sql.raw('c.hour'))} AS day, 'access' AS kind, c.department, c.purpose, c.outcome, '' AS error_code, c.events, c.records, 0 AS tallied
          FROM audit_hourly_place_counts AS c WHERE c.hour >= ${iso(hours.from)} AND c.hour < ${iso(hours.to)} AND c.region LIKE ${region}`);
      }
    } else {
      // Several districts, or grids: only the events themselves say whether every record lies inside.
      parts = [fromEvents(sql`${between(from, to)} AND ${shown}`)];
    }
    const rows = rowsOf<Record<string, unknown>>(
      await this.reader.db.execute(sql`
        SELECT day, kind, department, purpose, outcome, error_code, sum(events) AS events, sum(records) AS records, sum(tallied) AS tallied
        FROM (${sql.join(parts, sql` UNION ALL `)}) AS t
        GROUP BY 1, 2, 3, 4, 5, 6`),
    );
    return rows.map((row) => ({
      day: String(row.day),
      kind: String(row.kind),
      department: String(row.department),
      purpose: String(row.purpose),
      outcome: String(row.outcome),
      errorCode: String(row.error_code),
      events: n(row.events),
      records: n(row.records),
      tallied: n(row.tallied),
    }));
  }

  /** Access events of [from, to) that served records under a case investigation, per case; the caller decides which are withheld. */
  async caseAccesses(from: Date, to: Date, scope: JurisdictionFilter | null): Promise<CaseCount[]> {
    const shown = visibleTo(scope);
    const rows = rowsOf<Record<string, unknown>>(
      await this.reader.db.execute(sql`
        SELECT ${auditEvents.caseId} AS case_id, count(*) AS accesses FROM ${auditEvents}
        WHERE ${auditEvents.purpose} = ${WITHHELD_PURPOSE} AND ${auditEvents.occurredAt} >= ${iso(from)} AND ${auditEvents.occurredAt} < ${iso(to)}
          AND ${auditEvents.kind} = 'access' AND cardinality(${auditEvents.recordIds}) > 0 ${shown ? sql`AND ${shown}` : sql``}
        GROUP BY 1`),
    );
    return rows.map((row) => ({ caseId: (row.case_id as string | null) ?? null, accesses: n(row.accesses) }));
  }

  /** The latest setting of each case named; cases never set are absent. */
  async disclosures(caseIds: readonly string[]): Promise<CaseDisclosureRow[]> {
    if (caseIds.length === 0) return [];
    const rows = rowsOf<Record<string, unknown>>(
      await this.reader.db.execute(sql`
        SELECT DISTINCT ON (case_id) id, case_id, disclose_after, set_at, subject, department, request_id
        FROM ${auditCaseDisclosures} WHERE case_id = ANY(${sql`ARRAY[${sql.join(caseIds.map((id) => sql`${id}`), sql`, `)}]::text[]`})
        ORDER BY case_id, id DESC`),
    );
    return rows.map((row) => ({
      id: n(row.id),
      caseId: String(row.case_id),
      discloseAfter: row.disclose_after == null ? null : new Date(row.disclose_after as string),
      setAt: new Date(row.set_at as string),
      subject: String(row.subject),
      department: String(row.department),
      requestId: String(row.request_id),
    }));
  }

  /** Adds a setting of a case's disclosure instant; the latest one holds. */
  async setDisclosure(row: Omit<CaseDisclosureRow, 'id'>): Promise<CaseDisclosureRow> {
    const [stored] = await this.writable().insert(auditCaseDisclosures).values(row).returning();
    if (!stored) throw new Error('the case register did not keep the setting');
    return stored;
  }

  async lastVerification(): Promise<VerificationRunRow | null> {
    const [row] = await this.reader.db.select().from(auditVerificationRuns).orderBy(desc(auditVerificationRuns.verifiedAt), desc(auditVerificationRuns.id)).limit(1);
    return row ?? null;
  }

  async recordVerification(run: NewVerificationRun): Promise<void> {
    await this.writable().insert(auditVerificationRuns).values(run);
  }

  /** Access events naming a resident that residents' own reports withhold now. */
  async withheldFor(personId: string, now: Date, scope: JurisdictionFilter | null): Promise<number> {
    const [row] = rowsOf<Record<string, unknown>>(
      await this.reader.db.execute(sql`
        SELECT count(*) AS withheld FROM ${auditEvents}
        WHERE ${auditEvents.recordIds} @> ARRAY[${personId}]::text[] AND ${auditEvents.kind} = 'access' AND ${withheldAt(now)}
          ${scope ? sql`AND ${visibleTo(scope)}` : sql``}`),
    );
    return n(row?.withheld);
  }

  /**
   * A resident's own report: accesses naming them, newest first, `size + 1`
   * of them; never their own reads, never an access withheld now.
   */
  residentReport(personId: string, reader: { subject: string; department: string }, now: Date, page: { size: number; after: EventCursor | null }): Promise<AuditEventRow[]> {
    const { after } = page;
    // Found through the GIN index, then put in order (the fence: see AuditStore.listEvents).
    const hits = this.reader.db
      .select()
      .from(auditEvents)
      .where(
        and(
          sql`${auditEvents.recordIds} @> ARRAY[${personId}]::text[]`,
          eq(auditEvents.kind, 'access'),
          sql`NOT (${auditEvents.subject} IS NOT DISTINCT FROM ${reader.subject} AND ${auditEvents.department} IS NOT DISTINCT FROM ${reader.department})`,
          sql`NOT ${withheldAt(now)}`,
          after
            ? sql`(${auditEvents.occurredAt}, ${auditEvents.writerId}, ${auditEvents.seq}) < (${after.occurredAt}::timestamptz, ${after.writerId}, ${after.seq})`
            : undefined,
        ),
      )
      .offset(0)
      .as('hits');
    return this.reader.db
      .select()
      .from(hits)
      .orderBy(desc(hits.occurredAt), desc(hits.writerId), desc(hits.seq))
      .limit(page.size + 1);
  }

  /** Every access naming a record in [from, to), chain by chain in seq order, at most `limit`: what a selective export holds. */
  recordEvents(recordId: string, from: Date, to: Date, limit: number): Promise<AuditEventRow[]> {
    const hits = this.reader.db
      .select()
      .from(auditEvents)
      .where(and(sql`${auditEvents.recordIds} @> ARRAY[${recordId}]::text[]`, gte(auditEvents.occurredAt, from), lt(auditEvents.occurredAt, to)))
      .offset(0)
      .as('hits');
    return this.reader.db.select().from(hits).orderBy(asc(hits.writerId), asc(hits.seq)).limit(limit);
  }

  /** The departments a subject's accesses name in [from, to), among those shown. */
  async departmentsOf(subject: string, from: Date, to: Date, scope: JurisdictionFilter | null): Promise<string[]> {
    const shown = visibleTo(scope);
    const rows = rowsOf<Record<string, unknown>>(
      await this.reader.db.execute(sql`
        SELECT DISTINCT ${auditEvents.department} AS department FROM ${auditEvents}
        WHERE ${auditEvents.subject} = ${subject} AND ${auditEvents.occurredAt} >= ${iso(from)} AND ${auditEvents.occurredAt} < ${iso(to)}
          AND ${auditEvents.department} IS NOT NULL ${shown ? sql`AND ${shown}` : sql``}
        ORDER BY 1`),
    );
    return rows.map((row) => String(row.department));
  }

  /**
   * Per officer of a department and China day of [from, to): access events
   * that served records, distinct residents served, accesses with a field
   * refused. One statement over the department index.
   */
  async officerDays(department: string, from: Date, to: Date, scope: JurisdictionFilter | null): Promise<OfficerDay[]> {
    const shown = visibleTo(scope, sql.raw('e.places'));
    const residentTypes = sql.join(RESIDENT_TYPES.map((t) => sql`${t}`), sql`, `);
    const rows = rowsOf<Record<string, unknown>>(
      await this.reader.db.execute(sql`
        WITH ev AS (
          SELECT e.subject, ${chinaDay(sql.raw('e.occurred_at'))} AS day, e.record_ids, e.type_name,
            cardinality(e.record_ids) > 0 AS served, audit_event_outcome(e.kind, e.fields, e.outcome) = 'denied' AS denied
          FROM ${auditEvents} AS e
          WHERE e.department = ${department} AND e.occurred_at >= ${iso(from)} AND e.occurred_at < ${iso(to)} AND e.kind = 'access' AND e.subject IS NOT NULL
            ${shown ? sql`AND ${shown}` : sql``}
        ),
        counts AS (SELECT subject, day, count(*) FILTER (WHERE served) AS accesses, count(*) FILTER (WHERE denied) AS denied FROM ev GROUP BY 1, 2),
        residents AS (
          SELECT ev.subject, ev.day, count(DISTINCT r.id) AS residents FROM ev, unnest(ev.record_ids) AS r(id)
          WHERE ev.type_name IN (${residentTypes}) GROUP BY 1, 2
        )
        SELECT c.subject, c.day, c.accesses, c.denied, coalesce(r.residents, 0) AS residents
        FROM counts AS c LEFT JOIN residents AS r ON r.subject = c.subject AND r.day = c.day`),
    );
    return rows.map((row) => ({ subject: String(row.subject), day: String(row.day), accesses: n(row.accesses), residents: n(row.residents), denied: n(row.denied) }));
  }

  /** One officer's access events that served records, per hour of the day in China. */
  async officerHours(subject: string, department: string, from: Date, to: Date, scope: JurisdictionFilter | null): Promise<Map<number, number>> {
    const shown = visibleTo(scope);
    const rows = rowsOf<Record<string, unknown>>(
      await this.reader.db.execute(sql`
        SELECT extract(hour FROM (${auditEvents.occurredAt} AT TIME ZONE 'UTC') + interval '8 hours')::int AS hour, count(*) AS accesses
        FROM ${auditEvents}
        WHERE ${this.officerScope(subject, department, from, to)} AND cardinality(${auditEvents.recordIds}) > 0 ${shown ? sql`AND ${shown}` : sql``}
        GROUP BY 1`),
    );
    return new Map(rows.map((row) => [n(row.hour), n(row.accesses)]));
  }

  /** One officer's accesses and distinct residents per purpose, and accesses and records per type. */
  async officerBreakdown(
    subject: string,
    department: string,
    from: Date,
    to: Date,
    scope: JurisdictionFilter | null,
  ): Promise<{ byPurpose: { purpose: string | null; accesses: number; distinctResidents: number }[]; byType: { typeName: string; accesses: number; records: number }[] }> {
    const shown = visibleTo(scope, sql.raw('e.places'));
    const where = sql`e.subject = ${subject} AND e.department = ${department} AND e.kind = 'access' AND e.occurred_at >= ${iso(from)} AND e.occurred_at < ${iso(to)}
      AND cardinality(e.record_ids) > 0 ${shown ? sql`AND ${shown}` : sql``}`;
    const residentTypes = sql.join(RESIDENT_TYPES.map((t) => sql`${t}`), sql`, `);
    const [byPurpose, byType] = await Promise.all([
      this.reader.db.execute(sql`
        WITH ev AS (SELECT e.purpose, e.type_name, e.record_ids FROM ${auditEvents} AS e WHERE ${where}),
        counts AS (SELECT purpose, count(*) AS accesses FROM ev GROUP BY 1),
        residents AS (SELECT ev.purpose, count(DISTINCT r.id) AS residents FROM ev, unnest(ev.record_ids) AS r(id) WHERE ev.type_name IN (${residentTypes}) GROUP BY 1)
        SELECT c.purpose, c.accesses, coalesce(r.residents, 0) AS residents
        FROM counts AS c LEFT JOIN residents AS r ON r.purpose IS NOT DISTINCT FROM c.purpose
        ORDER BY 2 DESC, 1 NULLS LAST`),
      this.reader.db.execute(sql`
        SELECT e.type_name, count(*) AS accesses, sum(cardinality(e.record_ids)) AS records
        FROM ${auditEvents} AS e WHERE ${where} AND e.type_name IS NOT NULL GROUP BY 1 ORDER BY 2 DESC, 1`),
    ]);
    return {
      byPurpose: rowsOf<Record<string, unknown>>(byPurpose).map((row) => ({ purpose: (row.purpose as string | null) ?? null, accesses: n(row.accesses), distinctResidents: n(row.residents) })),
      byType: rowsOf<Record<string, unknown>>(byType).map((row) => ({ typeName: String(row.type_name), accesses: n(row.accesses), records: n(row.records) })),
    };
  }

  private officerScope(subject: string, department: string, from: Date, to: Date): SQL {
    return sql`${auditEvents.subject} = ${subject} AND ${auditEvents.department} = ${department} AND ${auditEvents.kind} = 'access'
      AND ${auditEvents.occurredAt} >= ${iso(from)} AND ${auditEvents.occurredAt} < ${iso(to)}`;
  }

  private writable() {
    if (!this.writer) throw new Error('the audit views were given no writer: the case register and the verifications cannot be stored');
    return this.writer.db;
  }
}
