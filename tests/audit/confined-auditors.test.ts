import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventHash } from '../../audit/chain.js';
import { verifyAuditStore } from '../../audit/verify.js';
import { divisionCovers } from '../../auth/jurisdiction.js';
import { grids, residenceRegistrations } from '../../subgraphs/police/db/schema.js';
import { asOwnerWithoutTriggers } from '../support/audit.js';
import { errorCodes, graphql, type GraphQLResponse } from '../support/graphql.js';
import { startTestHub, type TestHub } from '../support/hub.js';
import { callerIn, seededPlaces, unknownId, withoutKeys, type SeededPlaces } from '../support/jurisdiction.js';

/*
 * A district auditor (role auditor, token confined to one district) reviews
 * the log by the same jurisdiction rule as every other caller: it is shown an
 * access only when every record the access served lies inside its district,
 * by the place the serving department's own rule gives the record. What each
 * auditor should see is worked out from what the hub served and where the
 * departments' databases say those records are.
 */

let hub: TestHub;
let places: SeededPlaces;
const cityOfficer = callerIn('police', null);
let districtOfficer: ReturnType<typeof callerIn>;
const housingOfficer = callerIn('housing', null);
const healthOfficer = callerIn('health', null);
let districtAuditor: ReturnType<typeof callerIn>;
const cityAuditor = callerIn('auditor', null);

/** Per record id, the division its department's rule places it in. */
const divisionOf = new Map<string, string>();

const EVENT = 'id writerId seq occurredAt kind requestId subject department roles purpose caseId subgraph typeName recordIds fields { field decision } operationName documentHash outcome errorCode durationMs count correlationId prevHash hash';

interface Served {
  id: string;
  writerId: string;
  seq: string;
  kind: string;
  subject: string | null;
  subgraph: string | null;
  typeName: string | null;
  recordIds: string[];
  hash: string;
}

const ask = (who: object, query: string, variables: Record<string, unknown> = {}) => graphql(hub.gatewayUrl, query, variables, hub.headers(who as never, 'audit'));

/** Every event an auditor is shown, page after page. */
async function everything(who: object, filter: Record<string, unknown> = {}): Promise<Served[]> {
  const shown: Served[] = [];
  let after: string | null = null;
  for (;;) {
    const response: GraphQLResponse = await ask(who, `query($filter: AuditEventFilter, $after: String) { auditEvents(filter: $filter, first: 100, after: $after) { edges { node { ${EVENT} } } pageInfo { hasNextPage endCursor } } }`, { filter, after });
    expect(response.body.errors).toBeUndefined();
    const connection = response.body.data?.auditEvents as { edges: { node: Served }[]; pageInfo: { hasNextPage: boolean; endCursor: string } };
    shown.push(...connection.edges.map((e) => e.node));
    if (!connection.pageInfo.hasNextPage) return shown;
    after = connection.pageInfo.endCursor;
  }
}

const inside = (id: string) => {
  const division = divisionOf.get(id);
  return division !== undefined && divisionCovers(places.district, division);
};

beforeAll(async () => {
  hub = await startTestHub({ persons: 200, key: 'confined-auditors' });
  places = await seededPlaces(hub);
  districtOfficer = callerIn('police', [places.district]);
  districtAuditor = callerIn('auditor', [places.district]);
  const { persons, houses, tenancies } = places;
  for (const p of [...persons.inside, ...persons.outside]) divisionOf.set(p.id, p.divisionCode);
  for (const h of [...houses.inside, ...houses.outside]) divisionOf.set(h.id, h.divisionCode);
  const houseDivision = new Map([...houses.inside, ...houses.outside].map((h) => [h.id, h.divisionCode]));
  for (const t of [...tenancies.inside, ...tenancies.outside]) divisionOf.set(t.id, houseDivision.get(t.houseId)!);
  for (const r of await hub.databases.police.db.select().from(residenceRegistrations)) divisionOf.set(r.id, r.divisionCode);
  for (const g of await hub.databases.police.db.select().from(grids)) divisionOf.set(g.code, g.districtCode);

  const person = `query($id: ID!) { person(id: $id) { id name residence { address } } }`;
  const send = async (who: object, purpose: string, query: string, variables: Record<string, unknown> = {}) => {
    const response = await graphql(hub.gatewayUrl, query, variables, hub.headers(who as never, purpose as never));
    expect(response.body.errors, query).toBeUndefined();
    return response;
  };
  for (const p of [persons.inside[0]!, persons.inside[1]!, persons.outside[0]!, persons.outside[1]!]) await send(cityOfficer, 'population-management', person, { id: p.id });
  await send(districtOfficer, 'population-management', person, { id: persons.inside[2]!.id });
  // Outside the district officer's jurisdiction: answered as unknown, nothing served.
  await send(districtOfficer, 'population-management', person, { id: persons.outside[2]!.id });
  // A list of residents on both sides of the border: one access naming them all.
  await send(cityOfficer, 'population-management', `{ persons(first: 40) { edges { node { id name } } } }`);
  const house = `query($id: ID!) { house(id: $id) { id address tenancies { edges { node { id start } } } } }`;
  const tenanted = (side: 'inside' | 'outside') => houses[side].find((h) => tenancies[side].some((t) => t.houseId === h.id))!;
  await send(housingOfficer, 'housing-administration', house, { id: tenanted('inside').id });
  await send(housingOfficer, 'housing-administration', house, { id: tenanted('outside').id });
  // Health records carry no place.
  await send(healthOfficer, 'public-health', `query($id: ID!) { healthProfile(personId: $id) { familyPlanningStatus } }`, { id: persons.inside[0]!.id });
  await hub.audit.flush();
}, 240_000);

afterAll(async () => {
  await hub?.close();
});

describe('an auditor confined to a district', () => {
  it('is shown only accesses every record of which lies inside the district, and no requests, refusals or records without a place', async () => {
    const shown = await everything(districtAuditor);
    expect(shown.length).toBeGreaterThan(0);
    for (const event of shown) {
      const where = `${event.subgraph} ${event.typeName} ${event.recordIds.join(',')}`;
      expect(event.kind, where).toBe('ACCESS');
      expect(event.recordIds.length, where).toBeGreaterThan(0);
      for (const id of event.recordIds) expect(inside(id), `${where}: ${id}`).toBe(true);
    }
  });

  it('is shown every access whose records all lie inside the district: residents, their residences, houses and their tenancies', async () => {
    const shown = new Set((await everything(districtAuditor)).map((e) => e.id));
    const stored = (await hub.audit.events()).filter((e) => e.kind === 'access' && e.recordIds.length > 0 && e.subgraph !== 'audit');
    const placed = stored.filter(
      (e) =>
        (e.subgraph === 'police' && ['Person', 'ResidenceRegistration'].includes(e.typeName!)) ||
        (e.subgraph === 'housing' && ['House', 'Tenancy'].includes(e.typeName!)),
    );
    const due = placed.filter((e) => e.recordIds.every(inside));
    // Both officers' reads of residents inside, and the housing officer's of a house inside and its tenancies.
    expect(new Set(due.map((e) => `${e.subject} ${e.typeName}`))).toEqual(
      new Set([`${cityOfficer.sub} Person`, `${cityOfficer.sub} ResidenceRegistration`, `${districtOfficer.sub} Person`, `${districtOfficer.sub} ResidenceRegistration`, `${housingOfficer.sub} House`, `${housingOfficer.sub} Tenancy`]),
    );
    for (const event of due) expect(shown.has(`${event.writerId}/${event.seq}`), `${event.subject} ${event.typeName} ${event.recordIds.join(',')}`).toBe(true);
    // The list naming residents on both sides is not.
    const list = stored.find((e) => e.typeName === 'Person' && e.recordIds.length > 10)!;
    expect(list.recordIds.some(inside) && !list.recordIds.every(inside)).toBe(true);
    expect(shown.has(`${list.writerId}/${list.seq}`)).toBe(false);
  });

  it('while an unconfined auditor is shown the whole city, requests and records without a place included', async () => {
    const shown = await everything(cityAuditor, { from: new Date(Date.now() - 3_600_000).toISOString() });
    const kinds = new Set(shown.map((e) => e.kind));
    expect(kinds).toEqual(new Set(['REQUEST', 'ACCESS']));
    expect(shown.some((e) => e.recordIds.some((id) => divisionOf.has(id) && !inside(id)))).toBe(true);
    expect(shown.some((e) => e.typeName === 'HealthProfile')).toBe(true);
  });

  it('gets the same answer about a resident outside the district as about one nobody holds', async () => {
    const history = (id: string) => ask(districtAuditor, `query($id: ID!) { residentAccessHistory(personId: $id, first: 50) { edges { node { id } } pageInfo { hasNextPage endCursor } } }`, { id });
    const outside = places.persons.outside[0]!.id;
    const unknown = unknownId();
    const [a, b] = [await history(outside), await history(unknown)];
    expect(withoutKeys(a, outside)).toBe(withoutKeys(b, unknown));
    expect(a.body.data?.residentAccessHistory.edges).toEqual([]);
    // To an unconfined auditor the same resident has a history.
    const city = await ask(cityAuditor, `query($id: ID!) { residentAccessHistory(personId: $id) { edges { node { id } } } }`, { id: outside });
    expect(city.body.data?.residentAccessHistory.edges.length).toBeGreaterThan(0);
    // A resident inside has one to the district auditor, every event naming them.
    const own = places.persons.inside[0]!.id;
    const mine = await ask(districtAuditor, `query($id: ID!) { residentAccessHistory(personId: $id) { edges { node { recordIds subject } } } }`, { id: own });
    const edges = mine.body.data?.residentAccessHistory.edges as { node: { recordIds: string[]; subject: string } }[];
    expect(edges.length).toBeGreaterThan(0);
    expect(edges.every((e) => e.node.recordIds.includes(own))).toBe(true);
  });

  it('counts in a principal’s activity only what it is shown', async () => {
    const from = new Date(Date.now() - 3_600_000).toISOString();
    const to = new Date(Date.now() + 60_000).toISOString();
    const activity = async (who: object) => {
      const response = await ask(who, `query($s: String!, $from: DateTime!, $to: DateTime!) { principalActivity(subject: $s, from: $from, to: $to) { requests accesses recordsServed distinctResidents byType { typeName accesses records } } }`, { s: cityOfficer.sub, from, to });
      expect(response.body.errors).toBeUndefined();
      return response.body.data?.principalActivity as { requests: number; accesses: number; recordsServed: number; distinctResidents: number; byType: { typeName: string; accesses: number; records: number }[] };
    };
    const shown = (await everything(districtAuditor, { subject: cityOfficer.sub })).filter((e) => e.kind === 'ACCESS');
    const district = await activity(districtAuditor);
    expect(district.requests).toBe(0);
    expect(district.accesses).toBe(shown.length);
    expect(district.recordsServed).toBe(shown.reduce((n, e) => n + e.recordIds.length, 0));
    expect(district.distinctResidents).toBe(new Set(shown.filter((e) => e.typeName === 'Person').flatMap((e) => e.recordIds)).size);
    expect(district.distinctResidents).toBe(2);
    const city = await activity(cityAuditor);
    expect(city.requests).toBe(5);
    expect(city.distinctResidents).toBeGreaterThan(district.distinctResidents);
  });

  it('is not shown the events of a request about a resident outside, even by its request id', async () => {
    const outside = places.persons.outside[0]!.id;
    const [event] = (await everything(cityAuditor, { personId: outside, subject: cityOfficer.sub })).filter((e) => e.typeName === 'Person');
    expect(event).toBeDefined();
    const { requestId } = (await ask(cityAuditor, `query($f: AuditEventFilter) { auditEvents(filter: $f, first: 1) { edges { node { requestId } } } }`, { f: { personId: outside, subject: cityOfficer.sub } })).body.data?.auditEvents.edges[0].node as { requestId: string };
    expect(await everything(districtAuditor, { requestId })).toEqual([]);
    expect((await everything(cityAuditor, { requestId })).length).toBeGreaterThan(1);
  });

  it('may not run the verification of the whole log, which an unconfined auditor may', async () => {
    const refused = await ask(districtAuditor, `{ auditVerification { ok } }`);
    expect(refused.body.data?.auditVerification ?? null).toBeNull();
    expect(errorCodes(refused)).toEqual(['FORBIDDEN']);
    const city = await ask(cityAuditor, `{ auditVerification { ok } }`);
    expect(city.body.data?.auditVerification.ok).toBe(true);
  });
});

describe('where the log places what it records', () => {
  it('is not served to any auditor, and cannot be confirmed from what is served: the hash covers it with a secret of the event', async () => {
    const introspected = await ask(cityAuditor, `{ __type(name: "AuditEvent") { fields { name } } }`);
    const names = (introspected.body.data?.__type.fields as { name: string }[]).map((f) => f.name);
    expect(names.filter((n) => /place|grid|division/i.test(n))).toEqual([]);

    const resident = places.persons.inside[0]!;
    const [stored] = (await hub.audit.events()).filter((e) => e.subgraph === 'police' && e.typeName === 'Person' && e.recordIds.length === 1 && e.recordIds[0] === resident.id);
    expect(stored!.places).toBeDefined();
    // Everything an auditor is shown, and the right guess at where the resident lives, still does not give the hash.
    const { places: _, placesNonce: __, prevHash, hash, ...shown } = stored!;
    const guess = `${resident.divisionCode}/${resident.gridCode}`;
    expect(stored!.places).toEqual([guess]);
    expect(eventHash(prevHash, { ...shown, places: [guess] })).not.toBe(hash);
    expect(eventHash(prevHash, stored!)).toBe(hash);
  });

  it('is held by the hash chain: moving an event into another district breaks it', async () => {
    const resident = places.persons.outside[1]!;
    const [stored] = (await hub.audit.events()).filter((e) => e.subgraph === 'police' && e.typeName === 'Person' && e.recordIds.length === 1 && e.recordIds[0] === resident.id);
    const before = await verifyAuditStore(hub.audit.database, { writerId: stored!.writerId });
    expect(before.ok).toBe(true);
    await asOwnerWithoutTriggers(hub.audit.database, [
      sql`UPDATE audit_events SET places = ARRAY[${`${places.district}/${places.grids.inside[0]}`}]::text[] WHERE writer_id = ${stored!.writerId} AND seq = ${stored!.seq}`,
    ]);
    const after = await verifyAuditStore(hub.audit.database, { writerId: stored!.writerId });
    expect(after.problems).toEqual([expect.objectContaining({ writerId: stored!.writerId, seq: stored!.seq, problem: 'edited' })]);
  });
});
