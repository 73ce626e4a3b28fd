import { and, asc, desc, eq, exists, gt, inArray, isNull, lt, or, sql, type SQL } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import type { JurisdictionFilter } from '../../auth/jurisdiction.js';
import { datedAfter, uuidsOnly, type Page } from '../../platform/connection.js';
import type { Drizzle } from '../../platform/db.js';
import { eventsCommitted, insertEvent } from '../../events/outbox.js';
import { placeWithin } from '../jurisdiction.js';
import * as schema from './db/schema.js';
import type { HouseRow, NewHouseRow, NewTenancyRow, TenancyRow } from './db/schema.js';

const { houses, tenancies } = schema;

export type HousingDb = Drizzle<typeof schema>;
/** A transaction on the housing database. */
export type HousingTx = Parameters<Parameters<HousingDb['transaction']>[0]>[0];

export interface HouseFilter {
  gridCode?: string | null;
  use?: HouseRow['use'] | null;
}

/** What registering a tenancy came to; the rules turn the refusals into errors. */
export type TenancyInsert =
  | { outcome: 'inserted'; tenancy: TenancyRow; house: { rooms: number; openTenancies: number } }
  | { outcome: 'house-not-found' }
  | { outcome: 'overlap'; tenancy: TenancyRow };

/**
 * A tenancy is open on `day` while it has no end recorded or ends after that
 * day: the current-tenancy read, the group-rental count and the payload's
 * warning all use this one condition. A tenancy that starts later is counted
 * too: it has been let.
 */
const openOn = (day: string): SQL | undefined => or(isNull(tenancies.end), gt(tenancies.end, day));

/** Rows strictly after a house-list cursor: a house id, as `readPage(args, 'id')` checked. */
const houseAfter = (page: Page): SQL | undefined => (page.afterKey === null ? undefined : gt(houses.id, page.afterKey));

/** Houses whose grid or district lies inside the jurisdiction (no condition when unconfined). */
const houseWithin = (jurisdiction: JurisdictionFilter | null): SQL | undefined => placeWithin(jurisdiction, houses.gridCode, houses.divisionCode);

/** A house row tagged with the parent (owner or grid) it was listed under. */
type ParentedHouse = HouseRow & { parentKey: string };

/** All SQL of the housing database, as named queries. */
export class HousingStore {
  constructor(readonly db: HousingDb) {}

  /**
   * Houses by id; with a jurisdiction, only those inside it. The condition
   * sits in the statement, so a house outside and an id nobody holds cost the
   * same one query and come back the same: absent.
   */
  async housesByIds(ids: readonly string[], jurisdiction: JurisdictionFilter | null = null): Promise<HouseRow[]> {
    const valid = uuidsOnly(ids);
    if (valid.length === 0) return [];
    return this.db.select().from(houses).where(and(inArray(houses.id, valid), houseWithin(jurisdiction)));
  }

  /** Houses by unified code; with a jurisdiction, only those inside it (see `housesByIds`). */
  async housesByCodes(codes: readonly string[], jurisdiction: JurisdictionFilter | null = null): Promise<HouseRow[]> {
    if (codes.length === 0) return [];
    return this.db.select().from(houses).where(and(inArray(houses.code, [...codes]), houseWithin(jurisdiction)));
  }

  /** Houses inside the jurisdiction in id order, one page plus one row to tell whether more follow. */
  listHouses(filter: HouseFilter, page: Page, jurisdiction: JurisdictionFilter | null): Promise<HouseRow[]> {
    return this.db
      .select()
      .from(houses)
      .where(
        and(
          houseAfter(page),
          filter.gridCode ? eq(houses.gridCode, filter.gridCode) : undefined,
          filter.use ? eq(houses.use, filter.use) : undefined,
          houseWithin(jurisdiction),
        ),
      )
      .orderBy(asc(houses.id))
      .limit(page.size + 1);
  }

  /** A tenancy by id; with a jurisdiction, only one of a house inside it, so one outside reads as unknown. */
  async tenancyById(id: string, jurisdiction: JurisdictionFilter | null = null): Promise<TenancyRow | null> {
    if (uuidsOnly([id]).length === 0) return null;
    const [row] = await this.db
      .select()
      .from(tenancies)
      .where(and(eq(tenancies.id, id), this.houseInside(jurisdiction)));
    return row ?? null;
  }

  /** The tenancy's house lies inside the jurisdiction; no condition when unconfined. */
  private houseInside(jurisdiction: JurisdictionFilter | null): SQL | undefined {
    if (jurisdiction === null) return undefined;
    return exists(this.db.select({ one: sql`1` }).from(houses).where(and(eq(houses.id, tenancies.houseId), houseWithin(jurisdiction))));
  }

  /**
   * Every tenancy of each tenant in a house inside the jurisdiction, newest
   * first: a person has few, so they are paged in memory.
   */
  async tenanciesByTenantIds(tenantIds: readonly string[], jurisdiction: JurisdictionFilter | null): Promise<TenancyRow[]> {
    const valid = uuidsOnly(tenantIds);
    if (valid.length === 0) return [];
    return this.db
      .select()
      .from(tenancies)
      .where(and(inArray(tenancies.tenantId, valid), this.houseInside(jurisdiction)))
      .orderBy(desc(tenancies.start), desc(tenancies.id));
  }

  /**
   * One page (+1) of tenancies per house, newest first, for many houses in one
   * statement: a window numbers each house's tenancies and the page is cut from
   * it. With `openOnDay`, only the tenancies open on that day.
   */
  async tenanciesOfHouses(houseIds: readonly string[], page: Page, openOnDay: string | null): Promise<TenancyRow[]> {
    const valid = uuidsOnly(houseIds);
    if (valid.length === 0) return [];
    const after = datedAfter(page);
    const ranked = this.db
      .select({
        id: tenancies.id,
        rank: sql<number>`row_number() OVER (PARTITION BY ${tenancies.houseId} ORDER BY ${tenancies.start} DESC, ${tenancies.id} DESC)`.as(
          'rank',
        ),
      })
      .from(tenancies)
      .where(
        and(
          inArray(tenancies.houseId, valid),
          openOnDay === null ? undefined : openOn(openOnDay),
          after ? sql`(${tenancies.start}, ${tenancies.id}) < (${after.date}::date, ${after.id}::uuid)` : undefined,
        ),
      )
      .as('ranked');
    const rows = await this.db
      .select({ tenancy: tenancies })
      .from(ranked)
      .innerJoin(tenancies, eq(tenancies.id, ranked.id))
      .where(sql`${ranked.rank} <= ${page.size + 1}`)
      .orderBy(asc(tenancies.houseId), desc(tenancies.start), desc(tenancies.id));
    return rows.map((row) => row.tenancy);
  }

  /** How many tenancies of each house are open on `day`, in one statement; a house with none is absent. */
  async openTenancyCounts(houseIds: readonly string[], day: string): Promise<{ houseId: string; open: number }[]> {
    const valid = uuidsOnly(houseIds);
    if (valid.length === 0) return [];
    return this.db
      .select({ houseId: tenancies.houseId, open: sql<number>`count(*)::int` })
      .from(tenancies)
      .where(and(inArray(tenancies.houseId, valid), openOn(day)))
      .groupBy(tenancies.houseId);
  }

  /** One page (+1) of houses inside the jurisdiction per owner, in id order, in one statement. */
  housesOfOwners(ownerIds: readonly string[], page: Page, jurisdiction: JurisdictionFilter | null): Promise<ParentedHouse[]> {
    return this.housesOf(houses.ownerId, uuidsOnly(ownerIds), page, jurisdiction);
  }

  /** One page (+1) of houses inside the jurisdiction per grid, in id order, in one statement. */
  housesOfGrids(gridCodes: readonly string[], page: Page, jurisdiction: JurisdictionFilter | null): Promise<ParentedHouse[]> {
    return this.housesOf(houses.gridCode, [...gridCodes], page, jurisdiction);
  }

  private async housesOf(parentColumn: PgColumn, keys: string[], page: Page, jurisdiction: JurisdictionFilter | null): Promise<ParentedHouse[]> {
    if (keys.length === 0) return [];
    const ranked = this.db
      .select({
        id: houses.id,
        parentKey: sql<string>`${parentColumn}::text`.as('parent_key'),
        rank: sql<number>`row_number() OVER (PARTITION BY ${parentColumn} ORDER BY ${houses.id})`.as('rank'),
      })
      .from(houses)
      .where(and(inArray(parentColumn, keys), houseAfter(page), houseWithin(jurisdiction)))
      .as('ranked');
    const rows = await this.db
      .select({ house: houses, parentKey: ranked.parentKey })
      .from(ranked)
      .innerJoin(houses, eq(houses.id, ranked.id))
      .where(sql`${ranked.rank} <= ${page.size + 1}`)
      .orderBy(asc(ranked.parentKey), asc(houses.id));
    return rows.map((row) => ({ ...row.house, parentKey: row.parentKey }));
  }

  /** Inserts a house, or returns null when its unified code is already registered. */
  async insertHouse(row: NewHouseRow): Promise<HouseRow | null> {
    // ON CONFLICT rather than look-then-insert: two registrations of one code racing cannot both win.
    const [inserted] = await this.db.insert(houses).values(row).onConflictDoNothing({ target: houses.code }).returning();
    return inserted ?? null;
  }

  /**
   * Inserts a tenancy unless the house is unknown (or, with a jurisdiction,
   * outside it: the same outcome) or the tenant already rents a house, this
   * one or any other, for an overlapping period. Dates are half-open,
   * [start, end): a new tenancy may start on the day the previous one ended.
   * What comes back with an inserted tenancy is the house's rooms and its
   * tenancies open on `today`, counted in the same transaction, which also
   * writes the TenancyRegistered event carrying them.
   */
  async insertTenancy(row: NewTenancyRow, jurisdiction: JurisdictionFilter | null, today: string): Promise<TenancyInsert> {
    const result = await this.db.transaction(async (tx): Promise<TenancyInsert> => {
      // Locking the house row serialises registrations for that house, and the
      // lock on the tenant's id those for that tenant at any house, so two
      // concurrent requests cannot both pass the overlap check below.
      const [house] = await tx
        .select({ id: houses.id, rooms: houses.rooms, code: houses.code, gridCode: houses.gridCode, divisionCode: houses.divisionCode })
        .from(houses)
        .where(and(eq(houses.id, row.houseId), houseWithin(jurisdiction)))
        .for('update');
      if (!house) return { outcome: 'house-not-found' } as const;
      await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${row.tenantId}))`);
      const [overlapping] = await tx
        .select()
        .from(tenancies)
        .where(
          and(
            eq(tenancies.tenantId, row.tenantId),
            or(isNull(tenancies.end), gt(tenancies.end, row.start)),
            row.end ? lt(tenancies.start, row.end) : undefined,
          ),
        )
        .orderBy(desc(tenancies.start))
        .limit(1);
      if (overlapping) return { outcome: 'overlap', tenancy: overlapping } as const;
      const [inserted] = await tx.insert(tenancies).values(row).returning();
      if (!inserted) throw new Error('insert returned no row');
      const [counted] = await tx
        .select({ open: sql<number>`count(*)::int` })
        .from(tenancies)
        .where(and(eq(tenancies.houseId, row.houseId), openOn(today)));
      const openTenancies = counted?.open ?? 0;
      await insertEvent(tx, {
        type: 'TenancyRegistered',
        payload: {
          tenancyId: inserted.id,
          houseId: house.id,
          houseCode: house.code,
          gridCode: house.gridCode,
          divisionCode: house.divisionCode,
          tenantId: inserted.tenantId,
          start: inserted.start,
          rooms: house.rooms,
          openTenancies,
        },
      });
      return { outcome: 'inserted', tenancy: inserted, house: { rooms: house.rooms, openTenancies } };
    });
    if (result.outcome === 'inserted') eventsCommitted(this.db);
    return result;
  }

  /** Sets the end of a tenancy still open; null when it was not open (already ended or unknown). */
  async endTenancy(id: string, end: string): Promise<TenancyRow | null> {
    // The open-ness condition sits in the UPDATE itself, so two requests ending the same tenancy cannot both succeed.
    const [updated] = await this.db
      .update(tenancies)
      .set({ end })
      .where(and(eq(tenancies.id, id), isNull(tenancies.end)))
      .returning();
    return updated ?? null;
  }

  // ── Imports of legacy records (docs/import.md) ──

  /**
   * Writes a batch of houses in the transaction of an import, as
   * `insertHouse` writes one, in one statement; a house whose unified code is
   * registered already is left out. Answers, in order, each inserted row, or null.
   */
  async insertHouses(tx: HousingTx, rows: readonly NewHouseRow[]): Promise<(HouseRow | null)[]> {
    if (rows.length === 0) return [];
    const inserted = new Map((await tx.insert(houses).values([...rows]).onConflictDoNothing({ target: houses.code }).returning()).map((row) => [row.id, row]));
    return rows.map((row) => inserted.get(row.id) ?? null);
  }

  // ── end ──

  async ping(): Promise<boolean> {
    await this.db.execute(sql`SELECT 1`);
    return true;
  }
}
