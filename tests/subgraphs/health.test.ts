import { randomUUID } from 'node:crypto';
import { GraphQLError } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ReferenceChecks } from '../../auth/reference-checks.js';
import * as schema from '../../subgraphs/health/db/schema.js';
import { HealthRules } from '../../subgraphs/health/rules.js';
import { HealthStore } from '../../subgraphs/health/store.js';
import { createHealthSubgraph } from '../../subgraphs/health/subgraph.js';
import { openTestDatabase, type TestDatabase } from '../support/databases.js';
import { errorCodes, type GraphQLResponse } from '../support/graphql.js';
import { MemoryAccessRecorder } from '../support/recorder.js';
import { startTestSubgraph, testLogger, type TestSubgraphServer } from '../support/servers.js';
import { principalForRole } from '../support/tokens.js';

let database: TestDatabase<typeof schema>;
let server: TestSubgraphServer;
const access = new MemoryAccessRecorder();

beforeAll(async () => {
  database = await openTestDatabase('health', schema);
  server = await startTestSubgraph(createHealthSubgraph({ database, access }), { purpose: 'public-health' });
});

afterAll(async () => {
  await server?.close();
  await database?.destroy();
});

const PROFILE_FIELDS = `
  familyPlanningStatus
  vaccinations { edges { node { vaccine dose administeredOn institution } } }
  maternalCare { edges { node { kind visitOn institution } } }
  checkups { edges { node { checkedOn institution result } } }
`;

const SET_STATUS = `mutation($input: SetFamilyPlanningStatusInput!) {
  setFamilyPlanningStatus(input: $input) { personId healthProfile { familyPlanningStatus } }
}`;
const RECORD_VACCINATION = `mutation($input: RecordVaccinationInput!) {
  recordVaccination(input: $input) { personId healthProfile { familyPlanningStatus vaccinations { edges { node { vaccine dose } } } } }
}`;
const RECORD_MATERNAL_CARE = `mutation($input: RecordMaternalCareInput!) {
  recordMaternalCare(input: $input) { personId healthProfile { maternalCare { edges { node { kind visitOn } } } } }
}`;
const RECORD_CHECKUP = `mutation($input: RecordCheckupInput!) {
  recordCheckup(input: $input) { personId healthProfile { checkups { edges { node { checkedOn result } } } } }
}`;
const ENTITIES = `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Person { id healthProfile { ${PROFILE_FIELDS} } } } }`;

const CLINIC = '武侯区妇幼保健院';

async function send(query: string, input: Record<string, unknown>, headers: Record<string, string> = {}): Promise<GraphQLResponse> {
  return server.graphql(query, { input }, headers);
}

/**
 * Records what a mutation would, through health's own store, and answers as
 * its payload would, read back through the subgraph. The mutations name a
 * person only the hub can check (tests/rules/labour-health.test.ts writes
 * through it); what is tested here is how the records read.
 */
async function succeed(query: string, input: Record<string, any>): Promise<Record<string, any>> {
  const mutation = /\{\s*(\w+)\(input/.exec(query)?.[1] ?? '';
  const store = new HealthStore(database.db);
  const personId = String(input.personId).toLowerCase();
  const record = { id: randomUUID(), ...input, personId };
  if (mutation === 'setFamilyPlanningStatus') await store.upsertProfile(personId, input.status);
  else if (mutation === 'recordVaccination') await store.insertVaccination(record as Parameters<HealthStore['insertVaccination']>[0]);
  else if (mutation === 'recordMaternalCare') await store.insertMaternalCare(record as Parameters<HealthStore['insertMaternalCare']>[0]);
  else if (mutation === 'recordCheckup') await store.insertCheckup(record as Parameters<HealthStore['insertCheckup']>[0]);
  else throw new Error(`no store write for ${mutation}`);
  const selection = query.slice(query.indexOf('healthProfile'), query.lastIndexOf('}', query.lastIndexOf('}') - 1));
  const read = await server.graphql(`query($id: ID!) { ${selection.replace('healthProfile', 'healthProfile(personId: $id)')} }`, { id: personId });
  expect(read.body.errors).toBeUndefined();
  return { [mutation]: { personId: input.personId, healthProfile: read.body.data?.healthProfile } };
}

function vaccinationInput(personId: string, overrides: Record<string, unknown> = {}) {
  return { personId, vaccine: '乙肝疫苗', dose: 1, administeredOn: '2020-03-01', institution: CLINIC, ...overrides };
}

async function rowCounts() {
  const [profiles, vaccinations, maternalCare, checkups] = await Promise.all([
    database.db.$count(schema.healthProfiles),
    database.db.$count(schema.vaccinations),
    database.db.$count(schema.maternalCareRecords),
    database.db.$count(schema.checkups),
  ]);
  return { profiles, vaccinations, maternalCare, checkups };
}

const firstError = (response: GraphQLResponse) => response.body.errors?.[0];

describe('health subgraph', () => {
  it('sets a family-planning status, creating the profile, and changes it later', async () => {
    const personId = randomUUID();
    const first = await succeed(SET_STATUS, { personId, status: 'PREGNANT' });
    expect(first.setFamilyPlanningStatus).toEqual({ personId, healthProfile: { familyPlanningStatus: 'PREGNANT' } });
    const second = await succeed(SET_STATUS, { personId, status: 'ONE_CHILD' });
    expect(second.setFamilyPlanningStatus.healthProfile.familyPlanningStatus).toBe('ONE_CHILD');
    const profiles = await database.db.select().from(schema.healthProfiles);
    expect(profiles.filter((p) => p.personId === personId)).toHaveLength(1);
  });

  it('records vaccinations, maternal care and check-ups and reads them back newest first through Query.healthProfile', async () => {
    const personId = randomUUID();
    await succeed(SET_STATUS, { personId, status: 'PREGNANT' });
    await succeed(RECORD_VACCINATION, vaccinationInput(personId, { vaccine: '乙肝疫苗', dose: 1, administeredOn: '2019-01-10' }));
    const second = await succeed(RECORD_VACCINATION, vaccinationInput(personId, { vaccine: '乙肝疫苗', dose: 2, administeredOn: '2019-02-10' }));
    expect(second.recordVaccination.healthProfile.familyPlanningStatus).toBe('PREGNANT');
    expect(second.recordVaccination.healthProfile.vaccinations.edges.map((e: any) => e.node.dose)).toEqual([2, 1]);
    await succeed(RECORD_MATERNAL_CARE, { personId, kind: 'PRENATAL', visitOn: '2023-03-01', institution: CLINIC });
    await succeed(RECORD_MATERNAL_CARE, { personId, kind: 'DELIVERY', visitOn: '2023-09-15', institution: CLINIC });
    await succeed(RECORD_CHECKUP, { personId, checkedOn: '2024-05-20', institution: '四川大学华西医院', result: 'FOLLOW_UP' });

    const read = await server.graphql(`query($id: ID!) { healthProfile(personId: $id) { ${PROFILE_FIELDS} } }`, { id: personId }, server.headers(null, 'medical-care', { requestId: 'health-query-0001' }));
    expect(read.body.errors).toBeUndefined();
    expect(read.body.data?.healthProfile).toEqual({
      familyPlanningStatus: 'PREGNANT',
      vaccinations: {
        edges: [
          { node: { vaccine: '乙肝疫苗', dose: 2, administeredOn: '2019-02-10', institution: CLINIC } },
          { node: { vaccine: '乙肝疫苗', dose: 1, administeredOn: '2019-01-10', institution: CLINIC } },
        ],
      },
      maternalCare: {
        edges: [
          { node: { kind: 'DELIVERY', visitOn: '2023-09-15', institution: CLINIC } },
          { node: { kind: 'PRENATAL', visitOn: '2023-03-01', institution: CLINIC } },
        ],
      },
      checkups: { edges: [{ node: { checkedOn: '2024-05-20', institution: '四川大学华西医院', result: 'FOLLOW_UP' } }] },
    });
    const recorded = access.events.filter((e) => e.requestId === 'health-query-0001');
    // The profile, and each record read from it under its own type.
    expect(recorded.map((e) => e.type).sort()).toEqual(['Checkup', 'HealthProfile', 'MaternalCareRecord', 'Vaccination']);
    expect(recorded.find((e) => e.type === 'HealthProfile')).toEqual(
      expect.objectContaining({
        ids: [personId],
        purpose: 'medical-care',
        fields: expect.arrayContaining(['familyPlanningStatus', 'vaccinations', 'maternalCare', 'checkups']),
      }),
    );
    expect(recorded.find((e) => e.type === 'Vaccination')?.ids).toHaveLength(2);
  });

  it('creates a profile with status NONE when the first thing recorded for a person is a record', async () => {
    const personId = randomUUID();
    const data = await succeed(RECORD_CHECKUP, { personId, checkedOn: '2024-01-02', institution: CLINIC, result: 'NORMAL' });
    expect(data.recordCheckup.personId).toBe(personId);
    const read = await server.graphql(`query($id: ID!) { healthProfile(personId: $id) { familyPlanningStatus } }`, { id: personId });
    expect(read.body.data?.healthProfile).toEqual({ familyPlanningStatus: 'NONE' });
  });

  it('resolves Person entities with their health profile and records the access under the declared purpose', async () => {
    const personId = randomUUID();
    await succeed(SET_STATUS, { personId, status: 'TWO_CHILDREN' });
    await succeed(RECORD_VACCINATION, vaccinationInput(personId, { vaccine: '流感疫苗', administeredOn: '2024-10-08' }));
    await succeed(RECORD_MATERNAL_CARE, { personId, kind: 'POSTNATAL', visitOn: '2021-06-01', institution: CLINIC });
    await succeed(RECORD_CHECKUP, { personId, checkedOn: '2024-11-11', institution: CLINIC, result: 'NORMAL' });

    const response = await server.graphql(ENTITIES, { reps: [{ __typename: 'Person', id: personId }] }, server.headers(null, 'public-health', { requestId: 'health-entities-0001' }));
    expect(response.body.errors).toBeUndefined();
    expect(response.body.data?._entities).toEqual([
      {
        id: personId,
        healthProfile: {
          familyPlanningStatus: 'TWO_CHILDREN',
          vaccinations: { edges: [{ node: { vaccine: '流感疫苗', dose: 1, administeredOn: '2024-10-08', institution: CLINIC } }] },
          maternalCare: { edges: [{ node: { kind: 'POSTNATAL', visitOn: '2021-06-01', institution: CLINIC } }] },
          checkups: { edges: [{ node: { checkedOn: '2024-11-11', institution: CLINIC, result: 'NORMAL' } }] },
        },
      },
    ]);
    const recorded = access.events.filter((e) => e.requestId === 'health-entities-0001');
    // The person, the profile with the fields read from it, and each record read from the profile.
    expect(recorded.slice(0, 2)).toEqual([
      expect.objectContaining({ type: 'Person', ids: [personId], purpose: 'public-health', fields: ['id', 'healthProfile'] }),
      expect.objectContaining({ type: 'HealthProfile', ids: [personId], purpose: 'public-health', fields: ['familyPlanningStatus', 'vaccinations', 'maternalCare', 'checkups'] }),
    ]);
    expect(recorded.slice(2).map((e) => e.type).sort()).toEqual(['Checkup', 'MaternalCareRecord', 'Vaccination']);
  });

  it('answers healthProfile null for a person the health department has no record of, through _entities and Query', async () => {
    const unknown = randomUUID();
    const entities = await server.graphql(ENTITIES, { reps: [{ __typename: 'Person', id: unknown }] }, server.headers(null, undefined, { requestId: 'health-entities-none1' }));
    expect(entities.body.errors).toBeUndefined();
    expect(entities.body.data?._entities).toEqual([{ id: unknown, healthProfile: null }]);
    // Recorded even so: that the health department holds nothing on someone is itself a health fact.
    expect(access.events.filter((e) => e.requestId === 'health-entities-none1').map((e) => [e.type, e.ids])).toEqual([
      ['Person', [unknown]],
      ['HealthProfile', [unknown]],
    ]);

    const query = await server.graphql(`query($id: ID!) { healthProfile(personId: $id) { familyPlanningStatus } }`, { id: unknown });
    expect(query.body.errors).toBeUndefined();
    expect(query.body.data?.healthProfile).toBeNull();
  });

  it('answers healthProfile null for a representation whose id is not a uuid without failing the other entities', async () => {
    const personId = randomUUID();
    await succeed(SET_STATUS, { personId, status: 'NONE' });
    const response = await server.graphql(`query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Person { id healthProfile { familyPlanningStatus } } } }`, {
      reps: [
        { __typename: 'Person', id: 'not-a-person-id' },
        { __typename: 'Person', id: personId },
      ],
    });
    expect(response.body.errors).toBeUndefined();
    expect(response.body.data?._entities).toEqual([
      { id: 'not-a-person-id', healthProfile: null },
      { id: personId, healthProfile: { familyPlanningStatus: 'NONE' } },
    ]);
  });

  it('loads the vaccinations of several persons fetched in one _entities request with one statement for profiles and one for vaccinations', async () => {
    const personIds = [randomUUID(), randomUUID(), randomUUID()];
    for (const [index, personId] of personIds.entries()) {
      await succeed(RECORD_VACCINATION, vaccinationInput(personId, { dose: 1 }));
      await succeed(RECORD_VACCINATION, vaccinationInput(personId, { dose: 2, administeredOn: `2021-0${index + 1}-15` }));
    }
    const withoutRecord = randomUUID();
    const before = database.statements.count;
    const response = await server.graphql(
      `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Person { id healthProfile { vaccinations { edges { node { dose } } } } } } }`,
      { reps: [...personIds, withoutRecord].map((id) => ({ __typename: 'Person', id })) },
    );
    const statements = database.statements.count - before;
    expect(response.body.errors).toBeUndefined();
    const entities = response.body.data?._entities as any[];
    expect(entities.slice(0, 3).map((e) => e.healthProfile.vaccinations.edges.map((edge: any) => edge.node.dose))).toEqual([
      [2, 1],
      [2, 1],
      [2, 1],
    ]);
    expect(entities[3]).toEqual({ id: withoutRecord, healthProfile: null });
    expect(statements).toBe(2);
  });

  it('pages vaccinations newest first with cursors and rejects a cursor it did not issue', async () => {
    const personId = randomUUID();
    const dates = ['2018-01-01', '2019-01-01', '2020-01-01', '2021-01-01', '2022-01-01'];
    for (const [index, administeredOn] of dates.entries()) {
      await succeed(RECORD_VACCINATION, vaccinationInput(personId, { vaccine: '新冠病毒疫苗', dose: index + 1, administeredOn }));
    }
    // Two doses on the same day must still come back in one fixed order across pages.
    await succeed(RECORD_VACCINATION, vaccinationInput(personId, { vaccine: '流感疫苗', dose: 1, administeredOn: '2022-01-01' }));

    const page = `query($id: ID!, $first: Int, $after: String) {
      healthProfile(personId: $id) {
        vaccinations(first: $first, after: $after) {
          edges { cursor node { id administeredOn } }
          pageInfo { hasNextPage hasPreviousPage endCursor }
        }
      }
    }`;
    const all = await server.graphql(page, { id: personId, first: 10 });
    const allNodes = all.body.data?.healthProfile.vaccinations.edges.map((e: any) => e.node);
    expect(allNodes.map((n: any) => n.administeredOn)).toEqual(['2022-01-01', '2022-01-01', '2021-01-01', '2020-01-01', '2019-01-01', '2018-01-01']);

    const seen: string[] = [];
    let after: string | null = null;
    const pageInfos: any[] = [];
    do {
      const response: GraphQLResponse<Record<string, any>> = await server.graphql(page, { id: personId, first: 4, after });
      expect(response.body.errors).toBeUndefined();
      const connection = response.body.data?.healthProfile.vaccinations;
      seen.push(...connection.edges.map((e: any) => e.node.id));
      pageInfos.push(connection.pageInfo);
      after = connection.pageInfo.hasNextPage ? connection.pageInfo.endCursor : null;
    } while (after !== null);
    expect(seen).toEqual(allNodes.map((n: any) => n.id));
    expect(pageInfos.map((p) => [p.hasNextPage, p.hasPreviousPage])).toEqual([
      [true, false],
      [false, true],
    ]);

    const bad = await server.graphql(page, { id: personId, first: 2, after: 'bm90LWEtY3Vyc29y!' });
    expect(firstError(bad)?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
  });

  it('rejects a Query.healthProfile person id that is not a uuid, naming the argument', async () => {
    const response = await server.graphql(`{ healthProfile(personId: "12345") { familyPlanningStatus } }`);
    expect(firstError(response)?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'personId' });
  });

  it('allows maternal care for a person whose self-reported status says no children', async () => {
    const personId = randomUUID();
    await succeed(SET_STATUS, { personId, status: 'NONE' });
    const data = await succeed(RECORD_MATERNAL_CARE, { personId, kind: 'PRENATAL', visitOn: '2024-02-02', institution: CLINIC });
    expect(data.recordMaternalCare.healthProfile.maternalCare.edges).toHaveLength(1);
  });

  it("rejects a cursor a profile's lists never issued, naming the argument", async () => {
    const personId = randomUUID();
    await succeed(RECORD_VACCINATION, vaccinationInput(personId));
    const forged = Buffer.from('k:nonsense', 'utf8').toString('base64url');
    for (const list of ['vaccinations', 'maternalCare', 'checkups']) {
      const read = await server.graphql(`query($id: ID!, $after: String) { healthProfile(personId: $id) { ${list}(after: $after) { edges { cursor } } } }`, {
        id: personId,
        after: forged,
      });
      expect(errorCodes(read), list).toEqual(['BAD_USER_INPUT']);
      expect(read.body.errors?.[0]?.extensions?.field, list).toBe('after');
    }
  });

  describe('rejects bad input naming the field and stores nothing', () => {
    const person = randomUUID();
    // The rules' own refusals of a field (a vaccine the hub does not list, a
    // date in the future) name a person only the hub can check, so they are
    // tested through it (tests/rules/labour-health.test.ts).

    // Malformed dates, unknown enum values and fractional doses never reach the
    // resolvers: GraphQL's own input coercion refuses them and says where.
    const coerced: { rule: string; query: string; input: () => Record<string, unknown>; path: string }[] = [
      { rule: 'a date that does not exist', query: RECORD_VACCINATION, input: () => vaccinationInput(person, { administeredOn: '2023-02-30' }), path: 'administeredOn' },
      { rule: 'a date not written YYYY-MM-DD', query: RECORD_CHECKUP, input: () => ({ personId: person, checkedOn: '2023/01/02', institution: CLINIC, result: 'NORMAL' }), path: 'checkedOn' },
      { rule: 'a fractional dose', query: RECORD_VACCINATION, input: () => vaccinationInput(person, { dose: 1.5 }), path: 'dose' },
      { rule: 'an unknown family-planning status', query: SET_STATUS, input: () => ({ personId: person, status: 'FOUR_CHILDREN' }), path: 'status' },
      { rule: 'an unknown maternal-care kind', query: RECORD_MATERNAL_CARE, input: () => ({ personId: person, kind: 'ABORTION', visitOn: '2020-01-01', institution: CLINIC }), path: 'kind' },
      { rule: 'an unknown check-up result', query: RECORD_CHECKUP, input: () => ({ personId: person, checkedOn: '2020-01-01', institution: CLINIC, result: 'BAD' }), path: 'result' },
    ];
    for (const { rule, query, input, path } of coerced) {
      it(`rejects ${rule} before any resolver runs, naming input.${path}`, async () => {
        const before = await rowCounts();
        const response = await send(query, input());
        expect(errorCodes(response)).toEqual(['BAD_USER_INPUT']);
        expect(firstError(response)?.message).toContain(`"input.${path}"`);
        expect(await rowCounts()).toEqual(before);
      });
    }

    // The rules enforce the same constraints for callers that bypass GraphQL
    // coercion, such as seeding, and then name the field like any other rule.
    // The person id is malformed too, so nothing needs the hub: both are named.
    const CLINIC_STAFF = principalForRole('health');
    const unanswered = new ReferenceChecks({ gatewayUrl: null, checkGrant: null }, testLogger);
    const notAnId = 'not-a-person-id';
    const direct: { rule: string; call: (rules: HealthRules) => Promise<unknown>; field: string }[] = [
      { rule: 'a date that does not exist', call: (r) => r.recordVaccination(vaccinationInput(notAnId, { administeredOn: '2023-02-30' }), CLINIC_STAFF, unanswered), field: 'input.administeredOn' },
      { rule: 'a fractional dose', call: (r) => r.recordVaccination(vaccinationInput(notAnId, { dose: 1.5 }), CLINIC_STAFF, unanswered), field: 'input.dose' },
      { rule: 'an unknown family-planning status', call: (r) => r.setFamilyPlanningStatus({ personId: notAnId, status: 'FOUR_CHILDREN' }, CLINIC_STAFF, unanswered), field: 'input.status' },
      { rule: 'an unknown maternal-care kind', call: (r) => r.recordMaternalCare({ personId: notAnId, kind: 'ABORTION', visitOn: '2020-01-01', institution: CLINIC }, CLINIC_STAFF, unanswered), field: 'input.kind' },
      { rule: 'an unknown check-up result', call: (r) => r.recordCheckup({ personId: notAnId, checkedOn: '2020-01-01', institution: CLINIC, result: 'BAD' }, CLINIC_STAFF, unanswered), field: 'input.result' },
    ];
    for (const { rule, call, field } of direct) {
      it(`rejects ${rule} in the rules as ${field}`, async () => {
        const before = await rowCounts();
        const error = await call(new HealthRules(new HealthStore(database.db))).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(GraphQLError);
        expect((error as GraphQLError).extensions.problems).toEqual(
          expect.arrayContaining([expect.objectContaining({ code: 'BAD_USER_INPUT', field: 'input.personId' }), expect.objectContaining({ code: 'BAD_USER_INPUT', field })]),
        );
        expect(await rowCounts()).toEqual(before);
      });
    }
  });

  it('returns no health data when the access cannot be recorded', async () => {
    const personId = randomUUID();
    await succeed(RECORD_VACCINATION, vaccinationInput(personId));
    const failing = await startTestSubgraph(
      createHealthSubgraph({
        database,
        access: {
          record: async () => {
            throw new Error('audit store unavailable');
          },
        },
      }),
      { purpose: 'public-health' },
    );
    try {
      const query = await failing.graphql(`query($id: ID!) { healthProfile(personId: $id) { familyPlanningStatus } }`, { id: personId });
      expect(errorCodes(query)).toEqual(['SERVICE_UNAVAILABLE']);
      expect(query.body.data?.healthProfile ?? null).toBeNull();
      expect(JSON.stringify(query.body)).not.toContain('audit store unavailable');

      const entities = await failing.graphql(ENTITIES, { reps: [{ __typename: 'Person', id: personId }] });
      expect(errorCodes(entities)).toEqual(['SERVICE_UNAVAILABLE']);
      expect(entities.body.data?._entities).toEqual([null]);
    } finally {
      await failing.close();
    }
  });

  it('publishes its federation SDL through _service', async () => {
    const response = await server.graphql(`{ _service { sdl } }`);
    const sdl = response.body.data?._service.sdl as string;
    expect(sdl).toMatch(/type Person\s+@key\(fields: "id"\)/);
    expect(sdl).toContain('healthProfile: HealthProfile');
    expect(sdl).toContain('recordVaccination(input: RecordVaccinationInput!): HealthProfilePayload');
  });
});
