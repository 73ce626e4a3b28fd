import type { KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { DestinationStream } from 'pino';
import type { AuditDatabase } from '../audit/database.js';
import { evidenceIn, type EvidenceSources } from '../audit/verification.js';
import { AuditWriter } from '../audit/writer.js';
import { callerTokenSettingsFromEnv, internalSigningKeyFromEnv, premisesLinkKeyFromEnv } from '../auth/config.js';
import { readWitnessLog } from '../exchange/witness.js';
import { breakerSettingsFromEnv } from '../gateway/breaker.js';
import { lookupCapSettingsFromEnv } from '../gateway/lookup-cap.js';
import { rateLimitSettingsFromEnv } from '../gateway/rate-limit.js';
import { sharedStateFromEnv } from '../platform/shared-state.js';
import { refusalSettingsFromEnv } from '../gateway/refusals.js';
import { exitOnConfigurationError, isDevelopment } from '../platform/env.js';
import { configureLogging, createLogger, type Logger } from '../platform/logger.js';
import { SUPERGRAPH_PATH } from '../schema/compose.js';
import { SUBGRAPH_NAMES, type SubgraphName } from '../subgraphs/registry.js';
import { env, operationLimitsOf, subgraphPort, subgraphUrl, type Env } from './env.js';
import type { HubOptions, HubServer } from './hub.js';
import { PremisesLinkSigner } from '../auth/premises-link.js';
import type { DeclarationSettings } from '../subgraphs/declarations/rules.js';

/**
 * The composition root's inputs as the environment gives them, for the
 * entry points: `npm start`, the per-process entry points and the tools.
 */

/**
 * What every entry point does first: a configuration mistake found later
 * still ends it with one line; the environment is read and checked, once; and
 * every logger of the process logs at LOG_LEVEL (else `defaultLevel`).
 */
export function startProcess(name: string, options: { defaultLevel?: string; destination?: DestinationStream } = {}): { config: Env; logger: Logger } {
  exitOnConfigurationError();
  const config = env();
  configureLogging({ level: config.LOG_LEVEL ?? options.defaultLevel ?? 'info', ...(options.destination ? { destination: options.destination } : {}) });
  return { config, logger: createLogger(name) };
}

/** The port of every server of the hub, as configured (0 picks a free one). */
export function hubPorts(config: Env): Record<HubServer, number> {
  return {
    gateway: config.GATEWAY_PORT,
    ...(Object.fromEntries(SUBGRAPH_NAMES.map((name) => [name, subgraphPort(config, name)])) as Record<SubgraphName, number>),
    inbox: config.EXCHANGE_INBOX_PORT,
  };
}

/** Where a gateway run on its own finds each subgraph. */
export function subgraphUrls(config: Env): Record<SubgraphName, string> {
  return Object.fromEntries(SUBGRAPH_NAMES.map((name) => [name, subgraphUrl(config, name)])) as Record<SubgraphName, string>;
}

/** The gateway's keys and settings from the environment; in production a missing key stops the process here. */
export async function gatewaySettings(config: Env, logger: Logger): Promise<HubOptions['gateway']> {
  return {
    supergraphSdl: readFileSync(config.SUPERGRAPH_PATH ?? SUPERGRAPH_PATH, 'utf8'),
    subgraphTimeoutMs: config.SUBGRAPH_TIMEOUT_MS,
    breaker: breakerSettingsFromEnv(config),
    introspection: isDevelopment(config),
    callerTokens: await callerTokenSettingsFromEnv(config),
    internalTokens: { signingKey: await internalSigningKeyFromEnv(config), ttlSeconds: config.INTERNAL_TOKEN_TTL_S },
    limits: operationLimitsOf(config),
    rateLimit: rateLimitSettingsFromEnv(config),
    refusals: refusalSettingsFromEnv(config),
    lookupCap: lookupCapSettingsFromEnv(config),
    // Last: nothing above can fail after the client is made.
    sharedState: sharedStateFromEnv(config, logger),
  };
}

/** An audit writer for one component, batching as configured. */
export function auditWriter(
  config: Env,
  database: AuditDatabase,
  component: string,
  logger: Logger,
  onChainEnd?: () => void,
): AuditWriter {
  return new AuditWriter(database, {
    component,
    logger,
    maxBatch: config.AUDIT_BATCH_MAX_EVENTS,
    delayMs: config.AUDIT_BATCH_DELAY_MS,
    ...(onChainEnd ? { onChainEnd } : {}),
  });
}

/**
 * The checkpoint folder's evidence as the hub keeps it, for the audit
 * subgraph's auditVerification: the partners' receipts are read by the
 * exchange, whose format they are.
 */
export function auditEvidence(dir: string, publicKey: KeyObject | null): EvidenceSources {
  return evidenceIn(dir, publicKey, readWitnessLog);
}

/** Collection at the source as the environment configures it: the premises-link key, public URL, link lifetime and rate limits. */
export async function declarationOptions(config: Env): Promise<HubOptions['declarations']> {
  return {
    linkKey: await premisesLinkKeyFromEnv(config),
    publicUrl: config.HUB_PUBLIC_URL ?? null,
    linkDays: config.PREMISES_LINK_DAYS,
    limits: { perDeclarantPerMinute: config.DECLARATIONS_PER_DECLARANT_PER_MINUTE, perPremisesPerHour: config.DECLARATIONS_PER_PREMISES_PER_HOUR },
  };
}

/**
 * The same, for the declarations subgraph run as its own process: links point at HUB_PUBLIC_URL, else the
 * gateway's address, and with REDIS_URL the limits are counted in Redis for every replica (the caller quits
 * `shared.redis` when it stops).
 */
export async function declarationSettingsFromEnv(config: Env, gatewayAddress: string, logger: Logger): Promise<DeclarationSettings> {
  const options = await declarationOptions(config);
  const publicUrl = options.publicUrl ?? new URL(gatewayAddress).origin;
  return {
    links: new PremisesLinkSigner(options.linkKey),
    publicUrl: () => publicUrl,
    linkDays: options.linkDays ?? config.PREMISES_LINK_DAYS,
    limits: options.limits ?? { perDeclarantPerMinute: config.DECLARATIONS_PER_DECLARANT_PER_MINUTE, perPremisesPerHour: config.DECLARATIONS_PER_PREMISES_PER_HOUR },
    // Last: nothing above can fail after the client is made.
    shared: sharedStateFromEnv(config, logger),
  };
}
