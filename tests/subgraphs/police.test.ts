import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeIdNumber } from '../../domain/index.js';
import * as schema from '../../subgraphs/police/db/schema.js';
import { createPoliceSubgraph } from '../../subgraphs/police/subgraph.js';
import { openTestDatabase, type TestDatabase } from '../support/databases.js';
import { errorCodes, type graphql } from '../support/graphql.js';
import { MemoryAccessRecorder } from '../support/recorder.js';
import { startTestSubgraph, type TestSubgraphServer } from '../support/servers.js';

const GRID = '510107001001';
let database: TestDatabase<typeof schema>;
let server: TestSubgraphServer;
const access = new MemoryAccessRecorder();

beforeAll(async () => {
  database = await openTestDatabase('police', schema);
  await database.db.insert(schema.grids).values({ code: GRID, name: '玉林社区第一网格', districtCode: '510107', officerName: '王警官', class: 'KEY' });
  server = await startTestSubgraph(createPoliceSubgraph({ database, access, cityCode: '510100' }));
});

afterAll(async () => {
  await server?.close();
  await database?.destroy();
});

const REGISTER = `mutation($input: RegisterPersonInput!) { registerPerson(input: $input) { person { id idNumber sex birthDate status householdDivisionName } } }`;

async function countPersons(): Promise<number> {
  return (await database.db.select().from(schema.persons)).length;
}

describe('police subgraph', () => {
  it('registers a floating resident, deriving sex and birth date from the identity number', async () => {
    const idNumber = makeIdNumber('511302', '1990-05-17', 123, 'FEMALE');
    const response = await server.graphql(REGISTER, {
      input: { idNumber, name: '李娜', ethnicity: '汉族', householdDivisionCode: '511302', householdAddress: '南充市顺庆区人民路1号', phone: '13812345678' },
    });
    expect(response.body.errors).toBeUndefined();
    expect(response.body.data?.registerPerson.person).toMatchObject({
      idNumber,
      sex: 'FEMALE',
      birthDate: '1990-05-17',
      status: 'FLOATING',
      householdDivisionName: '顺庆区',
    });
  });

  it('rejects an identity number with a wrong check character, naming the field, and stores nothing', async () => {
    const valid = makeIdNumber('510107', '1985-01-02', 7, 'MALE');
    const wrongCheck = valid.slice(0, 17) + (valid[17] === '1' ? '2' : '1');
    const before = await countPersons();
    const response = await server.graphql(REGISTER, {
      input: { idNumber: wrongCheck, name: '张伟', ethnicity: '汉族', householdDivisionCode: '510107', householdAddress: '武侯区人民路1号' },
    });
    expect(errorCodes(response)).toEqual(['BAD_USER_INPUT']);
    expect(response.body.errors?.[0]?.extensions?.field).toBe('input.idNumber');
    expect(response.body.errors?.[0]?.message).toMatch(/check/i);
    expect(await countPersons()).toBe(before);
  });

  it('rejects a birth date that contradicts the identity number', async () => {
    const idNumber = makeIdNumber('510107', '1985-01-02', 8, 'MALE');
    const response = await server.graphql(REGISTER, {
      input: { idNumber, name: '张伟', birthDate: '1986-01-02', ethnicity: '汉族', householdDivisionCode: '510107', householdAddress: '武侯区人民路1号' },
    });
    expect(response.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.birthDate' });
  });

  it('refuses to register the same identity number twice', async () => {
    const idNumber = makeIdNumber('510104', '1970-03-03', 9, 'MALE');
    const input = { idNumber, name: '陈强', ethnicity: '汉族', householdDivisionCode: '510104', householdAddress: '锦江区人民路1号' };
    expect((await server.graphql(REGISTER, { input })).body.errors).toBeUndefined();
    const again = await server.graphql(REGISTER, { input });
    expect(errorCodes(again)).toEqual(['CONFLICT']);
  });

  it('registers a residence, closes the previous one and lists the person under the grid', async () => {
    const idNumber = makeIdNumber('500103', '1995-07-07', 10, 'MALE');
    const registered = await server.graphql(REGISTER, {
      input: { idNumber, name: '周杰', ethnicity: '汉族', householdDivisionCode: '500103', householdAddress: '渝中区人民路1号' },
    });
    const personId = registered.body.data?.registerPerson.person.id as string;
    const residence = `mutation($input: RegisterResidenceInput!) { registerResidence(input: $input) { registration { id since until grid { code } } } }`;
    const first = await server.graphql(residence, {
      input: { personId, address: '武侯区玉林南路1号', divisionCode: '510107', gridCode: GRID, since: '2020-01-01' },
    });
    expect(first.body.errors).toBeUndefined();
    const second = await server.graphql(residence, {
      input: { personId, address: '武侯区玉林南路2号', divisionCode: '510107', gridCode: GRID, since: '2022-06-01' },
    });
    expect(second.body.errors).toBeUndefined();

    const read = await server.graphql(
      `query($id: ID!, $grid: String!) {
        person(id: $id) { residence { address house { code } } residenceHistory { edges { node { since until } } } }
        grid(code: $grid) { class residents(first: 10) { edges { node { id } } } }
      }`,
      { id: personId, grid: GRID },
    );
    expect(read.body.errors).toBeUndefined();
    expect(read.body.data?.person.residence).toEqual({ address: '武侯区玉林南路2号', house: null });
    expect(read.body.data?.person.residenceHistory.edges.map((e: any) => e.node)).toEqual([
      { since: '2022-06-01', until: null },
      { since: '2020-01-01', until: '2022-06-01' },
    ]);
    expect(read.body.data?.grid.residents.edges.map((e: any) => e.node.id)).toContain(personId);
  });

  it('stores no residence naming a house when, started alone, it cannot ask housing whether the house exists', async () => {
    const [person] = await database.db.select().from(schema.persons).limit(1);
    const before = (await database.db.select().from(schema.residenceRegistrations)).length;
    const response = await server.graphql(
      `mutation($input: RegisterResidenceInput!) { registerResidence(input: $input) { registration { id } } }`,
      { input: { personId: person!.id, address: '武侯区玉林南路3号', divisionCode: '510107', gridCode: GRID, houseCode: '510107000000000001', since: '2024-01-01' } },
    );
    expect(errorCodes(response)).toEqual(['SERVICE_UNAVAILABLE']);
    expect((await database.db.select().from(schema.residenceRegistrations)).length).toBe(before);
  });

  it('rejects a residence in a grid that does not exist and stores nothing', async () => {
    const [person] = await database.db.select().from(schema.persons).limit(1);
    const before = (await database.db.select().from(schema.residenceRegistrations)).length;
    const response = await server.graphql(
      `mutation($input: RegisterResidenceInput!) { registerResidence(input: $input) { registration { id } } }`,
      { input: { personId: person!.id, address: '武侯区x路1号', divisionCode: '510107', gridCode: '510107999999', since: '2021-01-01' } },
    );
    expect(errorCodes(response)).toEqual(['NOT_FOUND']);
    expect((await database.db.select().from(schema.residenceRegistrations)).length).toBe(before);
  });

  it('resolves Person entities through _entities and records the access', async () => {
    const [person] = await database.db.select().from(schema.persons).limit(1);
    const response = await server.graphql(
      `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Person { id name } } }`,
      { reps: [{ __typename: 'Person', id: person!.id }, { __typename: 'Person', id: '00000000-0000-4000-8000-000000000000' }] },
      server.headers(null, 'case-investigation', { requestId: 'entities-test-0001', caseId: 'WH-2025-0001' }),
    );
    expect(response.body.data?._entities).toEqual([{ id: person!.id, name: person!.name }, null]);
    const recorded = access.events.filter((e) => e.requestId === 'entities-test-0001');
    expect(recorded.flatMap((e) => e.ids)).toEqual([person!.id]);
    expect(recorded[0]?.purpose).toBe('case-investigation');
  });

  it('publishes its federation SDL through _service', async () => {
    const response = await server.graphql(`{ _service { sdl } }`);
    expect(response.body.data?._service.sdl).toContain('type Person');
  });

  it('pages persons with cursors and rejects an oversized page', async () => {
    const firstPage = await server.graphql(`{ persons(first: 2) { edges { cursor node { id } } pageInfo { hasNextPage endCursor } } }`);
    const { edges, pageInfo } = firstPage.body.data!.persons;
    expect(edges).toHaveLength(2);
    expect(pageInfo.hasNextPage).toBe(true);
    const next = await server.graphql(`query($after: String) { persons(first: 2, after: $after) { edges { node { id } } } }`, { after: pageInfo.endCursor });
    const nextIds = next.body.data?.persons.edges.map((e: any) => e.node.id);
    expect(nextIds).not.toContain(edges[0].node.id);
    expect(nextIds[0] > edges[1].node.id).toBe(true);
    const tooMany = await server.graphql(`{ persons(first: 99999999) { edges { node { id } } } }`);
    expect(response(tooMany)).toEqual({ code: 'BAD_USER_INPUT', field: 'first' });
  });
});

describe('police subgraph, given keys it never issued', () => {
  it('answers null for an id that is not a hub id, instead of failing', async () => {
    const read = await server.graphql(`{ person(id: "not-a-uuid") { id } }`);
    expect(read.body).toEqual({ data: { person: null } });
  });

  it('rejects a malformed list filter as bad input naming the field, instead of matching by pattern', async () => {
    const filters: [Record<string, string>, string][] = [
      [{ householdDivisionCode: '%' }, 'filter.householdDivisionCode'],
      [{ householdDivisionCode: '5101' }, 'filter.householdDivisionCode'],
      [{ gridCode: '510107%' }, 'filter.gridCode'],
    ];
    for (const [filter, field] of filters) {
      const read = await server.graphql(`query($filter: PersonFilter) { persons(filter: $filter) { edges { node { id } } } }`, { filter });
      expect(response(read), field).toEqual({ code: 'BAD_USER_INPUT', field });
    }
  });

  it("rejects a cursor a person's residence history never issued, as the other lists do", async () => {
    const listed = await server.graphql(`{ persons(first: 1) { edges { node { id } } } }`);
    const id = listed.body.data?.persons.edges[0]?.node.id as string;
    expect(id).toBeTruthy();
    const forged = Buffer.from('k:1 OR 1=1', 'utf8').toString('base64url');
    const read = await server.graphql(`query($id: ID!, $after: String) { person(id: $id) { residenceHistory(after: $after) { edges { cursor } } } }`, {
      id,
      after: forged,
    });
    expect(response(read)).toEqual({ code: 'BAD_USER_INPUT', field: 'after' });
  });

  it('rejects a forged cursor as bad input naming the argument', async () => {
    const forged = Buffer.from('k:1 OR 1=1', 'utf8').toString('base64url');
    const read = await server.graphql(`query($after: String) { persons(after: $after) { edges { node { id } } } }`, { after: forged });
    expect(response(read)).toEqual({ code: 'BAD_USER_INPUT', field: 'after' });
  });
});

const response = (r: Awaited<ReturnType<typeof graphql>>) => r.body.errors?.[0]?.extensions;
