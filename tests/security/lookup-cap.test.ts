import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallerTokenInput } from '../../auth/caller.js';
import { decide } from '../../auth/decide.js';
import type { Purpose } from '../../auth/purposes.js';
import { DEFAULT_SCOPES, type Role } from '../../auth/roles.js';
import { createLogger } from '../../platform/logger.js';
import { persons } from '../../subgraphs/police/db/schema.js';
import { graphql, type GraphQLResponse } from '../support/graphql.js';
import { startTestHub, type TestHub } from '../support/hub.js';
import { principalForRole } from '../support/tokens.js';

/*
 * A gateway allowing 5 look-ups by full identity number per hour to each
 * principal who reads numbers masked: guessing a masked number one candidate
 * at a time is stopped, refused before anything runs, and left in the audit
 * trail; principals who read numbers in full are never counted.
 */

const CAP = { lookups: 5, windowSeconds: 3_600 };
const logLines: Record<string, unknown>[] = [];
const logSink = new Writable({
  write(chunk: Buffer, _encoding, done) {
    for (const line of chunk.toString('utf8').split('\n')) if (line.trim()) logLines.push(JSON.parse(line) as Record<string, unknown>);
    done();
  },
});

let hub: TestHub;
let numbers: string[] = [];

/** The purpose each role declares here: one its own rules release. */
const PURPOSE_OF: Partial<Record<Role, Purpose>> = { police: 'case-investigation', housing: 'housing-administration', health: 'public-health', labour: 'labour-administration' };

/** `count` aliased look-ups of real residents' numbers, starting at `from`. */
const lookups = (count: number, from = 0) =>
  `query Guess { ${Array.from({ length: count }, (_, i) => `n${i}: personByIdNumber(idNumber: "${numbers[(from + i) % numbers.length]}") { name }`).join(' ')} }`;

const callerOf = (role: Role, sub: string): Partial<CallerTokenInput> => ({ sub, dept: role, roles: [role], scope: DEFAULT_SCOPES[role].join(' ') });

async function ask(role: Role, sub: string, query: string, variables: Record<string, unknown> = {}): Promise<GraphQLResponse> {
  const headers = await hub.headers(callerOf(role, sub), PURPOSE_OF[role], role === 'police' ? 'CASE-2026-7' : undefined);
  return graphql(hub.gatewayUrl, query, variables, headers);
}

const answered = (response: GraphQLResponse, count: number) => {
  expect(response.status).toBe(200);
  expect(response.body.errors).toBeUndefined();
  const names = Object.values(response.body.data ?? {}).map((person) => (person as { name?: string } | null)?.name);
  expect(names).toHaveLength(count);
  for (const name of names) expect(name).toBeTruthy();
};

beforeAll(async () => {
  hub = await startTestHub({ persons: 30, key: 'lookup-cap', lookupCap: CAP, recordSubgraphRequests: true, logger: createLogger('hub', 'warn', logSink) });
  numbers = (await hub.databases.police.db.select({ idNumber: persons.idNumber }).from(persons).limit(12)).map((row) => row.idNumber);
}, 240_000);

afterAll(async () => {
  await hub?.close();
});

describe('the cap on look-ups by full identity number', () => {
  it('applies to the roles the policy shows the number masked or not at all, and not to those who read it in full', () => {
    const access = (role: Role) => {
      const decision = decide({ requestId: 'cap', principal: principalForRole(role), purpose: PURPOSE_OF[role] ?? null, caseId: null }, 'Person.idNumber');
      return decision.allowed ? decision.access : 'denied';
    };
    expect(access('police')).toBe('full');
    expect(access('housing')).toBe('masked');
    expect(access('health')).toBe('denied');
  });

  describe('for a principal who reads numbers masked', () => {
    const guesser = 'guessing-housing-system';
    let refusedId = '';
    let refused: GraphQLResponse;
    let statementsBefore: Record<string, number>;
    let subgraphCallsBefore: number;

    beforeAll(async () => {
      answered(await ask('housing', guesser, lookups(3)), 3);
      answered(await ask('housing', guesser, `query($a: String!, $b: String!) { a: personByIdNumber(idNumber: $a) { name } b: personByIdNumber(idNumber: $b) { name } }`, { a: numbers[3], b: numbers[4] }), 2);
      statementsBefore = hub.statements();
      subgraphCallsBefore = hub.subgraphRequests.length;
      refused = await ask('housing', guesser, lookups(1, 5), {});
      refusedId = refused.headers.get('x-request-id') ?? '';
    });

    it('answers every look-up up to the cap, counting each alias, then answers HTTP 429 RATE_LIMITED with a Retry-After', () => {
      expect(refused.status).toBe(429);
      expect(refused.body.data ?? null).toBeNull();
      expect(refused.body.errors).toHaveLength(1);
      expect(refused.body.errors?.[0]?.extensions).toMatchObject({ code: 'RATE_LIMITED', limit: 'LOOKUP_CAP' });
      expect(refused.body.errors?.[0]?.message).toMatch(/^Too many look-ups by identity number from this caller \(at most 5 per 3600 s\): try again in \d+ s$/);
      const retryAfter = Number(refused.headers.get('retry-after'));
      expect(Number.isInteger(retryAfter)).toBe(true);
      expect(retryAfter).toBeGreaterThanOrEqual(1);
      expect(retryAfter).toBeLessThanOrEqual(CAP.windowSeconds);
      expect(refused.body.errors?.[0]?.extensions?.retryAfterSeconds).toBe(retryAfter);
    });

    it('executes nothing of the refused request: no subgraph call, no statement in any department', () => {
      expect(hub.subgraphRequests.length).toBe(subgraphCallsBefore);
      expect(hub.subgraphRequests.filter((r) => r.headers['x-request-id'] === refusedId)).toEqual([]);
      expect(hub.statements()).toEqual(statementsBefore);
    });

    it('records the refusal for the auditors as LOOKUP_CAP, with the caller and the operation', async () => {
      const events = (await hub.audit.events()).filter((e) => e.requestId === refusedId);
      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject({
        kind: 'request',
        subject: guesser,
        department: 'housing',
        purpose: 'housing-administration',
        operationName: 'Guess',
        outcome: 'error',
        errorCode: 'LOOKUP_CAP',
      });
      expect(events[0]?.documentHash).toMatch(/^[0-9a-f]{64}$/);
    });

    it('logs a warning naming the request, not the numbers asked for', () => {
      const lines = logLines.filter((line) => line.requestId === refusedId && line.msg === 'look-ups by identity number refused past the cap');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatchObject({ level: 40, department: 'housing', lookups: 1, cap: CAP.lookups });
      const text = JSON.stringify(lines);
      for (const number of numbers) expect(text).not.toContain(number.slice(6, 14));
    });

    it('keeps refusing the same principal, but not another principal of the same department', async () => {
      expect((await ask('housing', guesser, lookups(1, 6))).status).toBe(429);
      answered(await ask('housing', 'another-housing-system', lookups(2, 6)), 2);
    });

    it('lets the same principal read residents by other means', async () => {
      const list = await ask('housing', guesser, `{ persons(first: 2) { edges { node { name idNumber } } } }`);
      expect(list.status).toBe(200);
      expect(list.body.errors).toBeUndefined();
      expect((list.body.data?.persons as { edges: unknown[] } | undefined)?.edges).toHaveLength(2);
    });
  });

  it('refuses a single request of more look-ups than the cap whole, and counts none of them', async () => {
    const statementsBefore = hub.statements();
    const tooMany = await ask('labour', 'bulk-labour-system', lookups(CAP.lookups + 1));
    expect(tooMany.status).toBe(429);
    expect(tooMany.body.errors?.[0]?.extensions?.limit).toBe('LOOKUP_CAP');
    expect(hub.statements()).toEqual(statementsBefore);
    answered(await ask('labour', 'bulk-labour-system', lookups(CAP.lookups)), CAP.lookups);
  });

  it('counts none of the look-ups of an operation the operation limits refuse', async () => {
    const deep = `{ personByIdNumber(idNumber: "${numbers[0]}") { employments { edges { node { employer { employments { edges { node { person { employments { edges { node { position } } } } } } } } } } } } }`;
    const tooDeep = await ask('labour', 'deep-labour-system', deep);
    expect(tooDeep.status).toBe(400);
    expect(tooDeep.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    answered(await ask('labour', 'deep-labour-system', lookups(CAP.lookups)), CAP.lookups);
  });

  it('caps a principal the policy denies the number, who could otherwise test guesses by whether a resident comes back', async () => {
    answered(await ask('health', 'clinic-system', lookups(CAP.lookups)), CAP.lookups);
    const past = await ask('health', 'clinic-system', lookups(1));
    expect(past.status).toBe(429);
    expect(past.body.errors?.[0]?.extensions?.limit).toBe('LOOKUP_CAP');
  });

  it('never caps a police officer, who reads the number in full', async () => {
    for (let round = 0; round < 3; round += 1) answered(await ask('police', 'police-officer-7', lookups(CAP.lookups, round)), CAP.lookups);
  });
});
