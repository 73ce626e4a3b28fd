import { hostname } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Purpose } from '../../auth/purposes.js';
import type { Role } from '../../auth/roles.js';
import { persons } from '../../subgraphs/police/db/schema.js';
import { errorCodes, graphql, type GraphQLResponse } from '../support/graphql.js';
import { startTestHub, type TestHub } from '../support/hub.js';

/*
 * The access log through the gateway: only auditors, auditing, may read it;
 * its filters find what they say; and what auditors read is itself recorded.
 */

let hub: TestHub;
let resident = { id: '', name: '' };
let other = { id: '' };
let before: string;
let after: string;

const EVENT = `id writerId seq occurredAt kind requestId subject department roles purpose caseId subgraph typeName recordIds
  fields { field decision } operationName documentHash outcome errorCode durationMs prevHash hash`;

interface EventNode {
  id: string;
  occurredAt: string;
  kind: string;
  requestId: string;
  subject: string | null;
  department: string | null;
  purpose: string | null;
  caseId: string | null;
  subgraph: string | null;
  typeName: string | null;
  recordIds: string[];
  fields: { field: string; decision: string }[];
  operationName: string | null;
  documentHash: string | null;
  outcome: string | null;
}

const ask = (query: string, variables: Record<string, unknown> = {}, role: Role = 'auditor', purpose: Purpose = 'audit') =>
  graphql(hub.gatewayUrl, query, variables, hub.headers(role, purpose));

async function events(filter: Record<string, unknown>, first = 100): Promise<EventNode[]> {
  const response = await ask(`query($filter: AuditEventFilter, $first: Int) { auditEvents(filter: $filter, first: $first) { edges { node { ${EVENT} } } } }`, { filter, first });
  expect(response.body.errors).toBeUndefined();
  return (response.body.data?.auditEvents.edges as { node: EventNode }[]).map((e) => e.node);
}

beforeAll(async () => {
  hub = await startTestHub({ persons: 60, key: 'audit-subgraph' });
  const [first, second] = await hub.databases.police.db.select().from(persons).limit(2);
  resident = { id: first!.id, name: first!.name };
  other = { id: second!.id };
  before = new Date().toISOString();
  const person = `query Lookup($id: ID!) { person(id: $id) { name idNumber phone birthDate } }`;
  await graphql(hub.gatewayUrl, person, { id: resident.id }, hub.headers('police', 'case-investigation', 'CASE-A1'));
  await graphql(hub.gatewayUrl, person, { id: resident.id }, hub.headers('housing', 'housing-administration'));
  await graphql(hub.gatewayUrl, `query($id: ID!) { healthProfile(personId: $id) { familyPlanningStatus } }`, { id: resident.id }, hub.headers('labour', 'labour-administration'));
  await graphql(hub.gatewayUrl, person, { id: other.id }, hub.headers('police', 'population-management'));
  await hub.audit.flush();
  after = new Date(Date.now() + 1).toISOString();
}, 120_000);

afterAll(async () => {
  await hub?.close();
});

const ENTRY_POINTS = {
  auditEvents: () => `{ auditEvents(first: 1) { edges { node { id } } } }`,
  residentAccessHistory: () => `{ residentAccessHistory(personId: "${resident.id}") { edges { node { id } } } }`,
  principalActivity: () => `{ principalActivity(subject: "police-test-user", from: "${before}", to: "${after}") { requests } }`,
  auditVerification: () => `{ auditVerification { ok } }`,
};

function expectForbidden(response: GraphQLResponse, field: string, who: string): void {
  expect(response.body.data?.[field] ?? null, who).toBeNull();
  expect(errorCodes(response), who).toEqual(['FORBIDDEN']);
}

describe('the audit subgraph', () => {
  for (const role of ['police', 'housing', 'labour', 'health', 'grid'] as const) {
    it(`refuses the ${role} role on every entry point`, async () => {
      for (const [field, query] of Object.entries(ENTRY_POINTS)) expectForbidden(await ask(query(), {}, role, 'statistics'), field, `${role} ${field}`);
    });
  }

  it('refuses an auditor who does not declare the audit purpose', async () => {
    for (const [field, query] of Object.entries(ENTRY_POINTS)) expectForbidden(await ask(query(), {}, 'auditor', 'statistics'), field, field);
  });

  it('lists events newest first, page after page, without repeating one', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    let last = '9999';
    for (let page = 0; page < 3; page += 1) {
      const response: GraphQLResponse = await ask(`query($after: String) { auditEvents(first: 4, after: $after) { edges { cursor node { id occurredAt } } pageInfo { hasNextPage endCursor } } }`, { after: cursor });
      const connection = response.body.data?.auditEvents as { edges: { node: { id: string; occurredAt: string } }[]; pageInfo: { hasNextPage: boolean; endCursor: string } };
      expect(connection.edges).toHaveLength(4);
      for (const { node } of connection.edges) {
        expect(node.occurredAt <= last).toBe(true);
        last = node.occurredAt;
        seen.push(node.id);
      }
      expect(connection.pageInfo.hasNextPage).toBe(true);
      cursor = connection.pageInfo.endCursor;
    }
    expect(new Set(seen).size).toBe(12);
  });

  it('finds the accesses to one resident, and only theirs', async () => {
    const found = await events({ personId: resident.id });
    expect(found.length).toBeGreaterThan(0);
    for (const event of found) expect(event.recordIds).toContain(resident.id);
    expect(new Set(found.map((e) => e.subject))).toEqual(new Set(['police-test-user', 'housing-test-user']));
    expect(found.some((e) => e.recordIds.includes(other.id))).toBe(false);
  });

  it('filters by principal, department, purpose and case, request, type and subgraph', async () => {
    const bySubject = await events({ subject: 'housing-test-user' });
    expect(bySubject.length).toBeGreaterThan(0);
    expect(bySubject.every((e) => e.subject === 'housing-test-user')).toBe(true);

    const byDepartment = await events({ department: 'police' });
    expect(byDepartment.length).toBeGreaterThan(0);
    expect(byDepartment.every((e) => e.department === 'police')).toBe(true);

    const byCase = await events({ purpose: 'case-investigation', caseId: 'CASE-A1' });
    expect(byCase.length).toBeGreaterThan(0);
    expect(byCase.every((e) => e.purpose === 'case-investigation' && e.caseId === 'CASE-A1')).toBe(true);
    expect(byCase.some((e) => e.recordIds.includes(resident.id))).toBe(true);

    const requestId = byCase[0]!.requestId;
    const byRequest = await events({ requestId });
    expect(new Set(byRequest.map((e) => e.kind))).toEqual(new Set(['REQUEST', 'ACCESS']));
    expect(byRequest.every((e) => e.requestId === requestId)).toBe(true);

    const byType = await events({ typeName: 'Person', subgraph: 'police' });
    expect(byType.length).toBeGreaterThan(0);
    expect(byType.every((e) => e.typeName === 'Person' && e.subgraph === 'police')).toBe(true);
  });

  it('filters by time range', async () => {
    const inside = await events({ from: before, to: after });
    expect(inside.length).toBeGreaterThan(0);
    expect(inside.every((e) => e.occurredAt >= before && e.occurredAt < after)).toBe(true);
    expect(await events({ to: before })).toEqual([]);
  });

  it('filters by decision: refused attempts and masked reads', async () => {
    const denied = await events({ decision: 'DENIED' });
    expect(denied.every((e) => e.fields.some((f) => f.decision === 'DENIED'))).toBe(true);
    // Labour asked for health records: refused at the entry point, nothing served.
    expect(denied).toContainEqual(expect.objectContaining({ subject: 'labour-test-user', typeName: 'Query', recordIds: [], fields: [{ field: 'healthProfile', decision: 'DENIED' }] }));
    // Housing asked for a birth date it may not see.
    expect(denied.some((e) => e.subject === 'housing-test-user' && e.fields.some((f) => f.field === 'birthDate' && f.decision === 'DENIED'))).toBe(true);

    const masked = await events({ decision: 'MASKED' });
    expect(masked.length).toBeGreaterThan(0);
    expect(masked.every((e) => e.fields.some((f) => f.decision === 'MASKED'))).toBe(true);
    expect(masked.some((e) => e.subject === 'housing-test-user' && e.fields.some((f) => f.field === 'idNumber'))).toBe(true);
  });

  it('filters by kind: requests carry their operation, document hash and outcome', async () => {
    const requests = await events({ kind: 'REQUEST', subject: 'housing-test-user', from: before, to: after });
    expect(requests).toHaveLength(1);
    expect(requests[0]).toMatchObject({ kind: 'REQUEST', operationName: 'Lookup', outcome: 'PARTIAL', subgraph: null, recordIds: [], fields: [] });
    expect(requests[0]!.documentHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('answers who accessed a resident, newest first', async () => {
    const response = await ask(`query($id: ID!) { residentAccessHistory(personId: $id, first: 50) { edges { node { ${EVENT} } } } }`, { id: resident.id.toUpperCase() });
    expect(response.body.errors).toBeUndefined();
    const history = (response.body.data?.residentAccessHistory.edges as { node: EventNode }[]).map((e) => e.node);
    expect(history.length).toBeGreaterThan(0);
    expect(history.every((e) => e.recordIds.includes(resident.id))).toBe(true);
    expect(history.map((e) => e.occurredAt)).toEqual([...history.map((e) => e.occurredAt)].sort().reverse());
    expect(history.some((e) => e.subject === 'police-test-user' && e.caseId === 'CASE-A1')).toBe(true);
  });

  it('sums up what one principal did in a period', async () => {
    const response = await ask(
      `query($from: DateTime!, $to: DateTime!) { principalActivity(subject: "housing-test-user", from: $from, to: $to) {
        subject from to requests accesses recordsServed distinctResidents deniedAccesses deniedFields maskedAccesses
        byPurpose { purpose requests accesses } byType { typeName accesses records } } }`,
      { from: before, to: after },
    );
    expect(response.body.errors).toBeUndefined();
    const activity = response.body.data?.principalActivity;
    expect(activity).toMatchObject({ subject: 'housing-test-user', from: before, requests: 1, accesses: 1, recordsServed: 1, distinctResidents: 1 });
    // The birth date was refused twice over: in the access event, and by the rule before the resolver.
    expect(activity.deniedAccesses).toBe(2);
    expect(activity.deniedFields).toBe(2);
    expect(activity.maskedAccesses).toBe(1);
    expect(activity.byPurpose).toEqual([{ purpose: 'housing-administration', requests: 1, accesses: 1 }]);
    expect(activity.byType).toEqual([{ typeName: 'Person', accesses: 2, records: 1 }]);
  });

  it('verifies the whole log on request', async () => {
    const response = await ask(`{ auditVerification { ok chains events problems { writerId seq problem detail } verifiedAt durationMs } }`);
    expect(response.body.errors).toBeUndefined();
    expect(response.body.data?.auditVerification).toMatchObject({ ok: true, problems: [] });
    // police, health (the refusal), the gateway and the audit subgraph itself have written.
    expect(response.body.data?.auditVerification.chains).toBeGreaterThanOrEqual(4);
    expect(response.body.data?.auditVerification.events).toBeGreaterThan(10);
  });

  it('names each writer by component, process and a random part, never by the host it runs on', async () => {
    const response = await ask(`{ auditEvents(first: 100) { edges { node { id writerId } } } }`);
    expect(response.body.errors).toBeUndefined();
    const nodes = (response.body.data?.auditEvents.edges as { node: { id: string; writerId: string } }[]).map((e) => e.node);
    expect([...new Set(nodes.map((n) => n.writerId.split(':')[0]))]).toEqual(expect.arrayContaining(['police', 'health', 'gateway']));
    for (const { id, writerId } of nodes) {
      expect(writerId).toMatch(/^[a-z]+:\d+:[0-9a-f]{8}$/);
      expect(writerId.split(':')).not.toContain(hostname());
      expect(id.split(/[:/]/)).not.toContain(hostname());
    }
  });

  it("records auditors' own reading: the events they were shown, and the resident they looked up", async () => {
    const shown = await events({ personId: other.id }, 5);
    const looked = await events({ subject: 'auditor-test-user', subgraph: 'audit' });
    const served = looked.filter((e) => e.typeName === 'AuditEvent');
    expect(served.length).toBeGreaterThan(0);
    expect(served.flatMap((e) => e.recordIds)).toEqual(expect.arrayContaining(shown.map((e) => e.id)));
    expect(served[0]!.fields).toEqual(expect.arrayContaining([{ field: 'recordIds', decision: 'FULL' }]));
    // The auditor's look at the resident shows in the resident's own history.
    const history = await events({ personId: other.id });
    expect(history).toContainEqual(expect.objectContaining({ subject: 'auditor-test-user', subgraph: 'audit', typeName: 'Query', fields: [{ field: 'auditEvents', decision: 'FULL' }] }));
    expect(await events({ kind: 'REQUEST', subject: 'auditor-test-user' })).not.toEqual([]);
  });

  it('names the argument of a bad filter, cursor or period', async () => {
    const purpose = await ask(`{ auditEvents(filter: { purpose: "curiosity" }) { edges { node { id } } } }`);
    expect(purpose.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.purpose' });
    const cursor = await ask(`{ auditEvents(after: "not-a-cursor") { edges { node { id } } } }`);
    expect(cursor.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
    const period = await ask(`{ principalActivity(subject: "x", from: "${after}", to: "${before}") { requests } }`);
    expect(period.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'to' });
    const zone = await ask(`query($from: DateTime!) { auditEvents(filter: { from: $from }) { edges { node { id } } } }`, { from: '2026-01-01T00:00:00' });
    expect(zone.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.from' });
    expect(zone.body.errors?.[0]?.message).toMatch(/time zone/);
  });
});
