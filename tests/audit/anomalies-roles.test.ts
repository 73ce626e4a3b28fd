import { sql, type SQL } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AnomalyDetector } from '../../audit/anomalies/detector.js';
import { AnomalyFlags } from '../../audit/anomalies/flags.js';
import { DEFAULT_ANOMALY_SETTINGS } from '../../audit/anomalies/rules.js';
import { ensureAuditLogins, openAuditDatabase, type AuditDatabase } from '../../audit/database.js';
import { parseEnv } from '../../hub/env.js';
import { metaFor, openTestAuditStore, testWriter, type TestAuditStore } from '../support/audit.js';
import { newRunId, usingPostgres } from '../support/databases.js';
import { testLogger } from '../support/servers.js';
import { principalForRole } from '../support/tokens.js';

/*
 * The anomaly detector's tables under the audit store's roles: the audit
 * subgraph's reader role runs the detector and keeps reviews; a review, once
 * kept, is as final as the log (nobody updates or deletes one, the owner
 * included); writers touch none of it. On PostgreSQL a LOGIN user is made in
 * each role as `npm run db:migrate` makes them; PGlite takes the role with
 * SET ROLE on its one connection.
 */

type Role = 'hub_audit_writer' | 'hub_audit_reader';
const DETECTOR_TABLES = ['anomaly_cursors', 'anomaly_hours', 'anomaly_hour_residents', 'anomaly_place_days', 'anomaly_denials', 'anomaly_denial_requests', 'anomaly_cases', 'anomaly_case_residents'];

let store: TestAuditStore;
const runId = newRunId();
const logins: string[] = [];
const connections = new Map<Role, AuditDatabase>();

async function as(role: Role): Promise<AuditDatabase> {
  const open = connections.get(role);
  if (open) return open;
  if (!usingPostgres()) {
    await store.db.execute(sql.raw(`SET ROLE ${role}`));
    return store;
  }
  if (store.target.kind !== 'postgres') throw new Error('expected a PostgreSQL store');
  const url = new URL(store.target.url);
  url.username = `t${runId}_anomaly_${role === 'hub_audit_writer' ? 'writer' : 'reader'}`;
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

async function refusal(database: AuditDatabase, statement: SQL): Promise<string | null> {
  try {
    await database.db.execute(statement);
    return null;
  } catch (error) {
    const e = error as { code?: string; cause?: { code?: string } };
    return e.cause?.code ?? e.code ?? 'unknown';
  }
}

let flagId = '';

beforeAll(async () => {
  store = await openTestAuditStore();
  const writer = testWriter(store, 'police', { clock: () => new Date('2026-03-04T02:10:00Z') });
  const meta = metaFor('housing', { principal: principalForRole('housing', { subject: 'many-reader' }) });
  await Promise.all(
    Array.from({ length: DEFAULT_ANOMALY_SETTINGS.bulkMinResidents }, (_, i) => writer.record({ ...meta, requestId: `r-${i}` }, { type: 'Person', ids: [`p-${i}`], fields: ['name'] })),
  );
  await writer.close();
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

describe('the anomaly detector’s tables', () => {
  describe('as the audit subgraph’s reader', () => {
    afterAll(asOwnerAgain);

    it('runs the detector and keeps a review', async () => {
      const database = await as('hub_audit_reader');
      const report = await new AnomalyDetector(database, DEFAULT_ANOMALY_SETTINGS, testLogger).pass();
      expect(report.raised.map((f) => f.rule)).toEqual(['bulk-lookups']);
      flagId = report.raised[0]!.id;
      const recorded: unknown[] = [];
      const reviewed = await new AnomalyFlags(database).review(
        { id: flagId, verdict: 'justified', note: 'a bulk import agreed with the district office' },
        metaFor('auditor'),
        { record: async (_, access) => void recorded.push(access) },
        null,
      );
      expect(reviewed.status).toBe('justified');
      expect(recorded).toHaveLength(1);
    });

    const refused: [string, SQL][] = [
      ['change a review', sql`UPDATE anomaly_reviews SET verdict = 'escalated'`],
      ['delete a review', sql`DELETE FROM anomaly_reviews`],
      ['delete a flag', sql`DELETE FROM anomaly_flags`],
      ['append to the log', sql`INSERT INTO audit_events (writer_id, seq, occurred_at, kind, request_id, roles, record_ids, fields, prev_hash, hash) VALUES ('reader', 1, now(), 'access', 'r', '{}', '{}', '{}', '', '')`],
    ];
    for (const [what, statement] of refused) {
      it(`may not ${what}`, async () => {
        expect(await refusal(await as('hub_audit_reader'), statement)).toBe('42501');
      });
    }
  });

  describe('as a writer', () => {
    afterAll(asOwnerAgain);

    for (const table of [...DETECTOR_TABLES, 'anomaly_flags', 'anomaly_reviews']) {
      it(`may not read or write ${table}`, async () => {
        const database = await as('hub_audit_writer');
        expect(await refusal(database, sql.raw(`SELECT count(*) FROM ${table}`))).toBe('42501');
      });
    }
  });

  it('keeps a review even from the owner: no update, no delete', async () => {
    await asOwnerAgain();
    expect(await refusal(store, sql`UPDATE anomaly_reviews SET note = 'rewritten'`)).toBe('42501');
    expect(await refusal(store, sql`DELETE FROM anomaly_reviews`)).toBe('42501');
  });
});
