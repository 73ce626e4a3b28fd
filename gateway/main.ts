import { readFileSync } from 'node:fs';
import { callerTokenSettingsFromEnv, internalSigningKeyFromEnv } from '../auth/config.js';
import { env, exitOnConfigurationError, isDevelopment } from '../platform/env.js';
import { createLogger } from '../platform/logger.js';
import { SUPERGRAPH_PATH } from '../schema/compose.js';
import { startGateway } from './server.js';

/** The gateway alone, routing to subgraphs at POLICE_URL, HOUSING_URL, LABOUR_URL, HEALTH_URL. */
exitOnConfigurationError();
const config = env();
const logger = createLogger('gateway', config.LOG_LEVEL);
const gateway = await startGateway({
  supergraphSdl: readFileSync(config.SUPERGRAPH_PATH ?? SUPERGRAPH_PATH, 'utf8'),
  subgraphUrls: { police: config.POLICE_URL, housing: config.HOUSING_URL, labour: config.LABOUR_URL, health: config.HEALTH_URL },
  host: config.HUB_HOST,
  port: config.GATEWAY_PORT,
  logger,
  subgraphTimeoutMs: config.SUBGRAPH_TIMEOUT_MS,
  introspection: isDevelopment(config),
  callerTokens: await callerTokenSettingsFromEnv(config),
  internalTokens: { signingKey: await internalSigningKeyFromEnv(config), ttlSeconds: config.INTERNAL_TOKEN_TTL_S },
});
logger.info({ url: gateway.url }, 'gateway ready');
const stop = () => void gateway.close().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
