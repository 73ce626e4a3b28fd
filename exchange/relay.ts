import type { Logger } from '../platform/logger.js';
import { applyAgreement, type MessageType, type NoticePayload } from './messages.js';
import type { ExchangeStore } from './store.js';

/** A notice waiting in a department's outbox, written in the same transaction as the change that caused it. */
export interface OutboxNotice {
  /** Its place in the outbox: notices leave in this order. */
  seq: number;
  messageId: string;
  messageType: MessageType;
  /** The city the notice is for: the 6-digit code of the person's home city or destination. */
  cityCode: string;
  personId: string;
  /** Every field the notice could carry; the partnership's agreement picks from these. */
  payload: NoticePayload;
  occurredAt: Date;
}

/**
 * Where notices wait to be relayed. The department that writes them owns the
 * table and how it is read (the police: subgraphs/police/outbox.ts); the
 * exchange is handed it by the hub and never reads a department's database
 * itself.
 */
export interface NoticeOutbox {
  /** The oldest notices not yet relayed, at most `limit`, in outbox order. */
  unrelayed(limit: number): Promise<OutboxNotice[]>;
  /** Marks notices relayed, by their places in the outbox. */
  markRelayed(seqs: readonly number[]): Promise<void>;
}

/**
 * Moves notices from the police outbox, where they were written with the
 * registration that caused them, to the exchange's delivery queue, keeping
 * only the fields the partnership agreed. It only reads and marks the outbox
 * (in production, through a database role granted that table alone).
 *
 * A crash between queueing and marking is harmless: queueing the same
 * message id again changes nothing. A notice for a city that is no partner
 * is marked relayed and goes nowhere.
 */
export class OutboxRelay {
  constructor(
    private readonly outbox: NoticeOutbox,
    private readonly store: ExchangeStore,
    private readonly logger: Logger,
  ) {}

  /** Relays up to `limit` notices; returns how many left the outbox. */
  async relayOnce(limit = 500): Promise<number> {
    const rows = await this.outbox.unrelayed(limit);
    if (rows.length === 0) return 0;
    const partners = new Map((await this.store.partnersByCodes([...new Set(rows.map((r) => r.cityCode))])).map((p) => [p.code, p]));
    const queued = [];
    let unshared = 0;
    for (const row of rows) {
      const partner = partners.get(row.cityCode);
      if (!partner || partner.status === 'REMOVED' || !partner.agreement[row.messageType]) {
        unshared += 1;
        continue;
      }
      queued.push({
        id: row.messageId,
        partnerCode: partner.code,
        messageType: row.messageType,
        personId: row.personId,
        payload: applyAgreement(row.messageType, row.payload, partner.agreement).kept,
        occurredAt: row.occurredAt,
        status: 'PENDING' as const,
      });
    }
    await this.store.enqueue(queued);
    await this.outbox.markRelayed(rows.map((r) => r.seq));
    if (unshared > 0) this.logger.debug({ unshared }, 'notices for cities without a partnership were not queued');
    return rows.length;
  }
}
