import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_QUESTIONS } from '../../auth/reference-checks.js';
import { makeIdNumber } from '../../domain/index.js';
import { MINIMUM_WORKING_AGE, PERSON_PROBLEMS, birthdayAt, type PersonProblem } from '../../domain/plausibility.js';
import { READ_POLICY, scopesOf } from '../../auth/policy.js';
import { PURPOSES, type Purpose } from '../../auth/purposes.js';
import type { Role } from '../../auth/roles.js';
import * as police from '../../subgraphs/police/db/schema.js';
import { errorCodes, graphql, type GraphQLResponse } from '../support/graphql.js';
import { startTestHub, type TestHub } from '../support/hub.js';

/** The yes/no answers the register gives departments about to write, through the gateway as they ask them. */

const PERSON_CHECKS = `query($checks: [PersonCheckInput!]!) { personChecks(checks: $checks) { personId found problems } }`;
const GRID_CHECKS = `query($codes: [String!]!) { gridChecks(codes: $codes) { code found } }`;
const REGISTER = `mutation($input: RegisterPersonInput!) { registerPerson(input: $input) { person { id } } }`;
const MOVE_OUT = `mutation($input: RecordMoveOutInput!) { recordMoveOut(input: $input) { person { id } } }`;

/** The departments that ask, each while writing under its own purpose. */
const ASKERS: readonly (readonly [Role, Purpose])[] = [
  ['housing', 'housing-administration'],
  ['labour', 'labour-administration'],
];

const BORN = '1990-05-17';
let hub: TestHub;
let gridCode: string;
let sequence = 101;

const dayBefore = (day: string): string => new Date(Date.parse(`${day}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);

async function register(born = BORN): Promise<string> {
  sequence += 2;
  const input = { idNumber: makeIdNumber('330106', born, sequence, 'MALE'), name: '测试', ethnicity: '汉族', householdDivisionCode: '330106', householdAddress: '浙江省杭州市西湖区文三路1号' };
  const response = await graphql(hub.gatewayUrl, REGISTER, { input }, hub.headers('police', 'population-management'));
  expect(response.body.errors).toBeUndefined();
  return response.body.data!.registerPerson.person.id as string;
}

/** One man per problem, and the question that finds exactly that problem with him; a problem without one fails the test. */
const PROBLEM_SCENARIOS = new Map<PersonProblem, () => Promise<Record<string, unknown>>>([
  ['NOT_BORN', async () => ({ personId: await register(), on: dayBefore(BORN) })],
  ['UNDER_AGE', async () => ({ personId: await register(), on: dayBefore(birthdayAt(BORN, MINIMUM_WORKING_AGE)), minimumAge: MINIMUM_WORKING_AGE })],
  ['OVER_AGE', async () => ({ personId: await register('1950-01-01'), on: '2024-01-01', maximumAge: 60 })],
  ['SEX', async () => ({ personId: await register(), on: '2024-01-01', sex: 'FEMALE' })],
  ['MOVED_OUT', async () => {
    const personId = await register();
    const moved = await graphql(hub.gatewayUrl, MOVE_OUT, { input: { personId, destinationDivisionCode: '500103', movedOn: '2023-01-01' } }, hub.headers('police', 'population-management'));
    expect(moved.body.errors).toBeUndefined();
    return { personId, on: '2024-01-01' };
  }],
]);

/**
 * What the policy answers a role under a purpose for a check: FORBIDDEN
 * unless the role is granted, the purpose listed (when the line lists any)
 * and the purpose releases the line's permission. The grid role is never
 * granted a check; statistics releases grid:read, so a grid's existence is
 * told under it, a person's never.
 */
function expectedCodes(coordinate: string, role: Role, purpose: Purpose): string[] {
  const rule = READ_POLICY[coordinate];
  if (!rule) throw new Error(`no policy line for ${coordinate}`);
  const released = scopesOf(rule).some((scope) => (PURPOSES[purpose].releases as readonly string[]).includes(scope));
  const allowed = rule.grants[role] !== undefined && (rule.purposes?.includes(purpose) ?? true) && released;
  return allowed ? [] : ['FORBIDDEN'];
}

const ask = (query: string, variables: Record<string, unknown>, role: Role, purpose: Purpose): Promise<GraphQLResponse> => graphql(hub.gatewayUrl, query, variables, hub.headers(role, purpose));

beforeAll(async () => {
  hub = await startTestHub({ persons: 10 });
  const [grid] = await hub.databases.police.db.select().from(police.grids).limit(1);
  if (!grid) throw new Error('the seeded city has no grid');
  gridCode = grid.code;
}, 120_000);

afterAll(async () => {
  await hub?.close();
});

describe('personChecks', () => {
  for (const [role, purpose] of ASKERS) {
    it(`answers ${role} whether each id names a person, recording the check of a found one only`, async () => {
      const known = await register();
      const unknown = randomUUID();
      const response = await ask(PERSON_CHECKS, { checks: [{ personId: known }, { personId: unknown }] }, role, purpose);
      expect(response.body.errors).toBeUndefined();
      expect(response.body.data?.personChecks).toEqual([
        { personId: known, found: true, problems: [] },
        { personId: unknown, found: false, problems: [] },
      ]);
      const events = (await hub.audit.events()).filter((e) => e.kind === 'access' && e.typeName === 'PersonCheck');
      expect(events.some((e) => e.recordIds.includes(known) && e.subject === `${role}-test-user` && e.purpose === purpose)).toBe(true);
      expect(events.some((e) => e.recordIds.includes(unknown))).toBe(false);
    });
  }

  for (const problem of PERSON_PROBLEMS) {
    it(`finds ${problem} for a person whose record would have it, and nothing for one that makes sense`, async () => {
      const scenario = PROBLEM_SCENARIOS.get(problem);
      expect(scenario, `a scenario for ${problem}`).toBeDefined();
      const check = await scenario!();
      const fine = { personId: await register(), on: '2024-01-01' };
      const response = await ask(PERSON_CHECKS, { checks: [check, fine] }, 'housing', 'housing-administration');
      expect(response.body.errors).toBeUndefined();
      expect((response.body.data?.personChecks as { problems: string[] }[]).map((answer) => answer.problems)).toEqual([[problem], []]);
    });
  }

  it(`refuses more than ${MAX_QUESTIONS} checks, naming the argument`, async () => {
    const checks = Array.from({ length: MAX_QUESTIONS + 1 }, () => ({ personId: randomUUID() }));
    const response = await ask(PERSON_CHECKS, { checks }, 'labour', 'labour-administration');
    expect(response.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'checks' });
  });

  it('answers only the roles and purposes the policy grants it', async () => {
    const checks = [{ personId: randomUUID() }];
    expect(errorCodes(await ask(PERSON_CHECKS, { checks }, 'grid', 'community-service'))).toEqual(expectedCodes('Query.personChecks', 'grid', 'community-service'));
    expect(errorCodes(await ask(PERSON_CHECKS, { checks }, 'housing', 'statistics'))).toEqual(expectedCodes('Query.personChecks', 'housing', 'statistics'));
  });
});

describe('gridChecks', () => {
  for (const [role, purpose] of ASKERS) {
    it(`answers ${role} whether each code names a grid of this city, and records the check`, async () => {
      const response = await ask(GRID_CHECKS, { codes: [gridCode, '510107999999', 'not a code'] }, role, purpose);
      expect(response.body.errors).toBeUndefined();
      expect(response.body.data?.gridChecks).toEqual([
        { code: gridCode, found: true },
        { code: '510107999999', found: false },
        { code: 'not a code', found: false },
      ]);
      const events = (await hub.audit.events()).filter((e) => e.kind === 'access' && e.typeName === 'GridCheck');
      expect(events.some((e) => e.recordIds.includes(gridCode) && e.subject === `${role}-test-user` && e.purpose === purpose)).toBe(true);
    });
  }

  it(`refuses more than ${MAX_QUESTIONS} codes, naming the argument`, async () => {
    const response = await ask(GRID_CHECKS, { codes: Array.from({ length: MAX_QUESTIONS + 1 }, () => '510107999999') }, 'housing', 'housing-administration');
    expect(response.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'codes' });
  });

  it('answers only the roles and purposes the policy grants it', async () => {
    expect(errorCodes(await ask(GRID_CHECKS, { codes: [gridCode] }, 'grid', 'community-service'))).toEqual(expectedCodes('Query.gridChecks', 'grid', 'community-service'));
    expect(errorCodes(await ask(GRID_CHECKS, { codes: [gridCode] }, 'housing', 'statistics'))).toEqual(expectedCodes('Query.gridChecks', 'housing', 'statistics'));
  });
});
