import { departmentTarget } from '../platform/db.js';
import { DEPARTMENTS } from '../platform/departments.js';
import { env, exitOnConfigurationError } from '../platform/env.js';
import { closeDepartmentDatabases, openDepartmentDatabases } from '../subgraphs/index.js';

/** Applies every department's committed migrations to its database, then exits. */
exitOnConfigurationError();
const config = env();
const databases = await openDepartmentDatabases((d) => departmentTarget(config, d), { migrate: true });
for (const department of DEPARTMENTS) {
  const target = databases[department].target;
  process.stdout.write(`migrated ${department} (${target.kind === 'pglite' ? `embedded: ${target.dir ?? 'memory'}` : 'postgres'})\n`);
}
await closeDepartmentDatabases(databases);
