import type { AccessRecorder } from '../auth/access.js';
import type { VerificationKey } from '../auth/keys.js';
import type { ExchangeDatabase } from '../exchange/database.js';
import type { DeliveryWorker } from '../exchange/delivery.js';
import { exchangeSettingsFromEnv, startExchangeServices, type ExchangeServicesOptions, type ExchangeSettings } from '../exchange/service.js';
import type { CityIdentity } from '../exchange/signing.js';
import type { ExchangeStore } from '../exchange/store.js';
import { createExchangeSubgraph } from '../exchange/subgraph.js';
import type { RunningServer } from '../platform/listen.js';
import type { Logger } from '../platform/logger.js';
import { startSubgraph } from '../subgraphs/server.js';
import type { Env } from './env.js';

/**
 * The exchange with partner cities as a hub process runs it: its subgraph,
 * served and guarded like every other subgraph, beside its inbox and its
 * delivery worker (exchange/service.ts).
 */

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
  /** The police outbox, relayed into the delivery queue. */
  outbox: ExchangeServicesOptions['outbox'];
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
  const module = createExchangeSubgraph({ database: options.database, identity, access: options.audit, allowPlainHttp: settings.allowPlainHttp });
  const ready = async () => (await module.ready()) && (options.ready ? await options.ready() : true);
  const subgraph = await startSubgraph({ ...module, ready }, { host: options.host, port: options.subgraphPort, logger, internalKey: options.internalKey });
  const { inbox, worker, store } = await startExchangeServices({
    database: options.database,
    identity,
    outbox: options.outbox,
    audit: options.audit,
    logger,
    host: options.host,
    inboxPort: options.inboxPort,
    settings,
    deliver: options.deliver,
    ready,
  });
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
