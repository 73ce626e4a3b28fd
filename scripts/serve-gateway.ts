import { auditStoreAnswers, openAuditDatabase, sharedAuditTarget } from '../audit/database.js';
import { auditWriter, gatewaySettings, startProcess, subgraphUrls } from '../hub/config.js';
import { startHubGateway } from '../hub/hub.js';
import { isDatabaseUnreachable } from '../platform/errors.js';
import { shutdownGracefully, catchStopSignals } from '../platform/shutdown.js';
import { startTracing } from '../platform/tracing.js';
import { warmPages } from '../web/server.js';

/** The gateway alone, routing to each subgraph at its URL variable (POLICE_URL, ..., EXCHANGE_URL; see subgraphs/registry.ts). */
const { config, logger } = startProcess('gateway');
// From the first line on: a signal that comes while this process starts is held until it can stop cleanly.
const signals = catchStopSignals(config.SHUTDOWN_GRACE_MS);
const tracing = await startTracing(config, 'hub-gateway', logger);
// Keys first: a production gateway missing one stops here, before touching the audit store.
const settings = await gatewaySettings(config, logger);
// The gateway records every request; the migration step owns the schema.
const auditDatabase = await openAuditDatabase(sharedAuditTarget(config), { migrate: config.HUB_MIGRATE_ON_START }).catch((error: unknown) => {
  if (!isDatabaseUnreachable(error)) throw error;
  // One line, with the failure's code and not its text, which names the server; whoever started this process retries it.
  const { code } = error as { code?: unknown };
  logger.fatal({ reason: typeof code === 'string' ? code : 'unreachable' }, 'the audit store does not answer: the gateway records every request there, and does not start without it');
  process.exit(1);
});
const requestLog = auditWriter(config, auditDatabase, 'gateway', logger);
const gateway = await startHubGateway({
  ...settings,
  subgraphUrls: subgraphUrls(config),
  host: config.HUB_HOST,
  port: config.GATEWAY_PORT,
  logger,
  requestLog,
  // Not ready while the audit store does not answer: every read would be refused.
  canServe: () => auditStoreAnswers(auditDatabase),
});
gateway.metrics.watchAuditWriters(() => [requestLog]);
logger.info({ url: gateway.url, writerId: requestLog.writerId }, 'gateway ready');
// The web pages are built in memory on first use; building them now spares the first visitor the wait.
warmPages(logger);
signals.stopWith(
  () =>
    shutdownGracefully({
      servers: [gateway],
      writers: [requestLog],
      graceMs: config.SHUTDOWN_GRACE_MS,
      logger,
      closeStores: async () => {
        await auditDatabase.close();
        await tracing?.shutdown();
      },
    }),
);
