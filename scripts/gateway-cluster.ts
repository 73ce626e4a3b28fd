import cluster, { type Worker } from 'node:cluster';
import os from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { openAuditDatabase, sharedAuditTarget } from '../audit/database.js';
import { callerTokenSettingsFromEnv, internalSigningKeyFromEnv } from '../auth/config.js';
import { startProcess } from '../hub/config.js';

/**
 * The gateway as deployed: GATEWAY_WORKERS gateway processes (scripts/serve-gateway.ts)
 * sharing GATEWAY_PORT through node:cluster. Planning, token checks and
 * response assembly are JavaScript on one thread, so using more cores takes
 * more processes. With one worker this is scripts/serve-gateway.ts itself.
 *
 * The primary serves nothing. It does once what the workers would otherwise
 * race to do (the development keys, the audit store's migrations), keeps the
 * workers running (one that dies is replaced), and on SIGTERM or SIGINT
 * lets every worker drain before it exits.
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
  let stopping = false;
  const fork = (): Worker => cluster.fork({ HUB_MIGRATE_ON_START: 'false' });
  cluster.on('exit', (worker, code, signal) => {
    if (stopping) return;
    logger.error({ worker: worker.id, code, signal }, 'gateway worker exited; starting another');
    fork();
  });
  let listening = 0;
  cluster.on('listening', () => {
    listening += 1;
    if (listening === workers) logger.info({ workers, port: config.GATEWAY_PORT }, 'gateway cluster ready');
  });
  for (let i = 0; i < workers; i += 1) fork();

  const stop = () => {
    if (stopping) return;
    stopping = true;
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
