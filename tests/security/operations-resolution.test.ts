import { createHash } from 'node:crypto';
import { count } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeIdNumber } from '../../domain/index.js';
import { persons } from '../../subgraphs/police/db/schema.js';
import { headersFor, rawRequest, type GraphQLResponse } from '../support/graphql.js';
import { startTestHub, type TestHub } from '../support/hub.js';

/*
 * Which operation of a document to run is the caller's to say. When the
 * request does not say it, names one the document lacks, or asks for a kind
 * of operation the hub does not serve, that is the caller's mistake: HTTP 400
 * with OPERATION_RESOLUTION_FAILURE naming what was wrong, at the gateway and
 * at every subgraph alike, and nothing is run or stored.
 */

let hub: TestHub;
let gatewayHeaders: Record<string, string>;
beforeAll(async () => {
  hub = await startTestHub({ persons: 20, introspection: false, recordSubgraphRequests: true });
  gatewayHeaders = { 'content-type': 'application/json', ...(await hub.headers('police', 'population-management')) };
});
afterAll(async () => {
  await hub?.close();
});

let sequence = 300;
const REGISTER = (alias: string) => {
  const idNumber = makeIdNumber('511302', '1991-03-02', (sequence += 2), 'FEMALE');
  return `${alias}: registerPerson(input: { idNumber: "${idNumber}", name: "李娜", ethnicity: "汉族", householdDivisionCode: "511302", householdAddress: "南充市顺庆区" }) { person { id } }`;
};

const registered = async (): Promise<number> => (await hub.databases.police.db.select({ n: count() }).from(persons))[0]!.n;

type Target = 'gateway' | 'police subgraph';
const targets: Target[] = ['gateway', 'police subgraph'];

/** Sends one JSON body to the gateway (as a police officer) or straight to the police subgraph (with an internal token). */
async function send(target: Target, body: Record<string, unknown>): Promise<GraphQLResponse> {
  if (target === 'gateway') return rawRequest(hub.gatewayUrl, { method: 'POST', headers: gatewayHeaders, body: JSON.stringify(body) });
  const sent = JSON.stringify(body);
  const headers = { 'content-type': 'application/json', ...(await headersFor(hub.subgraphUrls.police, sent, hub.internalHeaders())) };
  return rawRequest(hub.subgraphUrls.police, { method: 'POST', headers, body: sent });
}

/** Sends, and asserts that nothing reached a subgraph from the gateway, no department database ran a statement, and the register is as it was. */
async function refusedUnrun(target: Target, body: Record<string, unknown>): Promise<GraphQLResponse> {
  const before = await registered();
  const calls = hub.subgraphRequests.length;
  const statements = hub.statements();
  const response = await send(target, body);
  expect(hub.subgraphRequests.length).toBe(calls);
  expect(hub.statements()).toEqual(statements);
  expect(await registered()).toBe(before);
  return response;
}

function expectResolutionFailure(response: GraphQLResponse, message: RegExp): void {
  expect(response.status).toBe(400);
  expect(response.body.data ?? null).toBeNull();
  expect(response.body.errors?.map((e) => e.extensions?.code)).toEqual(['OPERATION_RESOLUTION_FAILURE']);
  expect(response.body.errors?.[0]?.message).toMatch(message);
}

describe.each(targets)('operation resolution at the %s', (target) => {
  it('refuses an operationName the document does not define with 400, naming it and the operations it does define', async () => {
    const query = `mutation Register { ${REGISTER('r')} } query Count { __typename }`;
    const response = await refusedUnrun(target, { query, operationName: 'Deregister' });
    expectResolutionFailure(response, /"Deregister".*\bRegister\b.*\bCount\b/);
  });

  it('refuses a document of several operations without an operationName with 400, saying one must be named', async () => {
    const query = `mutation Register { ${REGISTER('r')} } query Count { __typename }`;
    const response = await refusedUnrun(target, { query });
    expectResolutionFailure(response, /2 operations.*operationName/);
  });

  it('refuses a document of two anonymous operations with 400, saying one must be named', async () => {
    const query = `mutation { ${REGISTER('r')} } { __typename }`;
    const response = await refusedUnrun(target, { query });
    expectResolutionFailure(response, /2 operations.*operationName/);
  });

  it('refuses a document with no operation at all with 400, saying so', async () => {
    const response = await refusedUnrun(target, { query: 'fragment F on Query { __typename }' });
    expectResolutionFailure(response, /no operation/);
  });

  it('refuses a subscription with 400, saying the hub has no subscriptions', async () => {
    const response = await refusedUnrun(target, { query: 'subscription Alerts { __typename }' });
    expectResolutionFailure(response, /has no subscriptions/);
  });

  it('runs the named operation of a document holding several', async () => {
    const response = await send(target, { query: `query A { __typename } query B { b: __typename }`, operationName: 'B' });
    expect(response.status).toBe(200);
    expect(response.body.errors).toBeUndefined();
    expect(response.body.data).toEqual({ b: 'Query' });
  });
});

describe('operation resolution for a persisted query, whose document the HTTP layer never sees', () => {
  it('refuses an operationName the stored document does not define with 400, naming it, at the gateway', async () => {
    const query = 'query A { __typename } query B { b: __typename }';
    const persistedQuery = { version: 1, sha256Hash: createHash('sha256').update(query).digest('hex') };
    const stored = await send('gateway', { query, operationName: 'A', extensions: { persistedQuery } });
    expect(stored.status).toBe(200);
    expect(stored.body.data).toEqual({ __typename: 'Query' });
    const response = await refusedUnrun('gateway', { operationName: 'Nope', extensions: { persistedQuery } });
    expectResolutionFailure(response, /"Nope".*\bA\b.*\bB\b/);
    const ambiguous = await refusedUnrun('gateway', { extensions: { persistedQuery } });
    expectResolutionFailure(ambiguous, /2 operations.*operationName/);
  });
});
