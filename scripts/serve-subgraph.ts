import { internalVerificationKeyFromEnv } from '../auth/config.js';
import { LogAccessRecorder } from '../platform/access.js';
import { departmentTarget } from '../platform/db.js';
import { isDepartment, type Department } from '../platform/departments.js';
import { env, exitOnConfigurationError } from '../platform/env.js';
import { createLogger } from '../platform/logger.js';
import { startSubgraph } from '../platform/subgraph.js';
import { createDepartmentSubgraph, openDepartmentDatabase } from '../subgraphs/index.js';

/** One department subgraph as its own process: `tsx scripts/serve-subgraph.ts police`. */
const name = process.argv[2] ?? '';
if (!isDepartment(name)) {
  process.stderr.write(`Usage: serve-subgraph <police|housing|labour|health> (got "${name}")\n`);
  process.exit(2);
}
const department: Department = name;
exitOnConfigurationError();
const config = env();
const logger = createLogger(department, config.LOG_LEVEL);
// Before opening the database: a subgraph without the gateway's key must not start at all.
const internalKey = await internalVerificationKeyFromEnv(config);
const database = await openDepartmentDatabase(department, departmentTarget(config, department), {
  migrate: config.HUB_MIGRATE_ON_START,
});
const port = { police: config.POLICE_PORT, housing: config.HOUSING_PORT, labour: config.LABOUR_PORT, health: config.HEALTH_PORT }[department];
const module = createDepartmentSubgraph(department, database, {
  access: new LogAccessRecorder(logger, department),
  cityCode: config.HUB_CITY_CODE,
});
const running = await startSubgraph(module, { host: config.HUB_HOST, port, logger, internalKey });
logger.info({ url: running.url }, `${department} subgraph ready`);
const stop = () =>
  void running
    .close()
    .then(() => database.close())
    .then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
