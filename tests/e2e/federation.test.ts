import { isNull } from 'drizzle-orm';
import { jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIVISIONS, makeCreditCode, makeIdNumber } from '../../domain/index.js';
import { employments } from '../../subgraphs/labour/db/schema.js';
import { tenancies } from '../../subgraphs/housing/db/schema.js';
import { persons, grids } from '../../subgraphs/police/db/schema.js';
import { healthProfiles } from '../../subgraphs/health/db/schema.js';
import { errorCodes, graphql } from '../support/graphql.js';
import { jointServiceClaims } from '../support/tokens.js';
import { startTestHub, type TestHub } from '../support/hub.js';

let hub: TestHub;
beforeAll(async () => {
  hub = await startTestHub({ persons: 300, recordSubgraphRequests: true });
});
afterAll(async () => {
  await hub?.close();
});

const DOSSIER = `query Dossier($idNumber: String!) {
  personByIdNumber(idNumber: $idNumber) {
    id name idNumber status householdDivisionCode
    residence { address since grid { code name officerName } house { code address use } }
    tenancies { edges { node { start end monthlyRent house { code address } } } }
    employments { edges { node { position start employer { name creditCode industry } } } }
    healthProfile { familyPlanningStatus vaccinations(first: 5) { edges { node { vaccine administeredOn } } } }
  }
}`;

/** A resident who has a current tenancy, a job and a health profile. */
async function residentKnownToAllDepartments(): Promise<{ id: string; idNumber: string; name: string }> {
  const tenants = new Set((await hub.databases.housing.db.select().from(tenancies).where(isNull(tenancies.end))).map((t) => t.tenantId));
  const workers = new Set((await hub.databases.labour.db.select().from(employments)).map((e) => e.personId));
  const profiled = new Set((await hub.databases.health.db.select().from(healthProfiles)).map((h) => h.personId));
  const all = await hub.databases.police.db.select().from(persons);
  const found = all.find((p) => tenants.has(p.id) && workers.has(p.id) && profiled.has(p.id));
  if (!found) throw new Error('the seeded city has no resident known to all four departments');
  return found;
}

describe('the federated hub', () => {
  it('answers a resident dossier with data from all four departments in one query', async () => {
    const resident = await residentKnownToAllDepartments();
    const response = await graphql(hub.gatewayUrl, DOSSIER, { idNumber: resident.idNumber }, hub.headers(jointServiceClaims(), 'public-health'));
    expect(response.body.errors).toBeUndefined();
    const person = response.body.data?.personByIdNumber;
    expect(person).toMatchObject({ id: resident.id, name: resident.name, idNumber: resident.idNumber });
    expect(person.residence.grid.name).toBeTruthy();
    expect(person.tenancies.edges.length).toBeGreaterThan(0);
    expect(person.tenancies.edges[0].node.house.address).toBeTruthy();
    expect(person.employments.edges[0].node.employer.name).toBeTruthy();
    expect(person.healthProfile.familyPlanningStatus).toBeTruthy();
    // The police residence points at the same house housing holds the current tenancy for.
    const current = person.tenancies.edges.find((e: any) => e.node.end === null);
    expect(person.residence.house.code).toBe(current.node.house.code);
  });

  it('records every resident served under the declared purpose and case, which reach each subgraph only inside the internal token', async () => {
    const resident = await residentKnownToAllDepartments();
    hub.subgraphRequests.length = 0;
    const before = new Set((await hub.audit.events()).map((e) => `${e.writerId}/${e.seq}`));
    await graphql(hub.gatewayUrl, DOSSIER, { idNumber: resident.idNumber }, hub.headers('police', 'case-investigation', 'WH-2025-0042'));
    const recorded = (await hub.audit.events()).filter((e) => !before.has(`${e.writerId}/${e.seq}`));
    const forResident = recorded.filter((e) => e.typeName === 'Person' && e.recordIds.includes(resident.id));
    expect(forResident.length).toBeGreaterThanOrEqual(4);
    expect(new Set(forResident.map((e) => e.purpose))).toEqual(new Set(['case-investigation']));
    expect(new Set(forResident.map((e) => e.caseId))).toEqual(new Set(['WH-2025-0042']));
    expect(new Set(forResident.map((e) => e.requestId)).size).toBe(1);

    expect(new Set(hub.subgraphRequests.map((r) => r.department))).toEqual(new Set(['police', 'housing', 'labour', 'health']));
    const tokens = new Set<string>();
    for (const request of hub.subgraphRequests) {
      expect(request.headers['x-purpose']).toBeUndefined();
      expect(request.headers['x-case-id']).toBeUndefined();
      expect(request.headers.authorization).toBeUndefined();
      const token = request.headers['x-hub-internal-token'] as string;
      const { payload } = await jwtVerify(token, hub.gatewayKeys.keySet, { algorithms: ['EdDSA'], audience: `urn:population-data-hub:subgraph:${request.department}` });
      expect(payload).toMatchObject({
        purpose: 'case-investigation',
        caseId: 'WH-2025-0042',
        requestId: forResident[0]?.requestId,
        principal: { subject: 'police-test-user', department: 'police', roles: ['police'] },
      });
      tokens.add(token);
    }
    // One token per subgraph call, each for its own subgraph and body.
    expect(tokens.size).toBe(hub.subgraphRequests.length);
  });

  it('fetches a resident by hub id as well as by identity number', async () => {
    const resident = await residentKnownToAllDepartments();
    const response = await graphql(hub.gatewayUrl, `query($id: ID!) { person(id: $id) { idNumber healthProfile { familyPlanningStatus } } }`, { id: resident.id }, hub.headers());
    expect(response.body.data?.person.idNumber).toBe(resident.idNumber);
  });

  it('lists the residents of a house, of an employer and of a grid across departments', async () => {
    const resident = await residentKnownToAllDepartments();
    const dossier = await graphql(hub.gatewayUrl, DOSSIER, { idNumber: resident.idNumber }, hub.headers());
    const person = dossier.body.data?.personByIdNumber;
    const houseCode = person.residence.house.code as string;
    const gridCode = person.residence.grid.code as string;
    const employerCode = person.employments.edges[0].node.employer.creditCode as string;

    const house = await graphql(hub.gatewayUrl, `query($code: String!) { houseByCode(code: $code) { address residents { edges { node { id name } } } tenancies { edges { node { tenant { id name } } } } } }`, { code: houseCode }, hub.headers());
    expect(house.body.errors).toBeUndefined();
    expect(house.body.data?.houseByCode.residents.edges.map((e: any) => e.node.id)).toContain(resident.id);
    expect(house.body.data?.houseByCode.tenancies.edges.map((e: any) => e.node.tenant.name)).toContain(resident.name);

    const employer = await graphql(hub.gatewayUrl, `query($code: String!) { employerByCreditCode(creditCode: $code) { name employments(first: 100) { edges { node { person { id name } } } } } }`, { code: employerCode }, hub.headers());
    expect(employer.body.errors).toBeUndefined();
    expect(employer.body.data?.employerByCreditCode.employments.edges.map((e: any) => e.node.person.id)).toContain(resident.id);

    const grid = await graphql(hub.gatewayUrl, `query($code: String!) { grid(code: $code) { name residents(first: 100) { edges { node { id } } } houses(first: 5) { edges { node { code } } } employers(first: 5) { edges { node { name } } } } }`, { code: gridCode }, hub.headers());
    expect(grid.body.errors).toBeUndefined();
    expect(grid.body.data?.grid.residents.edges.map((e: any) => e.node.id)).toContain(resident.id);
    expect(grid.body.data?.grid.houses.edges.length).toBeGreaterThan(0);
  });

  it('pages through every resident with cursors without repeating or skipping anyone', async () => {
    const total = (await hub.databases.police.db.select().from(persons)).length;
    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const page: any = await graphql(hub.gatewayUrl, `query($after: String) { persons(first: 100, after: $after) { edges { node { id } } pageInfo { hasNextPage endCursor } } }`, { after }, hub.headers());
      seen.push(...page.body.data.persons.edges.map((e: any) => e.node.id));
      if (!page.body.data.persons.pageInfo.hasNextPage) break;
      after = page.body.data.persons.pageInfo.endCursor;
    }
    expect(seen).toHaveLength(total);
    expect(new Set(seen).size).toBe(total);
  });

  it('lets each department write its own records through the gateway and shows them in the dossier', async () => {
    const [grid] = await hub.databases.police.db.select().from(grids).limit(1);
    const district = grid!.districtCode;
    const idNumber = makeIdNumber('511302', '1992-02-29', 321, 'MALE');
    const person = await graphql(hub.gatewayUrl, `mutation($input: RegisterPersonInput!) { registerPerson(input: $input) { person { id status } } }`, {
      input: { idNumber, name: '赵磊', ethnicity: '汉族', householdDivisionCode: '511302', householdAddress: '南充市顺庆区人民路1号', phone: '13912345678' },
    }, hub.headers('police', 'population-management'));
    expect(person.body.errors).toBeUndefined();
    const personId = person.body.data?.registerPerson.person.id as string;
    const houseCode = `${district}000099990001`;
    // A house's address names its district.
    const houseAddress = `${DIVISIONS.get(district) ?? ''}测试路1号`;
    const house = await graphql(hub.gatewayUrl, `mutation($input: RegisterHouseInput!) { registerHouse(input: $input) { house { id } } }`, {
      input: { code: houseCode, address: houseAddress, divisionCode: district, gridCode: grid!.code, ownerName: '房东甲', use: 'RENTAL', rooms: 2 },
    }, hub.headers('housing', 'housing-administration'));
    expect(house.body.errors).toBeUndefined();
    const residence = await graphql(hub.gatewayUrl, `mutation($input: RegisterResidenceInput!) { registerResidence(input: $input) { registration { id } } }`, {
      input: { personId, address: `${DIVISIONS.get(district) ?? ''}测试路1号`, divisionCode: district, gridCode: grid!.code, houseCode, since: '2025-03-01' },
    }, hub.headers('police', 'population-management'));
    expect(residence.body.errors).toBeUndefined();
    const tenancy = await graphql(hub.gatewayUrl, `mutation($input: RegisterTenancyInput!) { registerTenancy(input: $input) { tenancy { id } } }`, {
      input: { houseId: house.body.data?.registerHouse.house.id, tenantId: personId, landlordName: '房东甲', start: '2025-03-01', monthlyRent: 1800 },
    }, hub.headers('housing', 'housing-administration'));
    expect(tenancy.body.errors).toBeUndefined();
    const employer = await graphql(hub.gatewayUrl, `mutation($input: RegisterEmployerInput!) { registerEmployer(input: $input) { employer { id } } }`, {
      input: { creditCode: makeCreditCode(district, 'MA6CTE0T9'), name: '成都测试科技有限公司', industry: '制造业', address: `${DIVISIONS.get(district) ?? ''}测试路2号`, divisionCode: district, gridCode: grid!.code },
    }, hub.headers('labour', 'labour-administration'));
    expect(employer.body.errors).toBeUndefined();
    const job = await graphql(hub.gatewayUrl, `mutation($input: RegisterEmploymentInput!) { registerEmployment(input: $input) { employment { id } } }`, {
      input: { personId, employerId: employer.body.data?.registerEmployer.employer.id, position: '技术员', start: '2025-04-01', socialInsurance: 'INSURED' },
    }, hub.headers('labour', 'labour-administration'));
    expect(job.body.errors).toBeUndefined();
    const vaccination = await graphql(hub.gatewayUrl, `mutation($input: RecordVaccinationInput!) { recordVaccination(input: $input) { personId } }`, {
      input: { personId, vaccine: '流感疫苗', dose: 1, administeredOn: '2025-10-10', institution: '武侯区社区卫生服务中心' },
    }, hub.headers('health', 'public-health'));
    expect(vaccination.body.errors).toBeUndefined();

    const dossier = await graphql(hub.gatewayUrl, DOSSIER, { idNumber }, hub.headers(jointServiceClaims(), 'public-health'));
    expect(dossier.body.errors).toBeUndefined();
    const read = dossier.body.data?.personByIdNumber;
    expect(read.status).toBe('FLOATING');
    expect(read.residence.house).toMatchObject({ code: houseCode, address: houseAddress, use: 'RENTAL' });
    expect(read.tenancies.edges[0].node.monthlyRent).toBe(1800);
    expect(read.employments.edges[0].node.employer.name).toBe('成都测试科技有限公司');
    expect(read.healthProfile.vaccinations.edges[0].node.vaccine).toBe('流感疫苗');
  });

  it('answers a misspelt field without suggesting field names', async () => {
    const response = await graphql(hub.gatewayUrl, `{ persons(first: 1) { edges { node { idNumbr } } } }`, {}, hub.headers());
    expect(response.status).toBe(400);
    expect(response.body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(response.body.errors?.[0]?.message).toBe('Cannot query field "idNumbr" on type "Person".');
  });

  it('passes a validation error from a subgraph through the gateway, naming the field', async () => {
    const response = await graphql(hub.gatewayUrl, `mutation($input: RegisterPersonInput!) { registerPerson(input: $input) { person { id } } }`, {
      input: { idNumber: '11010519491231002Y', name: '王芳', ethnicity: '汉族', householdDivisionCode: '110105', householdAddress: '北京市朝阳区建国路1号' },
    }, hub.headers('police', 'population-management'));
    expect(errorCodes(response)).toEqual(['BAD_USER_INPUT']);
    expect(response.body.errors?.[0]?.extensions?.field).toBe('input.idNumber');
    expect(JSON.stringify(response.body)).not.toMatch(/stack|at .*\.ts|127\.0\.0\.1/);
  });
});

describe('a gateway whose subgraph is down', () => {
  let partial: TestHub;
  beforeAll(async () => {
    partial = await startTestHub({ persons: 50, subgraphUrlOverrides: { health: 'http://127.0.0.1:9/graphql' } });
  });
  afterAll(async () => {
    await partial?.close();
  });

  it('still boots and answers the other departments, with a generic error for the missing part', async () => {
    const [person] = await partial.databases.police.db.select().from(persons).limit(1);
    const response = await graphql(partial.gatewayUrl, `query($id: ID!) { person(id: $id) { name healthProfile { familyPlanningStatus } } }`, { id: person!.id }, partial.headers());
    expect(response.body.data?.person.name).toBe(person!.name);
    expect(response.body.data?.person.healthProfile).toBeNull();
    expect(response.body.errors?.length).toBeGreaterThan(0);
    expect(JSON.stringify(response.body.errors)).not.toContain('127.0.0.1:9');
  });
});
