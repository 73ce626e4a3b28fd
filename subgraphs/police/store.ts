import { and, asc, between, desc, eq, exists, getTableColumns, gt, inArray, isNull, like, lte, ne, notExists, sql, type SQL } from 'drizzle-orm';
import type { JurisdictionFilter } from '../../auth/jurisdiction.js';
import type { Drizzle } from '../../platform/db.js';
import { eventsCommitted, insertEvent } from '../../events/outbox.js';
import { uuidsOnly, type Page } from '../../platform/connection.js';
import { placeWithin } from '../jurisdiction.js';
import * as schema from './db/schema.js';
import type { AlertCheckRow, GridRow, KeyPersonFlagRow, MoveOutRow, NewAlertCheckRow, NewOutboxRow, NewPersonRow, PermitRow, PersonRow, ResidenceRow } from './db/schema.js';

const { persons, grids, residenceRegistrations, residencePermits, keyPersonFlags, moveOuts, exchangeOutbox, alertChecks } = schema;

export type PoliceDb = Drizzle<typeof schema>;
/** A transaction on the police database. */
export type PoliceTx = Parameters<Parameters<PoliceDb['transaction']>[0]>[0];

export interface PersonFilter {
  status?: PersonRow['status'] | null;
  gridCode?: string | null;
  householdDivisionCode?: string | null;
}

/** A person row tagged with the parent it was listed under (grid or house). */
export type ResidentRow = PlacedPersonRow & { parentKey: string };

/**
 * A person with where they live now, the place their current residence
 * registration names: the audit log places what it records about a person
 * there (auth/recorded-types.ts), by the same rule these queries narrow by.
 */
export type PlacedPersonRow = PersonRow & { residenceGridCode: string | null; residenceDivisionCode: string | null };

// Named in full: drizzle leaves a single table's columns unqualified, which inside the subquery would name r's.
const current = (column: 'grid_code' | 'division_code') =>
  sql<string | null>`(SELECT r.${sql.raw(column)} FROM ${residenceRegistrations} r WHERE r.person_id = "persons"."id" AND r.until IS NULL ORDER BY r.since DESC LIMIT 1)`;
const placedPerson = { ...getTableColumns(persons), residenceGridCode: current('grid_code'), residenceDivisionCode: current('division_code') };

/** `510100` matches `5101xx`, `510000` matches `51xxxx`, a county code matches itself. */
function divisionPattern(code: string): string {
  if (code.endsWith('0000')) return `${code.slice(0, 2)}%`;
  if (code.endsWith('00')) return `${code.slice(0, 4)}%`;
  return code;
}

/** All SQL of the police database, as named queries. */
export class PoliceStore {
  constructor(readonly db: PoliceDb) {}

  /**
   * Persons by id; with a jurisdiction, only those living inside it. The
   * condition sits in the statement, so a person outside and an id nobody
   * holds cost the same one query and come back the same: absent.
   */
  personsByIds(ids: readonly string[], jurisdiction: JurisdictionFilter | null = null): Promise<PlacedPersonRow[]> {
    return this.db
      .select(placedPerson)
      .from(persons)
      .where(and(inArray(persons.id, uuidsOnly(ids)), this.residesWithin(jurisdiction)));
  }

  /**
   * What the yes/no checks judge a person by, for many ids at once: birth,
   * sex and status, without the current residence `personsByIds` works out
   * for each (two subqueries a person), which no check reads.
   */
  personFactsByIds(ids: readonly string[]): Promise<Pick<PersonRow, 'id' | 'birthDate' | 'sex' | 'status'>[]> {
    return this.db.select({ id: persons.id, birthDate: persons.birthDate, sex: persons.sex, status: persons.status }).from(persons).where(inArray(persons.id, uuidsOnly(ids)));
  }

  /** Who holds each identity number, by name and status, for the identity checks; as `personFactsByIds`, without the residence. */
  identitiesByIdNumbers(idNumbers: readonly string[]): Promise<Pick<PersonRow, 'id' | 'idNumber' | 'name' | 'status'>[]> {
    return this.db.select({ id: persons.id, idNumber: persons.idNumber, name: persons.name, status: persons.status }).from(persons).where(inArray(persons.idNumber, [...idNumbers]));
  }

  /** Persons by identity number; with a jurisdiction, only those living inside it (see `personsByIds`). */
  personsByIdNumbers(idNumbers: readonly string[], jurisdiction: JurisdictionFilter | null = null): Promise<PlacedPersonRow[]> {
    return this.db
      .select(placedPerson)
      .from(persons)
      .where(and(inArray(persons.idNumber, [...idNumbers]), this.residesWithin(jurisdiction)));
  }

  /**
   * The person holding an identity number, with whether a residence permit
   * of theirs was valid on `on`: issued on or before it, not lapsed by it,
   * and not voided by a move out of the city between its issue and that day.
   * One statement whoever the number names, or if it names nobody; with a
   * jurisdiction, only a person living inside it (see `personsByIds`).
   */
  async permitValidOn(idNumber: string, on: string, jurisdiction: JurisdictionFilter | null = null): Promise<{ personId: string; valid: boolean } | null> {
    // Named in full, as in `current` above: an unqualified "id" inside the subquery would name the permit's.
    const valid = sql<boolean>`EXISTS (SELECT 1 FROM ${residencePermits} rp WHERE rp.person_id = "persons"."id"
      AND rp.issued_on <= ${on}::date AND rp.valid_until >= ${on}::date
      AND NOT EXISTS (SELECT 1 FROM ${moveOuts} m WHERE m.person_id = rp.person_id AND m.moved_on >= rp.issued_on AND m.moved_on <= ${on}::date))`;
    const [row] = await this.db
      .select({ personId: persons.id, valid })
      .from(persons)
      .where(and(eq(persons.idNumber, idNumber), this.residesWithin(jurisdiction)));
    return row ? { personId: row.personId, valid: row.valid === true } : null;
  }

  /**
   * The person's current residence registration lies inside the jurisdiction;
   * someone with none lives nowhere a confined principal covers. No condition
   * when unconfined.
   */
  private residesWithin(jurisdiction: JurisdictionFilter | null): SQL | undefined {
    if (jurisdiction === null) return undefined;
    return exists(
      this.db
        .select({ one: sql`1` })
        .from(residenceRegistrations)
        .where(
          and(
            eq(residenceRegistrations.personId, persons.id),
            isNull(residenceRegistrations.until),
            placeWithin(jurisdiction, residenceRegistrations.gridCode, residenceRegistrations.divisionCode),
          ),
        ),
    );
  }

  /** Persons in id order, within the jurisdiction: those whose current residence lies inside it. */
  listPersons(filter: PersonFilter, page: Page, jurisdiction: JurisdictionFilter | null): Promise<PlacedPersonRow[]> {
    const conditions: (SQL | undefined)[] = [
      page.afterKey ? gt(persons.id, page.afterKey) : undefined,
      filter.status ? eq(persons.status, filter.status) : undefined,
      filter.householdDivisionCode ? like(persons.householdDivisionCode, divisionPattern(filter.householdDivisionCode)) : undefined,
      this.residesWithin(jurisdiction),
    ];
    if (filter.gridCode) {
      conditions.push(
        sql`EXISTS (SELECT 1 FROM ${residenceRegistrations} r WHERE r.person_id = ${persons.id} AND r.grid_code = ${filter.gridCode} AND r.until IS NULL)`,
      );
    }
    return this.db
      .select(placedPerson)
      .from(persons)
      .where(and(...conditions))
      .orderBy(asc(persons.id))
      .limit(page.size + 1);
  }

  residencesByPersonIds(personIds: readonly string[]): Promise<ResidenceRow[]> {
    return this.db
      .select()
      .from(residenceRegistrations)
      .where(inArray(residenceRegistrations.personId, uuidsOnly(personIds)))
      .orderBy(desc(residenceRegistrations.since), asc(residenceRegistrations.id));
  }

  permitsByPersonIds(personIds: readonly string[]): Promise<PermitRow[]> {
    return this.db
      .select()
      .from(residencePermits)
      .where(inArray(residencePermits.personId, uuidsOnly(personIds)))
      .orderBy(desc(residencePermits.issuedOn));
  }

  flagsByPersonIds(personIds: readonly string[]): Promise<KeyPersonFlagRow[]> {
    return this.db
      .select()
      .from(keyPersonFlags)
      .where(inArray(keyPersonFlags.personId, uuidsOnly(personIds)))
      .orderBy(desc(keyPersonFlags.since));
  }

  moveOutsByPersonIds(personIds: readonly string[]): Promise<MoveOutRow[]> {
    return this.db
      .select()
      .from(moveOuts)
      .where(inArray(moveOuts.personId, uuidsOnly(personIds)))
      .orderBy(desc(moveOuts.movedOn));
  }

  /** Grids by code; with a jurisdiction, only those inside it, so one outside reads exactly as an unknown code. */
  gridsByCodes(codes: readonly string[], jurisdiction: JurisdictionFilter | null = null): Promise<GridRow[]> {
    return this.db
      .select()
      .from(grids)
      .where(and(inArray(grids.code, [...codes]), placeWithin(jurisdiction, grids.code, grids.districtCode)));
  }

  listGrids(page: Page, jurisdiction: JurisdictionFilter | null): Promise<GridRow[]> {
    return this.db
      .select()
      .from(grids)
      .where(and(page.afterKey ? gt(grids.code, page.afterKey) : undefined, placeWithin(jurisdiction, grids.code, grids.districtCode)))
      .orderBy(asc(grids.code))
      .limit(page.size + 1);
  }

  /**
   * Current residents of each grid or house, at most one page (+1) per parent,
   * in one statement; only residences inside the jurisdiction count.
   */
  async residentsOf(parent: 'grid' | 'house', keys: readonly string[], page: Page, jurisdiction: JurisdictionFilter | null): Promise<ResidentRow[]> {
    const parentColumn = parent === 'grid' ? residenceRegistrations.gridCode : residenceRegistrations.houseCode;
    const ranked = this.db
      .select({
        personId: residenceRegistrations.personId,
        gridCode: sql<string>`${residenceRegistrations.gridCode}`.as('grid_code'),
        divisionCode: sql<string>`${residenceRegistrations.divisionCode}`.as('division_code'),
        parentKey: sql<string>`${parentColumn}`.as('parent_key'),
        rank: sql<number>`row_number() OVER (PARTITION BY ${parentColumn} ORDER BY ${residenceRegistrations.personId})`.as('rank'),
      })
      .from(residenceRegistrations)
      .where(
        and(
          inArray(parentColumn, [...keys]),
          isNull(residenceRegistrations.until),
          page.afterKey ? gt(residenceRegistrations.personId, page.afterKey) : undefined,
          placeWithin(jurisdiction, residenceRegistrations.gridCode, residenceRegistrations.divisionCode),
        ),
      )
      .as('ranked');
    const rows = await this.db
      .select({ person: persons, parentKey: ranked.parentKey, gridCode: ranked.gridCode, divisionCode: ranked.divisionCode })
      .from(ranked)
      .innerJoin(persons, eq(persons.id, ranked.personId))
      .where(sql`${ranked.rank} <= ${page.size + 1}`)
      .orderBy(asc(ranked.parentKey), asc(persons.id));
    // The residence listed under is the current one: where the person lives.
    return rows.map((row) => ({ ...row.person, parentKey: row.parentKey, residenceGridCode: row.gridCode, residenceDivisionCode: row.divisionCode }));
  }

  async insertPerson(row: NewPersonRow): Promise<PersonRow> {
    const [inserted] = await this.db.insert(persons).values(row).returning();
    if (!inserted) throw new Error('insert returned no row');
    return inserted;
  }

  /** Closes the current registration and opens a new one, atomically, with the partner-city notice and the domain event it causes. */
  async replaceResidence(
    registration: typeof residenceRegistrations.$inferInsert,
    status: PersonRow['status'],
    notice: NewOutboxRow | null,
  ): Promise<ResidenceRow> {
    const registered = await this.db.transaction(async (tx) => {
      await tx
        .update(residenceRegistrations)
        .set({ until: registration.since })
        .where(and(eq(residenceRegistrations.personId, registration.personId), isNull(residenceRegistrations.until)));
      const [inserted] = await tx.insert(residenceRegistrations).values(registration).returning();
      await tx.update(persons).set({ status, updatedAt: new Date() }).where(eq(persons.id, registration.personId));
      if (notice) await tx.insert(exchangeOutbox).values(notice);
      if (!inserted) throw new Error('insert returned no row');
      await insertEvent(tx, {
        type: 'ResidenceRegistered',
        payload: {
          personId: inserted.personId,
          residenceId: inserted.id,
          gridCode: inserted.gridCode,
          divisionCode: inserted.divisionCode,
          houseCode: inserted.houseCode,
          since: inserted.since,
        },
      });
      return inserted;
    });
    eventsCommitted(this.db);
    return registered;
  }

  /** Records a move out: closes the residence, stores the destination, marks the person moved out, queues the notice. */
  async recordMoveOut(row: typeof moveOuts.$inferInsert, notice: NewOutboxRow | null): Promise<void> {
    await this.db.transaction(async (tx) => {
      await tx
        .update(residenceRegistrations)
        .set({ until: row.movedOn })
        .where(and(eq(residenceRegistrations.personId, row.personId), isNull(residenceRegistrations.until)));
      await tx.insert(moveOuts).values(row);
      await tx.update(persons).set({ status: 'MOVED_OUT', updatedAt: new Date() }).where(eq(persons.id, row.personId));
      if (notice) await tx.insert(exchangeOutbox).values(notice);
    });
  }

  async insertPermit(row: typeof residencePermits.$inferInsert): Promise<PermitRow> {
    const [inserted] = await this.db.insert(residencePermits).values(row).returning();
    if (!inserted) throw new Error('insert returned no row');
    return inserted;
  }

  /** Leaves a check for a later pass; one already left under the key (the same event again) is kept as it is. */
  async addAlertCheck(row: NewAlertCheckRow): Promise<void> {
    await this.db.insert(alertChecks).values(row).onConflictDoNothing({ target: alertChecks.key });
  }

  /** The unsettled checks of a rule due on or before `day`, oldest due first. */
  dueAlertChecks(rule: string, day: string, limit: number): Promise<AlertCheckRow[]> {
    return this.db
      .select()
      .from(alertChecks)
      .where(and(eq(alertChecks.rule, rule), isNull(alertChecks.settledAt), lte(alertChecks.dueOn, day)))
      .orderBy(asc(alertChecks.dueOn), asc(alertChecks.key))
      .limit(limit);
  }

  /** Settles a check: raised, or found no longer owed. */
  async settleAlertCheck(key: string, raised: boolean): Promise<void> {
    await this.db.update(alertChecks).set({ settledAt: new Date(), raised }).where(eq(alertChecks.key, key));
  }

  /**
   * Permits of persons not moved out that expire between `from` and `to`
   * (inclusive) and whose expiry task (`keyOf` makes its key) has not been
   * raised yet, with where the holder lives now.
   */
  expiringPermits(from: string, to: string, rule: string, limit: number): Promise<(PermitRow & { gridCode: string | null; divisionCode: string | null })[]> {
    const raisedAlready = this.db
      .select({ one: sql`1` })
      .from(alertChecks)
      .where(and(eq(alertChecks.rule, rule), eq(alertChecks.key, sql`${rule} || ':' || ${residencePermits.id} || ':' || ${residencePermits.validUntil}::text`)));
    const where = (column: 'grid_code' | 'division_code') =>
      sql<string | null>`(SELECT r.${sql.raw(column)} FROM ${residenceRegistrations} r WHERE r.person_id = ${residencePermits.personId} AND r.until IS NULL ORDER BY r.since DESC LIMIT 1)`;
    return this.db
      .select({ ...getTableColumns(residencePermits), gridCode: where('grid_code'), divisionCode: where('division_code') })
      .from(residencePermits)
      .innerJoin(persons, eq(persons.id, residencePermits.personId))
      .where(and(between(residencePermits.validUntil, from, to), ne(persons.status, 'MOVED_OUT'), notExists(raisedAlready)))
      .orderBy(asc(residencePermits.validUntil), asc(residencePermits.id))
      .limit(limit);
  }

  // ── Imports of legacy records (docs/import.md) ──

  /**
   * Writes a batch of persons in the transaction of an import, as
   * `insertPerson` writes one, in one statement; a person whose identity
   * number is registered already is left out. Answers, in order, each
   * inserted row, or null.
   */
  async insertPersons(tx: PoliceTx, rows: readonly NewPersonRow[]): Promise<(PersonRow | null)[]> {
    if (rows.length === 0) return [];
    const inserted = new Map((await tx.insert(persons).values([...rows]).onConflictDoNothing({ target: persons.idNumber }).returning()).map((row) => [row.id, row]));
    return rows.map((row) => inserted.get(row.id) ?? null);
  }

  // ── end ──

  async ping(): Promise<boolean> {
    await this.db.execute(sql`SELECT 1`);
    return true;
  }
}
