import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIVISIONS, makeIdNumber } from '../../domain/index.js';
import { RULE_CODES, type RecordRule } from '../../platform/record-rules.js';
import * as schema from '../../subgraphs/housing/db/schema.js';
import { HOUSING_RECORD_RULES } from '../../subgraphs/housing/record-rules.js';
import { createHousingSubgraph } from '../../subgraphs/housing/subgraph.js';
import { graphql, type GraphQLResponse } from '../support/graphql.js';
import { startTestHub, type TestHub } from '../support/hub.js';
import { MemoryAccessRecorder } from '../support/recorder.js';
import { startTestSubgraph } from '../support/servers.js';

/**
 * Every line of HOUSING_RECORD_RULES, tested from its kind: a valid record is
 * accepted, one that breaks the line is refused with the kind's code on the
 * line's field. A conflict or flag line needs a scenario below.
 */

let hub: TestHub;
let grid: { code: string; districtCode: string };

beforeAll(async () => {
  hub = await startTestHub({ persons: 20 });
  const grids = await graphql(hub.gatewayUrl, '{ grids(first: 1) { edges { node { code districtCode } } } }', {}, hub.headers('police', 'population-management'));
  grid = grids.body.data?.grids.edges[0].node;
  expect(grid.code).toMatch(/^\d{12}$/);
}, 120_000);

afterAll(async () => {
  await hub?.close();
});

const asPolice = () => hub.headers('police', 'population-management');
const asHousing = () => hub.headers('housing', 'housing-administration');

const DOCUMENTS = new Map<string, string>([
  ['registerHouse', 'mutation($input: RegisterHouseInput!) { registerHouse(input: $input) { house { id code openTenancies groupRentalSuspected } } }'],
  ['registerTenancy', 'mutation($input: RegisterTenancyInput!) { registerTenancy(input: $input) { tenancy { id start end } warnings { code field message } } }'],
  ['endTenancy', 'mutation($input: EndTenancyInput!) { endTenancy(input: $input) { tenancy { id end } } }'],
]);

async function write(mutation: string, input: Record<string, unknown>): Promise<GraphQLResponse> {
  const document = DOCUMENTS.get(mutation);
  if (!document) throw new Error(`no document for ${mutation}`);
  return graphql(hub.gatewayUrl, document, { input }, asHousing());
}

let serial = 0;
async function registerPerson(birthDate = '1990-03-04', sex: 'MALE' | 'FEMALE' = 'FEMALE'): Promise<string> {
  const response = await graphql(
    hub.gatewayUrl,
    'mutation($input: RegisterPersonInput!) { registerPerson(input: $input) { person { id } } }',
    {
      input: {
        idNumber: makeIdNumber('500103', birthDate, (2 * ++serial) % 1000, sex),
        name: '测试人',
        ethnicity: '汉族',
        householdDivisionCode: '500103',
        householdAddress: '重庆市渝中区解放碑民权路28号',
      },
    },
    asPolice(),
  );
  expect(response.body.errors).toBeUndefined();
  return response.body.data?.registerPerson.person.id as string;
}

async function moveOut(personId: string, movedOn: string): Promise<void> {
  const response = await graphql(
    hub.gatewayUrl,
    'mutation($input: RecordMoveOutInput!) { recordMoveOut(input: $input) { person { id } } }',
    { input: { personId, destinationDivisionCode: '500103', movedOn } },
    asPolice(),
  );
  expect(response.body.errors).toBeUndefined();
}

let houseSerial = 0;
const houseInput = (overrides: Record<string, unknown> = {}) => ({
  code: `${grid.districtCode}${String(900_000_000_000 + ++houseSerial)}`,
  address: `${DIVISIONS.get(grid.districtCode) ?? ''}人民路${houseSerial}号`,
  divisionCode: grid.districtCode,
  gridCode: grid.code,
  ownerName: '王芳',
  use: 'RENTAL',
  rooms: 3,
  ...overrides,
});

async function registerHouse(overrides: Record<string, unknown> = {}): Promise<{ id: string; code: string }> {
  const response = await write('registerHouse', houseInput(overrides));
  expect(response.body.errors).toBeUndefined();
  return (response.body.data as { registerHouse: { house: { id: string; code: string } } }).registerHouse.house;
}

const tenancyInput = (houseId: string, tenantId: string, overrides: Record<string, unknown> = {}) => ({
  houseId,
  tenantId,
  landlordName: '王芳',
  start: '2024-01-01',
  monthlyRent: 1800,
  ...overrides,
});

async function registerTenancy(input: Record<string, unknown>): Promise<{ id: string; warnings: { code: string; field: string }[] }> {
  const response = await write('registerTenancy', input);
  expect(response.body.errors).toBeUndefined();
  const { tenancy, warnings } = (response.body.data as { registerTenancy: { tenancy: { id: string }; warnings: { code: string; field: string }[] } }).registerTenancy;
  return { ...tenancy, warnings };
}

/** A valid record for a mutation, and the dates of the records it names (for order lines whose earlier date is not in the input). */
interface Valid {
  input: Record<string, unknown>;
  dates: Map<string, string>;
}

async function validRecord(mutation: string): Promise<Valid> {
  switch (mutation) {
    case 'registerHouse':
      return { input: houseInput({ ownerId: await registerPerson() }), dates: new Map() };
    case 'registerTenancy': {
      const house = await registerHouse();
      return { input: tenancyInput(house.id, await registerPerson(), { landlordId: await registerPerson(), end: '2024-12-31' }), dates: new Map() };
    }
    case 'endTenancy': {
      const house = await registerHouse();
      const tenancy = await registerTenancy(tenancyInput(house.id, await registerPerson(), { start: '2024-01-01' }));
      return { input: { tenancyId: tenancy.id, end: '2024-06-30' }, dates: new Map([['start of the tenancy named by input.tenancyId', '2024-01-01']]) };
    }
    default:
      throw new Error(`no valid record for ${mutation}`);
  }
}

const key = (field: string): string => field.replace(/^input\./, '');
const dayBefore = (date: string): string => new Date(Date.parse(`${date}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
const yearsBefore = (date: string, years: number): string => `${Number(date.slice(0, 4)) - years}${date.slice(4)}`;

function expectRefused(response: GraphQLResponse, code: unknown, field: string): void {
  const problems = (response.body.errors ?? []).map((e) => ({ code: e.extensions?.code, field: e.extensions?.field }));
  expect(problems).toContainEqual({ code, field });
  expect(response.body.data?.[Object.keys(response.body.data ?? {})[0] ?? '']).toBeFalsy();
}

/** Broken records of a line, each with the code and field it must be refused with. */
type Broken = { label: string; input: Record<string, unknown>; code: unknown; field: string }[];

async function brokenRecords(rule: RecordRule, valid: Valid): Promise<Broken> {
  const { input } = valid;
  switch (rule.kind) {
    case 'reference': {
      const unknown = rule.refers === 'grid' ? `${String(input.divisionCode)}999999` : randomUUID();
      return [{ label: 'an unknown record', input: { ...input, [key(rule.field)]: unknown }, code: RULE_CODES.reference, field: rule.field }];
    }
    case 'person': {
      const date = String(input[key(rule.dateField)]);
      const broken: Broken = [
        { label: 'an unknown person', input: { ...input, [key(rule.field)]: randomUUID() }, code: 'NOT_FOUND', field: rule.field },
        { label: 'a person born after the date', input: { ...input, [key(rule.field)]: await registerPerson(date.replace(/^\d{4}/, (y) => String(Number(y) + 1))) }, code: RULE_CODES.person, field: rule.dateField },
      ];
      const gone = await registerPerson();
      await moveOut(gone, dayBefore(date));
      broken.push({ label: 'a person moved out before the date', input: { ...input, [key(rule.field)]: gone }, code: 'CONFLICT', field: rule.dateField });
      if (rule.condition.minimumAge != null) {
        const young = await registerPerson(yearsBefore(date, rule.condition.minimumAge - 1));
        broken.push({ label: 'a person under age', input: { ...input, [key(rule.field)]: young }, code: RULE_CODES.person, field: rule.field });
      }
      if (rule.condition.sex != null) {
        const other = await registerPerson('1990-03-04', rule.condition.sex === 'FEMALE' ? 'MALE' : 'FEMALE');
        broken.push({ label: 'a person of the other sex', input: { ...input, [key(rule.field)]: other }, code: RULE_CODES.person, field: rule.field });
      }
      return broken;
    }
    case 'vocabulary':
      return [{ label: 'a value not in the list', input: { ...input, [key(rule.field)]: 'Martian' }, code: RULE_CODES.vocabulary, field: rule.field }];
    case 'address':
      return [
        { label: 'a word', input: { ...input, [key(rule.field)]: 'x' }, code: RULE_CODES.address, field: rule.field },
        { label: 'an address without its district', input: { ...input, [key(rule.field)]: '四川省成都市科华北路65号' }, code: RULE_CODES.address, field: rule.field },
      ];
    case 'order': {
      const earlier = rule.earlierField.startsWith('input.') ? String(input[key(rule.earlierField)]) : valid.dates.get(rule.earlierField);
      if (earlier === undefined) throw new Error(`${rule.id}: the valid record does not say ${rule.earlierField}`);
      return [{ label: 'a date one day before the earlier one', input: { ...input, [key(rule.field)]: dayBefore(earlier) }, code: RULE_CODES.order, field: rule.field }];
    }
    case 'conflict':
    case 'flag':
      return [];
  }
}

/** One scenario per conflict or flag line: it registers what clashes and checks the answer. */
const SCENARIOS = new Map<string, (rule: RecordRule) => Promise<void>>([
  [
    'house.code-unique',
    async (rule) => {
      const first = houseInput();
      expect((await write('registerHouse', first)).body.errors).toBeUndefined();
      expectRefused(await write('registerHouse', { ...first, address: `${DIVISIONS.get(grid.districtCode) ?? ''}别的路1号` }), RULE_CODES[rule.kind], rule.field);
    },
  ],
  [
    'tenancy.tenant-overlap',
    async (rule) => {
      const [a, b, c] = [await registerHouse(), await registerHouse(), await registerHouse()];
      const tenant = await registerPerson();
      await registerTenancy(tenancyInput(a.id, tenant, { start: '2024-01-01', end: '2024-06-30' }));
      // Another house, overlapping: the same person cannot rent both.
      expectRefused(await write('registerTenancy', tenancyInput(b.id, tenant, { start: '2024-03-01' })), RULE_CODES[rule.kind], rule.field);
      // The same house, overlapping, as before.
      expectRefused(await write('registerTenancy', tenancyInput(a.id, tenant, { start: '2024-06-01', end: '2024-07-01' })), RULE_CODES[rule.kind], rule.field);
      // Starting on the day the other ended is no overlap.
      await registerTenancy(tenancyInput(c.id, tenant, { start: '2024-06-30' }));
    },
  ],
  [
    'tenancy.group-rental',
    async (rule) => {
      const house = await registerHouse({ rooms: 1, use: 'GROUP_RENTAL' });
      const first = await registerTenancy(tenancyInput(house.id, await registerPerson()));
      expect(first.warnings).toEqual([]);
      // A past tenancy is not open and does not count.
      const past = await registerTenancy(tenancyInput(house.id, await registerPerson(), { start: '2020-01-01', end: '2021-01-01' }));
      expect(past.warnings).toEqual([]);
      const second = await registerTenancy(tenancyInput(house.id, await registerPerson()));
      expect(second.id).toBeTruthy();
      expect(second.warnings).toEqual([expect.objectContaining({ code: 'GROUP_RENTAL_SUSPECTED', field: rule.field })]);
      const read = await graphql(hub.gatewayUrl, 'query($id: ID!) { house(id: $id) { openTenancies groupRentalSuspected } }', { id: house.id }, asHousing());
      expect(read.body.data?.house).toEqual({ openTenancies: 2, groupRentalSuspected: true });
    },
  ],
]);

describe('housing record rules, one valid and one broken record per line of the table', () => {
  for (const rule of HOUSING_RECORD_RULES) {
    it(`${rule.id} (${rule.kind}, ${rule.mutation} ${rule.field}): ${rule.says}`, async () => {
      if (rule.kind === 'conflict' || rule.kind === 'flag') {
        const scenario = SCENARIOS.get(rule.id);
        expect(scenario, `a ${rule.kind} line needs a scenario: ${rule.id}`).toBeDefined();
        await scenario?.(rule);
        return;
      }
      const accepted = await write(rule.mutation, (await validRecord(rule.mutation)).input);
      expect(accepted.body.errors).toBeUndefined();
      const broken = await brokenRecords(rule, await validRecord(rule.mutation));
      expect(broken.length).toBeGreaterThan(0);
      for (const record of broken) {
        const response = await write(rule.mutation, record.input);
        expect(response.body.errors, record.label).toBeDefined();
        expectRefused(response, record.code, record.field);
      }
    }, 60_000);
  }
});

describe('housing writes', () => {
  it('names every field that is wrong at once, each with its own code', async () => {
    const tenancy = await write('registerTenancy', {
      houseId: randomUUID(),
      tenantId: randomUUID(),
      landlordId: randomUUID(),
      landlordName: '',
      start: '2024-05-01',
      end: '2024-04-01',
      monthlyRent: -1,
    });
    const problems = (tenancy.body.errors ?? []).map((e) => [e.extensions?.field, e.extensions?.code]);
    expect(problems).toEqual(
      expect.arrayContaining([
        ['input.houseId', 'NOT_FOUND'],
        ['input.tenantId', 'NOT_FOUND'],
        ['input.landlordId', 'NOT_FOUND'],
        ['input.landlordName', 'BAD_USER_INPUT'],
        ['input.end', 'BAD_USER_INPUT'],
        ['input.monthlyRent', 'BAD_USER_INPUT'],
      ]),
    );
    expect(problems).toHaveLength(6);
    const house = await write('registerHouse', houseInput({ address: 'x', gridCode: `${grid.districtCode}999999`, ownerId: randomUUID(), rooms: 0 }));
    expect((house.body.errors ?? []).map((e) => [e.extensions?.field, e.extensions?.code])).toEqual(
      expect.arrayContaining([
        ['input.address', 'BAD_USER_INPUT'],
        ['input.gridCode', 'NOT_FOUND'],
        ['input.ownerId', 'NOT_FOUND'],
        ['input.rooms', 'BAD_USER_INPUT'],
      ]),
    );
  });

  it('asks the police about the tenant and the grid as the writing caller, and the audit log records both checks', async () => {
    const house = await registerHouse();
    const tenant = await registerPerson();
    await registerTenancy(tenancyInput(house.id, tenant));
    const events = (await hub.audit.events()).filter((e) => e.kind === 'access');
    const checked = (typeName: string, id: string) =>
      events.find((e) => e.typeName === typeName && e.recordIds.includes(id) && e.subject === 'housing-test-user' && e.purpose === 'housing-administration');
    expect(checked('PersonCheck', tenant)).toBeDefined();
    expect(checked('GridCheck', grid.code)).toBeDefined();
  });

  it('stores nothing when the police cannot be asked', async () => {
    const access = new MemoryAccessRecorder();
    const alone = await startTestSubgraph(createHousingSubgraph({ database: hub.databases.housing, access }), { purpose: 'housing-administration' });
    try {
      const input = houseInput({ ownerId: await registerPerson() });
      const house = await alone.graphql(DOCUMENTS.get('registerHouse') ?? '', { input });
      expect(house.body.errors?.[0]?.extensions?.code).toBe('SERVICE_UNAVAILABLE');
      const stored = await hub.databases.housing.db.select().from(schema.houses).where(eq(schema.houses.code, input.code));
      expect(stored).toEqual([]);
      const known = await registerHouse();
      const tenant = await registerPerson();
      const tenancy = await alone.graphql(DOCUMENTS.get('registerTenancy') ?? '', { input: tenancyInput(known.id, tenant) });
      expect(tenancy.body.errors?.[0]?.extensions?.code).toBe('SERVICE_UNAVAILABLE');
      expect(await hub.databases.housing.db.select().from(schema.tenancies).where(eq(schema.tenancies.tenantId, tenant))).toEqual([]);
    } finally {
      await alone.close();
    }
  });
});
