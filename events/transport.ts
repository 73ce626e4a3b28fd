import type { NewAlert } from './alerts.js';
import type { DomainEvent, EventType } from './types.js';

/**
 * How events and alerts travel between the hub's parts. In one process
 * (`npm start`) they are handed over in memory; with EVENTS_NATS_URL set they
 * travel over NATS JetStream (events/nats.ts), so departments can run as
 * separate processes on separate machines. Either way delivery is at least
 * once: the outbox in each department's database is what makes an event
 * durable, the relay hands it on until the transport accepts it, and every
 * consumer de-duplicates by id (an alert by its key), so an event delivered
 * twice never raises a second alert.
 */
export interface EventTransport {
  readonly kind: 'in-process' | 'nats';
  /**
   * Hands an event on. Resolves once it is durably accepted — stored in the
   * stream, or, in process, handled by every consumer of its type — and
   * rejects otherwise; the relay then leaves it in the outbox and tries again.
   */
  publishEvent(event: DomainEvent): Promise<void>;
  /**
   * A durable consumer named `name` of the events of `types`. A handler that
   * resolves acknowledges the event; one that throws has it delivered again
   * later. Events of one source arrive in the order they were written.
   */
  consumeEvents(name: string, types: readonly EventType[], handler: (event: DomainEvent) => Promise<void>): Promise<Consumer>;
  /** Hands an alert to the alert store, as `publishEvent` hands an event on. */
  publishAlert(alert: NewAlert): Promise<void>;
  /** A durable consumer of alerts (the alert store): acknowledged when the handler resolves. */
  consumeAlerts(name: string, handler: (alert: NewAlert) => Promise<void>): Promise<Consumer>;
  close(): Promise<void>;
}

export interface Consumer {
  stop(): Promise<void>;
}

type Handler<T> = (item: T) => Promise<void>;

/**
 * Events and alerts handed over in memory, for a hub in one process. A
 * publish resolves when every consumer of the item has handled it and
 * rejects if any threw, so the item stays in its outbox and comes again:
 * consumers that already handled it see it twice and must (and do) ignore it.
 */
export class InProcessTransport implements EventTransport {
  readonly kind = 'in-process' as const;
  private readonly eventConsumers = new Map<string, { types: ReadonlySet<EventType>; handler: Handler<DomainEvent> }>();
  private readonly alertConsumers = new Map<string, Handler<NewAlert>>();

  async publishEvent(event: DomainEvent): Promise<void> {
    const handlers = [...this.eventConsumers.values()].filter((consumer) => consumer.types.has(event.type)).map((consumer) => consumer.handler);
    await settleAll(handlers.map((handler) => handler(event)));
  }

  async consumeEvents(name: string, types: readonly EventType[], handler: Handler<DomainEvent>): Promise<Consumer> {
    if (this.eventConsumers.has(name)) throw new Error(`an event consumer named ${name} is already running`);
    this.eventConsumers.set(name, { types: new Set(types), handler });
    return { stop: async () => void this.eventConsumers.delete(name) };
  }

  async publishAlert(alert: NewAlert): Promise<void> {
    await settleAll([...this.alertConsumers.values()].map((handler) => handler(alert)));
  }

  async consumeAlerts(name: string, handler: Handler<NewAlert>): Promise<Consumer> {
    if (this.alertConsumers.has(name)) throw new Error(`an alert consumer named ${name} is already running`);
    this.alertConsumers.set(name, handler);
    return { stop: async () => void this.alertConsumers.delete(name) };
  }

  async close(): Promise<void> {
    this.eventConsumers.clear();
    this.alertConsumers.clear();
  }
}

/** Waits for every handler, then rejects with the first failure: one consumer's fault does not cut another's work short. */
async function settleAll(work: readonly Promise<void>[]): Promise<void> {
  const results = await Promise.allSettled(work);
  const failed = results.find((result): result is PromiseRejectedResult => result.status === 'rejected');
  if (failed) throw failed.reason;
}
