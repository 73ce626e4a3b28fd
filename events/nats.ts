import { AckPolicy, DeliverPolicy, jetstream, jetstreamManager, RetentionPolicy, StorageType, type JetStreamClient, type JetStreamManager, type StreamConfig } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import type { Logger } from '../platform/logger.js';
import type { NewAlert } from './alerts.js';
import type { Consumer, EventTransport } from './transport.js';
import { EVENT_PAYLOADS, EVENT_SOURCES, isEventType, type DomainEvent, type EventType } from './types.js';

export interface NatsTransportOptions {
  /** The NATS server(s), e.g. nats://127.0.0.1:4222 (EVENTS_NATS_URL). */
  servers: string | string[];
  logger: Logger;
  /**
   * Put before every stream, subject and consumer name, so several hubs (or
   * test runs) can share one NATS server without seeing each other's events.
   * Letters, digits, `_` and `-` only.
   */
  prefix?: string;
  /** How long a handler's failure holds its event back before it comes again; doubled per delivery up to 30 s. */
  retryDelayMs?: number;
  /** How long a publish waits for the stream's acknowledgement. */
  publishTimeoutMs?: number;
}

const NANOS_PER_MS = 1_000_000;
/** A relay that crashed after publishing and before marking publishes again within seconds: the stream drops the copy by its id. */
const DUPLICATE_WINDOW_MS = 10 * 60_000;
/** A consumer down longer than this loses what it missed; the outboxes still hold every event. */
const MAX_AGE_MS = 14 * 24 * 3_600_000;
/** How long one pull waits for a message: also how long stopping a consumer may take. */
const PULL_WAIT_MS = 1_000;
/** A handler still running after this is presumed dead and its message delivered again. */
const ACK_WAIT_MS = 60_000;

/**
 * Events and alerts over NATS JetStream, for departments on separate
 * machines. Two streams: HUB_EVENTS (`hub.events.<source>.<type>`) and
 * HUB_ALERTS (`hub.alerts.<department>`), created or brought up to date at
 * start. A publish resolves on the stream's acknowledgement and carries the
 * event id (the alert key) as its message id, so a relay publishing again
 * after a crash is de-duplicated by the stream within its window (and by the
 * consumer after it). Consumers are durable, acknowledge explicitly once the
 * handler resolved, and hold one message at a time, so events reach them in
 * the order each source wrote them.
 */
export class NatsTransport implements EventTransport {
  readonly kind = 'nats' as const;
  private readonly consumers = new Set<RunningConsumer>();
  private closed = false;

  private constructor(
    private readonly nc: NatsConnection,
    private readonly js: JetStreamClient,
    private readonly jsm: JetStreamManager,
    private readonly names: Names,
    private readonly options: NatsTransportOptions,
  ) {}

  static async connect(options: NatsTransportOptions): Promise<NatsTransport> {
    const prefix = options.prefix ?? '';
    if (!/^[A-Za-z0-9_-]*$/.test(prefix)) throw new Error(`NATS prefix ${JSON.stringify(prefix)} may hold letters, digits, _ and - only`);
    const names = namesFor(prefix);
    const nc = await connect({ servers: options.servers, name: `hub${prefix ? `-${prefix}` : ''}`, maxReconnectAttempts: -1 });
    try {
      const jsm = await jetstreamManager(nc);
      await ensureStream(jsm, { name: names.eventsStream, subjects: [`${names.root}hub.events.>`] });
      await ensureStream(jsm, { name: names.alertsStream, subjects: [`${names.root}hub.alerts.>`] });
      return new NatsTransport(nc, jetstream(nc), jsm, names, options);
    } catch (error) {
      await nc.close();
      throw error;
    }
  }

  /** The stream names, for tests and operators. */
  get streams(): { events: string; alerts: string } {
    return { events: this.names.eventsStream, alerts: this.names.alertsStream };
  }

  async publishEvent(event: DomainEvent): Promise<void> {
    await this.publish(this.eventSubject(event.type), event, event.id);
  }

  async publishAlert(alert: NewAlert): Promise<void> {
    await this.publish(`${this.names.root}hub.alerts.${alert.recipient.department}`, alert, alert.key);
  }

  private async publish(subject: string, body: unknown, msgID: string): Promise<void> {
    if (this.closed) throw new Error('the NATS transport is closed');
    await this.js.publish(subject, JSON.stringify(body), { msgID, timeout: this.options.publishTimeoutMs ?? 5_000 });
  }

  private eventSubject(type: EventType): string {
    return `${this.names.root}hub.events.${EVENT_SOURCES[type]}.${type}`;
  }

  consumeEvents(name: string, types: readonly EventType[], handler: (event: DomainEvent) => Promise<void>): Promise<Consumer> {
    return this.consume(this.names.eventsStream, name, types.map((type) => this.eventSubject(type)), (data) => handler(decodeEvent(data)));
  }

  consumeAlerts(name: string, handler: (alert: NewAlert) => Promise<void>): Promise<Consumer> {
    return this.consume(this.names.alertsStream, name, [`${this.names.root}hub.alerts.>`], (data) => handler(JSON.parse(data) as NewAlert));
  }

  private async consume(stream: string, name: string, subjects: string[], handle: (data: string) => Promise<void>): Promise<Consumer> {
    if (this.closed) throw new Error('the NATS transport is closed');
    if (!/^[A-Za-z0-9_-]{1,100}$/.test(name)) throw new Error(`consumer name ${JSON.stringify(name)} may hold letters, digits, _ and - only`);
    const durable = `${this.names.consumerPrefix}${name}`;
    // Servers before 2.10 filter a consumer by one subject only: it then takes the whole stream and passes on what it asked for.
    const filtered = subjects.length === 1 || serverAtLeast(this.nc, 2, 10);
    const wanted = new Set(subjects);
    const filter = subjects.length === 1 ? { filter_subject: subjects[0] } : filtered ? { filter_subjects: subjects } : { filter_subject: `${this.names.root}hub.events.>` };
    const config = {
      ack_policy: AckPolicy.Explicit,
      ...filter,
      // One message in flight: the next is not delivered before this one is acknowledged, so order holds.
      max_ack_pending: 1,
      ack_wait: ACK_WAIT_MS * NANOS_PER_MS,
    };
    const existing = await this.jsm.consumers.info(stream, durable).catch(() => null);
    if (existing) await this.jsm.consumers.update(stream, durable, config);
    else await this.jsm.consumers.add(stream, { ...config, durable_name: durable, deliver_policy: DeliverPolicy.All });
    const consumer = await this.js.consumers.get(stream, durable);
    const running: RunningConsumer = { stopped: false, done: Promise.resolve() };
    running.done = this.handleAll(consumer, running, name, filtered ? null : wanted, handle);
    this.consumers.add(running);
    return {
      stop: async () => {
        this.consumers.delete(running);
        running.stopped = true;
        await running.done;
      },
    };
  }

  /*
   * One message pulled at a time rather than a buffered subscription: a
   * consumer that stops holds no message it was handed and never handled
   * (which, with one message in flight allowed, would hold up every other
   * until the acknowledgement wait ran out). One pulled as it stops is
   * handed back at once.
   */
  private async handleAll(consumer: Awaited<ReturnType<JetStreamClient['consumers']['get']>>, running: RunningConsumer, name: string, wanted: ReadonlySet<string> | null, handle: (data: string) => Promise<void>): Promise<void> {
    const retryDelay = this.options.retryDelayMs ?? 1_000;
    let failures = 0;
    while (!running.stopped) {
      let message;
      try {
        message = await consumer.next({ expires: PULL_WAIT_MS });
        failures = 0;
      } catch (error) {
        if (running.stopped || this.closed) break;
        failures += 1;
        if (failures === 1) this.options.logger.warn({ consumer: name, err: error instanceof Error ? error.message : String(error) }, 'could not pull from NATS; trying again');
        await new Promise((resolve) => setTimeout(resolve, Math.min(5_000, 100 * 2 ** Math.min(failures, 6))));
        continue;
      }
      if (!message) continue;
      if (running.stopped) {
        message.nak();
        break;
      }
      if (wanted && !wanted.has(message.subject)) {
        message.ack();
        continue;
      }
      try {
        await handle(message.string());
        message.ack();
      } catch (error) {
        if (error instanceof UndecodableMessage) {
          // No release of the hub reads it: delivering it again would hold up every message behind it for nothing.
          this.options.logger.error({ consumer: name, seq: message.seq, reason: error.message }, 'a message no consumer can read was dropped');
          message.term();
          continue;
        }
        message.nak(Math.min(30_000, retryDelay * 2 ** Math.min(message.info.deliveryCount - 1, 10)));
        this.options.logger.warn({ consumer: name, seq: message.seq, deliveries: message.info.deliveryCount, err: error instanceof Error ? error.message : String(error) }, 'a consumer failed; the message comes again later');
      }
    }
  }

  /** Removes the streams and every consumer on them: for tests, which run under a prefix of their own. */
  async deleteStreams(): Promise<void> {
    await this.jsm.streams.delete(this.names.eventsStream).catch(() => false);
    await this.jsm.streams.delete(this.names.alertsStream).catch(() => false);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const running = [...this.consumers];
    this.consumers.clear();
    for (const consumer of running) consumer.stopped = true;
    await Promise.allSettled(running.map((consumer) => consumer.done));
    await this.nc.drain().catch(() => this.nc.close());
  }
}

interface RunningConsumer {
  stopped: boolean;
  done: Promise<void>;
}

interface Names {
  /** Put before every subject: `<prefix>.` or nothing. */
  root: string;
  eventsStream: string;
  alertsStream: string;
  consumerPrefix: string;
}

function namesFor(prefix: string): Names {
  return prefix
    ? { root: `${prefix}.`, eventsStream: `${prefix}_HUB_EVENTS`, alertsStream: `${prefix}_HUB_ALERTS`, consumerPrefix: `${prefix}_` }
    : { root: '', eventsStream: 'HUB_EVENTS', alertsStream: 'HUB_ALERTS', consumerPrefix: '' };
}

async function ensureStream(jsm: JetStreamManager, wanted: { name: string; subjects: string[] }): Promise<void> {
  const config: Partial<StreamConfig> & { name: string } = {
    name: wanted.name,
    subjects: wanted.subjects,
    retention: RetentionPolicy.Limits,
    storage: StorageType.File,
    max_age: MAX_AGE_MS * NANOS_PER_MS,
    duplicate_window: DUPLICATE_WINDOW_MS * NANOS_PER_MS,
  };
  const existing = await jsm.streams.info(wanted.name).catch(() => null);
  if (!existing) {
    await jsm.streams.add(config);
    return;
  }
  const same = existing.config.subjects.length === wanted.subjects.length && wanted.subjects.every((s) => existing.config.subjects.includes(s));
  if (!same || existing.config.duplicate_window !== config.duplicate_window || existing.config.max_age !== config.max_age) {
    const { name, retention: _retention, storage: _storage, ...update } = config;
    await jsm.streams.update(name, update);
  }
}

class UndecodableMessage extends Error {}

/** What came over the wire, checked as the outbox checked it when it was written. */
function decodeEvent(data: string): DomainEvent {
  let body: unknown;
  try {
    body = JSON.parse(data);
  } catch {
    throw new UndecodableMessage('not JSON');
  }
  if (typeof body !== 'object' || body === null) throw new UndecodableMessage('not an event');
  const { id, type, occurredAt, payload } = body as Record<string, unknown>;
  if (typeof id !== 'string' || typeof type !== 'string' || typeof occurredAt !== 'string' || !isEventType(type)) throw new UndecodableMessage('not an event of a known type');
  const parsed = EVENT_PAYLOADS[type].safeParse(payload);
  if (!parsed.success) throw new UndecodableMessage(`a ${type} whose payload does not match its schema`);
  return { id, type, source: EVENT_SOURCES[type], occurredAt, payload: parsed.data } as DomainEvent;
}

/** Whether the server this connection reached runs at least `major.minor`. */
function serverAtLeast(nc: NatsConnection, major: number, minor: number): boolean {
  const [haveMajor = 0, haveMinor = 0] = (nc.info?.version ?? '0.0').split('.').map(Number);
  return haveMajor > major || (haveMajor === major && haveMinor >= minor);
}
