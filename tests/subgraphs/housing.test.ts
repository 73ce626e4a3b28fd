import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RequestMeta } from '../../auth/principal.js';
import type { AccessRecorder } from '../../auth/access.js';
import { DIVISIONS, makeIdNumber } from '../../domain/index.js';
import { today } from '../../platform/input.js';
import * as schema from '../../subgraphs/housing/db/schema.js';
import { HousingStore } from '../../subgraphs/housing/store.js';
import { createHousingSubgraph } from '../../subgraphs/housing/subgraph.js';
import { openTestDatabase, type TestDatabase } from '../support/databases.js';
import { errorCodes, graphql, type GraphQLResponse } from '../support/graphql.js';
import { startTestHub, type TestHub } from '../support/hub.js';
import { MemoryAccessRecorder } from '../support/recorder.js';
import { startTestSubgraph, type TestSubgraphServer } from '../support/servers.js';

/**
 * The housing subgraph alone answers reads, `_entities`, and writes that name
 * no other department's records (ending a tenancy, and refusals made before
 * anything needs asking); its rows are put in through its store. Registering a
 * house or a tenancy asks the police through the hub, so those writes are
 * tested through a whole hub below.
 */

const GRID_A = '510107001001';
const GRID_B = '510107001002';
const GRID_C = '510107001003';

let database: TestDatabase<typeof schema>;
let store: HousingStore;
let server: TestSubgraphServer;
const access = new MemoryAccessRecorder();

beforeAll(async () => {
  database = await openTestDatabase('housing', schema);
  store = new HousingStore(database.db);
  server = await startTestSubgraph(createHousingSubgraph({ database, access }), { purpose: 'housing-administration' });
});

afterAll(async () => {
  await server?.close();
  await database?.destroy();
});

let houseSerial = 0;
/** A unified house code in 武侯区 no other test uses. */
const nextHouseCode = (): string => `510107${String(++houseSerial).padStart(12, '0')}`;

/** A house put straight into the subgraph's database, as a registration through the hub would have left it. */
async function seedHouse(overrides: Partial<schema.NewHouseRow> = {}): Promise<schema.HouseRow> {
  const house = await store.insertHouse({
    id: randomUUID(),
    code: nextHouseCode(),
    address: '武侯区玉林南路3号',
    divisionCode: '510107',
    gridCode: GRID_A,
    ownerId: randomUUID(),
    ownerName: '王芳',
    use: 'RENTAL',
    rooms: 3,
    ...overrides,
  });
  if (!house) throw new Error('the seeded house code is taken');
  return house;
}

/** A tenancy put straight into the subgraph's database. */
async function seedTenancy(houseId: string, overrides: Partial<schema.NewTenancyRow> = {}): Promise<schema.TenancyRow> {
  const result = await store.insertTenancy(
    { id: randomUUID(), houseId, tenantId: randomUUID(), landlordId: randomUUID(), landlordName: '王芳', start: '2024-01-01', end: null, monthlyRent: 2500, ...overrides },
    null,
    today(),
  );
  if (result.outcome !== 'inserted') throw new Error(`the seeded tenancy was not inserted: ${result.outcome}`);
  return result.tenancy;
}

const REGISTER_HOUSE = `mutation($input: RegisterHouseInput!) {
  registerHouse(input: $input) { house { id code address divisionCode ownerName use rooms grid { code } owner { id } } }
}`;
const REGISTER_TENANCY = `mutation($input: RegisterTenancyInput!) {
  registerTenancy(input: $input) { tenancy { id start end monthlyRent landlordName house { id } tenant { id } landlord { id } } }
}`;
const END_TENANCY = `mutation($input: EndTenancyInput!) { endTenancy(input: $input) { tenancy { id start end } } }`;
const ENTITIES = `query($reps: [_Any!]!) { _entities(representations: $reps) {
  ... on House { id code ownerName }
  ... on Person { id tenancies { edges { node { id start house { code } } } } ownedHouses { edges { node { code } } } }
  ... on Grid { code houses(first: 10) { edges { node { code } } pageInfo { hasNextPage } } }
} }`;

async function rowCounts(db: TestDatabase<typeof schema> | TestHub['databases']['housing']): Promise<{ houses: number; tenancies: number }> {
  return {
    houses: (await db.db.select().from(schema.houses)).length,
    tenancies: (await db.db.select().from(schema.tenancies)).length,
  };
}

function expectRejected(response: GraphQLResponse, code: string, field?: string): void {
  expect(errorCodes(response)).toEqual([code]);
  if (field !== undefined) expect(response.body.errors?.[0]?.extensions?.field).toBe(field);
  // The refused field answers null; nothing else was asked for.
  expect(Object.values(response.body.data ?? {}).every((value) => value === null)).toBe(true);
}

describe('housing subgraph', () => {
  it('answers null for an unknown house id, an id that is not a uuid, and an unknown code', async () => {
    const response = await server.graphql(
      `{ a: house(id: "${randomUUID()}") { id } b: house(id: "not-a-uuid") { id } c: houseByCode(code: "510107999999999999") { id } }`,
    );
    expect(response.body.errors).toBeUndefined();
    expect(response.body.data).toEqual({ a: null, b: null, c: null });
  });

  it('reads a house and its tenancies back by house id and by unified code', async () => {
    const ownerId = randomUUID();
    const house = await seedHouse({ ownerId, ownerName: '刘洋', use: 'GROUP_RENTAL', rooms: 6 });
    const tenancy = await seedTenancy(house.id, { landlordId: null, landlordName: '成都安居物业管理有限公司', start: '2023-09-01', monthlyRent: 1800 });
    const read = await server.graphql(
      `query($id: ID!, $code: String!) {
        house(id: $id) { code address divisionCode use rooms grid { code } tenancies { edges { node { id start end tenant { id } landlord { id } landlordName monthlyRent } } } }
        houseByCode(code: $code) { id ownerName owner { id } }
      }`,
      { id: house.id, code: house.code },
    );
    expect(read.body.errors).toBeUndefined();
    expect(read.body.data?.house).toEqual({
      code: house.code,
      address: '武侯区玉林南路3号',
      divisionCode: '510107',
      use: 'GROUP_RENTAL',
      rooms: 6,
      grid: { code: GRID_A },
      tenancies: {
        edges: [
          {
            node: { id: tenancy.id, start: '2023-09-01', end: null, tenant: { id: tenancy.tenantId }, landlord: null, landlordName: '成都安居物业管理有限公司', monthlyRent: 1800 },
          },
        ],
      },
    });
    expect(read.body.data?.houseByCode).toEqual({ id: house.id, ownerName: '刘洋', owner: { id: ownerId } });
  });

  it('records which houses and tenancies were served, with the fields selected on them', async () => {
    const house = await seedHouse();
    const tenancy = await seedTenancy(house.id);
    const requestId = 'housing-access-0001';
    await server.graphql(
      `query($id: ID!) { house(id: $id) { ownerName tenancies { edges { node { monthlyRent landlordName } } } } }`,
      { id: house.id },
      server.headers(null, 'housing-administration', { requestId }),
    );
    const events = access.events.filter((e) => e.requestId === requestId);
    expect(events).toEqual([
      expect.objectContaining({ type: 'House', ids: [house.id], fields: ['ownerName', 'tenancies'], purpose: 'housing-administration' }),
      expect.objectContaining({ type: 'Tenancy', ids: [tenancy.id], fields: ['monthlyRent', 'landlordName'] }),
    ]);
  });

  it('lists houses in id order page by page, filtered by grid and by use', async () => {
    const inGrid = [await seedHouse({ gridCode: GRID_B }), await seedHouse({ gridCode: GRID_B, use: 'DORMITORY' }), await seedHouse({ gridCode: GRID_B })];
    await seedHouse({ gridCode: GRID_C, use: 'DORMITORY' });
    const expected = inGrid.map((h) => h.id).sort();

    const LIST = `query($filter: HouseFilter, $after: String) {
      houses(filter: $filter, first: 2, after: $after) { edges { node { id grid { code } } } pageInfo { hasNextPage hasPreviousPage endCursor } }
    }`;
    const first = await server.graphql(LIST, { filter: { gridCode: GRID_B } });
    expect(first.body.errors).toBeUndefined();
    expect(first.body.data?.houses.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
    const second = await server.graphql(LIST, { filter: { gridCode: GRID_B }, after: first.body.data?.houses.pageInfo.endCursor });
    expect(second.body.data?.houses.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });
    const listed = [...first.body.data!.houses.edges, ...second.body.data!.houses.edges].map((e: any) => e.node);
    expect(listed.map((h: any) => h.id)).toEqual(expected);
    expect(new Set(listed.map((h: any) => h.grid.code))).toEqual(new Set([GRID_B]));

    const dormitories = await server.graphql(LIST, { filter: { gridCode: GRID_B, use: 'DORMITORY' } });
    expect(dormitories.body.data?.houses.edges.map((e: any) => e.node.id)).toEqual([inGrid[1]?.id]);
  });

  it('rejects a malformed grid filter and a cursor the list did not issue, naming the argument', async () => {
    const badGrid = await server.graphql(`{ houses(filter: { gridCode: "5101" }) { edges { node { id } } } }`);
    expectRejected(badGrid, 'BAD_USER_INPUT', 'filter.gridCode');
    const badCursor = await server.graphql(`{ houses(after: "${Buffer.from('k:nonsense').toString('base64url')}") { edges { node { id } } } }`);
    expectRejected(badCursor, 'BAD_USER_INPUT', 'after');
  });

  it("pages a house's tenancies newest first and keeps only current ones when asked", async () => {
    const house = await seedHouse({ use: 'GROUP_RENTAL', rooms: 5 });
    const oldest = await seedTenancy(house.id, { start: '2019-03-01', end: '2020-02-29' });
    const middle = await seedTenancy(house.id, { start: '2021-07-01' });
    const newest = await seedTenancy(house.id, { start: '2023-05-01' });

    const PAGE = `query($id: ID!, $after: String, $currentOnly: Boolean) {
      house(id: $id) { tenancies(first: 2, after: $after, currentOnly: $currentOnly) { edges { node { id } } pageInfo { hasNextPage endCursor } } }
    }`;
    const first = await server.graphql(PAGE, { id: house.id });
    const firstPage = first.body.data?.house.tenancies;
    expect(firstPage.edges.map((e: any) => e.node.id)).toEqual([newest.id, middle.id]);
    expect(firstPage.pageInfo.hasNextPage).toBe(true);
    const second = await server.graphql(PAGE, { id: house.id, after: firstPage.pageInfo.endCursor });
    expect(second.body.data?.house.tenancies.edges.map((e: any) => e.node.id)).toEqual([oldest.id]);
    expect(second.body.data?.house.tenancies.pageInfo.hasNextPage).toBe(false);

    const current = await server.graphql(PAGE, { id: house.id, currentOnly: true });
    expect(current.body.data?.house.tenancies.edges.map((e: any) => e.node.id)).toEqual([newest.id, middle.id]);
    expect(current.body.data?.house.tenancies.pageInfo.hasNextPage).toBe(false);
  });

  it('counts open tenancies and flags a house with more of them than rooms as a suspected group rental', async () => {
    const house = await seedHouse({ rooms: 1 });
    await seedTenancy(house.id, { start: '2019-03-01', end: '2020-02-29' });
    await seedTenancy(house.id, { start: '2021-07-01' });
    const READ = `query($id: ID!) { house(id: $id) { openTenancies groupRentalSuspected } }`;
    expect((await server.graphql(READ, { id: house.id })).body.data?.house).toEqual({ openTenancies: 1, groupRentalSuspected: false });
    await seedTenancy(house.id, { start: '2023-05-01' });
    expect((await server.graphql(READ, { id: house.id })).body.data?.house).toEqual({ openTenancies: 2, groupRentalSuspected: true });
  });

  it('flags a group rental only above rooms times the group-rental factor it was started with', async () => {
    const lenient = await startTestSubgraph(createHousingSubgraph({ database, access, groupRentalFactor: 2 }), { purpose: 'housing-administration' });
    try {
      const house = await seedHouse({ rooms: 1 });
      await seedTenancy(house.id, { start: '2021-07-01' });
      await seedTenancy(house.id, { start: '2022-07-01' });
      const READ = `query($id: ID!) { house(id: $id) { openTenancies groupRentalSuspected } }`;
      expect((await lenient.graphql(READ, { id: house.id })).body.data?.house).toEqual({ openTenancies: 2, groupRentalSuspected: false });
      await seedTenancy(house.id, { start: '2023-07-01' });
      expect((await lenient.graphql(READ, { id: house.id })).body.data?.house).toEqual({ openTenancies: 3, groupRentalSuspected: true });
    } finally {
      await lenient.close();
    }
  });

  it('ends a current tenancy', async () => {
    const tenancy = await seedTenancy((await seedHouse()).id, { start: '2022-03-01' });
    const ended = await server.graphql(END_TENANCY, { input: { tenancyId: tenancy.id, end: '2024-02-29' } });
    expect(ended.body.errors).toBeUndefined();
    expect(ended.body.data?.endTenancy.tenancy).toEqual({ id: tenancy.id, start: '2022-03-01', end: '2024-02-29' });
  });

  it('resolves Person entities with their tenancies and owned houses, recording the access', async () => {
    const ownerId = randomUUID();
    const tenantId = randomUUID();
    const house = await seedHouse({ ownerId });
    const tenancy = await seedTenancy(house.id, { tenantId, landlordId: ownerId, start: '2024-04-01' });
    const requestId = 'housing-entities-person';
    const response = await server.graphql(
      ENTITIES,
      { reps: [{ __typename: 'Person', id: tenantId }, { __typename: 'Person', id: ownerId }] },
      server.headers(null, 'housing-administration', { requestId }),
    );
    expect(response.body.errors).toBeUndefined();
    expect(response.body.data?._entities).toEqual([
      { id: tenantId, tenancies: { edges: [{ node: { id: tenancy.id, start: '2024-04-01', house: { code: house.code } } }] }, ownedHouses: { edges: [] } },
      { id: ownerId, tenancies: { edges: [] }, ownedHouses: { edges: [{ node: { code: house.code } }] } },
    ]);
    const events = access.events.filter((e) => e.requestId === requestId);
    // The references of one type are recorded together, as one access.
    expect(events.filter((e) => e.type === 'Person').map((e) => e.ids)).toEqual([[tenantId, ownerId]]);
    expect(events.find((e) => e.type === 'Person')?.fields).toEqual(expect.arrayContaining(['tenancies', 'ownedHouses']));
    expect(access.idsServed('Tenancy')).toContain(tenancy.id);
    expect(events.filter((e) => e.type === 'Tenancy').flatMap((e) => e.ids)).toEqual([tenancy.id]);
    expect(events.filter((e) => e.type === 'House').flatMap((e) => e.ids)).toEqual([house.id, house.id]);
  });

  it('resolves House entities by id and by unified code, null for unknown ones, recording the houses served', async () => {
    const house = await seedHouse({ ownerName: '赵敏' });
    const requestId = 'housing-entities-house';
    const response = await server.graphql(
      ENTITIES,
      {
        reps: [
          { __typename: 'House', id: house.id },
          { __typename: 'House', code: house.code },
          { __typename: 'House', code: '510107999999999998' },
          { __typename: 'House', id: randomUUID() },
        ],
      },
      server.headers(null, undefined, { requestId }),
    );
    expect(response.body.errors).toBeUndefined();
    const found = { id: house.id, code: house.code, ownerName: '赵敏' };
    expect(response.body.data?._entities).toEqual([found, found, null, null]);
    const events = access.events.filter((e) => e.requestId === requestId);
    // One access for the references of one type; the house served twice is named once, the unknown ones not at all.
    expect(events.map((e) => [e.type, e.ids])).toEqual([['House', [house.id]]]);
  });

  it('resolves Grid entities with the houses in each grid', async () => {
    const grid = '510107002001';
    const houses = [await seedHouse({ gridCode: grid }), await seedHouse({ gridCode: grid })];
    const inIdOrder = [...houses].sort((a, b) => (a.id < b.id ? -1 : 1));
    const response = await server.graphql(ENTITIES, {
      reps: [
        { __typename: 'Grid', code: grid },
        { __typename: 'Grid', code: '510107002999' },
      ],
    });
    expect(response.body.errors).toBeUndefined();
    expect(response.body.data?._entities).toEqual([
      { code: grid, houses: { edges: inIdOrder.map((h) => ({ node: { code: h.code } })), pageInfo: { hasNextPage: false } } },
      { code: '510107002999', houses: { edges: [], pageInfo: { hasNextPage: false } } },
    ]);
  });

  it("fetches several persons' tenancies in one statement and the houses of those tenancies in one more", async () => {
    const [houseA, houseB] = [await seedHouse(), await seedHouse()];
    const persons = [randomUUID(), randomUUID(), randomUUID()];
    await seedTenancy(houseA.id, { tenantId: persons[0], start: '2020-01-01', end: '2021-01-01' });
    await seedTenancy(houseB.id, { tenantId: persons[0], start: '2021-01-01' });
    await seedTenancy(houseA.id, { tenantId: persons[1], start: '2022-01-01' });
    const reps = persons.map((id) => ({ __typename: 'Person', id }));

    let before = database.statements.count;
    const idsOnly = await server.graphql(`query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Person { tenancies { edges { node { id } } } } } }`, { reps });
    expect(idsOnly.body.errors).toBeUndefined();
    expect(database.statements.count - before).toBe(1);

    before = database.statements.count;
    const withHouses = await server.graphql(
      `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Person { tenancies { edges { node { house { code } } } } } } }`,
      { reps },
    );
    expect(withHouses.body.errors).toBeUndefined();
    expect(database.statements.count - before).toBe(2);
    expect(withHouses.body.data?._entities.map((p: any) => p.tenancies.edges.map((e: any) => e.node.house.code))).toEqual([
      [houseB.code, houseA.code],
      [houseA.code],
      [],
    ]);
  });

  it('publishes its federation SDL through _service', async () => {
    const response = await server.graphql(`{ _service { sdl } }`);
    const sdl: string = response.body.data?._service.sdl;
    expect(sdl).toMatch(/type House\s+@key\(fields: "id"\)\s+@key\(fields: "code"\)/);
    expect(sdl).toMatch(/type Person\s+@key\(fields: "id"\)/);
    expect(sdl).toMatch(/type Grid\s+@key\(fields: "code"\)/);
    expect(sdl).toContain('type Tenancy');
  });

  it('returns no house data when the access cannot be recorded', async () => {
    const house = await seedHouse({ ownerName: '孙丽' });
    const failing: AccessRecorder = {
      record: async (_meta: RequestMeta) => {
        throw new Error('audit store unavailable');
      },
    };
    const closed = await startTestSubgraph(createHousingSubgraph({ database, access: failing }), { purpose: 'housing-administration' });
    try {
      const response = await closed.graphql(`query($id: ID!) { house(id: $id) { ownerName } }`, { id: house.id });
      expect(errorCodes(response)).toEqual(['SERVICE_UNAVAILABLE']);
      expect(response.body.data?.house ?? null).toBeNull();
      expect(JSON.stringify(response.body)).not.toContain('孙丽');
      expect(JSON.stringify(response.body)).not.toContain('audit store');
    } finally {
      await closed.close();
    }
  });
});

describe('housing writes the subgraph refuses without asking the hub', () => {
  it('refuses a house whose grid code is malformed and that names no owner, naming the field, and stores nothing', async () => {
    const before = await rowCounts(database);
    const response = await server.graphql(REGISTER_HOUSE, {
      input: { code: nextHouseCode(), address: '武侯区玉林南路3号', divisionCode: '510107', gridCode: '5101070010', ownerId: null, ownerName: '王芳', use: 'RENTAL', rooms: 3 },
    });
    expectRejected(response, 'BAD_USER_INPUT', 'input.gridCode');
    expect(await rowCounts(database)).toEqual(before);
  });

  it('refuses a tenancy whose tenant id is not a uuid and that names no landlord, naming the field, and stores nothing', async () => {
    const house = await seedHouse();
    const before = await rowCounts(database);
    const response = await server.graphql(REGISTER_TENANCY, {
      input: { houseId: house.id, tenantId: 'tenant-1', landlordId: null, landlordName: '王芳', start: '2024-01-01', monthlyRent: 2500 },
    });
    expectRejected(response, 'BAD_USER_INPUT', 'input.tenantId');
    expect(await rowCounts(database)).toEqual(before);
  });

  async function endOf(tenancyId: string): Promise<string | null | undefined> {
    const [row] = await database.db.select().from(schema.tenancies).where(eq(schema.tenancies.id, tenancyId));
    return row?.end;
  }

  it('refuses to end a tenancy before it started, naming the field, and leaves it open', async () => {
    const tenancy = await seedTenancy((await seedHouse()).id, { start: '2024-03-01' });
    const response = await server.graphql(END_TENANCY, { input: { tenancyId: tenancy.id, end: '2024-02-29' } });
    expectRejected(response, 'BAD_USER_INPUT', 'input.end');
    expect(await endOf(tenancy.id)).toBeNull();
  });

  it('refuses to end a tenancy that has already ended, keeping its end', async () => {
    const tenancy = await seedTenancy((await seedHouse()).id, { start: '2024-03-01' });
    expect((await server.graphql(END_TENANCY, { input: { tenancyId: tenancy.id, end: '2024-09-30' } })).body.errors).toBeUndefined();
    const again = await server.graphql(END_TENANCY, { input: { tenancyId: tenancy.id, end: '2024-10-31' } });
    expectRejected(again, 'CONFLICT', 'input.tenancyId');
    expect(await endOf(tenancy.id)).toBe('2024-09-30');
  });

  it('refuses to end a tenancy that does not exist or whose id is not a uuid', async () => {
    expectRejected(await server.graphql(END_TENANCY, { input: { tenancyId: randomUUID(), end: '2024-01-01' } }), 'NOT_FOUND');
    expectRejected(await server.graphql(END_TENANCY, { input: { tenancyId: 'tenancy-1', end: '2024-01-01' } }), 'BAD_USER_INPUT', 'input.tenancyId');
  });
});

describe('housing registrations through the hub', () => {
  let hub: TestHub;
  /** A grid the police hold, and a district code of the city that is not its district. */
  let grid: { code: string; districtCode: string };
  let otherDistrict: string;

  beforeAll(async () => {
    hub = await startTestHub({ persons: 20 });
    const grids = await graphql(hub.gatewayUrl, '{ grids(first: 1) { edges { node { code districtCode } } } }', {}, hub.headers('police', 'population-management'));
    grid = grids.body.data?.grids.edges[0].node;
    expect(grid.code).toMatch(/^\d{12}$/);
    otherDistrict = grid.districtCode === '510104' ? '510107' : '510104';
  }, 120_000);

  afterAll(async () => {
    await hub?.close();
  });

  const asHousing = () => hub.headers('housing', 'housing-administration');
  const write = (query: string, input: Record<string, unknown>) => graphql(hub.gatewayUrl, query, { input }, asHousing());
  const counts = () => rowCounts(hub.databases.housing);

  let personSerial = 0;
  /** A person on the police register (born 1990), registered by the police as a caller would. */
  async function registerPerson(): Promise<string> {
    const response = await graphql(
      hub.gatewayUrl,
      'mutation($input: RegisterPersonInput!) { registerPerson(input: $input) { person { id } } }',
      {
        input: {
          idNumber: makeIdNumber('500103', '1990-03-04', (2 * ++personSerial) % 1000, 'FEMALE'),
          name: '测试人',
          ethnicity: '汉族',
          householdDivisionCode: '500103',
          householdAddress: '重庆市渝中区解放碑民权路28号',
        },
      },
      hub.headers('police', 'population-management'),
    );
    expect(response.body.errors).toBeUndefined();
    return response.body.data?.registerPerson.person.id as string;
  }

  let codeSerial = 0;
  const houseInput = async (overrides: Record<string, unknown> = {}) => ({
    code: `${grid.districtCode}${String(800_000_000_000 + ++codeSerial)}`,
    address: `${DIVISIONS.get(grid.districtCode) ?? ''}玉林南路${codeSerial}号`,
    divisionCode: grid.districtCode,
    gridCode: grid.code,
    ownerId: await registerPerson(),
    ownerName: '王芳',
    use: 'RENTAL',
    rooms: 3,
    ...overrides,
  });

  const tenancyInput = async (houseId: string, overrides: Record<string, unknown> = {}) => ({
    houseId,
    tenantId: await registerPerson(),
    landlordId: await registerPerson(),
    landlordName: '王芳',
    start: '2024-01-01',
    monthlyRent: 2500,
    ...overrides,
  });

  async function registerHouse(overrides: Record<string, unknown> = {}): Promise<{ id: string; code: string }> {
    const response = await write(REGISTER_HOUSE, await houseInput(overrides));
    expect(response.body.errors).toBeUndefined();
    return response.body.data?.registerHouse.house;
  }

  async function registerTenancy(houseId: string, overrides: Record<string, unknown> = {}): Promise<{ id: string }> {
    const response = await write(REGISTER_TENANCY, await tenancyInput(houseId, overrides));
    expect(response.body.errors).toBeUndefined();
    return response.body.data?.registerTenancy.tenancy;
  }

  it('registers a house and a tenancy of it, then reads both back by house id and by unified code', async () => {
    const input = await houseInput({ ownerName: '刘洋', use: 'GROUP_RENTAL', rooms: 6 });
    const registered = await write(REGISTER_HOUSE, input);
    expect(registered.body.errors).toBeUndefined();
    const house = registered.body.data?.registerHouse.house;
    expect(house).toMatchObject({
      code: input.code,
      divisionCode: grid.districtCode,
      ownerName: '刘洋',
      use: 'GROUP_RENTAL',
      rooms: 6,
      grid: { code: grid.code },
      owner: { id: input.ownerId },
    });

    const tenantId = await registerPerson();
    const rented = await write(REGISTER_TENANCY, await tenancyInput(house.id, { tenantId, landlordId: null, landlordName: '成都安居物业管理有限公司', start: '2023-09-01', monthlyRent: 1800 }));
    expect(rented.body.errors).toBeUndefined();
    const tenancy = rented.body.data?.registerTenancy.tenancy;
    expect(tenancy).toMatchObject({
      start: '2023-09-01',
      end: null,
      monthlyRent: 1800,
      landlordName: '成都安居物业管理有限公司',
      house: { id: house.id },
      tenant: { id: tenantId },
      landlord: null,
    });

    const read = await graphql(
      hub.gatewayUrl,
      `query($id: ID!, $code: String!) {
        house(id: $id) { code address tenancies { edges { node { id tenant { id } monthlyRent } } } }
        houseByCode(code: $code) { id ownerName owner { id } }
      }`,
      { id: house.id, code: house.code },
      asHousing(),
    );
    expect(read.body.errors).toBeUndefined();
    expect(read.body.data?.house).toEqual({
      code: input.code,
      address: input.address,
      tenancies: { edges: [{ node: { id: tenancy.id, tenant: { id: tenantId }, monthlyRent: 1800 } }] },
    });
    expect(read.body.data?.houseByCode).toEqual({ id: house.id, ownerName: '刘洋', owner: { id: input.ownerId } });
  });

  it.each([
    ['a code that is not 18 digits', () => ({ code: '51010700000001' }), 'input.code'],
    ['a code that does not start with a division code', () => ({ code: '990107000000000001' }), 'input.code'],
    ['a code from another division', () => ({ code: `${otherDistrict}000000000001` }), 'input.code'],
    ['a division code that does not exist', () => ({ divisionCode: '990107' }), 'input.divisionCode'],
    ['a city rather than a district code', () => ({ code: '510100000000000001', divisionCode: '510100' }), 'input.divisionCode'],
    ['a grid code that is not 12 digits', () => ({ gridCode: '5101070010' }), 'input.gridCode'],
    ['a grid in another division', () => ({ gridCode: `${otherDistrict}001001` }), 'input.gridCode'],
    ['an owner id that is not a uuid', () => ({ ownerId: 'owner-17' }), 'input.ownerId'],
    ['a blank owner name', () => ({ ownerName: '   ' }), 'input.ownerName'],
    ['an owner name over 100 characters', () => ({ ownerName: '王'.repeat(101) }), 'input.ownerName'],
    ['a blank address', () => ({ address: '' }), 'input.address'],
    ['an address over 200 characters', () => ({ address: '路'.repeat(201) }), 'input.address'],
    ['no rooms', () => ({ rooms: 0 }), 'input.rooms'],
    ['more than 500 rooms', () => ({ rooms: 501 }), 'input.rooms'],
  ])('refuses a house with %s, naming the field, and stores nothing', async (_case, overrides, field) => {
    const input = await houseInput(overrides());
    const before = await counts();
    const response = await write(REGISTER_HOUSE, input);
    // Every problem is reported at once: the field named here is among them, each a format problem.
    expect(new Set(errorCodes(response))).toEqual(new Set(['BAD_USER_INPUT']));
    expect(response.body.errors?.map((e) => e.extensions?.field)).toContain(field);
    expect(response.body.data?.registerHouse ?? null).toBeNull();
    expect(await counts()).toEqual(before);
  });

  it('refuses a second house with the same unified code', async () => {
    const input = await houseInput();
    expect((await write(REGISTER_HOUSE, input)).body.errors).toBeUndefined();
    const before = await counts();
    const again = await write(REGISTER_HOUSE, { ...input, address: `${DIVISIONS.get(grid.districtCode) ?? ''}玉林南路5号` });
    expectRejected(again, 'CONFLICT', 'input.code');
    expect(await counts()).toEqual(before);
  });

  it.each([
    ['a house id that is not a uuid', { houseId: 'house-1' }, 'input.houseId'],
    ['a tenant id that is not a uuid', { tenantId: 'tenant-1' }, 'input.tenantId'],
    ['a landlord id that is not a uuid', { landlordId: 'landlord-1' }, 'input.landlordId'],
    ['a blank landlord name', { landlordName: ' ' }, 'input.landlordName'],
    ['a landlord name over 100 characters', { landlordName: '李'.repeat(101) }, 'input.landlordName'],
    ['a negative rent', { monthlyRent: -1 }, 'input.monthlyRent'],
    ['a rent over 1,000,000 yuan', { monthlyRent: 1_000_001 }, 'input.monthlyRent'],
    ['an end before its start', { start: '2024-05-01', end: '2024-04-30' }, 'input.end'],
  ])('refuses a tenancy with %s, naming the field, and stores nothing', async (_case, overrides, field) => {
    const house = await registerHouse();
    const input = await tenancyInput(house.id, overrides);
    const before = await counts();
    const response = await write(REGISTER_TENANCY, input);
    expectRejected(response, 'BAD_USER_INPUT', field);
    expect(await counts()).toEqual(before);
  });

  it('refuses a tenancy of a house that is not registered', async () => {
    const input = await tenancyInput(randomUUID());
    const before = await counts();
    const response = await write(REGISTER_TENANCY, input);
    expectRejected(response, 'NOT_FOUND', 'input.houseId');
    expect(await counts()).toEqual(before);
  });

  it('refuses a second open tenancy of the same house for the same tenant, but not another tenant', async () => {
    const house = await registerHouse();
    const tenantId = await registerPerson();
    await registerTenancy(house.id, { tenantId, start: '2023-01-01' });
    const input = await tenancyInput(house.id, { tenantId, start: '2024-06-01' });
    const before = await counts();
    expectRejected(await write(REGISTER_TENANCY, input), 'CONFLICT', 'input.tenantId');
    expect(await counts()).toEqual(before);
    // Another tenant of the same house (a group rental) is not a conflict.
    await registerTenancy(house.id, { start: '2024-06-01' });
  });

  it('refuses a past tenancy overlapping one already recorded for the same tenant and house', async () => {
    const house = await registerHouse();
    const tenantId = await registerPerson();
    await registerTenancy(house.id, { tenantId, start: '2019-01-01', end: '2020-01-01' });
    const input = await tenancyInput(house.id, { tenantId, start: '2019-06-01', end: '2019-09-01' });
    const before = await counts();
    expectRejected(await write(REGISTER_TENANCY, input), 'CONFLICT', 'input.tenantId');
    expect(await counts()).toEqual(before);
  });

  it('ends a current tenancy, after which the tenant may rent the house again from that day', async () => {
    const house = await registerHouse();
    const tenantId = await registerPerson();
    const tenancy = await registerTenancy(house.id, { tenantId, start: '2022-03-01' });
    const ended = await write(END_TENANCY, { tenancyId: tenancy.id, end: '2024-02-29' });
    expect(ended.body.errors).toBeUndefined();
    expect(ended.body.data?.endTenancy.tenancy).toEqual({ id: tenancy.id, start: '2022-03-01', end: '2024-02-29' });
    await registerTenancy(house.id, { tenantId, start: '2024-02-29' });
  });
});
