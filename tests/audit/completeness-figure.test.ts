import { isNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../auth/roles.js';
import { healthProfiles } from '../../subgraphs/health/db/schema.js';
import { houses } from '../../subgraphs/housing/db/schema.js';
import { employers } from '../../subgraphs/labour/db/schema.js';
import { persons, residenceRegistrations } from '../../subgraphs/police/db/schema.js';
import { coverage, describeCoverage, servedValues, type ServedValue } from '../support/completeness.js';
import { graphql } from '../support/graphql.js';
import { startTestHub, type TestHub } from '../support/hub.js';
import { TEST_PURPOSES } from '../support/tokens.js';

/*
 * The completeness figure: a mixed run of 200 requests by five roles across
 * the API's query shapes (single records, lists, relations across
 * departments, health records), through a real hub; then every resident
 * field value served is matched against the access events of its request.
 * The figure is printed; every value must be covered.
 *
 *   npx vitest run tests/audit/completeness-figure.test.ts
 */

const REQUESTS = 200;
const ROLES: Role[] = ['police', 'housing', 'labour', 'health', 'grid'];

let hub: TestHub;
const runs: { values: ServedValue[]; requestId: string }[] = [];
let gridCode = '';

interface Seed {
  residents: { id: string; idNumber: string }[];
  houses: string[];
  employers: string[];
  profiled: string[];
}

type Shape = (seed: Seed, i: number) => { query: string; variables: Record<string, unknown>; personId?: string };

const pick = <T>(items: T[], i: number): T => items[i % items.length]!;

const SHAPES: Shape[] = [
  (s, i) => ({
    query: `query($id: ID!) { person(id: $id) { __typename id name idNumber birthDate phone status householdAddress
      residence { __typename id address since grid { __typename code name officerName } }
      residencePermit { __typename permitNumber validUntil valid } keyPersonFlags { __typename id category level }
      tenancies { edges { node { __typename id start monthlyRent house { __typename id address use } } } }
      employments { edges { node { __typename id position employer { __typename id name industry } } } }
      healthProfile { __typename familyPlanningStatus } } }`,
    variables: { id: pick(s.residents, i).id },
  }),
  (s, i) => ({
    query: `query($n: String!) { personByIdNumber(idNumber: $n) { __typename id name sex ethnicity idNumber householdDivisionName } }`,
    variables: { n: pick(s.residents, i).idNumber },
  }),
  () => ({ query: `{ persons(first: 12) { edges { node { __typename id name phone status residence { __typename id address } } } } }`, variables: {} }),
  () => ({
    query: `{ houses(first: 6) { edges { node { __typename id code address use rooms owner { __typename id name }
      tenancies(currentOnly: true) { edges { node { __typename id start tenant { __typename id name phone } } } } } } } }`,
    variables: {},
  }),
  (s, i) => ({
    query: `query($id: ID!) { house(id: $id) { __typename id code address divisionCode grid { __typename code name }
      residents(first: 5) { edges { node { __typename id name birthDate } } } } }`,
    variables: { id: pick(s.houses, i) },
  }),
  () => ({
    query: `{ employers(first: 4) { edges { node { __typename id name address industry
      employments(first: 3) { edges { node { __typename id position socialInsurance person { __typename id name idNumber } } } } } } } }`,
    variables: {},
  }),
  (s, i) => ({
    query: `query($id: ID!) { employer(id: $id) { __typename id creditCode name employments(currentOnly: true) { edges { node { __typename id start } } } } }`,
    variables: { id: pick(s.employers, i) },
  }),
  () => ({
    query: `query($code: String!) { grid(code: $code) { __typename code name class officerName
      residents(first: 6) { edges { node { __typename id name phone } } }
      houses(first: 3) { edges { node { __typename id address } } } } }`,
    variables: { code: gridCode },
  }),
  (s, i) => {
    const personId = pick(s.profiled, i);
    return {
      query: `query($id: ID!) { healthProfile(personId: $id) { __typename familyPlanningStatus
        vaccinations(first: 3) { edges { node { __typename id vaccine dose } } }
        checkups(first: 2) { edges { node { __typename id } } } } }`,
      variables: { id: personId },
      personId,
    };
  },
  (s, i) => ({
    query: `query($id: ID!) { person(id: $id) { __typename id name residenceHistory { edges { node { __typename id address since until } } }
      ownedHouses { edges { node { __typename id address } } } moveOut { __typename id } } }`,
    variables: { id: pick(s.residents, i).id },
  }),
];

beforeAll(async () => {
  hub = await startTestHub({ persons: 200, key: 'completeness-figure' });
  const { police, housing, labour, health } = hub.databases;
  const [residents, houseRows, employerRows, profiles, [home]] = await Promise.all([
    police.db.select({ id: persons.id, idNumber: persons.idNumber }).from(persons),
    housing.db.select({ id: houses.id }).from(houses),
    labour.db.select({ id: employers.id }).from(employers),
    health.db.select({ personId: healthProfiles.personId }).from(healthProfiles),
    police.db.select({ grid: residenceRegistrations.gridCode }).from(residenceRegistrations).where(isNull(residenceRegistrations.until)).limit(1),
  ]);
  gridCode = home!.grid;
  const seed: Seed = { residents, houses: houseRows.map((h) => h.id), employers: employerRows.map((e) => e.id), profiled: profiles.map((p) => p.personId) };
  for (let i = 0; i < REQUESTS; i += 1) {
    const role = ROLES[i % ROLES.length]!;
    const shape = SHAPES[Math.floor(i / ROLES.length) % SHAPES.length]!(seed, i);
    const claims = role === 'grid' ? { sub: 'grid-figure', dept: 'grid', roles: ['grid'], jurisdiction: { grids: [gridCode] } } : role;
    const response = await graphql(hub.gatewayUrl, shape.query, shape.variables, hub.headers(claims as never, TEST_PURPOSES[role]));
    const requestId = response.headers.get('x-request-id') ?? '';
    runs.push({ values: servedValues(response.body.data, shape.personId ?? null), requestId });
  }
}, 300_000);

afterAll(async () => {
  await hub?.close();
});

describe('the completeness figure', () => {
  it('counts every resident field value 200 mixed requests served as covered by an access event of its request', async () => {
    const events = await hub.audit.events();
    const byRequest = new Map<string, typeof events>();
    for (const event of events) byRequest.set(event.requestId, [...(byRequest.get(event.requestId) ?? []), event]);
    const figure = coverage(runs.map((run) => ({ values: run.values, events: byRequest.get(run.requestId) ?? [] })));
    process.stdout.write(`\n${describeCoverage(`${REQUESTS} requests by ${ROLES.join(', ')}`, figure)}\n`);
    // The run served something of every department, from records named by id.
    const types = new Set(runs.flatMap((r) => r.values.map((v) => v.type)));
    for (const type of ['Person', 'ResidenceRegistration', 'House', 'Tenancy', 'Employer', 'Employment', 'Grid', 'HealthProfile', 'Vaccination']) expect(types.has(type), type).toBe(true);
    expect(figure.identified.served).toBeGreaterThan(1_000);
    expect(figure.uncovered.map((v) => `${v.type} ${v.id} ${v.field} at ${v.path}`)).toEqual([]);
    expect(figure.covered).toBe(figure.served);
  });
});
