import { eq, inArray, isNull } from 'drizzle-orm';
import pino from 'pino';
import { anomalySettingsFromEnv } from '../audit/anomalies/rules.js';
import { checkpointDirFromEnv, checkpointKeyFromEnv } from '../audit/checkpoint.js';
import { exportKeyFromEnv } from '../audit/export.js';
import { internalVerificationKeyFromEnv } from '../auth/config.js';
import { cityIdentityFromEnv } from '../exchange/identity.js';
import { exchangeSettingsFromEnv } from '../exchange/service.js';
import { ExchangeStore } from '../exchange/store.js';
import { bannerText, type ExampleRequest } from '../hub/banner.js';
import { startCheckpointSigner } from '../hub/checkpoint-signer.js';
import { auditEvidence, auditWriter, declarationOptions, gatewaySettings, hubPorts, startProcess } from '../hub/config.js';
import { ensurePortsFree, startHub, type RunningHub } from '../hub/hub.js';
import { openHubStores, type HubStores } from '../hub/stores.js';
import { lockDataFolder } from '../platform/data-folder-lock.js';
import { databaseTarget } from '../subgraphs/databases.js';
import { operationLimitsOf, webhookSettingsOf } from '../hub/env.js';
import { isDevelopment } from '../platform/env.js';
import { catchStopSignals } from '../platform/shutdown.js';
import { startTracing } from '../platform/tracing.js';
import { isCitySeeded, seedCity } from '../seed/index.js';
import { tenancies } from '../subgraphs/housing/db/schema.js';
import { employments } from '../subgraphs/labour/db/schema.js';
import { persons } from '../subgraphs/police/db/schema.js';
import { DEPARTMENTS, SUBGRAPH_NAMES } from '../subgraphs/registry.js';
import { createTransport } from '../events/runtime.js';
import { warmPages } from '../web/server.js';

/**
 * `npm start`: the whole hub in one process. Every subgraph on its own
 * database (embedded PGlite under HUB_DATA_DIR unless URLs are set), the audit
 * store, the exchange, the gateway in front, and a synthetic city seeded on
 * first start. Stdout is for the person at the terminal: what it is doing
 * while it starts, then the banner; logs go to stderr, at `warn` unless
 * LOG_LEVEL says otherwise.
 */
const started = performance.now();
const { config, logger } = startProcess('hub', { defaultLevel: 'warn', destination: pino.destination({ fd: 2, sync: false }) });
// From the first line on: a signal that comes while this process starts is held until it can stop cleanly.
const signals = catchStopSignals(config.SHUTDOWN_GRACE_MS);
const say = (line: string) => process.stdout.write(`${line}\n`);
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const count = (n: number) => n.toLocaleString('en');

// Before anything else touches the data folder: a second hub on it would see only its own writes, and one copy would be lost.
const dataFolderLock = lockDataFolder(config.HUB_DATA_DIR);
// A port another process holds ends the start here, in one line naming the variable to change, not after the databases.
const ports = hubPorts(config);
await ensurePortsFree(config.HUB_HOST, ports);
const tracing = await startTracing(config, 'population-data-hub', logger);

// Keys first: a production hub missing one stops here, before touching any database.
const gateway = await gatewaySettings(config, logger);
const internalKey = await internalVerificationKeyFromEnv(config);
const identity = await cityIdentityFromEnv(config);
const checkpointKey = await checkpointKeyFromEnv(config);
const checkpointDir = checkpointDirFromEnv(config);

const embedded = SUBGRAPH_NAMES.every((name) => databaseTarget(config, name).kind === 'pglite');
say(
  embedded
    ? `Starting the population data hub on embedded databases under ${config.HUB_DATA_DIR}/pglite/ (a first start creates and migrates each, then seeds a city)`
    : 'Starting the population data hub on PostgreSQL',
);
const stores: HubStores = await openHubStores(config, {
  migrate: config.HUB_MIGRATE_ON_START,
  progress: {
    opening: (name, what) => process.stdout.write(`  ${name.padEnd(9)} ${what} ...`),
    opened: (_name, ms) => say(` ${seconds(ms)}`),
  },
});

// Every chain head signed at an interval, when a writer's chain ends, and at shutdown, outside the audit database;
// partner cities witness each checkpoint over the exchange, as under the compose signer (hub/checkpoint-signer.ts).
const signer = await startCheckpointSigner({
  database: stores.audit.reader,
  dir: checkpointDir,
  key: checkpointKey,
  logger,
  intervalMs: config.AUDIT_CHECKPOINT_INTERVAL_S * 1000,
  witnessing: { identity, store: new ExchangeStore(stores.exchange.db), timeoutMs: config.SUBGRAPH_TIMEOUT_MS },
});
const { checkpointer } = signer;

if (config.HUB_SEED_ON_START && !(await isCitySeeded(stores.departments.police))) {
  say(`Seeding a synthetic city of ${count(config.SEED_PERSONS)} residents for ${config.HUB_CITY_NAME} (first start only) ...`);
  let last = performance.now();
  const report = await seedCity(stores.departments, {
    persons: config.SEED_PERSONS,
    key: config.SEED_KEY,
    ...(config.SEED_AS_OF ? { asOf: config.SEED_AS_OF } : {}),
    cityCode: config.HUB_CITY_CODE,
    onProgress: (p) => {
      if (performance.now() - last < 2000) return;
      last = performance.now();
      say(`  ${p.department} ${p.table}: ${count(p.rows)} / ${count(p.total)}`);
    },
  });
  say(`  seeded ${count(Object.values(report.rows).reduce((a, b) => a + b, 0))} rows in ${seconds(report.ms)}`);
}

say('Starting the subgraphs, the exchange and the gateway ...');
const closeStores = async () => {
  // The writers have ended their chains: the last checkpoint signs where each one stopped.
  await signer.stop();
  await stores.close();
  await tracing?.shutdown();
  dataFolderLock.release();
};
// Over NATS when EVENTS_NATS_URL is set, so departments elsewhere can consume this hub's events; in memory otherwise.
const events = await createTransport(config, logger);
let hub: RunningHub;
try {
  hub = await startHub({
    host: config.HUB_HOST,
    ports,
    logger,
    cityCode: config.HUB_CITY_CODE,
    groupRentalFactor: config.GROUP_RENTAL_FACTOR,
    alerts: {
      unregisteredTenantDays: config.ALERT_UNREGISTERED_TENANT_DAYS,
      passIntervalMs: config.ALERT_PASS_SECONDS * 1_000,
      webhooks: webhookSettingsOf(config),
    },
    stores: { departments: stores.departments, audit: stores.audit, exchange: stores.exchange, alerts: stores.alerts, declarations: stores.declarations },
    declarations: await declarationOptions(config),
    // One writer, and so one hash chain, per component of this process.
    writerFor: (component) => auditWriter(config, stores.audit.writer, component, logger, () => void checkpointer.checkpoint('chain-end')),
    internalKey,
    identity,
    exchange: { settings: exchangeSettingsFromEnv(config), deliver: config.EXCHANGE_DELIVERY },
    production: config.NODE_ENV === 'production',
    gateway,
    // auditVerification holds the store to the same checkpoints, receipts and archives as npm run audit:verify.
    // The audit views' exports are signed with the key npm run audit:export uses, made in development when first needed.
    subgraphs: { limits: operationLimitsOf(config), auditEvidence: auditEvidence(checkpointDir, checkpointKey.publicKey), auditExportKey: () => exportKeyFromEnv(config) },
    events: { transport: events, pollMs: config.EVENTS_POLL_MS },
    // The anomaly detector passes over the audit log every ANOMALY_PASS_SECONDS.
    anomalies: { settings: anomalySettingsFromEnv(config) },
  });
} catch (error) {
  await events.close().catch(() => undefined);
  // A port taken since the check, say: the databases close cleanly before the process says why it stops.
  await closeStores().catch(() => undefined);
  throw error;
}

const example = await exampleRequest();
const usesDevIssuer = isDevelopment(config) && !config.AUTH_JWKS_URL && !config.AUTH_JWKS_FILE;
process.stdout.write(
  bannerText({
    seconds: (performance.now() - started) / 1000,
    gatewayUrl: hub.gateway.url,
    subgraphUrls: hub.subgraphUrls,
    inbox: { url: hub.exchange.inbox.url, cityName: identity.name, cityCode: identity.code, keyFingerprint: identity.fingerprint },
    checkpoints: { file: checkpointer.file, intervalSeconds: config.AUDIT_CHECKPOINT_INTERVAL_S, keyId: checkpointKey.keyId, publicKeyFile: checkpointKey.publicKeyFile },
    tokens: usesDevIssuer ? { issuer: 'development', dataDir: config.HUB_DATA_DIR } : { issuer: config.AUTH_ISSUER, audience: config.AUTH_AUDIENCE },
    example,
  }),
);
// A parent process (the two-city demo) learns where this hub listens without reading the banner.
process.send?.({ hub: 'ready', gatewayUrl: hub.gateway.url, inboxUrl: hub.exchange.inbox.url, subgraphUrls: hub.subgraphUrls });
// The web pages are built in memory on first use; building them now spares the first visitor the wait.
warmPages(logger);

/**
 * A request a fresh hub answers with data: a resident with a current tenancy
 * and a job, asked for by the one principal the policy lets read all four
 * departments (the police and health roles together, for public health).
 * Without such a resident (an unseeded city), the first residents in the register.
 */
async function exampleRequest(): Promise<ExampleRequest> {
  const resident = await residentKnownEverywhere();
  const tokenArgs = ['--dept', 'police', '--roles', 'police,health'];
  if (!resident) {
    return { title: 'the first residents in the register', tokenArgs, purpose: 'public-health', query: '{ persons(first: 5) { edges { node { id name status } } } }' };
  }
  return {
    title: `the dossier of resident ${resident.idNumber}, from all ${DEPARTMENTS.length} departments`,
    tokenArgs,
    purpose: 'public-health',
    query: `{ personByIdNumber(idNumber: "${resident.idNumber}") { name status residence { address grid { name } } tenancies { edges { node { start house { address } } } } employments { edges { node { position employer { name } } } } healthProfile { familyPlanningStatus } } }`,
  };
}

async function residentKnownEverywhere(): Promise<{ idNumber: string } | undefined> {
  const { housing, labour, police } = stores.departments;
  const tenants = await housing.db.select({ id: tenancies.tenantId }).from(tenancies).where(isNull(tenancies.end)).limit(200);
  if (tenants.length === 0) return undefined;
  const [worker] = await labour.db
    .select({ id: employments.personId })
    .from(employments)
    .where(inArray(employments.personId, tenants.map((t) => t.id)))
    .limit(1);
  if (!worker) return undefined;
  const [person] = await police.db.select({ idNumber: persons.idNumber }).from(persons).where(eq(persons.id, worker.id));
  return person;
}

signals.stopWith(async (signal) => {
  say(`\n${signal}: stopping`);
  await hub.stop(config.SHUTDOWN_GRACE_MS, closeStores);
});
