import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NatsTransport } from '../../events/nats.js';
import { EventOutbox, eventsCommitted, insertEvent } from '../../events/outbox.js';
import type { DomainEvent } from '../../events/types.js';
import { relayOwnOutbox } from '../../hub/events.js';
import { parseEnv } from '../../hub/env.js';
import { startOwnRuleEngine } from '../../hub/rule-engines.js';
import { EnvError } from '../../platform/env.js';
import { createLogger } from '../../platform/logger.js';
import { newRunId, openTestDatabase, type TestDatabase } from '../support/databases.js';
import { testLogger } from '../support/servers.js';

/*
 * A department run as its own process (scripts/serve-subgraph.ts) relays its
 * own outbox over NATS when EVENTS_NATS_URL is set, and otherwise keeps its
 * events in the outbox and says so once.
 */

const NATS_URL = process.env.EVENTS_TEST_NATS_URL ?? 'nats://127.0.0.1:4222';

let database: TestDatabase<Record<string, unknown>>;

beforeAll(async () => {
  database = await openTestDatabase('housing', {});
});

afterAll(async () => {
  await database?.destroy();
});

async function writeTenancyEvent(): Promise<string> {
  const event = await database.db.transaction((tx) =>
    insertEvent(tx, {
      type: 'TenancyRegistered',
      payload: { tenancyId: randomUUID(), houseId: randomUUID(), houseCode: '510107000000000001', gridCode: '510107001001', divisionCode: '510107', tenantId: randomUUID(), start: '2024-01-01', rooms: 2, openTenancies: 3 },
    }),
  );
  eventsCommitted(database.db);
  return event.id;
}

function capturingLogger(): { logger: ReturnType<typeof createLogger>; lines: () => Record<string, unknown>[] } {
  const chunks: string[] = [];
  const logger = createLogger('test', 'info', { write: (chunk: string) => void chunks.push(chunk) });
  return { logger, lines: () => chunks.map((chunk) => JSON.parse(chunk) as Record<string, unknown>) };
}

describe('a department process', () => {
  it('without EVENTS_NATS_URL keeps its events in the outbox and says so once at start', async () => {
    const { logger, lines } = capturingLogger();
    const relays = await relayOwnOutbox('housing', database, { EVENTS_NATS_URL: undefined, EVENTS_POLL_MS: 20 }, logger);
    expect(relays).toBeNull();
    await writeTenancyEvent();
    expect(await new EventOutbox(database.db, 'housing').backlog()).toBeGreaterThan(0);
    expect(lines().map((line) => line.msg)).toEqual(['EVENTS_NATS_URL is not set: events stay in this outbox until the process runs with NATS']);
  });

  it('refuses to start with one line naming EVENTS_NATS_URL when no NATS server answers there', async () => {
    const closed = 'nats://127.0.0.1:1';
    const refusal = await relayOwnOutbox('housing', database, { EVENTS_NATS_URL: closed, EVENTS_POLL_MS: 20 }, testLogger).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(EnvError);
    expect((refusal as Error).message).toMatch(/^EVENTS_NATS_URL: no NATS server with JetStream answered there \([^\n]*\); start it, or correct or unset the variable$/);
    expect((refusal as Error).message).not.toContain(closed);
  });

  it('relays nothing when its database holds no outbox', async () => {
    expect(await relayOwnOutbox('health', database, { EVENTS_NATS_URL: NATS_URL, EVENTS_POLL_MS: 20 }, testLogger)).toBeNull();
  });

  it('with EVENTS_NATS_URL relays what waited and what it writes next to the HUB_EVENTS stream, in order', async () => {
    const waiting = await new EventOutbox(database.db, 'housing').unpublished(100);
    const prefix = `t${newRunId()}`;
    const reader = await NatsTransport.connect({ servers: NATS_URL, prefix, logger: testLogger });
    const name = 'process_test';
    const seen: DomainEvent[] = [];
    const consumer = await reader.consumeEvents(name, ['TenancyRegistered'], async (event) => void seen.push(event));
    const relays = await relayOwnOutbox('housing', database, { EVENTS_NATS_URL: NATS_URL, EVENTS_POLL_MS: 20 }, testLogger, { prefix });
    try {
      expect(relays?.relays.map((relay) => relay.source)).toEqual(['housing']);
      const next = await writeTenancyEvent();
      const expected = [...waiting.events.map((item) => item.event.id), next];
      for (const started = Date.now(); !expected.every((id) => seen.some((event) => event.id === id)) && Date.now() - started < 10_000; ) {
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      expect(seen.map((event) => event.id).filter((id) => expected.includes(id))).toEqual(expected);
    } finally {
      await relays?.stop();
      await consumer.stop();
      await reader.deleteStreams();
      await reader.close();
    }
  });

  it('without EVENTS_NATS_URL runs no alert rules, and says so once at start', async () => {
    const { logger, lines } = capturingLogger();
    expect(await startOwnRuleEngine('housing', database as never, parseEnv({}), logger)).toBeNull();
    expect(lines().map((line) => line.msg)).toEqual(['EVENTS_NATS_URL is not set: no events reach this process, so its alert rules do not run']);
  });

  it('runs the alert rules of housing over NATS, and none for a department that owns no rule', async () => {
    const config = parseEnv({ EVENTS_NATS_URL: NATS_URL, ALERT_PASS_SECONDS: '0' });
    expect(await startOwnRuleEngine('labour', database as never, config, testLogger)).toBeNull();
    const prefix = `t${newRunId()}`;
    const rules = await startOwnRuleEngine('housing', database as never, config, testLogger, { prefix });
    try {
      expect(rules?.engine.triggers).toEqual(['TenancyRegistered']);
    } finally {
      await rules?.stop();
      const cleaner = await NatsTransport.connect({ servers: NATS_URL, prefix, logger: testLogger });
      await cleaner.deleteStreams();
      await cleaner.close();
    }
  });
});
