import { createPrivateKey } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { openAuditDatabase } from '../audit/database.js';
import { AuditWriter } from '../audit/writer.js';
import { openExchangeDatabase } from '../exchange/database.js';
import { partners, inboundMessages, outboundMessages } from '../exchange/db/schema.js';
import { DeliveryWorker } from '../exchange/delivery.js';
import { identityOf } from '../exchange/identity.js';
import { makeIdNumber } from '../domain/index.js';
import { at } from '../platform/arrays.js';
import { Inbox, serveInbox } from '../exchange/inbox.js';
import { OutboxRelay } from '../exchange/relay.js';
import { PoliceNoticeOutbox } from '../subgraphs/police/outbox.js';
import { ExchangeStore } from '../exchange/store.js';
import { derivedDatabaseUrl, type DatabaseTarget } from '../platform/db.js';
import { openSubgraphDatabase } from '../subgraphs/databases.js';
import { createLogger } from '../platform/logger.js';

/**
 * One city of the exchange benchmark, in a process of its own: its police
 * database (with an outbox), its exchange store, its audit store, its inbox
 * and its delivery worker. Driven by the parent (bench/exchange.ts) over IPC.
 */
export interface CitySettings {
  code: string;
  /** This city's Ed25519 signing key, PEM PKCS#8. */
  keyPem: string;
  /** Notices per delivery request. */
  batch: number;
  /** Databases derived from this PostgreSQL URL; in-memory PGlite otherwise. */
  databaseUrl?: string;
}

// The parent drives this city over IPC and reads every answer there; without the channel nobody is listening.
if (!process.send) throw new Error('bench/exchange-city.ts runs as a child of bench/exchange.ts, with an IPC channel');
const send = process.send.bind(process);

const logger = createLogger('bench-exchange', 'silent');
// The parent's first message says which city this is.
const { code, keyPem, batch, databaseUrl } = await new Promise<CitySettings>((resolve) => process.once('message', (message) => resolve(message as CitySettings)));
const target = (name: string): DatabaseTarget => (databaseUrl ? { kind: 'postgres', url: derivedDatabaseUrl(databaseUrl, `${code}_${name}`) } : { kind: 'pglite' });
const identity = await identityOf(code, `city ${code}`, createPrivateKey(keyPem));
const [policeDb, exchangeDb, auditDb] = await Promise.all([
  openSubgraphDatabase('police', target('police'), { migrate: true }),
  openExchangeDatabase(target('exchange'), { migrate: true }),
  openAuditDatabase(target('audit'), { migrate: true }),
]);
const audit = new AuditWriter(auditDb, { component: 'exchange', logger, maxBatch: 2000 });
const store = new ExchangeStore(exchangeDb.db);
const inbox = await serveInbox(new Inbox({ identity, store, audit, logger, replayWindowSeconds: 300 }), { host: '127.0.0.1', port: 0, logger, identity });
const worker = new DeliveryWorker({
  identity, store, relay: new OutboxRelay(new PoliceNoticeOutbox(policeDb.db), store, logger), audit, logger,
  batchSize: batch, pollMs: 50, retryBaseMs: 100, retryMaxMs: 1000, maxAttempts: 100, timeoutMs: 30_000,
});

type Command =
  | { cmd: 'partner'; code: string; inboxUrl: string; publicKey: object; fields: string[] }
  | { cmd: 'outbox'; count: number; partner: string }
  | { cmd: 'deliver' }
  | { cmd: 'count' }
  | { cmd: 'stop' };

process.on('message', (message: Command) => {
  void handle(message).then((reply) => send(reply), (error: unknown) => send({ error: String((error as Error).stack ?? error) }));
});

async function handle(message: Command): Promise<unknown> {
  switch (message.cmd) {
    case 'partner':
      await exchangeDb.db.insert(partners).values({
        code: message.code, name: message.code, inboxUrl: message.inboxUrl, publicKey: message.publicKey, keyFingerprint: 'bench', status: 'ACTIVE',
        agreement: { OUTFLOW_NOTICE: message.fields as never },
      });
      return { ok: true };
    case 'outbox': {
      // Registered residents who moved to the partner city: persons and their outbox notices, as the police write them.
      const started = performance.now();
      await policeDb.db.execute(sql`INSERT INTO persons (id, id_number, name, sex, birth_date, ethnicity, household_division_code, household_address, phone, status)
        SELECT gen_random_uuid(), lpad(i::text, 18, '0'), '张伟', 'MALE', DATE '1990-01-01', '汉族', '510104', '成都市锦江区某路' || i || '号', '13800000000', 'MOVED_OUT'
        FROM generate_series(1, ${message.count}) AS i`);
      await policeDb.db.execute(sql`INSERT INTO exchange_outbox (message_id, message_type, city_code, person_id, payload)
        SELECT gen_random_uuid(), 'OUTFLOW_NOTICE', ${message.partner}, id, jsonb_build_object(
          'idNumber', ${makeIdNumber('510104', '1990-01-01', 11, 'MALE')}::text, 'name', name, 'sex', sex, 'birthDate', birth_date::text,
          'ethnicity', ethnicity, 'householdDivisionCode', household_division_code, 'householdAddress', household_address,
          'destinationDivisionCode', '330106', 'destinationAddress', '杭州市西湖区天目山路1号', 'movedOn', '2026-11-01', 'phone', phone)
        FROM persons`);
      return { ms: performance.now() - started };
    }
    case 'deliver': {
      const started = performance.now();
      let rounds = 0;
      for (;;) {
        const report = await worker.runOnce();
        rounds += 1;
        const pending = at(await exchangeDb.db.select({ n: sql<number>`count(*)::int` }).from(outboundMessages).where(sql`status = 'PENDING'`), 0);
        if (Number(pending.n) === 0 && report.relayed === 0) break;
        if (report.delivered === 0 && report.relayed === 0) await new Promise((r) => setTimeout(r, 50));
      }
      await audit.flush();
      const delivered = at(await exchangeDb.db.select({ n: sql<number>`count(*)::int` }).from(outboundMessages).where(sql`status = 'DELIVERED'`), 0);
      return { ms: performance.now() - started, rounds, delivered: Number(delivered.n) };
    }
    case 'count': {
      await audit.flush();
      const received = at(await exchangeDb.db.select({ n: sql<number>`count(*)::int` }).from(inboundMessages), 0);
      return { received: Number(received.n), auditEvents: audit.stats.events };
    }
    case 'stop':
      await inbox.close();
      await audit.close();
      await Promise.allSettled([policeDb, exchangeDb, auditDb].map((d) => d.close()));
      setImmediate(() => process.exit(0));
      return { ok: true };
  }
}

send({ ready: true, inboxUrl: inbox.url, publicKey: identity.publicJwk });
