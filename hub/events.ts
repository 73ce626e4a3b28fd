import { createTransport, startRelays, type RunningRelays } from '../events/runtime.js';
import type { Database } from '../platform/db.js';
import type { Logger } from '../platform/logger.js';
import type { Env } from './env.js';

/** The components whose databases hold an outbox of domain events (events/types.ts EVENT_SOURCES). */
const EVENT_SOURCE_NAMES = ['police', 'housing', 'labour', 'exchange', 'declarations'] as const;
type EventSourceName = (typeof EVENT_SOURCE_NAMES)[number];

/**
 * A component run as its own process relays its own outbox over NATS. Without
 * EVENTS_NATS_URL there is nobody in this process to hand events to: they
 * stay in the outbox, durable, and leave once the process runs with NATS.
 * The department keeps serving meanwhile: its records are its work, and
 * warnings derived from them are not worth refusing them for.
 */
export async function relayOwnOutbox(
  name: string,
  database: Pick<Database<Record<string, unknown>>, 'db' | 'pglite' | 'pool'>,
  config: Pick<Env, 'EVENTS_NATS_URL' | 'EVENTS_POLL_MS'>,
  logger: Logger,
  /** NATS names under a prefix of their own: for tests sharing a server. */
  options: { prefix?: string } = {},
): Promise<(RunningRelays & { stop(): Promise<void> }) | null> {
  if (!(EVENT_SOURCE_NAMES as readonly string[]).includes(name)) return null;
  const source = name as EventSourceName;
  if (!config.EVENTS_NATS_URL) {
    logger.warn({ source }, 'EVENTS_NATS_URL is not set: events stay in this outbox until the process runs with NATS');
    return null;
  }
  const transport = await createTransport(config, logger, options);
  const relays = startRelays([{ source, database }], transport, logger, { pollMs: config.EVENTS_POLL_MS });
  logger.info({ source }, 'relaying the outbox over NATS');
  return {
    ...relays,
    stop: async () => {
      await relays.stop();
      await transport.close();
    },
  };
}
