import { asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Drizzle } from '../../platform/db.js';
import { isIsoDate } from '../../platform/input.js';
import { rowsOf } from '../../audit/read.js';
import * as schema from './db/schema.js';
import type { CheckupRow, HealthProfileRow, MaternalCareRow, VaccinationRow } from './db/schema.js';

const { healthProfiles, vaccinations, maternalCareRecords, checkups } = schema;

export type HealthDb = Drizzle<typeof schema>;
type Transaction = Parameters<Parameters<HealthDb['transaction']>[0]>[0];
/** A transaction on the health database. */
export type HealthTx = Transaction;

export type NewVaccinationRow = typeof vaccinations.$inferInsert;
export type NewMaternalCareRow = typeof maternalCareRecords.$inferInsert;
export type NewCheckupRow = typeof checkups.$inferInsert;
export type FamilyPlanningStatus = HealthProfileRow['familyPlanningStatus'];

const CANONICAL_UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * Person ids arrive from other subgraphs through `_entities` unchecked. One
 * that is not a uuid cannot match a row, and sending it would make PostgreSQL
 * fail the whole batch with a cast error, so it is left out of the statement.
 */
function personIdsOnly(ids: readonly string[]): string[] {
  return ids.filter((id) => CANONICAL_UUID.test(id));
}

/** All SQL of the health database, as named queries. */
export class HealthStore {
  constructor(readonly db: HealthDb) {}

  async profilesByPersonIds(personIds: readonly string[]): Promise<HealthProfileRow[]> {
    const ids = personIdsOnly(personIds);
    if (ids.length === 0) return [];
    return this.db.select().from(healthProfiles).where(inArray(healthProfiles.personId, ids));
  }

  /** Newest first; the id breaks ties so cursors stay stable between pages. */
  async vaccinationsByPersonIds(personIds: readonly string[]): Promise<VaccinationRow[]> {
    const ids = personIdsOnly(personIds);
    if (ids.length === 0) return [];
    return this.db
      .select()
      .from(vaccinations)
      .where(inArray(vaccinations.personId, ids))
      .orderBy(desc(vaccinations.administeredOn), asc(vaccinations.id));
  }

  async maternalCareByPersonIds(personIds: readonly string[]): Promise<MaternalCareRow[]> {
    const ids = personIdsOnly(personIds);
    if (ids.length === 0) return [];
    return this.db
      .select()
      .from(maternalCareRecords)
      .where(inArray(maternalCareRecords.personId, ids))
      .orderBy(desc(maternalCareRecords.visitOn), asc(maternalCareRecords.id));
  }

  async checkupsByPersonIds(personIds: readonly string[]): Promise<CheckupRow[]> {
    const ids = personIdsOnly(personIds);
    if (ids.length === 0) return [];
    return this.db
      .select()
      .from(checkups)
      .where(inArray(checkups.personId, ids))
      .orderBy(desc(checkups.checkedOn), asc(checkups.id));
  }

  /** Creates the profile with this status, or changes the status of the existing one. */
  async upsertProfile(personId: string, familyPlanningStatus: FamilyPlanningStatus): Promise<HealthProfileRow> {
    const [row] = await this.db
      .insert(healthProfiles)
      .values({ personId, familyPlanningStatus })
      .onConflictDoUpdate({ target: healthProfiles.personId, set: { familyPlanningStatus, updatedAt: sql`now()` } })
      .returning();
    if (!row) throw new Error('upsert returned no row');
    return row;
  }

  /** Null when the person has a record of the same dose on the same day already (vaccination.once). */
  async insertVaccination(row: NewVaccinationRow): Promise<HealthProfileRow | null> {
    let inserted = false;
    const profile = await this.withProfile(row.personId, async (tx) => {
      inserted = (await tx.insert(vaccinations).values(row).onConflictDoNothing().returning({ id: vaccinations.id })).length > 0;
    });
    return inserted ? profile : null;
  }

  insertMaternalCare(row: NewMaternalCareRow): Promise<HealthProfileRow> {
    return this.withProfile(row.personId, (tx) => tx.insert(maternalCareRecords).values(row));
  }

  insertCheckup(row: NewCheckupRow): Promise<HealthProfileRow> {
    return this.withProfile(row.personId, (tx) => tx.insert(checkups).values(row));
  }

  // ── Imports of legacy records (docs/import.md) ──

  /**
   * The vaccinations stored under these natural keys (person, vaccine, dose,
   * day), in one statement through the unique index `vaccinations_once`: only
   * the records an import's rows name, however many others their persons
   * have. A key no stored record can hold (not a uuid, a dose that is no
   * integer, a day that is not one, a NUL that JSON carries and text cannot)
   * is left out, as it matches nothing.
   */
  async vaccinationsByKeys(
    keys: readonly Pick<VaccinationRow, 'personId' | 'vaccine' | 'dose' | 'administeredOn'>[],
  ): Promise<Pick<VaccinationRow, 'id' | 'personId' | 'vaccine' | 'dose' | 'administeredOn' | 'institution'>[]> {
    const asked = keys
      .filter((key) => CANONICAL_UUID.test(key.personId) && Number.isSafeInteger(key.dose) && Math.abs(key.dose) <= 2_147_483_647 && isIsoDate(key.administeredOn) && !key.vaccine.includes('\u0000'))
      .map((key) => ({ person_id: key.personId, vaccine: key.vaccine, dose: key.dose, administered_on: key.administeredOn }));
    if (asked.length === 0) return [];
    return this.db
      .select({
        id: vaccinations.id,
        personId: vaccinations.personId,
        vaccine: vaccinations.vaccine,
        dose: vaccinations.dose,
        administeredOn: vaccinations.administeredOn,
        institution: vaccinations.institution,
      })
      .from(vaccinations)
      .where(
        sql`(${vaccinations.personId}, ${vaccinations.vaccine}, ${vaccinations.dose}, ${vaccinations.administeredOn}) IN (SELECT k.person_id, k.vaccine, k.dose, k.administered_on FROM jsonb_to_recordset(${JSON.stringify(asked)}::jsonb) AS k(person_id uuid, vaccine text, dose integer, administered_on date))`,
      );
  }


  /**
   * Writes a batch of vaccinations in the transaction of an import, as
   * `insertVaccination` writes one: the profiles they need first, then the
   * records in one statement; a record whose dose is stored already is left
   * out (vaccination.once). Answers, in order, each record's profile, or null.
   */
  async insertVaccinations(tx: HealthTx, rows: readonly NewVaccinationRow[]): Promise<(HealthProfileRow | null)[]> {
    if (rows.length === 0) return [];
    const personIds = [...new Set(rows.map((row) => row.personId))];
    // Each statement takes the batch as one JSON parameter: a statement of a parameter per value costs more to build than to run.
    await tx.execute(
      sql`INSERT INTO ${healthProfiles} (person_id, family_planning_status)
          SELECT p.person_id::uuid, 'NONE' FROM jsonb_array_elements_text(${JSON.stringify(personIds)}::jsonb) AS p(person_id)
          ON CONFLICT (person_id) DO NOTHING`,
    );
    const records = rows.map((row) => ({ id: row.id, person_id: row.personId, vaccine: row.vaccine, dose: row.dose, administered_on: row.administeredOn, institution: row.institution }));
    const written = rowsOf<{ id: string }>(
      await tx.execute(
        sql`INSERT INTO ${vaccinations} (id, person_id, vaccine, dose, administered_on, institution)
            SELECT r.id, r.person_id, r.vaccine, r.dose, r.administered_on, r.institution
            FROM jsonb_to_recordset(${JSON.stringify(records)}::jsonb) AS r(id uuid, person_id uuid, vaccine text, dose integer, administered_on date, institution text)
            ON CONFLICT DO NOTHING RETURNING id`,
      ),
    );
    const inserted = new Set(written.map((row) => row.id));
    const profiles = new Map((await tx.select().from(healthProfiles).where(inArray(healthProfiles.personId, personIds))).map((profile) => [profile.personId, profile]));
    return rows.map((row) => (row.id !== undefined && inserted.has(row.id) ? (profiles.get(row.personId) ?? null) : null));
  }


  // ── end ──

  async ping(): Promise<boolean> {
    await this.db.execute(sql`SELECT 1`);
    return true;
  }

  /**
   * Writes a record together with its person's profile, creating the profile
   * (status NONE, nothing yet reported) when the person has none, so no record
   * is ever without a profile and a failed insert leaves no empty profile behind.
   */
  private async withProfile(personId: string, insert: (tx: Transaction) => Promise<unknown>): Promise<HealthProfileRow> {
    return this.db.transaction(async (tx) => {
      await tx.insert(healthProfiles).values({ personId, familyPlanningStatus: 'NONE' }).onConflictDoNothing({ target: healthProfiles.personId });
      await insert(tx);
      const [profile] = await tx.select().from(healthProfiles).where(eq(healthProfiles.personId, personId));
      if (!profile) throw new Error('profile missing after insert');
      return profile;
    });
  }
}
