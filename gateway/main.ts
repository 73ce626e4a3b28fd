import { readFileSync } from 'node:fs';
import { openAuditDatabase, sharedAuditTarget } from '../audit/database.js';
import { AuditWriter } from '../audit/writer.js';
import { callerTokenSettingsFromEnv, internalSigningKeyFromEnv } from '../auth/config.js';
import { env, exitOnConfigurationError, isDevelopment, operationLimitsOf } from '../platform/env.js';
import { createLogger } from '../platform/logger.js';
import { GatewayMetrics } from '../platform/metrics.js';
import { shutdownGracefully, stopOnSignals } from '../platform/shutdown.js';
import { startTracing } from '../platform/tracing.js';
import { SUPERGRAPH_PATH } from '../schema/compose.js';
import { lookupCapSettingsFromEnv } from './lookup-cap.js';
import { rateLimitSettingsFromEnv } from './rate-limit.js';
import { refusalSettingsFromEnv } from './refusals.js';
import { startGateway } from './server.js';

/** The gateway alone, routing to subgraphs at POLICE_URL, HOUSING_URL, LABOUR_URL, HEALTH_URL, AUDIT_URL, EXCHANGE_URL. */
exitOnConfigurationError();
const config = env();
const logger = createLogger('gateway', config.LOG_LEVEL);
const tracing = await startTracing(config, 'hub-gateway', logger);
const callerTokens = await callerTokenSettingsFromEnv(config);
const internalTokens = { signingKey: await internalSigningKeyFromEnv(config), ttlSeconds: config.INTERNAL_TOKEN_TTL_S };
// The gateway records every request; the migration step owns the schema.
const auditDatabase = await openAuditDatabase(sharedAuditTarget(config), { migrate: config.HUB_MIGRATE_ON_START });
const requestLog = new AuditWriter(auditDatabase, {
  component: 'gateway',
  logger,
  maxBatch: config.AUDIT_BATCH_MAX_EVENTS,
  delayMs: config.AUDIT_BATCH_DELAY_MS,
});
const metrics = new GatewayMetrics();
metrics.watchAuditWriters(() => [requestLog]);
const gateway = await startGateway({
  supergraphSdl: readFileSync(config.SUPERGRAPH_PATH ?? SUPERGRAPH_PATH, 'utf8'),
  subgraphUrls: {
    police: config.POLICE_URL,
    housing: config.HOUSING_URL,
    labour: config.LABOUR_URL,
    health: config.HEALTH_URL,
    audit: config.AUDIT_URL,
    exchange: config.EXCHANGE_URL,
  },
  host: config.HUB_HOST,
  port: config.GATEWAY_PORT,
  logger,
  subgraphTimeoutMs: config.SUBGRAPH_TIMEOUT_MS,
  introspection: isDevelopment(config),
  callerTokens,
  internalTokens,
  requestLog,
  limits: operationLimitsOf(config),
  rateLimit: rateLimitSettingsFromEnv(config),
  refusals: refusalSettingsFromEnv(config),
  lookupCap: lookupCapSettingsFromEnv(config),
  metrics,
});
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
