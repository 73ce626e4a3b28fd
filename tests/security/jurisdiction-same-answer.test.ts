import { readFileSync } from 'node:fs';
import { eq } from 'drizzle-orm';
import { getNamedType, isListType, isNonNullType, isObjectType, Kind, parse, type GraphQLOutputType, type ObjectTypeDefinitionNode } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEvent } from '../../audit/api.js';
import { isCarrierType, ROW_SCOPES } from '../../auth/policy.js';
import type { Role } from '../../auth/roles.js';
import { makeCreditCode, makeIdNumber } from '../../domain/index.js';
import { DEPARTMENTS, type Department } from '../../subgraphs/registry.js';
import { fromRoot } from '../../platform/paths.js';
import { apiSchema } from '../../schema/compose.js';
import * as housing from '../../subgraphs/housing/db/schema.js';
import * as labour from '../../subgraphs/labour/db/schema.js';
import * as police from '../../subgraphs/police/db/schema.js';
import { graphql, type GraphQLResponse } from '../support/graphql.js';
import { startTestHub, type TestHub } from '../support/hub.js';
import { callerIn, OWN_PURPOSE, seededPlaces, unknownId, withoutKeys, type SeededPlaces } from '../support/jurisdiction.js';
import { principalForRole } from '../support/tokens.js';
import { raisePoliceAlert } from '../support/alerts.js';
import * as alertStore from '../../alerts/db/schema.js';
import * as declarationsDb from '../../subgraphs/declarations/db/schema.js';
import { randomUUID } from 'node:crypto';

/**
 * "Not yours" and "not there" are one answer. For every look-up a confined
 * caller can make — query fields by key, entity references through
 * `_entities`, single relations nested in other records — a record outside
 * the caller's district and a key nobody holds answer the same, cost the
 * department the same statements and leave the same trace in the access log.
 * The look-ups are read from the schemas and the row scopes of the policy,
 * so a new one without a case here fails the suite.
 */

let hub: TestHub;
let places: SeededPlaces;

beforeAll(async () => {
  hub = await startTestHub({ persons: 120, key: 'same-answer-city' });
  places = await seededPlaces(hub);
}, 600_000);

afterAll(async () => {
  await hub?.close();
});

const ROW_TYPES = new Set(Object.keys(ROW_SCOPES));

/** A single record of a row-scoped type (not a list of them). */
function singleRowType(type: GraphQLOutputType): string | null {
  const inner = isNonNullType(type) ? type.ofType : type;
  if (isListType(inner)) return null;
  const named = getNamedType(inner);
  return isObjectType(named) && ROW_TYPES.has(named.name) ? named.name : null;
}

/** What one call left in the access log, keys aside: kinds, types, how many records, which fields, how it ended. */
function traceOf(events: AuditEvent[], subject: string, ...keys: string[]): string[] {
  return events
    .filter((e) => e.subject === subject)
    .map((e) => {
      const trace = { kind: e.kind, subgraph: e.subgraph, typeName: e.typeName, records: e.recordIds.length, fields: e.fields, outcome: e.outcome, errorCode: e.errorCode };
      let text = JSON.stringify(trace);
      for (const key of keys) text = text.split(key).join('<key>');
      return text;
    })
    .sort();
}

/** Statements each department ran during `call`. */
async function statementsDuring<T>(call: () => Promise<T>): Promise<[T, Record<Department, number>]> {
  const before = hub.statements();
  const result = await call();
  const after = hub.statements();
  return [result, Object.fromEntries(DEPARTMENTS.map((d) => [d, after[d] - before[d]])) as Record<Department, number>];
}

interface Keys {
  inside: string;
  outside: string;
  unknown: string;
}

/**
 * Asks through the gateway, as a caller in `role` confined to the district,
 * about a record inside, one outside and a key nobody holds, and holds the
 * outside answer to the unknown one in body, statements and access log.
 */
async function expectOneAnswer(role: Role, query: string, variable: string, keys: Keys): Promise<{ inside: GraphQLResponse; outside: GraphQLResponse }> {
  const ask = async (key: string) => {
    const claims = callerIn(role, [places.district]);
    const [response, statements] = await statementsDuring(() => graphql(hub.gatewayUrl, query, { [variable]: key }, hub.headers(claims, OWN_PURPOSE[role])));
    return { response, statements, subject: claims.sub };
  };
  const inside = await ask(keys.inside);
  const outside = await ask(keys.outside);
  const unknown = await ask(keys.unknown);
  expect(withoutKeys(outside.response, keys.outside)).toBe(withoutKeys(unknown.response, keys.unknown));
  expect(outside.statements).toEqual(unknown.statements);
  const events = await hub.audit.events();
  expect(traceOf(events, outside.subject, keys.outside)).toEqual(traceOf(events, unknown.subject, keys.unknown));
  return { inside: inside.response, outside: outside.response };
}

const firstValue = (response: GraphQLResponse): unknown => Object.values(response.body.data ?? {})[0];

/** Query fields that look up one row-scoped record by a key, with the keys on both sides of the border. */
const QUERY_CASES: Record<string, () => Promise<void>> = {
  person: () => readable('police', `query($k: ID!) { person(id: $k) { id name } }`, { inside: places.persons.inside[0]!.id, outside: places.persons.outside[0]!.id, unknown: unknownId() }),
  personByIdNumber: () =>
    readable('police', `query($k: String!) { personByIdNumber(idNumber: $k) { id name } }`, {
      inside: places.persons.inside[0]!.idNumber,
      outside: places.persons.outside[0]!.idNumber,
      unknown: makeIdNumber(places.district, '1931-01-01', 997, 'FEMALE'),
    }),
  grid: () => readable('police', `query($k: String!) { grid(code: $k) { code name } }`, { inside: places.grids.inside[0]!, outside: places.grids.outside[0]!, unknown: `${places.district}999999` }),
  house: () => readable('housing', `query($k: ID!) { house(id: $k) { id address } }`, { inside: places.houses.inside[0]!.id, outside: places.houses.outside[0]!.id, unknown: unknownId() }),
  houseByCode: () =>
    readable('housing', `query($k: String!) { houseByCode(code: $k) { code address } }`, {
      inside: places.houses.inside[0]!.code,
      outside: places.houses.outside[0]!.code,
      unknown: `${places.district}999999999999`,
    }),
  employer: () => readable('labour', `query($k: ID!) { employer(id: $k) { id name } }`, { inside: places.employers.inside[0]!.id, outside: places.employers.outside[0]!.id, unknown: unknownId() }),
  employerByCreditCode: () =>
    readable('labour', `query($k: String!) { employerByCreditCode(creditCode: $k) { creditCode name } }`, {
      inside: places.employers.inside[0]!.creditCode,
      outside: places.employers.outside[0]!.creditCode,
      unknown: makeCreditCode(places.district, 'YY9999999'),
    }),
  // An alert lies in its grid and district: one raised in another district reads as none.
  alert: async () =>
    readable('police', `query($k: ID!) { alert(id: $k) { id summary } }`, {
      inside: await raisePoliceAlert(hub, places.grids.inside[0]!),
      outside: await raisePoliceAlert(hub, places.grids.outside[0]!),
      unknown: unknownId(),
    }),
  // A declaration lies in its grid and district: housing's queue holds the tenancies declared inside, one declared elsewhere reads as none.
  declaration: async () =>
    readable('housing', `query($k: ID!) { declaration(id: $k) { id kind status } }`, {
      inside: await declareTenancyAt(places.houses.inside[0]!),
      outside: await declareTenancyAt(places.houses.outside[0]!),
      unknown: unknownId(),
    }),
  // Health records carry no place: refused to every confined caller, the same refusal whoever they are about.
  healthProfile: async () => {
    const keys = { inside: places.persons.inside[0]!.id, outside: places.persons.outside[0]!.id, unknown: unknownId() };
    const { inside, outside } = await expectOneAnswer('health', `query($k: ID!) { healthProfile(personId: $k) { familyPlanningStatus } }`, 'k', keys);
    expect(outside.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(withoutKeys(inside, keys.inside)).toBe(withoutKeys(outside, keys.outside));
  },
};

/** A pending tenancy declared by a landlord at a house, in the house's grid and district; its id. */
async function declareTenancyAt(house: housing.HouseRow): Promise<string> {
  const id = randomUUID();
  const tenant = places.persons.inside[2]!;
  await hub.declarations.database.db.insert(declarationsDb.declarations).values({
    id, kind: 'TENANCY', declarantRole: 'landlord', declarantSubject: 'landlord-same-answer', premisesKind: 'HOUSE', premisesCode: house.code,
    gridCode: house.gridCode, divisionCode: house.divisionCode, idNumber: tenant.idNumber, name: '张三', phone: '13800138000', start: '2025-03-01',
    room: '1室', landlordName: '王建华', monthlyRent: 1500, factsHash: randomUUID(),
  } as typeof declarationsDb.declarations.$inferInsert);
  return id;
}

/** A look-up a confined caller may make: the record inside comes back, the one outside reads as unknown (null, no error). */
async function readable(role: Role, query: string, keys: Keys): Promise<void> {
  const { inside, outside } = await expectOneAnswer(role, query, 'k', keys);
  expect(inside.body.errors).toBeUndefined();
  expect(firstValue(inside)).not.toBeNull();
  expect(outside.body).toEqual({ data: { [Object.keys(inside.body.data ?? {})[0]!]: null } });
}

/** Entity types of one subgraph: object types carrying `@key`, with their key fields. */
function entityTypes(subgraph: Department): Map<string, string[][]> {
  const document = parse(readFileSync(fromRoot('subgraphs', subgraph, 'schema.graphql'), 'utf8'));
  const types = new Map<string, string[][]>();
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.OBJECT_TYPE_DEFINITION && definition.kind !== Kind.OBJECT_TYPE_EXTENSION) continue;
    const keys = ((definition as ObjectTypeDefinitionNode).directives ?? [])
      .filter((d) => d.name.value === 'key')
      .map((d) => {
        const fields = d.arguments?.find((a) => a.name.value === 'fields')?.value;
        return fields?.kind === Kind.STRING ? fields.value.split(/\s+/) : [];
      });
    if (keys.length > 0) types.set(definition.name.value, keys);
  }
  return types;
}

/** The keys, by key field, of records of each entity type on both sides of the border. */
function entityKeys(typeName: string, keyField: string): Keys {
  const pick = <T>(rows: { inside: T[]; outside: T[] }, of: (row: T) => string, unknown: string): Keys => ({ inside: of(rows.inside[0]!), outside: of(rows.outside[0]!), unknown });
  switch (`${typeName}.${keyField}`) {
    case 'Person.id':
      return pick(places.persons, (p) => p.id, unknownId());
    case 'Grid.code':
      return pick({ inside: places.grids.inside, outside: places.grids.outside }, (g) => g, `${places.district}999999`);
    case 'House.id':
      return pick(places.houses, (h) => h.id, unknownId());
    case 'House.code':
      return pick(places.houses, (h) => h.code, `${places.district}999999999999`);
    case 'Employer.id':
      return pick(places.employers, (e) => e.id, unknownId());
    default:
      throw new Error(`no records known for the entity key ${typeName}.${keyField}: add them here`);
  }
}

/** The role whose own records a subgraph holds, and so the one that reads its entities. */
const OWNER: Record<Department, Role> = { police: 'police', housing: 'housing', labour: 'labour', health: 'health' };

/** Per entity type, what to select beyond the key: a nested single relation that must answer the same way too. */
const ENTITY_EXTRA: Record<string, string> = { 'health.Person': 'healthProfile { familyPlanningStatus }' };

describe('one answer for a record outside the jurisdiction and a key nobody holds', () => {
  it('has a case for every query field that looks up one row-scoped record', () => {
    const query = apiSchema().getQueryType()!;
    const lookUps = Object.values(query.getFields())
      .filter((f) => f.args.length > 0 && singleRowType(f.type) !== null)
      .map((f) => f.name)
      .sort();
    expect(lookUps.length).toBeGreaterThan(0);
    expect(Object.keys(QUERY_CASES).sort()).toEqual(lookUps);
  });

  for (const [field, run] of Object.entries(QUERY_CASES)) {
    it(`answers Query.${field} about a record outside exactly as about an unknown key`, run, 60_000);
  }

  for (const subgraph of DEPARTMENTS) {
    it(`answers every entity reference to the ${subgraph} subgraph about a record outside exactly as about an unknown key`, async () => {
      const role = OWNER[subgraph];
      const principal = principalForRole(role, { jurisdiction: { divisions: [places.district], grids: [] } });
      const types = [...entityTypes(subgraph).entries()].filter(([typeName]) => ROW_TYPES.has(typeName));
      expect(types.length).toBeGreaterThan(0);
      for (const [typeName, keySets] of types) {
        for (const [keyField] of keySets as [string][]) {
          const keys = entityKeys(typeName, keyField);
          const selection = [keyField, ENTITY_EXTRA[`${subgraph}.${typeName}`] ?? ''].join(' ');
          const query = `query($r: [_Any!]!) { _entities(representations: $r) { ... on ${typeName} { ${selection} } } }`;
          const ask = async (key: string, requestId: string) => {
            const headers = await hub.internalHeaders({ principal, purpose: OWN_PURPOSE[role], requestId });
            return statementsDuring(() => graphql(hub.subgraphUrls[subgraph], query, { r: [{ __typename: typeName, [keyField]: key }] }, headers));
          };
          const tag = `${subgraph}-${typeName}-${keyField}-${Date.now()}`;
          const [inside] = await ask(keys.inside, `${tag}-inside`);
          const [outside, outsideStatements] = await ask(keys.outside, `${tag}-outside`);
          const [unknown, unknownStatements] = await ask(keys.unknown, `${tag}-unknown`);
          const where = `${subgraph} ${typeName} by ${keyField}`;
          expect(withoutKeys(outside, keys.outside), where).toBe(withoutKeys(unknown, keys.unknown));
          expect(outsideStatements, where).toEqual(unknownStatements);
          expect(inside.body.data?._entities?.[0], where).toMatchObject({ [keyField]: keys.inside });
          const events = await hub.audit.events();
          // A grid reference is placed by its own code (its first six digits are its district): a function of the key asked with, like the key itself.
          const trace = (requestId: string, key: string) =>
            events
              .filter((e) => e.requestId === requestId)
              .map((e) =>
                JSON.stringify({ ...e, seq: 0, hash: '', prevHash: '', occurredAt: '', requestId: '', ...(e.placesNonce ? { placesNonce: '' } : {}) })
                  .split(`${key.slice(0, 6)}/${key}`)
                  .join('<place of key>')
                  .split(key)
                  .join('<key>'),
              );
          expect(trace(`${tag}-outside`, keys.outside), where).toEqual(trace(`${tag}-unknown`, keys.unknown));
        }
      }
    }, 60_000);
  }
});

/**
 * Single relations nested in other records, each pointed in turn at a record
 * outside the district and at a key nobody holds, by changing the stored
 * reference. Relations a confined caller can never follow outside say why.
 */
const NESTED_CASES: Record<string, (() => Promise<void>) | { unreachable: string }> = {
  'House.owner': () => nestedOneAnswer('housing', `query($k: ID!) { house(id: $k) { owner { id name } } }`, places.houses.inside[0]!.id, ['house', 'owner'], personKeys(), (to) =>
    hub.databases.housing.db.update(housing.houses).set({ ownerId: to }).where(eq(housing.houses.id, places.houses.inside[0]!.id))),
  'House.grid': () => nestedOneAnswer('housing', `query($k: ID!) { house(id: $k) { grid { code name } } }`, places.houses.inside[1]!.id, ['house', 'grid'], gridKeys(), (to) =>
    hub.databases.housing.db.update(housing.houses).set({ gridCode: to }).where(eq(housing.houses.id, places.houses.inside[1]!.id))),
  'Tenancy.tenant': () => {
    const tenancy = places.tenancies.inside[0]!;
    return nestedOneAnswer('housing', `query($k: ID!) { house(id: $k) { tenancies(currentOnly: true, first: 50) { edges { node { id tenant { id name } } } } } }`, tenancy.houseId, ['house', 'tenancies', tenancy.id, 'tenant'], personKeys(), (to) =>
      hub.databases.housing.db.update(housing.tenancies).set({ tenantId: to }).where(eq(housing.tenancies.id, tenancy.id)));
  },
  'Tenancy.landlord': () => {
    const tenancy = places.tenancies.inside[1] ?? places.tenancies.inside[0]!;
    return nestedOneAnswer('housing', `query($k: ID!) { house(id: $k) { tenancies(currentOnly: true, first: 50) { edges { node { id landlord { id name } } } } } }`, tenancy.houseId, ['house', 'tenancies', tenancy.id, 'landlord'], personKeys(), (to) =>
      hub.databases.housing.db.update(housing.tenancies).set({ landlordId: to }).where(eq(housing.tenancies.id, tenancy.id)));
  },
  'Employment.person': () => {
    const employment = places.employments.inside[0]!;
    return nestedOneAnswer('labour', `query($k: ID!) { employer(id: $k) { employments(currentOnly: true, first: 50) { edges { node { id person { id name } } } } } }`, employment.employerId, ['employer', 'employments', employment.id, 'person'], personKeys(), (to) =>
      hub.databases.labour.db.update(labour.employments).set({ personId: to }).where(eq(labour.employments.id, employment.id)));
  },
  'Employer.grid': () => nestedOneAnswer('labour', `query($k: ID!) { employer(id: $k) { grid { code name } } }`, places.employers.inside[0]!.id, ['employer', 'grid'], gridKeys(), (to) =>
    hub.databases.labour.db.update(labour.employers).set({ gridCode: to }).where(eq(labour.employers.id, places.employers.inside[0]!.id))),
  'ResidenceRegistration.house': () => {
    const resident = places.persons.inside[1]!;
    const keys = { inside: places.houses.inside[0]!.code, outside: places.houses.outside[0]!.code, unknown: `${places.district}999999999999` };
    return nestedOneAnswer('police', `query($k: ID!) { person(id: $k) { residence { house { code address } } } }`, resident.id, ['person', 'residence', 'house'], keys, (to) =>
      hub.databases.police.db.update(police.residenceRegistrations).set({ houseCode: to }).where(eq(police.residenceRegistrations.personId, resident.id)));
  },
  'ResidenceRegistration.grid': {
    unreachable:
      'a registration is reached through its person, whose current registration is inside; an earlier one may name a grid outside, which the grid loader answers as it answers Query.grid (its case above), and every registration names a grid on the register, so there is no unknown one to compare',
  },
  'ResidenceRegistration.person': { unreachable: 'a registration is reached only through its own person, already inside, or a write inside' },
  'Tenancy.house': { unreachable: "a tenancy is reached through its house (inside), a person's tenancies (narrowed to houses inside) or a write inside" },
  'Employment.employer': { unreachable: "an employment is reached through its employer (inside), a person's employments (narrowed to employers inside) or a write inside" },
  'Person.healthProfile': { unreachable: 'refused to every confined caller whoever the person is: the health.Person entity case selects it' },
  // An alert inside the district may name a resident, house, employer or grid outside it: the owning department answers the reference.
  'Alert.person': () => alertPointing('person { id name }', 'person', personKeys(), (id, to) => ({ personId: to, id })),
  'Alert.house': () =>
    alertPointing('house { id address }', 'house', { inside: places.houses.inside[0]!.id, outside: places.houses.outside[0]!.id, unknown: unknownId() }, (id, to) => ({ houseId: to, id })),
  'Alert.employer': () =>
    alertPointing('employer { id name }', 'employer', { inside: places.employers.inside[0]!.id, outside: places.employers.outside[0]!.id, unknown: unknownId() }, (id, to) => ({
      employerId: to,
      id,
    })),
  // A decision names the declaration whose id the reviewer sent: one declared outside the district is answered as an id nobody holds.
  'DeclarationDecision.declaration': async () => {
    const keys = { inside: await declareTenancyAt(places.houses.inside[1]!), outside: await declareTenancyAt(places.houses.outside[1]!), unknown: unknownId() };
    const { inside, outside } = await expectOneAnswer('housing', `mutation($k: ID!) { rejectDeclarations(ids: [$k], reason: "房屋信息不符") { results { id done declaration { id status } problems { field code message } } } }`, 'k', keys);
    expect(inside.body.errors).toBeUndefined();
    expect((firstValue(inside) as { results: unknown[] }).results).toEqual([{ id: keys.inside, done: true, declaration: { id: keys.inside, status: 'REJECTED' }, problems: [] }]);
    expect(outside.body.errors).toBeUndefined();
    expect((firstValue(outside) as { results: unknown[] }).results).toEqual([{ id: keys.outside, done: false, declaration: null, problems: [expect.objectContaining({ code: 'NOT_FOUND' })] }]);
  },
  'Alert.grid': { unreachable: "an alert's grid is its place: one whose grid lies outside is itself outside, and answers as Query.alert's case above" },
};

/** An alert inside the district whose reference is pointed inside, outside and at nobody. */
async function alertPointing(selection: string, field: string, keys: Keys, patch: (id: string, to: string) => Partial<alertStore.AlertRow> & { id: string }) {
  const id = await raisePoliceAlert(hub, places.grids.inside[0]!);
  return nestedOneAnswer('police', `query($k: ID!) { alert(id: $k) { ${selection} } }`, id, ['alert', field], keys, async (to) => {
    const { id: _, ...set } = patch(id, to);
    await hub.alerts.database.db.update(alertStore.alerts).set(set).where(eq(alertStore.alerts.id, id));
  });
}

function personKeys(): Keys {
  return { inside: places.persons.inside[0]!.id, outside: places.persons.outside[0]!.id, unknown: unknownId() };
}

function gridKeys(): Keys {
  return { inside: places.grids.inside[0]!, outside: places.grids.outside[0]!, unknown: `${places.district}999999` };
}

/** The value at a path through the response, following connection edges by node id. */
function at(value: unknown, path: string[]): unknown {
  let current = value;
  for (const step of path) {
    const here = current as Record<string, unknown> | null | undefined;
    if (here && Array.isArray((here as { edges?: unknown }).edges)) {
      current = ((here as { edges: { node: { id: string } }[] }).edges.find((e) => e.node.id === step) ?? {}).node;
    } else {
      current = here?.[step];
    }
  }
  return current;
}

/**
 * Points a stored reference at a record inside, one outside and a key nobody
 * holds, and asks the same question each time through the gateway: inside the
 * record comes back; outside and unknown are the same answer and trace.
 */
async function nestedOneAnswer(role: Role, query: string, parent: string, path: string[], keys: Keys, pointTo: (key: string) => Promise<unknown>): Promise<void> {
  const ask = async (key: string) => {
    await pointTo(key);
    const claims = callerIn(role, [places.district]);
    const response = await graphql(hub.gatewayUrl, query, { k: parent }, hub.headers(claims, OWN_PURPOSE[role]));
    return { response, subject: claims.sub };
  };
  const inside = await ask(keys.inside);
  const outside = await ask(keys.outside);
  const unknown = await ask(keys.unknown);
  await pointTo(keys.inside);
  expect(inside.response.body.errors).toBeUndefined();
  expect(at(inside.response.body.data, path)).toMatchObject({ [Object.keys(at(inside.response.body.data, path) as object)[0]!]: keys.inside });
  expect(withoutKeys(outside.response, keys.outside)).toBe(withoutKeys(unknown.response, keys.unknown));
  expect(outside.response.body.errors).toBeUndefined();
  const events = await hub.audit.events();
  expect(traceOf(events, outside.subject, keys.outside)).toEqual(traceOf(events, unknown.subject, keys.unknown));
}

describe('one answer through nested single relations', () => {
  it('has a case, or a reason none can point outside, for every single row-scoped relation of every type', () => {
    const schema = apiSchema();
    const relations = Object.values(schema.getTypeMap())
      .filter((t) => isObjectType(t) && !t.name.startsWith('__') && !isCarrierType(t.name) && t !== schema.getQueryType() && t !== schema.getMutationType())
      .flatMap((t) => Object.values((t as ReturnType<typeof schema.getQueryType> & object).getFields()).filter((f) => singleRowType(f.type) !== null).map((f) => `${t.name}.${f.name}`))
      .sort();
    expect(relations.length).toBeGreaterThan(0);
    expect(Object.keys(NESTED_CASES).sort()).toEqual(relations);
  });

  for (const [relation, run] of Object.entries(NESTED_CASES)) {
    if (typeof run === 'function') it(`answers ${relation} pointing outside exactly as pointing at an unknown key`, run, 60_000);
  }
});

describe('lists that name residents with no place here to narrow them by', () => {
  const LISTS = {
    residentsInPartnerCities: `{ residentsInPartnerCities(first: 5) { edges { node { id } } } }`,
    arrivalsFromPartnerCities: `{ arrivalsFromPartnerCities(first: 5) { edges { node { id } } } }`,
    exchangeLog: `{ exchangeLog(direction: SENT, first: 5) { edges { node { id personId } } } }`,
  };

  for (const [field, query] of Object.entries(LISTS)) {
    it(`refuses ${field} to a confined police officer and serves it to an unconfined one`, async () => {
      const refused = await graphql(hub.gatewayUrl, query, {}, hub.headers(callerIn('police', [places.district]), 'population-management'));
      expect(refused.body.data?.[field] ?? null).toBeNull();
      expect(refused.body.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
      const served = await graphql(hub.gatewayUrl, query, {}, hub.headers(callerIn('police', null), 'population-management'));
      expect(served.body.errors).toBeUndefined();
    });
  }
});
