import type { AccessRecorder } from '../auth/access.js';
import type { VerificationKey } from '../auth/keys.js';
import { startAlertStore } from '../alerts/consumer.js';
import type { AlertsDatabase } from '../alerts/database.js';
import { AlertsStore } from '../alerts/store.js';
import { createAlertsSubgraph } from '../alerts/subgraph.js';
import { DEFAULT_WEBHOOK_SETTINGS, WebhookWorker, type WebhookSettings } from '../alerts/webhooks.js';
import type { SigningKey } from '../auth/keys.js';
import type { Consumer, EventTransport } from '../events/transport.js';
import type { RunningServer } from '../platform/listen.js';
import type { Logger } from '../platform/logger.js';
import type { OperationLimits } from '../platform/operation-limits.js';
import { startSubgraph } from '../subgraphs/server.js';

/**
 * The alert store as a hub process runs it: the alerts subgraph, served and
 * guarded like every other subgraph, beside the consumer that keeps the
 * alerts the rules raise on the transport and the worker that pushes them to
 * the departments' webhooks.
 */
export interface AlertsOptions {
  database: AlertsDatabase;
  /** Where alerts arrive from the rules. */
  transport: EventTransport;
  /** Where reads of alerts and actions on them are recorded. */
  audit: AccessRecorder;
  logger: Logger;
  host: string;
  port: number;
  internalKey: VerificationKey;
  /** Webhook endpoints must be https to public addresses. */
  production: boolean;
  /** What webhook deliveries are signed with: the city's key, the one the exchange signs notices with (its identity's). */
  signingKey: SigningKey;
  /** Timeouts, backoff and polling of webhook delivery; unset, the defaults of WEBHOOK_* (hub/env.ts). */
  webhooks?: WebhookSettings;
  /**
   * Whether the webhook worker runs (unset: it does). Without it alerts are
   * still queued for their subscriptions and nothing is sent: a hub that must
   * never call out of its machine, whatever URLs its webhooks name.
   */
  deliverWebhooks?: boolean;
  limits?: OperationLimits;
  clockToleranceSeconds?: number;
  ready?: () => Promise<boolean>;
}

/**
 * The running alert store, itself a server as a hub process stops it:
 * closing stops the consumer, then the webhook worker (after the deliveries
 * in flight, before the database closes), then drains the subgraph.
 */
export interface RunningAlerts extends RunningServer {
  store: AlertsStore;
  consumer: Consumer;
  webhooks: WebhookWorker;
}

export async function startAlerts(options: AlertsOptions): Promise<RunningAlerts> {
  const logger = options.logger.child({ component: 'alerts' });
  const module = createAlertsSubgraph({ database: options.database, access: options.audit, production: options.production });
  const ready = async () => (await module.ready()) && (options.ready ? await options.ready() : true);
  const subgraph = await startSubgraph(
    { ...module, ready },
    {
      host: options.host,
      port: options.port,
      logger,
      internalKey: options.internalKey,
      ...(options.limits ? { limits: options.limits } : {}),
      ...(options.clockToleranceSeconds === undefined ? {} : { clockToleranceSeconds: options.clockToleranceSeconds }),
    },
  );
  const store = new AlertsStore(options.database.db);
  const webhooks = new WebhookWorker({ store, signingKey: options.signingKey, logger, settings: options.webhooks ?? DEFAULT_WEBHOOK_SETTINGS, production: options.production });
  if (options.deliverWebhooks ?? true) webhooks.start();
  let consumer: Consumer;
  try {
    consumer = await startAlertStore(options.transport, store, logger, () => webhooks.wake());
  } catch (error) {
    await webhooks.stop();
    await subgraph.close(0);
    throw error;
  }
  return {
    url: subgraph.url,
    port: subgraph.port,
    store,
    consumer,
    webhooks,
    close: async (graceMs?: number) => {
      await consumer.stop();
      await webhooks.stop();
      await subgraph.close(graceMs);
    },
  };
}
