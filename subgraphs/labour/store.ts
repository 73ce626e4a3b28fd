import { and, asc, desc, eq, exists, gt, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import type { JurisdictionFilter } from '../../auth/jurisdiction.js';
import { datedAfter, uuidsOnly, type Page } from '../../platform/connection.js';
import type { Drizzle } from '../../platform/db.js';
import { eventsCommitted, insertEvent, insertEvents, type NewEvent } from '../../events/outbox.js';
import { placeWithin } from '../jurisdiction.js';
import * as schema from './db/schema.js';
import type { EmployerRow, EmploymentRow, NewEmployerRow, NewEmploymentRow } from './db/schema.js';

const { employers, employments } = schema;

export type LabourDb = Drizzle<typeof schema>;
/** A transaction on the labour database. */
export type LabourTx = Parameters<Parameters<LabourDb['transaction']>[0]>[0];

export interface EmployerFilter {
  gridCode?: string | null;
  industry?: string | null;
}

/** Employers whose grid or district lies inside the jurisdiction (no condition when unconfined). */
const employerWithin = (jurisdiction: JurisdictionFilter | null): SQL | undefined =>
  placeWithin(jurisdiction, employers.gridCode, employers.divisionCode);

/** An employer row tagged with the grid it was listed under. */
export type GridEmployerRow = EmployerRow & { parentKey: string };


/** The event an employment registered causes, as every path that registers one writes it. */
function employmentRegistered(employment: EmploymentRow, employer: Pick<EmployerRow, 'gridCode' | 'divisionCode'>): NewEvent {
  return {
    type: 'EmploymentRegistered',
    payload: {
      employmentId: employment.id,
      employerId: employment.employerId,
      gridCode: employer.gridCode,
      divisionCode: employer.divisionCode,
      personId: employment.personId,
      start: employment.start,
    },
  };
}

/** All SQL of the labour database, as named queries. */
export class LabourStore {
  constructor(readonly db: LabourDb) {}

  /**
   * Employers by id; with a jurisdiction, only those inside it. The condition
   * sits in the statement, so an employer outside and an id nobody holds cost
   * the same one query and come back the same: absent.
   */
  async employersByIds(ids: readonly string[], jurisdiction: JurisdictionFilter | null = null): Promise<EmployerRow[]> {
    const keys = uuidsOnly(ids);
    if (keys.length === 0) return [];
    return this.db.select().from(employers).where(and(inArray(employers.id, keys), employerWithin(jurisdiction)));
  }

  /** Employers by credit code; with a jurisdiction, only those inside it (see `employersByIds`). */
  employersByCreditCodes(creditCodes: readonly string[], jurisdiction: JurisdictionFilter | null = null): Promise<EmployerRow[]> {
    return this.db
      .select()
      .from(employers)
      .where(and(inArray(employers.creditCode, [...creditCodes]), employerWithin(jurisdiction)));
  }

  /** The employment's employer lies inside the jurisdiction; no condition when unconfined. */
  private employerInside(jurisdiction: JurisdictionFilter | null): SQL | undefined {
    if (jurisdiction === null) return undefined;
    return exists(this.db.select({ one: sql`1` }).from(employers).where(and(eq(employers.id, employments.employerId), employerWithin(jurisdiction))));
  }

  /**
   * Employers inside the jurisdiction in id order after the page's key; one
   * row more than the page tells whether more follow.
   */
  listEmployers(filter: EmployerFilter, page: Page, jurisdiction: JurisdictionFilter | null): Promise<EmployerRow[]> {
    const conditions: (SQL | undefined)[] = [
      page.afterKey ? gt(employers.id, page.afterKey) : undefined,
      filter.gridCode ? eq(employers.gridCode, filter.gridCode) : undefined,
      filter.industry ? eq(employers.industry, filter.industry) : undefined,
      employerWithin(jurisdiction),
    ];
    return this.db
      .select()
      .from(employers)
      .where(and(...conditions))
      .orderBy(asc(employers.id))
      .limit(page.size + 1);
  }

  /**
   * Every employment of these persons at an employer inside the jurisdiction,
   * newest first; a person's own list is small enough to page in memory.
   */
  async employmentsByPersonIds(personIds: readonly string[], jurisdiction: JurisdictionFilter | null): Promise<EmploymentRow[]> {
    const keys = uuidsOnly(personIds);
    if (keys.length === 0) return [];
    return this.db
      .select()
      .from(employments)
      .where(and(inArray(employments.personId, keys), this.employerInside(jurisdiction)))
      .orderBy(desc(employments.start), desc(employments.id));
  }

  /** Every employment of one person at one employer, for the overlap rule. */
  async employmentsOfPersonAt(personId: string, employerId: string): Promise<EmploymentRow[]> {
    return this.db
      .select()
      .from(employments)
      .where(and(eq(employments.personId, personId), eq(employments.employerId, employerId)));
  }

  /** Employments by id; with a jurisdiction, only those at an employer inside it, so one outside reads as unknown. */
  async employmentsByIds(ids: readonly string[], jurisdiction: JurisdictionFilter | null = null): Promise<EmploymentRow[]> {
    const keys = uuidsOnly(ids);
    if (keys.length === 0) return [];
    return this.db
      .select()
      .from(employments)
      .where(and(inArray(employments.id, keys), this.employerInside(jurisdiction)));
  }

  /**
   * Employments of each employer, newest first, at most one page (+1) per
   * employer, in one statement however many employers are asked about.
   */
  async employmentsOfEmployers(employerIds: readonly string[], page: Page, currentOnly: boolean): Promise<EmploymentRow[]> {
    const keys = uuidsOnly(employerIds);
    if (keys.length === 0) return [];
    const after = datedAfter(page);
    const ranked = this.db
      .select({
        id: employments.id,
        rank: sql<number>`row_number() OVER (PARTITION BY ${employments.employerId} ORDER BY ${employments.start} DESC, ${employments.id} DESC)`.as(
          'rank',
        ),
      })
      .from(employments)
      .where(
        and(
          inArray(employments.employerId, keys),
          currentOnly ? isNull(employments.end) : undefined,
          after ? sql`(${employments.start}, ${employments.id}) < (${after.date}::date, ${after.id}::uuid)` : undefined,
        ),
      )
      .as('ranked');
    const rows = await this.db
      .select({ employment: employments })
      .from(ranked)
      .innerJoin(employments, eq(employments.id, ranked.id))
      .where(sql`${ranked.rank} <= ${page.size + 1}`)
      .orderBy(asc(employments.employerId), desc(employments.start), desc(employments.id));
    return rows.map((row) => row.employment);
  }

  /** Employers inside the jurisdiction in each grid in id order, at most one page (+1) per grid, in one statement. */
  async employersOfGrids(gridCodes: readonly string[], page: Page, jurisdiction: JurisdictionFilter | null): Promise<GridEmployerRow[]> {
    const ranked = this.db
      .select({
        id: employers.id,
        rank: sql<number>`row_number() OVER (PARTITION BY ${employers.gridCode} ORDER BY ${employers.id})`.as('rank'),
      })
      .from(employers)
      .where(
        and(inArray(employers.gridCode, [...gridCodes]), page.afterKey ? gt(employers.id, page.afterKey) : undefined, employerWithin(jurisdiction)),
      )
      .as('ranked');
    const rows = await this.db
      .select({ employer: employers })
      .from(ranked)
      .innerJoin(employers, eq(employers.id, ranked.id))
      .where(sql`${ranked.rank} <= ${page.size + 1}`)
      .orderBy(asc(employers.gridCode), asc(employers.id));
    return rows.map((row) => ({ ...row.employer, parentKey: row.employer.gridCode }));
  }

  /**
   * Inserts an employer; null when its credit code is already registered.
   * The unique constraint decides in the same statement, so two concurrent
   * registrations of one code cannot both succeed.
   */
  async insertEmployer(row: NewEmployerRow): Promise<EmployerRow | null> {
    const [inserted] = await this.db.insert(employers).values(row).onConflictDoNothing({ target: employers.creditCode }).returning();
    return inserted ?? null;
  }

  /**
   * Inserts an employment, with its EmploymentRegistered event; null when
   * the person already holds an open employment at that employer (the
   * partial unique index decides, so two concurrent registrations cannot
   * both succeed).
   */
  async insertEmployment(row: NewEmploymentRow): Promise<EmploymentRow | null> {
    const inserted = await this.db.transaction(async (tx) => {
      const [employment] = await tx
        .insert(employments)
        .values(row)
        .onConflictDoNothing({ target: [employments.personId, employments.employerId], where: isNull(employments.end) })
        .returning();
      if (!employment) return null;
      // The employer's place as it is at this registration: where the rules look for whom to tell.
      const [employer] = await tx.select({ gridCode: employers.gridCode, divisionCode: employers.divisionCode }).from(employers).where(eq(employers.id, employment.employerId));
      if (!employer) throw new Error('an employment was inserted for an employer that is not there');
      await insertEvent(tx, employmentRegistered(employment, employer));
      return employment;
    });
    if (inserted) eventsCommitted(this.db);
    return inserted;
  }

  /**
   * Runs `write` in one transaction and writes `events` to the outbox in it:
   * for a change of labour's that causes events (or an event alone, such as
   * an identity an employer could not have confirmed).
   */
  async withEvents<T>(write: (tx: LabourTx) => Promise<{ result: T; events: readonly NewEvent[] }>): Promise<T> {
    const { result, events } = await this.db.transaction(async (tx) => {
      const done = await write(tx);
      for (const event of done.events) await insertEvent(tx, event);
      return done;
    });
    if (events.length > 0) eventsCommitted(this.db);
    return result;
  }

  /** Writes events alone, in a transaction of their own. */
  async writeEvents(events: readonly NewEvent[]): Promise<void> {
    await this.withEvents(async () => ({ result: undefined, events }));
  }

  /**
   * Ends an employment that is still open; null when it has no open row any
   * more (ended by someone else since it was read), so an end is never overwritten.
   */
  async closeEmployment(id: string, end: string): Promise<EmploymentRow | null> {
    const [updated] = await this.db
      .update(employments)
      .set({ end })
      .where(and(eq(employments.id, id), isNull(employments.end)))
      .returning();
    return updated ?? null;
  }

  // ── Imports of legacy records (docs/import.md) ──

  /** The employments of these persons, for the natural key of an import: person, employer, start. */
  async employmentKeysOf(personIds: readonly string[]): Promise<EmploymentRow[]> {
    const keys = uuidsOnly(personIds);
    if (keys.length === 0) return [];
    return this.db.select().from(employments).where(inArray(employments.personId, keys));
  }

  /**
   * Writes a batch of employers in the transaction of an import, as
   * `insertEmployer` writes one, in one statement; an employer whose credit
   * code is registered already is left out. Answers, in order, each inserted row, or null.
   */
  async insertEmployers(tx: LabourTx, rows: readonly NewEmployerRow[]): Promise<(EmployerRow | null)[]> {
    if (rows.length === 0) return [];
    const inserted = new Map((await tx.insert(employers).values([...rows]).onConflictDoNothing({ target: employers.creditCode }).returning()).map((row) => [row.id, row]));
    return rows.map((row) => inserted.get(row.id) ?? null);
  }

  /**
   * Writes a batch of employments in the transaction of an import, as
   * `insertEmployment` writes one: in one statement, each inserted one with
   * its EmploymentRegistered event. One a unique index refuses (an open
   * employment at the same employer, the same start) is left out. Answers,
   * in order, each inserted row, or null.
   */
  async insertEmployments(tx: LabourTx, rows: readonly NewEmploymentRow[]): Promise<(EmploymentRow | null)[]> {
    if (rows.length === 0) return [];
    const inserted = new Map((await tx.insert(employments).values([...rows]).onConflictDoNothing().returning()).map((row) => [row.id, row]));
    const employerIds = [...new Set([...inserted.values()].map((row) => row.employerId))];
    const places = new Map(
      employerIds.length === 0
        ? []
        : (await tx.select({ id: employers.id, gridCode: employers.gridCode, divisionCode: employers.divisionCode }).from(employers).where(inArray(employers.id, employerIds))).map(
            (employer) => [employer.id, employer],
          ),
    );
    const answers = rows.map((row) => inserted.get(row.id) ?? null);
    await insertEvents(
      tx,
      answers.flatMap((employment) => {
        if (!employment) return [];
        const employer = places.get(employment.employerId);
        if (!employer) throw new Error('an employment was inserted for an employer that is not there');
        return [employmentRegistered(employment, employer)];
      }),
    );
    return answers;
  }

  // ── end ──

  async ping(): Promise<boolean> {
    await this.db.execute(sql`SELECT 1`);
    return true;
  }
}
