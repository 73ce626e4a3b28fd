import { and, eq, sql } from 'drizzle-orm';
import { GraphQLError } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditChainHeads, auditEvents } from '../../audit/db/schema.js';
import { verifyAuditStore } from '../../audit/verify.js';
import { metaFor, openTestAuditStore, testWriter, type TestAuditStore } from '../support/audit.js';

let store: TestAuditStore;

beforeAll(async () => {
  store = await openTestAuditStore();
});

afterAll(async () => {
  await store?.destroy();
});

const eventsOf = (writerId: string) => store.db.select().from(auditEvents).where(eq(auditEvents.writerId, writerId));

/**
 * Holds every commit (a batch is one statement, or a transaction when it is
 * too big for one) after the store did it and before the writer hears back,
 * until released: what a `record` promise does meanwhile shows whether it
 * waits for the commit.
 */
function holdCommits(): { release(): void; held(): number; restore(): void } {
  const db = store.db as unknown as Record<'transaction' | 'execute', (...args: unknown[]) => Promise<unknown>>;
  const originals = { transaction: db.transaction.bind(store.db), execute: db.execute.bind(store.db) };
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  let held = 0;
  for (const name of ['transaction', 'execute'] as const) {
    db[name] = async (...args: unknown[]) => {
      const result = await originals[name](...args);
      held += 1;
      await gate;
      return result;
    };
  }
  return {
    release,
    held: () => held,
    restore: () => {
      db.transaction = originals.transaction;
      db.execute = originals.execute;
    },
  };
}

describe('the audit writer', () => {
  it('commits many concurrent records in fewer transactions than calls, each call resolving only after its commit', async () => {
    const writer = testWriter(store, 'police', { maxBatch: 500, delayMs: 2 });
    const metas = Array.from({ length: 300 }, () => metaFor('police'));
    const hold = holdCommits();
    let resolved = 0;
    const calls = metas.map((meta) =>
      writer.record(meta, { type: 'Person', ids: [`person-${meta.requestId}`], fields: ['name', 'idNumber'] }).then(() => {
        resolved += 1;
      }),
    );
    try {
      await expect.poll(() => hold.held(), { timeout: 5_000 }).toBeGreaterThan(0);
      // Committing, not yet acknowledged: nobody has been told their access is on record.
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(resolved).toBe(0);
    } finally {
      hold.release();
      hold.restore();
    }
    await Promise.all(calls);
    expect(resolved).toBe(300);
    expect(writer.stats.events).toBe(300);
    expect(writer.stats.batches).toBeGreaterThan(0);
    expect(writer.stats.batches).toBeLessThan(300 / 10);

    const rows = await eventsOf(writer.writerId);
    expect(rows).toHaveLength(300);
    expect(rows.map((r) => Number(r.seq)).sort((a, b) => a - b)).toEqual(Array.from({ length: 300 }, (_, i) => i + 1));
    const [head] = await store.db.select().from(auditChainHeads).where(eq(auditChainHeads.writerId, writer.writerId));
    expect(Number(head?.lastSeq)).toBe(300);
    expect((await verifyAuditStore(store, { writerId: writer.writerId })).ok).toBe(true);
  });

  it('records the accesses of one request to the same fields of one type as one event naming every record, and keeps other accesses apart', async () => {
    const writer = testWriter(store, 'housing', { maxBatch: 500, delayMs: 20 });
    const [list, other] = [metaFor('housing'), metaFor('housing')];
    await Promise.all([
      ...['t1', 't2', 't3', 't2'].map((id) => writer.record(list, { type: 'Tenancy', ids: [id], fields: ['start'] })),
      writer.record(list, { type: 'Tenancy', ids: ['t4'], fields: ['start', 'monthlyRent'] }),
      writer.record(list, { type: 'House', ids: ['h1'], fields: ['address'] }),
      writer.record(other, { type: 'Tenancy', ids: ['t1'], fields: ['start'] }),
    ]);
    const rows = await eventsOf(writer.writerId);
    const of = (requestId: string, typeName: string, fields: string[]) =>
      rows.filter((r) => r.requestId === requestId && r.typeName === typeName && Object.keys(r.fields as object).sort().join() === fields.sort().join());
    expect(rows).toHaveLength(4);
    expect(of(list.requestId, 'Tenancy', ['start']).map((r) => r.recordIds)).toEqual([['t1', 't2', 't3']]);
    expect(of(list.requestId, 'Tenancy', ['start', 'monthlyRent']).map((r) => r.recordIds)).toEqual([['t4']]);
    expect(of(list.requestId, 'House', ['address']).map((r) => r.recordIds)).toEqual([['h1']]);
    expect(of(other.requestId, 'Tenancy', ['start']).map((r) => r.recordIds)).toEqual([['t1']]);
    expect(writer.stats.events).toBe(4);
    expect((await verifyAuditStore(store, { writerId: writer.writerId })).ok).toBe(true);
  });

  it('never puts more events in one transaction than its batch size', async () => {
    const writer = testWriter(store, 'housing', { maxBatch: 40, delayMs: 50 });
    await Promise.all(Array.from({ length: 200 }, () => writer.record(metaFor('housing'), { type: 'House', ids: ['h'], fields: ['address'] })));
    expect(writer.stats.batches).toBeGreaterThanOrEqual(5);
    expect(writer.stats.events).toBe(200);
  });

  it('records each field with the decision the policy makes for the caller: full, masked or denied', async () => {
    const writer = testWriter(store, 'police');
    const meta = metaFor('housing');
    await writer.record(meta, { type: 'Person', ids: ['p-1'], fields: ['name', 'idNumber', 'birthDate'] });
    const [row] = await store.db.select().from(auditEvents).where(eq(auditEvents.requestId, meta.requestId));
    expect(row?.fields).toEqual({ name: 'full', idNumber: 'masked', birthDate: 'denied' });
    expect(row).toMatchObject({ kind: 'access', subject: 'housing-test-user', department: 'housing', roles: ['housing'], purpose: 'housing-administration', subgraph: 'police', typeName: 'Person', recordIds: ['p-1'] });
  });

  it('rejects every waiting record with SERVICE_UNAVAILABLE when the store refuses the batch, keeps none of it, and goes on in a new chain', async () => {
    const writer = testWriter(store, 'labour', { delayMs: 5 });
    await writer.record(metaFor('labour'), { type: 'Employment', ids: ['e-0'], fields: ['position'] });
    const before = writer.writerId;
    await store.db.execute(sql`CREATE FUNCTION refuse_audit_insert() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'disk full'; END $$`);
    await store.db.execute(sql`CREATE TRIGGER refuse_audit_insert BEFORE INSERT ON audit_events FOR EACH ROW EXECUTE FUNCTION refuse_audit_insert()`);
    const refused = Array.from({ length: 20 }, (_, i) => writer.record(metaFor('labour'), { type: 'Employment', ids: [`e-${i + 1}`], fields: ['position'] }));
    const outcomes = await Promise.allSettled(refused);
    await store.db.execute(sql`DROP TRIGGER refuse_audit_insert ON audit_events`);
    await store.db.execute(sql`DROP FUNCTION refuse_audit_insert()`);

    for (const outcome of outcomes) {
      expect(outcome.status).toBe('rejected');
      const error = (outcome as PromiseRejectedResult).reason as GraphQLError;
      expect(error).toBeInstanceOf(GraphQLError);
      expect(error.extensions.code).toBe('SERVICE_UNAVAILABLE');
      expect(error.message).toBe('The access could not be recorded, so no data was returned');
      expect(error.message).not.toContain('disk full');
    }
    expect(writer.stats.failedBatches).toBeGreaterThan(0);
    expect(await eventsOf(before)).toHaveLength(1);

    await writer.record(metaFor('labour'), { type: 'Employment', ids: ['e-after'], fields: ['position'] });
    expect(writer.writerId).not.toBe(before);
    const after = await eventsOf(writer.writerId);
    expect(after.map((r) => Number(r.seq))).toEqual([1]);
    const report = await verifyAuditStore(store);
    expect(report.problems).toEqual([]);
  });

  it('commits what is waiting when closed, and refuses records after that', async () => {
    const writer = testWriter(store, 'health', { delayMs: 1_000 });
    const meta = metaFor('health', { purpose: 'public-health' });
    const pending = writer.record(meta, { type: 'HealthProfile', ids: ['p-9'], fields: ['vaccinations'] });
    await writer.close();
    await pending;
    expect(await store.db.select().from(auditEvents).where(and(eq(auditEvents.requestId, meta.requestId)))).toHaveLength(1);
    await expect(writer.record(metaFor('health'), { type: 'HealthProfile', ids: ['p-9'], fields: [] })).rejects.toMatchObject({
      extensions: { code: 'SERVICE_UNAVAILABLE' },
    });
  });
});
