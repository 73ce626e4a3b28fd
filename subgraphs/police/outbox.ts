import { asc, inArray, isNull } from 'drizzle-orm';
import type { NoticeOutbox, OutboxNotice } from '../../exchange/relay.js';
import { openDatabase, type Database, type DatabaseTarget, type Drizzle } from '../../platform/db.js';
import { exchangeOutbox } from './db/schema.js';

/** The part of the police database the exchange's relay reaches: the outbox table, nothing else. */
export type OutboxDatabase = Database<{ exchangeOutbox: typeof exchangeOutbox }>;

/** A police database as opened whole (by the hub) or for its outbox alone (by the exchange's own process). */
type OutboxDrizzle = Pick<Drizzle<Record<string, unknown>>, 'select' | 'update'>;

/**
 * The notices the police write for partner cities, in the same transaction
 * as the registration or move-out that causes them (store.ts), as the
 * exchange relays them: read oldest first, then marked relayed.
 */
export class PoliceNoticeOutbox implements NoticeOutbox {
  constructor(private readonly db: OutboxDrizzle) {}

  async unrelayed(limit: number): Promise<OutboxNotice[]> {
    return this.db
      .select({
        seq: exchangeOutbox.seq,
        messageId: exchangeOutbox.messageId,
        messageType: exchangeOutbox.messageType,
        cityCode: exchangeOutbox.cityCode,
        personId: exchangeOutbox.personId,
        payload: exchangeOutbox.payload,
        occurredAt: exchangeOutbox.occurredAt,
      })
      .from(exchangeOutbox)
      .where(isNull(exchangeOutbox.relayedAt))
      .orderBy(asc(exchangeOutbox.seq))
      .limit(limit);
  }

  async markRelayed(seqs: readonly number[]): Promise<void> {
    await this.db
      .update(exchangeOutbox)
      .set({ relayedAt: new Date() })
      .where(inArray(exchangeOutbox.seq, [...seqs]));
  }
}

/**
 * Opens the police database for its outbox alone, as the exchange's own
 * process does (in production through a role granted that table only). Its
 * migrations are the police's: this never applies them.
 */
export function openPoliceOutbox(target: DatabaseTarget): Promise<OutboxDatabase> {
  return openDatabase(target, { exchangeOutbox });
}
