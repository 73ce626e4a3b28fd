import { openAuditDatabase, readyOnlyWithAuditStore, sharedAuditTarget } from '../audit/database.js';
import { checkpointDirFromEnv, checkpointPublicKey } from '../audit/checkpoint.js';
import { evidenceIn } from '../audit/verification.js';
import { AuditWriter } from '../audit/writer.js';
import { internalVerificationKeyFromEnv } from '../auth/config.js';
import { departmentTarget } from '../platform/db.js';
import { isDepartment } from '../platform/departments.js';
import { env, exitOnConfigurationError, operationLimitsOf } from '../platform/env.js';
import { createLogger } from '../platform/logger.js';
import { shutdownGracefully, stopOnSignals } from '../platform/shutdown.js';
import { startTracing } from '../platform/tracing.js';
import { startSubgraph, type SubgraphModule } from '../platform/subgraph.js';
import { createAuditSubgraph } from '../subgraphs/audit/subgraph.js';
import { createDepartmentSubgraph, openDepartmentDatabase } from '../subgraphs/index.js';

/** One subgraph as its own process: `tsx scripts/serve-subgraph.ts police` (or housing, labour, health, audit). */
const name = process.argv[2] ?? '';
if (!isDepartment(name) && name !== 'audit') {
  process.stderr.write(`Usage: serve-subgraph <police|housing|labour|health|audit> (got "${name}")\n`);
  process.exit(2);
}
exitOnConfigurationError();
const config = env();
const logger = createLogger(name, config.LOG_LEVEL);
const tracing = await startTracing(config, `hub-${name}`, logger);
// Before opening any database: a subgraph without the gateway's key must not start at all.
const internalKey = await internalVerificationKeyFromEnv(config);
// Every subgraph records its accesses in the audit store, and serves nothing it could not record.
const auditDatabase = await openAuditDatabase(sharedAuditTarget(config), { migrate: config.HUB_MIGRATE_ON_START });
const writer = new AuditWriter(auditDatabase, {
  component: name,
  logger,
  maxBatch: config.AUDIT_BATCH_MAX_EVENTS,
  delayMs: config.AUDIT_BATCH_DELAY_MS,
});

let module: SubgraphModule<object>;
let port: number;
let closeOwnDatabase = async () => undefined as void;
if (name === 'audit') {
  // It reads as a member of hub_audit_reader when AUDIT_READER_DATABASE_URL says so, and records its own reads as a writer.
  const reader = config.AUDIT_READER_DATABASE_URL ? await openAuditDatabase(sharedAuditTarget(config, 'read'), { migrate: false }) : auditDatabase;
  if (reader !== auditDatabase) closeOwnDatabase = () => reader.close();
  // auditVerification reads the checkpoint folder as npm run audit:verify does, checked with the public half of the key only.
  const publicKey = await checkpointPublicKey(config);
  if (!publicKey) logger.warn('no audit checkpoint public key (AUDIT_CHECKPOINT_PUBLIC_KEY_FILE): auditVerification holds each chain only to its own hashes');
  const evidence = publicKey ? evidenceIn(checkpointDirFromEnv(config), publicKey) : undefined;
  module = createAuditSubgraph({ database: reader, access: writer, ...(evidence ? { evidence } : {}) }) as unknown as SubgraphModule<object>;
  port = config.AUDIT_PORT;
} else {
  const database = await openDepartmentDatabase(name, departmentTarget(config, name), { migrate: config.HUB_MIGRATE_ON_START });
  closeOwnDatabase = () => database.close();
  module = readyOnlyWithAuditStore(createDepartmentSubgraph(name, database, { access: writer, cityCode: config.HUB_CITY_CODE }), auditDatabase);
  port = { police: config.POLICE_PORT, housing: config.HOUSING_PORT, labour: config.LABOUR_PORT, health: config.HEALTH_PORT }[name];
}
const running = await startSubgraph(module, { host: config.HUB_HOST, port, logger, internalKey, limits: operationLimitsOf(config) });
logger.info({ url: running.url, writerId: writer.writerId }, `${name} subgraph ready`);
stopOnSignals(
  () =>
    shutdownGracefully({
      servers: [running],
      writers: [writer],
      graceMs: config.SHUTDOWN_GRACE_MS,
      logger,
      closeStores: async () => {
        await Promise.allSettled([closeOwnDatabase(), auditDatabase.close()]);
        await tracing?.shutdown();
      },
    }),
  config.SHUTDOWN_GRACE_MS,
);
