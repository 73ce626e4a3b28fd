import { startCheckpointSigner } from '../hub/checkpoint-signer.js';
import { checkpointDirFromEnv, checkpointKeyFromEnv } from '../audit/checkpoint.js';
import { openAuditDatabase, sharedAuditTarget } from '../audit/database.js';
import { exchangeTarget, openExchangeDatabase, type ExchangeDatabase } from '../exchange/database.js';
import { cityIdentityFromEnv } from '../exchange/identity.js';
import { ExchangeStore } from '../exchange/store.js';
import { env } from '../hub/env.js';
import { exitOnConfigurationError } from '../platform/env.js';
import { createLogger } from '../platform/logger.js';
import { catchStopSignals } from '../platform/shutdown.js';

/**
 * Signs checkpoints of every audit chain head as a process of its own, for
 * deployments where the writers run in separate processes (docker compose):
 * every AUDIT_CHECKPOINT_INTERVAL_S, and once more when stopped. It reads
 * the audit store as a member of hub_audit_reader (AUDIT_READER_DATABASE_URL)
 * and appends to AUDIT_CHECKPOINT_DIR, which it holds alone.
 *
 * With EXCHANGE_DATABASE_URL set it has every checkpoint witnessed by the
 * active partner cities of the exchange store, signed with this city's
 * exchange key (EXCHANGE_SIGNING_KEY_FILE), as `npm start` does in one
 * process; the receipts go to witnesses.jsonl beside the checkpoints.
 *
 *   node --import tsx scripts/audit-checkpoint.ts
 */
exitOnConfigurationError();
const config = env();
const logger = createLogger('audit-checkpoint', config.LOG_LEVEL);
// From the first line on: a signal that comes while this process starts is held until it can stop cleanly.
const signals = catchStopSignals(config.SHUTDOWN_GRACE_MS);
const key = await checkpointKeyFromEnv(config);
const dir = checkpointDirFromEnv(config);
// The city's key before any database: a deployment with partners but no key stops here.
const identity = config.EXCHANGE_DATABASE_URL ? await cityIdentityFromEnv(config) : null;
const database = await openAuditDatabase(sharedAuditTarget(config, 'read'), { migrate: false });
let exchange: ExchangeDatabase | null = null;
if (identity) exchange = await openExchangeDatabase(exchangeTarget(config), { migrate: false });
else logger.warn('EXCHANGE_DATABASE_URL is not set: audit checkpoints are signed but no partner city is asked to witness them');
const signer = await startCheckpointSigner({
  database,
  dir,
  key,
  logger,
  intervalMs: config.AUDIT_CHECKPOINT_INTERVAL_S * 1000,
  ...(identity && exchange ? { witnessing: { identity, store: new ExchangeStore(exchange.db), timeoutMs: config.SUBGRAPH_TIMEOUT_MS } } : {}),
});
logger.info(
  { file: signer.checkpointer.file, keyId: key.keyId, everySeconds: config.AUDIT_CHECKPOINT_INTERVAL_S, witnessedBy: identity ? `partners of ${identity.code}` : 'nobody' },
  'signing audit checkpoints',
);
// The interval timer does not hold the process open by itself.
const keepAlive = setInterval(() => undefined, 1 << 30);
signals.stopWith(async () => {
  clearInterval(keepAlive);
  await signer.stop();
  await exchange?.close();
  await database.close();
});
