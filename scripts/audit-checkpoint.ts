import { Checkpointer, checkpointDirFromEnv, checkpointKeyFromEnv } from '../audit/checkpoint.js';
import { openAuditDatabase, sharedAuditTarget } from '../audit/database.js';
import { env, exitOnConfigurationError } from '../platform/env.js';
import { createLogger } from '../platform/logger.js';
import { stopOnSignals } from '../platform/shutdown.js';

/**
 * Signs checkpoints of every audit chain head as a process of its own, for
 * deployments where the writers run in separate processes (docker compose):
 * every AUDIT_CHECKPOINT_INTERVAL_S, and once more when stopped. It reads
 * the audit store as a member of hub_audit_reader (AUDIT_READER_DATABASE_URL)
 * and appends to AUDIT_CHECKPOINT_DIR, which it holds alone.
 *
 *   node --import tsx scripts/audit-checkpoint.ts
 */
exitOnConfigurationError();
const config = env();
const logger = createLogger('audit-checkpoint', config.LOG_LEVEL);
const key = await checkpointKeyFromEnv(config);
const dir = checkpointDirFromEnv(config);
const database = await openAuditDatabase(sharedAuditTarget(config, 'read'), { migrate: false });
const checkpointer = await Checkpointer.open(database, { dir, key, logger, intervalMs: config.AUDIT_CHECKPOINT_INTERVAL_S * 1000 });
await checkpointer.checkpoint('start');
checkpointer.start();
logger.info({ file: checkpointer.file, keyId: key.keyId, everySeconds: config.AUDIT_CHECKPOINT_INTERVAL_S }, 'signing audit checkpoints');
// The interval timer does not hold the process open by itself.
const keepAlive = setInterval(() => undefined, 1 << 30);
stopOnSignals(async () => {
  clearInterval(keepAlive);
  await checkpointer.stop();
  await database.close();
}, config.SHUTDOWN_GRACE_MS);
