import { sql } from 'drizzle-orm';
import { bigserial, boolean, check, date, index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { NoticePayload } from '../../../exchange/messages.js';
import { domainEventsTable, eventRelayLeaseTable } from '../../../events/outbox.js';
import { importBatchesTable, importJobsTable, importRefusalsTable } from '../../import/ledger.js';

/** The population register (人口信息). */
export const persons = pgTable(
  'persons',
  {
    id: uuid('id').primaryKey(),
    idNumber: text('id_number').notNull().unique(),
    name: text('name').notNull(),
    sex: text('sex', { enum: ['MALE', 'FEMALE'] }).notNull(),
    birthDate: date('birth_date').notNull(),
    ethnicity: text('ethnicity').notNull(),
    householdDivisionCode: text('household_division_code').notNull(),
    householdAddress: text('household_address').notNull(),
    phone: text('phone'),
    status: text('status', { enum: ['REGISTERED', 'FLOATING', 'MOVED_OUT'] }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('persons_status_idx').on(t.status),
    index('persons_household_division_idx').on(t.householdDivisionCode),
    check('persons_id_number_len', sql`char_length(${t.idNumber}) = 18`),
  ],
);

/** Grids (网格), the unit of community management. */
export const grids = pgTable('grids', {
  code: text('code').primaryKey(),
  name: text('name').notNull(),
  districtCode: text('district_code').notNull(),
  officerName: text('officer_name').notNull(),
  class: text('class', { enum: ['ENHANCED', 'KEY', 'REGULAR'] }).notNull(),
});

/** Residence registrations (居住登记); `until` is null while current. */
export const residenceRegistrations = pgTable(
  'residence_registrations',
  {
    id: uuid('id').primaryKey(),
    personId: uuid('person_id')
      .notNull()
      .references(() => persons.id),
    address: text('address').notNull(),
    divisionCode: text('division_code').notNull(),
    gridCode: text('grid_code')
      .notNull()
      .references(() => grids.code),
    houseCode: text('house_code'),
    since: date('since').notNull(),
    until: date('until'),
  },
  (t) => [
    index('residence_person_idx').on(t.personId),
    index('residence_current_grid_idx').on(t.gridCode, t.personId).where(sql`${t.until} IS NULL`),
    index('residence_current_house_idx').on(t.houseCode, t.personId).where(sql`${t.until} IS NULL`),
    check('residence_dates_ordered', sql`${t.until} IS NULL OR ${t.until} >= ${t.since}`),
  ],
);

/** Residence permits (居住证) of floating residents. */
export const residencePermits = pgTable(
  'residence_permits',
  {
    id: uuid('id').primaryKey(),
    personId: uuid('person_id')
      .notNull()
      .references(() => persons.id),
    permitNumber: text('permit_number').notNull().unique(),
    issuedOn: date('issued_on').notNull(),
    validUntil: date('valid_until').notNull(),
  },
  (t) => [index('permit_person_idx').on(t.personId), check('permit_dates_ordered', sql`${t.validUntil} >= ${t.issuedOn}`)],
);

/** Key-person flags (重点人员); police only. */
export const keyPersonFlags = pgTable(
  'key_person_flags',
  {
    id: uuid('id').primaryKey(),
    personId: uuid('person_id')
      .notNull()
      .references(() => persons.id),
    category: text('category').notNull(),
    level: integer('level').notNull(),
    reason: text('reason').notNull(),
    since: date('since').notNull(),
  },
  (t) => [index('flag_person_idx').on(t.personId)],
);

/** Recorded moves out of the city. */
export const moveOuts = pgTable(
  'move_outs',
  {
    id: uuid('id').primaryKey(),
    personId: uuid('person_id')
      .notNull()
      .references(() => persons.id),
    destinationDivisionCode: text('destination_division_code').notNull(),
    destinationAddress: text('destination_address'),
    movedOn: date('moved_on').notNull(),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('move_out_person_idx').on(t.personId)],
);

/**
 * Notices for partner cities, written in the same transaction as the change
 * they report (a transactional outbox): a registration that commits has its
 * notice, one that rolls back has none. The exchange relay moves each row to
 * its delivery queue and marks it relayed; nothing else reads this table.
 */
export const exchangeOutbox = pgTable(
  'exchange_outbox',
  {
    seq: bigserial('seq', { mode: 'number' }).primaryKey(),
    messageId: uuid('message_id').notNull().unique(),
    messageType: text('message_type', { enum: ['INFLOW_NOTICE', 'OUTFLOW_NOTICE'] }).notNull(),
    /** The city the notice is for: the 6-digit code of the person's home city or destination. */
    cityCode: text('city_code').notNull(),
    personId: uuid('person_id')
      .notNull()
      .references(() => persons.id),
    /** Every field the notice could carry; the partnership's agreement picks from these. */
    payload: jsonb('payload').$type<NoticePayload>().notNull(),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull().defaultNow(),
    relayedAt: timestamp('relayed_at', { withTimezone: true }),
  },
  (t) => [index('exchange_outbox_unrelayed_idx').on(t.seq).where(sql`${t.relayedAt} IS NULL`)],
);

/**
 * Alerts the police's rules owe later or have already raised from a periodic
 * pass (alerts/rules.ts): a tenancy's residence check, due some days after
 * its start; a permit's expiry task, remembered once raised so an hourly pass
 * does not raise it again. `key` is the alert's key, so a check written twice
 * (an event delivered again) is one row. Settled once raised, or once the
 * condition no longer holds when it falls due.
 */
export const alertChecks = pgTable(
  'alert_checks',
  {
    key: text('key').primaryKey(),
    rule: text('rule').notNull(),
    personId: uuid('person_id').notNull(),
    houseId: text('house_id'),
    houseCode: text('house_code'),
    gridCode: text('grid_code'),
    divisionCode: text('division_code'),
    /** The day the fact began (a tenancy's start), from which the check looks for a registration. */
    since: date('since'),
    dueOn: date('due_on').notNull(),
    /** The event that left the check; null for a scheduled rule's task. */
    eventId: text('event_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    settledAt: timestamp('settled_at', { withTimezone: true }),
    /** Whether settling it raised the alert (true) or found it no longer owed (false). */
    raised: boolean('raised'),
  },
  (t) => [index('alert_checks_due_idx').on(t.dueOn).where(sql`${t.settledAt} IS NULL`)],
);

// ── Imports of legacy records (subgraphs/import/ledger.ts, docs/import.md) ──
export const importJobs = importJobsTable();
export const importBatches = importBatchesTable();
export const importRefusals = importRefusalsTable();
// ── end ──

export type PersonRow = typeof persons.$inferSelect;
export type NewPersonRow = typeof persons.$inferInsert;
export type GridRow = typeof grids.$inferSelect;
export type ResidenceRow = typeof residenceRegistrations.$inferSelect;
export type PermitRow = typeof residencePermits.$inferSelect;
export type KeyPersonFlagRow = typeof keyPersonFlags.$inferSelect;
export type MoveOutRow = typeof moveOuts.$inferSelect;
export type OutboxRow = typeof exchangeOutbox.$inferSelect;
export type NewOutboxRow = typeof exchangeOutbox.$inferInsert;
export type AlertCheckRow = typeof alertChecks.$inferSelect;
export type NewAlertCheckRow = typeof alertChecks.$inferInsert;

/** Domain events written with the changes that cause them, until the relay hands them on (events/outbox.ts). */
export const domainEvents = domainEventsTable();
/** Which relay replica publishes the outbox now (events/outbox.ts). */
export const domainEventRelays = eventRelayLeaseTable();
