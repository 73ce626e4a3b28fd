import { sql } from 'drizzle-orm';
import { bigint, bigserial, index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { JWK } from 'jose';
import type { Agreement, NoticePayload } from '../messages.js';
import { domainEventsTable, eventRelayLeaseTable } from '../../events/outbox.js';

/**
 * The exchange store: partner cities, notices on their way out, and notices
 * received. It is the hub's own database, apart from every department's.
 */

/** Partner cities (one row per city), as an administrator registered them. */
export const partners = pgTable('partners', {
  /** The partner city's 6-digit division code, e.g. 500000 for Chongqing. */
  code: text('code').primaryKey(),
  name: text('name').notNull(),
  /** Where this hub delivers notices for the partner. */
  inboxUrl: text('inbox_url').notNull(),
  /** The partner's Ed25519 public key, as a JWK; what its notices must verify with. */
  publicKey: jsonb('public_key').$type<JWK>().notNull(),
  /** RFC 7638 thumbprint of the public key, for reading it out over the phone. */
  keyFingerprint: text('key_fingerprint').notNull(),
  status: text('status', { enum: ['ACTIVE', 'SUSPENDED', 'REMOVED'] }).notNull(),
  /** Fields agreed per message type; nothing else is sent or kept. */
  agreement: jsonb('agreement').$type<Agreement>().notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  /** Which delivery worker sends to this partner now, and until when: one sender per partner keeps notices in order. */
  leaseOwner: text('lease_owner'),
  leaseUntil: timestamp('lease_until', { withTimezone: true }),
});

/**
 * A partner's signed acknowledgement (a JWS) of one delivery, kept once per
 * delivery as the proof that every notice it lists arrived.
 */
export const deliveryReceipts = pgTable('delivery_receipts', {
  id: uuid('id').primaryKey(),
  partnerCode: text('partner_code')
    .notNull()
    .references(() => partners.code),
  receipt: text('receipt').notNull(),
  receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Notices to partners, in the order they are to be delivered (per partner, by `seq`). */
export const outboundMessages = pgTable(
  'outbound_messages',
  {
    seq: bigserial('seq', { mode: 'number' }).primaryKey(),
    id: uuid('id').notNull().unique(),
    partnerCode: text('partner_code')
      .notNull()
      .references(() => partners.code),
    messageType: text('message_type', { enum: ['INFLOW_NOTICE', 'OUTFLOW_NOTICE'] }).notNull(),
    /** The local resident the notice is about (the register's id), for the audit trail. */
    personId: uuid('person_id').notNull(),
    /** Only the agreed fields: what the partner is entitled to. */
    payload: jsonb('payload').$type<NoticePayload>().notNull(),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull(),
    status: text('status', { enum: ['PENDING', 'DELIVERED', 'FAILED'] }).notNull(),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull().defaultNow(),
    lastError: text('last_error'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    deliveredAt: timestamp('delivered_at', { withTimezone: true }),
    /** The partner's signed acknowledgement of the delivery that carried this notice. */
    receiptId: uuid('receipt_id').references(() => deliveryReceipts.id),
  },
  (t) => [
    index('outbound_pending_idx').on(t.partnerCode, t.seq).where(sql`${t.status} = 'PENDING'`),
    index('outbound_partner_idx').on(t.partnerCode, t.seq),
  ],
);

/** Notices received from partners, one row per message id: a second delivery finds it here and changes nothing. */
export const inboundMessages = pgTable(
  'inbound_messages',
  {
    seq: bigserial('seq', { mode: 'number' }).primaryKey(),
    id: uuid('id').notNull().unique(),
    partnerCode: text('partner_code')
      .notNull()
      .references(() => partners.code),
    messageType: text('message_type', { enum: ['INFLOW_NOTICE', 'OUTFLOW_NOTICE'] }).notNull(),
    idNumber: text('id_number').notNull(),
    /** The agreed fields only. */
    payload: jsonb('payload').$type<NoticePayload>().notNull(),
    /** Fields the partner sent that the agreement does not name: dropped, and named here. */
    droppedFields: text('dropped_fields').array().notNull(),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull(),
    sentAt: timestamp('sent_at', { withTimezone: true }).notNull(),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
    /** sha256 of the signed message as received: the sender's copy proves what was said. */
    evidenceSha256: text('evidence_sha256').notNull(),
  },
  (t) => [index('inbound_type_idx').on(t.messageType, t.seq), index('inbound_id_number_idx').on(t.idNumber)],
);

export type PartnerRow = typeof partners.$inferSelect;
export type NewPartnerRow = typeof partners.$inferInsert;
export type OutboundRow = typeof outboundMessages.$inferSelect;
export type NewOutboundRow = typeof outboundMessages.$inferInsert;
export type InboundRow = typeof inboundMessages.$inferSelect;
export type ReceiptRow = typeof deliveryReceipts.$inferSelect;
export type NewInboundRow = typeof inboundMessages.$inferInsert;

/**
 * Partners' audit checkpoints this city witnessed: each signed line of a
 * partner's checkpoint file as it arrived. A partner that later cuts the tail
 * of its own file cannot cut it here; its auditor compares the two.
 */
export const witnessedCheckpoints = pgTable(
  'witnessed_checkpoints',
  {
    seq: bigserial('seq', { mode: 'number' }).primaryKey(),
    /** The message id: a second delivery of the same checkpoint finds it here and changes nothing. */
    messageId: uuid('message_id').notNull().unique(),
    partnerCode: text('partner_code')
      .notNull()
      .references(() => partners.code),
    /** The checkpoint's own seq in the partner's file, and its hash (sha256 of its canonical JSON). */
    checkpointSeq: bigint('checkpoint_seq', { mode: 'number' }).notNull(),
    checkpointHash: text('checkpoint_hash').notNull(),
    /** RFC 7638 thumbprint of the partner's checkpoint key the signature verified with. */
    keyId: text('key_id').notNull(),
    /** The signed line as the partner sent it: { checkpoint, hash, signature }. */
    line: jsonb('line').$type<Record<string, unknown>>().notNull(),
    sentAt: timestamp('sent_at', { withTimezone: true }).notNull(),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('witnessed_partner_idx').on(t.partnerCode, t.checkpointSeq)],
);

export type WitnessedCheckpointRow = typeof witnessedCheckpoints.$inferSelect;
export type NewWitnessedCheckpointRow = typeof witnessedCheckpoints.$inferInsert;

/** Domain events written with the changes that cause them, until the relay hands them on (events/outbox.ts). */
export const domainEvents = domainEventsTable();
/** Which relay replica publishes the outbox now (events/outbox.ts). */
export const domainEventRelays = eventRelayLeaseTable();
