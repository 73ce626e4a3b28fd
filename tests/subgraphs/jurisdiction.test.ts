import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '../../auth/principal.js';
import type { Purpose } from '../../auth/purposes.js';
import { makeCreditCode, makeIdNumber, type Sex } from '../../domain/index.js';
import * as healthSchema from '../../subgraphs/health/db/schema.js';
import { createHealthSubgraph } from '../../subgraphs/health/subgraph.js';
import * as housingSchema from '../../subgraphs/housing/db/schema.js';
import { createHousingSubgraph } from '../../subgraphs/housing/subgraph.js';
import * as labourSchema from '../../subgraphs/labour/db/schema.js';
import { createLabourSubgraph } from '../../subgraphs/labour/subgraph.js';
import * as policeSchema from '../../subgraphs/police/db/schema.js';
import { createPoliceSubgraph } from '../../subgraphs/police/subgraph.js';
import { openTestDatabase, type TestDatabase } from '../support/databases.js';
import type { GraphQLResponse } from '../support/graphql.js';
import { MemoryAccessRecorder } from '../support/recorder.js';
import { startTestSubgraph, type TestSubgraphServer } from '../support/servers.js';
import { principalForRole } from '../support/tokens.js';

// 武侯区 (510107) holds the worker's grid and a neighbouring one; 锦江区 (510104) is another district of the same city.
const GRID_IN = '510107001001';
const GRID_NEXT = '510107001002';
const GRID_FAR = '510104001001';
/** A grid of its own for the batching measurements, so they do not disturb the list assertions. */
const GRID_BATCH = '510107001003';

const gridWorker = (grids: string[] = [GRID_IN]): Principal => principalForRole('grid', { jurisdiction: { divisions: [], grids } });
const districtOffice = (role: 'police' | 'housing' | 'labour' | 'health', divisions: string[] = ['510107']): Principal =>
  principalForRole(role, { jurisdiction: { divisions, grids: [] } });
const unconfined = (role: 'police' | 'housing' | 'labour' | 'health'): Principal => principalForRole(role);

type Server = TestSubgraphServer;

/** A call made as `principal`, through a gateway-signed internal token. */
function ask(server: Server, principal: Principal, query: string, variables: Record<string, unknown> = {}, purpose?: Purpose) {
  return server.graphql(query, variables, server.headers(principal, purpose));
}

/** The FORBIDDEN errors of a response, by the path they were raised at. */
function forbiddenPaths(response: GraphQLResponse): (string | number)[][] {
  return (response.body.errors ?? []).filter((e) => e.extensions?.code === 'FORBIDDEN').map((e) => e.path ?? []);
}

/** A look-up answered as if the record did not exist: null, and no error to tell it from an unknown key. */
function expectAbsent(response: GraphQLResponse, field: string): void {
  expect(response.body).toEqual({ data: { [field]: null } });
}

const nodeIds = (connection: { edges: { node: { id: string } }[] }): string[] => connection.edges.map((e) => e.node.id);

const ENTITIES = (fragment: string) => `query($reps: [_Any!]!) { _entities(representations: $reps) { ${fragment} } }`;

describe('police jurisdiction', () => {
  let database: TestDatabase<typeof policeSchema>;
  let server: Server;
  const access = new MemoryAccessRecorder();

  let serial = 0;
  const person = (name: string) => {
    serial += 1;
    const sex: Sex = serial % 2 === 0 ? 'FEMALE' : 'MALE';
    return {
      id: randomUUID(),
      idNumber: makeIdNumber('510107', '1988-08-08', serial, sex),
      name,
      sex,
      birthDate: '1988-08-08',
      ethnicity: '汉族',
      householdDivisionCode: '510107',
      householdAddress: '武侯区',
      status: 'REGISTERED' as const,
    };
  };
  const residence = (personId: string, gridCode: string, extra: { houseCode?: string; since?: string; until?: string | null } = {}) => ({
    id: randomUUID(),
    personId,
    address: `${gridCode} 某路1号`,
    divisionCode: gridCode.slice(0, 6),
    gridCode,
    houseCode: extra.houseCode ?? null,
    since: extra.since ?? '2020-01-01',
    until: extra.until ?? null,
  });

  const HOUSE_FAR = '510104000000000001';
  /** Lives in the worker's grid. */
  const inGrid = person('网格内');
  /** Lives in the same district, another grid. */
  const nextGrid = person('同区邻格');
  /** Lives in another district, in a house the police know. */
  const farAway = person('他区居民');
  /** Used to live in the worker's grid; lives in another district now. */
  const movedAway = person('已迁出网格');
  /** Has no residence registration at all. */
  const noResidence = person('无居住登记');
  const batch = Array.from({ length: 20 }, (_, i) => person(`批量${i}`));

  beforeAll(async () => {
    database = await openTestDatabase('police', policeSchema);
    await database.db.insert(policeSchema.grids).values(
      [GRID_IN, GRID_NEXT, GRID_FAR, GRID_BATCH].map((code) => ({
        code,
        name: `网格${code}`,
        districtCode: code.slice(0, 6),
        officerName: '王警官',
        class: 'REGULAR' as const,
      })),
    );
    await database.db.insert(policeSchema.persons).values([inGrid, nextGrid, farAway, movedAway, noResidence, ...batch]);
    await database.db.insert(policeSchema.residenceRegistrations).values([
      residence(inGrid.id, GRID_IN),
      residence(nextGrid.id, GRID_NEXT),
      residence(farAway.id, GRID_FAR, { houseCode: HOUSE_FAR }),
      residence(movedAway.id, GRID_IN, { since: '2015-01-01', until: '2020-01-01' }),
      residence(movedAway.id, GRID_FAR),
      ...batch.map((p) => residence(p.id, GRID_BATCH)),
    ]);
    server = await startTestSubgraph(createPoliceSubgraph({ database, access, cityCode: '510100' }));
  });

  afterAll(async () => {
    await server?.close();
    await database?.destroy();
  });

  const PERSON = `query($id: ID!) { person(id: $id) { id name } }`;
  const BY_ID_NUMBER = `query($idNumber: String!) { personByIdNumber(idNumber: $idNumber) { id name } }`;
  const PERSONS = `{ persons(first: 100) { edges { node { id } } } }`;
  const PERSON_ENTITIES = ENTITIES(`... on Person { id name }`);

  it('gives a grid worker a resident of their grid by id and by identity number', async () => {
    const byId = await ask(server, gridWorker(), PERSON, { id: inGrid.id });
    expect(byId.body).toEqual({ data: { person: { id: inGrid.id, name: inGrid.name } } });
    const byNumber = await ask(server, gridWorker(), BY_ID_NUMBER, { idNumber: inGrid.idNumber });
    expect(byNumber.body).toEqual({ data: { personByIdNumber: { id: inGrid.id, name: inGrid.name } } });
  });

  it('answers a grid worker about a resident of another grid, by id and by identity number, as about nobody, without recording an access', async () => {
    const requestId = 'jurisdiction-police-outside-0001';
    const byId = await server.graphql(PERSON, { id: nextGrid.id }, server.headers(gridWorker(), undefined, { requestId }));
    expectAbsent(byId, 'person');
    expect(access.events.filter((e) => e.requestId === requestId)).toEqual([]);

    expectAbsent(await ask(server, gridWorker(), BY_ID_NUMBER, { idNumber: farAway.idNumber }), 'personByIdNumber');
  });

  it('answers null, with no error, for a resident nobody registered: the same answer as for one outside', async () => {
    const response = await ask(server, gridWorker(), PERSON, { id: randomUUID() });
    expect(response.body).toEqual({ data: { person: null } });
  });

  it('judges a resident by where they live now, not where they used to live', async () => {
    expectAbsent(await ask(server, gridWorker(), PERSON, { id: movedAway.id }), 'person');
  });

  it('keeps a resident with no current residence from every confined principal, and shows them to an unconfined one', async () => {
    expectAbsent(await ask(server, gridWorker(), PERSON, { id: noResidence.id }), 'person');
    expectAbsent(await ask(server, districtOffice('police', ['510100']), PERSON, { id: noResidence.id }), 'person');
    const open = await ask(server, unconfined('police'), PERSON, { id: noResidence.id });
    expect(open.body).toEqual({ data: { person: { id: noResidence.id, name: noResidence.name } } });
  });

  it('narrows a grid worker’s list of residents to their grid, silently', async () => {
    const response = await ask(server, gridWorker(), PERSONS);
    expect(response.body.errors).toBeUndefined();
    expect(nodeIds(response.body.data?.persons)).toEqual([inGrid.id]);
  });

  it('resolves Person entities of the grid and answers the others as unknown ones, at their own place in the list', async () => {
    const requestId = 'jurisdiction-police-entities-0001';
    const unknown = randomUUID();
    const response = await server.graphql(
      PERSON_ENTITIES,
      { reps: [inGrid.id, nextGrid.id, unknown, farAway.id].map((id) => ({ __typename: 'Person', id })) },
      server.headers(gridWorker(), undefined, { requestId }),
    );
    expect(response.body).toEqual({ data: { _entities: [{ id: inGrid.id, name: inGrid.name }, null, null, null] } });
    expect(access.events.filter((e) => e.requestId === requestId).flatMap((e) => e.ids)).toEqual([inGrid.id]);
  });

  it('lets a district office see its whole district and nothing of the next one', async () => {
    const office = districtOffice('police');
    const list = await ask(server, office, `{ persons(first: 100, filter: { status: REGISTERED }) { edges { node { id } } } }`);
    const ids = nodeIds(list.body.data?.persons);
    expect(ids).toEqual(expect.arrayContaining([inGrid.id, nextGrid.id, ...batch.map((p) => p.id)]));
    expect(ids).not.toContain(farAway.id);
    expect(ids).not.toContain(movedAway.id);
    expect(ids).not.toContain(noResidence.id);
    expect((await ask(server, office, PERSON, { id: nextGrid.id })).body.data).toEqual({ person: { id: nextGrid.id, name: nextGrid.name } });
    expectAbsent(await ask(server, office, PERSON, { id: farAway.id }), 'person');
  });

  it('lets a city office see every district of the city', async () => {
    const response = await ask(server, districtOffice('police', ['510100']), PERSON, { id: farAway.id });
    expect(response.body.data).toEqual({ person: { id: farAway.id, name: farAway.name } });
  });

  it('shows an unconfined police principal every resident', async () => {
    const response = await ask(server, unconfined('police'), PERSONS);
    expect(nodeIds(response.body.data?.persons)).toEqual(
      expect.arrayContaining([inGrid.id, nextGrid.id, farAway.id, movedAway.id, noResidence.id, ...batch.map((p) => p.id)]),
    );
    const entities = await ask(server, unconfined('police'), PERSON_ENTITIES, { reps: [{ __typename: 'Person', id: farAway.id }] });
    expect(entities.body).toEqual({ data: { _entities: [{ id: farAway.id, name: farAway.name }] } });
  });

  it('shows a grid worker whose token names no grid no resident at all', async () => {
    const list = await ask(server, gridWorker([]), PERSONS);
    expect(list.body.errors).toBeUndefined();
    expect(nodeIds(list.body.data?.persons)).toEqual([]);
    expectAbsent(await ask(server, gridWorker([]), PERSON, { id: inGrid.id }), 'person');
  });

  it('answers a grid outside the jurisdiction by code and by entity reference as an unknown one, and narrows the list of grids', async () => {
    const own = await ask(server, gridWorker(), `{ grid(code: "${GRID_IN}") { code residents { edges { node { id } } } } }`);
    expect(own.body).toEqual({ data: { grid: { code: GRID_IN, residents: { edges: [{ node: { id: inGrid.id } }] } } } });

    expectAbsent(await ask(server, gridWorker(), `{ grid(code: "${GRID_NEXT}") { code } }`), 'grid');

    const entities = await ask(server, gridWorker(), ENTITIES(`... on Grid { code }`), {
      reps: [GRID_IN, GRID_FAR].map((code) => ({ __typename: 'Grid', code })),
    });
    expect(entities.body).toEqual({ data: { _entities: [{ code: GRID_IN }, null] } });

    const grids = await ask(server, gridWorker(), `{ grids(first: 100) { edges { node { code } } } }`);
    expect(grids.body.data?.grids.edges.map((e: { node: { code: string } }) => e.node.code)).toEqual([GRID_IN]);
    const districtGrids = await ask(server, districtOffice('police'), `{ grids(first: 100) { edges { node { code } } } }`);
    expect(districtGrids.body.data?.grids.edges.map((e: { node: { code: string } }) => e.node.code)).toEqual([GRID_IN, GRID_NEXT, GRID_BATCH]);
  });

  it('lists only the residents inside the jurisdiction under a house', async () => {
    const query = ENTITIES(`... on House { code residents { edges { node { id } } } }`);
    const reps = [{ __typename: 'House', code: HOUSE_FAR }];
    const confined = await ask(server, gridWorker(), query, { reps });
    expect(confined.body).toEqual({ data: { _entities: [{ code: HOUSE_FAR, residents: { edges: [] } }] } });
    const open = await ask(server, unconfined('police'), query, { reps });
    expect(open.body.data?._entities[0].residents.edges).toEqual([{ node: { id: farAway.id } }]);
  });

  describe('statements', () => {
    const statementsFor = async (principal: Principal, fields: string, persons = batch): Promise<number> => {
      const before = database.statements.count;
      const response = await ask(server, principal, ENTITIES(`... on Person { ${fields} }`), {
        reps: persons.map((p) => ({ __typename: 'Person', id: p.id })),
      });
      expect(response.body.errors).toBeUndefined();
      expect(response.body.data?._entities).toHaveLength(persons.length);
      return database.statements.count - before;
    };

    it('costs a confined principal the same statements as an unconfined one for a 20-person _entities batch', async () => {
      const fields = 'id name residence { since grid { code } }';
      const open = await statementsFor(unconfined('police'), fields);
      const confined = await statementsFor(gridWorker([GRID_BATCH]), fields);
      // persons, residences and grids: the check reads the residences the `residence` field loads anyway.
      expect(open).toBe(3);
      expect(confined).toBe(open);
    });

    it('checks a whole batch inside the statement that loads it, even when the residence is not selected', async () => {
      const open = await statementsFor(unconfined('police'), 'id name');
      const confinedOne = await statementsFor(gridWorker([GRID_BATCH]), 'id name', batch.slice(0, 1));
      const confinedTwenty = await statementsFor(gridWorker([GRID_BATCH]), 'id name');
      expect(confinedTwenty).toBe(confinedOne);
      expect(confinedTwenty).toBe(open);
    });

    it('costs the same statements for a resident outside the jurisdiction as for an id nobody holds', async () => {
      const outside = await statementsFor(gridWorker(), 'id name', [farAway]);
      const unknown = await statementsFor(gridWorker(), 'id name', [{ ...farAway, id: randomUUID() }]);
      expect(outside).toBe(unknown);
    });
  });
});

describe('housing jurisdiction', () => {
  let database: TestDatabase<typeof housingSchema>;
  let server: Server;
  const access = new MemoryAccessRecorder();

  const owner = randomUUID();
  const tenant = randomUUID();
  let serial = 0;
  const house = (gridCode: string) => ({
    id: randomUUID(),
    code: `${gridCode.slice(0, 6)}${String(++serial).padStart(12, '0')}`,
    address: `${gridCode} 某路${serial}号`,
    divisionCode: gridCode.slice(0, 6),
    gridCode,
    ownerId: owner,
    ownerName: '王芳',
    use: 'RENTAL' as const,
    rooms: 2,
  });
  const houseIn = house(GRID_IN);
  const houseNext = house(GRID_NEXT);
  const houseFar = house(GRID_FAR);
  const tenancy = (houseId: string, start: string) => ({
    id: randomUUID(),
    houseId,
    tenantId: tenant,
    landlordId: owner,
    landlordName: '王芳',
    start,
    end: null,
    monthlyRent: 2000,
  });
  const tenancyIn = tenancy(houseIn.id, '2024-01-01');
  const tenancyFar = tenancy(houseFar.id, '2023-01-01');

  beforeAll(async () => {
    database = await openTestDatabase('housing', housingSchema);
    await database.db.insert(housingSchema.houses).values([houseIn, houseNext, houseFar]);
    await database.db.insert(housingSchema.tenancies).values([tenancyIn, tenancyFar]);
    server = await startTestSubgraph(createHousingSubgraph({ database, access }));
  });

  afterAll(async () => {
    await server?.close();
    await database?.destroy();
  });

  const HOUSE = `query($id: ID!) { house(id: $id) { id code } }`;
  const HOUSE_BY_CODE = `query($code: String!) { houseByCode(code: $code) { id code } }`;
  const HOUSES = `{ houses(first: 100) { edges { node { id } } } }`;

  it('gives a grid worker a house of their grid by id and by code', async () => {
    expect((await ask(server, gridWorker(), HOUSE, { id: houseIn.id })).body).toEqual({ data: { house: { id: houseIn.id, code: houseIn.code } } });
    expect((await ask(server, gridWorker(), HOUSE_BY_CODE, { code: houseIn.code })).body).toEqual({
      data: { houseByCode: { id: houseIn.id, code: houseIn.code } },
    });
  });

  it('answers a grid worker about a house of another grid, by id and by code, as about none, without recording an access', async () => {
    const requestId = 'jurisdiction-housing-outside-0001';
    const byId = await server.graphql(HOUSE, { id: houseNext.id }, server.headers(gridWorker(), undefined, { requestId }));
    expectAbsent(byId, 'house');
    expect(access.events.filter((e) => e.requestId === requestId)).toEqual([]);
    expectAbsent(await ask(server, gridWorker(), HOUSE_BY_CODE, { code: houseFar.code }), 'houseByCode');
  });

  it('resolves House entities by either key inside the grid and answers the others as unknown ones', async () => {
    const response = await ask(server, gridWorker(), ENTITIES(`... on House { id code }`), {
      reps: [
        { __typename: 'House', id: houseIn.id },
        { __typename: 'House', id: houseFar.id },
        { __typename: 'House', code: houseIn.code },
        { __typename: 'House', code: houseNext.code },
        { __typename: 'House', code: '510107999999999999' },
      ],
    });
    const inside = { id: houseIn.id, code: houseIn.code };
    expect(response.body).toEqual({ data: { _entities: [inside, null, inside, null, null] } });
  });

  it('narrows the list of houses, a grid’s houses and a person’s owned houses and tenancies to the jurisdiction', async () => {
    expect(nodeIds((await ask(server, gridWorker(), HOUSES)).body.data?.houses)).toEqual([houseIn.id]);

    const grids = await ask(server, gridWorker(), ENTITIES(`... on Grid { code houses { edges { node { id } } } }`), {
      reps: [GRID_IN, GRID_FAR].map((code) => ({ __typename: 'Grid', code })),
    });
    expect(grids.body.data?._entities.map((g: { houses: { edges: { node: { id: string } }[] } }) => nodeIds(g.houses))).toEqual([[houseIn.id], []]);

    const persons = await ask(
      server,
      gridWorker(),
      ENTITIES(`... on Person { id tenancies { edges { node { id house { id } } } } ownedHouses { edges { node { id } } } }`),
      { reps: [tenant, owner].map((id) => ({ __typename: 'Person', id })) },
    );
    expect(persons.body.errors).toBeUndefined();
    const [asTenant, asOwner] = persons.body.data!._entities;
    expect(asTenant.tenancies.edges).toEqual([{ node: { id: tenancyIn.id, house: { id: houseIn.id } } }]);
    expect(nodeIds(asOwner.ownedHouses)).toEqual([houseIn.id]);
  });

  it('lets a district office see the houses of its district only', async () => {
    const office = districtOffice('housing');
    expect(new Set(nodeIds((await ask(server, office, HOUSES)).body.data?.houses))).toEqual(new Set([houseIn.id, houseNext.id]));
    expectAbsent(await ask(server, office, HOUSE, { id: houseFar.id }), 'house');
  });

  it('shows an unconfined principal every house and tenancy', async () => {
    expect(new Set(nodeIds((await ask(server, unconfined('police'), HOUSES)).body.data?.houses))).toEqual(
      new Set([houseIn.id, houseNext.id, houseFar.id]),
    );
    const persons = await ask(server, unconfined('housing'), ENTITIES(`... on Person { tenancies { edges { node { id } } } }`), {
      reps: [{ __typename: 'Person', id: tenant }],
    });
    expect(nodeIds(persons.body.data?._entities[0].tenancies)).toEqual([tenancyIn.id, tenancyFar.id]);
  });

  it('narrows tenancies in the same single statement per batch', async () => {
    const statementsFor = async (principal: Principal) => {
      const before = database.statements.count;
      const response = await ask(server, principal, ENTITIES(`... on Person { tenancies { edges { node { id } } } }`), {
        reps: Array.from({ length: 20 }, () => ({ __typename: 'Person', id: randomUUID() })).concat({ __typename: 'Person', id: tenant }),
      });
      expect(response.body.errors).toBeUndefined();
      return database.statements.count - before;
    };
    expect(await statementsFor(gridWorker())).toBe(await statementsFor(unconfined('housing')));
  });
});

describe('labour jurisdiction', () => {
  let database: TestDatabase<typeof labourSchema>;
  let server: Server;
  const access = new MemoryAccessRecorder();

  const worker = randomUUID();
  let serial = 0;
  const employer = (gridCode: string) => ({
    id: randomUUID(),
    creditCode: makeCreditCode(gridCode.slice(0, 6), `JU${String(++serial).padStart(7, '0')}`),
    name: `单位${serial}`,
    industry: '住宿和餐饮业',
    address: `${gridCode} 某路${serial}号`,
    divisionCode: gridCode.slice(0, 6),
    gridCode,
  });
  const employerIn = employer(GRID_IN);
  const employerNext = employer(GRID_NEXT);
  const employerFar = employer(GRID_FAR);
  const employment = (employerId: string, start: string) => ({
    id: randomUUID(),
    personId: worker,
    employerId,
    position: '服务员',
    start,
    end: null,
    socialInsurance: 'INSURED' as const,
  });
  const employmentIn = employment(employerIn.id, '2024-01-01');
  const employmentFar = employment(employerFar.id, '2023-01-01');

  beforeAll(async () => {
    database = await openTestDatabase('labour', labourSchema);
    await database.db.insert(labourSchema.employers).values([employerIn, employerNext, employerFar]);
    await database.db.insert(labourSchema.employments).values([employmentIn, employmentFar]);
    server = await startTestSubgraph(createLabourSubgraph({ database, access }));
  });

  afterAll(async () => {
    await server?.close();
    await database?.destroy();
  });

  const EMPLOYER = `query($id: ID!) { employer(id: $id) { id name } }`;
  const BY_CREDIT_CODE = `query($creditCode: String!) { employerByCreditCode(creditCode: $creditCode) { id name } }`;
  const EMPLOYERS = `{ employers(first: 100) { edges { node { id } } } }`;

  it('gives a grid worker an employer of their grid by id and by credit code', async () => {
    const expected = { id: employerIn.id, name: employerIn.name };
    expect((await ask(server, gridWorker(), EMPLOYER, { id: employerIn.id })).body).toEqual({ data: { employer: expected } });
    expect((await ask(server, gridWorker(), BY_CREDIT_CODE, { creditCode: employerIn.creditCode })).body).toEqual({
      data: { employerByCreditCode: expected },
    });
  });

  it('answers a grid worker about an employer of another grid, by id, by credit code and by entity reference, as about none', async () => {
    expectAbsent(await ask(server, gridWorker(), EMPLOYER, { id: employerNext.id }), 'employer');
    expectAbsent(await ask(server, gridWorker(), BY_CREDIT_CODE, { creditCode: employerFar.creditCode }), 'employerByCreditCode');
    const entities = await ask(server, gridWorker(), ENTITIES(`... on Employer { id name }`), {
      reps: [employerIn, employerFar, { id: randomUUID() }].map((e) => ({ __typename: 'Employer', id: e.id })),
    });
    expect(entities.body).toEqual({ data: { _entities: [{ id: employerIn.id, name: employerIn.name }, null, null] } });
  });

  it('narrows the list of employers, a grid’s employers and a person’s employments to the jurisdiction', async () => {
    expect(nodeIds((await ask(server, gridWorker(), EMPLOYERS)).body.data?.employers)).toEqual([employerIn.id]);
    const grids = await ask(server, gridWorker(), ENTITIES(`... on Grid { employers { edges { node { id } } } }`), {
      reps: [GRID_IN, GRID_FAR].map((code) => ({ __typename: 'Grid', code })),
    });
    expect(grids.body.data?._entities.map((g: { employers: { edges: { node: { id: string } }[] } }) => nodeIds(g.employers))).toEqual([
      [employerIn.id],
      [],
    ]);
    const person = await ask(server, gridWorker(), ENTITIES(`... on Person { employments { edges { node { id employer { id } } } } }`), {
      reps: [{ __typename: 'Person', id: worker }],
    });
    expect(person.body.errors).toBeUndefined();
    expect(person.body.data?._entities[0].employments.edges).toEqual([{ node: { id: employmentIn.id, employer: { id: employerIn.id } } }]);
  });

  it('lets a district office see the employers of its district only, and an unconfined principal all of them', async () => {
    expect(new Set(nodeIds((await ask(server, districtOffice('labour'), EMPLOYERS)).body.data?.employers))).toEqual(
      new Set([employerIn.id, employerNext.id]),
    );
    expect(new Set(nodeIds((await ask(server, unconfined('labour'), EMPLOYERS)).body.data?.employers))).toEqual(
      new Set([employerIn.id, employerNext.id, employerFar.id]),
    );
    const person = await ask(server, unconfined('labour'), ENTITIES(`... on Person { employments { edges { node { id } } } }`), {
      reps: [{ __typename: 'Person', id: worker }],
    });
    expect(nodeIds(person.body.data?._entities[0].employments)).toEqual([employmentIn.id, employmentFar.id]);
  });

  it('narrows employments in the same single statement per batch', async () => {
    const statementsFor = async (principal: Principal) => {
      const before = database.statements.count;
      const response = await ask(server, principal, ENTITIES(`... on Person { employments { edges { node { id } } } }`), {
        reps: Array.from({ length: 20 }, () => ({ __typename: 'Person', id: randomUUID() })).concat({ __typename: 'Person', id: worker }),
      });
      expect(response.body.errors).toBeUndefined();
      return database.statements.count - before;
    };
    expect(await statementsFor(gridWorker())).toBe(await statementsFor(unconfined('labour')));
  });
});

describe('health jurisdiction', () => {
  let database: TestDatabase<typeof healthSchema>;
  let server: Server;
  const access = new MemoryAccessRecorder();
  const resident = randomUUID();

  beforeAll(async () => {
    database = await openTestDatabase('health', healthSchema);
    await database.db.insert(healthSchema.healthProfiles).values({ personId: resident, familyPlanningStatus: 'ONE_CHILD' });
    server = await startTestSubgraph(createHealthSubgraph({ database, access }));
  });

  afterAll(async () => {
    await server?.close();
    await database?.destroy();
  });

  const PROFILE = `query($personId: ID!) { healthProfile(personId: $personId) { familyPlanningStatus } }`;
  const PERSON_PROFILE = ENTITIES(`... on Person { id healthProfile { familyPlanningStatus } }`);

  it('refuses a district health office health records, by query and by entity reference, without recording an access', async () => {
    const requestId = 'jurisdiction-health-confined-0001';
    const office = districtOffice('health');
    const byQuery = await server.graphql(PROFILE, { personId: resident }, server.headers(office, 'public-health', { requestId }));
    expect(byQuery.body.data).toEqual({ healthProfile: null });
    expect(forbiddenPaths(byQuery)).toEqual([['healthProfile']]);
    expect(access.events.filter((e) => e.requestId === requestId)).toEqual([]);

    const byEntity = await ask(server, office, PERSON_PROFILE, { reps: [{ __typename: 'Person', id: resident }] }, 'public-health');
    expect(byEntity.body.data?._entities).toEqual([{ id: resident, healthProfile: null }]);
    expect(forbiddenPaths(byEntity)).toEqual([['_entities', 0, 'healthProfile']]);
  });

  it('refuses a grid worker health records too', async () => {
    expect(forbiddenPaths(await ask(server, gridWorker(), PROFILE, { personId: resident }, 'public-health'))).toEqual([['healthProfile']]);
  });

  it('serves health records to an unconfined health principal', async () => {
    const byQuery = await ask(server, unconfined('health'), PROFILE, { personId: resident }, 'public-health');
    expect(byQuery.body).toEqual({ data: { healthProfile: { familyPlanningStatus: 'ONE_CHILD' } } });
    const byEntity = await ask(server, unconfined('health'), PERSON_PROFILE, { reps: [{ __typename: 'Person', id: resident }] }, 'public-health');
    expect(byEntity.body).toEqual({ data: { _entities: [{ id: resident, healthProfile: { familyPlanningStatus: 'ONE_CHILD' } }] } });
  });
});
