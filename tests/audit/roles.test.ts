import { sql, type SQL } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureAuditLogins, openAuditDatabase, type AuditDatabase } from '../../audit/database.js';
import { verifyAuditStore } from '../../audit/verify.js';
import { parseEnv } from '../../hub/env.js';
import { metaFor, openTestAuditStore, testWriter, type TestAuditStore } from '../support/audit.js';
import { newRunId, usingPostgres } from '../support/databases.js';

/*
 * The audit store's group roles, proven by using them. On PostgreSQL a LOGIN
 * user is made in each role the way `npm run db:migrate` makes them (from the
 * URLs an operator sets) and connects over the network; PGlite has a single
 * user, so there the test's one connection takes the role with SET ROLE, which
 * checks privileges the same way.
 */

type Role = 'hub_audit_writer' | 'hub_audit_reader';
const TABLES = ['audit_events', 'audit_chain_heads'] as const;
const PRIVILEGES = ['SELECT', 'INSERT', 'UPDATE', 'DELETE', 'TRUNCATE', 'REFERENCES', 'TRIGGER'] as const;

/** What each role may do to each table, and nothing more: the test below holds the catalog to it. */
const GRANTED: Record<Role, Record<(typeof TABLES)[number], readonly (typeof PRIVILEGES)[number][]>> = {
  hub_audit_writer: { audit_events: ['SELECT', 'INSERT'], audit_chain_heads: ['SELECT', 'INSERT'] },
  hub_audit_reader: { audit_events: ['SELECT'], audit_chain_heads: ['SELECT'] },
};

let store: TestAuditStore;
const runId = newRunId();
const logins: string[] = [];
const connections = new Map<Role, AuditDatabase>();

/** The store as a member of `role` sees it. */
async function as(role: Role): Promise<AuditDatabase> {
  const open = connections.get(role);
  if (open) return open;
  if (!usingPostgres()) {
    await store.db.execute(sql.raw(`SET ROLE ${role}`));
    return store;
  }
  if (store.target.kind !== 'postgres') throw new Error('expected a PostgreSQL store');
  const url = new URL(store.target.url);
  url.username = `t${runId}_${role === 'hub_audit_writer' ? 'writer' : 'reader'}`;
  url.password = `pw-${runId}`;
  const variable = role === 'hub_audit_writer' ? 'AUDIT_WRITER_DATABASE_URL' : 'AUDIT_READER_DATABASE_URL';
  logins.push(...(await ensureAuditLogins(store, parseEnv({ [variable]: url.toString() }))));
  const database = await openAuditDatabase({ kind: 'postgres', url: url.toString(), poolSize: 2 }, { migrate: false });
  connections.set(role, database);
  return database;
}

async function asOwnerAgain(): Promise<void> {
  if (!usingPostgres()) await store.db.execute(sql`RESET ROLE`);
}

/** The SQLSTATE of a refused statement (drizzle wraps the driver's error), or null when it ran. */
async function refusal(database: AuditDatabase, statement: SQL): Promise<string | null> {
  try {
    await database.db.execute(statement);
    return null;
  } catch (error) {
    const e = error as { code?: string; cause?: { code?: string } };
    return e.cause?.code ?? e.code ?? 'unknown';
  }
}

beforeAll(async () => {
  store = await openTestAuditStore();
  const owner = testWriter(store, 'owner-made');
  await owner.record(metaFor('police'), { type: 'Person', ids: ['resident-1'], fields: ['name'] });
  await owner.close();
});

afterAll(async () => {
  for (const database of connections.values()) await database.close().catch(() => undefined);
  await store?.destroy();
  if (usingPostgres() && logins.length > 0) {
    const admin = await openAuditDatabase({ kind: 'postgres', url: process.env.DATABASE_URL! }, { migrate: false });
    try {
      for (const login of logins) await admin.db.execute(sql.raw(`DROP ROLE IF EXISTS "${login}"`));
    } finally {
      await admin.close();
    }
  }
});

describe('the audit store’s roles', () => {
  it('grant each role exactly the table privileges its table names, and own nothing', async () => {
    for (const role of Object.keys(GRANTED) as Role[]) {
      for (const table of TABLES) {
        const result = await store.db.execute<{ privilege: string; granted: boolean }>(sql`
          SELECT p AS privilege, has_table_privilege(${role}, ${table}, p) AS granted FROM unnest(${sql.raw(`ARRAY[${PRIVILEGES.map((p) => `'${p}'`).join(',')}]`)}) AS p`);
        const rows = (result as { rows?: { privilege: string; granted: boolean }[] }).rows ?? [];
        const granted = rows.filter((r) => r.granted).map((r) => r.privilege);
        expect(granted.sort(), `${role} on ${table}`).toEqual([...GRANTED[role][table]].sort());
      }
      const owned = await store.db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM pg_class WHERE relowner = (SELECT oid FROM pg_roles WHERE rolname = ${role})`);
      expect(((owned as { rows?: { n: number }[] }).rows ?? [])[0]?.n, `${role} owns no table`).toBe(0);
    }
    // The writer moves a head by these columns only.
    const columns = await store.db.execute<{ column: string }>(sql`
      SELECT attname AS column FROM pg_attribute WHERE attrelid = 'audit_chain_heads'::regclass AND attnum > 0
        AND has_column_privilege('hub_audit_writer', 'audit_chain_heads', attname, 'UPDATE') ORDER BY 1`);
    expect(((columns as { rows?: { column: string }[] }).rows ?? []).map((r) => r.column)).toEqual(['last_hash', 'last_seq', 'updated_at']);
  });

  describe('a writer', () => {
    let writerId: string;

    afterAll(asOwnerAgain);

    it('appends events through the hub’s own writer, moving its chain head forward, into this month’s partition', async () => {
      const database = await as('hub_audit_writer');
      const writer = testWriter(database, 'as-writer', { maxBatch: 3 });
      for (let batch = 0; batch < 3; batch += 1) {
        await Promise.all([0, 1, 2].map((i) => writer.record(metaFor('police'), { type: 'Person', ids: [`r-${batch}-${i}`], fields: ['name'] })));
      }
      expect(writer.stats).toMatchObject({ events: 9, failedBatches: 0 });
      writerId = writer.writerId;
      await writer.close();
      const report = await verifyAuditStore(database, { writerId });
      expect(report).toMatchObject({ ok: true, events: 9 });
      const partitions = await database.db.execute<{ part: string }>(sql`SELECT DISTINCT tableoid::regclass::text AS part FROM audit_events WHERE writer_id = ${writerId}`);
      const month = new Date().toISOString().slice(0, 7).replace('-', '_');
      expect(((partitions as { rows?: { part: string }[] }).rows ?? []).map((r) => r.part)).toEqual([`audit_events_${month}`]);
    });

    const refused: [string, (writerId: string) => SQL][] = [
      ['update an event', (id) => sql`UPDATE audit_events SET subject = 'someone-else' WHERE writer_id = ${id}`],
      ['delete an event', (id) => sql`DELETE FROM audit_events WHERE writer_id = ${id}`],
      ['truncate the log', () => sql`TRUNCATE audit_events`],
      ['truncate a partition', () => sql`TRUNCATE audit_events_default`],
      ['disable the append-only trigger', () => sql`ALTER TABLE audit_events DISABLE TRIGGER audit_events_append_only`],
      ['disable the chain heads’ triggers', () => sql`ALTER TABLE audit_chain_heads DISABLE TRIGGER USER`],
      ['alter the log', () => sql`ALTER TABLE audit_events ADD COLUMN note text`],
      ['drop the log', () => sql`DROP TABLE audit_events`],
      ['create a table beside the log', () => sql`CREATE TABLE audit_shadow (id int)`],
      ['roll its chain head back', (id) => sql`UPDATE audit_chain_heads SET last_seq = last_seq - 1 WHERE writer_id = ${id}`],
      ['delete a chain head', (id) => sql`DELETE FROM audit_chain_heads WHERE writer_id = ${id}`],
      ['rename a chain head onto another chain', (id) => sql`UPDATE audit_chain_heads SET writer_id = 'someone-else' WHERE writer_id = ${id}`],
    ];
    for (const [what, statement] of refused) {
      it(`may not ${what}`, async () => {
        const database = await as('hub_audit_writer');
        // 42501 insufficient_privilege: refused for want of a grant or of ownership, or by the forward-only trigger.
        expect(await refusal(database, statement(writerId))).toBe('42501');
      });
    }
  });

  describe('a reader', () => {
    afterAll(asOwnerAgain);

    it('reads the log and verifies it', async () => {
      const database = await as('hub_audit_reader');
      const report = await verifyAuditStore(database);
      expect(report.ok).toBe(true);
      expect(report.events).toBeGreaterThanOrEqual(10);
    });

    const refused: [string, SQL][] = [
      ['append an event', sql`INSERT INTO audit_events (writer_id, seq, occurred_at, kind, request_id, roles, record_ids, fields, prev_hash, hash)
        VALUES ('reader', 1, now(), 'access', 'r', '{}', '{}', '{}', '', '')`],
      ['move a chain head', sql`UPDATE audit_chain_heads SET last_seq = last_seq + 1`],
      ['add a chain head', sql`INSERT INTO audit_chain_heads (writer_id, last_seq, last_hash, updated_at) VALUES ('reader', 1, '', now())`],
      ['create a partition', sql`SELECT audit_ensure_partition('2031-01-01'::date)`],
      ['disable a trigger', sql`ALTER TABLE audit_events DISABLE TRIGGER USER`],
    ];
    for (const [what, statement] of refused) {
      it(`may not ${what}`, async () => {
        expect(await refusal(await as('hub_audit_reader'), statement)).toBe('42501');
      });
    }
  });
});
