import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import type { Database, Drizzle } from '../platform/db.js';
import { EnvError } from '../platform/env.js';
import type { Logger } from '../platform/logger.js';
import { EventOutbox } from './outbox.js';
import { EventRelay } from './relay.js';
import { InProcessTransport, type EventTransport } from './transport.js';
import type { DomainEvent } from './types.js';

/** What choosing and running the transport reads from the environment (hub/env.ts checks it). */
export interface EventsEnv {
  /** Unset: events travel in memory, within one process. */
  EVENTS_NATS_URL?: string | undefined;
  /** Names this hub's streams and consumers apart from other hubs' on a shared server. */
  EVENTS_NATS_PREFIX?: string | undefined;
  EVENTS_POLL_MS: number;
}

/**
 * The transport this process's events travel over: NATS JetStream when
 * EVENTS_NATS_URL names a server, in memory otherwise. The NATS client is
 * loaded only when used, so a hub in one process never loads it.
 */
export async function createTransport(env: Pick<EventsEnv, 'EVENTS_NATS_URL' | 'EVENTS_NATS_PREFIX'>, logger: Logger, options: { prefix?: string } = {}): Promise<EventTransport> {
  if (!env.EVENTS_NATS_URL) return new InProcessTransport();
  const { NatsTransport } = await import('./nats.js');
  try {
    const prefix = options.prefix ?? env.EVENTS_NATS_PREFIX ?? '';
    return await NatsTransport.connect({ servers: env.EVENTS_NATS_URL.split(','), logger, ...(prefix ? { prefix } : {}) });
  } catch (error) {
    // One line, as for any setting the process cannot start with; the URL is not repeated, it may hold a password.
    throw new EnvError(`EVENTS_NATS_URL: no NATS server with JetStream answered there (${error instanceof Error ? error.message : String(error)}); start it, or correct or unset the variable`);
  }
}

/** A source database, as its relay is handed it. */
export interface EventSourceDatabase {
  source: DomainEvent['source'];
  database: Pick<Database<Record<string, unknown>>, 'db' | 'pglite' | 'pool'>;
}

/**
 * The same database through a drizzle instance of its own that the
 * database's statement counter does not see: a relay polling in the
 * background must not show up in what a request is measured to cost.
 */
function relayDrizzle(database: EventSourceDatabase['database']): Drizzle<Record<string, unknown>> {
  if (database.pglite) return drizzlePglite({ client: database.pglite });
  if (database.pool) return drizzlePg({ client: database.pool });
  return database.db;
}

/** Relays already started, stopped together. */
export interface RunningRelays {
  readonly relays: readonly EventRelay[];
  /** Wakes every relay at once (the stores already do after each commit). */
  kick(): void;
  stop(): Promise<void>;
}

/** One relay per source database, each woken by its database's commits and polling every `pollMs` besides. */
export function startRelays(sources: readonly EventSourceDatabase[], transport: EventTransport, logger: Logger, options: { pollMs: number }): RunningRelays {
  const relays = sources.map(
    ({ source, database }) => new EventRelay(new EventOutbox(relayDrizzle(database), source), transport, logger, { pollMs: options.pollMs, wakeOn: database.db }),
  );
  for (const relay of relays) relay.start();
  return {
    relays,
    kick: () => {
      for (const relay of relays) relay.kick();
    },
    stop: async () => {
      await Promise.allSettled(relays.map((relay) => relay.stop()));
    },
  };
}
