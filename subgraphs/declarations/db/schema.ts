import { sql } from 'drizzle-orm';
import { bigserial, check, date, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { domainEventsTable, eventRelayLeaseTable } from '../../../events/outbox.js';

export const DECLARATION_KINDS = ['TENANCY', 'EMPLOYMENT', 'RESIDENCE'] as const;
export const DECLARATION_STATUSES = ['PENDING', 'CONFIRMED', 'REJECTED'] as const;
export const PREMISES_KINDS = ['HOUSE', 'EMPLOYER'] as const;
export const SOCIAL_INSURANCE = ['INSURED', 'SUSPENDED', 'NOT_INSURED'] as const;

export type DeclarationKind = (typeof DECLARATION_KINDS)[number];
export type DeclarationStatus = (typeof DECLARATION_STATUSES)[number];
export type PremisesKind = (typeof PREMISES_KINDS)[number];

/**
 * Declarations (申报) by landlords, employers and residents, pending until the
 * owning department confirms them. The facts are kept as declared; the record
 * confirmation creates lives in the department's own database, named here by id.
 */
export const declarations = pgTable(
  'declarations',
  {
    id: uuid('id').primaryKey(),
    /** The order declarations arrived in: queues are served oldest first, a declarant's own newest first. */
    seq: bigserial('seq', { mode: 'number' }).notNull().unique(),
    kind: text('kind', { enum: DECLARATION_KINDS }).notNull(),
    status: text('status', { enum: DECLARATION_STATUSES }).notNull().default('PENDING'),
    declarantSubject: text('declarant_subject').notNull(),
    declarantRole: text('declarant_role').notNull(),
    /** The client's own key for the submission, when it sent one. */
    clientKey: text('client_key'),
    /** A hash of the declared facts: the same facts from the same declarant are one declaration. */
    factsHash: text('facts_hash').notNull(),
    idNumber: text('id_number').notNull(),
    name: text('name').notNull(),
    phone: text('phone'),
    start: date('start_date').notNull(),
    room: text('room'),
    position: text('position'),
    landlordName: text('landlord_name'),
    monthlyRent: integer('monthly_rent'),
    socialInsurance: text('social_insurance', { enum: SOCIAL_INSURANCE }),
    address: text('address'),
    houseCode: text('house_code'),
    premisesKind: text('premises_kind', { enum: PREMISES_KINDS }),
    premisesCode: text('premises_code'),
    /** The premises link it was made through, when it was. */
    linkId: uuid('link_id'),
    gridCode: text('grid_code'),
    divisionCode: text('division_code').notNull(),
    submittedAt: timestamp('submitted_at', { withTimezone: true }).notNull().defaultNow(),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    decidedBy: text('decided_by'),
    rejectionReason: text('rejection_reason'),
    recordId: text('record_id'),
  },
  (t) => [
    uniqueIndex('declarations_client_key_idx').on(t.declarantSubject, t.clientKey).where(sql`${t.clientKey} IS NOT NULL`),
    uniqueIndex('declarations_facts_idx').on(t.declarantSubject, t.factsHash),
    index('declarations_queue_idx').on(t.kind, t.status, t.seq),
    index('declarations_declarant_idx').on(t.declarantSubject, t.seq),
    index('declarations_grid_idx').on(t.gridCode),
    index('declarations_division_idx').on(t.divisionCode),
    index('declarations_premises_idx').on(t.premisesCode),
    check('declarations_decided', sql`(${t.status} = 'PENDING') = (${t.decidedAt} IS NULL)`),
  ],
);

/**
 * Premises links the hub signed: what each is for and where the premises lie,
 * so a declaration through one is placed without asking again, and whether it
 * was revoked. The link's signature is checked first; a row is looked up only
 * for a link the hub signed.
 */
export const premisesLinks = pgTable(
  'premises_links',
  {
    id: uuid('id').primaryKey(),
    kind: text('kind', { enum: PREMISES_KINDS }).notNull(),
    code: text('code').notNull(),
    gridCode: text('grid_code'),
    divisionCode: text('division_code').notNull(),
    /** The house's address or the employer's name, as its department holds it when the link was issued. */
    label: text('label'),
    issuedBy: text('issued_by').notNull(),
    issuedAt: timestamp('issued_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    revokedBy: text('revoked_by'),
  },
  (t) => [index('premises_links_code_idx').on(t.kind, t.code)],
);

export type DeclarationRow = typeof declarations.$inferSelect;
export type NewDeclarationRow = typeof declarations.$inferInsert;
export type PremisesLinkRow = typeof premisesLinks.$inferSelect;
export type NewPremisesLinkRow = typeof premisesLinks.$inferInsert;

/** Domain events written with the declarations that cause them, until the relay hands them on (events/outbox.ts). */
export const domainEvents = domainEventsTable();
/** Which relay replica publishes the outbox now (events/outbox.ts). */
export const domainEventRelays = eventRelayLeaseTable();
