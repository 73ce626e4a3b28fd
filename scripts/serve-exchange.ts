import { openAuditDatabase, sharedAuditTarget, auditStoreAnswers } from '../audit/database.js';
import { AuditWriter } from '../audit/writer.js';
import { internalVerificationKeyFromEnv } from '../auth/config.js';
import { exchangeTarget, openExchangeDatabase } from '../exchange/database.js';
import { cityIdentityFromEnv } from '../exchange/identity.js';
import { startExchangeFromEnv } from '../hub/exchange.js';
import { relayOwnOutbox } from '../hub/events.js';
import { postgresTarget, type DatabaseTarget } from '../platform/db.js';
import { databaseTarget } from '../subgraphs/databases.js';
import { openPoliceOutbox, PoliceNoticeOutbox } from '../subgraphs/police/outbox.js';
import { env } from '../hub/env.js';
import { exitOnConfigurationError } from '../platform/env.js';
import { createLogger } from '../platform/logger.js';
import { shutdownGracefully, catchStopSignals } from '../platform/shutdown.js';

/**
 * The exchange with partner cities as its own process: the exchange subgraph
 * (behind the gateway), the inbox partner cities deliver to, and the delivery
 * worker that relays the police outbox and sends notices.
 */
exitOnConfigurationError();
const config = env();
const logger = createLogger('exchange', config.LOG_LEVEL);
// From the first line on: a signal that comes while this process starts is held until it can stop cleanly.
const signals = catchStopSignals(config.SHUTDOWN_GRACE_MS);
// Keys first: without the gateway's key or this city's signing key nothing starts.
const internalKey = await internalVerificationKeyFromEnv(config);
const identity = await cityIdentityFromEnv(config);
const auditDatabase = await openAuditDatabase(sharedAuditTarget(config), { migrate: config.HUB_MIGRATE_ON_START });
const writer = new AuditWriter(auditDatabase, { component: 'exchange', logger, maxBatch: config.AUDIT_BATCH_MAX_EVENTS, delayMs: config.AUDIT_BATCH_DELAY_MS });
const exchangeDatabase = await openExchangeDatabase(exchangeTarget(config), { migrate: config.HUB_MIGRATE_ON_START });
const outboxTarget: DatabaseTarget = config.EXCHANGE_OUTBOX_DATABASE_URL ? postgresTarget(config, config.EXCHANGE_OUTBOX_DATABASE_URL) : databaseTarget(config, 'police');
// The police database's migrations belong to police: the relay only reads and marks its outbox table.
const outboxDatabase = await openPoliceOutbox(outboxTarget);
const exchange = await startExchangeFromEnv(config, {
  database: exchangeDatabase,
  identity,
  outbox: new PoliceNoticeOutbox(outboxDatabase.db),
  audit: writer,
  logger,
  internalKey,
  ready: () => auditStoreAnswers(auditDatabase),
});
const relays = await relayOwnOutbox('exchange', exchangeDatabase, config, logger);
logger.info({ subgraph: exchange.subgraph.url, inbox: exchange.inbox.url, city: identity.code, key: identity.fingerprint }, 'exchange ready');
signals.stopWith(
  () =>
    shutdownGracefully({
      servers: [exchange],
      writers: [writer],
      graceMs: config.SHUTDOWN_GRACE_MS,
      logger,
      closeStores: async () => {
        await relays?.stop();
        await Promise.allSettled([exchangeDatabase.close(), outboxDatabase.close(), auditDatabase.close()]);
      },
    }),
);
