import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NatsTransport } from '../../events/nats.js';
import { EventOutbox, eventsCommitted, insertEvent, type NewEvent } from '../../events/outbox.js';
import { EventRelay } from '../../events/relay.js';
import { InProcessTransport, type EventTransport } from '../../events/transport.js';
import type { DomainEvent } from '../../events/types.js';
import { dropPostgresDatabase, migrateDatabase, openDatabase, type DatabaseTarget } from '../../platform/db.js';
import { fromRoot } from '../../platform/paths.js';
import { openTestDatabase, newRunId, testTarget, usingPostgres, type TestDatabase } from '../support/databases.js';
import { testLogger } from '../support/servers.js';
import { migrationsFolder } from '../../subgraphs/databases.js';

/*
 * The relay of one outbox over each transport: every event reaches a
 * consumer, in the order it was written, once after de-duplication by id,
 * also when a consumer fails and when the relay dies between publishing and
 * marking.
 */

const NATS_URL = process.env.EVENTS_TEST_NATS_URL ?? 'nats://127.0.0.1:4222';

interface TransportCase {
  kind: 'in-process' | 'nats';
  open(): Promise<EventTransport>;
}

const prefix = `t${newRunId()}`;
const natsTransports: NatsTransport[] = [];

const CASES: TransportCase[] = [
  { kind: 'in-process', open: async () => new InProcessTransport() },
  {
    kind: 'nats',
    open: async () => {
      const { NatsTransport } = await import('../../events/nats.js');
      const transport = await NatsTransport.connect({ servers: NATS_URL, prefix, logger: testLogger, retryDelayMs: 50 });
      natsTransports.push(transport);
      return transport;
    },
  },
];

afterAll(async () => {
  if (natsTransports.length > 0) {
    const { NatsTransport } = await import('../../events/nats.js');
    const cleaner = await NatsTransport.connect({ servers: NATS_URL, prefix, logger: testLogger });
    await cleaner.deleteStreams();
    await cleaner.close();
  }
});

function employmentEvent(): NewEvent {
  return {
    type: 'EmploymentRegistered',
    payload: { employmentId: randomUUID(), employerId: randomUUID(), gridCode: '510107001001', divisionCode: '510107', personId: randomUUID(), start: '2024-01-01' },
  };
}

async function writeEvents(database: TestDatabase<Record<string, unknown>>, count: number): Promise<string[]> {
  const ids: string[] = [];
  await database.db.transaction(async (tx) => {
    for (let i = 0; i < count; i += 1) ids.push((await insertEvent(tx, employmentEvent())).id);
  });
  eventsCommitted(database.db);
  return ids;
}

/** Resolves once `done()` holds, checking every 10 ms; fails after `ms`. */
async function until(done: () => boolean, ms = 10_000): Promise<void> {
  const started = Date.now();
  while (!done()) {
    if (Date.now() - started > ms) throw new Error(`not within ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

const firstOccurrences = (ids: readonly string[]): string[] => [...new Set(ids)];

describe.each(CASES)('the relay over the $kind transport', (transportCase) => {
  let database: TestDatabase<Record<string, unknown>>;
  let transport: EventTransport;
  let consumers = 0;
  const consumerName = () => `relay_test_${transportCase.kind.replace('-', '_')}_${(consumers += 1)}`;

  beforeAll(async () => {
    database = await openTestDatabase('labour', {});
    transport = await transportCase.open();
  }, 60_000);

  afterAll(async () => {
    await transport?.close();
    await database?.destroy();
  });

  /** Relays everything waiting now; what is left waits for the next test's relay. */
  async function drain(relay: EventRelay): Promise<void> {
    const outbox = new EventOutbox(database.db, 'labour');
    for (let round = 0; round < 100 && (await outbox.backlog()) > 0; round += 1) {
      await relay.relayOnce().catch(() => 0);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  it('hands every event to a consumer once, in the order the source wrote them', async () => {
    const seen: DomainEvent[] = [];
    const consumer = await transport.consumeEvents(consumerName(), ['EmploymentRegistered'], async (event) => void seen.push(event));
    const relay = new EventRelay(new EventOutbox(database.db, 'labour'), transport, testLogger, { pollMs: 20, batchSize: 7 });
    const ids = [...(await writeEvents(database, 12)), ...(await writeEvents(database, 13))];
    relay.start();
    await until(() => seen.length >= ids.length);
    await relay.stop();
    await consumer.stop();
    expect(seen.map((event) => event.id)).toEqual(ids);
    expect(seen.every((event) => event.source === 'labour' && event.type === 'EmploymentRegistered')).toBe(true);
    expect(await new EventOutbox(database.db, 'labour').backlog()).toBe(0);
  });

  it('publishes each event once and in order when two replicas relay the same outbox', async () => {
    const seen: string[] = [];
    const ids = await writeEvents(database, 30);
    const consumer = await transport.consumeEvents(consumerName(), ['EmploymentRegistered'], async (event) => {
      if (ids.includes(event.id)) seen.push(event.id);
    });
    const replicas = [1, 2].map(() => new EventRelay(new EventOutbox(database.db, 'labour'), transport, testLogger, { pollMs: 5, batchSize: 4 }));
    for (const relay of replicas) relay.start();
    await until(() => seen.length >= ids.length);
    await Promise.all(replicas.map((relay) => relay.stop()));
    await consumer.stop();
    expect(seen).toEqual(ids);
    // The lease let one publish while the other waited; neither published what the other had.
    expect(replicas.reduce((sum, relay) => sum + relay.published, 0)).toBe(ids.length);
  });

  it('hands an event again, later, to a consumer that failed on it, and the ones after it only after it', async () => {
    const seen: string[] = [];
    let failures = 0;
    const ids = await writeEvents(database, 5);
    const failOn = ids[2];
    const consumer = await transport.consumeEvents(consumerName(), ['EmploymentRegistered'], async (event) => {
      if (!ids.includes(event.id)) return;
      if (event.id === failOn && failures < 2) {
        failures += 1;
        throw new Error('the consumer is not ready');
      }
      seen.push(event.id);
    });
    const relay = new EventRelay(new EventOutbox(database.db, 'labour'), transport, testLogger, { pollMs: 20, maxBackoffMs: 100 });
    relay.start();
    await until(() => firstOccurrences(seen).length >= ids.length);
    await relay.stop();
    await consumer.stop();
    expect(failures).toBe(2);
    expect(firstOccurrences(seen)).toEqual(ids);
  });

  it('brings an event from commit to consumer within a second when the commit wakes the relay', async () => {
    const arrived = new Map<string, number>();
    const consumer = await transport.consumeEvents(consumerName(), ['EmploymentRegistered'], async (event) => void arrived.set(event.id, Date.now()));
    // Polling alone would take ten seconds: only the wake-up can be this quick.
    const relay = new EventRelay(new EventOutbox(database.db, 'labour'), transport, testLogger, { pollMs: 10_000, wakeOn: database.db });
    relay.start();
    await drain(relay);
    const committed = Date.now();
    const [id] = await writeEvents(database, 1);
    await until(() => arrived.has(id!), 5_000);
    await relay.stop();
    await consumer.stop();
    expect(arrived.get(id!)! - committed).toBeLessThan(1_000);
  });

  it('loses nothing when the relay dies between publishing and marking: what it published comes again and is de-duplicated by id', async () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'relay-crash-'));
    const consumedFile = path.join(folder, 'consumed');
    writeFileSync(consumedFile, '');
    // The relay runs in another process: PGlite on disk (closed here meanwhile), or a database of its own on PostgreSQL.
    const runId = newRunId();
    const target: DatabaseTarget = usingPostgres() ? testTarget('labour', runId) : { kind: 'pglite', dir: path.join(folder, 'db') };
    const shared = await openDatabase(target, {});
    await migrateDatabase(shared, migrationsFolder('labour'));
    const ids: string[] = [];
    await shared.db.transaction(async (tx) => {
      for (let i = 0; i < 25; i += 1) ids.push((await insertEvent(tx, employmentEvent())).id);
    });
    await shared.close();

    const consumed: string[] = [];
    const consumer =
      transportCase.kind === 'nats' ? await transport.consumeEvents(consumerName(), ['EmploymentRegistered'], async (event) => void consumed.push(event.id)) : null;
    const run = (pause: boolean) =>
      runRelayProcess({ target, transport: transportCase.kind, natsUrl: NATS_URL, prefix, pause, consumedFile });

    const first = await run(true);
    expect(first).toBe('killed after publishing');
    expect(await run(false)).toBe('done');
    if (consumer) {
      await until(() => ids.every((id) => consumed.includes(id)));
      await consumer.stop();
    } else {
      consumed.push(...readFileSync(consumedFile, 'utf8').split('\n').filter(Boolean));
    }
    // The first batch (10) reached the consumer before the crash; in process it comes again, over NATS the stream drops the copies.
    const ours = consumed.filter((id) => ids.includes(id));
    expect(firstOccurrences(ours)).toEqual(ids);
    if (transportCase.kind === 'in-process') expect(ours).toHaveLength(ids.length + 10);

    const reopened = await openDatabase(target, {});
    expect(await new EventOutbox(reopened.db, 'labour').backlog()).toBe(0);
    await reopened.close();
    if (target.kind === 'postgres') await dropPostgresDatabase(target.url);
    rmSync(folder, { recursive: true, force: true });
  }, 120_000);
});

describe('the NATS transport', () => {
  it('keeps what a durable consumer missed while it was stopped, and hands it over when it starts again', async () => {
    const { NatsTransport } = await import('../../events/nats.js');
    const transport = await NatsTransport.connect({ servers: NATS_URL, prefix, logger: testLogger });
    natsTransports.push(transport);
    const name = `durable_${randomUUID().slice(0, 8)}`;
    const before: string[] = [];
    const first = await transport.consumeEvents(name, ['EmploymentRegistered'], async (event) => void before.push(event.id));
    await first.stop();
    const missed: DomainEvent[] = [1, 2, 3].map(() => {
      const { type, payload } = employmentEvent();
      return { id: randomUUID(), type, source: 'labour', occurredAt: new Date().toISOString(), payload } as DomainEvent;
    });
    for (const event of missed) await transport.publishEvent(event);
    const after: string[] = [];
    const again = await transport.consumeEvents(name, ['EmploymentRegistered'], async (event) => void after.push(event.id));
    await until(() => missed.every((event) => after.includes(event.id)));
    await again.stop();
    await transport.close();
    expect(before).toEqual([]);
    expect(after.filter((id) => missed.some((event) => event.id === id))).toEqual(missed.map((event) => event.id));
  });

  it('accepts a publish of an event id already in the stream without storing it twice', async () => {
    const { NatsTransport } = await import('../../events/nats.js');
    const transport = await NatsTransport.connect({ servers: NATS_URL, prefix, logger: testLogger });
    natsTransports.push(transport);
    const { type, payload } = employmentEvent();
    const event = { id: randomUUID(), type, source: 'labour', occurredAt: new Date().toISOString(), payload } as DomainEvent;
    const seen: string[] = [];
    const consumer = await transport.consumeEvents(`dup_${randomUUID().slice(0, 8)}`, ['EmploymentRegistered'], async (e) => void seen.push(e.id));
    await transport.publishEvent(event);
    await transport.publishEvent(event);
    const marker = { ...event, id: randomUUID() } as DomainEvent;
    await transport.publishEvent(marker);
    await until(() => seen.includes(marker.id));
    await consumer.stop();
    await transport.close();
    expect(seen.filter((id) => id === event.id)).toHaveLength(1);
  });
});

/** Runs the relay process; with `pause`, kills it with SIGKILL once it published a batch it has not marked. */
function runRelayProcess(settings: Record<string, unknown>): Promise<'done' | 'killed after publishing'> {
  // tsx as a loader of this node, not its command line: that would run the relay in a grandchild the SIGKILL never reaches.
  const child = spawn(process.execPath, ['--import', 'tsx', fromRoot('tests/support/relay-process.ts'), JSON.stringify(settings)], {
    cwd: fromRoot(),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  return new Promise((resolve, reject) => {
    let killed = false;
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('published\n') && !killed) {
        killed = true;
        child.kill('SIGKILL');
      }
    });
    child.on('exit', (code, signal) => {
      if (killed && signal === 'SIGKILL') resolve('killed after publishing');
      else if (code === 0 && out.includes('done\n')) resolve('done');
      else reject(new Error(`the relay process ended with ${code ?? signal}: ${err.slice(0, 2000)}`));
    });
  });
}
