import { randomUUID } from 'node:crypto';
import type { AccessRecorder } from '../auth/access.js';
import { isNonEmpty, type NonEmpty } from '../platform/arrays.js';
import type { Logger } from '../platform/logger.js';
import type { OutboundRow, PartnerRow } from './db/schema.js';
import { MESSAGE_TYPES } from './messages.js';
import { partnerMeta, recordExchange } from './record.js';
import type { OutboxRelay } from './relay.js';
import { signNotice, verifyReceipt, type CityIdentity } from './signing.js';
import type { ExchangeStore } from './store.js';

export interface DeliveryOptions {
  identity: CityIdentity;
  store: ExchangeStore;
  /** Moves new notices from the police outbox into the queue before each round. */
  relay?: OutboxRelay;
  /** Where each batch is recorded before it leaves the city (fail closed: no record, no sending). */
  audit: AccessRecorder;
  logger: Logger;
  batchSize: number;
  pollMs: number;
  retryBaseMs: number;
  retryMaxMs: number;
  maxAttempts: number;
  /** Upper bound for one delivery request. */
  timeoutMs?: number;
}

/** How a delivery attempt ended, per notice. */
export interface RoundReport {
  relayed: number;
  delivered: number;
  failed: number;
  retrying: number;
}

/**
 * Refusals that say something about the notice itself: sending it again
 * cannot help. Anything else (the partner down, overloaded, not yet knowing
 * our key, a notice damaged on the way) is retried with backoff.
 */
const PERMANENT = new Set(['BAD_NOTICE', 'WRONG_RECIPIENT', 'MALFORMED_MESSAGE']);

interface InboxError {
  code?: string;
  message?: string;
  index?: number;
}

/**
 * Sends queued notices to partner cities: per partner in queue order, in
 * batches, each notice signed by this city, each batch recorded in the audit
 * trail before it leaves. A partner that does not answer, or answers with an
 * error that may pass, gets the same notices again later, with exponential
 * backoff; the head of the queue waits, so order holds. The partner's signed
 * acknowledgement is kept as the proof of delivery.
 */
export class DeliveryWorker {
  // Names this worker in the partner's lease, which the exchange store keeps: no host name, only what tells two workers apart.
  private readonly owner = `${process.pid}:${randomUUID().slice(0, 8)}`;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<RoundReport> | null = null;
  private stopped = true;
  private wake: (() => void) | null = null;

  constructor(private readonly options: DeliveryOptions) {}

  /** Runs rounds every `pollMs` until stopped. */
  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    const loop = async (): Promise<void> => {
      while (!this.stopped) {
        await this.runOnce().catch((error: unknown) => this.options.logger.error({ err: error }, 'exchange delivery round failed'));
        if (this.stopped) break;
        await new Promise<void>((resolve) => {
          this.wake = resolve;
          this.timer = setTimeout(resolve, this.options.pollMs);
        });
      }
    };
    void loop();
  }

  /** Stops after the round in progress. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.wake?.();
    await this.running?.catch(() => undefined);
  }

  /** One round: relay new notices, then deliver what is due to every partner. Rounds never overlap. */
  runOnce(): Promise<RoundReport> {
    this.running ??= this.round().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async round(): Promise<RoundReport> {
    const report: RoundReport = { relayed: 0, delivered: 0, failed: 0, retrying: 0 };
    if (this.options.relay) {
      for (let moved = -1; moved !== 0; ) {
        moved = await this.options.relay.relayOnce();
        report.relayed += moved;
      }
    }
    const due = await this.options.store.partnersWithDueNotices(new Date());
    await Promise.all(due.map((code) => this.deliverTo(code, report)));
    return report;
  }

  private async deliverTo(code: string, report: RoundReport): Promise<void> {
    const { store } = this.options;
    const leaseMs = Math.max(30_000, (this.options.timeoutMs ?? 10_000) * 3);
    if (!(await store.leasePartner(code, this.owner, new Date(Date.now() + leaseMs)))) return;
    try {
      for (;;) {
        const partner = await store.partner(code);
        if (!partner || partner.status !== 'ACTIVE') return;
        const batch = await store.pendingFor(code, this.options.batchSize);
        if (!isNonEmpty(batch) || batch[0].nextAttemptAt.getTime() > Date.now()) return;
        if (!(await this.send(partner, batch, report))) return;
        await store.leasePartner(code, this.owner, new Date(Date.now() + leaseMs));
      }
    } finally {
      await store.releasePartner(code, this.owner).catch(() => undefined);
    }
  }

  /** Sends one batch; false when the partner's queue must wait (backoff). */
  private async send(partner: PartnerRow, batch: NonEmpty<OutboundRow>, report: RoundReport): Promise<boolean> {
    const { identity, store, logger } = this.options;
    const requestId = randomUUID();
    // The data leaves the city only once its leaving is recorded.
    try {
      await Promise.all(
        MESSAGE_TYPES.flatMap((type) => {
          const ofType = batch.filter((m) => m.messageType === type);
          if (ofType.length === 0) return [];
          const fields = new Set(ofType.flatMap((m) => Object.keys(m.payload)));
          return [recordExchange(this.options.audit, partnerMeta(partner.code, requestId), type, ofType.map((m) => m.personId), fields)];
        }),
      );
    } catch {
      return this.retryLater(batch, 'the sending could not be recorded in the audit trail', report);
    }
    const messages = await Promise.all(
      batch.map((m) => signNotice(identity, partner.code, { id: m.id, type: m.messageType, occurredAt: m.occurredAt, payload: m.payload })),
    );

    let response: Response;
    try {
      response = await fetch(partner.inboxUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-request-id': requestId },
        body: JSON.stringify({ messages }),
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 10_000),
      });
    } catch (error) {
      const cause = (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).name;
      return this.retryLater(batch, `partner inbox unreachable (${cause})`, report);
    }
    const body = (await response.json().catch(() => null)) as { receipt?: unknown; error?: InboxError } | null;

    if (response.ok) {
      try {
        if (typeof body?.receipt !== 'string') throw new Error('no receipt');
        const entries = await verifyReceipt(body.receipt, partner.publicKey, { partner: partner.code, sender: identity.code });
        const acknowledged = new Set(entries.map((e) => e.id));
        const missing = batch.filter((m) => !acknowledged.has(m.id));
        if (missing.length > 0) throw new Error(`${missing.length} notices not acknowledged`);
        await store.markDelivered(partner.code, batch.map((m) => m.id), body.receipt, new Date());
        report.delivered += batch.length;
        const dropped = entries.filter((e) => e.dropped.length > 0);
        if (dropped.length > 0) logger.warn({ partner: partner.code, notices: dropped.length, fields: [...new Set(dropped.flatMap((e) => e.dropped))] }, 'partner dropped fields outside its agreement');
        return true;
      } catch (error) {
        return this.retryLater(batch, `partner's acknowledgement does not verify (${(error as Error).message})`, report);
      }
    }

    const refusal = body?.error;
    const reason = `partner refused (HTTP ${response.status}${refusal?.code ? ` ${refusal.code}` : ''}): ${refusal?.message ?? 'no reason given'}`.slice(0, 500);
    const index = refusal?.index;
    const refused = typeof index === 'number' ? batch[index] : undefined;
    if (refused && refusal?.code && PERMANENT.has(refusal.code)) {
      // That notice will never be accepted; the rest of the batch goes again at once.
      await store.markFailed([refused.id], reason);
      report.failed += 1;
      logger.warn({ partner: partner.code, messageId: refused.id, reason }, 'notice refused by partner');
      return true;
    }
    return this.retryLater(batch, reason, report);
  }

  private async retryLater(batch: NonEmpty<OutboundRow>, reason: string, report: RoundReport): Promise<false> {
    const { retryBaseMs, retryMaxMs, maxAttempts, store, logger } = this.options;
    const attempts = batch[0].attempts;
    const delay = Math.min(retryMaxMs, retryBaseMs * 2 ** Math.min(attempts, 30));
    // Jitter, so partners recovering together are not hit by every city at once.
    const next = new Date(Date.now() + delay * (0.8 + Math.random() * 0.4));
    await store.markAttemptFailed(batch.map((m) => m.id), reason, next, maxAttempts);
    report.retrying += batch.length;
    logger.warn({ partner: batch[0].partnerCode, notices: batch.length, attempts: attempts + 1, retryInMs: Math.round(delay), reason }, 'delivery failed; will retry');
    return false;
  }
}
