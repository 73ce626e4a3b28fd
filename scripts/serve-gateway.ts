import { openAuditDatabase, sharedAuditTarget } from '../audit/database.js';
import { auditWriter, gatewaySettings, startProcess, subgraphUrls } from '../hub/config.js';
import { startHubGateway } from '../hub/hub.js';
import { shutdownGracefully, stopOnSignals } from '../platform/shutdown.js';
import { startTracing } from '../platform/tracing.js';

/** The gateway alone, routing to each subgraph at its URL variable (POLICE_URL, ..., EXCHANGE_URL; see subgraphs/registry.ts). */
const { config, logger } = startProcess('gateway');
const tracing = await startTracing(config, 'hub-gateway', logger);
// Keys first: a production gateway missing one stops here, before touching the audit store.
const settings = await gatewaySettings(config);
// The gateway records every request; the migration step owns the schema.
const auditDatabase = await openAuditDatabase(sharedAuditTarget(config), { migrate: config.HUB_MIGRATE_ON_START });
const requestLog = auditWriter(config, auditDatabase, 'gateway', logger);
const gateway = await startHubGateway({
  ...settings,
  subgraphUrls: subgraphUrls(config),
  host: config.HUB_HOST,
  port: config.GATEWAY_PORT,
  logger,
  requestLog,
});
gateway.metrics.watchAuditWriters(() => [requestLog]);
logger.info({ url: gateway.url, writerId: requestLog.writerId }, 'gateway ready');
stopOnSignals(
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
  config.SHUTDOWN_GRACE_MS,
);
