import { count } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DOSSIER, LIST } from '../../bench/hub-load.js';
import { makeIdNumber } from '../../domain/index.js';
import { DEFAULT_OPERATION_LIMITS as LIMITS } from '../../platform/operation-limits.js';
import { MAX_BODY_BYTES } from '../../platform/http.js';
import { persons } from '../../subgraphs/police/db/schema.js';
import { graphql, rawRequest, type GraphQLResponse } from '../support/graphql.js';
import { startTestHub, type TestHub } from '../support/hub.js';
import { jointServiceClaims } from '../support/tokens.js';

/*
 * Requests no caller should send, against the real gateway as production
 * runs it (introspection off): each is refused with a status and a code the
 * caller can act on, before anything runs, and leaves the registers as they were.
 */

let hub: TestHub;
let headers: Record<string, string>;
beforeAll(async () => {
  hub = await startTestHub({ persons: 120, introspection: false, recordSubgraphRequests: true });
  headers = { 'content-type': 'application/json', ...(await hub.headers('police', 'population-management')) };
});
afterAll(async () => {
  await hub?.close();
});

const REGISTER = `mutation($input: RegisterPersonInput!) { registerPerson(input: $input) { person { id } } }`;
let sequence = 100;
/** A valid registration of a new resident: accepted unless something about the request is wrong. */
const newResident = () => ({
  idNumber: makeIdNumber('511302', '1990-06-15', (sequence += 2), 'MALE'),
  name: '钱伟',
  ethnicity: '汉族',
  householdDivisionCode: '511302',
  householdAddress: '南充市顺庆区人民路1号',
});

const registered = async (): Promise<number> => (await hub.databases.police.db.select({ n: count() }).from(persons))[0]!.n;

const post = (body: string, extra: Record<string, string> = {}) =>
  rawRequest(hub.gatewayUrl, { method: 'POST', headers: { ...headers, ...extra }, body });

/** A request refused as a whole: the status, one error with the code, no data. */
function expectRefused(response: GraphQLResponse, status: number, code: string, message?: RegExp): void {
  expect(response.status).toBe(status);
  expect(response.body.errors?.map((e) => e.extensions?.code)).toEqual([code]);
  expect(response.body.data ?? null).toBeNull();
  if (message) expect(response.body.errors?.[0]?.message).toMatch(message);
}

/** Runs a request and asserts that no subgraph was called and no department database ran a statement meanwhile. */
async function withoutExecution<T>(send: () => Promise<T>): Promise<T> {
  const calls = hub.subgraphRequests.length;
  const statements = hub.statements();
  const result = await send();
  expect(hub.subgraphRequests.length).toBe(calls);
  expect(hub.statements()).toEqual(statements);
  return result;
}

/** Runs a request and asserts that the police register holds as many residents afterwards. */
async function storingNothing<T>(send: () => Promise<T>): Promise<T> {
  const before = await registered();
  const result = await send();
  expect(await registered()).toBe(before);
  return result;
}

describe('operation limits at the gateway', () => {
  it("runs the hub's own queries within the limits: the dossier, the start banner's query and the 100-resident list", async () => {
    const [resident] = await hub.databases.police.db.select().from(persons).limit(1);
    const joint = await hub.headers(jointServiceClaims(), 'public-health');
    const banner = `{ personByIdNumber(idNumber: "${resident!.idNumber}") { name status residence { address grid { name } } tenancies { edges { node { house { address } } } } employments { edges { node { position employer { name } } } } healthProfile { familyPlanningStatus } } }`;
    for (const query of [DOSSIER, banner]) {
      const response = await graphql(hub.gatewayUrl, query, { idNumber: resident!.idNumber }, joint);
      expect(response.body.errors).toBeUndefined();
      expect(response.body.data?.personByIdNumber.name).toBe(resident!.name);
    }
    const list = await graphql(hub.gatewayUrl, LIST, {}, joint);
    expect(list.body.errors).toBeUndefined();
    expect(list.body.data?.persons.edges).toHaveLength(100);
  });

  it('refuses an operation deeper than the limit with 400 and BAD_USER_INPUT naming the limit, before any subgraph is called', async () => {
    // persons > edges > node > tenancies > edges > node > house > residents > edges > node > name: 11 levels.
    const query = `{ persons(first: 1) { edges { node { tenancies { edges { node { house { residents { edges { node { name } } } } } } } } } } }`;
    const response = await withoutExecution(() => graphql(hub.gatewayUrl, query, {}, headers));
    expectRefused(response, 400, 'BAD_USER_INPUT', new RegExp(`depth limit of ${LIMITS.maxDepth} exceeded, found 11`));
    expect(response.body.errors?.[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT', limit: 'maxDepth', max: LIMITS.maxDepth });
  });

  it('counts aliases of __typename against the alias limit', async () => {
    const aliases = (n: number) => `{ ${Array.from({ length: n }, (_, i) => `t${i}: __typename`).join(' ')} }`;
    const within = await graphql(hub.gatewayUrl, aliases(LIMITS.maxAliases), {}, headers);
    expect(within.body.errors).toBeUndefined();
    const over = await withoutExecution(() => graphql(hub.gatewayUrl, aliases(LIMITS.maxAliases + 1), {}, headers));
    expectRefused(over, 400, 'BAD_USER_INPUT', /Aliases limit/);
    expect(over.body.errors?.[0]?.extensions).toMatchObject({ limit: 'maxAliases', max: LIMITS.maxAliases });
  });

  it('refuses more directives than the limit', async () => {
    const query = `{ persons(first: 1) { edges { node { id ${'name @include(if: true) '.repeat(LIMITS.maxDirectives + 1)} } } } }`;
    const response = await withoutExecution(() => graphql(hub.gatewayUrl, query, {}, headers));
    expectRefused(response, 400, 'BAD_USER_INPUT', /Directives limit/);
    expect(response.body.errors?.[0]?.extensions).toMatchObject({ limit: 'maxDirectives' });
  });

  it('stops parsing a document longer than the token limit, answering 400 and GRAPHQL_PARSE_FAILED', async () => {
    const query = `{ ${'__typename '.repeat(LIMITS.maxTokens)} }`;
    const response = await withoutExecution(() => graphql(hub.gatewayUrl, query, {}, headers));
    expectRefused(response, 400, 'GRAPHQL_PARSE_FAILED', new RegExp(`more th.. ${LIMITS.maxTokens} tokens`));
  });

  it('prices lists at the page size they would be served at, whether written out or passed in variables', async () => {
    const literal = `{ persons(first: 100) { edges { node { tenancies(first: 100) { edges { node { start end monthlyRent landlordName house { address code } } } } } } } }`;
    const byVariables = `query($residents: Int, $tenancies: Int) { persons(first: $residents) { edges { node { tenancies(first: $tenancies) { edges { node { start end monthlyRent landlordName house { address code } } } } } } } }`;
    for (const [query, variables] of [[literal, {}], [byVariables, { residents: 100, tenancies: 100 }]] as const) {
      const response = await withoutExecution(() => graphql(hub.gatewayUrl, query, variables, headers));
      expectRefused(response, 400, 'BAD_USER_INPUT', new RegExp(`Cost limit of ${LIMITS.maxCost} exceeded`));
      expect(response.body.errors?.[0]?.extensions).toMatchObject({ limit: 'maxCost', max: LIMITS.maxCost });
    }
    const smaller = await graphql(hub.gatewayUrl, byVariables, { residents: 10, tenancies: 10 }, headers);
    expect(smaller.body.errors).toBeUndefined();
    expect(smaller.body.data?.persons.edges).toHaveLength(10);
  });

  it('refuses a page size outside 0 to 100 with 400 and BAD_USER_INPUT naming first, literal, in a variable or nested', async () => {
    const [resident] = await hub.databases.police.db.select().from(persons).limit(1);
    const cases: [string, Record<string, unknown>][] = [
      [`{ persons(first: 99999999) { edges { node { id } } } }`, {}],
      [`query($n: Int) { persons(first: $n) { edges { node { id } } } }`, { n: -1 }],
      [`query($n: Int = 101) { persons(first: $n) { edges { node { id } } } }`, {}],
      [`query($id: ID!) { person(id: $id) { tenancies(first: 101) { edges { node { start } } } } }`, { id: resident!.id }],
    ];
    for (const [query, variables] of cases) {
      const response = await withoutExecution(() => graphql(hub.gatewayUrl, query, variables, headers));
      expectRefused(response, 400, 'BAD_USER_INPUT', /^first: must be an integer from 0 to 100$/);
      expect(response.body.errors?.[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'first' });
    }
  });

  it('stores nothing when a mutation breaks a limit', async () => {
    const mutation = `mutation { ${Array.from({ length: LIMITS.maxAliases + 1 }, (_, i) => {
      const r = newResident();
      return `r${i}: registerPerson(input: { idNumber: "${r.idNumber}", name: "${r.name}", ethnicity: "${r.ethnicity}", householdDivisionCode: "${r.householdDivisionCode}", householdAddress: "${r.householdAddress}" }) { person { id } }`;
    }).join(' ')} }`;
    const response = await storingNothing(() => withoutExecution(() => graphql(hub.gatewayUrl, mutation, {}, headers)));
    expectRefused(response, 400, 'BAD_USER_INPUT', /Aliases limit/);
  });

  it('answers a syntax error with 400 and GRAPHQL_PARSE_FAILED', async () => {
    const response = await graphql(hub.gatewayUrl, `{ persons(first: 1) { edges { node { id }`, {}, headers);
    expectRefused(response, 400, 'GRAPHQL_PARSE_FAILED', /^Syntax Error/);
  });

  it('answers a misspelt field without suggesting the field it resembles', async () => {
    const response = await graphql(hub.gatewayUrl, `{ persons(first: 1) { edges { node { nam idNumbr } } } }`, {}, headers);
    expect(response.status).toBe(400);
    expect(response.body.errors?.map((e) => e.message)).toEqual([
      'Cannot query field "nam" on type "Person".',
      'Cannot query field "idNumbr" on type "Person".',
    ]);
  });

  it('refuses introspection when it is off, as in production', async () => {
    const response = await withoutExecution(() => graphql(hub.gatewayUrl, `{ __schema { types { name } } }`, {}, headers));
    expectRefused(response, 400, 'GRAPHQL_VALIDATION_FAILED', /introspection is not allowed/);
  });
});

describe('operation limits in a subgraph, for when another gateway fronts it', () => {
  it('refuses a query twice as deep as the gateway allows', async () => {
    // grid, then four times residents > edges > node > residence > grid, then name: 22 levels.
    const query = `{ grid(code: "510107001001") { ${'residents { edges { node { residence { grid { '.repeat(4)} name ${'} } } } } '.repeat(4)} } }`;
    const response = await graphql(hub.subgraphUrls.police, query, {}, hub.internalHeaders());
    expectRefused(response, 400, 'BAD_USER_INPUT', new RegExp(`depth limit of ${LIMITS.maxDepth * 2} exceeded`));
    expect(response.body.errors?.[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT', limit: 'maxDepth', max: LIMITS.maxDepth * 2 });
  });

  it('stops parsing a document of twice the gateway token limit', async () => {
    const query = `{ ${'__typename '.repeat(LIMITS.maxTokens * 2)} }`;
    const response = await graphql(hub.subgraphUrls.police, query, {}, hub.internalHeaders());
    expectRefused(response, 400, 'GRAPHQL_PARSE_FAILED', /tokens/);
  });
});

describe('request shapes the gateway refuses', () => {
  it('refuses a batch, a JSON array of operations, with 400 saying so, and stores none of it', async () => {
    const batch = JSON.stringify([{ query: REGISTER, variables: { input: newResident() } }, { query: REGISTER, variables: { input: newResident() } }]);
    const response = await storingNothing(() => withoutExecution(() => post(batch)));
    expectRefused(response, 400, 'BAD_REQUEST', /JSON array, a batch of operations; .* one operation per request/);
  });

  it.each(['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x'])(
    'refuses a %s POST, which a browser may send cross-site without asking, with 415 naming the accepted type, and stores nothing',
    async (contentType) => {
      const body = JSON.stringify({ query: REGISTER, variables: { input: newResident() } });
      const response = await storingNothing(() => withoutExecution(() => post(body, { 'content-type': contentType })));
      expectRefused(response, 415, 'BAD_REQUEST', /is not accepted: send the body as application\/json/);
    },
  );

  it('refuses a GET query without a header that forces a preflight, and answers one with it', async () => {
    const url = `${hub.gatewayUrl}?query=${encodeURIComponent('{ persons(first: 1) { edges { node { id } } } }')}`;
    const { 'content-type': _, ...getHeaders } = headers;
    const bare = await withoutExecution(() => rawRequest(url, { headers: getHeaders }));
    expectRefused(bare, 400, 'BAD_REQUEST', /Cross-Site Request Forgery/);
    const preflighted = await rawRequest(url, { headers: { ...getHeaders, 'apollo-require-preflight': 'true' } });
    expect(preflighted.status).toBe(200);
    expect(preflighted.body.data?.persons).toBeTruthy();
  });

  it('refuses a mutation sent by GET with 405 and Allow: POST, and stores nothing', async () => {
    const url = `${hub.gatewayUrl}?query=${encodeURIComponent(REGISTER)}&variables=${encodeURIComponent(JSON.stringify({ input: newResident() }))}`;
    const response = await storingNothing(() => rawRequest(url, { headers: { ...headers, 'apollo-require-preflight': 'true' } }));
    expectRefused(response, 405, 'BAD_REQUEST', /GET requests only support query operations/);
    expect(response.headers.get('allow')).toBe('POST');
  });

  it('refuses a body over 1 MB with 413, unread', async () => {
    const body = JSON.stringify({ query: `{ __typename }`, variables: { padding: 'x'.repeat(MAX_BODY_BYTES) } });
    const response = await withoutExecution(() => post(body));
    expectRefused(response, 413, 'BAD_REQUEST', new RegExp(`larger than ${MAX_BODY_BYTES} bytes`));
  });

  it('refuses a body that is not JSON with 400', async () => {
    expectRefused(await withoutExecution(() => post('{"query": "{ __typename }"')), 400, 'BAD_REQUEST', /not valid JSON/);
  });
});

describe('prototype keys in requests', () => {
  const prototypeNames = Object.getOwnPropertyNames(Object.prototype).sort();
  /** The hub runs in this process, so a polluted prototype would show here. */
  const expectPrototypesUntouched = () => {
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(prototypeNames);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  };

  it('answers __proto__, constructor and prototype as aliases like any other alias, across subgraphs', async () => {
    const [resident] = await hub.databases.police.db.select().from(persons).limit(1);
    const query = `query($id: ID!) { __proto__: person(id: $id) { constructor: name prototype: tenancies { edges { __proto__: node { start } } } } }`;
    const response = await graphql(hub.gatewayUrl, query, { id: resident!.id }, headers);
    expect(response.status).toBe(200);
    expect(response.body.errors).toBeUndefined();
    const answer = JSON.parse(JSON.stringify(response.body.data)) as Record<string, any>;
    expect(Object.hasOwn(answer, '__proto__')).toBe(true);
    expect(answer['__proto__'].constructor).toBe(resident!.name);
    expect(Array.isArray(answer['__proto__'].prototype.edges)).toBe(true);
    expectPrototypesUntouched();
  });

  it.each([
    ['a "__proto__" key in an input object', (input: object) => `{"input":{"__proto__":{"polluted":true},${JSON.stringify(input).slice(1)}}`],
    ['a "constructor" key holding "prototype" in an input object', (input: object) => `{"input":{"constructor":{"prototype":{"polluted":true}},${JSON.stringify(input).slice(1)}}`],
    ['a variable named "__proto__"', (input: object) => `{"__proto__":${JSON.stringify(input)}}`],
  ])('refuses %s with 400 and stores nothing', async (_what, variables) => {
    const query = variables({}).startsWith('{"__proto__"') ? REGISTER.replaceAll('$input', '$__proto__') : REGISTER;
    const body = `{"query":${JSON.stringify(query)},"variables":${variables(newResident())}}`;
    const response = await storingNothing(() => withoutExecution(() => post(body)));
    expectRefused(response, 400, 'BAD_REQUEST', /"__proto__" key, or a "constructor" key holding "prototype"/);
    expectPrototypesUntouched();
  });

  it('refuses plain "constructor" and "prototype" keys in an input object as fields the input does not have', async () => {
    for (const key of ['constructor', 'prototype']) {
      const response = await storingNothing(() => graphql(hub.gatewayUrl, REGISTER, { input: { ...newResident(), [key]: { polluted: true } } }, headers));
      expectRefused(response, 400, 'BAD_USER_INPUT', new RegExp(`Field "${key}" is not defined by type "RegisterPersonInput"`));
      expect(response.body.errors?.[0]?.extensions?.field).toBe('input');
    }
    expectPrototypesUntouched();
  });

  it('refuses a GET whose variables parameter holds a "__proto__" key', async () => {
    const url = `${hub.gatewayUrl}?query=${encodeURIComponent('query($f: PersonFilter) { persons(filter: $f) { edges { node { id } } } }')}&variables=${encodeURIComponent('{"f":{"__proto__":{"polluted":true}}}')}`;
    const response = await withoutExecution(() => rawRequest(url, { headers: { ...headers, 'apollo-require-preflight': 'true' } }));
    expectRefused(response, 400, 'BAD_REQUEST', /variables parameter holds a "__proto__" key/);
    expectPrototypesUntouched();
  });

  it('treats variables named constructor and prototype like any other: each registers its one resident', async () => {
    for (const name of ['constructor', 'prototype']) {
      const before = await registered();
      const response = await graphql(hub.gatewayUrl, REGISTER.replaceAll('$input', `$${name}`), { [name]: newResident() }, headers);
      expect(response.body.errors).toBeUndefined();
      expect(response.body.data?.registerPerson.person.id).toBeTruthy();
      expect(await registered()).toBe(before + 1);
    }
    expectPrototypesUntouched();
  });
});
