import { randomUUID } from 'node:crypto';
import type { Logger } from '../platform/logger.js';
import { onEventsCommitted, type EventOutbox, type OutboxEvent } from './outbox.js';
import type { EventTransport } from './transport.js';

export interface EventRelayOptions {
  /** Milliseconds between looks at the outbox when nothing woke the relay (EVENTS_POLL_MS). */
  pollMs: number;
  /** Events read and published per round. */
  batchSize?: number;
  /** The longest wait after failures, which double the wait from `pollMs` up to this. */
  maxBackoffMs?: number;
  /** How long a lease on the outbox lasts unless renewed; renewed every round. */
  leaseMs?: number;
  /** The database whose stores say when events committed (events/outbox.ts eventsCommitted): the relay wakes at once. */
  wakeOn?: object;
  /**
   * Runs after a batch was published and before it is marked. Only the
   * crash-recovery test uses it, to stop the process exactly there.
   */
  beforeMark?: (events: readonly OutboxEvent[]) => Promise<void>;
}

/**
 * Moves the events of one source's outbox to the transport: oldest first,
 * each published and accepted before the next, marked published once the
 * transport accepted them. The first failure ends the round (what follows
 * waits, so a source's events are never reordered) and the next round comes
 * after a backoff. A crash after publishing and before marking publishes
 * those events again: delivery is at least once, and consumers de-duplicate
 * by event id.
 *
 * Several replicas may run a relay of the same outbox: a lease in the
 * source's database lets one at a time publish.
 */
export class EventRelay {
  private readonly owner = randomUUID();
  private readonly batchSize: number;
  private readonly maxBackoffMs: number;
  private readonly leaseMs: number;
  private timer: NodeJS.Timeout | undefined;
  private wake: (() => void) | undefined;
  private kicked = false;
  private running: Promise<void> | undefined;
  private stopping = false;
  private failures = 0;
  private unsubscribe: (() => void) | undefined;
  /** Events published and marked since start. */
  published = 0;

  constructor(
    private readonly outbox: EventOutbox,
    private readonly transport: EventTransport,
    private readonly logger: Logger,
    private readonly options: EventRelayOptions,
  ) {
    this.batchSize = options.batchSize ?? 100;
    this.maxBackoffMs = options.maxBackoffMs ?? 10_000;
    this.leaseMs = options.leaseMs ?? 30_000;
  }

  get source(): string {
    return this.outbox.source;
  }

  start(): void {
    if (this.running) return;
    if (this.options.wakeOn) this.unsubscribe = onEventsCommitted(this.options.wakeOn, () => this.kick());
    this.running = this.loop();
  }

  /** A commit just wrote events: relay now rather than at the next poll. */
  kick(): void {
    this.kicked = true;
    // After a failure the wait is a backoff: a kick does not cut it short, or a broken transport would be hammered at every commit.
    if (this.failures === 0) this.wake?.();
  }

  /**
   * Publishes and marks what waits, round after round, until a round finds
   * nothing, fails or is refused the lease. Returns how many were published.
   */
  async relayOnce(): Promise<number> {
    // An idle outbox costs one indexed look per poll; the lease is taken only when there is work.
    if (!(await this.outbox.hasUnpublished())) return 0;
    if (!(await this.outbox.lease(this.owner, new Date(Date.now() + this.leaseMs)))) return 0;
    let total = 0;
    for (;;) {
      const { events, unreadable } = await this.outbox.unpublished(this.batchSize);
      const accepted: OutboxEvent[] = [];
      let failure: Error | undefined;
      for (const item of events) {
        try {
          await this.transport.publishEvent(item.event);
          accepted.push(item);
        } catch (error) {
          failure = error instanceof Error ? error : new Error(String(error));
          break;
        }
      }
      if (accepted.length > 0) {
        await this.options.beforeMark?.(accepted);
        await this.outbox.markPublished(accepted.map((item) => item.seq));
        total += accepted.length;
        this.published += accepted.length;
      }
      if (failure !== undefined) throw failure;
      if (unreadable !== null) throw new UnreadableEventError(this.outbox.source, unreadable);
      if (events.length < this.batchSize || this.stopping) return total;
      await this.outbox.lease(this.owner, new Date(Date.now() + this.leaseMs));
    }
  }

  private async loop(): Promise<void> {
    while (!this.stopping) {
      this.kicked = false;
      try {
        await this.relayOnce();
        this.failures = 0;
      } catch (error) {
        this.failures += 1;
        // One line per run of failures, then quiet: a transport down for an hour must not fill the log.
        if (this.failures === 1 || this.failures % 100 === 0) {
          this.logger.warn({ source: this.outbox.source, failures: this.failures, err: error instanceof UnreadableEventError ? error.message : describe(error) }, 'events could not be relayed; they stay in the outbox and are tried again');
        }
      }
      if (this.stopping) break;
      // A kick during a round means a commit the round may have missed.
      if (this.kicked && this.failures === 0) continue;
      await this.sleep(this.failures === 0 ? this.options.pollMs : Math.min(this.maxBackoffMs, this.options.pollMs * 2 ** Math.min(this.failures, 16)));
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      this.wake = () => {
        clearTimeout(this.timer);
        this.wake = undefined;
        resolve();
      };
      this.timer = setTimeout(this.wake, ms);
    });
  }

  /** Finishes the round in flight, gives up the lease, and stops. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.unsubscribe?.();
    this.wake?.();
    await this.running;
    this.running = undefined;
    try {
      await this.outbox.release(this.owner);
    } catch {
      // The lease runs out by itself.
    }
  }
}

/** An outbox row this release cannot read; the relay waits for one that can rather than skip or reorder it. */
export class UnreadableEventError extends Error {
  constructor(source: string, seq: number) {
    super(`the ${source} outbox holds an event this release cannot read (seq ${seq}); events after it wait for a relay that can`);
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
