import { and, eq, isNull, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditStore } from '../../audit/verify.js';
import { tenancies } from '../../subgraphs/housing/db/schema.js';
import { persons } from '../../subgraphs/police/db/schema.js';
import { graphql, type GraphQLResponse } from '../support/graphql.js';
import { startTestHub, type TestHub } from '../support/hub.js';
import { jointServiceClaims } from '../support/tokens.js';

/*
 * Through the gateway, with the audit store refusing every insert and then
 * gone altogether: residents' data must not come back, and the caller learns
 * why without learning anything else.
 */

let hub: TestHub;
let resident: { id: string; idNumber: string; name: string; phone: string | null };

const DOSSIER = `query($idNumber: String!) { personByIdNumber(idNumber: $idNumber) {
  id name idNumber phone residence { address } tenancies { edges { node { start monthlyRent } } }
  employments { edges { node { position } } } healthProfile { familyPlanningStatus } } }`;
const LIST = `{ persons(first: 20) { edges { node { id name idNumber phone } } } }`;
const UNRECORDED = 'The access could not be recorded, so no data was returned';

const dossier = () => graphql(hub.gatewayUrl, DOSSIER, { idNumber: resident.idNumber }, hub.headers(jointServiceClaims(), 'public-health'));
const list = () => graphql(hub.gatewayUrl, LIST, {}, hub.headers('police', 'population-management'));

/** Nothing personal in the whole answer: no name, identity number, phone or id of anyone. */
async function expectNothingPersonal(response: GraphQLResponse): Promise<void> {
  const text = JSON.stringify(response.body);
  const everyone = await hub.databases.police.db.select({ id: persons.id, name: persons.name, idNumber: persons.idNumber }).from(persons);
  for (const person of everyone) {
    expect(text).not.toContain(person.idNumber);
    expect(text).not.toContain(person.id);
    expect(text).not.toContain(`"${person.name}"`);
  }
  expect(text).not.toMatch(/audit_events|refuse|trigger|pool|pglite|at \//i);
}

function expectUnavailable(response: GraphQLResponse): void {
  expect(response.status).toBe(200);
  const errors = response.body.errors ?? [];
  expect(errors.length).toBeGreaterThan(0);
  expect(errors.map((e) => e.extensions?.code)).toContain('SERVICE_UNAVAILABLE');
  for (const error of errors.filter((e) => e.extensions?.code === 'SERVICE_UNAVAILABLE')) {
    expect(error.message).toBe(UNRECORDED);
    expect(error.extensions).not.toHaveProperty('stacktrace');
  }
}

beforeAll(async () => {
  hub = await startTestHub({ persons: 80, key: 'audit-fail-closed' });
  const [tenancy] = await hub.databases.housing.db.select().from(tenancies).where(isNull(tenancies.end)).limit(1);
  const [person] = await hub.databases.police.db.select().from(persons).where(and(eq(persons.id, tenancy!.tenantId)));
  resident = { id: person!.id, idNumber: person!.idNumber, name: person!.name, phone: person!.phone };
}, 120_000);

afterAll(async () => {
  await hub?.close();
});

describe('with the audit store refusing to record', () => {
  beforeAll(async () => {
    // As an audit store that is full, read-only or failing would: every insert raises.
    await hub.audit.database.db.execute(sql`CREATE FUNCTION refuse_audit_insert() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'could not extend file: No space left on device'; END $$`);
    await hub.audit.database.db.execute(sql`CREATE TRIGGER refuse_audit_insert BEFORE INSERT ON audit_events FOR EACH ROW EXECUTE FUNCTION refuse_audit_insert()`);
  });

  it('returns none of a resident’s dossier, from any department, and says the access could not be recorded', async () => {
    const response = await dossier();
    expect(response.body.data?.personByIdNumber ?? null).toBeNull();
    expectUnavailable(response);
    await expectNothingPersonal(response);
  });

  it('returns no list of residents', async () => {
    const response = await list();
    expect(response.body.data?.persons ?? null).toBeNull();
    expectUnavailable(response);
    await expectNothingPersonal(response);
  });

  it('serves again, on fresh chains, once the store takes records again, and the log is intact', async () => {
    // The gateway records a request after answering it: let those inserts end before the table is altered under them.
    await hub.audit.flush();
    await hub.audit.database.db.execute(sql`DROP TRIGGER refuse_audit_insert ON audit_events`);
    await hub.audit.database.db.execute(sql`DROP FUNCTION refuse_audit_insert()`);
    const response = await dossier();
    expect(response.body.errors).toBeUndefined();
    expect(response.body.data?.personByIdNumber.name).toBe(resident.name);
    await hub.audit.flush();
    const report = await verifyAuditStore(hub.audit.database);
    expect(report.problems).toEqual([]);
    // The writers that saw a batch refused moved to new chains; the refused events are in none.
    expect(hub.audit.writers.police.stats.failedBatches).toBeGreaterThan(0);
    const events = await hub.audit.events();
    expect(events.some((e) => e.recordIds.includes(resident.id) && e.subgraph === 'police')).toBe(true);
  });
});

describe('with the audit store gone', () => {
  it('returns no resident data through the gateway, and tells the caller so', async () => {
    await hub.audit.database.close();
    for (const response of [await dossier(), await list()]) {
      expect(response.body.data?.personByIdNumber ?? response.body.data?.persons ?? null).toBeNull();
      expectUnavailable(response);
      await expectNothingPersonal(response);
    }
  });
});
