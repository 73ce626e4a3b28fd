import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChainProblem } from '../../audit/api.js';
import { eventHash } from '../../audit/chain.js';
import { auditEvents } from '../../audit/db/schema.js';
import { toAuditEvent } from '../../audit/read.js';
import { verifyAuditStore } from '../../audit/verify.js';
import type { AuditWriter } from '../../audit/writer.js';
import { asOwnerWithoutTriggers, metaFor, openTestAuditStore, testWriter, type TestAuditStore } from '../support/audit.js';

/*
 * Each kind of tampering is done to a chain of its own, so one verification
 * run has to find every one of them, each at the right writer and seq, and
 * nothing in the chain nobody touched.
 */

let store: TestAuditStore;
const chains: Record<string, AuditWriter> = {};
const SCENARIOS = ['untouched', 'edited', 'deleted', 'inserted', 'renumbered', 'reordered', 'truncated', 'headless'] as const;
const EVENTS = 12;

async function event(writerId: string, seq: number) {
  const [row] = await store.db.select().from(auditEvents).where(and(eq(auditEvents.writerId, writerId), eq(auditEvents.seq, seq)));
  if (!row) throw new Error(`no event ${writerId} ${seq}`);
  return row;
}

beforeAll(async () => {
  store = await openTestAuditStore();
  for (const scenario of SCENARIOS) {
    const writer = testWriter(store, scenario);
    // Several batches, so chains cross commit boundaries.
    for (let batch = 0; batch < 3; batch += 1) {
      await Promise.all(
        Array.from({ length: EVENTS / 3 }, (_, i) =>
          writer.record(metaFor('police'), { type: 'Person', ids: [`resident-${batch}-${i}`], fields: ['name', 'idNumber'] }),
        ),
      );
    }
    chains[scenario] = writer;
  }
});

afterAll(async () => {
  await store?.destroy();
});

describe('the append-only audit tables', () => {
  const refusals: [string, ReturnType<typeof sql>][] = [
    ['UPDATE of an event', sql`UPDATE audit_events SET subject = 'someone-else'`],
    ['DELETE of an event', sql`DELETE FROM audit_events`],
    ['TRUNCATE of the log', sql`TRUNCATE audit_events`],
    ['TRUNCATE of the default partition', sql`TRUNCATE audit_events_default`],
    ['TRUNCATE of this month’s partition', sql.raw(`TRUNCATE audit_events_${new Date().toISOString().slice(0, 7).replace('-', '_')}`)],
    ['DELETE of a chain head', sql`DELETE FROM audit_chain_heads`],
    ['moving a chain head back', sql`UPDATE audit_chain_heads SET last_seq = last_seq - 1`],
    ['TRUNCATE of the chain heads', sql`TRUNCATE audit_chain_heads`],
  ];
  for (const [what, statement] of refusals) {
    it(`refuses ${what} in a normal session`, async () => {
      const error = await store.db.execute(statement).then(
        () => null,
        (e: unknown) => e as Error & { cause?: Error },
      );
      // drizzle wraps the database's error; its own message is the cause.
      expect(error?.cause?.message ?? error?.message).toMatch(/append-only|only moves forward/);
    });
  }

  it('keeps monthly partitions created ahead of time, beside the default one', async () => {
    const result = await store.db.execute<{ name: string }>(sql`
      SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
      WHERE i.inhparent = 'audit_events'::regclass ORDER BY 1`);
    const names = ((result as { rows?: { name: string }[] }).rows ?? []).map((r) => r.name);
    const now = new Date();
    const month = (d: Date) => `audit_events_${d.toISOString().slice(0, 7).replace('-', '_')}`;
    const next = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1));
    expect(names).toEqual(expect.arrayContaining(['audit_events_default', month(now), month(next)]));
    const [{ count } = { count: -1 }] = ((await store.db.execute(sql`SELECT count(*)::int AS count FROM audit_events_default`)) as { rows?: { count: number }[] }).rows ?? [];
    expect(count).toBe(0);
  });
});

describe('the verifier', () => {
  it('finds an intact log intact, page boundaries and all', async () => {
    const report = await verifyAuditStore(store, { pageSize: 5 });
    expect(report).toMatchObject({ ok: true, chains: SCENARIOS.length, events: SCENARIOS.length * EVENTS, problems: [] });
  });

  it('finds a log intact while writers keep appending to it during the walk', async () => {
    const live = testWriter(store, 'live', { maxBatch: 5 });
    let writing = true;
    const appending = (async () => {
      for (let i = 0; writing; i += 1) await live.record(metaFor('police'), { type: 'Person', ids: [`live-${i}`], fields: ['name'] });
    })();
    try {
      await live.record(metaFor('police'), { type: 'Person', ids: ['first'], fields: ['name'] });
      for (let round = 0; round < 3; round += 1) {
        const report = await verifyAuditStore(store, { pageSize: 3 });
        expect(report.problems).toEqual([]);
      }
    } finally {
      writing = false;
      await appending;
      await live.close();
    }
  });

  it('names the writer and seq of every edit, deletion, insertion, reordering, deleted tail and deleted head, and nothing else', async () => {
    const id = (scenario: (typeof SCENARIOS)[number]) => chains[scenario]!.writerId;
    const statements: ReturnType<typeof sql>[] = [];

    // Edited: a subject rewritten, hash left alone.
    statements.push(sql`UPDATE audit_events SET subject = 'someone-else' WHERE writer_id = ${id('edited')} AND seq = 3`);
    // Deleted: one event from the middle.
    statements.push(sql`DELETE FROM audit_events WHERE writer_id = ${id('deleted')} AND seq = 6`);
    // Inserted: a forged event that knows the hash algorithm, beside seq 5.
    const original = toAuditEvent(await event(id('inserted'), 5));
    const forgedContent = { ...original, recordIds: ['someone-never-read'], occurredAt: new Date(Date.parse(original.occurredAt) + 1).toISOString() };
    const forged = { ...forgedContent, hash: eventHash(original.prevHash, forgedContent) };
    statements.push(sql`INSERT INTO audit_events (writer_id, seq, occurred_at, kind, request_id, roles, record_ids, fields, prev_hash, hash)
      VALUES (${forged.writerId}, ${forged.seq}, ${forged.occurredAt}::timestamptz, 'access', ${forged.requestId}, ARRAY['police']::text[],
        ARRAY['someone-never-read']::text[], '{}'::jsonb, ${forged.prevHash}, ${forged.hash})`);
    // Inserted with the rest renumbered to make room: the forged event links, the one after it cannot.
    // (In two steps: events of one batch share a millisecond, and the key is (writer, seq, time).)
    statements.push(sql`UPDATE audit_events SET seq = seq + 1000 WHERE writer_id = ${id('renumbered')} AND seq >= 4`);
    statements.push(sql`UPDATE audit_events SET seq = seq - 999 WHERE writer_id = ${id('renumbered')} AND seq >= 1000`);
    const before = toAuditEvent(await event(id('renumbered'), 3));
    const wedged = { ...before, seq: 4, requestId: 'wedged', occurredAt: new Date(Date.parse(before.occurredAt) + 1).toISOString() };
    const wedgedHash = eventHash(before.hash, wedged);
    statements.push(sql`INSERT INTO audit_events (writer_id, seq, occurred_at, kind, request_id, subject, department, roles, purpose, case_id, subgraph, type_name, record_ids, fields, prev_hash, hash)
      VALUES (${wedged.writerId}, 4, ${wedged.occurredAt}::timestamptz, ${wedged.kind}, 'wedged', ${wedged.subject}, ${wedged.department}, ${sql.raw(`ARRAY['police']::text[]`)},
        ${wedged.purpose}, ${wedged.caseId}, ${wedged.subgraph}, ${wedged.typeName}, ARRAY[${wedged.recordIds[0]!}]::text[], ${JSON.stringify(wedged.fields)}::jsonb, ${before.hash}, ${wedgedHash})`);
    // Reordered: seq 7 and 8 swap places.
    statements.push(sql`UPDATE audit_events SET seq = -7 WHERE writer_id = ${id('reordered')} AND seq = 7`);
    statements.push(sql`UPDATE audit_events SET seq = 7 WHERE writer_id = ${id('reordered')} AND seq = 8`);
    statements.push(sql`UPDATE audit_events SET seq = 8 WHERE writer_id = ${id('reordered')} AND seq = -7`);
    // Truncated: the last three events gone, the head left where it was.
    statements.push(sql`DELETE FROM audit_events WHERE writer_id = ${id('truncated')} AND seq > ${EVENTS - 3}`);
    // Headless: the chain head removed, so the end of the chain cannot be vouched for.
    statements.push(sql`DELETE FROM audit_chain_heads WHERE writer_id = ${id('headless')}`);
    await asOwnerWithoutTriggers(store, statements);

    const report = await verifyAuditStore(store, { pageSize: 4 });
    expect(report.ok).toBe(false);
    const found = Object.fromEntries(report.problems.map((p) => [p.writerId, p])) as Record<string, ChainProblem>;
    expect(found[id('untouched')]).toBeUndefined();
    expect(report.problems.filter((p) => p.writerId.startsWith('live:'))).toEqual([]);
    expect(found[id('edited')]).toMatchObject({ seq: 3, problem: 'edited' });
    expect(found[id('deleted')]).toMatchObject({ seq: 6, problem: 'gap' });
    expect(found[id('inserted')]).toMatchObject({ seq: 5, problem: 'inserted' });
    expect(found[id('renumbered')]).toMatchObject({ seq: 5, problem: 'reordered' });
    expect(found[id('reordered')]).toMatchObject({ seq: 7, problem: 'reordered' });
    expect(found[id('truncated')]).toMatchObject({ seq: EVENTS - 2, problem: 'truncated' });
    expect(found[id('headless')]).toMatchObject({ seq: EVENTS, problem: 'deleted' });
    expect(report.problems).toHaveLength(SCENARIOS.length - 1);
    expect(report.chains).toBe(SCENARIOS.length + 1);
    for (const problem of report.problems) expect(problem.detail).toMatch(/\S/);
  });
});
