import { randomUUID } from 'node:crypto';
import { eq, sql, type SQL } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeIdNumber } from '../../domain/index.js';
import { openDatabase } from '../../platform/db.js';
import * as police from '../../subgraphs/police/db/schema.js';
import { ensureOutboxLogin, EXCHANGE_OUTBOX_ROLE, openPoliceOutbox, PoliceNoticeOutbox, type OutboxDatabase } from '../../subgraphs/police/outbox.js';
import { newRunId, openTestDatabase, usingPostgres, type TestDatabase } from '../support/databases.js';

/*
 * The exchange's relay reaches the police database as a member of
 * hub_exchange_outbox, which the police migrations create and grant the
 * outbox alone. On PostgreSQL a LOGIN user is made in it the way
 * `npm run db:migrate` makes it from EXCHANGE_OUTBOX_DATABASE_URL, and connects
 * over the network; PGlite has a single user, so there the test's connection
 * takes the role with SET ROLE, which checks privileges the same way.
 */

const PRIVILEGES = ['SELECT', 'INSERT', 'UPDATE', 'DELETE', 'TRUNCATE', 'REFERENCES', 'TRIGGER'] as const;
const runId = newRunId();
let policeDb: TestDatabase<typeof police>;
let asRelay: { db: OutboxDatabase['db']; close(): Promise<void> };
let login: string | null = null;
let personId: string;
let noticeId: string;

const rowsOf = <T>(result: unknown): T[] => (result as { rows?: T[] }).rows ?? (result as T[]);

/** The SQLSTATE of a refused statement (drizzle wraps the driver's error), or null when it ran. */
async function refusal(statement: SQL): Promise<string | null> {
  try {
    await asRelay.db.execute(statement);
    return null;
  } catch (error) {
    const e = error as { code?: string; cause?: { code?: string } };
    return e.cause?.code ?? e.code ?? 'unknown';
  }
}

beforeAll(async () => {
  policeDb = await openTestDatabase('police', police, runId);
  personId = randomUUID();
  noticeId = randomUUID();
  await policeDb.db.insert(police.persons).values({
    id: personId,
    idNumber: makeIdNumber('500103', '1990-01-01', 7, 'FEMALE'),
    name: '周敏',
    sex: 'FEMALE',
    birthDate: '1990-01-01',
    ethnicity: '汉族',
    householdDivisionCode: '500103',
    householdAddress: '重庆市渝中区解放碑民权路28号',
    status: 'FLOATING',
  });
  await policeDb.db.insert(police.exchangeOutbox).values({ messageId: noticeId, messageType: 'INFLOW_NOTICE', cityCode: '500100', personId, payload: {} as never });

  if (!usingPostgres()) {
    await policeDb.db.execute(sql.raw(`SET ROLE ${EXCHANGE_OUTBOX_ROLE}`));
    asRelay = { db: policeDb.db, close: async () => void (await policeDb.db.execute(sql`RESET ROLE`)) };
    return;
  }
  if (policeDb.target.kind !== 'postgres') throw new Error('expected a PostgreSQL database');
  const url = new URL(policeDb.target.url);
  url.username = `t${runId}_outbox`;
  url.password = `pw-${runId}`;
  login = await ensureOutboxLogin(policeDb, url.toString());
  const outbox = await openPoliceOutbox({ kind: 'postgres', url: url.toString(), poolSize: 2 });
  asRelay = { db: outbox.db, close: () => outbox.close() };
}, 120_000);

afterAll(async () => {
  await asRelay?.close().catch(() => undefined);
  await policeDb?.destroy();
  if (login) {
    const admin = await openDatabase({ kind: 'postgres', url: process.env.DATABASE_URL! }, {});
    try {
      await admin.db.execute(sql.raw(`DROP ROLE IF EXISTS "${login}"`));
    } finally {
      await admin.close();
    }
  }
});

describe('the police database’s outbox role', () => {
  it('is granted the outbox table alone: reading it and setting relayed_at, nothing else in the database', async () => {
    const tables = rowsOf<{ table: string; privilege: string }>(
      await policeDb.db.execute(sql`
        SELECT c.relname AS table, p AS privilege FROM pg_class c CROSS JOIN unnest(${sql.raw(`ARRAY[${PRIVILEGES.map((p) => `'${p}'`).join(',')}]`)}) AS p
        WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p', 'v') AND has_table_privilege(${EXCHANGE_OUTBOX_ROLE}, c.oid, p)`),
    );
    expect(tables).toEqual([{ table: 'exchange_outbox', privilege: 'SELECT' }]);
    const updatable = rowsOf<{ column: string }>(
      await policeDb.db.execute(sql`
        SELECT attname AS column FROM pg_attribute WHERE attrelid = 'exchange_outbox'::regclass AND attnum > 0 AND NOT attisdropped
          AND has_column_privilege(${EXCHANGE_OUTBOX_ROLE}, 'exchange_outbox', attname, 'UPDATE') ORDER BY 1`),
    );
    expect(updatable.map((r) => r.column)).toEqual(['relayed_at']);
    const owned = rowsOf<{ n: number }>(await policeDb.db.execute(sql`SELECT count(*)::int AS n FROM pg_class WHERE relowner = (SELECT oid FROM pg_roles WHERE rolname = ${EXCHANGE_OUTBOX_ROLE})`));
    expect(owned[0]?.n).toBe(0);
  });

  it('lets the relay read the notices waiting and mark them relayed', async () => {
    const outbox = new PoliceNoticeOutbox(asRelay.db);
    const waiting = await outbox.unrelayed(10);
    expect(waiting.map((n) => n.messageId)).toEqual([noticeId]);
    await outbox.markRelayed(waiting.map((n) => n.seq));
    expect(await outbox.unrelayed(10)).toEqual([]);
  });

  it.each<[string, () => SQL]>([
    ['read the population register', () => sql`SELECT name FROM persons LIMIT 1`],
    ['read residences', () => sql`SELECT address FROM residence_registrations LIMIT 1`],
    ['write a notice of its own', () => sql`INSERT INTO exchange_outbox (message_id, message_type, city_code, person_id, payload) VALUES (${randomUUID()}, 'INFLOW_NOTICE', '500100', ${personId}, '{}')`],
    ['change what a notice says', () => sql`UPDATE exchange_outbox SET payload = '{"name":"someone"}'`],
    ['delete a notice', () => sql`DELETE FROM exchange_outbox`],
    ['empty the outbox', () => sql`TRUNCATE exchange_outbox`],
    ['create a table', () => sql`CREATE TABLE outbox_shadow (id int)`],
  ])('refuses to let it %s', async (_, statement) => {
    expect(await refusal(statement())).toBe('42501');
  });

  it('leaves the notice as the police wrote it', async () => {
    const [notice] = await policeDb.db.select().from(police.exchangeOutbox).where(eq(police.exchangeOutbox.messageId, noticeId));
    expect(notice?.personId).toBe(personId);
    expect(notice?.relayedAt).toBeInstanceOf(Date);
  });
});
