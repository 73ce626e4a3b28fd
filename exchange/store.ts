import { randomUUID } from 'node:crypto';
import { and, asc, desc, eq, inArray, isNull, lt, or, sql, type SQL } from 'drizzle-orm';
import type { Page } from '../platform/connection.js';
import type { Drizzle } from '../platform/db.js';
import { eventsCommitted, insertEvent } from '../events/outbox.js';
import type { MessageType } from './messages.js';
import * as schema from './db/schema.js';
import type { InboundRow, NewInboundRow, NewOutboundRow, NewPartnerRow, NewWitnessedCheckpointRow, OutboundRow, PartnerRow, WitnessedCheckpointRow } from './db/schema.js';

const { partners, outboundMessages, inboundMessages, deliveryReceipts, witnessedCheckpoints } = schema;

export type ExchangeDb = Drizzle<typeof schema>;
export type PartnerStatus = PartnerRow['status'];
export type DeliveryStatus = OutboundRow['status'];

export interface OutboundFilter {
  partnerCode?: string | null;
  status?: DeliveryStatus | null;
  messageType?: MessageType | null;
}

export interface InboundFilter {
  partnerCode?: string | null;
  messageType?: MessageType | null;
  idNumber?: string | null;
}

/** Counts of a partner's notices by delivery status. */
export type DeliveryCounts = Record<DeliveryStatus, number>;

const afterSeq = (column: typeof outboundMessages.seq | typeof inboundMessages.seq, page: Page) =>
  page.afterKey === null ? undefined : lt(column, Number(page.afterKey));

/** All SQL of the exchange store, as named queries. */
export class ExchangeStore {
  constructor(readonly db: ExchangeDb) {}

  // Partners

  partnersByCodes(codes: readonly string[]): Promise<PartnerRow[]> {
    return this.db.select().from(partners).where(inArray(partners.code, [...codes]));
  }

  async partner(code: string): Promise<PartnerRow | undefined> {
    const [row] = await this.partnersByCodes([code]);
    return row;
  }

  /** Partners in code order; removed ones only when asked. */
  listPartners(page: Page, includeRemoved: boolean): Promise<PartnerRow[]> {
    return this.db
      .select()
      .from(partners)
      .where(and(page.afterKey ? sql`${partners.code} > ${page.afterKey}` : undefined, includeRemoved ? undefined : sql`${partners.status} <> 'REMOVED'`))
      .orderBy(asc(partners.code))
      .limit(page.size + 1);
  }

  async insertPartner(row: NewPartnerRow): Promise<PartnerRow> {
    const [inserted] = await this.db.insert(partners).values(row).returning();
    if (!inserted) throw new Error('insert returned no row');
    return inserted;
  }

  async updatePartner(code: string, patch: Partial<Pick<PartnerRow, 'name' | 'inboxUrl' | 'publicKey' | 'keyFingerprint' | 'status' | 'agreement'>>): Promise<PartnerRow | undefined> {
    const [updated] = await this.db
      .update(partners)
      .set({ ...patch, updatedAt: new Date() })
      .where(eq(partners.code, code))
      .returning();
    return updated;
  }

  /**
   * Takes (or renews) the right to deliver to a partner until `until`. One
   * worker per partner keeps its notices in order when several hub
   * processes deliver.
   */
  async leasePartner(code: string, owner: string, until: Date): Promise<boolean> {
    const taken = await this.db
      .update(partners)
      .set({ leaseOwner: owner, leaseUntil: until })
      .where(and(eq(partners.code, code), or(isNull(partners.leaseUntil), lt(partners.leaseUntil, sql`now()`), eq(partners.leaseOwner, owner))))
      .returning({ code: partners.code });
    return taken.length > 0;
  }

  async releasePartner(code: string, owner: string): Promise<void> {
    await this.db
      .update(partners)
      .set({ leaseOwner: null, leaseUntil: null })
      .where(and(eq(partners.code, code), eq(partners.leaseOwner, owner)));
  }

  /** Active partners whose oldest pending notice is due: only the head of a queue decides, so order holds. */
  async partnersWithDueNotices(now: Date): Promise<string[]> {
    const rows = await this.db.execute<{ partner_code: string }>(sql`
      SELECT p.code AS partner_code
      FROM ${partners} p
      CROSS JOIN LATERAL (
        SELECT o.next_attempt_at FROM ${outboundMessages} o
        WHERE o.partner_code = p.code AND o.status = 'PENDING'
        ORDER BY o.seq LIMIT 1
      ) head
      WHERE p.status = 'ACTIVE' AND head.next_attempt_at <= ${now.toISOString()}::timestamptz`);
    return rowsOf<{ partner_code: string }>(rows).map((r) => r.partner_code);
  }

  // Outbound notices

  /** Queues notices; one already queued (the same message id) is left as it is. */
  async enqueue(rows: readonly NewOutboundRow[]): Promise<number> {
    if (rows.length === 0) return 0;
    const inserted = await this.db.insert(outboundMessages).values([...rows]).onConflictDoNothing({ target: outboundMessages.id }).returning({ id: outboundMessages.id });
    return inserted.length;
  }

  /** The head of a partner's queue: its oldest pending notices, in order. */
  pendingFor(partnerCode: string, limit: number): Promise<OutboundRow[]> {
    return this.db
      .select()
      .from(outboundMessages)
      .where(and(eq(outboundMessages.partnerCode, partnerCode), eq(outboundMessages.status, 'PENDING')))
      .orderBy(asc(outboundMessages.seq))
      .limit(limit);
  }

  /** Marks a delivery's notices delivered, keeping the partner's signed receipt once for all of them. */
  async markDelivered(partnerCode: string, ids: readonly string[], receipt: string, at: Date): Promise<void> {
    if (ids.length === 0) return;
    await this.db.transaction(async (tx) => {
      const receiptId = randomUUID();
      await tx.insert(deliveryReceipts).values({ id: receiptId, partnerCode, receipt, receivedAt: at });
      await tx
        .update(outboundMessages)
        .set({ status: 'DELIVERED', deliveredAt: at, receiptId, lastError: null, attempts: sql`${outboundMessages.attempts} + 1` })
        .where(and(inArray(outboundMessages.id, [...ids]), eq(outboundMessages.status, 'PENDING')));
    });
  }

  receiptsByIds(ids: readonly string[]) {
    return this.db.select().from(deliveryReceipts).where(inArray(deliveryReceipts.id, [...ids]));
  }

  /** A failed attempt: the notices stay pending until `nextAttemptAt`, or fail for good once out of attempts. */
  async markAttemptFailed(ids: readonly string[], reason: string, nextAttemptAt: Date, maxAttempts: number): Promise<void> {
    if (ids.length === 0) return;
    await this.db
      .update(outboundMessages)
      .set({
        attempts: sql`${outboundMessages.attempts} + 1`,
        lastError: reason,
        nextAttemptAt,
        status: sql`CASE WHEN ${outboundMessages.attempts} + 1 >= ${maxAttempts} THEN 'FAILED' ELSE 'PENDING' END`,
      })
      .where(and(inArray(outboundMessages.id, [...ids]), eq(outboundMessages.status, 'PENDING')));
  }

  /** A notice the partner refused for what it is: retrying cannot help, so it fails with the partner's reason. */
  async markFailed(ids: readonly string[], reason: string): Promise<void> {
    if (ids.length === 0) return;
    await this.db
      .update(outboundMessages)
      .set({ status: 'FAILED', lastError: reason, attempts: sql`${outboundMessages.attempts} + 1` })
      .where(and(inArray(outboundMessages.id, [...ids]), eq(outboundMessages.status, 'PENDING')));
  }

  /** Puts failed notices back at the head of their queue, for an administrator who fixed the cause. */
  async retryFailed(ids: readonly string[]): Promise<OutboundRow[]> {
    return this.db
      .update(outboundMessages)
      .set({ status: 'PENDING', nextAttemptAt: new Date(), attempts: 0 })
      .where(and(inArray(outboundMessages.id, [...ids]), eq(outboundMessages.status, 'FAILED')))
      .returning();
  }

  outboundByIds(ids: readonly string[]): Promise<OutboundRow[]> {
    return this.db.select().from(outboundMessages).where(inArray(outboundMessages.id, [...ids]));
  }

  /** Notices sent (or to be sent), newest first. */
  listOutbound(filter: OutboundFilter, page: Page): Promise<OutboundRow[]> {
    return this.db
      .select()
      .from(outboundMessages)
      .where(
        and(
          afterSeq(outboundMessages.seq, page),
          filter.partnerCode ? eq(outboundMessages.partnerCode, filter.partnerCode) : undefined,
          filter.status ? eq(outboundMessages.status, filter.status) : undefined,
          filter.messageType ? eq(outboundMessages.messageType, filter.messageType) : undefined,
        ),
      )
      .orderBy(desc(outboundMessages.seq))
      .limit(page.size + 1);
  }

  async deliveryCounts(partnerCodes: readonly string[]): Promise<Map<string, DeliveryCounts>> {
    const rows = await this.db
      .select({ partnerCode: outboundMessages.partnerCode, status: outboundMessages.status, count: sql<number>`count(*)::int` })
      .from(outboundMessages)
      .where(inArray(outboundMessages.partnerCode, [...partnerCodes]))
      .groupBy(outboundMessages.partnerCode, outboundMessages.status);
    const counts = new Map<string, DeliveryCounts>();
    for (const code of partnerCodes) counts.set(code, { PENDING: 0, DELIVERED: 0, FAILED: 0 });
    for (const row of rows) {
      const count = counts.get(row.partnerCode);
      if (count) count[row.status] = Number(row.count);
    }
    return counts;
  }

  // Inbound notices

  async knownInboundIds(ids: readonly string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const rows = await this.db.select({ id: inboundMessages.id }).from(inboundMessages).where(inArray(inboundMessages.id, [...ids]));
    return new Set(rows.map((r) => r.id));
  }

  /**
   * Stores received notices; one already received (the same message id) is
   * left as it is. Each inflow notice stored now is told to the rest of the
   * hub (InflowNoticeReceived) in the same transaction; a duplicate tells
   * nothing again. Returns the ids stored now.
   */
  async receive(rows: readonly NewInboundRow[]): Promise<Set<string>> {
    if (rows.length === 0) return new Set();
    const stored = await this.db.transaction(async (tx) => {
      const inserted = await tx
        .insert(inboundMessages)
        .values([...rows])
        .onConflictDoNothing({ target: inboundMessages.id })
        .returning({ id: inboundMessages.id, messageType: inboundMessages.messageType, partnerCode: inboundMessages.partnerCode, idNumber: inboundMessages.idNumber });
      let events = 0;
      for (const row of inserted) {
        if (row.messageType !== 'INFLOW_NOTICE') continue;
        await insertEvent(tx, { type: 'InflowNoticeReceived', payload: { messageId: row.id, partnerCode: row.partnerCode, idNumber: row.idNumber } });
        events += 1;
      }
      return { ids: new Set(inserted.map((r) => r.id)), events };
    });
    if (stored.events > 0) eventsCommitted(this.db);
    return stored.ids;
  }

  /** Received notices, newest first. */
  listInbound(filter: InboundFilter, page: Page): Promise<InboundRow[]> {
    const conditions: (SQL | undefined)[] = [
      afterSeq(inboundMessages.seq, page),
      filter.partnerCode ? eq(inboundMessages.partnerCode, filter.partnerCode) : undefined,
      filter.messageType ? eq(inboundMessages.messageType, filter.messageType) : undefined,
      filter.idNumber ? eq(inboundMessages.idNumber, filter.idNumber) : undefined,
    ];
    return this.db
      .select()
      .from(inboundMessages)
      .where(and(...conditions))
      .orderBy(desc(inboundMessages.seq))
      .limit(page.size + 1);
  }

  // Audit checkpoints witnessed

  /** Partners that take part in the exchange now: the witnesses of this city's audit checkpoints. */
  activePartners(): Promise<PartnerRow[]> {
    return this.db.select().from(partners).where(eq(partners.status, 'ACTIVE')).orderBy(asc(partners.code));
  }

  /** Keeps partners' checkpoints; one already kept (the same message id) is left as it is. Returns the message ids stored now. */
  async witnessCheckpoints(rows: readonly NewWitnessedCheckpointRow[]): Promise<Set<string>> {
    if (rows.length === 0) return new Set();
    const inserted = await this.db
      .insert(witnessedCheckpoints)
      .values([...rows])
      .onConflictDoNothing({ target: witnessedCheckpoints.messageId })
      .returning({ id: witnessedCheckpoints.messageId });
    return new Set(inserted.map((r) => r.id));
  }

  /** A partner's checkpoints this city witnessed, highest checkpoint seq first: what its auditor compares its file with. */
  witnessedCheckpointsOf(partnerCode: string, limit = 100): Promise<WitnessedCheckpointRow[]> {
    return this.db
      .select()
      .from(witnessedCheckpoints)
      .where(eq(witnessedCheckpoints.partnerCode, partnerCode))
      .orderBy(desc(witnessedCheckpoints.checkpointSeq), desc(witnessedCheckpoints.seq))
      .limit(limit);
  }

  async ping(): Promise<boolean> {
    await this.db.execute(sql`SELECT 1`);
    return true;
  }
}

/** node-postgres answers `execute` with `{ rows }`, PGlite with the same shape. */
function rowsOf<T>(result: unknown): T[] {
  return ((result as { rows?: T[] }).rows ?? (result as T[]));
}
