import { openAuditDatabase, sharedAuditTarget, auditStoreAnswers } from '../audit/database.js';
import { alertsTarget, openAlertsDatabase } from '../alerts/database.js';
import { internalVerificationKeyFromEnv } from '../auth/config.js';
import { cityIdentityFromEnv } from '../exchange/identity.js';
import { createTransport } from '../events/runtime.js';
import { startAlerts } from '../hub/alerts.js';
import { auditWriter, startProcess } from '../hub/config.js';
import { operationLimitsOf, webhookSettingsOf } from '../hub/env.js';
import { shutdownGracefully, catchStopSignals } from '../platform/shutdown.js';

/**
 * The alert store as its own process: the alerts subgraph (behind the
 * gateway), the consumer that keeps the alerts the rules raise, and the
 * worker that pushes them to the departments' webhooks, signed with the
 * city's key (EXCHANGE_SIGNING_KEY_FILE, the one the exchange signs with).
 *
 * Alerts reach a separate process only over NATS JetStream
 * (EVENTS_NATS_URL), from the rule engines in the police's and housing's
 * processes. Without it the consumer listens in memory, where nothing
 * arrives: the process serves the alerts already stored, and says so once.
 */
const { config, logger } = startProcess('alerts');
// From the first line on: a signal that comes while this process starts is held until it can stop cleanly.
const signals = catchStopSignals(config.SHUTDOWN_GRACE_MS);
// Before opening any database: a subgraph without the gateway's key must not start at all.
const internalKey = await internalVerificationKeyFromEnv(config);
// Webhooks are signed with the city's key, read as the exchange reads it, so receivers verify with the one key the city publishes.
const identity = await cityIdentityFromEnv(config);
const auditDatabase = await openAuditDatabase(sharedAuditTarget(config), { migrate: config.HUB_MIGRATE_ON_START });
const writer = auditWriter(config, auditDatabase, 'alerts', logger);
const alertsDatabase = await openAlertsDatabase(alertsTarget(config), { migrate: config.HUB_MIGRATE_ON_START });
const transport = await createTransport(config, logger);
if (!config.EVENTS_NATS_URL) logger.warn('EVENTS_NATS_URL is not set: this process serves stored alerts and receives no new ones');
const alerts = await startAlerts({
  database: alertsDatabase,
  transport,
  audit: writer,
  logger,
  host: config.HUB_HOST,
  port: config.ALERTS_PORT,
  internalKey,
  production: config.NODE_ENV === 'production',
  signingKey: identity.signingKey,
  webhooks: webhookSettingsOf(config),
  limits: operationLimitsOf(config),
  ready: () => auditStoreAnswers(auditDatabase),
});
logger.info({ url: alerts.url, writerId: writer.writerId }, 'alerts subgraph ready');
signals.stopWith(
  () =>
    shutdownGracefully({
      servers: [alerts],
      writers: [writer],
      graceMs: config.SHUTDOWN_GRACE_MS,
      logger,
      closeStores: async () => {
        await transport.close();
        await Promise.allSettled([alertsDatabase.close(), auditDatabase.close()]);
      },
    }),
);
