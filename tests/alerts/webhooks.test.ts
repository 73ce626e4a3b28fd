import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { alertsSchema } from '../../alerts/database.js';
import { webhookDeliveries, webhookSubscriptions } from '../../alerts/db/schema.js';
import { ALERT_RULES } from '../../alerts/rules.js';
import { AlertsStore, type WebhookScope } from '../../alerts/store.js';
import { verifyAlertWebhook } from '../../alerts/webhook-signature.js';
import { retryDelayMs, WebhookWorker, type ResolveHost, type WebhookSettings, type WebhookWorkerOptions } from '../../alerts/webhooks.js';
import type { NewAlert } from '../../events/alerts.js';
import { exchangeSchema } from '../../exchange/database.js';
import { generateCityIdentity } from '../../exchange/identity.js';
import { Inbox, serveInbox } from '../../exchange/inbox.js';
import { ExchangeStore } from '../../exchange/store.js';
import type { CityIdentity } from '../../exchange/signing.js';
import { createLogger } from '../../platform/logger.js';
import { codeBlocks } from '../docs/markdown.js';
import { openTestDatabase, type TestDatabase } from '../support/databases.js';
import { MemoryAccessRecorder } from '../support/recorder.js';

/**
 * Webhook delivery against real receivers on loopback and a real alert
 * store: what a department's system gets, in which order, how often, and
 * what it can check. Retry timings are kept small through the settings.
 */

const SETTINGS: WebhookSettings = { timeoutMs: 300, retryBaseMs: 20, retryMaxMs: 120, pollMs: 20 };
const WHOLE_CITY: WebhookScope = { confined: false, grids: [], divisions: [] };
const GRID = '510107001001';

let database: TestDatabase<typeof alertsSchema>;
let store: AlertsStore;
let identity: CityIdentity;
const logLines: string[] = [];
const logger = createLogger('webhooks-test', 'debug', { write: (line: string) => void logLines.push(line) });
const workers: WebhookWorker[] = [];
const receivers: Receiver[] = [];

beforeAll(async () => {
  database = await openTestDatabase('alerts', alertsSchema);
  store = new AlertsStore(database.db);
  identity = await generateCityIdentity('510100', '成都市');
});
afterEach(async () => {
  await Promise.all(workers.splice(0).map((worker) => worker.stop()));
  await Promise.all(receivers.splice(0).map((receiver) => receiver.close()));
  // Each test's subscriptions end with it, so the next test's worker does not keep calling its receivers.
  await database.db.update(webhookSubscriptions).set({ active: false });
});
afterAll(async () => {
  await database?.destroy();
});

interface Received {
  body: string;
  headers: http.IncomingHttpHeaders;
}

type Answer = number | 'hang';

interface Receiver {
  url: string;
  port: number;
  received: Received[];
  /** How it answers the next request (200 unless set). */
  answer: (request: Received) => Answer;
  close(): Promise<void>;
}

async function startReceiver(port = 0, answer: (request: Received) => Answer = () => 200): Promise<Receiver> {
  const received: Received[] = [];
  const receiver: Receiver = { url: '', port: 0, received, answer, close: () => Promise.resolve() };
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const got = { body: Buffer.concat(chunks).toString('utf8'), headers: request.headers };
      received.push(got);
      const status = receiver.answer(got);
      if (status === 'hang') return;
      // An error body naming a resident: it must appear nowhere in the hub's logs or store.
      response.writeHead(status, { 'content-type': 'text/plain' }).end(status >= 300 ? 'receiver broke: 张三 110101199003077777' : 'ok');
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  receiver.port = (server.address() as AddressInfo).port;
  receiver.url = `http://127.0.0.1:${receiver.port}/hooks`;
  receiver.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  receivers.push(receiver);
  return receiver;
}

function startWorker(options: Pick<WebhookWorkerOptions, 'production' | 'resolve'> = {}): WebhookWorker {
  const worker = new WebhookWorker({ store, signingKey: identity.signingKey, logger, settings: SETTINGS, ...options });
  workers.push(worker);
  worker.start();
  return worker;
}

const newAlert = (overrides: Partial<NewAlert> = {}): NewAlert => ({
  key: `webhooks:${randomUUID()}`,
  rule: 'key-person.tenancy',
  kind: 'KEY_PERSON',
  recipient: { department: 'police', gridCode: GRID, divisionCode: GRID.slice(0, 6) },
  subject: { personId: randomUUID(), houseId: randomUUID(), employerId: null },
  details: { flagCategory: 'DRUGS', flagLevel: '2' },
  summary: 'A flagged person took a tenancy in this grid',
  purposes: ['public-security', 'case-investigation'],
  eventId: randomUUID(),
  eventType: 'TenancyRegistered',
  occurredAt: new Date().toISOString(),
  ...overrides,
});

async function raise(count: number, overrides: Partial<NewAlert> = {}): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const { inserted, id } = await store.insertAlert(newAlert(overrides));
    expect(inserted).toBe(true);
    ids.push(id);
  }
  return ids;
}

async function until(condition: () => boolean | Promise<boolean>, what: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const deliveriesOf = (subscriptionId: string) => database.db.select().from(webhookDeliveries).where(eq(webhookDeliveries.subscriptionId, subscriptionId));
const idsOf = (receiver: Receiver) => receiver.received.map((r) => (JSON.parse(r.body) as { id: string }).id);
const uniqueInOrder = (ids: readonly string[]) => ids.filter((id, index) => ids.indexOf(id) === index);
const subscribe = (receiver: Receiver, scope: WebhookScope = WHOLE_CITY) => store.addWebhook('police', scope, receiver.url, 'officer-1');

describe('alert webhooks', () => {
  it('deliver each alert once, in the order raised, signed with the key the city publishes', async () => {
    const receiver = await startReceiver();
    const subscription = await subscribe(receiver);
    const details = { name: '张伟', idNumber: '510107198804121234', flagCategory: 'DRUGS', flagLevel: '2', notRevealed: 'kept back' };
    const ids = await raise(5, { details });
    startWorker();
    await until(() => receiver.received.length >= 5, 'five alerts arrive');
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(idsOf(receiver)).toEqual(ids);
    for (const got of receiver.received) {
      expect(verifyAlertWebhook(got.body, got.headers, identity.publicJwk)).toMatchObject({ ok: true });
      expect(got.headers['x-hub-delivery-attempt']).toBe('1');
      expect(got.headers['content-type']).toBe('application/json');
      const body = JSON.parse(got.body) as Record<string, unknown>;
      expect(got.headers['x-hub-alert-id']).toBe(body.id);
      expect(Object.keys(body).sort()).toEqual(
        ['id', 'rule', 'kind', 'summary', 'raisedAt', 'occurredAt', 'eventType', 'gridCode', 'divisionCode', 'personId', 'houseId', 'employerId', 'details'].sort(),
      );
      // Only what the rule's line reveals as Alert.<name> leaves with the alert.
      const rule = ALERT_RULES.find((r) => r.id === body.rule);
      const revealed = (rule?.reveals ?? []).filter((f) => f.startsWith('Alert.')).map((f) => f.slice(6));
      expect(revealed).toEqual(expect.arrayContaining(['name', 'idNumber']));
      expect(body.details).toEqual(Object.fromEntries(Object.entries(details).filter(([name]) => revealed.includes(name))));
    }
    // The receiver has each request before the worker hears its answer and marks the delivery.
    await until(async () => (await deliveriesOf(subscription.id)).every((row) => row.deliveredAt !== null), 'every delivery is marked delivered');
    const deliveries = await deliveriesOf(subscription.id);
    expect(deliveries.map((row) => [row.attempts, row.lastError, row.deliveredAt !== null])).toEqual(ids.map(() => [1, null, true]));
  });

  it('gives a subscription registered later only the alerts raised after it', async () => {
    await raise(2);
    const receiver = await startReceiver();
    await subscribe(receiver);
    const after = await raise(2);
    startWorker();
    await until(() => receiver.received.length >= 2, 'two alerts arrive');
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(idsOf(receiver)).toEqual(after);
  });

  it('bring a receiver that was down, then failing, every alert it missed, in order, once it is back', async () => {
    // A port nothing listens on yet: connection refused.
    const probe = await startReceiver();
    const port = probe.port;
    await probe.close();
    const url = `http://127.0.0.1:${port}/hooks`;
    const subscription = await store.addWebhook('police', WHOLE_CITY, url, 'officer-1');
    const ids = await raise(4);
    startWorker();
    const headRow = async () =>
      (await database.db.select().from(webhookDeliveries).where(eq(webhookDeliveries.subscriptionId, subscription.id)).orderBy(webhookDeliveries.seq))[0];
    await until(async () => ((await headRow())?.attempts ?? 0) >= 2, 'the head of the queue has failed twice');
    expect((await headRow())?.lastError).toBe('ECONNREFUSED');

    // Back, but answering 500 to its first three requests.
    let failures = 3;
    const receiver = await startReceiver(port, () => (failures-- > 0 ? 500 : 200));
    await until(() => uniqueInOrder(idsOf(receiver)).length >= 4, 'every missed alert arrives');
    const more = await raise(2);
    await until(() => uniqueInOrder(idsOf(receiver)).length >= 6, 'the alerts raised since arrive');
    // At least once, in order: de-duplicated by id, exactly the alerts raised, as raised.
    expect(uniqueInOrder(idsOf(receiver))).toEqual([...ids, ...more]);
    // The head was sent again and again while it failed; nothing behind it went first.
    const attempts = receiver.received.filter((r) => r.headers['x-hub-alert-id'] === ids[0]).map((r) => Number(r.headers['x-hub-delivery-attempt']));
    expect(attempts.length).toBeGreaterThanOrEqual(4);
    expect(attempts).toEqual([...attempts].sort((a, b) => a - b));
    await until(async () => (await deliveriesOf(subscription.id)).every((row) => row.deliveredAt !== null), 'every delivery is marked delivered');
    expect(await deliveriesOf(subscription.id)).toHaveLength(6);
  });

  it('time out a receiver that does not answer and try it again', async () => {
    let hung = 0;
    const receiver = await startReceiver(0, () => (hung++ < 1 ? 'hang' : 200));
    const subscription = await subscribe(receiver);
    const [id] = await raise(1);
    startWorker();
    await until(() => receiver.received.length >= 2, 'the alert is sent again after the timeout');
    expect(receiver.received.map((r) => r.headers['x-hub-alert-id'])).toEqual([id, id]);
    expect(receiver.received.map((r) => r.headers['x-hub-delivery-attempt'])).toEqual(['1', '2']);
    await until(async () => {
      const [row] = await database.db.select().from(webhookDeliveries).where(eq(webhookDeliveries.subscriptionId, subscription.id));
      return row?.deliveredAt != null;
    }, 'the delivery is marked delivered');
    const [row] = await database.db.select().from(webhookDeliveries).where(eq(webhookDeliveries.subscriptionId, subscription.id));
    expect(row?.attempts).toBe(2);
  });

  it('let each subscription progress on its own: one down holds no other back', async () => {
    const up = await startReceiver();
    const down = await startReceiver(0, () => 503);
    await subscribe(up);
    await store.addWebhook('police', { confined: true, grids: [GRID], divisions: [] }, down.url, 'officer-2');
    const ids = await raise(3);
    startWorker();
    await until(() => up.received.length >= 3, 'the healthy receiver has every alert');
    expect(idsOf(up)).toEqual(ids);
    // The failing one is still on its first alert.
    expect(new Set(idsOf(down))).toEqual(new Set([ids[0]]));
  });

  it('deliver once and in order with two workers on one store, as two alerts processes do', async () => {
    const receivers = [await startReceiver(), await startReceiver()];
    for (const receiver of receivers) await subscribe(receiver);
    startWorker();
    startWorker();
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) {
      ids.push(...(await raise(3)));
      for (const worker of workers) worker.wake();
      await new Promise((resolve) => setTimeout(resolve, 15));
    }
    await until(() => receivers.every((receiver) => receiver.received.length >= ids.length), 'every alert reaches both receivers');
    await new Promise((resolve) => setTimeout(resolve, 100));
    for (const receiver of receivers) expect(idsOf(receiver)).toEqual(ids);
  });

  it('send a confined subscription only the alerts of its jurisdiction', async () => {
    const district = await startReceiver();
    const grid = await startReceiver();
    const empty = await startReceiver();
    await store.addWebhook('police', { confined: true, grids: [], divisions: ['510107'] }, district.url, 'officer-3');
    await store.addWebhook('police', { confined: true, grids: ['510104002003'], divisions: [] }, grid.url, 'officer-4');
    await store.addWebhook('police', { confined: true, grids: [], divisions: [] }, empty.url, 'officer-5');
    const inDistrict = await raise(1);
    const byGridOnly = await raise(1, { recipient: { department: 'police', gridCode: '510107009009', divisionCode: null } });
    const inGrid = await raise(1, { recipient: { department: 'police', gridCode: '510104002003', divisionCode: '510104' } });
    await raise(1, { recipient: { department: 'police', gridCode: null, divisionCode: null } });
    await raise(1, { recipient: { department: 'grid', gridCode: GRID, divisionCode: '510107' }, purposes: ['community-service'], rule: 'task.group-rental', kind: 'TASK' });
    startWorker();
    await until(() => district.received.length >= 2 && grid.received.length >= 1, 'each receiver has its alerts');
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(idsOf(district)).toEqual([...inDistrict, ...byGridOnly]);
    expect(idsOf(grid)).toEqual(inGrid);
    expect(empty.received).toEqual([]);
  });

  it('fail verification when the body, the timestamp or the key is not the one signed', async () => {
    const receiver = await startReceiver();
    await subscribe(receiver);
    await raise(1);
    startWorker();
    await until(() => receiver.received.length >= 1, 'the alert arrives');
    const [got] = receiver.received;
    if (!got) throw new Error('nothing received');
    expect(verifyAlertWebhook(got.body, got.headers, identity.publicJwk).ok).toBe(true);
    const tampered = got.body.replace('"kind":"KEY_PERSON"', '"kind":"TASK"');
    expect(tampered).not.toBe(got.body);
    expect(verifyAlertWebhook(tampered, got.headers, identity.publicJwk)).toMatchObject({ ok: false, reason: expect.stringContaining('x-hub-signature') });
    const later = { ...got.headers, 'x-hub-timestamp': String(Number(got.headers['x-hub-timestamp']) + 1) };
    expect(verifyAlertWebhook(got.body, later, identity.publicJwk).ok).toBe(false);
    const otherId = { ...got.headers, 'x-hub-alert-id': randomUUID() };
    expect(verifyAlertWebhook(got.body, otherId, identity.publicJwk).ok).toBe(false);
    const stranger = await generateCityIdentity('440300', '深圳市');
    expect(verifyAlertWebhook(got.body, got.headers, stranger.publicJwk).ok).toBe(false);
    const stale = new Date(Date.now() + 10 * 60_000);
    expect(verifyAlertWebhook(got.body, got.headers, identity.publicJwk, { now: stale })).toMatchObject({ ok: false, reason: expect.stringContaining('x-hub-timestamp') });
    expect(verifyAlertWebhook(got.body, got.headers, identity.publicJwk, { now: stale, toleranceSeconds: 3_600 }).ok).toBe(true);
  });

  it('log and keep no word of what a failing receiver answered, nor the alert body', async () => {
    let failures = 2;
    const receiver = await startReceiver(0, () => (failures-- > 0 ? 500 : 204));
    const subscription = await subscribe(receiver);
    logLines.length = 0;
    await raise(1, { details: { flagCategory: '涉毒人员', flagLevel: '2' } });
    startWorker();
    await until(() => receiver.received.length >= 3, 'the alert is taken on the third attempt');
    await until(async () => {
      const [row] = await database.db.select().from(webhookDeliveries).where(eq(webhookDeliveries.subscriptionId, subscription.id));
      return row?.deliveredAt != null;
    }, 'the delivery is marked delivered');
    const log = logLines.join('');
    expect(log).toContain('HTTP 500');
    expect(log).not.toContain('receiver broke');
    expect(log).not.toContain('110101199003077777');
    expect(log).not.toContain('涉毒人员');
    const stored = await database.db.select().from(webhookDeliveries);
    expect(stored.some((row) => (row.lastError ?? '').includes('broke'))).toBe(false);
  });

  it('back off exponentially with jitter up to the cap', () => {
    const settings = { retryBaseMs: 1_000, retryMaxMs: 300_000 };
    const at = (attempts: number, random: number) => retryDelayMs(attempts, settings, () => random);
    expect([1, 2, 3, 4].map((n) => at(n, 0.5))).toEqual([1_000, 2_000, 4_000, 8_000]);
    expect(at(1, 0)).toBe(800);
    expect(at(1, 0.999_999)).toBe(1_200);
    expect(at(40, 0.5)).toBe(300_000);
  });

  it('are verified by the receiver docs/inbox.md shows, with the key the exchange inbox publishes, once per alert', async () => {
    const [snippet] = codeBlocks('docs/inbox.md').filter((block) => block.lang === 'js' && block.code.includes('x-hub-signature'));
    if (!snippet) throw new Error('docs/inbox.md shows no webhook receiver');
    // The city's published key, served by the exchange's own inbox.
    const exchange = await openTestDatabase('exchange', exchangeSchema);
    const inboxOptions = { identity, store: new ExchangeStore(exchange.db), audit: new MemoryAccessRecorder(), logger, replayWindowSeconds: 300 };
    const inbox = await serveInbox(new Inbox(inboxOptions), { host: '127.0.0.1', port: 0, logger, identity });
    const folder = mkdtempSync(path.join(tmpdir(), 'webhook-receiver-'));
    const file = path.join(folder, 'receiver.mjs');
    writeFileSync(file, snippet.code);
    const port = await (async () => {
      const probe = await startReceiver();
      await probe.close();
      return probe.port;
    })();
    const child = spawn(process.execPath, [file], { env: { ...process.env, EXCHANGE: new URL(inbox.url).origin, PORT: String(port) }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    try {
      const url = `http://127.0.0.1:${port}/hooks`;
      await until(() => fetch(url, { method: 'POST', body: '{}' }).then((r) => r.status === 401, () => false), 'the receiver listens and refuses an unsigned request');
      const subscription = await store.addWebhook('police', WHOLE_CITY, url, 'officer-6');
      const ids = await raise(3);
      startWorker();
      await until(async () => {
        const rows = await database.db.select().from(webhookDeliveries).where(eq(webhookDeliveries.subscriptionId, subscription.id));
        return rows.length === 3 && rows.every((row) => row.deliveredAt !== null);
      }, 'the receiver takes every alert');
      // A repeat, as after a lost answer: taken with 2xx and not acted on twice.
      await database.db.update(webhookDeliveries).set({ deliveredAt: null }).where(eq(webhookDeliveries.alertId, ids[0] ?? ''));
      workers[0]?.wake();
      await until(async () => {
        const [row] = await database.db.select().from(webhookDeliveries).where(eq(webhookDeliveries.alertId, ids[0] ?? ''));
        return row?.deliveredAt != null;
      }, 'the repeat is taken');
      expect(output.trim().split('\n').map((line) => /^alert (\S+):/.exec(line)?.[1])).toEqual(ids);
    } finally {
      child.kill();
      rmSync(folder, { recursive: true, force: true });
      await inbox.close();
      await exchange.destroy();
    }
  });
});

/*
 * A department's receiver is registered by name; the name is resolved again
 * at every delivery. A resolver of the test's own stands in for the city's
 * DNS, so a name can be made to point elsewhere between two deliveries.
 */
describe('alert webhooks to a receiver named by host name', () => {
  const NAME = 'alerts.housing.example';
  /** Where the receiver's name points now. */
  let pointsAt = '127.0.0.1';
  const resolve: ResolveHost = (hostname) => Promise.resolve(hostname === NAME ? [{ address: pointsAt, family: 4 }] : []);

  async function byName(): Promise<{ receiver: Receiver; subscriptionId: string; head: () => Promise<typeof webhookDeliveries.$inferSelect | undefined> }> {
    const receiver = await startReceiver();
    const subscription = await store.addWebhook('police', WHOLE_CITY, `http://${NAME}:${receiver.port}/hooks`, 'officer-1');
    const head = async () =>
      (await database.db.select().from(webhookDeliveries).where(eq(webhookDeliveries.subscriptionId, subscription.id)).orderBy(webhookDeliveries.seq)).find((row) => row.deliveredAt === null);
    return { receiver, subscriptionId: subscription.id, head };
  }

  it('deliver to the address the name resolves to, and refuse, without connecting, once it resolves to a metadata service', async () => {
    pointsAt = '127.0.0.1';
    const { receiver, head } = await byName();
    startWorker({ resolve });
    const [first] = await raise(1);
    await until(() => receiver.received.length >= 1, 'the alert arrives through the name');
    expect(idsOf(receiver)).toEqual([first]);

    // The name now points at the cloud's metadata service (DNS rebinding): nothing may go there, in any deployment.
    pointsAt = '169.254.169.254';
    await raise(1);
    await until(async () => ((await head())?.attempts ?? 0) >= 2, 'the next alert has been refused twice');
    expect((await head())?.lastError).toBe('WEBHOOK_ADDRESS_REFUSED');
    expect(receiver.received).toHaveLength(1);
    // Nothing in the log names the address, the receiver or the resident.
    expect(logLines.join('\n')).not.toContain('169.254.169.254');

    // Pointed back, the alert held at the head goes, and nothing was skipped.
    pointsAt = '127.0.0.1';
    await until(() => receiver.received.length >= 2, 'the held alert arrives once the name points back');
  });

  it('in production refuse a name that resolves to a private or loopback address, as registration refuses the address itself', async () => {
    for (const address of ['10.20.30.40', '127.0.0.1', '192.168.1.9']) {
      pointsAt = address;
      const { receiver, head } = await byName();
      const worker = startWorker({ resolve, production: true });
      await raise(1);
      await until(async () => ((await head())?.attempts ?? 0) >= 1, `a delivery to ${address} was tried`);
      expect((await head())?.lastError, address).toBe('WEBHOOK_ADDRESS_REFUSED');
      expect(receiver.received, address).toEqual([]);
      await worker.stop();
      await database.db.update(webhookSubscriptions).set({ active: false });
    }
  });
});
