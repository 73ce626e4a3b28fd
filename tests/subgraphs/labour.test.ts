import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chinaDateOf, makeCreditCode } from '../../domain/index.js';
import * as schema from '../../subgraphs/labour/db/schema.js';
import { LabourStore } from '../../subgraphs/labour/store.js';
import { createLabourSubgraph } from '../../subgraphs/labour/subgraph.js';
import { openTestDatabase, type TestDatabase } from '../support/databases.js';
import { errorCodes, type GraphQLResponse } from '../support/graphql.js';
import { MemoryAccessRecorder } from '../support/recorder.js';
import { startTestSubgraph, type TestSubgraphServer } from '../support/servers.js';

const GRID = '510107001001';
let database: TestDatabase<typeof schema>;
let server: TestSubgraphServer;
const access = new MemoryAccessRecorder();

beforeAll(async () => {
  database = await openTestDatabase('labour', schema);
  server = await startTestSubgraph(createLabourSubgraph({ database, access }), { purpose: 'labour-administration' });
});

afterAll(async () => {
  await server?.close();
  await database?.destroy();
});

const REGISTER_EMPLOYER = `mutation($input: RegisterEmployerInput!) {
  registerEmployer(input: $input) { employer { id creditCode name industry address divisionCode grid { code } } }
}`;
const REGISTER_EMPLOYMENT = `mutation($input: RegisterEmploymentInput!) {
  registerEmployment(input: $input) { employment { id position start end socialInsurance person { id } employer { id name } } }
}`;
const END_EMPLOYMENT = `mutation($input: EndEmploymentInput!) { endEmployment(input: $input) { employment { id start end } } }`;
const PERSON_ENTITIES = `query($reps: [_Any!]!) { _entities(representations: $reps) {
  ... on Person { id employments { edges { node { id position employer { name } } } } }
} }`;
const EMPLOYER_ENTITIES = `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Employer { id name creditCode } } }`;
const GRID_ENTITIES = `query($reps: [_Any!]!) { _entities(representations: $reps) {
  ... on Grid { code employers(first: 10) { edges { node { name } } pageInfo { hasNextPage } } }
} }`;

let organisationSequence = 0;

/** A valid credit code no other test uses, registered in the given division. */
function newCreditCode(divisionCode = '510107'): string {
  organisationSequence += 1;
  return makeCreditCode(divisionCode, `MA${String(organisationSequence).padStart(7, '0')}`);
}

function employerInput(overrides: Record<string, unknown> = {}) {
  return {
    creditCode: newCreditCode(),
    name: '成都玉林餐饮管理有限公司',
    industry: '住宿和餐饮业',
    address: '武侯区玉林南路12号',
    divisionCode: '510107',
    gridCode: GRID,
    ...overrides,
  };
}

/**
 * Registrations name a person and a grid, which only the hub can check
 * (tests/rules/labour-health.test.ts writes through it); reads here are of
 * rows put in through labour's own store.
 */
async function registerEmployer(overrides: Record<string, unknown> = {}): Promise<{ id: string; name: string; creditCode: string }> {
  const input = employerInput(overrides) as Omit<schema.NewEmployerRow, 'id'>;
  const row = await new LabourStore(database.db).insertEmployer({ id: randomUUID(), ...input });
  if (!row) throw new Error('the employer was not stored');
  return row;
}

function employmentInput(employerId: string, overrides: Record<string, unknown> = {}) {
  return { personId: randomUUID(), employerId, position: '厨师', start: '2022-03-01', socialInsurance: 'INSURED', ...overrides };
}

async function registerEmployment(employerId: string, overrides: Record<string, unknown> = {}): Promise<{ id: string; start: string }> {
  const input = { end: null, ...employmentInput(employerId, overrides) } as Omit<schema.NewEmploymentRow, 'id'>;
  const row = await new LabourStore(database.db).insertEmployment({ id: randomUUID(), ...input });
  if (!row) throw new Error('the employment was not stored');
  return row;
}

async function rowCounts(): Promise<{ employers: number; employments: number }> {
  return {
    employers: (await database.db.select().from(schema.employers)).length,
    employments: (await database.db.select().from(schema.employments)).length,
  };
}

/** A date `days` after today in China, where the city's "today" is. */
function daysFromToday(days: number): string {
  return chinaDateOf(new Date(Date.now() + days * 86_400_000));
}

const firstError = (response: GraphQLResponse) => response.body.errors?.[0]?.extensions;
const nodes = (connection: { edges: { node: any }[] }) => connection.edges.map((e) => e.node);

describe('labour subgraph', () => {
  it('reads an employer and its employments back through the employer', async () => {
    const employer = await registerEmployer({ name: '成都蜀香食品有限公司' });
    const personId = randomUUID();
    const employment = await registerEmployment(employer.id, { personId, position: '厨师', start: '2021-09-01' });
    const read = await server.graphql(
      `query($id: ID!) { employer(id: $id) { name industry grid { code } employments { edges { node { id position start person { id } } } } } }`,
      { id: employer.id },
    );
    expect(read.body.errors).toBeUndefined();
    expect(read.body.data?.employer).toMatchObject({ name: '成都蜀香食品有限公司', industry: '住宿和餐饮业', grid: { code: GRID } });
    expect(nodes(read.body.data?.employer.employments)).toEqual([
      { id: employment.id, position: '厨师', start: '2021-09-01', person: { id: personId } },
    ]);
  });

  it('refuses a registration naming a person or grid when the hub cannot be asked, storing nothing', async () => {
    const employer = await registerEmployer();
    const before = await rowCounts();
    const employerResponse = await server.graphql(REGISTER_EMPLOYER, { input: employerInput() });
    expect(errorCodes(employerResponse)).toEqual(['SERVICE_UNAVAILABLE']);
    const employmentResponse = await server.graphql(REGISTER_EMPLOYMENT, { input: employmentInput(employer.id) });
    expect(errorCodes(employmentResponse)).toEqual(['SERVICE_UNAVAILABLE']);
    expect(await rowCounts()).toEqual(before);
  });

  it('finds an employer by id and by credit code, and answers null for unknown or malformed keys', async () => {
    const employer = await registerEmployer({ name: '成都锦程物流有限公司', industry: '交通运输、仓储和邮政业' });
    const response = await server.graphql(
      `query($id: ID!, $code: String!, $unknownId: ID!, $unknownCode: String!) {
        byId: employer(id: $id) { id name }
        byCode: employerByCreditCode(creditCode: $code) { id name }
        unknownId: employer(id: $unknownId) { id }
        malformedId: employer(id: "not-an-id") { id }
        unknownCode: employerByCreditCode(creditCode: $unknownCode) { id }
      }`,
      { id: employer.id, code: employer.creditCode, unknownId: randomUUID(), unknownCode: newCreditCode() },
    );
    expect(response.body.errors).toBeUndefined();
    expect(response.body.data).toEqual({
      byId: { id: employer.id, name: '成都锦程物流有限公司' },
      byCode: { id: employer.id, name: '成都锦程物流有限公司' },
      unknownId: null,
      malformedId: null,
      unknownCode: null,
    });
  });

  it('lists employers in id order with cursors, filtered by grid and by industry', async () => {
    const grid = '510104002003';
    const registered = [
      await registerEmployer({ divisionCode: '510104', gridCode: grid, name: '锦江甲', industry: '制造业' }),
      await registerEmployer({ divisionCode: '510104', gridCode: grid, name: '锦江乙', industry: '教育' }),
      await registerEmployer({ divisionCode: '510104', gridCode: grid, name: '锦江丙', industry: '制造业' }),
    ];
    const expectedIds = registered.map((e) => e.id).sort();
    const LIST = `query($filter: EmployerFilter, $after: String) {
      employers(filter: $filter, first: 2, after: $after) { edges { cursor node { id grid { code } } } pageInfo { hasNextPage hasPreviousPage endCursor } }
    }`;

    const first = await server.graphql(LIST, { filter: { gridCode: grid } });
    expect(first.body.errors).toBeUndefined();
    expect(nodes(first.body.data?.employers).map((n) => n.id)).toEqual(expectedIds.slice(0, 2));
    expect(first.body.data?.employers.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });

    const second = await server.graphql(LIST, { filter: { gridCode: grid }, after: first.body.data?.employers.pageInfo.endCursor });
    expect(nodes(second.body.data?.employers).map((n) => n.id)).toEqual(expectedIds.slice(2));
    expect(second.body.data?.employers.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });
    expect(nodes(second.body.data?.employers).every((n) => n.grid.code === grid)).toBe(true);

    const manufacturing = await server.graphql(LIST, { filter: { gridCode: grid, industry: '制造业' } });
    expect(nodes(manufacturing.body.data?.employers).map((n) => n.id).sort()).toEqual(
      [registered[0]!.id, registered[2]!.id].sort(),
    );
  });

  it('rejects a malformed list filter or a forged cursor, naming the argument', async () => {
    const badGrid = await server.graphql(`{ employers(filter: { gridCode: "5101" }) { edges { cursor } } }`);
    expect(firstError(badGrid)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.gridCode' });
    const badIndustry = await server.graphql(`{ employers(filter: { industry: "造船" }) { edges { cursor } } }`);
    expect(firstError(badIndustry)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.industry' });
    const forged = Buffer.from('k:nonsense', 'utf8').toString('base64url');
    const badCursor = await server.graphql(`query($after: String) { employers(after: $after) { edges { cursor } } }`, { after: forged });
    expect(firstError(badCursor)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
  });

  it("rejects a cursor a person's employments never issued, as the employer's list does", async () => {
    const forged = Buffer.from(`k:${randomUUID()}`, 'utf8').toString('base64url');
    const read = await server.graphql(
      `query($reps: [_Any!]!, $after: String) { _entities(representations: $reps) { ... on Person { employments(after: $after) { edges { cursor } } } } }`,
      { reps: [{ __typename: 'Person', id: randomUUID() }], after: forged },
    );
    expect(firstError(read)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
  });

  it('pages an employer\'s employments latest start first, optionally only current ones', async () => {
    const employer = await registerEmployer({ name: '成都天府软件有限公司', industry: '信息传输、软件和信息技术服务业' });
    const oldest = await registerEmployment(employer.id, { start: '2019-01-01', end: '2020-06-30', position: '测试工程师' });
    const middle = await registerEmployment(employer.id, { start: '2020-07-01', position: '软件工程师' });
    const newest = await registerEmployment(employer.id, { start: '2023-02-01', position: '产品经理' });
    const PAGE = `query($id: ID!, $after: String, $currentOnly: Boolean) {
      employer(id: $id) { employments(first: 2, after: $after, currentOnly: $currentOnly) {
        edges { node { id end } } pageInfo { hasNextPage endCursor }
      } }
    }`;

    const first = await server.graphql(PAGE, { id: employer.id });
    expect(first.body.errors).toBeUndefined();
    expect(nodes(first.body.data?.employer.employments).map((n) => n.id)).toEqual([newest.id, middle.id]);
    expect(first.body.data?.employer.employments.pageInfo.hasNextPage).toBe(true);
    const second = await server.graphql(PAGE, { id: employer.id, after: first.body.data?.employer.employments.pageInfo.endCursor });
    expect(nodes(second.body.data?.employer.employments)).toEqual([{ id: oldest.id, end: '2020-06-30' }]);
    expect(second.body.data?.employer.employments.pageInfo.hasNextPage).toBe(false);

    const current = await server.graphql(PAGE, { id: employer.id, currentOnly: true });
    expect(nodes(current.body.data?.employer.employments).map((n) => n.id)).toEqual([newest.id, middle.id]);
    expect(current.body.data?.employer.employments.pageInfo.hasNextPage).toBe(false);
  });

  it('pages the employments of every listed employer with one statement for all of them', async () => {
    const grid = '510105003001';
    for (const name of ['青羊甲', '青羊乙', '青羊丙']) {
      const employer = await registerEmployer({ divisionCode: '510105', gridCode: grid, name });
      await registerEmployment(employer.id, { start: '2020-01-01' });
      await registerEmployment(employer.id, { start: '2021-01-01' });
    }
    const before = database.statements.count;
    const response = await server.graphql(
      `query($grid: String!) { employers(filter: { gridCode: $grid }) { edges { node { name employments(first: 1) { edges { node { start } } pageInfo { hasNextPage } } } } } }`,
      { grid },
    );
    const statements = database.statements.count - before;
    expect(response.body.errors).toBeUndefined();
    const listed = nodes(response.body.data?.employers);
    expect(listed).toHaveLength(3);
    for (const employer of listed) {
      expect(employer.employments).toEqual({ edges: [{ node: { start: '2021-01-01' } }], pageInfo: { hasNextPage: true } });
    }
    // One statement for the employers, one for all their first pages of employments.
    expect(statements).toBe(2);
  });

  it('resolves Person entities with their employments and employer names, recording both accesses', async () => {
    const bakery = await registerEmployer({ name: '成都春熙面包坊', industry: '批发和零售业' });
    const clinic = await registerEmployer({ name: '成都玉林社区诊所', industry: '卫生和社会工作' });
    const personId = randomUUID();
    const past = await registerEmployment(bakery.id, { personId, position: '收银员', start: '2018-05-01', end: '2021-04-30' });
    const now = await registerEmployment(clinic.id, { personId, position: '护士', start: '2021-05-10' });
    const stranger = randomUUID();

    const response = await server.graphql(
      PERSON_ENTITIES,
      { reps: [{ __typename: 'Person', id: personId }, { __typename: 'Person', id: stranger }] },
      server.headers(null, 'labour-administration', { requestId: 'labour-entities-0001' }),
    );
    expect(response.body.errors).toBeUndefined();
    expect(response.body.data?._entities).toEqual([
      {
        id: personId,
        employments: {
          edges: [
            { node: { id: now.id, position: '护士', employer: { name: '成都玉林社区诊所' } } },
            { node: { id: past.id, position: '收银员', employer: { name: '成都春熙面包坊' } } },
          ],
        },
      },
      { id: stranger, employments: { edges: [] } },
    ]);

    const recorded = access.events.filter((e) => e.requestId === 'labour-entities-0001');
    const persons = recorded.filter((e) => e.type === 'Person');
    expect(persons.flatMap((e) => e.ids).sort()).toEqual([personId, stranger].sort());
    expect(persons[0]).toMatchObject({ fields: ['id', 'employments'], purpose: 'labour-administration' });
    expect(recorded.filter((e) => e.type === 'Employment')).toEqual([
      expect.objectContaining({ ids: [now.id, past.id], fields: ['id', 'position', 'employer'] }),
    ]);
  });

  it('resolves Employer entities by id, answering null for an unknown one', async () => {
    const employer = await registerEmployer({ name: '成都望江建筑工程有限公司', industry: '建筑业' });
    const response = await server.graphql(EMPLOYER_ENTITIES, {
      reps: [{ __typename: 'Employer', id: employer.id }, { __typename: 'Employer', id: randomUUID() }],
    });
    expect(response.body.errors).toBeUndefined();
    expect(response.body.data?._entities).toEqual([{ id: employer.id, name: '成都望江建筑工程有限公司', creditCode: employer.creditCode }, null]);
  });

  it('resolves Grid entities with the employers whose workplace is in the grid', async () => {
    const grid = '510106004002';
    const employer = await registerEmployer({ divisionCode: '510106', gridCode: grid, name: '成都金牛五金店' });
    const response = await server.graphql(GRID_ENTITIES, {
      reps: [{ __typename: 'Grid', code: grid }, { __typename: 'Grid', code: '510106009009' }],
    });
    expect(response.body.errors).toBeUndefined();
    expect(response.body.data?._entities).toEqual([
      { code: grid, employers: { edges: [{ node: { name: employer.name } }], pageInfo: { hasNextPage: false } } },
      { code: '510106009009', employers: { edges: [], pageInfo: { hasNextPage: false } } },
    ]);
  });

  it('loads the employments of several persons in one _entities request with one statement, and their employers with one more', async () => {
    const employers = [await registerEmployer({ name: '甲公司' }), await registerEmployer({ name: '乙公司' }), await registerEmployer({ name: '丙公司' })];
    const personIds = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];
    for (const [index, personId] of personIds.entries()) {
      await registerEmployment(employers[index % 3]!.id, { personId, start: '2020-02-02' });
      await registerEmployment(employers[(index + 1) % 3]!.id, { personId, start: '2022-02-02' });
    }
    const before = database.statements.count;
    const response = await server.graphql(PERSON_ENTITIES, { reps: personIds.map((id) => ({ __typename: 'Person', id })) });
    const statements = database.statements.count - before;
    expect(response.body.errors).toBeUndefined();
    const entities = response.body.data?._entities as { employments: { edges: unknown[] } }[];
    expect(entities.map((p) => p.employments.edges.length)).toEqual([2, 2, 2, 2]);
    expect(statements).toBe(2);
  });

  it('publishes its federation SDL through _service', async () => {
    const response = await server.graphql(`{ _service { sdl } }`);
    const sdl: string = response.body.data?._service.sdl;
    expect(sdl).toMatch(/type Employer\s+@key\(fields: "id"\)/);
    expect(sdl).toMatch(/type Person\s+@key\(fields: "id"\)/);
    expect(sdl).toMatch(/type Grid\s+@key\(fields: "code"\)/);
    expect(sdl).toContain('registerEmployment(input: RegisterEmploymentInput!): EmploymentPayload');
  });

  describe('endEmployment', () => {
    let employerId: string;
    beforeAll(async () => {
      employerId = (await registerEmployer({ name: '成都离职测试有限公司' })).id;
    });

    async function endOf(id: string): Promise<string | null | undefined> {
      const rows = await database.db.select().from(schema.employments);
      return rows.find((r) => r.id === id)?.end;
    }

    it('rejects an end before the employment started, naming the field and leaving it open', async () => {
      const employment = await registerEmployment(employerId, { start: '2022-05-01' });
      const response = await server.graphql(END_EMPLOYMENT, { input: { employmentId: employment.id, end: '2022-04-30' } });
      expect(firstError(response)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.end' });
      expect(await endOf(employment.id)).toBeNull();
    });

    it('rejects an end in the future and a malformed employment id, naming the field', async () => {
      const employment = await registerEmployment(employerId, { start: '2022-05-01' });
      const future = await server.graphql(END_EMPLOYMENT, { input: { employmentId: employment.id, end: daysFromToday(5) } });
      expect(firstError(future)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.end' });
      const malformed = await server.graphql(END_EMPLOYMENT, { input: { employmentId: 'nope', end: '2023-01-01' } });
      expect(firstError(malformed)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.employmentId' });
      expect(await endOf(employment.id)).toBeNull();
    });

    it('refuses to end an employment that has already ended, keeping its end date', async () => {
      const employment = await registerEmployment(employerId, { start: '2019-01-01', end: '2019-12-31' });
      const response = await server.graphql(END_EMPLOYMENT, { input: { employmentId: employment.id, end: '2020-06-30' } });
      expect(firstError(response)).toMatchObject({ code: 'CONFLICT', field: 'input.employmentId' });
      expect(await endOf(employment.id)).toBe('2019-12-31');
    });

    it('answers NOT_FOUND for an unknown employment', async () => {
      const response = await server.graphql(END_EMPLOYMENT, { input: { employmentId: randomUUID(), end: '2023-01-01' } });
      expect(errorCodes(response)).toEqual(['NOT_FOUND']);
    });
  });
});
