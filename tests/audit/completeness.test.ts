import { and, eq, isNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEvent } from '../../audit/api.js';
import { decide } from '../../auth/decide.js';
import type { Principal, RequestMeta } from '../../auth/principal.js';
import type { Purpose } from '../../auth/purposes.js';
import { DEFAULT_SCOPES, type Role } from '../../auth/roles.js';
import { healthProfiles } from '../../subgraphs/health/db/schema.js';
import { tenancies } from '../../subgraphs/housing/db/schema.js';
import { employments } from '../../subgraphs/labour/db/schema.js';
import { persons, residenceRegistrations } from '../../subgraphs/police/db/schema.js';
import { graphql, type GraphQLResponse } from '../support/graphql.js';
import { startTestHub, type TestHub } from '../support/hub.js';
import { jointServiceClaims } from '../support/tokens.js';

/*
 * A batch of mixed requests by several roles goes through the gateway; then
 * every resident record in every response is matched against the access
 * events recorded under that response's request id: the right type and id,
 * every field that came back named with the decision the policy makes for
 * that caller. Nothing served may be missing from the log.
 */

let hub: TestHub;

/** The records the departments record by id; a health profile is recorded by its person's id. */
const RESIDENT_TYPES = new Set(['Person', 'House', 'Tenancy', 'Employment']);
/** Entity keys: served by whichever subgraph holds the reference, and named by the record ids. */
const KEYS = new Set(['id', 'code']);

interface Sent {
  name: string;
  requestId: string;
  meta: RequestMeta;
  response: GraphQLResponse;
}

interface Served {
  type: string;
  id: string;
  fields: Record<string, unknown>;
  path: string;
}

function collect(value: unknown, path: string, out: Served[]): void {
  if (Array.isArray(value)) {
    value.forEach((item, i) => collect(item, `${path}.${i}`, out));
    return;
  }
  if (value === null || typeof value !== 'object') return;
  const node = value as Record<string, unknown>;
  const type = node.__typename;
  const fields = (o: Record<string, unknown>) => Object.fromEntries(Object.entries(o).filter(([k]) => k !== '__typename' && !KEYS.has(k)));
  if (typeof type === 'string' && RESIDENT_TYPES.has(type) && typeof node.id === 'string') out.push({ type, id: node.id, fields: fields(node), path });
  if (type === 'Person' && typeof node.id === 'string' && node.healthProfile && typeof node.healthProfile === 'object') {
    out.push({ type: 'HealthProfile', id: node.id, fields: fields(node.healthProfile as Record<string, unknown>), path: `${path}.healthProfile` });
  }
  for (const [key, child] of Object.entries(node)) collect(child, `${path}.${key}`, out);
}

function principal(subject: string, roles: Role[], jurisdiction: Principal['jurisdiction'] = { divisions: [], grids: [] }): Principal {
  return { subject, department: roles[0]!, roles, scopes: [...new Set(roles.flatMap((r) => DEFAULT_SCOPES[r]))], jurisdiction };
}

const sent: Sent[] = [];
let events: AuditEvent[] = [];
let gridCode = '';
let resident = { id: '', idNumber: '' };

async function send(name: string, query: string, variables: Record<string, unknown>, who: Principal, purpose: Purpose, claims: object): Promise<void> {
  const response = await graphql(hub.gatewayUrl, query, variables, hub.headers(claims as never, purpose));
  const requestId = response.headers.get('x-request-id') ?? '';
  expect(requestId, name).not.toBe('');
  sent.push({ name, requestId, response, meta: { requestId, principal: who, purpose, caseId: null } });
}

beforeAll(async () => {
  hub = await startTestHub({ persons: 150, key: 'audit-completeness' });
  const { police, housing, labour, health } = hub.databases;
  // A resident every department knows, for the dossier.
  const tenants = new Set((await housing.db.select().from(tenancies).where(isNull(tenancies.end))).map((t) => t.tenantId));
  const workers = new Set((await labour.db.select().from(employments)).map((e) => e.personId));
  const profiled = new Set((await health.db.select().from(healthProfiles)).map((h) => h.personId));
  const [chosen] = (await police.db.select().from(persons)).filter((p) => tenants.has(p.id) && workers.has(p.id) && profiled.has(p.id));
  resident = { id: chosen!.id, idNumber: chosen!.idNumber };
  const [home] = await police.db
    .select()
    .from(residenceRegistrations)
    .where(and(eq(residenceRegistrations.personId, resident.id), isNull(residenceRegistrations.until)));
  gridCode = home!.gridCode;

  const joint = jointServiceClaims();
  await send(
    'the dossier, by the joint police and health service',
    `query($idNumber: String!) { personByIdNumber(idNumber: $idNumber) {
      __typename id name idNumber birthDate phone status
      residence { address grid { name } house { __typename id code address } }
      tenancies { edges { node { __typename id start monthlyRent house { __typename id address } } } }
      employments { edges { node { __typename id position employer { name } } } }
      healthProfile { familyPlanningStatus vaccinations(first: 5) { edges { node { vaccine } } } } } }`,
    { idNumber: resident.idNumber },
    principal(joint.sub, ['police', 'health']),
    'public-health',
    joint,
  );
  await send(
    'a housing list, asking for one field housing may not see',
    `{ houses(first: 15) { edges { node { __typename id code address owner { __typename id name idNumber }
      tenancies(currentOnly: true) { edges { node { __typename id start tenant { __typename id name phone birthDate } } } } } } } }`,
    {},
    principal('housing-test-user', ['housing']),
    'housing-administration',
    { sub: 'housing-test-user', dept: 'housing', roles: ['housing'] },
  );
  await send(
    'a labour list',
    `{ employers(first: 8) { edges { node { name employments(first: 5) { edges { node { __typename id position socialInsurance
      person { __typename id name idNumber } } } } } } } }`,
    {},
    principal('labour-test-user', ['labour']),
    'labour-administration',
    { sub: 'labour-test-user', dept: 'labour', roles: ['labour'] },
  );
  await send(
    'a grid worker listing the grid',
    `{ persons(first: 40) { edges { node { __typename id name phone householdAddress residence { address }
      tenancies { edges { node { __typename id start } } } } } } }`,
    {},
    principal('grid-test-user', ['grid'], { divisions: [], grids: [gridCode] }),
    'community-service',
    { sub: 'grid-test-user', dept: 'grid', roles: ['grid'], jurisdiction: { grids: [gridCode] } },
  );
  await send(
    'labour asking for health records',
    `query($id: ID!) { healthProfile(personId: $id) { familyPlanningStatus } }`,
    { id: resident.id },
    principal('labour-test-user', ['labour']),
    'labour-administration',
    { sub: 'labour-test-user', dept: 'labour', roles: ['labour'] },
  );
  events = await hub.audit.events();
}, 180_000);

afterAll(async () => {
  await hub?.close();
});

const eventsOf = (request: Sent) => events.filter((e) => e.requestId === request.requestId);

describe('the access log after a batch of mixed requests', () => {
  it('answered every request as expected', () => {
    const [dossier, houses, employers, grid, refused] = sent as [Sent, Sent, Sent, Sent, Sent];
    expect(dossier.response.body.errors).toBeUndefined();
    expect((dossier.response.body.data?.personByIdNumber as { healthProfile: unknown }).healthProfile).toBeTruthy();
    expect(houses.response.body.errors?.every((e) => e.extensions?.code === 'FORBIDDEN')).toBe(true);
    expect(employers.response.body.errors).toBeUndefined();
    expect(grid.response.body.errors).toBeUndefined();
    expect((grid.response.body.data?.persons as { edges: unknown[] }).edges.length).toBeGreaterThan(0);
    expect(refused.response.body.data?.healthProfile).toBeNull();
    expect(refused.response.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('has, for every resident record served, an access event of that request naming it, with every field served and the decision the policy makes', () => {
    let checked = 0;
    for (const request of sent) {
      const served: Served[] = [];
      collect(request.response.body.data, 'data', served);
      const recorded = eventsOf(request).filter((e) => e.kind === 'access');
      for (const record of served) {
        const matching = recorded.filter((e) => e.typeName === record.type && e.recordIds.includes(record.id));
        const where = `${request.name}: ${record.type} ${record.id} at ${record.path}`;
        expect(matching.length, `${where} is unaccounted for`).toBeGreaterThan(0);
        const decisions = Object.assign({}, ...matching.map((e) => e.fields)) as Record<string, string>;
        for (const [field, value] of Object.entries(record.fields)) {
          const decision = decide(request.meta, `${record.type}.${field}`);
          const expected = decision.allowed ? decision.access : 'denied';
          expect(decisions[field], `${where}.${field}`).toBe(expected);
          if (value !== null) expect(expected, `${where}.${field} came back`).not.toBe('denied');
        }
        for (const event of matching) {
          expect(event).toMatchObject({ subject: request.meta.principal!.subject, purpose: request.meta.purpose, roles: request.meta.principal!.roles });
        }
        checked += 1;
      }
    }
    // Every request that returned residents contributed.
    expect(checked).toBeGreaterThan(60);
  });

  it('names the resident of the dossier in an access by every department that served it', () => {
    const dossier = eventsOf(sent[0]!).filter((e) => e.recordIds.includes(resident.id));
    expect(new Set(dossier.map((e) => e.subgraph))).toEqual(new Set(['police', 'housing', 'labour', 'health']));
    expect(dossier.find((e) => e.typeName === 'HealthProfile')?.fields).toMatchObject({ familyPlanningStatus: 'full', vaccinations: 'full' });
  });

  it('records a field refused before any resolver ran as an attempt with no record served', () => {
    const houses = eventsOf(sent[1]!);
    const refusal = houses.filter((e) => e.kind === 'access' && e.recordIds.length === 0);
    expect(refusal.length).toBeGreaterThan(0);
    expect(refusal.every((e) => e.subgraph === 'police' && e.typeName === 'Person' && JSON.stringify(e.fields) === '{"birthDate":"denied"}')).toBe(true);

    const refused = eventsOf(sent[4]!).filter((e) => e.kind === 'access');
    expect(refused).toEqual([expect.objectContaining({ subgraph: 'health', typeName: 'Query', recordIds: [], fields: { healthProfile: 'denied' }, subject: 'labour-test-user' })]);
  });

  it('records one request event per request, with its outcome, first error code and document hash', () => {
    const expected = [
      ['ok', null],
      ['partial', 'FORBIDDEN'],
      ['ok', null],
      ['ok', null],
      ['error', 'FORBIDDEN'],
    ];
    sent.forEach((request, i) => {
      const requests = eventsOf(request).filter((e) => e.kind === 'request');
      expect(requests, request.name).toHaveLength(1);
      expect(requests[0], request.name).toMatchObject({
        subgraph: null,
        subject: request.meta.principal!.subject,
        purpose: request.meta.purpose,
        outcome: expected[i]![0],
        errorCode: expected[i]![1],
        recordIds: [],
      });
      expect(requests[0]!.documentHash).toMatch(/^[0-9a-f]{64}$/);
      expect(requests[0]!.durationMs).toBeGreaterThanOrEqual(0);
      expect(requests[0]!.writerId).toMatch(/^gateway:/);
    });
  });

  it('records a request refused before execution, keeping nothing of what the caller wrote that the store could not hold', async () => {
    const response = await fetch(hub.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-purpose': 'statistics' },
      body: JSON.stringify({ query: '{ persons(first: 1) { edges { node { name } } } }', operationName: 'Probe\u0000' }),
    });
    // No operation of that name is in the document: refused before the caller is even looked at.
    expect(response.status).toBe(400);
    const requestId = response.headers.get('x-request-id');
    const recorded = (await hub.audit.events()).filter((e) => e.requestId === requestId);
    expect(recorded).toEqual([
      expect.objectContaining({ kind: 'request', subject: null, roles: [], outcome: 'error', errorCode: 'OPERATION_RESOLUTION_FAILURE', operationName: null }),
    ]);
    expect(hub.audit.writers.gateway.stats.failedBatches).toBe(0);
  });

  it('keeps a grid worker’s log to the residents of the grid', async () => {
    const grid = eventsOf(sent[3]!).filter((e) => e.typeName === 'Person' && e.subgraph === 'police');
    const ids = grid.flatMap((e) => e.recordIds);
    const inGrid = await hub.databases.police.db
      .select({ id: residenceRegistrations.personId })
      .from(residenceRegistrations)
      .where(and(eq(residenceRegistrations.gridCode, gridCode), isNull(residenceRegistrations.until)));
    const allowed = new Set(inGrid.map((r) => r.id));
    expect(ids.length).toBeGreaterThan(0);
    for (const id of ids) expect(allowed.has(id), id).toBe(true);
  });
});
