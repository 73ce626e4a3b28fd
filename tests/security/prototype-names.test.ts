import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { persons } from '../../subgraphs/police/db/schema.js';
import type { CallerTokenInput } from '../../auth/caller.js';
import { rawRequest, type GraphQLResponse } from '../support/graphql.js';
import { startTestHub, type TestHub } from '../support/hub.js';
import { claimsForRole } from '../support/tokens.js';

/**
 * Every name an ordinary JavaScript object answers to without holding it,
 * sent wherever a caller puts a name: none of them may unlock anything, fail
 * a request with a 5xx, or cost another caller their answer.
 */

const NAMES = [...new Set([...Object.getOwnPropertyNames(Object.prototype), '__proto__'])];
const LIST = (operation = '', variable = 'first') =>
  `query ${operation}($${variable}: Int) { persons(first: $${variable}) { edges { node { id name idNumber phone householdAddress } } } }`;

/** Codes that say the hub, not the caller, failed. */
const SERVER_FAULTS = new Set(['INTERNAL_SERVER_ERROR', 'SERVICE_UNAVAILABLE']);

let hub: TestHub;
/** Anything personal the hub holds, to look for in answers. */
let personal: string[] = [];
let honestAnswer = '';

beforeAll(async () => {
  hub = await startTestHub({ persons: 30, key: 'prototype-city' });
  const everyone = await hub.databases.police.db.select({ id: persons.id, name: persons.name, idNumber: persons.idNumber }).from(persons);
  personal = everyone.flatMap((p) => [p.id, p.name, p.idNumber]);
  honestAnswer = JSON.stringify((await honest()).body.data);
}, 120_000);

afterAll(async () => {
  await hub?.close();
});

/** One GraphQL POST with the body exactly as written: a JSON object literal keeps a `__proto__` key only as text. */
async function send(token: string, body: string, headers: Record<string, string> = {}): Promise<GraphQLResponse & { text: string }> {
  return rawRequest(hub.gatewayUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'x-purpose': 'population-management', ...headers },
    body,
  });
}

const listBody = (operation = '', variable = 'first') =>
  `{"query":${JSON.stringify(LIST(operation, variable))},${operation ? `"operationName":${JSON.stringify(operation)},` : ''}"variables":{${JSON.stringify(variable)}:5}}`;

async function honest(): Promise<GraphQLResponse & { text: string }> {
  return send(await hub.token(claimsForRole('police')), listBody());
}

interface Attempt {
  what: string;
  run(): Promise<GraphQLResponse & { text: string }>;
}

/** The places a caller can put a name, each filled with `name` and everything else an officer's. */
function attempts(name: string): Attempt[] {
  const police = claimsForRole('police');
  const auditor = claimsForRole('auditor');
  const as = (claims: Partial<CallerTokenInput>, body = listBody(), headers: Record<string, string> = {}) => async () => send(await hub.token(claims), body, headers);
  return [
    { what: `role ${name}`, run: as({ ...police, roles: [name] }) },
    { what: `role ${name} beside an unknown role`, run: as({ ...police, roles: [name, 'mayor'] }) },
    { what: `department ${name}`, run: as({ ...police, dept: name }) },
    { what: `purpose ${name}`, run: as(police, listBody(), { 'x-purpose': name }) },
    { what: `scope ${name}`, run: as({ ...auditor, scope: `audit:read ${name}` }) },
    { what: `scope ${name.toLowerCase()}:read`, run: as({ ...auditor, scope: `audit:read ${name.toLowerCase()}:read` }) },
    { what: `scopes [${name}]`, run: as({ ...auditor, scope: undefined, scopes: ['audit:read', name] }) },
    // What follows names the caller or the request, never a grant: an auditor, who may not read residents, sends it.
    { what: `subject ${name}`, run: as({ ...auditor, sub: name }) },
    { what: `operation name ${name}`, run: as(auditor, listBody(name)) },
    { what: `X-Request-Id ${name}`, run: as(auditor, listBody(), { 'x-request-id': name }) },
    { what: `variable name ${name}`, run: as(auditor, listBody('', name)) },
  ];
}

describe('names that every JavaScript object answers to', () => {
  it('are sent as role, department, purpose, scope, subject, operation name, request id and variable name, and unlock nothing', async () => {
    let stop = false;
    const honestAnswers: { status: number; text: string }[] = [];
    // An honest officer keeps asking while the hostile requests are answered, and must get every answer whole.
    const officer = (async () => {
      while (!stop) {
        const response = await honest();
        honestAnswers.push({ status: response.status, text: JSON.stringify(response.body) });
      }
    })();

    const all = NAMES.flatMap(attempts);
    const failures: string[] = [];
    for (let i = 0; i < all.length; i += 8) {
      await Promise.all(
        all.slice(i, i + 8).map(async (attempt) => {
          const response = await attempt.run();
          if (response.status >= 500) failures.push(`${attempt.what}: HTTP ${response.status}`);
          const broken = (response.body.errors ?? []).find((e) => SERVER_FAULTS.has(String(e.extensions?.code)));
          if (broken) failures.push(`${attempt.what}: ${String(broken.extensions?.code)}`);
          const leaked = personal.find((value) => response.text.includes(value));
          if (leaked !== undefined) failures.push(`${attempt.what}: answered with resident data`);
        }),
      );
    }
    stop = true;
    await officer;

    expect(failures).toEqual([]);
    expect(honestAnswers.length).toBeGreaterThan(0);
    for (const answer of honestAnswers) {
      expect(answer.status).toBe(200);
      expect(answer.text).toBe(JSON.stringify({ data: JSON.parse(honestAnswer) }));
    }
  }, 120_000);

  it('leave an honest caller who uses one as a subject, operation name, request id or variable name answered in full', async () => {
    const police = claimsForRole('police');
    for (const name of NAMES) {
      const answers = [
        await send(await hub.token({ ...police, sub: name }), listBody()),
        await send(await hub.token(police), listBody(name)),
        await send(await hub.token(police), listBody(), { 'x-request-id': name }),
      ];
      for (const response of answers) {
        expect(response.status, name).toBe(200);
        expect(JSON.stringify(response.body.data), name).toBe(honestAnswer);
      }
    }
  }, 120_000);
});
