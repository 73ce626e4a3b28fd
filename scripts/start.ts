import { readFileSync } from 'node:fs';
import { eq, inArray, isNull } from 'drizzle-orm';
import { Checkpointer, checkpointDirFromEnv, checkpointKeyFromEnv } from '../audit/checkpoint.js';
import { auditStoreAnswers, openAuditStores, readyOnlyWithAuditStore } from '../audit/database.js';
import { evidenceIn } from '../audit/verification.js';
import { AuditWriter } from '../audit/writer.js';
import { callerTokenSettingsFromEnv, internalSigningKeyFromEnv, internalVerificationKeyFromEnv } from '../auth/config.js';
import { lookupCapSettingsFromEnv } from '../gateway/lookup-cap.js';
import { rateLimitSettingsFromEnv } from '../gateway/rate-limit.js';
import { refusalSettingsFromEnv } from '../gateway/refusals.js';
import { startGateway } from '../gateway/server.js';
import { lockDataFolder } from '../platform/data-folder-lock.js';
import { departmentTarget } from '../platform/db.js';
import { DEPARTMENTS, type Department } from '../platform/departments.js';
import { env, exitOnConfigurationError, isDevelopment, operationLimitsOf } from '../platform/env.js';
import type { RunningServer } from '../platform/http.js';
import { createLogger } from '../platform/logger.js';
import { GatewayMetrics } from '../platform/metrics.js';
import { shutdownGracefully, stopOnSignals } from '../platform/shutdown.js';
import { startTracing } from '../platform/tracing.js';
import { startSubgraph } from '../platform/subgraph.js';
import { SUPERGRAPH_PATH } from '../schema/compose.js';
import { demoResidents, isCitySeeded, seedCity } from '../seed/index.js';
import { tenancies } from '../subgraphs/housing/db/schema.js';
import { employments } from '../subgraphs/labour/db/schema.js';
import { persons } from '../subgraphs/police/db/schema.js';
import { createAuditSubgraph } from '../subgraphs/audit/subgraph.js';
import { exchangeTarget, openExchangeDatabase } from '../exchange/database.js';
import { cityIdentityFromEnv } from '../exchange/identity.js';
import { startExchangeFromEnv } from '../exchange/service.js';
import { ExchangeStore } from '../exchange/store.js';
import { CheckpointWitnesses } from '../exchange/witness.js';
import { closeDepartmentDatabases, createDepartmentSubgraph, openDepartmentDatabases } from '../subgraphs/index.js';

/**
 * The whole hub in one process: every department subgraph on its own
 * database (embedded PGlite under HUB_DATA_DIR unless URLs are set), the
 * audit store and its subgraph, the gateway in front, and a synthetic city
 * seeded on first start.
 */
const started = performance.now();
exitOnConfigurationError();
const config = env();
const logger = createLogger('hub', config.LOG_LEVEL);
const say = (line: string) => process.stdout.write(`${line}\n`);
// Before anything else touches the data folder: a second hub on it would see only its own writes, and one copy would be lost.
const dataFolderLock = lockDataFolder(config.HUB_DATA_DIR);
const tracing = await startTracing(config, 'population-data-hub', logger);

// Keys first: a production hub missing one stops here, before touching any database.
const callerTokens = await callerTokenSettingsFromEnv(config);
const internalTokens = { signingKey: await internalSigningKeyFromEnv(config), ttlSeconds: config.INTERNAL_TOKEN_TTL_S };
const internalKey = await internalVerificationKeyFromEnv(config);
const cityIdentity = await cityIdentityFromEnv(config);
const limits = operationLimitsOf(config);
const checkpointKey = await checkpointKeyFromEnv(config);
const checkpointDir = checkpointDirFromEnv(config);

// The audit store first: without it no subgraph may serve anything. Writers append through one
// connection, the audit subgraph and the checkpointer read through another (see Audit roles).
const auditStores = await openAuditStores(config, { migrate: config.HUB_MIGRATE_ON_START });
const auditDatabase = auditStores.writer;
// Every chain head signed at an interval, when a writer's chain ends, and at shutdown, outside the audit database.
// Partner cities witness each checkpoint over the exchange, once its store is open (exchange/witness.ts).
let witnesses: CheckpointWitnesses | null = null;
const checkpointer = await Checkpointer.open(auditStores.reader, {
  dir: checkpointDir,
  key: checkpointKey,
  logger,
  intervalMs: config.AUDIT_CHECKPOINT_INTERVAL_S * 1000,
  onCheckpoint: (signed) => void witnesses?.witness(signed),
});
// Anchors chains a previous run could not (one that was killed) before this run adds its own.
await checkpointer.checkpoint('start');
checkpointer.start();
const databases = await openDepartmentDatabases((d) => departmentTarget(config, d), { migrate: config.HUB_MIGRATE_ON_START });
const exchangeDatabase = await openExchangeDatabase(exchangeTarget(config), { migrate: config.HUB_MIGRATE_ON_START });
witnesses = new CheckpointWitnesses({
  identity: cityIdentity,
  store: new ExchangeStore(exchangeDatabase.db),
  dir: checkpointDir,
  checkpointPublicKey: checkpointKey.publicKey,
  logger,
  timeoutMs: config.SUBGRAPH_TIMEOUT_MS,
});
if (checkpointer.latest) void witnesses.witness(checkpointer.latest);
// A partner that was down, or registered since, is sent the latest checkpoint at the checkpoint interval.
const witnessRetry = setInterval(() => void witnesses?.retry(), config.AUDIT_CHECKPOINT_INTERVAL_S * 1000);
witnessRetry.unref();
const embedded = DEPARTMENTS.every((d) => databases[d].target.kind === 'pglite') && auditDatabase.target.kind === 'pglite';
say(embedded ? `Embedded databases under ${config.HUB_DATA_DIR}/pglite/` : 'Databases: PostgreSQL');

if (config.HUB_SEED_ON_START && !(await isCitySeeded(databases.police))) {
  say(`Seeding a synthetic city of ${config.SEED_PERSONS.toLocaleString('en')} residents (first start only)...`);
  let last = 0;
  const report = await seedCity(databases, {
    persons: config.SEED_PERSONS,
    key: config.SEED_KEY,
    onProgress: (p) => {
      if (performance.now() - last < 1000) return;
      last = performance.now();
      say(`  ${p.table}: ${p.rows.toLocaleString('en')} / ${p.total.toLocaleString('en')}`);
    },
  });
  say(`Seeded ${Object.values(report.rows).reduce((a, b) => a + b, 0).toLocaleString('en')} rows in ${(report.ms / 1000).toFixed(1)} s`);
}

// One writer, and so one hash chain, per component of this process.
const batching = { logger, maxBatch: config.AUDIT_BATCH_MAX_EVENTS, delayMs: config.AUDIT_BATCH_DELAY_MS };
const writers: AuditWriter[] = [];
const writerFor = (component: string) => {
  const writer = new AuditWriter(auditDatabase, { ...batching, component, onChainEnd: () => void checkpointer.checkpoint('chain-end') });
  writers.push(writer);
  return writer;
};
const ports: Record<Department, number> = {
  police: config.POLICE_PORT,
  housing: config.HOUSING_PORT,
  labour: config.LABOUR_PORT,
  health: config.HEALTH_PORT,
};
const servers: RunningServer[] = [];
const subgraphUrls: Record<string, string> = {};
for (const department of DEPARTMENTS) {
  const module = readyOnlyWithAuditStore(
    createDepartmentSubgraph(department, databases[department], { access: writerFor(department), cityCode: config.HUB_CITY_CODE }),
    auditDatabase,
  );
  const running = await startSubgraph(module, { host: config.HUB_HOST, port: ports[department], logger, internalKey, limits });
  servers.push(running);
  subgraphUrls[department] = running.url;
}
// Its auditVerification holds the store to the same checkpoints, receipts and archives as npm run audit:verify.
const auditEvidence = evidenceIn(checkpointDir, checkpointKey.publicKey);
const auditSubgraph = await startSubgraph(createAuditSubgraph({ database: auditStores.reader, access: writerFor('audit'), evidence: auditEvidence }), {
  host: config.HUB_HOST,
  port: config.AUDIT_PORT,
  logger,
  internalKey,
  limits,
});
servers.push(auditSubgraph);
subgraphUrls.audit = auditSubgraph.url;
const exchange = await startExchangeFromEnv(config, {
  database: exchangeDatabase,
  identity: cityIdentity,
  outbox: databases.police.db as never,
  audit: writerFor('exchange'),
  logger,
  internalKey,
  ready: () => auditStoreAnswers(auditDatabase),
});
subgraphUrls.exchange = exchange.subgraph.url;
// Stopped with the servers, before the writers its worker and inbox record to.
servers.push(exchange);

// One process, so the gateway's /metrics can show every writer's queue.
const metrics = new GatewayMetrics();
metrics.watchAuditWriters(() => writers);
const gateway = await startGateway({
  supergraphSdl: readFileSync(SUPERGRAPH_PATH, 'utf8'),
  subgraphUrls,
  host: config.HUB_HOST,
  port: config.GATEWAY_PORT,
  logger,
  subgraphTimeoutMs: config.SUBGRAPH_TIMEOUT_MS,
  introspection: isDevelopment(config),
  callerTokens,
  internalTokens,
  requestLog: writerFor('gateway'),
  limits,
  rateLimit: rateLimitSettingsFromEnv(config),
  refusals: refusalSettingsFromEnv(config),
  lookupCap: lookupCapSettingsFromEnv(config),
  metrics,
});
servers.unshift(gateway);

const example = (await residentKnownEverywhere()) ?? demoResidents(config.SEED_KEY, 1)[0];
say('');
say(`Population data hub ready in ${((performance.now() - started) / 1000).toFixed(1)} s`);
say(`  gateway   ${gateway.url}   (health /health, readiness /ready, metrics /metrics)`);
for (const name of [...DEPARTMENTS, 'audit', 'exchange']) say(`  ${name.padEnd(9)} ${subgraphUrls[name]} (internal)`);
say(`  inbox     ${exchange.inbox.url} (for partner cities; ${cityIdentity.name} ${cityIdentity.code}, key ${cityIdentity.fingerprint})`);
say(`  audit checkpoints ${checkpointer.file} (every ${config.AUDIT_CHECKPOINT_INTERVAL_S} s; key ${checkpointKey.keyId}${checkpointKey.publicKeyFile ? `, public half ${checkpointKey.publicKeyFile}` : ''})`);
const usesDevIssuer = isDevelopment(config) && !config.AUTH_JWKS_URL && !config.AUTH_JWKS_FILE;
say('');
say('Every request needs a caller token and a purpose of use (X-Purpose).');
if (usesDevIssuer) {
  say(`Get a development token (keys under ${config.HUB_DATA_DIR}/keys/):`);
  say(`  TOKEN=$(${config.HUB_DATA_DIR === 'data' ? '' : `HUB_DATA_DIR=${config.HUB_DATA_DIR} `}npm run -s token -- --dept police)`);
} else {
  say(`Tokens come from ${config.AUTH_ISSUER} (audience ${config.AUTH_AUDIENCE}).`);
}
if (example) {
  say('');
  say('Try the resident dossier:');
  say(
    `  curl -s ${gateway.url} -H 'content-type: application/json' -H "authorization: Bearer $TOKEN" -H 'x-purpose: population-management' \\\n` +
      `    -d '{"query":"{ personByIdNumber(idNumber: \\"${example.idNumber}\\") { name status residence { address grid { name } } tenancies { edges { node { house { address } } } } employments { edges { node { position employer { name } } } } healthProfile { familyPlanningStatus } } }"}'`,
  );
}

/** A resident with a current tenancy and a job, so the example dossier shows every department. */
async function residentKnownEverywhere(): Promise<{ idNumber: string } | undefined> {
  const tenants = await databases.housing.db
    .select({ id: tenancies.tenantId })
    .from(tenancies)
    .where(isNull(tenancies.end))
    .limit(200);
  if (tenants.length === 0) return undefined;
  const [worker] = await databases.labour.db
    .select({ id: employments.personId })
    .from(employments)
    .where(inArray(employments.personId, tenants.map((t) => t.id)))
    .limit(1);
  if (!worker) return undefined;
  const [person] = await databases.police.db.select({ idNumber: persons.idNumber }).from(persons).where(eq(persons.id, worker.id));
  return person;
}

stopOnSignals(async (signal) => {
  say(`\n${signal}: stopping`);
  await shutdownGracefully({
    servers,
    writers,
    graceMs: config.SHUTDOWN_GRACE_MS,
    logger,
    closeStores: async () => {
      // The writers have ended their chains: the last checkpoint signs where each one stopped.
      await checkpointer.stop();
      clearInterval(witnessRetry);
      await witnesses?.idle();
      await closeDepartmentDatabases(databases);
      await exchangeDatabase.close().catch(() => undefined);
      await auditStores.close();
      await tracing?.shutdown();
      dataFolderLock.release();
    },
  });
}, config.SHUTDOWN_GRACE_MS);
