import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIVISIONS, makeIdNumber } from '../../domain/index.js';
import { RULE_CODES, type RecordRule } from '../../platform/record-rules.js';
import * as housing from '../../subgraphs/housing/db/schema.js';
import * as police from '../../subgraphs/police/db/schema.js';
import { POLICE_RECORD_RULES } from '../../subgraphs/police/record-rules.js';
import { graphql, type GraphQLResponse } from '../support/graphql.js';
import { startTestHub, type TestHub } from '../support/hub.js';

/**
 * Every line of the police table, tested from its kind: a valid record is
 * accepted, and one that breaks the line is refused with the kind's code on
 * the line's field. A conflict line needs a scenario below, or this fails.
 */

const MUTATIONS = new Map<string, string>([
  ['registerPerson', `mutation($input: RegisterPersonInput!) { registerPerson(input: $input) { person { id } } }`],
  ['registerResidence', `mutation($input: RegisterResidenceInput!) { registerResidence(input: $input) { registration { id } } }`],
  ['recordMoveOut', `mutation($input: RecordMoveOutInput!) { recordMoveOut(input: $input) { person { id } } }`],
  ['issueResidencePermit', `mutation($input: IssueResidencePermitInput!) { issueResidencePermit(input: $input) { person { id } } }`],
]);

const BORN = '1990-05-17';
const RESIDENT_SINCE = '2020-01-01';
const WRITTEN_ON = '2024-01-01';
/** Household divisions: one of another city (a floating resident), one of this city's. */
const ELSEWHERE = { code: '330106', address: '浙江省杭州市西湖区文三路1号' };
const HERE = { code: '510104', address: '四川省成都市锦江区春熙路1号' };

let hub: TestHub;
let house: { code: string; gridCode: string };
let districtCode: string;
let districtAddress: string;
// Odd: a man's identity number has an odd sequence, so each step of two is a new number.
let sequence = 101;

const dayBefore = (day: string): string => new Date(Date.parse(`${day}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
const keyOf = (field: string): string => field.replace(/^input\./, '');

async function write(mutation: string, input: Record<string, unknown>): Promise<GraphQLResponse> {
  const query = MUTATIONS.get(mutation);
  if (!query) throw new Error(`no operation for ${mutation}`);
  return graphql(hub.gatewayUrl, query, { input }, hub.headers('police', 'population-management'));
}

async function accepted(mutation: string, input: Record<string, unknown>): Promise<Record<string, any>> {
  const response = await write(mutation, input);
  expect(response.body.errors, JSON.stringify(response.body.errors)).toBeUndefined();
  return response.body.data!;
}

function personInput(household = ELSEWHERE, born = BORN): Record<string, unknown> {
  sequence += 2;
  return { idNumber: makeIdNumber(household.code, born, sequence, 'MALE'), name: '测试', ethnicity: '汉族', householdDivisionCode: household.code, householdAddress: household.address };
}

async function person(household = ELSEWHERE): Promise<string> {
  return (await accepted('registerPerson', personInput(household))).registerPerson.person.id as string;
}

function residenceInput(personId: string, since: string): Record<string, unknown> {
  return { personId, address: districtAddress, divisionCode: districtCode, gridCode: house.gridCode, houseCode: house.code, since };
}

async function resident(household = ELSEWHERE): Promise<string> {
  const id = await person(household);
  await accepted('registerResidence', residenceInput(id, RESIDENT_SINCE));
  return id;
}

const moveOutInput = (personId: string, movedOn: string) => ({ personId, destinationDivisionCode: '500103', destinationAddress: '重庆市渝中区解放碑1号', movedOn });
const permitInput = (personId: string) => ({ personId, issuedOn: WRITTEN_ON, validUntil: '2026-12-31' });

/** A valid record for each mutation: a floating resident born on BORN, living here since RESIDENT_SINCE. */
const VALID = new Map<string, () => Promise<Record<string, unknown>>>([
  ['registerPerson', async () => personInput()],
  ['registerResidence', async () => residenceInput(await resident(), WRITTEN_ON)],
  ['recordMoveOut', async () => moveOutInput(await resident(), WRITTEN_ON)],
  ['issueResidencePermit', async () => permitInput(await resident())],
]);

async function validFor(rule: RecordRule): Promise<Record<string, unknown>> {
  const valid = VALID.get(rule.mutation);
  if (!valid) throw new Error(`no valid record for ${rule.mutation}`);
  return valid();
}

/** What breaks a line of each kind but conflict, which has scenarios of its own. */
async function brokenFor(rule: RecordRule): Promise<{ inputs: Record<string, unknown>[]; field: string }> {
  const input = await validFor(rule);
  const key = keyOf(rule.field);
  switch (rule.kind) {
    case 'reference': {
      const unknown = { person: randomUUID(), grid: `${districtCode}999999`, house: `${districtCode}999999999999` } as Record<string, string>;
      const value = unknown[rule.refers];
      if (!value) throw new Error(`no unknown ${rule.refers} for ${rule.id}`);
      return { inputs: [{ ...input, [key]: value }], field: rule.field };
    }
    case 'person':
      return { inputs: [{ ...input, [keyOf(rule.dateField)]: dayBefore(BORN) }], field: rule.dateField };
    case 'vocabulary':
      return { inputs: [{ ...input, [key]: 'Martian' }], field: rule.field };
    case 'address':
      return { inputs: [{ ...input, [key]: 'x' }, { ...input, [key]: '四川省科华北路65号' }], field: rule.field };
    case 'order': {
      const earlier = rule.earlierField.startsWith('input.') ? String(input[keyOf(rule.earlierField)]) : RESIDENT_SINCE;
      return { inputs: [{ ...input, [key]: dayBefore(earlier) }], field: rule.field };
    }
    case 'conflict':
    case 'flag':
      throw new Error(`${rule.kind} lines have scenarios`);
  }
}

/** For each conflict line: a record that clashes with what is registered, and one that does not. */
const SCENARIOS = new Map<string, () => Promise<{ refused: Record<string, unknown>; accepted: Record<string, unknown> }>>([
  ['person.id-number-unique', async () => {
    const input = personInput();
    await accepted('registerPerson', input);
    return { refused: input, accepted: personInput() };
  }],
  ['residence.return-after-move-out', async () => {
    const id = await resident();
    await accepted('recordMoveOut', moveOutInput(id, '2023-01-01'));
    return { refused: residenceInput(id, '2023-01-01'), accepted: residenceInput(id, '2023-01-02') };
  }],
  ['move-out.once', async () => {
    const id = await resident();
    await accepted('recordMoveOut', moveOutInput(id, '2023-01-01'));
    return { refused: moveOutInput(id, WRITTEN_ON), accepted: moveOutInput(await resident(), WRITTEN_ON) };
  }],
  ['move-out.leaves-city', async () => ({
    refused: { ...moveOutInput(await resident(), WRITTEN_ON), destinationDivisionCode: '510107', destinationAddress: '四川省成都市武侯区科华北路65号' },
    accepted: moveOutInput(await resident(), WRITTEN_ON),
  })],
  ['permit.floating', async () => ({ refused: permitInput(await resident(HERE)), accepted: permitInput(await resident()) })],
  ['permit.current-residence', async () => ({ refused: permitInput(await person()), accepted: permitInput(await resident()) })],
]);

function expectRefused(response: GraphQLResponse, field: string, code: string): void {
  const problems = (response.body.errors ?? []).map((e) => ({ field: e.extensions?.field, code: e.extensions?.code }));
  expect(problems, JSON.stringify(response.body.errors)).toContainEqual({ field, code });
}

beforeAll(async () => {
  hub = await startTestHub({ persons: 20 });
  const [first] = await hub.databases.housing.db.select().from(housing.houses).limit(1);
  if (!first) throw new Error('the seeded city has no house');
  house = first;
  const [grid] = await hub.databases.police.db.select().from(police.grids).where(eq(police.grids.code, first.gridCode));
  if (!grid) throw new Error('the house lies in no grid of the register');
  districtCode = grid.districtCode;
  districtAddress = `四川省成都市${DIVISIONS.get(districtCode) ?? ''}人民路1号`;
}, 120_000);

afterAll(async () => {
  await hub?.close();
});

describe('the police record rules, line by line from the table', () => {
  for (const rule of POLICE_RECORD_RULES) {
    it(`${rule.id} (${rule.kind}): ${rule.mutation} accepts a record that keeps it and refuses one that breaks it on ${rule.field}`, async () => {
      if (rule.kind === 'conflict' || rule.kind === 'flag') {
        const scenario = SCENARIOS.get(rule.id);
        expect(scenario, `a scenario for ${rule.id}`).toBeDefined();
        const { refused, accepted: fine } = await scenario!();
        expectRefused(await write(rule.mutation, refused), rule.field, RULE_CODES[rule.kind] ?? 'CONFLICT');
        await accepted(rule.mutation, fine);
        return;
      }
      await accepted(rule.mutation, await validFor(rule));
      const { inputs, field } = await brokenFor(rule);
      for (const input of inputs) expectRefused(await write(rule.mutation, input), field, RULE_CODES[rule.kind] ?? '');
    });
  }
});

describe('a police write', () => {
  it('names every problem at once, each with its field and code', async () => {
    const response = await write('registerResidence', {
      personId: randomUUID(),
      address: 'x',
      divisionCode: districtCode,
      gridCode: `${districtCode}999999`,
      since: '2099-01-01',
    });
    const problems = (response.body.errors ?? []).map((e) => ({ field: e.extensions?.field, code: e.extensions?.code }));
    expect(problems).toEqual(
      expect.arrayContaining([
        { field: 'input.since', code: 'BAD_USER_INPUT' },
        { field: 'input.personId', code: 'NOT_FOUND' },
        { field: 'input.gridCode', code: 'NOT_FOUND' },
        { field: 'input.address', code: 'BAD_USER_INPUT' },
      ]),
    );
    expect(problems).toHaveLength(4);
  });

  it('asks housing about the house through the hub as the writing caller, and the check is recorded', async () => {
    const id = await person();
    await accepted('registerResidence', residenceInput(id, WRITTEN_ON));
    const checks = (await hub.audit.events()).filter((e) => e.kind === 'access' && e.typeName === 'HouseCheck' && e.recordIds.includes(house.code));
    expect(checks.length).toBeGreaterThan(0);
    expect(checks.at(-1)).toMatchObject({ subject: 'police-test-user', purpose: 'population-management', roles: ['police'] });
  });

  it('refuses a house of another grid as the caller’s value to fix, and a grid outside the division likewise', async () => {
    const otherGrid = (await hub.databases.police.db.select().from(police.grids)).find((grid) => grid.code !== house.gridCode);
    if (!otherGrid) throw new Error('the seeded city has one grid only');
    const id = await person();
    const inOtherGrid = {
      ...residenceInput(id, WRITTEN_ON),
      gridCode: otherGrid.code,
      divisionCode: otherGrid.districtCode,
      address: `四川省成都市${DIVISIONS.get(otherGrid.districtCode) ?? ''}人民路1号`,
    };
    const refused = await write('registerResidence', inOtherGrid);
    expectRefused(refused, 'input.houseCode', 'BAD_USER_INPUT');
    expect(refused.body.errors).toHaveLength(1);
    const elsewhere = districtCode === '510104' ? '510107' : '510104';
    const response = await write('registerResidence', { ...residenceInput(id, WRITTEN_ON), divisionCode: elsewhere, address: `四川省成都市${DIVISIONS.get(elsewhere) ?? ''}人民路1号` });
    expectRefused(response, 'input.gridCode', 'BAD_USER_INPUT');
  });
});
