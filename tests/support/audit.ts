import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { sql } from 'drizzle-orm';
import type { RequestMeta } from '../../auth/principal.js';
import type { Role } from '../../auth/roles.js';
import { eventHash, GENESIS_HASH } from '../../audit/chain.js';
import { auditSchema, type AuditDatabase } from '../../audit/database.js';
import { auditChainHeads, auditEvents } from '../../audit/db/schema.js';
import { AuditWriter, type AuditWriterOptions } from '../../audit/writer.js';
import { derivedDatabaseUrl, dropPostgresDatabase, type DatabaseTarget } from '../../platform/db.js';
import { fromRoot } from '../../platform/paths.js';
import { newRunId, openTestDatabase, type TestDatabase } from './databases.js';
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

/** What an audit command printed, and how it exited. */
export interface CommandResult {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * An audit store where the audit commands find it, run as an operator would
 * run them: a data folder of its own (keys, checkpoints, archives), and the
 * store as a PGlite folder under it or a fresh PostgreSQL database with
 * DATABASE_URL, named to the commands as AUDIT_DATABASE_URL.
 */
export interface CommandAuditStore {
  dataDir: string;
  target: DatabaseTarget;
  /** Runs `scripts/<script>` against this data folder and store. */
  command: (script: string, args?: string[]) => Promise<CommandResult>;
  /** Drops the PostgreSQL database, if any, and removes the data folder. */
  remove(): Promise<void>;
}

const execFileAsync = promisify(execFile);

export function auditStoreForCommands(name: string, options: { poolSize?: number } = {}): CommandAuditStore {
  const dataDir = mkdtempSync(path.join(tmpdir(), `hub-audit-${name}-`));
  const base = process.env.DATABASE_URL;
  const target: DatabaseTarget = base
    ? { kind: 'postgres', url: derivedDatabaseUrl(base, `t${newRunId()}_audit`), poolSize: options.poolSize ?? 4 }
    : { kind: 'pglite', dir: path.join(dataDir, 'pglite', 'audit') };
  const env: Record<string, string | undefined> = {
    ...process.env,
    NODE_ENV: 'development',
    LOG_LEVEL: 'silent',
    HUB_DATA_DIR: dataDir,
    ...(target.kind === 'postgres' ? { AUDIT_DATABASE_URL: target.url } : {}),
  };
  delete env.DATABASE_URL;
  return {
    dataDir,
    target,
    command: async (script, args = []) => {
      try {
        const { stdout, stderr } = await execFileAsync(process.execPath, ['--import', 'tsx', fromRoot('scripts', script), ...args], { cwd: fromRoot(), env });
        return { code: 0, stdout, stderr };
      } catch (error) {
        const failed = error as { code?: number; stdout?: string; stderr?: string };
        return { code: failed.code ?? -1, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
      }
    },
    remove: async () => {
      if (target.kind === 'postgres') await dropPostgresDatabase(target.url);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The 10th of the month `back` months before this one, 08:00 UTC, as an ISO instant. */
export const monthsAgo = (back: number): string => {
  const now = new Date();
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - back, 10, 8)).toISOString();
};

/** `YYYY-MM` of an ISO instant. */
export const monthOf = (iso: string): string => iso.slice(0, 7);

/** Who an event of a written chain names; by default an officer and a resident numbered by the event. */
export type ChainEventParties = (seq: number) => { requestId: string; subject: string; recordIds: string[] };

/**
 * A chain of access events as a writer would have appended them at `times`,
 * past months included: each hashed with the hub's own function, its month's
 * partition made through the function the writers call, and the chain's head.
 */
export async function writeChainAt(
  store: AuditDatabase,
  writerId: string,
  times: readonly string[],
  parties: ChainEventParties = (seq) => ({ requestId: `r-${writerId}-${seq}`, subject: 'officer-1', recordIds: [`resident-${seq}`] }),
): Promise<void> {
  let prevHash = GENESIS_HASH;
  let seq = 0;
  for (const occurredAt of times) {
    seq += 1;
    await store.db.execute(sql`SELECT audit_ensure_partition(${`${monthOf(occurredAt)}-01`}::date)`);
    const content = {
      writerId, seq, occurredAt, kind: 'access' as const, ...parties(seq), department: 'police', roles: ['police'],
      purpose: 'population-management', caseId: null, subgraph: 'police', typeName: 'Person', fields: { name: 'full' as const },
      operationName: null, documentHash: null, outcome: null, errorCode: null, durationMs: null,
    };
    const hash = eventHash(prevHash, content);
    await store.db.insert(auditEvents).values({ ...content, occurredAt: new Date(occurredAt), prevHash, hash });
    prevHash = hash;
  }
  await store.db.insert(auditChainHeads).values({ writerId, lastSeq: seq, lastHash: prevHash, updatedAt: new Date() });
}
