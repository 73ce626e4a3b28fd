import { sql } from 'drizzle-orm';
import { check, date, index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { domainEventsTable, eventRelayLeaseTable } from '../../../events/outbox.js';
import { importBatchesTable, importJobsTable, importRefusalsTable } from '../../import/ledger.js';

/** Employers (用人单位). */
export const employers = pgTable(
  'employers',
  {
    id: uuid('id').primaryKey(),
    creditCode: text('credit_code').notNull().unique(),
    name: text('name').notNull(),
    industry: text('industry').notNull(),
    address: text('address').notNull(),
    divisionCode: text('division_code').notNull(),
    gridCode: text('grid_code').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('employers_grid_idx').on(t.gridCode, t.id), check('employers_credit_code_len', sql`char_length(${t.creditCode}) = 18`)],
);

/** Employments (就业登记); the person is a Person id on the police register. */
export const employments = pgTable(
  'employments',
  {
    id: uuid('id').primaryKey(),
    personId: uuid('person_id').notNull(),
    employerId: uuid('employer_id')
      .notNull()
      .references(() => employers.id),
    position: text('position').notNull(),
    start: date('start_date').notNull(),
    end: date('end_date'),
    socialInsurance: text('social_insurance', { enum: ['INSURED', 'SUSPENDED', 'NOT_INSURED'] }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('employments_person_idx').on(t.personId),
    // Matches the order an employer's employments are listed in (newest first), so a page reads the index in order.
    index('employments_employer_idx').on(t.employerId, t.start.desc(), t.id.desc()),
    // A person holds at most one open employment per employer; enforced here so concurrent registrations cannot both succeed.
    uniqueIndex('employments_one_open_per_employer').on(t.personId, t.employerId).where(sql`${t.end} IS NULL`),
    check('employments_dates_ordered', sql`${t.end} IS NULL OR ${t.end} >= ${t.start}`),
    // One employment of a person at an employer starts on a day: the natural key imports load by (employment.no-overlap holds it too).
    uniqueIndex('employments_person_employer_start').on(t.personId, t.employerId, t.start),
  ],
);

// ── Imports of legacy records (subgraphs/import/ledger.ts, docs/import.md) ──
export const importJobs = importJobsTable();
export const importBatches = importBatchesTable();
export const importRefusals = importRefusalsTable();
// ── end ──

export type EmployerRow = typeof employers.$inferSelect;
export type NewEmployerRow = typeof employers.$inferInsert;
export type EmploymentRow = typeof employments.$inferSelect;
export type NewEmploymentRow = typeof employments.$inferInsert;

/** Domain events written with the changes that cause them, until the relay hands them on (events/outbox.ts). */
export const domainEvents = domainEventsTable();
/** Which relay replica publishes the outbox now (events/outbox.ts). */
export const domainEventRelays = eventRelayLeaseTable();
