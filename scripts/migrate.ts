import { auditTarget, ensureAuditLogins, openAuditDatabase } from '../audit/database.js';
import { exchangeTarget, openExchangeDatabase } from '../exchange/database.js';
import { departmentTarget } from '../platform/db.js';
import { DEPARTMENTS } from '../platform/departments.js';
import { env, exitOnConfigurationError } from '../platform/env.js';
import { closeDepartmentDatabases, openDepartmentDatabases } from '../subgraphs/index.js';

/**
 * Applies every department's committed migrations, and the audit and exchange stores', to their
 * databases, then exits. Run as each store's owner; it also makes the audit store's LOGIN users
 * named in AUDIT_WRITER_DATABASE_URL and AUDIT_READER_DATABASE_URL members of their roles.
 */
exitOnConfigurationError();
const config = env();
const describe = (target: { kind: string; dir?: string }) => (target.kind === 'pglite' ? `embedded: ${target.dir ?? 'memory'}` : 'postgres');
const audit = await openAuditDatabase(auditTarget(config), { migrate: true });
process.stdout.write(`migrated audit (${describe(audit.target)})\n`);
// The LOGIN users the hub's processes connect as, put in the roles the migration made (PostgreSQL only).
for (const user of await ensureAuditLogins(audit, config)) process.stdout.write(`audit login ${user} is in its role\n`);
await audit.close();
const exchange = await openExchangeDatabase(exchangeTarget(config), { migrate: true });
process.stdout.write(`migrated exchange (${describe(exchange.target)})\n`);
await exchange.close();
const databases = await openDepartmentDatabases((d) => departmentTarget(config, d), { migrate: true });
for (const department of DEPARTMENTS) {
  process.stdout.write(`migrated ${department} (${describe(databases[department].target)})\n`);
}
await closeDepartmentDatabases(databases);
