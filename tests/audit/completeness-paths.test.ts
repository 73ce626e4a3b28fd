import { randomUUID } from 'node:crypto';
import { and, eq, isNull } from 'drizzle-orm';
import {
  getNamedType,
  isEnumType,
  isLeafType,
  isNonNullType,
  isObjectType,
  type GraphQLField,
  type GraphQLObjectType,
  type GraphQLSchema,
} from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEvent } from '../../audit/api.js';
import { decide } from '../../auth/decide.js';
import { READ_POLICY, WRITE_POLICY } from '../../auth/policy.js';
import type { Principal, RequestMeta } from '../../auth/principal.js';
import { PURPOSES, mayDeclare, type Purpose } from '../../auth/purposes.js';
import { RECORDED_TYPES, isCarrierName } from '../../auth/recorded-types.js';
import { ROLES, type Role } from '../../auth/roles.js';
import { DIVISIONS, makeCreditCode, makeIdNumber } from '../../domain/index.js';
import { DEFAULT_OPERATION_LIMITS } from '../../platform/operation-limits.js';
import { apiSchema } from '../../schema/compose.js';
import { healthProfiles } from '../../subgraphs/health/db/schema.js';
import { houses, tenancies } from '../../subgraphs/housing/db/schema.js';
import { employers, employments } from '../../subgraphs/labour/db/schema.js';
import { persons, residenceRegistrations } from '../../subgraphs/police/db/schema.js';
import * as alertStore from '../../alerts/db/schema.js';
import { PremisesLinkSigner } from '../../auth/premises-link.js';
import * as declarationsDb from '../../subgraphs/declarations/db/schema.js';
import type { CallerTokenInput } from '../../auth/caller.js';
import { graphql, type GraphQLResponse } from '../support/graphql.js';
import { startTestHub, type TestHub } from '../support/hub.js';
import { claimsForRole, principalForRole, testPurposeFor } from '../support/tokens.js';
import { DEPARTMENT_IMPORTS, digestOf, emptyRow, loadableRow, sentRows, startedJob, startInput, valuesOf } from '../support/imports.js';

/*
 * Every path the API offers from an entry point (a query field, or a
 * mutation's payload) to a value of a recorded type, up to a bounded number
 * of hops, is walked through a real hub as each role the entry point is
 * granted to, under the purposes that role may declare for it. Then every
 * value of a recorded type in each answer must be named, with every field
 * served, by an access event of that very request. The paths come from the
 * schema and the recorded-types table; the roles and purposes from the
 * policy and the purpose registry.
 *
 * The paths of one entry point are merged into one request (connections
 * asked for one record each), so the walk stays a few dozen requests.
 */

/** Hops through fields that are not carriers (connections' edges and nodes, payloads). */
const MAX_HOPS = 4;
const CASE_ID = 'CASE-2026-001';

const schema: GraphQLSchema = apiSchema();
const isRecorded = (typeName: string) => Object.hasOwn(RECORDED_TYPES, typeName);

interface Walk {
  selection: string;
  /** Paths to a recorded type below this point, for the report. */
  paths: number;
}

/** Fields that are values: selected everywhere on the way, so each record's served fields can be checked. */
function leafFields(type: GraphQLObjectType): string[] {
  return Object.values(type.getFields())
    .filter((f) => isLeafType(getNamedType(f.type)) && f.args.every((a) => !isNonNullType(a.type)))
    .map((f) => f.name);
}

/** Arguments of a nested field: one record of a connection; a field needing anything else is not walked. */
function nestedArgs(field: GraphQLField<unknown, unknown>): string | null {
  if (field.args.some((a) => isNonNullType(a.type))) return null;
  return field.args.some((a) => a.name === 'first') ? '(first: 1)' : '';
}

/**
 * The merged selection of every path from `type` to a recorded type within
 * the hops left, or null when there is none.
 */
function walk(type: GraphQLObjectType, hopsLeft: number): Walk | null {
  const parts: string[] = ['__typename', ...leafFields(type)];
  let paths = isRecorded(type.name) ? 1 : 0;
  const carrier = isCarrierName(type.name);
  for (const field of Object.values(type.getFields())) {
    const target = getNamedType(field.type);
    if (!isObjectType(target)) continue;
    const left = carrier ? hopsLeft : hopsLeft - 1;
    if (left < 0 || (left === 0 && !isRecorded(target.name) && !isCarrierName(target.name))) continue;
    const args = nestedArgs(field);
    if (args === null) continue;
    const below = walk(target, left);
    if (!below) continue;
    parts.push(`${field.name}${args} { ${below.selection} }`);
    paths += below.paths;
  }
  return paths > 0 ? { selection: parts.join(' '), paths } : null;
}

interface Fixtures {
  personId: string;
  idNumber: string;
  name: string;
  gridCode: string;
  houseId: string;
  houseCode: string;
  employerId: string;
  creditCode: string;
  alertId: string;
  /** A premises link to the fixture house, signed by the hub. */
  linkToken: string;
  /** Residence declarations of the fixture resident pending in the police's queue: one to confirm, one to reject. */
  toConfirm: string;
  toReject: string;
  /** An import job of each department's, by the entry point that reads it, holding a row loaded and one refused. */
  importJobs: Map<string, string>;
}

/** Values for an entry point's required arguments, by the type it answers and the argument's name (by the entry point, where departments answer the type alike). */
function entryArgument(fixtures: Fixtures, typeName: string, argument: string, entryPoint: string): unknown {
  const job = fixtures.importJobs.get(entryPoint);
  if (typeName === 'ImportJob' && argument === 'id' && job) return job;
  const table = new Map<string, unknown>([
    ['Person.id', fixtures.personId],
    ['Person.idNumber', fixtures.idNumber],
    ['House.id', fixtures.houseId],
    ['House.code', fixtures.houseCode],
    ['Grid.code', fixtures.gridCode],
    ['Employer.id', fixtures.employerId],
    ['Employer.creditCode', fixtures.creditCode],
    ['HealthProfile.personId', fixtures.personId],
    ['Alert.id', fixtures.alertId],
    // The yes/no checks a department asks before it writes, each asked about the fixtures.
    ['PersonCheck.checks', [{ personId: fixtures.personId }]],
    ['GridCheck.codes', [fixtures.gridCode]],
    ['HouseCheck.checks', [{ code: fixtures.houseCode }]],
    ['IdentityCheck.checks', [{ idNumber: fixtures.idNumber, name: fixtures.name }]],
    // An entitled service's yes or no, and a declarant's identity check, about the fixture resident.
    ['VerificationAnswer.idNumber', fixtures.idNumber],
    ['VerificationAnswer.divisionCode', fixtures.gridCode.slice(0, 6)],
    ['VerificationAnswer.gridCode', fixtures.gridCode],
    ['DeclaredIdentityCheck.idNumber', fixtures.idNumber],
    ['DeclaredIdentityCheck.name', fixtures.name],
    // Collection at the source: the fixture premises, a declaration in the police's queue, the link to the fixture house.
    ['HousePremises.codes', [fixtures.houseCode]],
    ['EmployerPremises.creditCodes', [fixtures.creditCode]],
    ['Declaration.id', fixtures.toReject],
    ['PremisesLinkCheck.token', fixtures.linkToken],
    // What an auditor learns of the fixture resident before opening the history.
    ['AuditedResident.idNumber', fixtures.idNumber],
  ]);
  const key = `${typeName}.${argument}`;
  if (!table.has(key)) throw new Error(`no value for the argument ${argument} of an entry point answering ${typeName}: add one`);
  return table.get(key);
}

interface Call {
  name: string;
  role: Role;
  purpose: Purpose;
  query: string;
  variables: Record<string, unknown>;
}

interface Sent extends Call {
  requestId: string;
  meta: RequestMeta;
  response: GraphQLResponse;
}

/** The purposes a role reads under: its usual one, and the first it may declare for each field released only for some purposes. */
function purposesOf(role: Role): Purpose[] {
  const found = new Set<Purpose>([testPurposeFor([role])]);
  for (const rule of Object.values(READ_POLICY)) {
    if (!rule.grants[role] || !rule.purposes) continue;
    const declarable = rule.purposes.find((p) => mayDeclare([role], p));
    if (declarable) found.add(declarable);
  }
  return [...found];
}

let hub: TestHub;
let fixtures: Fixtures;
const sent: Sent[] = [];
let events: AuditEvent[] = [];
let pathCount = 0;

function principalOf(role: Role): Principal {
  return role === 'grid' ? principalForRole('grid', { jurisdiction: { divisions: [], grids: [fixtures.gridCode] } }) : principalForRole(role);
}

/** What a role's credential names beyond its role: a grid worker their grid, a declarant the fixture premises, a resident the fixture resident's number. */
function claimsOf(role: Role): CallerTokenInput {
  const named: Partial<Record<Role, Partial<CallerTokenInput>>> = {
    grid: { jurisdiction: { grids: [fixtures.gridCode] } },
    landlord: { premises: { houses: [fixtures.houseCode] } },
    employer: { premises: { employers: [fixtures.creditCode] } },
    resident: { idNumber: fixtures.idNumber },
  };
  return claimsForRole(role, named[role]);
}

async function send(call: Call): Promise<Sent> {
  const claims = claimsOf(call.role);
  const caseId = PURPOSES[call.purpose].needsCase ? CASE_ID : undefined;
  const response = await graphql(hub.gatewayUrl, call.query, call.variables, hub.headers(claims, call.purpose, caseId));
  const requestId = response.headers.get('x-request-id') ?? '';
  expect(requestId, call.name).not.toBe('');
  const done: Sent = { ...call, requestId, response, meta: { requestId, principal: principalOf(call.role), purpose: call.purpose, caseId: caseId ?? null } };
  sent.push(done);
  return done;
}

/** Every query field leading to a recorded type, as each role granted it under each purpose that role reads under. */
function queryCalls(): Call[] {
  const calls: Call[] = [];
  for (const field of Object.values(schema.getQueryType()!.getFields())) {
    const target = getNamedType(field.type);
    if (!isObjectType(target)) continue;
    const below = walk(target, isCarrierName(target.name) ? MAX_HOPS : MAX_HOPS - 1);
    if (!below) continue;
    pathCount += below.paths;
    const answers = target.name.endsWith('Connection') ? null : target.name;
    const variables: Record<string, unknown> = {};
    const declared: string[] = [];
    const passed: string[] = [];
    for (const arg of field.args) {
      if (arg.name === 'first') passed.push('first: 1');
      if (!isNonNullType(arg.type)) continue;
      const argType = getNamedType(arg.type);
      // A required choice (the exchange log's direction) is walked with its first value.
      variables[arg.name] = isEnumType(argType) ? argType.getValues()[0]!.value : entryArgument(fixtures, answers ?? '', arg.name, field.name);
      declared.push(`$${arg.name}: ${String(arg.type)}`);
      passed.push(`${arg.name}: $${arg.name}`);
    }
    const query = `query${declared.length ? `(${declared.join(', ')})` : ''} { ${field.name}${passed.length ? `(${passed.join(', ')})` : ''} { ${below.selection} } }`;
    for (const role of ROLES) {
      for (const purpose of purposesOf(role)) {
        const meta: RequestMeta = { requestId: 'plan', principal: principalForRole(role), purpose, caseId: null };
        if (!decide(meta, `Query.${field.name}`).allowed) continue;
        calls.push({ name: `Query.${field.name} as ${role} for ${purpose}`, role, purpose, query, variables });
      }
    }
  }
  return calls;
}

/** Inputs for the writes whose payloads lead to a recorded type, in the order they must run: each may use what the ones before made. */
type MutationInputs = Record<string, (made: Map<string, string>) => Record<string, unknown> | Promise<Record<string, unknown>>>;

const input = (value: Record<string, unknown>) => ({ input: value });

function mutationInputs(): MutationInputs {
  const district = fixtures.gridCode.slice(0, 6);
  const newcomer = makeIdNumber('511302', '1990-05-17', 500 + Math.floor(Math.random() * 400), 'FEMALE');
  return {
    registerPerson: () => input({
      idNumber: newcomer,
      name: '林小雨',
      ethnicity: '汉族',
      householdDivisionCode: '511302',
      householdAddress: '南充市顺庆区人民路1号',
      phone: '13800001234',
    }),
    registerResidence: (made) => input({
      personId: made.get('Person')!,
      address: `${DIVISIONS.get(district) ?? ''}玉林南路8号`,
      divisionCode: district,
      gridCode: fixtures.gridCode,
      houseCode: fixtures.houseCode,
      since: '2024-01-01',
    }),
    issueResidencePermit: (made) => input({ personId: made.get('Person')!, issuedOn: '2024-02-01', validUntil: '2027-02-01' }),
    registerHouse: () => input({
      code: `${district}${String(Date.now()).slice(-12)}`,
      address: `${DIVISIONS.get(district) ?? ''}玉林南路9号`,
      divisionCode: district,
      gridCode: fixtures.gridCode,
      ownerId: fixtures.personId,
      ownerName: '王芳',
      use: 'RENTAL',
      rooms: 3,
    }),
    registerTenancy: (made) => input({
      houseId: made.get('House')!,
      tenantId: made.get('Person')!,
      landlordId: fixtures.personId,
      landlordName: '王芳',
      start: '2024-03-01',
      monthlyRent: 1800,
    }),
    endTenancy: (made) => input({ tenancyId: made.get('Tenancy')!, end: '2024-12-31' }),
    registerEmployer: () => input({
      creditCode: makeCreditCode(district, `${String(Date.now()).slice(-8)}X`.slice(0, 9)),
      name: '成都玉林餐饮管理有限公司',
      industry: '住宿和餐饮业',
      // Labour refuses an address that does not name the employer's district.
      address: `${DIVISIONS.get(district) ?? ''}玉林南路12号`,
      divisionCode: district,
      gridCode: fixtures.gridCode,
    }),
    registerEmployment: (made) => input({
      personId: made.get('Person')!,
      employerId: made.get('Employer')!,
      position: '厨师',
      start: '2024-03-01',
      socialInsurance: 'INSURED',
    }),
    endEmployment: (made) => input({ employmentId: made.get('Employment')!, end: '2024-12-31' }),
    // The same newcomer by her number and name, after her first job there ended.
    registerEmploymentByIdentity: (made) => input({
      idNumber: newcomer,
      name: '林小雨',
      employerId: made.get('Employer')!,
      position: '保洁员',
      start: '2025-01-01',
      socialInsurance: 'INSURED',
    }),
    setFamilyPlanningStatus: (made) => input({ personId: made.get('Person')!, status: 'ONE_CHILD' }),
    recordVaccination: (made) => input({ personId: made.get('Person')!, vaccine: '乙肝疫苗', dose: 1, administeredOn: '2024-01-10', institution: '武侯区妇幼保健院' }),
    recordMaternalCare: (made) => input({ personId: made.get('Person')!, kind: 'PRENATAL', visitOn: '2024-02-01', institution: '武侯区妇幼保健院' }),
    recordCheckup: (made) => input({ personId: made.get('Person')!, checkedOn: '2024-02-02', institution: '武侯区妇幼保健院', result: 'NORMAL' }),
    // An unknown id: nothing to retry, and the payload is walked all the same.
    retryExchangeNotices: () => ({ ids: [randomUUID()] }),
    // The police's alert about the fixture resident: taken up, handed on, then resolved, which ends it.
    acknowledgeAlert: () => input({ id: fixtures.alertId }),
    reassignAlert: () => input({ id: fixtures.alertId, assignee: 'police-officer-2', note: '请核实' }),
    resolveAlert: () => input({ id: fixtures.alertId, note: '已核实' }),
    // The newcomer by her number and name: a room in the fixture house after her first tenancy ended, and a residence there.
    registerTenancyByIdentity: () => input({ houseCode: fixtures.houseCode, idNumber: newcomer, name: '林小雨', landlordName: '王芳', start: '2025-02-01', monthlyRent: 1600, room: '2室' }),
    registerResidenceByIdentity: () => input({
      idNumber: newcomer,
      name: '林小雨',
      address: `${DIVISIONS.get(district) ?? ''}玉林南路10号`,
      divisionCode: district,
      gridCode: fixtures.gridCode,
      houseCode: fixtures.houseCode,
      since: '2025-02-01',
    }),
    // The fixture house's landlord: a link to it, and the newcomer declared through the link.
    issuePremisesLink: () => input({ kind: 'HOUSE', code: fixtures.houseCode }),
    submitDeclaration: () => input({
      kind: 'TENANCY',
      link: fixtures.linkToken,
      idNumber: newcomer,
      name: '林小雨',
      phone: '13800138000',
      start: '2025-03-01',
      room: '3室',
      landlordName: '王芳',
      monthlyRent: 1500,
    }),
    revokePremisesLink: (made) => ({ id: made.get('PremisesLink')! }),
    // The police's queue: the fixture resident's residence declarations, one confirmed and one rejected.
    confirmDeclarations: () => ({ ids: [fixtures.toConfirm] }),
    rejectDeclarations: () => ({ ids: [fixtures.toReject], reason: '地址与房屋登记不符' }),
    // Each department's import of a file of two rows, one that loads and one refused, in one batch; then its finish.
    ...Object.fromEntries(
      DEPARTMENT_IMPORTS.flatMap(({ department, kind, start, rows, finish }) => [
        [start, () => input(startInput(kind, { rowCount: 2 }))],
        [
          rows,
          async (made: Map<string, string>) =>
            input({ jobId: made.get(`${start}.job`)!, batch: 0, rows: [{ rowNumber: 2, values: valuesOf(kind, await loadableRow(hub, department, { gridCode: fixtures.gridCode })) }, emptyRow(kind, 3)] }),
        ],
        [finish, (made: Map<string, string>) => input({ jobId: made.get(`${start}.job`)!, reportDigest: digestOf('row,column,value,reason') })],
      ]),
    ),
    // Last: a resident who has moved out lives nowhere a write above could reach.
    recordMoveOut: (made) => input({ personId: made.get('Person')!, destinationDivisionCode: '440305', movedOn: '2025-09-01' }),
  };
}

/** Runs every write whose payload leads to a recorded type, once, as the role the policy lets write it, selecting every path from its payload. */
async function sendMutations(): Promise<void> {
  const inputs = mutationInputs();
  const fields = schema.getMutationType()!.getFields();
  const leading = Object.values(fields).filter((f) => {
    const target = getNamedType(f.type);
    return isObjectType(target) && walk(target, MAX_HOPS) !== null;
  });
  for (const field of leading) expect(Object.hasOwn(inputs, field.name), `an input for Mutation.${field.name}, whose payload serves a recorded type`).toBe(true);
  const made = new Map<string, string>();
  for (const name of Object.keys(inputs)) {
    const field = fields[name]!;
    const below = walk(getNamedType(field.type) as GraphQLObjectType, MAX_HOPS)!;
    pathCount += below.paths;
    const rule = WRITE_POLICY[`Mutation.${name}`]!;
    const role = Object.keys(rule.grants)[0] as Role;
    const purpose = rule.purposes?.find((p) => mayDeclare([role], p)) ?? testPurposeFor([role]);
    const declared = field.args.map((a) => `$${a.name}: ${String(a.type)}`).join(', ');
    const passed = field.args.map((a) => `${a.name}: $${a.name}`).join(', ');
    const done = await send({
      name: `Mutation.${name} as ${role} for ${purpose}`,
      role,
      purpose,
      query: `mutation(${declared}) { ${name}(${passed}) { ${below.selection} } }`,
      variables: await inputs[name]!(made),
    });
    // The write took place; parts of its payload the writer may not read are refused.
    expect(done.response.body.data?.[name], `${done.name}: ${JSON.stringify(done.response.body.errors)}`).toBeTruthy();
    // What the write made, for the writes after it: by type (the first of each), and by the write and the payload's field.
    for (const [key, value] of Object.entries(done.response.body.data?.[name] as Record<string, unknown>)) {
      const row = value as Record<string, unknown> | null;
      if (!row || typeof row !== 'object' || typeof row.__typename !== 'string' || typeof row.id !== 'string') continue;
      if (!made.has(row.__typename)) made.set(row.__typename, row.id);
      made.set(`${name}.${key}`, row.id);
    }
  }
}

beforeAll(async () => {
  hub = await startTestHub({
    persons: 150,
    key: 'audit-completeness-paths',
    // The merged paths of one entry point make one large request; the hub's own limits are tested elsewhere.
    limits: { ...DEFAULT_OPERATION_LIMITS, maxDepth: 40, maxTokens: 100_000, maxCost: Number.MAX_SAFE_INTEGER, maxAliases: 1_000 },
  });
  const { police, housing, labour, health } = hub.databases;
  const tenants = new Map((await housing.db.select().from(tenancies).where(isNull(tenancies.end))).map((t) => [t.tenantId, t.houseId]));
  const workers = new Map((await labour.db.select().from(employments)).map((e) => [e.personId, e.employerId]));
  const profiled = new Set((await health.db.select().from(healthProfiles)).map((h) => h.personId));
  const [chosen] = (await police.db.select().from(persons)).filter((p) => tenants.has(p.id) && workers.has(p.id) && profiled.has(p.id));
  const [home] = await police.db
    .select()
    .from(residenceRegistrations)
    .where(and(eq(residenceRegistrations.personId, chosen!.id), isNull(residenceRegistrations.until)));
  const [house] = await housing.db.select().from(houses).where(eq(houses.id, tenants.get(chosen!.id)!));
  const [employer] = await labour.db.select().from(employers).where(eq(employers.id, workers.get(chosen!.id)!));
  fixtures = {
    personId: chosen!.id,
    idNumber: chosen!.idNumber,
    name: chosen!.name,
    gridCode: home!.gridCode,
    houseId: house!.id,
    houseCode: house!.code,
    employerId: employer!.id,
    creditCode: employer!.creditCode,
    alertId: '',
    linkToken: '',
    toConfirm: '',
    toReject: '',
    importJobs: new Map(),
  };
  // A link to the fixture house, and two residence declarations of the fixture resident there, pending with the police.
  const district = fixtures.gridCode.slice(0, 6);
  const linkId = randomUUID();
  const expiresAt = new Date(Date.now() + 86_400_000);
  await hub.declarations.database.db.insert(declarationsDb.premisesLinks).values({ id: linkId, kind: 'HOUSE', code: fixtures.houseCode, gridCode: fixtures.gridCode, divisionCode: district, label: '玉林南路', issuedBy: 'completeness', expiresAt });
  fixtures.linkToken = await new PremisesLinkSigner(hub.declarations.linkKey.signer).sign({ id: linkId, kind: 'HOUSE', code: fixtures.houseCode, issuedAt: new Date(), expiresAt });
  [fixtures.toConfirm, fixtures.toReject] = [randomUUID(), randomUUID()];
  await hub.declarations.database.db.insert(declarationsDb.declarations).values(
    [fixtures.toConfirm, fixtures.toReject].map((id, i) => ({
      id, kind: 'RESIDENCE' as const, declarantRole: 'resident', declarantSubject: 'resident-test-user', premisesKind: 'HOUSE' as const, premisesCode: fixtures.houseCode,
      idNumber: fixtures.idNumber, name: fixtures.name, phone: '13800138000', start: `2025-0${6 + i}-01`, address: `${DIVISIONS.get(district) ?? ''}玉林南路${20 + i}号`,
      gridCode: fixtures.gridCode, divisionCode: district, houseCode: fixtures.houseCode, factsHash: randomUUID(),
    })),
  );
  // An alert for each department alerts go to, about the fixture resident, house and employer, revealing every fact an alert can.
  for (const [department, purposes] of [
    ['police', ['population-management', 'public-security', 'case-investigation']],
    ['grid', ['community-service']],
  ] as const) {
    await hub.events.publishAlert({
      key: `completeness:${department}`,
      rule: department === 'police' ? 'key-person.tenancy' : 'task.tenancy',
      kind: department === 'police' ? 'KEY_PERSON' : 'TASK',
      recipient: { department, gridCode: fixtures.gridCode, divisionCode: fixtures.gridCode.slice(0, 6) },
      subject: { personId: fixtures.personId, houseId: fixtures.houseId, employerId: fixtures.employerId },
      details: department === 'police' ? { flagCategory: '涉稳', flagLevel: '2', reason: '测试', idNumber: fixtures.idNumber, name: chosen!.name } : {},
      summary: 'A tenancy was registered in this grid',
      purposes,
      eventId: randomUUID(),
      eventType: 'TenancyRegistered',
      occurredAt: new Date().toISOString(),
    });
  }
  fixtures.alertId = (await hub.alerts.database.db.select().from(alertStore.alerts).where(eq(alertStore.alerts.key, 'completeness:police')))[0]!.id;
  // An import job of each department's, with a row loaded and one refused, for the entry points that read jobs.
  for (const { department, kind, job } of DEPARTMENT_IMPORTS) {
    const started = await startedJob(hub, department, { rowCount: 2 });
    await sentRows(hub, department, started, [{ rowNumber: 2, values: valuesOf(kind, await loadableRow(hub, department, { gridCode: fixtures.gridCode })) }, emptyRow(kind, 3)]);
    fixtures.importJobs.set(job, started);
  }
  for (const call of queryCalls()) await send(call);
  await sendMutations();
  events = await hub.audit.events();
}, 300_000);

afterAll(async () => {
  await hub?.close();
});

interface Served {
  type: string;
  /** The record ids it may be recorded under; empty when the API shows none (it is then matched by type). */
  ids: string[];
  /** Fields that came back with a value; a null serves nothing (a reference outside the caller's jurisdiction comes back as nulls). */
  fields: string[];
  path: string;
}

const KEYS = new Set(['id', 'code']);

function collect(value: unknown, path: string, owner: string | null, out: Served[]): void {
  if (Array.isArray(value)) {
    value.forEach((item, i) => collect(item, `${path}.${i}`, owner, out));
    return;
  }
  if (value === null || typeof value !== 'object') return;
  const node = value as Record<string, unknown>;
  const type = typeof node.__typename === 'string' ? node.__typename : null;
  // An alert is recorded by the resident it names, when it names one.
  const named = type === 'Alert' ? (node.person as { id?: unknown } | null | undefined)?.id : undefined;
  const own = [node.id, node.code, named].filter((k): k is string => typeof k === 'string');
  // A profile is recorded by its person's id: the person it hangs from, or the one a payload names.
  const personId = type === 'Person' && typeof node.id === 'string' ? node.id : typeof node.personId === 'string' ? node.personId : owner;
  // A row of an import that was refused names no record and no resident: the recorded-types table records it by nobody.
  const aboutNobody = type === 'ImportRowResult' && RECORDED_TYPES.ImportRowResult!.idOf(node) === null;
  if (type && isRecorded(type) && !aboutNobody) {
    const ids = own.length > 0 ? own : type === 'HealthProfile' && owner ? [owner] : [];
    out.push({ type, ids, fields: Object.keys(node).filter((k) => k !== '__typename' && !KEYS.has(k) && node[k] !== null), path });
  }
  for (const [key, child] of Object.entries(node)) if (key !== '__typename') collect(child, `${path}.${key}`, personId, out);
}

describe('recording on every path to a recorded type', () => {
  it('walks paths from every entry point and every write whose payload serves a recorded type', () => {
    expect(pathCount).toBeGreaterThan(100);
    expect(new Set(sent.filter((s) => s.name.startsWith('Mutation.')).map((s) => s.name.split(' ')[0]))).toContain('Mutation.registerPerson');
    // Every request was answered, parts of it refused at most.
    for (const request of sent) {
      expect(request.response.status, request.name).toBe(200);
      for (const error of request.response.body.errors ?? []) expect(error.extensions?.code, `${request.name}: ${error.message}`).toBe('FORBIDDEN');
    }
  });

  it('serves, across the walk, values of every recorded type the city holds', () => {
    const served = new Set<string>();
    for (const request of sent) {
      const found: Served[] = [];
      collect(request.response.body.data, 'data', null, found);
      for (const s of found) served.add(s.type);
    }
    // No partner city exchanges notices with this hub; the seed flags no one the walk reaches for certain.
    const expected = Object.keys(RECORDED_TYPES).filter((t) => !['PartnerNotice', 'ExchangeLogEntry', 'KeyPersonFlag'].includes(t));
    expect([...served].sort()).toEqual(expect.arrayContaining(expected.sort()));
  });

  it('names every served value of a recorded type in an access event of its request, with every field served and the decision the policy makes', () => {
    const missing: string[] = [];
    let checked = 0;
    for (const request of sent) {
      const found: Served[] = [];
      collect(request.response.body.data, 'data', null, found);
      const recorded = events.filter((e) => e.requestId === request.requestId && e.kind === 'access' && e.recordIds.length > 0);
      for (const record of found) {
        const where = `${request.name}: ${record.type} at ${record.path}`;
        const matching = recorded.filter((e) => e.typeName === record.type && (record.ids.length === 0 || record.ids.some((id) => e.recordIds.includes(id))));
        if (matching.length === 0) {
          missing.push(`${where} (${record.ids.join(', ') || 'no id shown'}) is not in the log`);
          continue;
        }
        const decisions = new Map(matching.flatMap((e) => Object.entries(e.fields)));
        for (const field of record.fields) {
          const decision = decide(request.meta, `${record.type}.${field}`);
          const expected = decision.allowed ? decision.access : 'denied';
          if (decisions.get(field) !== expected) missing.push(`${where}.${field}: recorded ${decisions.get(field) ?? 'nothing'}, the policy says ${expected}`);
          if (expected === 'denied') missing.push(`${where}.${field} came back although the policy denies it`);
        }
        for (const event of matching) {
          expect(event).toMatchObject({ subject: request.meta.principal!.subject, purpose: request.meta.purpose, roles: request.meta.principal!.roles });
        }
        checked += 1;
      }
    }
    expect(missing).toEqual([]);
    expect(checked).toBeGreaterThan(200);
  });

  it('records nothing for a reference that answered null', async () => {
    const unknown = randomUUID();
    const request = await send({
      name: 'an unknown resident',
      role: 'police',
      purpose: testPurposeFor(['police']),
      query: `query($id: ID!) { person(id: $id) { id name } }`,
      variables: { id: unknown },
    });
    expect(request.response.body.data?.person).toBeNull();
    const recorded = (await hub.audit.events()).filter((e) => e.requestId === request.requestId && e.kind === 'access');
    expect(recorded.filter((e) => e.recordIds.includes(unknown))).toEqual([]);
  });
});
