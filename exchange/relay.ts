import { asc, inArray, isNull } from 'drizzle-orm';
import { exchangeOutbox } from '../subgraphs/police/db/schema.js';
import type { Drizzle } from '../platform/db.js';
import type { Logger } from '../platform/logger.js';
import { applyAgreement } from './messages.js';
import type { ExchangeStore } from './store.js';

/** The part of the police database the relay is given: its outbox table, nothing else. */
export type OutboxDb = Drizzle<{ exchangeOutbox: typeof exchangeOutbox }>;

/**
 * Moves notices from the police outbox, where they were written with the
 * registration that caused them, to the exchange's delivery queue, keeping
 * only the fields the partnership agreed. It reads and marks the outbox table
 * only (in production, a database role granted that table alone).
 *
 * A crash between queueing and marking is harmless: queueing the same
 * message id again changes nothing. A notice for a city that is no partner
 * is marked relayed and goes nowhere.
 */
export class OutboxRelay {
  constructor(
    private readonly outbox: OutboxDb,
    private readonly store: ExchangeStore,
    private readonly logger: Logger,
  ) {}

  /** Relays up to `limit` notices; returns how many left the outbox. */
  async relayOnce(limit = 500): Promise<number> {
    const rows = await this.outbox.select().from(exchangeOutbox).where(isNull(exchangeOutbox.relayedAt)).orderBy(asc(exchangeOutbox.seq)).limit(limit);
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
    await this.outbox
      .update(exchangeOutbox)
      .set({ relayedAt: new Date() })
      .where(inArray(exchangeOutbox.seq, rows.map((r) => r.seq)));
    if (unshared > 0) this.logger.debug({ unshared }, 'notices for cities without a partnership were not queued');
    return rows.length;
  }
}
