import { and, count, eq, lte, ne } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../auth/roles.js';
import { DIVISIONS, makeCreditCode, makeIdNumber } from '../../domain/index.js';
import { today } from '../../platform/input.js';
import { apiSchema } from '../../schema/compose.js';
import * as exchange from '../../exchange/db/schema.js';
import * as health from '../../subgraphs/health/db/schema.js';
import * as housing from '../../subgraphs/housing/db/schema.js';
import * as labour from '../../subgraphs/labour/db/schema.js';
import * as police from '../../subgraphs/police/db/schema.js';
import { graphql, type GraphQLResponse } from '../support/graphql.js';
import { startTestHub, type TestHub } from '../support/hub.js';
import * as alertStore from '../../alerts/db/schema.js';
import * as auditStore from '../../audit/db/schema.js';
import { DEFAULT_ANOMALY_SETTINGS, type AnomalySettings } from '../../audit/anomalies/rules.js';
import * as declarationsStore from '../../subgraphs/declarations/db/schema.js';
import { raisePoliceAlert } from '../support/alerts.js';
import { metaFor, testWriter } from '../support/audit.js';
import { accepted, CONFIRM, issueLink, landlordOf, REJECT, submit, tenancyOf, type Resident } from '../support/declarations.js';
import { principalForRole } from '../support/tokens.js';
import { callerIn, OWN_PURPOSE, seededPlaces, unknownId, withoutKeys, type SeededPlaces } from '../support/jurisdiction.js';
import { DEPARTMENT_IMPORTS, digestOf, emptyRow, loadableRow, sentRows, startedJob, startInput, valuesOf, type DepartmentImport } from '../support/imports.js';

/**
 * Every mutation of every subgraph, written by a caller confined to one
 * district of the seeded city: a record outside it answers exactly as one that
 * does not exist, a new record placed outside it is FORBIDDEN naming the input
 * field, records that carry no place here are refused outright, and none of
 * these stores anything. The list of mutations is read from the schema, so a
 * new mutation without a case here fails the suite.
 */

let hub: TestHub;
let places: SeededPlaces;

/** Thresholds low enough that a handful of reads raises a flag for auditors to review; the hub works around the clock here. */
const ANOMALIES: AnomalySettings = { ...DEFAULT_ANOMALY_SETTINGS, bulkMinResidents: 5, workHours: { start: 0, end: 24 * 60 }, workDays: [1, 2, 3, 4, 5, 6, 7] };

beforeAll(async () => {
  hub = await startTestHub({ persons: 120, key: 'writes-city', anomalies: { settings: ANOMALIES } });
  places = await seededPlaces(hub);
}, 600_000);

afterAll(async () => {
  await hub?.close();
});

const confined = (role: Role) => callerIn(role, [places.district]);
const cityWide = (role: Role) => callerIn(role, null);

function write(role: Role, claims: ReturnType<typeof callerIn>, query: string, variables: Record<string, unknown>): Promise<GraphQLResponse<Record<string, any>>> {
  return graphql(hub.gatewayUrl, query, variables, hub.headers(claims, OWN_PURPOSE[role]));
}

const codeOf = (response: GraphQLResponse) => response.body.errors?.[0]?.extensions?.code;

/** Row counts of every table a write could touch: "stores nothing" means none of them moved. */
async function stored(): Promise<Record<string, number>> {
  const tables = {
    persons: [hub.databases.police.db, police.persons],
    residences: [hub.databases.police.db, police.residenceRegistrations],
    permits: [hub.databases.police.db, police.residencePermits],
    moveOuts: [hub.databases.police.db, police.moveOuts],
    outbox: [hub.databases.police.db, police.exchangeOutbox],
    houses: [hub.databases.housing.db, housing.houses],
    tenancies: [hub.databases.housing.db, housing.tenancies],
    employers: [hub.databases.labour.db, labour.employers],
    employments: [hub.databases.labour.db, labour.employments],
    profiles: [hub.databases.health.db, health.healthProfiles],
    vaccinations: [hub.databases.health.db, health.vaccinations],
    maternalCare: [hub.databases.health.db, health.maternalCareRecords],
    checkups: [hub.databases.health.db, health.checkups],
    partners: [hub.exchange.database.db, exchange.partners],
    alerts: [hub.alerts.database.db, alertStore.alerts],
    alertActions: [hub.alerts.database.db, alertStore.alertActions],
    webhooks: [hub.alerts.database.db, alertStore.webhookSubscriptions],
    declarations: [hub.declarations.database.db, declarationsStore.declarations],
    premisesLinks: [hub.declarations.database.db, declarationsStore.premisesLinks],
    anomalyReviews: [hub.audit.database.db, auditStore.anomalyReviews],
    caseDisclosures: [hub.audit.database.db, auditStore.auditCaseDisclosures],
    // Each department's import ledger: a job started, a batch taken, a row refused.
    policeImportJobs: [hub.databases.police.db, police.importJobs],
    policeImportBatches: [hub.databases.police.db, police.importBatches],
    housingImportJobs: [hub.databases.housing.db, housing.importJobs],
    housingImportBatches: [hub.databases.housing.db, housing.importBatches],
    labourImportJobs: [hub.databases.labour.db, labour.importJobs],
    labourImportBatches: [hub.databases.labour.db, labour.importBatches],
    healthImportJobs: [hub.databases.health.db, health.importJobs],
    healthImportBatches: [hub.databases.health.db, health.importBatches],
  } as const;
  const result: Record<string, number> = {};
  for (const [name, [db, table]] of Object.entries(tables)) {
    const [row] = await (db as typeof hub.databases.police.db).select({ n: count() }).from(table as typeof police.persons);
    result[name] = row?.n ?? 0;
  }
  return result;
}

/** A confined caller's write, with the statements it cost each department and its trace in the access log. */
async function confinedWrite(role: Role, query: string, variables: Record<string, unknown>, key: string) {
  const claims = confined(role);
  const before = hub.statements();
  const response = await write(role, claims, query, variables);
  const after = hub.statements();
  const statements = Object.fromEntries(Object.entries(after).map(([d, n]) => [d, n - before[d as keyof typeof before]]));
  const trace = (await hub.audit.events())
    .filter((e) => e.subject === claims.sub)
    .map((e) => JSON.stringify({ kind: e.kind, subgraph: e.subgraph, typeName: e.typeName, recordIds: e.recordIds, fields: e.fields, outcome: e.outcome, errorCode: e.errorCode }).split(key).join('<key>'))
    .sort();
  return { response, statements, trace };
}

/**
 * A write about an existing record: the confined caller's attempt on a record
 * outside and on a key nobody holds get the same NOT_FOUND (the key they gave
 * aside), cost the same statements, leave the same trace and store nothing;
 * an unconfined caller's same write on the record outside succeeds, so it was
 * the jurisdiction that stopped the first.
 */
async function expectOutsideReadsAsUnknown(
  role: Role,
  query: string,
  variables: (key: string) => Record<string, unknown>,
  outsideKey: string,
  // A key of the form the mutation takes that nobody holds: an id unless the record is named by a code.
  unknownKey: string = unknownId(),
): Promise<GraphQLResponse<Record<string, any>>> {
  const before = await stored();
  const outside = await confinedWrite(role, query, variables(outsideKey), outsideKey);
  const unknown = await confinedWrite(role, query, variables(unknownKey), unknownKey);
  expect(codeOf(unknown.response)).toBe('NOT_FOUND');
  expect(withoutKeys(outside.response, outsideKey)).toBe(withoutKeys(unknown.response, unknownKey));
  expect(outside.statements).toEqual(unknown.statements);
  expect(outside.trace).toEqual(unknown.trace);
  expect(await stored()).toEqual(before);
  const control = await write(role, cityWide(role), query, variables(outsideKey));
  expect(control.body.errors).toBeUndefined();
  return control;
}

/**
 * A decision on declarations in the caller's queue: one outside the district
 * is answered, declaration by declaration, exactly as an id nobody holds
 * (NOT_FOUND, no declaration), at the same cost and trace, deciding and
 * storing nothing; an unconfined caller's same decision on it is made.
 */
async function expectOutsideQueuedAsUnknown(mutation: 'confirmDeclarations' | 'rejectDeclarations', query: string, variables: (id: string) => Record<string, unknown>, outsideId: string) {
  const before = await stored();
  const unknownKey = unknownId();
  const outside = await confinedWrite('housing', query, variables(outsideId), outsideId);
  const unknown = await confinedWrite('housing', query, variables(unknownKey), unknownKey);
  expect(unknown.response.body.errors).toBeUndefined();
  expect(unknown.response.body.data?.[mutation].results).toEqual([expect.objectContaining({ done: false, declaration: null, problems: [expect.objectContaining({ code: 'NOT_FOUND' })] })]);
  expect(withoutKeys(outside.response, outsideId)).toBe(withoutKeys(unknown.response, unknownKey));
  expect(outside.statements).toEqual(unknown.statements);
  expect(outside.trace).toEqual(unknown.trace);
  expect(await stored()).toEqual(before);
  const [row] = await hub.declarations.database.db.select().from(declarationsStore.declarations).where(eq(declarationsStore.declarations.id, outsideId));
  expect(row?.status).toBe('PENDING');
  const control = await write('housing', cityWide('housing'), query, variables(outsideId));
  expect(control.body.errors).toBeUndefined();
  expect(control.body.data?.[mutation].results).toEqual([expect.objectContaining({ id: outsideId, done: true, problems: [] })]);
}

/**
 * A new record placed by the caller's own input: outside the district it is
 * FORBIDDEN naming the field and stores nothing; inside it is written.
 */
async function expectPlaceRefused(role: Role, query: string, outsideInput: Record<string, unknown>, insideInput: Record<string, unknown>, field: string) {
  const before = await stored();
  const refused = await write(role, confined(role), query, { input: outsideInput });
  expect(codeOf(refused)).toBe('FORBIDDEN');
  expect(refused.body.errors?.[0]?.extensions?.field).toBe(field);
  expect(refused.body.errors?.[0]?.message).toContain(field);
  expect(await stored()).toEqual(before);
  const inside = await write(role, confined(role), query, { input: insideInput });
  expect(inside.body.errors).toBeUndefined();
  return inside;
}

/**
 * Records that carry no place in this city (health records, partner cities,
 * a person not yet living anywhere): a confined caller is refused outright,
 * the same answer whatever the input names, and nothing is stored; an
 * unconfined caller's same requests are not refused.
 */
async function expectRefusedToConfined(role: Role, query: string, variants: Record<string, unknown>[]) {
  const before = await stored();
  const answers = await Promise.all(variants.map((variables) => write(role, confined(role), query, variables)));
  for (const answer of answers) expect(codeOf(answer)).toBe('FORBIDDEN');
  expect(new Set(answers.map((a) => JSON.stringify(a.body)))).toHaveProperty('size', 1);
  expect(await stored()).toEqual(before);
  for (const variables of variants) expect(codeOf(await write(role, cityWide(role), query, variables))).not.toBe('FORBIDDEN');
}

const TODAY = new Date().toISOString().slice(0, 10);
const RECENT = '2025-06-01';
const someoneNew = (serial: number) => makeIdNumber('510107', '1990-05-05', 900 + serial, 'MALE');

/** A person newly on the register (by an unconfined officer), with no home, tenancy or job here yet. */
async function newResident(serial: number): Promise<Resident> {
  const idNumber = makeIdNumber('500103', '1990-05-05', serial, 'MALE');
  const registered = await write('police', cityWide('police'), `mutation($input: RegisterPersonInput!) { registerPerson(input: $input) { person { id } } }`, {
    input: { idNumber, name: '新住户', ethnicity: '汉族', householdDivisionCode: '500103', householdAddress: '重庆市渝中区解放碑民权路28号' },
  });
  expect(registered.body.errors).toBeUndefined();
  return { id: registered.body.data?.registerPerson.person.id as string, idNumber, name: '新住户', birthDate: '1990-05-05' };
}

/** A unified house code of the district's form that no house holds. */
const unknownHouseCode = () => `${places.district}999999999999`;

/** A pending tenancy declaration at a house, made by its landlord through the link they issued for it. */
async function declaredAt(house: { code: string }, serial: number): Promise<string> {
  const landlord = landlordOf(house.code);
  const link = await issueLink(hub, landlord, 'declaration', 'HOUSE', house.code);
  const data = accepted(await submit(hub, landlord, tenancyOf(await newResident(serial), link.token as string)));
  return data.submitDeclaration.declaration.id as string;
}

/** Every mutation in the schema, with the case that proves it stays inside the jurisdiction. */
const CASES: Record<string, () => Promise<void>> = {
  registerPerson: async () => {
    const query = `mutation($input: RegisterPersonInput!) { registerPerson(input: $input) { person { id } } }`;
    const input = (idNumber: string) => ({ input: { idNumber, name: '新登记', ethnicity: '汉族', householdDivisionCode: '510107', householdAddress: '武侯区某路1号' } });
    // One number already on the register outside the district, one nobody holds: the caller cannot tell them apart.
    await expectRefusedToConfined('police', query, [input(places.persons.outside[0]!.idNumber), input(someoneNew(1))]);
  },
  registerResidence: async () => {
    const query = `mutation($input: RegisterResidenceInput!) { registerResidence(input: $input) { registration { id grid { code } person { id } } } }`;
    const at = (personId: string, gridCode: string) => ({ personId, address: `${DIVISIONS.get(gridCode.slice(0, 6)) ?? ''}某路9号`, divisionCode: gridCode.slice(0, 6), gridCode, since: RECENT });
    const [inside, mover] = places.persons.inside;
    await expectOutsideReadsAsUnknown('police', query, (personId) => ({ input: at(personId, places.grids.inside[0]!) }), places.persons.outside[1]!.id);
    const moved = await expectPlaceRefused('police', query, at(inside!.id, places.grids.outside[0]!), at(mover!.id, places.grids.inside[0]!), 'input.gridCode');
    expect(moved.body.data?.registerResidence.registration.person).toEqual({ id: mover!.id });
    // A house in another district is a place outside too, even in a grid of the caller's.
    const outsideHouse = { ...at(mover!.id, places.grids.inside[0]!), houseCode: places.houses.outside[0]!.code };
    // The house inside is named with its own grid: one of another grid is refused as a mistake, not a place.
    const insideHouse = { ...at(mover!.id, places.houses.inside[0]!.gridCode), houseCode: places.houses.inside[0]!.code };
    await expectPlaceRefused('police', query, outsideHouse, insideHouse, 'input.houseCode');
  },
  // By identity the residence is registered as registerResidence registers it: placed by the caller's grid, checked before anything is stored.
  registerResidenceByIdentity: async () => {
    const query = `mutation($input: RegisterResidenceByIdentityInput!) { registerResidenceByIdentity(input: $input) { identityConfirmed registration { id grid { code } person { id } } } }`;
    // A resident of the district whom registerResidence's case was refused to move: they live inside still.
    const resident = places.persons.inside[0]!;
    const [person] = await hub.databases.police.db.select().from(police.persons).where(eq(police.persons.id, resident.id));
    const at = (gridCode: string) => ({ idNumber: person!.idNumber, name: person!.name, address: `${DIVISIONS.get(gridCode.slice(0, 6)) ?? ''}某路10号`, divisionCode: gridCode.slice(0, 6), gridCode, since: today() });
    const moved = await expectPlaceRefused('police', query, at(places.grids.outside[0]!), at(places.grids.inside[0]!), 'input.gridCode');
    expect(moved.body.data?.registerResidenceByIdentity).toMatchObject({ identityConfirmed: true, registration: { grid: { code: places.grids.inside[0] }, person: { id: resident.id } } });
  },
  recordMoveOut: async () => {
    const query = `mutation($input: RecordMoveOutInput!) { recordMoveOut(input: $input) { person { id status } } }`;
    // Today: a move-out is not before the residence it ends began.
    const input = (personId: string) => ({ input: { personId, destinationDivisionCode: '500103', movedOn: today() } });
    await expectOutsideReadsAsUnknown('police', query, input, places.persons.outside[2]!.id);
    // Moved out, the person lives nowhere the caller covers: the payload is read through the jurisdiction like any read.
    const leaving = places.persons.inside[2]!;
    const own = await write('police', confined('police'), query, input(leaving.id));
    expect(own.body).toEqual({ data: { recordMoveOut: { person: null } } });
    const [row] = await hub.databases.police.db.select().from(police.persons).where(eq(police.persons.id, leaving.id));
    expect(row?.status).toBe('MOVED_OUT');
  },
  issueResidencePermit: async () => {
    const query = `mutation($input: IssueResidencePermitInput!) { issueResidencePermit(input: $input) { person { id } } }`;
    const floating = places.persons.outside.find((p) => p.status === 'FLOATING');
    if (!floating) throw new Error('the seeded city has no floating resident outside the district');
    await expectOutsideReadsAsUnknown('police', query, (personId) => ({ input: { personId, issuedOn: RECENT, validUntil: '2027-06-01' } }), floating.id);
  },
  registerHouse: async () => {
    const query = `mutation($input: RegisterHouseInput!) { registerHouse(input: $input) { house { id grid { code } } } }`;
    const at = (gridCode: string, serial: string) => ({
      code: `${gridCode.slice(0, 6)}77770000${serial}`,
      // An address names the house's district.
      address: `${DIVISIONS.get(gridCode.slice(0, 6)) ?? ''}某路7号`,
      divisionCode: gridCode.slice(0, 6),
      gridCode,
      ownerName: '王芳',
      use: 'RENTAL',
      rooms: 2,
    });
    const made = await expectPlaceRefused('housing', query, at(places.grids.outside[0]!, '0001'), at(places.grids.inside[0]!, '0002'), 'input.gridCode');
    expect(made.body.data?.registerHouse.house.grid).toEqual({ code: places.grids.inside[0] });
  },
  registerTenancy: async () => {
    const query = `mutation($input: RegisterTenancyInput!) { registerTenancy(input: $input) { tenancy { id house { id } } } }`;
    // A tenant on the register, with no other tenancy: only the house decides the answer.
    const registered = await write('police', cityWide('police'), `mutation($input: RegisterPersonInput!) { registerPerson(input: $input) { person { id } } }`, {
      input: { idNumber: makeIdNumber('500103', '1990-05-05', 950, 'MALE'), name: '新租户', ethnicity: '汉族', householdDivisionCode: '500103', householdAddress: '重庆市渝中区解放碑民权路28号' },
    });
    expect(registered.body.errors).toBeUndefined();
    const tenant: string = registered.body.data?.registerPerson.person.id;
    const control = await expectOutsideReadsAsUnknown(
      'housing',
      query,
      (houseId) => ({ input: { houseId, tenantId: tenant, landlordName: '王芳', start: RECENT, monthlyRent: 1500 } }),
      places.houses.outside[0]!.id,
    );
    expect(control.body.data?.registerTenancy.tenancy.house).toEqual({ id: places.houses.outside[0]!.id });
  },
  // A house outside the district, named by its code, is one no house holds.
  registerTenancyByIdentity: async () => {
    const query = `mutation($input: RegisterTenancyByIdentityInput!) { registerTenancyByIdentity(input: $input) { identityConfirmed tenancy { id house { id } } } }`;
    const tenant = await newResident(960);
    const house = places.houses.outside[0]!;
    const control = await expectOutsideReadsAsUnknown(
      'housing',
      query,
      (houseCode) => ({ input: { houseCode, idNumber: tenant.idNumber, name: tenant.name, landlordName: '王芳', start: RECENT, monthlyRent: 1500 } }),
      house.code,
      unknownHouseCode(),
    );
    expect(control.body.data?.registerTenancyByIdentity).toEqual({ identityConfirmed: true, tenancy: { id: expect.any(String), house: { id: house.id } } });
  },
  endTenancy: async () => {
    const query = `mutation($input: EndTenancyInput!) { endTenancy(input: $input) { tenancy { id end house { id address ownerName } } } }`;
    const target = places.tenancies.outside[0]!;
    const end = target.start > TODAY ? target.start : TODAY;
    await expectOutsideReadsAsUnknown('housing', query, (tenancyId) => ({ input: { tenancyId, end } }), target.id);
  },
  registerEmployer: async () => {
    const query = `mutation($input: RegisterEmployerInput!) { registerEmployer(input: $input) { employer { id } } }`;
    const existing = places.employers.inside[0]!;
    const at = (gridCode: string, creditCode: string) => ({ creditCode, name: '新单位', industry: existing.industry, address: `${DIVISIONS.get(gridCode.slice(0, 6)) ?? ''}某路8号`, divisionCode: gridCode.slice(0, 6), gridCode });
    const creditCode = (serial: string) => makeCreditCode(places.district, `WJ${serial}`);
    await expectPlaceRefused('labour', query, at(places.grids.outside[0]!, creditCode('0000001')), at(places.grids.inside[0]!, creditCode('0000002')), 'input.gridCode');
  },
  registerEmployment: async () => {
    const query = `mutation($input: RegisterEmploymentInput!) { registerEmployment(input: $input) { employment { id employer { id } } } }`;
    // The worker must be on the register, of working age and still in the city (the police are asked), and not already employed there.
    const employed = new Set(
      (await hub.databases.labour.db.select().from(labour.employments).where(eq(labour.employments.employerId, places.employers.outside[0]!.id))).map((e) => e.personId),
    );
    const adults = await hub.databases.police.db
      .select()
      .from(police.persons)
      .where(and(ne(police.persons.status, 'MOVED_OUT'), lte(police.persons.birthDate, '2000-01-01')));
    const worker = adults.find((adult) => !employed.has(adult.id))!.id;
    const control = await expectOutsideReadsAsUnknown(
      'labour',
      query,
      (employerId) => ({ input: { personId: worker, employerId, position: '店员', start: RECENT, socialInsurance: 'INSURED' } }),
      places.employers.outside[0]!.id,
    );
    expect(control.body.data?.registerEmployment.employment.employer).toEqual({ id: places.employers.outside[0]!.id });
  },
  registerEmploymentByIdentity: async () => {
    const query = `mutation($input: RegisterEmploymentByIdentityInput!) { registerEmploymentByIdentity(input: $input) { identityConfirmed employment { id employer { id } } } }`;
    const employed = new Set(
      (await hub.databases.labour.db.select().from(labour.employments).where(eq(labour.employments.employerId, places.employers.outside[0]!.id))).map((e) => e.personId),
    );
    const adults = await hub.databases.police.db
      .select()
      .from(police.persons)
      .where(and(ne(police.persons.status, 'MOVED_OUT'), lte(police.persons.birthDate, '2000-01-01')));
    const worker = adults.find((adult) => !employed.has(adult.id))!;
    const control = await expectOutsideReadsAsUnknown(
      'labour',
      query,
      (employerId) => ({ input: { idNumber: worker.idNumber, name: worker.name, employerId, position: '店员', start: RECENT, socialInsurance: 'INSURED' } }),
      places.employers.outside[0]!.id,
    );
    expect(control.body.data?.registerEmploymentByIdentity.employment.employer).toEqual({ id: places.employers.outside[0]!.id });
  },
  endEmployment: async () => {
    const query = `mutation($input: EndEmploymentInput!) { endEmployment(input: $input) { employment { id end } } }`;
    const target = places.employments.outside[0]!;
    await expectOutsideReadsAsUnknown('labour', query, (employmentId) => ({ input: { employmentId, end: target.start > TODAY ? target.start : TODAY } }), target.id);
  },
  setFamilyPlanningStatus: async () => {
    const query = `mutation($input: SetFamilyPlanningStatusInput!) { setFamilyPlanningStatus(input: $input) { personId } }`;
    await expectRefusedToConfined('health', query, healthSubjects().map((personId) => ({ input: { personId, status: 'ONE_CHILD' } })));
  },
  recordVaccination: async () => {
    const query = `mutation($input: RecordVaccinationInput!) { recordVaccination(input: $input) { personId } }`;
    await expectRefusedToConfined('health', query, healthSubjects().map((personId) => ({ input: { personId, vaccine: '乙肝疫苗', dose: 1, administeredOn: RECENT, institution: '社区卫生服务中心' } })));
  },
  recordMaternalCare: async () => {
    const query = `mutation($input: RecordMaternalCareInput!) { recordMaternalCare(input: $input) { personId } }`;
    await expectRefusedToConfined('health', query, healthSubjects().map((personId) => ({ input: { personId, kind: 'PRENATAL', visitOn: RECENT, institution: '妇幼保健院' } })));
  },
  recordCheckup: async () => {
    const query = `mutation($input: RecordCheckupInput!) { recordCheckup(input: $input) { personId } }`;
    await expectRefusedToConfined('health', query, healthSubjects().map((personId) => ({ input: { personId, checkedOn: RECENT, institution: '社区卫生服务中心', result: 'NORMAL' } })));
  },
  addExchangePartner: async () => {
    const query = `mutation($input: AddExchangePartnerInput!) { addExchangePartner(input: $input) { partner { code } } }`;
    const input = { code: '500000', name: '重庆市', inboxUrl: 'http://127.0.0.1:9/exchange/v1/inbox', publicKey: '{}', agreements: [] };
    await expectRefusedToConfined('admin', query, [{ input }]);
  },
  updateExchangePartner: async () => {
    const query = `mutation($input: UpdateExchangePartnerInput!) { updateExchangePartner(input: $input) { partner { code } } }`;
    await expectRefusedToConfined('admin', query, [{ input: { code: '500000', name: '重庆' } }, { input: { code: '330100', name: '杭州' } }]);
  },
  suspendExchangePartner: async () => {
    const query = `mutation($code: String!) { suspendExchangePartner(code: $code) { partner { code } } }`;
    await expectRefusedToConfined('admin', query, [{ code: '500000' }, { code: '330100' }]);
  },
  resumeExchangePartner: async () => {
    const query = `mutation($code: String!) { resumeExchangePartner(code: $code) { partner { code } } }`;
    await expectRefusedToConfined('admin', query, [{ code: '500000' }, { code: '330100' }]);
  },
  removeExchangePartner: async () => {
    const query = `mutation($code: String!) { removeExchangePartner(code: $code) { partner { code } } }`;
    await expectRefusedToConfined('admin', query, [{ code: '500000' }, { code: '330100' }]);
  },
  retryExchangeNotices: async () => {
    const query = `mutation($ids: [ID!]!) { retryExchangeNotices(ids: $ids) { notices { id } } }`;
    await expectRefusedToConfined('admin', query, [{ ids: [unknownId()] }]);
  },
  // An alert raised in another district is acted on as one that does not exist.
  acknowledgeAlert: async () => {
    const query = `mutation($id: ID!) { acknowledgeAlert(input: { id: $id }) { alert { id status } } }`;
    await expectOutsideReadsAsUnknown('police', query, (id) => ({ id }), await raisePoliceAlert(hub, places.grids.outside[0]!));
  },
  resolveAlert: async () => {
    const query = `mutation($id: ID!) { resolveAlert(input: { id: $id, note: "已核实" }) { alert { id status } } }`;
    await expectOutsideReadsAsUnknown('police', query, (id) => ({ id }), await raisePoliceAlert(hub, places.grids.outside[0]!));
  },
  reassignAlert: async () => {
    const query = `mutation($id: ID!) { reassignAlert(input: { id: $id, assignee: "police-officer-9" }) { alert { id assignee } } }`;
    await expectOutsideReadsAsUnknown('police', query, (id) => ({ id }), await raisePoliceAlert(hub, places.grids.outside[0]!));
  },
  // Premises outside the district are, to the department's officer issuing their link, premises housing does not hold.
  issuePremisesLink: async () => {
    const query = `mutation($input: IssuePremisesLinkInput!) { issuePremisesLink(input: $input) { link { id premises { kind code } } } }`;
    const input = (code: string) => ({ input: { kind: 'HOUSE', code } });
    await expectOutsideReadsAsUnknown('housing', query, input, places.houses.outside[0]!.code, unknownHouseCode());
    const inside = await write('housing', confined('housing'), query, input(places.houses.inside[0]!.code));
    expect(inside.body.errors).toBeUndefined();
    expect(inside.body.data?.issuePremisesLink.link.premises).toEqual({ kind: 'HOUSE', code: places.houses.inside[0]!.code });
  },
  // A link to premises outside the district is, to the department's officer, a link that does not exist.
  revokePremisesLink: async () => {
    const house = places.houses.outside[0]!;
    const link = await issueLink(hub, cityWide('housing'), OWN_PURPOSE.housing, 'HOUSE', house.code);
    const query = `mutation($id: ID!) { revokePremisesLink(id: $id) { link { id revokedAt } } }`;
    const control = await expectOutsideReadsAsUnknown('housing', query, (id) => ({ id }), link.id as string);
    expect(control.body.data?.revokePremisesLink.link.revokedAt).not.toBeNull();
  },
  // A declarant is confined by the premises its credential names, not by a district: it declares
  // through the links of those premises and no others; what it declares is placed by the link.
  submitDeclaration: async () => {
    const own = places.houses.inside[0]!;
    const landlord = landlordOf(own.code);
    const ownLink = await issueLink(hub, landlord, 'declaration', 'HOUSE', own.code);
    const otherLink = await issueLink(hub, cityWide('housing'), OWN_PURPOSE.housing, 'HOUSE', places.houses.outside[0]!.code);
    const tenant = await newResident(962);
    const before = await stored();
    const refused = await submit(hub, landlord, tenancyOf(tenant, otherLink.token as string));
    expect(codeOf(refused)).toBe('BAD_USER_INPUT');
    expect(refused.body.errors?.[0]?.extensions?.field).toBe('input.link');
    expect(await stored()).toEqual(before);
    const made = accepted(await submit(hub, landlord, tenancyOf(tenant, ownLink.token as string)));
    expect(made.submitDeclaration.declaration).toMatchObject({ status: 'PENDING', premises: { kind: 'HOUSE', code: own.code }, gridCode: own.gridCode });
  },
  // A declaration at premises outside the district is not in the confined officer's queue.
  confirmDeclarations: async () => {
    const declared = await declaredAt(places.houses.outside[0]!, 964);
    await expectOutsideQueuedAsUnknown('confirmDeclarations', CONFIRM, (id) => ({ ids: [id] }), declared);
  },
  rejectDeclarations: async () => {
    const declared = await declaredAt(places.houses.outside[1]!, 966);
    await expectOutsideQueuedAsUnknown('rejectDeclarations', REJECT, (id) => ({ ids: [id], reason: '身份证号与姓名不符' }), declared);
  },
  // A flag about reads of records outside the district is, to a district auditor, a flag nobody raised.
  reviewAnomalyFlag: async () => {
    const query = `mutation($input: ReviewAnomalyFlagInput!) { reviewAnomalyFlag(input: $input) { flag { id status } } }`;
    const control = await expectOutsideReadsAsUnknown('auditor', query, (id) => ({ input: { id, verdict: 'JUSTIFIED', note: '已核实' } }), await flagOutside());
    expect(control.body.data?.reviewAnomalyFlag.flag.status).toBe('JUSTIFIED');
  },
  // A case carries no place to be outside of: the officer sets the disclosure of the case it declares
  // it works under (X-Case-Id), wherever its district, and of no other case.
  setCaseDisclosure: async () => {
    const query = `mutation($caseId: String!, $at: DateTime) { setCaseDisclosure(caseId: $caseId, discloseAfter: $at) { caseDisclosure { caseId withheldNow } } }`;
    const claims = confined('police');
    const before = await stored();
    const other = await graphql(hub.gatewayUrl, query, { caseId: 'WJ-2026-0002', at: null }, hub.headers(claims, 'case-investigation', 'WJ-2026-0001'));
    expect(codeOf(other)).toBe('BAD_USER_INPUT');
    expect(other.body.errors?.[0]?.extensions?.field).toBe('caseId');
    expect(await stored()).toEqual(before);
    const own = await graphql(hub.gatewayUrl, query, { caseId: 'WJ-2026-0001', at: null }, hub.headers(claims, 'case-investigation', 'WJ-2026-0001'));
    expect(own.body).toEqual({ data: { setCaseDisclosure: { caseDisclosure: { caseId: 'WJ-2026-0001', withheldNow: true } } } });
  },
  // A webhook belongs to the jurisdiction of whoever registered it: another district's is not there for this one.
  registerAlertWebhook: async () => {
    const query = `mutation($url: String!) { registerAlertWebhook(input: { url: $url }) { webhook { id } } }`;
    const mine = await write('police', confined('police'), query, { url: 'https://district.police.example.gov.cn/alerts' });
    expect(mine.body.errors).toBeUndefined();
    const listed = await write('police', callerIn('police', [places.grids.outside[0]!.slice(0, 6)]), `{ alertWebhooks { id } }`, {});
    expect(listed.body).toEqual({ data: { alertWebhooks: [] } });
  },
  removeAlertWebhook: async () => {
    const register = `mutation($url: String!) { registerAlertWebhook(input: { url: $url }) { webhook { id } } }`;
    const other = callerIn('police', [places.grids.outside[0]!.slice(0, 6)]);
    const theirs = (await write('police', other, register, { url: 'https://other.police.example.gov.cn/alerts' })).body.data?.registerAlertWebhook.webhook.id as string;
    const query = `mutation($id: ID!) { removeAlertWebhook(input: { id: $id }) { webhook { id } } }`;
    await expectOutsideReadsAsUnknown('police', query, (id) => ({ id }), theirs);
  },
  // Imports of legacy records (docs/import.md), each department's three writes.
  ...Object.fromEntries(DEPARTMENT_IMPORTS.flatMap((entry) => Object.entries(importCases(entry)))),
};

/**
 * Each department's import. A kind the single write refuses to confined
 * callers (the register's persons, health records) cannot be imported by one:
 * the start is refused outright, whatever the file. A kind placed by its rows
 * (houses, employers) is imported by a confined caller row by row through the
 * single write's rules: a row placed outside the district is refused
 * FORBIDDEN on its field, one inside loads. A job is its starter's to a
 * confined caller: another caller's is fed rows and finished as a job nobody
 * started, at the same cost and trace, storing nothing, while the city-wide
 * city-wide caller's same calls go through.
 */
function importCases(entry: DepartmentImport): Record<string, () => Promise<void>> {
  const { department, kind, start, rows, finish } = entry;
  const role = department as Role;
  const startQuery = `mutation($input: StartImportInput!) { ${start}(input: $input) { job { id } } }`;
  const rowsQuery = `mutation($input: ImportRowsInput!) { ${rows}(input: $input) { loaded refused rows { rowNumber status problems { field code } } } }`;
  const finishQuery = `mutation($input: FinishImportInput!) { ${finish}(input: $input) { job { id status } } }`;
  return {
    [start]: async () => {
      if (kind.unconfinedOnly) {
        await expectRefusedToConfined(role, startQuery, [{ input: startInput(kind) }, { input: startInput(kind, { rowCount: 500, dryRun: true }) }]);
        return;
      }
      // Placed by its rows: a confined caller starts a job, and each row is held to the district (the rows' case).
      const started = await write(role, confined(role), startQuery, { input: startInput(kind) });
      expect(started.body.errors).toBeUndefined();
      expect(started.body.data?.[start].job.id).toEqual(expect.any(String));
    },
    [rows]: async () => {
      await expectOutsideReadsAsUnknown(role, rowsQuery, (jobId) => ({ input: { jobId, batch: 0, rows: [emptyRow(kind)] } }), await startedJob(hub, department, { rowCount: 1, caller: cityWide(role) }));
      if (kind.unconfinedOnly) return;
      // The confined caller's own job: a row placed outside the district is refused on its grid, one inside loads.
      const caller = confined(role);
      const own = await startedJob(hub, department, { rowCount: 2, caller });
      const outside = valuesOf(kind, await loadableRow(hub, department, { gridCode: places.grids.outside[0]! }));
      const inside = valuesOf(kind, await loadableRow(hub, department, { gridCode: places.grids.inside[0]! }));
      const taken = await sentRows(hub, department, own, [{ rowNumber: 2, values: outside }, { rowNumber: 3, values: inside }], caller);
      expect(taken.rows.map((row) => [row.rowNumber, row.status])).toEqual([[2, 'REFUSED'], [3, 'LOADED']]);
      expect(taken.rows[0]?.problems).toContainEqual({ field: 'gridCode', code: 'FORBIDDEN' });
    },
    [finish]: async () => {
      await expectOutsideReadsAsUnknown(role, finishQuery, (jobId) => ({ input: { jobId, reportDigest: digestOf('row,column,value,reason') } }), await startedJob(hub, department, { rowCount: 0, caller: cityWide(role) }));
    },
  };
}

/**
 * A flag raised by a detector pass over a system that read, in one hour,
 * more residents of a district other than the test's than the threshold
 * allows: every record it is about lies outside the district.
 */
async function flagOutside(): Promise<string> {
  const subject = 'bulk-reader-elsewhere';
  const gridCode = places.grids.outside[0]!;
  const writer = testWriter(hub.audit.database, 'police');
  try {
    const meta = metaFor('housing', { principal: principalForRole('housing', { subject }) });
    const ids = Array.from({ length: ANOMALIES.bulkMinResidents + 1 }, (_, i) => `elsewhere-resident-${i}`);
    await Promise.all(ids.map((id) => writer.record({ ...meta, requestId: `elsewhere-${id}` }, { type: 'Person', ids: [id], fields: ['name'], places: [{ divisionCode: gridCode.slice(0, 6), gridCode }] })));
    await writer.flush();
  } finally {
    await writer.close();
  }
  await hub.anomalies.runOnce();
  const [flag] = await hub.audit.database.db.select().from(auditStore.anomalyFlags).where(eq(auditStore.anomalyFlags.subject, subject)).limit(1);
  if (!flag) throw new Error('the detector raised no flag over the reads elsewhere');
  return flag.id;
}

/** Residents inside the district, outside it, and an id nobody holds: health answers a confined caller the same for all. */
function healthSubjects(): string[] {
  return [places.persons.inside[3]!.id, places.persons.outside[3]!.id, unknownId()];
}

describe('writes by a caller confined to one district', () => {
  it('has a case here for every mutation of every subgraph', () => {
    const mutations = Object.keys(apiSchema().getMutationType()?.getFields() ?? {}).sort();
    expect(mutations.length).toBeGreaterThan(0);
    expect(Object.keys(CASES).sort()).toEqual(mutations);
  });

  for (const [mutation, run] of Object.entries(CASES)) {
    it(`keeps ${mutation} inside the caller's jurisdiction`, run, 60_000);
  }
});
