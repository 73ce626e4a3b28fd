import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIVISIONS, chinaDateOf, creditCodeCheckChar, makeCreditCode, makeIdNumber } from '../../domain/index.js';
import { RULE_CODES, type RecordRule } from '../../platform/record-rules.js';
import { HEALTH_RECORD_RULES } from '../../subgraphs/health/record-rules.js';
import * as health from '../../subgraphs/health/db/schema.js';
import { LABOUR_RECORD_RULES } from '../../subgraphs/labour/record-rules.js';
import * as labour from '../../subgraphs/labour/db/schema.js';
import * as police from '../../subgraphs/police/db/schema.js';
import { graphql, type GraphQLResponse } from '../support/graphql.js';
import { startTestHub, type TestHub } from '../support/hub.js';
import { principalForRole } from '../support/tokens.js';

/**
 * Every line of the labour and health tables, by its kind: one record that
 * keeps it is accepted and one that breaks it is refused with the kind's
 * code, naming the line's field (or its date field for a date's problem).
 */

let hub: TestHub;
let gridCode: string;

beforeAll(async () => {
  hub = await startTestHub({ persons: 5 });
  const [grid] = await hub.databases.police.db.select().from(police.grids).limit(1);
  if (!grid) throw new Error('the test city has no grid');
  gridCode = grid.code;
}, 120_000);

afterAll(async () => {
  await hub?.close();
});

const day = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
const today = () => chinaDateOf(new Date());
const minusYears = (date: string, years: number) => `${Number(date.slice(0, 4)) - years}${date.slice(4)}`;

const DEPARTMENT_OF = new Map<string, 'labour' | 'health'>([
  ...LABOUR_RECORD_RULES.map((line) => [line.mutation, 'labour'] as const),
  ...HEALTH_RECORD_RULES.map((line) => [line.mutation, 'health'] as const),
]);

async function send(mutation: string, input: Record<string, unknown>): Promise<GraphQLResponse> {
  const department = DEPARTMENT_OF.get(mutation) ?? 'labour';
  const purpose = department === 'labour' ? 'labour-administration' : 'public-health';
  const type = `${mutation.charAt(0).toUpperCase()}${mutation.slice(1)}Input`;
  return graphql(hub.gatewayUrl, `mutation($input: ${type}!) { ${mutation}(input: $input) { __typename } }`, { input }, await hub.headers(department, purpose));
}

async function accepted(mutation: string, input: Record<string, unknown>, query?: string): Promise<Record<string, any>> {
  const department = DEPARTMENT_OF.get(mutation) ?? 'labour';
  const purpose = department === 'labour' ? 'labour-administration' : 'public-health';
  const type = `${mutation.charAt(0).toUpperCase()}${mutation.slice(1)}Input`;
  const response = await graphql(hub.gatewayUrl, `mutation($input: ${type}!) { ${mutation}(input: $input) ${query ?? '{ __typename }'} }`, { input }, await hub.headers(department, purpose));
  expect(response.body.errors).toBeUndefined();
  return response.body.data?.[mutation];
}

let sequence = 0;

/** Registers a person through the police: born on `birthDate`, of `sex`, moved out on `movedOutOn` when given. */
async function person(birthDate: string, sex: 'MALE' | 'FEMALE' = 'FEMALE', movedOutOn?: string): Promise<string> {
  sequence += 1;
  const headers = await hub.headers('police');
  const registered = await graphql(
    hub.gatewayUrl,
    `mutation($input: RegisterPersonInput!) { registerPerson(input: $input) { person { id } } }`,
    {
      input: {
        idNumber: makeIdNumber('510107', birthDate, 100 + ((sequence * 10) % 900), sex),
        name: '林小梅',
        ethnicity: '汉族',
        householdDivisionCode: '510107',
        householdAddress: '四川省成都市武侯区科华北路65号',
      },
    },
    headers,
  );
  expect(registered.body.errors).toBeUndefined();
  const id: string = registered.body.data?.registerPerson.person.id;
  if (movedOutOn) {
    const moved = await graphql(
      hub.gatewayUrl,
      `mutation($input: RecordMoveOutInput!) { recordMoveOut(input: $input) { person { id } } }`,
      { input: { personId: id, destinationDivisionCode: '500103', movedOn: movedOutOn } },
      headers,
    );
    expect(moved.body.errors).toBeUndefined();
  }
  return id;
}

let organisations = 0;
function employerInput(): Record<string, unknown> {
  organisations += 1;
  return {
    creditCode: makeCreditCode(gridCode.slice(0, 6), `MB${String(organisations).padStart(7, '0')}`),
    name: '成都玉林餐饮管理有限公司',
    industry: '住宿和餐饮业',
    address: `${DIVISIONS.get(gridCode.slice(0, 6)) ?? ''}玉林南路${organisations}号`,
    divisionCode: gridCode.slice(0, 6),
    gridCode,
  };
}

async function employer(): Promise<string> {
  return (await accepted('registerEmployer', employerInput(), '{ employer { id } }')).employer.id;
}

async function employment(start = '2022-03-01', end: string | null = null): Promise<string> {
  const input = { personId: await person('1990-05-01'), employerId: await employer(), position: '厨师', start, end, socialInsurance: 'INSURED' };
  return (await accepted('registerEmployment', input, '{ employment { id } }')).employment.id;
}

/** A record each mutation accepts, given the person it is about (when it is about one). */
const VALID = new Map<string, (personId?: string) => Promise<Record<string, unknown>>>([
  ['registerEmployer', async () => employerInput()],
  [
    'registerEmployment',
    async (personId) => ({ personId: personId ?? (await person('1990-05-01')), employerId: await employer(), position: '厨师', start: '2022-03-01', end: null, socialInsurance: 'INSURED' }),
  ],
  [
    'registerEmploymentByIdentity',
    async (personId) => {
      const id = personId ?? (await person('1990-05-01'));
      const [row] = await hub.databases.police.db.select().from(police.persons).where(eq(police.persons.id, id));
      if (!row) throw new Error('the person just registered is not on the register');
      return { idNumber: row.idNumber, name: row.name, employerId: await employer(), position: '厨师', start: '2022-03-01', socialInsurance: 'INSURED' };
    },
  ],
  ['endEmployment', async () => ({ employmentId: await employment('2022-03-01'), end: '2023-03-01' })],
  ['setFamilyPlanningStatus', async (personId) => ({ personId: personId ?? (await person('1995-02-01')), status: 'PREGNANT' })],
  [
    'recordVaccination',
    async (personId) => ({ personId: personId ?? (await person('1995-02-01')), vaccine: '乙肝疫苗', dose: 1, administeredOn: '2021-04-01', institution: '武侯区妇幼保健院' }),
  ],
  ['recordMaternalCare', async (personId) => ({ personId: personId ?? (await person('1995-02-01')), kind: 'PRENATAL', visitOn: '2021-04-01', institution: '武侯区妇幼保健院' })],
  ['recordCheckup', async (personId) => ({ personId: personId ?? (await person('1995-02-01')), checkedOn: '2021-04-01', institution: '武侯区妇幼保健院', result: 'NORMAL' })],
]);

const key = (field: string) => field.replace(/^input\./, '');

async function validInput(line: RecordRule, personId?: string): Promise<Record<string, unknown>> {
  const build = VALID.get(line.mutation);
  if (!build) throw new Error(`no valid record for ${line.mutation}`);
  return build(personId);
}

/** A scenario for each conflict line: the first write is accepted, the second clashes with it. */
const CONFLICTS = new Map<string, () => Promise<{ first: () => Promise<GraphQLResponse>; second: () => Promise<GraphQLResponse> }>>([
  [
    'employer.credit-code-unique',
    async () => {
      const input = employerInput();
      return { first: () => send('registerEmployer', input), second: () => send('registerEmployer', { ...employerInput(), creditCode: input.creditCode }) };
    },
  ],
  [
    'employment.no-overlap',
    async () => {
      const base = { personId: await person('1990-05-01'), employerId: await employer(), position: '厨师', socialInsurance: 'INSURED' };
      return {
        first: () => send('registerEmployment', { ...base, start: '2020-01-01', end: '2021-01-01' }),
        second: () => send('registerEmployment', { ...base, start: '2020-06-01', end: null }),
      };
    },
  ],
  [
    'vaccination.once',
    async () => {
      const input = { personId: await person('1995-02-01'), vaccine: '乙肝疫苗', dose: 1, administeredOn: '2021-04-01', institution: '武侯区妇幼保健院' };
      return { first: () => send('recordVaccination', input), second: () => send('recordVaccination', { ...input, institution: '锦江区妇幼保健院' }) };
    },
  ],
  [
    'employment.still-open',
    async () => {
      const employmentId = await employment('2022-03-01');
      return { first: () => send('endEmployment', { employmentId, end: '2023-01-01' }), second: () => send('endEmployment', { employmentId, end: '2023-02-01' }) };
    },
  ],
]);

function expectRefused(response: GraphQLResponse, code: string, field: string): void {
  const problems = (response.body.errors ?? []).map((e) => ({ code: e.extensions?.code, field: e.extensions?.field }));
  expect(problems).toContainEqual({ code, field });
}

/** The date a person rule judges by in a valid record. */
const dateOf = (line: Extract<RecordRule, { kind: 'person' }>, input: Record<string, unknown>) =>
  line.dateField === 'today' ? today() : String(input[key(line.dateField)]);
/** The field a person rule's date problem names: its date field, or its own field when judged from today. */
const dateFieldOf = (line: Extract<RecordRule, { kind: 'person' }>) => (line.dateField === 'today' ? line.field : line.dateField);

describe.each([
  ['labour', LABOUR_RECORD_RULES],
  ['health', HEALTH_RECORD_RULES],
] as const)('the %s record rules, line by line', (_, table) => {
  it.each(table.map((line) => [line.id, line] as const))('%s: a record keeping it is accepted and one breaking it is refused', async (_id, line) => {
    const code = RULE_CODES[line.kind];
    switch (line.kind) {
      case 'reference': {
        const input = await validInput(line);
        expect((await send(line.mutation, input)).body.errors).toBeUndefined();
        const unknown = line.refers === 'grid' ? `${gridCode.slice(0, 9)}999` : randomUUID();
        expectRefused(await send(line.mutation, { ...(await validInput(line)), [key(line.field)]: unknown }), code ?? '', line.field);
        break;
      }
      case 'person': {
        const input = await validInput(line);
        expect((await send(line.mutation, input)).body.errors).toBeUndefined();
        const on = dateOf(line, input);
        const { sex, minimumAge } = line.condition;
        if (sex) {
          // A person of the other sex, of an age that keeps every other condition.
          const other = await person(minusYears(on, (minimumAge ?? 0) + 10), sex === 'FEMALE' ? 'MALE' : 'FEMALE');
          expectRefused(await send(line.mutation, await validInput(line, other)), 'BAD_USER_INPUT', line.field);
        }
        if (minimumAge != null) {
          const young = await person(day(minusYears(on, minimumAge), 1), sex ?? 'FEMALE');
          expectRefused(await send(line.mutation, await validInput(line, young)), 'BAD_USER_INPUT', line.field);
        }
        if (line.dateField !== 'today') {
          const unborn = await person(day(on, 1));
          expectRefused(await send(line.mutation, await validInput(line, unborn)), 'BAD_USER_INPUT', dateFieldOf(line));
        }
        const gone = await person(minusYears(on, (minimumAge ?? 0) + 10), sex ?? 'FEMALE', day(on, -1));
        expectRefused(await send(line.mutation, await validInput(line, gone)), 'CONFLICT', dateFieldOf(line));
        break;
      }
      case 'vocabulary': {
        expect((await send(line.mutation, await validInput(line))).body.errors).toBeUndefined();
        expectRefused(await send(line.mutation, { ...(await validInput(line)), [key(line.field)]: 'Martian' }), 'BAD_USER_INPUT', line.field);
        break;
      }
      case 'address': {
        expect((await send(line.mutation, await validInput(line))).body.errors).toBeUndefined();
        expectRefused(await send(line.mutation, { ...(await validInput(line)), [key(line.field)]: 'x' }), 'BAD_USER_INPUT', line.field);
        expectRefused(await send(line.mutation, { ...(await validInput(line)), [key(line.field)]: '四川省成都市玉林南路12号' }), 'BAD_USER_INPUT', line.field);
        break;
      }
      case 'order': {
        const input = await validInput(line);
        expect((await send(line.mutation, input)).body.errors).toBeUndefined();
        const broken = await validInput(line);
        // The earlier date is the input's, or the named record's start (fixed by the valid record's builder).
        const earlier = key(line.earlierField) in broken ? String(broken[key(line.earlierField)]) : '2022-03-01';
        expectRefused(await send(line.mutation, { ...broken, [key(line.field)]: day(earlier, -1) }), 'BAD_USER_INPUT', line.field);
        break;
      }
      case 'conflict':
      case 'flag': {
        const scenario = CONFLICTS.get(line.id);
        if (!scenario) throw new Error(`no scenario for the ${line.kind} line ${line.id}`);
        const { first, second } = await scenario();
        expect((await first()).body.errors).toBeUndefined();
        expectRefused(await second(), code ?? 'CONFLICT', line.field);
        break;
      }
    }
  });
});

describe('labour and health writes', () => {
  it('report every field’s problem at once', async () => {
    const response = await send('registerEmployment', {
      personId: randomUUID(),
      employerId: randomUUID(),
      position: '厨师',
      start: '2022-03-01',
      end: '2022-02-01',
      socialInsurance: 'INSURED',
    });
    const problems = (response.body.errors ?? []).map((e) => ({ code: e.extensions?.code, field: e.extensions?.field }));
    expect(problems).toEqual(
      expect.arrayContaining([
        { code: 'NOT_FOUND', field: 'input.personId' },
        { code: 'NOT_FOUND', field: 'input.employerId' },
        { code: 'BAD_USER_INPUT', field: 'input.end' },
      ]),
    );
    const employer = await send('registerEmployer', { ...employerInput(), industry: 'Martian', address: 'x', gridCode: `${gridCode.slice(0, 9)}999`, creditCode: 'nonsense' });
    const employerProblems = (employer.body.errors ?? []).map((e) => ({ code: e.extensions?.code, field: e.extensions?.field }));
    expect(employerProblems).toEqual(
      expect.arrayContaining([
        { code: 'BAD_USER_INPUT', field: 'input.creditCode' },
        { code: 'BAD_USER_INPUT', field: 'input.industry' },
        { code: 'BAD_USER_INPUT', field: 'input.address' },
        { code: 'NOT_FOUND', field: 'input.gridCode' },
      ]),
    );
  });

  it('ask the police about the person as the writing caller, recorded in the audit log', async () => {
    const personId = await person('1992-07-01');
    await accepted('recordCheckup', { personId, checkedOn: '2021-04-01', institution: '武侯区妇幼保健院', result: 'NORMAL' });
    await accepted('registerEmployment', { personId, employerId: await employer(), position: '厨师', start: '2022-03-01', socialInsurance: 'INSURED' });
    const events = await hub.audit.events();
    const checks = events.filter((e) => e.kind === 'access' && e.typeName === 'PersonCheck' && e.recordIds.includes(personId));
    expect(checks.map((e) => e.purpose).sort()).toEqual(['labour-administration', 'public-health']);
    expect(new Set(checks.map((e) => e.subject)).size).toBe(2);
    for (const event of checks) expect(event.subject).not.toBeNull();
  });

  it('ask the police about the grid as the writing caller, recorded in the audit log', async () => {
    await accepted('registerEmployer', employerInput());
    const events = await hub.audit.events();
    const checks = events.filter((e) => e.kind === 'access' && e.typeName === 'GridCheck' && e.recordIds.includes(gridCode));
    expect(checks.length).toBeGreaterThan(0);
    expect(checks.every((e) => e.purpose === 'labour-administration' && e.roles.includes('labour'))).toBe(true);
  });

  it('store nothing when the police cannot be asked', async () => {
    const labourBefore = (await hub.databases.labour.db.select().from(labour.employers)).length;
    const healthBefore = (await hub.databases.health.db.select().from(health.checkups)).length;
    // Straight to the subgraphs, without the gateway's check grant: the question cannot be asked.
    const employerResponse = await graphql(
      hub.subgraphUrls.labour,
      `mutation($input: RegisterEmployerInput!) { registerEmployer(input: $input) { __typename } }`,
      { input: employerInput() },
      await hub.internalHeaders({ principal: principalForRole('labour'), purpose: 'labour-administration' }),
    );
    expect(employerResponse.body.errors?.[0]?.extensions?.code).toBe('SERVICE_UNAVAILABLE');
    const checkupResponse = await graphql(
      hub.subgraphUrls.health,
      `mutation($input: RecordCheckupInput!) { recordCheckup(input: $input) { __typename } }`,
      { input: { personId: randomUUID(), checkedOn: '2021-04-01', institution: '武侯区妇幼保健院', result: 'NORMAL' } },
      await hub.internalHeaders({ principal: principalForRole('health'), purpose: 'public-health' }),
    );
    expect(checkupResponse.body.errors?.[0]?.extensions?.code).toBe('SERVICE_UNAVAILABLE');
    expect((await hub.databases.labour.db.select().from(labour.employers)).length).toBe(labourBefore);
    expect((await hub.databases.health.db.select().from(health.checkups)).length).toBe(healthBefore);
  });
});

const problemsOf = (response: GraphQLResponse) => (response.body.errors ?? []).map((e) => ({ code: e.extensions?.code, field: e.extensions?.field }));

async function labourRows(): Promise<number[]> {
  return [(await hub.databases.labour.db.select().from(labour.employers)).length, (await hub.databases.labour.db.select().from(labour.employments)).length];
}

describe('registerEmployer, field by field', () => {
  const valid = makeCreditCode('510107', 'MA6CXY801');
  const wrongCheck = valid.slice(0, 17) + (valid[17] === 'A' ? 'B' : 'A');
  // Province 99 does not exist; the check character is right, so only the division is wrong.
  const unknownDivision = '91990000MA6CXY801';
  const badDivisionCode = unknownDivision + creditCodeCheckChar(unknownDivision);

  it.each([
    ['a credit code with a wrong check character', { creditCode: wrongCheck }, 'input.creditCode', /check character/],
    ['a credit code with a character outside its alphabet', { creditCode: `${valid.slice(0, 10)}O${valid.slice(11)}` }, 'input.creditCode', /illegal character/],
    ['a credit code of the wrong length', { creditCode: valid.slice(0, 17) }, 'input.creditCode', /18 characters/],
    ['a credit code registered in a division that does not exist', { creditCode: badDivisionCode }, 'input.creditCode', /division/],
    ['a grid code that is not 12 digits', { gridCode: '51010700100' }, 'input.gridCode', /12-digit/],
    ['a blank name', { name: '   ' }, 'input.name', /required/],
    ['a name longer than 100 characters', { name: '成'.repeat(101) }, 'input.name', /at most 100/],
    ['a blank address', { address: '' }, 'input.address', /required/],
  ])('refuses %s, naming the field and storing nothing', async (_, overrides, field, message) => {
    const before = await labourRows();
    const response = await send('registerEmployer', { ...employerInput(), ...overrides });
    expect(problemsOf(response)).toEqual([{ code: 'BAD_USER_INPUT', field }]);
    expect(response.body.errors?.[0]?.message).toMatch(message);
    expect(await labourRows()).toEqual(before);
  });

  it('refuses a grid outside the division and a division code that is not one, naming each', async () => {
    const outside = await send('registerEmployer', { ...employerInput(), gridCode: `${gridCode.slice(0, 4)}99${gridCode.slice(6)}` });
    expect(problemsOf(outside)).toContainEqual({ code: 'BAD_USER_INPUT', field: 'input.gridCode' });
    expect(outside.body.errors?.map((e) => e.message).join('\n')).toMatch(/start with the division code/);
    const notDivision = await send('registerEmployer', { ...employerInput(), divisionCode: '990107' });
    expect(problemsOf(notDivision)).toContainEqual({ code: 'BAD_USER_INPUT', field: 'input.divisionCode' });
  });
});

describe('registerEmployment, field by field', () => {
  it.each([
    ['a person id that is not a hub id', { personId: '510107198501020011' }, 'input.personId', /id issued by the hub/],
    ['an employer id that is not a hub id', { employerId: 'employer-1' }, 'input.employerId', /id issued by the hub/],
    ['a blank position', { position: ' ' }, 'input.position', /required/],
    ['a start in the future', { start: day(today(), 3) }, 'input.start', /future/],
    ['an end in the future', { start: '2022-03-01', end: day(today(), 3) }, 'input.end', /future/],
  ])('refuses %s, naming the field and storing nothing', async (_, overrides, field, message) => {
    const input = { ...(await VALID.get('registerEmployment')!()), ...overrides };
    const before = await labourRows();
    const response = await send('registerEmployment', input);
    expect(problemsOf(response)).toEqual([{ code: 'BAD_USER_INPUT', field }]);
    expect(response.body.errors?.[0]?.message).toMatch(message);
    expect(await labourRows()).toEqual(before);
  });

  it('allows a rehire at the same employer once the earlier employment has ended, and records the payload served', async () => {
    const base = { personId: await person('1988-08-08'), employerId: await employer(), position: '厨师', socialInsurance: 'INSURED' };
    const first = await accepted('registerEmployment', { ...base, start: '2020-01-01' }, '{ employment { id } }');
    const ended = await send('endEmployment', { employmentId: first.employment.id, end: '2020-12-31' });
    expect(ended.body.errors).toBeUndefined();
    const rehired = await accepted('registerEmployment', { ...base, start: '2021-01-01' }, '{ employment { id person { id } } }');
    expect(rehired.employment.person).toEqual({ id: base.personId });
    const events = await hub.audit.events();
    expect(events.some((e) => e.kind === 'access' && e.typeName === 'Employment' && e.recordIds.includes(rehired.employment.id))).toBe(true);
  });
});

describe('health writes, field by field', () => {
  const CLINIC = '武侯区妇幼保健院';
  let personId: string;
  beforeAll(async () => {
    personId = await person('1994-04-04');
  });
  const tomorrow = () => day(today(), 1);
  const vaccination = (overrides: Record<string, unknown> = {}) => ({ personId, vaccine: '乙肝疫苗', dose: 1, administeredOn: '2020-03-01', institution: CLINIC, ...overrides });
  const cases: [string, string, () => Record<string, unknown>, string][] = [
    ['a person id that is not a uuid', 'recordVaccination', () => vaccination({ personId: '510107199001011234' }), 'input.personId'],
    ['a person id that is not a uuid when setting a status', 'setFamilyPlanningStatus', () => ({ personId: 'abc', status: 'NONE' }), 'input.personId'],
    ['dose 0', 'recordVaccination', () => vaccination({ dose: 0 }), 'input.dose'],
    ['dose 11', 'recordVaccination', () => vaccination({ dose: 11 }), 'input.dose'],
    ['a vaccination dated tomorrow in China', 'recordVaccination', () => vaccination({ administeredOn: tomorrow() }), 'input.administeredOn'],
    ['an empty institution', 'recordVaccination', () => vaccination({ institution: '   ' }), 'input.institution'],
    ['an institution longer than 100 characters', 'recordVaccination', () => vaccination({ institution: '医'.repeat(101) }), 'input.institution'],
    ['a maternal-care visit in the future', 'recordMaternalCare', () => ({ personId, kind: 'DELIVERY', visitOn: '2999-01-01', institution: CLINIC }), 'input.visitOn'],
    ['a maternal-care visit without institution', 'recordMaternalCare', () => ({ personId, kind: 'DELIVERY', visitOn: '2020-01-01', institution: '' }), 'input.institution'],
    ['a check-up in the future', 'recordCheckup', () => ({ personId, checkedOn: tomorrow(), institution: CLINIC, result: 'NORMAL' }), 'input.checkedOn'],
    ['a check-up with an overlong institution', 'recordCheckup', () => ({ personId, checkedOn: '2020-01-01', institution: 'x'.repeat(101), result: 'NORMAL' }), 'input.institution'],
  ];
  it.each(cases)('refuses %s, naming the field and storing nothing', async (_, mutation, input, field) => {
    const before = (await hub.databases.health.db.select().from(health.vaccinations)).length;
    const response = await send(mutation, input());
    expect(problemsOf(response)).toEqual([{ code: 'BAD_USER_INPUT', field }]);
    expect((await hub.databases.health.db.select().from(health.vaccinations)).length).toBe(before);
  });

  it('accepts a record dated today in China, and stores a person id given in upper case under the lowercase spelling', async () => {
    await accepted('recordCheckup', { personId, checkedOn: today(), institution: CLINIC, result: 'NORMAL' });
    await accepted('recordVaccination', vaccination({ personId: personId.toUpperCase() }));
    const rows = await hub.databases.health.db.select().from(health.vaccinations);
    expect(rows.filter((row) => row.personId === personId)).toHaveLength(1);
  });

  it('sets PREGNANT for a woman of plausible age and any other status for anyone on the register', async () => {
    const man = await person('1980-01-01', 'MALE');
    expect(problemsOf(await send('setFamilyPlanningStatus', { personId: man, status: 'PREGNANT' }))).toEqual([{ code: 'BAD_USER_INPUT', field: 'input.personId' }]);
    await accepted('setFamilyPlanningStatus', { personId: man, status: 'TWO_CHILDREN' });
    await accepted('setFamilyPlanningStatus', { personId, status: 'PREGNANT' });
  });
});
