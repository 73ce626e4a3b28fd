import { sql } from 'drizzle-orm';
import type { RequestMeta } from '../../auth/principal.js';
import type { Role } from '../../auth/roles.js';
import { auditSchema, type AuditDatabase } from '../../audit/database.js';
import { AuditWriter, type AuditWriterOptions } from '../../audit/writer.js';
import { openTestDatabase, type TestDatabase } from './databases.js';
import { testLogger } from './servers.js';
import { principalForRole, testPurposeFor } from './tokens.js';

export type TestAuditStore = TestDatabase<typeof auditSchema> & AuditDatabase;

/** A fresh, migrated audit store: in-memory PGlite, or a new PostgreSQL database with DATABASE_URL. */
export async function openTestAuditStore(runId?: string): Promise<TestAuditStore> {
  return openTestDatabase('audit', auditSchema, runId);
}

export function testWriter(store: AuditDatabase, component: string, options: Partial<AuditWriterOptions> = {}): AuditWriter {
  return new AuditWriter(store, { component, logger: testLogger, ...options });
}

let counter = 0;

/** Request metadata as a subgraph would hold it for a caller in `role`. */
export function metaFor(role: Role, overrides: Partial<RequestMeta> = {}): RequestMeta {
  counter += 1;
  return {
    requestId: `audit-test-${process.pid}-${counter}`,
    principal: principalForRole(role),
    purpose: testPurposeFor([role]),
    caseId: null,
    ...overrides,
  };
}

/**
 * Runs statements as the database owner with the audit triggers off, the way
 * an administrator bent on rewriting the log would, and turns them back on.
 */
export async function asOwnerWithoutTriggers(store: AuditDatabase, statements: ReturnType<typeof sql>[]): Promise<void> {
  await store.db.execute(sql`ALTER TABLE audit_events DISABLE TRIGGER USER`);
  await store.db.execute(sql`ALTER TABLE audit_chain_heads DISABLE TRIGGER USER`);
  try {
    for (const statement of statements) await store.db.execute(statement);
  } finally {
    await store.db.execute(sql`ALTER TABLE audit_events ENABLE TRIGGER USER`);
    await store.db.execute(sql`ALTER TABLE audit_chain_heads ENABLE TRIGGER USER`);
  }
}
