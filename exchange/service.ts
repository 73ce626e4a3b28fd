import type { AccessRecorder } from '../auth/access.js';
import { isDevelopment, type DeploymentEnv } from '../platform/env.js';
import type { RunningServer } from '../platform/listen.js';
import type { Logger } from '../platform/logger.js';
import type { ExchangeDatabase } from './database.js';
import { DeliveryWorker } from './delivery.js';
import { Inbox, serveInbox } from './inbox.js';
import { OutboxRelay, type NoticeOutbox } from './relay.js';
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

/** The variables the exchange's settings are read from (hub/env.ts checks them). */
export interface ExchangeEnv extends DeploymentEnv {
  EXCHANGE_REPLAY_WINDOW_S: number;
  EXCHANGE_POLL_MS: number;
  EXCHANGE_BATCH_SIZE: number;
  EXCHANGE_RETRY_BASE_MS: number;
  EXCHANGE_RETRY_MAX_MS: number;
  EXCHANGE_MAX_ATTEMPTS: number;
  /** A delivery to a partner is held to the bound of a call to a subgraph. */
  SUBGRAPH_TIMEOUT_MS: number;
}

/** The exchange's settings from the environment; plain-http partner inboxes only outside production. */
export function exchangeSettingsFromEnv(env: ExchangeEnv): ExchangeSettings {
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

export interface ExchangeServicesOptions {
  database: ExchangeDatabase;
  identity: CityIdentity;
  /** The police outbox, relayed into the delivery queue. */
  outbox: NoticeOutbox;
  /** Where sending and receiving notices are recorded. */
  audit: AccessRecorder;
  logger: Logger;
  host: string;
  /** The inbox partner cities deliver to. */
  inboxPort: number;
  settings: ExchangeSettings;
  /** Start the delivery worker now (otherwise `worker.runOnce()` delivers on demand). */
  deliver: boolean;
  /** Whether the inbox may say it is ready: the exchange's own store and the audit store both answer. */
  ready: () => Promise<boolean>;
}

/** The exchange's own servers beside its subgraph: the inbox, and the worker that delivers this city's notices. */
export interface ExchangeServices {
  inbox: RunningServer;
  worker: DeliveryWorker;
  store: ExchangeStore;
}

/**
 * Starts the inbox partner cities deliver to and the delivery worker, on one
 * store. The exchange's subgraph is served like every other subgraph, by the
 * hub (hub/exchange.ts puts the three together).
 */
export async function startExchangeServices(options: ExchangeServicesOptions): Promise<ExchangeServices> {
  const { settings, identity, logger } = options;
  const store = new ExchangeStore(options.database.db);
  const inbox = await serveInbox(new Inbox({ identity, store, audit: options.audit, logger, replayWindowSeconds: settings.replayWindowSeconds }), {
    host: options.host,
    port: options.inboxPort,
    logger,
    identity,
    ready: options.ready,
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
  return { inbox, worker, store };
}
