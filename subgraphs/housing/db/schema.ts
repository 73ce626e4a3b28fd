import { sql } from 'drizzle-orm';
import { check, date, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { domainEventsTable, eventRelayLeaseTable } from '../../../events/outbox.js';
import { importBatchesTable, importJobsTable, importRefusalsTable } from '../../import/ledger.js';

/** Houses (房屋). Owners and tenants are Person ids on the police register, not rows here. */
export const houses = pgTable(
  'houses',
  {
    id: uuid('id').primaryKey(),
    code: text('code').notNull().unique(),
    address: text('address').notNull(),
    divisionCode: text('division_code').notNull(),
    gridCode: text('grid_code').notNull(),
    ownerId: uuid('owner_id'),
    ownerName: text('owner_name').notNull(),
    use: text('use', { enum: ['OWNER_OCCUPIED', 'RENTAL', 'GROUP_RENTAL', 'DORMITORY'] }).notNull(),
    rooms: integer('rooms').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('houses_grid_idx').on(t.gridCode, t.id),
    index('houses_owner_idx').on(t.ownerId),
    check('houses_rooms_positive', sql`${t.rooms} > 0`),
  ],
);

/** Rental registrations (租赁登记); `end` is null while current. */
export const tenancies = pgTable(
  'tenancies',
  {
    id: uuid('id').primaryKey(),
    houseId: uuid('house_id')
      .notNull()
      .references(() => houses.id),
    tenantId: uuid('tenant_id').notNull(),
    landlordId: uuid('landlord_id'),
    landlordName: text('landlord_name').notNull(),
    start: date('start_date').notNull(),
    end: date('end_date'),
    monthlyRent: integer('monthly_rent').notNull(),
    /** The room let, when one room of the house is. */
    room: text('room'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('tenancies_tenant_idx').on(t.tenantId),
    index('tenancies_house_idx').on(t.houseId),
    check('tenancies_dates_ordered', sql`${t.end} IS NULL OR ${t.end} >= ${t.start}`),
    check('tenancies_rent_non_negative', sql`${t.monthlyRent} >= 0`),
  ],
);

// ── Imports of legacy records (subgraphs/import/ledger.ts, docs/import.md) ──
export const importJobs = importJobsTable();
export const importBatches = importBatchesTable();
export const importRefusals = importRefusalsTable();
// ── end ──

export type HouseRow = typeof houses.$inferSelect;
export type NewHouseRow = typeof houses.$inferInsert;
export type TenancyRow = typeof tenancies.$inferSelect;
export type NewTenancyRow = typeof tenancies.$inferInsert;

/** Domain events written with the changes that cause them, until the relay hands them on (events/outbox.ts). */
export const domainEvents = domainEventsTable();
/** Which relay replica publishes the outbox now (events/outbox.ts). */
export const domainEventRelays = eventRelayLeaseTable();
