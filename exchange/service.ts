import type { VerificationKey } from '../auth/keys.js';
import { isDevelopment, type Env } from '../platform/env.js';
import type { AccessRecorder } from '../auth/access.js';
import type { RunningServer } from '../platform/http.js';
import type { Logger } from '../platform/logger.js';
import { startSubgraph } from '../platform/subgraph.js';
import { createExchangeSubgraph } from './subgraph.js';
import type { ExchangeDatabase } from './database.js';
import { DeliveryWorker } from './delivery.js';
import { Inbox, serveInbox } from './inbox.js';
import { OutboxRelay, type OutboxDb } from './relay.js';
import type { CityIdentity } from './signing.js';
import { ExchangeStore } from './store.js';

export interface ExchangeSettings {
  replayWindowSeconds: number;
  pollMs: number;
  batchSize: number;
  retryBaseMs: number;
  retryMaxMs: number;
  maxAttempts: number;
  /** Upper bound of one delivery request to a partner. */
  timeoutMs: number;
  /** Plain-http partner inboxes (cities on one machine); production requires https. */
  allowPlainHttp: boolean;
}

/** The exchange's settings from the environment; plain-http partner inboxes only outside production. */
export function exchangeSettingsFromEnv(env: Env): ExchangeSettings {
  return {
    replayWindowSeconds: env.EXCHANGE_REPLAY_WINDOW_S,
    pollMs: env.EXCHANGE_POLL_MS,
    batchSize: env.EXCHANGE_BATCH_SIZE,
    retryBaseMs: env.EXCHANGE_RETRY_BASE_MS,
    retryMaxMs: env.EXCHANGE_RETRY_MAX_MS,
    maxAttempts: env.EXCHANGE_MAX_ATTEMPTS,
    timeoutMs: env.SUBGRAPH_TIMEOUT_MS,
    allowPlainHttp: isDevelopment(env),
  };
}

/** What a hub process hands the exchange; the rest comes from the environment. */
export type ExchangeParts = Pick<ExchangeOptions, 'database' | 'identity' | 'outbox' | 'audit' | 'logger' | 'internalKey' | 'ready'>;

/** Starts the exchange on the ports and with the settings the environment names. */
export function startExchangeFromEnv(env: Env, parts: ExchangeParts): Promise<RunningExchange> {
  return startExchange({
    ...parts,
    host: env.HUB_HOST,
    subgraphPort: env.EXCHANGE_PORT,
    inboxPort: env.EXCHANGE_INBOX_PORT,
    settings: exchangeSettingsFromEnv(env),
    deliver: env.EXCHANGE_DELIVERY,
  });
}

export interface ExchangeOptions {
  database: ExchangeDatabase;
  identity: CityIdentity;
  /** The police database's outbox table, relayed into the delivery queue. */
  outbox: OutboxDb;
  /** Where sending, receiving and reading notices are recorded. */
  audit: AccessRecorder;
  logger: Logger;
  host: string;
  /** The exchange subgraph, behind the gateway. */
  subgraphPort: number;
  /** The inbox partner cities deliver to. */
  inboxPort: number;
  internalKey: VerificationKey;
  settings: ExchangeSettings;
  /** Start the delivery worker now (otherwise `worker.runOnce()` delivers on demand). */
  deliver: boolean;
  ready?: () => Promise<boolean>;
}

/**
 * The running exchange, itself a server as a hub process stops it: at the
 * subgraph's address, and closing stops the worker, then drains the subgraph
 * and the inbox within the grace period.
 */
export interface RunningExchange extends RunningServer {
  subgraph: RunningServer;
  inbox: RunningServer;
  worker: DeliveryWorker;
  store: ExchangeStore;
}

/** The exchange with partner cities in one place: its subgraph, its inbox and its delivery worker. */
export async function startExchange(options: ExchangeOptions): Promise<RunningExchange> {
  const { settings, identity } = options;
  const logger = options.logger.child({ component: 'exchange' });
  const store = new ExchangeStore(options.database.db);
  const module = createExchangeSubgraph({ database: options.database, identity, access: options.audit, allowPlainHttp: settings.allowPlainHttp });
  const ready = async () => (await module.ready()) && (options.ready ? await options.ready() : true);
  const subgraph = await startSubgraph({ ...module, ready }, { host: options.host, port: options.subgraphPort, logger, internalKey: options.internalKey });
  const inbox = await serveInbox(new Inbox({ identity, store, audit: options.audit, logger, replayWindowSeconds: settings.replayWindowSeconds }), {
    host: options.host,
    port: options.inboxPort,
    logger,
    identity,
    ready,
  });
  const worker = new DeliveryWorker({
    identity,
    store,
    relay: new OutboxRelay(options.outbox, store, logger),
    audit: options.audit,
    logger,
    batchSize: settings.batchSize,
    pollMs: settings.pollMs,
    retryBaseMs: settings.retryBaseMs,
    retryMaxMs: settings.retryMaxMs,
    maxAttempts: settings.maxAttempts,
    timeoutMs: settings.timeoutMs,
  });
  if (options.deliver) worker.start();
  return {
    url: subgraph.url,
    port: subgraph.port,
    subgraph,
    inbox,
    worker,
    store,
    close: async (graceMs?: number) => {
      await worker.stop();
      await Promise.all([subgraph.close(graceMs), inbox.close(graceMs)]);
    },
  };
}
