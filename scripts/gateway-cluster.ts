import cluster, { type Worker } from 'node:cluster';
import os from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { openAuditDatabase, sharedAuditTarget } from '../audit/database.js';
import { callerTokenSettingsFromEnv, internalSigningKeyFromEnv } from '../auth/config.js';
import { startProcess } from '../hub/config.js';
import { answerClusterMetrics, WORKER_SLOT_VARIABLE } from '../platform/cluster-metrics.js';

/**
 * The gateway as deployed: GATEWAY_WORKERS gateway processes (scripts/serve-gateway.ts)
 * sharing GATEWAY_PORT through node:cluster. Planning, token checks and
 * response assembly are JavaScript on one thread, so using more cores takes
 * more processes. With one worker this is scripts/serve-gateway.ts itself.
 *
 * The primary serves nothing. It does once what the workers would otherwise
 * race to do (the development keys, the audit store's migrations), keeps the
 * workers running (one that dies is replaced, after a delay that grows while
 * it keeps dying), and on SIGTERM or SIGINT lets every worker drain before it
 * exits.
 */
const { config, logger } = startProcess('gateway');
const workers = config.GATEWAY_WORKERS === 'auto' ? os.availableParallelism() : config.GATEWAY_WORKERS;
const main = fileURLToPath(import.meta.url).replace(/gateway-cluster\.(ts|js)$/, 'serve-gateway.$1');

if (workers <= 1) {
  await import(pathToFileURL(main).href);
} else {
  // Both read the keys on disk, or make them in development, before any worker looks for them.
  await callerTokenSettingsFromEnv(config);
  await internalSigningKeyFromEnv(config);
  if (config.HUB_MIGRATE_ON_START) await (await openAuditDatabase(sharedAuditTarget(config), { migrate: true })).close();

  cluster.setupPrimary({ exec: main });
  // One scrape of /metrics, whichever worker takes it, shows every worker's series.
  answerClusterMetrics(logger);
  let stopping = false;
  /**
   * Each worker's place: a worker that dies is replaced in its place after a
   * delay doubling with each death in a row there (GATEWAY_RESPAWN_BASE_MS up
   * to GATEWAY_RESPAWN_MAX_MS), so one that cannot start (its audit store
   * down) is retried ever more slowly instead of in a tight loop; a worker
   * that has listened for GATEWAY_RESPAWN_MAX_MS starts its place's count over.
   */
  interface Place {
    slot: number;
    deathsInARow: number;
    settled?: NodeJS.Timeout;
    respawn?: NodeJS.Timeout;
  }
  const placeOf = new Map<Worker, Place>();
  const fork = (place: Place): void => {
    const worker = cluster.fork({ HUB_MIGRATE_ON_START: 'false', [WORKER_SLOT_VARIABLE]: String(place.slot) });
    placeOf.set(worker, place);
  };
  cluster.on('exit', (worker, code, signal) => {
    const place = placeOf.get(worker);
    placeOf.delete(worker);
    if (stopping || !place) return;
    clearTimeout(place.settled);
    const restartInMs = Math.min(config.GATEWAY_RESPAWN_BASE_MS * 2 ** place.deathsInARow, config.GATEWAY_RESPAWN_MAX_MS);
    place.deathsInARow += 1;
    logger.error({ worker: worker.id, slot: place.slot, code, signal, deathsInARow: place.deathsInARow, restartInMs }, 'gateway worker exited; starting another after a delay');
    place.respawn = setTimeout(() => fork(place), restartInMs);
  });
  let listening = 0;
  cluster.on('listening', (worker) => {
    const place = placeOf.get(worker);
    if (place) place.settled = setTimeout(() => (place.deathsInARow = 0), config.GATEWAY_RESPAWN_MAX_MS);
    listening += 1;
    if (listening === workers) logger.info({ workers, port: config.GATEWAY_PORT }, 'gateway cluster ready');
  });
  const places: Place[] = Array.from({ length: workers }, (_, slot) => ({ slot, deathsInARow: 0 }));
  for (const place of places) fork(place);

  const stop = () => {
    if (stopping) return;
    stopping = true;
    for (const place of places) {
      clearTimeout(place.respawn);
      clearTimeout(place.settled);
    }
    const running = Object.values(cluster.workers ?? {}).filter((w): w is Worker => w !== undefined);
    let left = running.length;
    if (left === 0) process.exit(0);
    for (const worker of running) {
      worker.once('exit', () => {
        left -= 1;
        if (left === 0) process.exit(0);
      });
      worker.process.kill('SIGTERM');
    }
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
