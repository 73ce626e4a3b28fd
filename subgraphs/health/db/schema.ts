import { sql } from 'drizzle-orm';
import { check, date, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { importBatchesTable, importJobsTable, importRefusalsTable } from '../../import/ledger.js';

/** One row per person the health department knows; the person is a Person id on the police register. */
export const healthProfiles = pgTable('health_profiles', {
  personId: uuid('person_id').primaryKey(),
  familyPlanningStatus: text('family_planning_status', {
    enum: ['NONE', 'ONE_CHILD', 'TWO_CHILDREN', 'THREE_OR_MORE', 'PREGNANT'],
  }).notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export const vaccinations = pgTable(
  'vaccinations',
  {
    id: uuid('id').primaryKey(),
    personId: uuid('person_id')
      .notNull()
      .references(() => healthProfiles.personId),
    vaccine: text('vaccine').notNull(),
    dose: integer('dose').notNull(),
    administeredOn: date('administered_on').notNull(),
    institution: text('institution').notNull(),
  },
  (t) => [
    index('vaccinations_person_idx').on(t.personId),
    check('vaccinations_dose_positive', sql`${t.dose} > 0`),
    // One record of a dose given on a day: the natural key imports load by (vaccination.once).
    uniqueIndex('vaccinations_once').on(t.personId, t.vaccine, t.dose, t.administeredOn),
  ],
);

export const maternalCareRecords = pgTable(
  'maternal_care_records',
  {
    id: uuid('id').primaryKey(),
    personId: uuid('person_id')
      .notNull()
      .references(() => healthProfiles.personId),
    kind: text('kind', { enum: ['PRENATAL', 'DELIVERY', 'POSTNATAL'] }).notNull(),
    visitOn: date('visit_on').notNull(),
    institution: text('institution').notNull(),
  },
  (t) => [index('maternal_care_person_idx').on(t.personId)],
);

export const checkups = pgTable(
  'checkups',
  {
    id: uuid('id').primaryKey(),
    personId: uuid('person_id')
      .notNull()
      .references(() => healthProfiles.personId),
    checkedOn: date('checked_on').notNull(),
    institution: text('institution').notNull(),
    result: text('result', { enum: ['NORMAL', 'FOLLOW_UP'] }).notNull(),
  },
  (t) => [index('checkups_person_idx').on(t.personId)],
);

// ── Imports of legacy records (subgraphs/import/ledger.ts, docs/import.md) ──
export const importJobs = importJobsTable();
export const importBatches = importBatchesTable();
export const importRefusals = importRefusalsTable();
// ── end ──

export type HealthProfileRow = typeof healthProfiles.$inferSelect;
export type VaccinationRow = typeof vaccinations.$inferSelect;
export type MaternalCareRow = typeof maternalCareRecords.$inferSelect;
export type CheckupRow = typeof checkups.$inferSelect;
