import { AnomalyDetector, startAnomalyDetection, type RunningDetection } from '../audit/anomalies/detector.js';
import { anomalySettingsFromEnv } from '../audit/anomalies/rules.js';
import { checkpointDirFromEnv, checkpointPublicKey } from '../audit/checkpoint.js';
import { openAuditDatabase, sharedAuditTarget, type AuditDatabase } from '../audit/database.js';
import { exportKeyFromEnv } from '../audit/export.js';
import type { EvidenceSources } from '../audit/verification.js';
import { internalVerificationKeyFromEnv } from '../auth/config.js';
import { auditEvidence as hubAuditEvidence, auditWriter, declarationSettingsFromEnv, startProcess } from '../hub/config.js';
import { startSubgraphServers } from '../hub/hub.js';
import { databaseTarget, openSubgraphDatabase } from '../subgraphs/databases.js';
import { gatewayUrl, operationLimitsOf, subgraphPort } from '../hub/env.js';
import { shutdownGracefully, catchStopSignals } from '../platform/shutdown.js';
import { startTracing } from '../platform/tracing.js';
import { relayOwnOutbox } from '../hub/events.js';
import { startOwnRuleEngine } from '../hub/rule-engines.js';
import { CREATED_SUBGRAPHS, isSubgraphName, SUBGRAPHS, type CreatedSubgraph, type DatabaseOf } from '../subgraphs/registry.js';

/**
 * One subgraph as its own process: `tsx scripts/serve-subgraph.ts <name>`, for
 * every subgraph the registry builds with a factory (subgraphs/registry.ts).
 */
const name = process.argv[2] ?? '';
if (!(CREATED_SUBGRAPHS as readonly string[]).includes(name)) {
  // A subgraph served with more than itself (the exchange, with its inbox) has an entry point of its own.
  const own = isSubgraphName(name) ? ` (${name} runs as ${SUBGRAPHS[name].serve.entryPoint.join(' ')})` : '';
  process.stderr.write(`Usage: serve-subgraph <${CREATED_SUBGRAPHS.join('|')}> (got ${JSON.stringify(name)})${own}\n`);
  process.exit(2);
}
const subgraph = name as CreatedSubgraph;
const { config, logger } = startProcess(subgraph);
// From the first line on: a signal that comes while this process starts is held until it can stop cleanly.
const signals = catchStopSignals(config.SHUTDOWN_GRACE_MS);
const tracing = await startTracing(config, `hub-${subgraph}`, logger);
// Before opening any database: a subgraph without the gateway's key must not start at all.
const internalKey = await internalVerificationKeyFromEnv(config);
// Every subgraph records its accesses in the audit store, and serves nothing it could not record.
const auditDatabase = await openAuditDatabase(sharedAuditTarget(config), { migrate: config.HUB_MIGRATE_ON_START });
const writer = auditWriter(config, auditDatabase, subgraph, logger);

// The audit subgraph reads as a member of hub_audit_reader when AUDIT_READER_DATABASE_URL says so, and records its own reads as a writer.
let ownDatabase: AuditDatabase | DatabaseOf<CreatedSubgraph>;
let auditEvidence: EvidenceSources | undefined;
if (subgraph === 'audit') {
  ownDatabase = config.AUDIT_READER_DATABASE_URL ? await openAuditDatabase(sharedAuditTarget(config, 'read'), { migrate: false }) : auditDatabase;
  // auditVerification reads the checkpoint folder as npm run audit:verify does, checked with the public half of the key only.
  const publicKey = await checkpointPublicKey(config);
  if (publicKey) auditEvidence = hubAuditEvidence(checkpointDirFromEnv(config), publicKey);
  else logger.warn('no audit checkpoint public key (AUDIT_CHECKPOINT_PUBLIC_KEY_FILE): auditVerification holds each chain only to its own hashes');
} else {
  ownDatabase = await openSubgraphDatabase(subgraph, databaseTarget(config, subgraph), { migrate: config.HUB_MIGRATE_ON_START });
}
const declarations = subgraph === 'declarations' ? await declarationSettingsFromEnv(config, gatewayUrl(config), logger) : undefined;
const running = (
  await startSubgraphServers([subgraph], {
    host: config.HUB_HOST,
    ports: { [subgraph]: subgraphPort(config, subgraph) },
    logger,
    cityCode: config.HUB_CITY_CODE,
    groupRentalFactor: config.GROUP_RENTAL_FACTOR,
    internalKey,
    accessFor: () => writer,
    databaseFor: () => ownDatabase as never,
    auditStore: auditDatabase,
    limits: operationLimitsOf(config),
    gatewayUrl: () => gatewayUrl(config),
    ...(auditEvidence ? { auditEvidence } : {}),
    ...(subgraph === 'audit' ? { anomalySettings: anomalySettingsFromEnv(config) } : {}),
    ...(declarations ? { declarations } : {}),
    ...(subgraph === 'audit' ? { auditExportKey: () => exportKeyFromEnv(config) } : {}),
  })
)[subgraph];
// The anomaly detector runs where the audit subgraph runs, on the store it reads, and keeps its flags there.
const anomalies: RunningDetection | null =
  subgraph === 'audit'
    ? startAnomalyDetection(new AnomalyDetector(ownDatabase as AuditDatabase, anomalySettingsFromEnv(config), logger), config.ANOMALY_PASS_SECONDS * 1_000, logger)
    : null;
logger.info({ url: running.url, writerId: writer.writerId, serves: SUBGRAPHS[subgraph].summary }, `${subgraph} subgraph ready`);
const relays = await relayOwnOutbox(subgraph, ownDatabase, config, logger);
// The police's and housing's alert rules run beside the facts they read, in this process, on the same NATS.
const rules = await startOwnRuleEngine(subgraph, ownDatabase as DatabaseOf<'police'>, config, logger);
signals.stopWith(
  () =>
    shutdownGracefully({
      servers: [running],
      writers: [writer],
      graceMs: config.SHUTDOWN_GRACE_MS,
      logger,
      closeStores: async () => {
        await anomalies?.stop();
        await rules?.stop();
        await relays?.stop();
        await declarations?.shared?.redis.quit().catch(() => undefined);
        await Promise.allSettled([ownDatabase === auditDatabase ? undefined : ownDatabase.close(), auditDatabase.close()]);
        await tracing?.shutdown();
      },
    }),
);
