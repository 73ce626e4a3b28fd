import { asc, inArray, isNull } from 'drizzle-orm';
import type { NoticeOutbox, OutboxNotice } from '../../exchange/relay.js';
import { ensureLoginInRole, openDatabase, type Database, type DatabaseTarget, type Drizzle } from '../../platform/db.js';
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

/**
 * The group role the police migrations grant the outbox to and nothing else
 * (db/migrations/0004_exchange_outbox_role.sql): reading exchange_outbox and
 * marking its notices relayed.
 */
export const EXCHANGE_OUTBOX_ROLE = 'hub_exchange_outbox';

/**
 * Makes the LOGIN user the exchange's relay connects as (named in
 * EXCHANGE_OUTBOX_DATABASE_URL) a member of EXCHANGE_OUTBOX_ROLE, on the
 * police database's server, as its owner (`npm run db:migrate`).
 */
export function ensureOutboxLogin(police: Database<Record<string, unknown>>, outboxUrl: string): Promise<string | null> {
  return ensureLoginInRole(police, outboxUrl, EXCHANGE_OUTBOX_ROLE);
}
