import { ensureAuditLogins, type AuditDatabase } from '../audit/database.js';
import { startProcess } from '../hub/config.js';
import { describeTarget } from '../hub/stores.js';
import { databaseTarget, openSubgraphDatabase } from '../subgraphs/databases.js';
import { ensureOutboxLogin, EXCHANGE_OUTBOX_ROLE } from '../subgraphs/police/outbox.js';
import { SUBGRAPH_NAMES } from '../subgraphs/registry.js';

/**
 * Applies the committed migrations of every subgraph's database in the
 * registry (subgraphs/registry.ts), then exits. Run as each store's owner; it
 * also makes the audit store's LOGIN users named in AUDIT_WRITER_DATABASE_URL
 * and AUDIT_READER_DATABASE_URL members of their roles, and the user named in
 * EXCHANGE_OUTBOX_DATABASE_URL a member of the police database's outbox role.
 */
const { config } = startProcess('migrate');
const say = (line: string) => process.stdout.write(`${line}\n`);
for (const name of SUBGRAPH_NAMES) {
  const target = databaseTarget(config, name);
  const database = await openSubgraphDatabase(name, target, { migrate: true });
  try {
    say(`migrated ${name} (${describeTarget(target)})`);
    // The LOGIN users the hub's processes connect as, put in the roles the migration made (PostgreSQL only).
    if (name === 'audit') for (const user of await ensureAuditLogins(database as AuditDatabase, config)) say(`audit login ${user} is in its role`);
    // The exchange's relay reads the police outbox as a member of hub_exchange_outbox, granted that table alone.
    if (name === 'police' && config.EXCHANGE_OUTBOX_DATABASE_URL) {
      const user = await ensureOutboxLogin(database, config.EXCHANGE_OUTBOX_DATABASE_URL);
      if (user) say(`police outbox login ${user} is in ${EXCHANGE_OUTBOX_ROLE}`);
    }
  } finally {
    await database.close();
  }
}
