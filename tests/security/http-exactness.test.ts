import http from 'node:http';
import { gzipSync } from 'node:zlib';
import type { ApolloServer, BaseContext } from '@apollo/server';
import { count } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeIdNumber } from '../../domain/index.js';
import { MAX_BODY_BYTES, serveGraphQL } from '../../platform/http.js';
import { persons } from '../../subgraphs/police/db/schema.js';
import { headersFor, rawRequest, type GraphQLResponse } from '../support/graphql.js';
import { startTestHub, type TestHub } from '../support/hub.js';
import { testLogger } from '../support/servers.js';

/*
 * The gateway's HTTP layer reads exactly one kind of request body: a JSON
 * object in UTF-8, uncompressed. Anything else is refused with a status and a
 * message saying what was wrong and what is accepted, and nothing is run or
 * stored; and every answer the hub forms itself says how long it is.
 */

let hub: TestHub;
let caller: Record<string, string>;
beforeAll(async () => {
  hub = await startTestHub({ persons: 20, introspection: false, recordSubgraphRequests: true });
  caller = await hub.headers('police', 'population-management');
});
afterAll(async () => {
  await hub?.close();
});

const REGISTER = 'mutation($input: RegisterPersonInput!) { registerPerson(input: $input) { person { id name } } }';
let sequence = 500;
const newResident = (name = '钱伟') => ({
  idNumber: makeIdNumber('511302', '1988-09-09', (sequence += 2), 'MALE'),
  name,
  ethnicity: '汉族',
  householdDivisionCode: '511302',
  householdAddress: '南充市顺庆区人民路1号',
});
const registration = (name?: string) => JSON.stringify({ query: REGISTER, variables: { input: newResident(name) } });

const registered = async (): Promise<number> => (await hub.databases.police.db.select({ n: count() }).from(persons))[0]!.n;

const post = (body: string | Uint8Array, headers: Record<string, string> = { 'content-type': 'application/json' }) =>
  rawRequest(hub.gatewayUrl, { method: 'POST', headers: { ...caller, ...headers }, body });

/** Sends, and asserts no subgraph was called, no department database ran a statement and the register holds as many residents. */
async function refusedUnrun(send: () => Promise<GraphQLResponse>): Promise<GraphQLResponse> {
  const before = await registered();
  const calls = hub.subgraphRequests.length;
  const statements = hub.statements();
  const response = await send();
  expect(hub.subgraphRequests.length).toBe(calls);
  expect(hub.statements()).toEqual(statements);
  expect(await registered()).toBe(before);
  return response;
}

function expectRefused(response: GraphQLResponse, status: number, code: string, message: RegExp): void {
  expect(response.status).toBe(status);
  expect(response.body.data ?? null).toBeNull();
  expect(response.body.errors?.map((e) => e.extensions?.code)).toEqual([code]);
  expect(response.body.errors?.[0]?.message).toMatch(message);
}

describe('what the gateway reads as a request body', () => {
  it('refuses a body that is not valid UTF-8 with 400 saying so, rather than running it with replacement characters', async () => {
    const [before, after] = registration('李娜').split('李娜') as [string, string];
    const body = Buffer.concat([Buffer.from(before), Buffer.from([0xe6, 0x9d]), Buffer.from([0xff]), Buffer.from(after)]);
    const response = await refusedUnrun(() => post(body));
    expectRefused(response, 400, 'BAD_REQUEST', /not valid UTF-8/);
  });

  it('accepts a UTF-8 byte-order mark at the start of the body', async () => {
    const response = await post(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(JSON.stringify({ query: '{ __typename }' }))]));
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ data: { __typename: 'Query' } });
  });

  it.each(['application/json', 'application/json; charset=utf-8', 'Application/JSON; Charset="UTF-8"', 'application/json;charset=UTF-8'])(
    'accepts %s and stores the resident exactly as sent',
    async (contentType) => {
      const before = await registered();
      const response = await post(registration('张三丰'), { 'content-type': contentType });
      expect(response.status).toBe(200);
      expect(response.body.errors).toBeUndefined();
      expect(response.body.data?.registerPerson).toMatchObject({ person: { name: '张三丰' } });
      expect(await registered()).toBe(before + 1);
    },
  );

  it.each(['iso-8859-1', 'utf-16', 'gbk'])('refuses charset=%s with 415 naming the charset and what is accepted, and stores nothing', async (charset) => {
    const response = await refusedUnrun(() => post(registration(), { 'content-type': `application/json; charset=${charset}` }));
    expectRefused(response, 415, 'BAD_REQUEST', new RegExp(`charset "${charset}" is not accepted: .*application/json`));
  });

  it.each(['application/json-patch+json', 'application/jsonx', 'text/plain; note=application/json', 'application/graphql'])(
    'refuses a %s body with 415 naming what is accepted, though its type mentions JSON, and stores nothing',
    async (contentType) => {
      const response = await refusedUnrun(() => post(registration(), { 'content-type': contentType }));
      expectRefused(response, 415, 'BAD_REQUEST', /is not accepted: send the body as application\/json/);
    },
  );

  it('refuses a POST without a Content-Type with 415', async () => {
    const response = await refusedUnrun(() => rawRequest(hub.gatewayUrl, { method: 'POST', headers: caller, body: new Blob([registration()]) }));
    expectRefused(response, 415, 'BAD_REQUEST', /Content-Type is missing: send the body as application\/json/);
  });

  it.each(['gzip', 'deflate', 'br'])('refuses a body with Content-Encoding %s with 415 asking for it uncompressed, and stores nothing', async (encoding) => {
    const response = await refusedUnrun(() => post(gzipSync(registration()), { 'content-type': 'application/json', 'content-encoding': encoding }));
    expectRefused(response, 415, 'BAD_REQUEST', new RegExp(`Content-Encoding "${encoding}" is not accepted: .*uncompressed`));
  });

  it('accepts Content-Encoding identity', async () => {
    const response = await post(JSON.stringify({ query: '{ __typename }' }), { 'content-type': 'application/json', 'content-encoding': 'identity' });
    expect(response.status).toBe(200);
    expect(response.body.data).toEqual({ __typename: 'Query' });
  });

  it.each([
    ['null', 'null'],
    ['42', 'a number'],
    ['"{ __typename }"', 'a string'],
    ['true', 'a boolean'],
  ])('refuses the JSON body %s with 400 saying what it is and what to send', async (body, kind) => {
    const response = await refusedUnrun(() => post(body));
    expectRefused(response, 400, 'BAD_REQUEST', new RegExp(`^Request body is JSON ${kind}; send one GraphQL request as a JSON object`));
    expect(response.body.errors?.[0]?.message).not.toMatch(/__proto__/);
  });

  it.each([
    ['variables', [1], 'an array', 'a JSON object mapping variable names to values'],
    ['variables', 'x', 'a string', 'a JSON object mapping variable names to values'],
    ['variables', 7, 'a number', 'a JSON object mapping variable names to values'],
    ['extensions', [], 'an array', 'a JSON object'],
    ['operationName', 5, 'a number', 'a string naming an operation'],
    ['query', { kind: 'Document' }, 'an object', 'a string holding the GraphQL document'],
  ])('refuses %s given as %j with 400 naming the member, what it is and what it must be, and stores nothing', async (member, value, kind, expected) => {
    const body = JSON.stringify({ query: REGISTER, variables: { input: newResident() }, [member]: value });
    const response = await refusedUnrun(() => post(body));
    expectRefused(response, 400, 'BAD_REQUEST', new RegExp(`^"${member}" is ${kind}; it must be ${expected}`));
  });

  it('takes variables, operationName and extensions given as null as absent, as the GraphQL over HTTP specification requires', async () => {
    const response = await post(JSON.stringify({ query: '{ __typename }', variables: null, operationName: null, extensions: null }));
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ data: { __typename: 'Query' } });
  });

  it('refuses a batch at a subgraph as at the gateway: 400 saying one operation per request', async () => {
    const batch = JSON.stringify([{ query: '{ __typename }' }, { query: '{ __typename }' }]);
    const response = await rawRequest(hub.subgraphUrls.police, { method: 'POST', headers: { 'content-type': 'application/json', ...(await headersFor(hub.subgraphUrls.police, batch, hub.internalHeaders())) }, body: batch });
    expectRefused(response, 400, 'BAD_REQUEST', /JSON array, a batch of operations; .* one operation per request/);
  });
});

describe('answers the hub forms itself', () => {
  const expectLength = async (response: Response) => {
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect(response.headers.get('content-length')).toBe(String(bytes.byteLength));
    expect(response.headers.get('transfer-encoding')).toBeNull();
  };
  const base = () => hub.gatewayUrl.replace(/\/graphql$/, '');

  it('carry Content-Length: /health, /ready, /metrics and an unknown path', async () => {
    for (const path of ['/health', '/ready', '/metrics', '/nowhere']) await expectLength(await fetch(`${base()}${path}`));
  });

  it('carry Content-Length: refusals for size, media type, encoding, JSON shape and document', async () => {
    const send = (body: string, headers: Record<string, string>) => fetch(hub.gatewayUrl, { method: 'POST', headers: { ...caller, ...headers }, body });
    const json = { 'content-type': 'application/json' };
    const answers = [
      await send(JSON.stringify({ query: '{ __typename }', variables: { padding: 'x'.repeat(MAX_BODY_BYTES) } }), json),
      await send(registration(), { 'content-type': 'text/plain' }),
      await send(registration(), { ...json, 'content-encoding': 'gzip' }),
      await send('null', json),
      await send(JSON.stringify({ query: `{ ${'__typename '.repeat(5_000)} }` }), json),
    ];
    expect(answers.map((a) => a.status)).toEqual([413, 415, 415, 400, 400]);
    for (const answer of answers) await expectLength(answer);
  });

  it('carry Content-Length on a GraphQL answer', async () => {
    await expectLength(await fetch(hub.gatewayUrl, { method: 'POST', headers: { ...caller, 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ __typename }' }) }));
  });
});

describe('a streamed answer that fails midway', () => {
  it('cuts the connection instead of ending as if the answer were whole', async () => {
    // graphql 16 streams nothing, so an Apollo Server stand-in yields one part of an answer and then fails.
    const failing = {
      executeHTTPGraphQLRequest: async () => ({
        status: 200,
        headers: new Map([['content-type', 'multipart/mixed; boundary="-"']]),
        body: {
          kind: 'chunked' as const,
          asyncIterator: (async function* () {
            yield '\r\n---\r\ncontent-type: application/json; charset=utf-8\r\n\r\n{"data":{"a":1},"hasNext":true}\r\n---';
            throw new Error('the next part could not be produced');
          })(),
        },
      }),
    } as unknown as ApolloServer<BaseContext>;
    const running = await serveGraphQL({
      server: failing,
      host: '127.0.0.1',
      port: 0,
      logger: testLogger,
      documents: { maxTokens: 100, maxDepth: 5 },
      context: async () => ({}),
    });
    try {
      const outcome = await new Promise<string>((resolve) => {
        const request = http.request(running.url, { method: 'POST', headers: { 'content-type': 'application/json' } }, (response) => {
          response.on('data', () => undefined);
          response.on('end', () => resolve(response.complete ? 'ended as complete' : 'ended incomplete'));
          response.on('aborted', () => resolve('cut'));
          response.on('error', () => resolve('cut'));
        });
        request.on('error', () => resolve('cut'));
        request.end(JSON.stringify({ query: '{ a }' }));
      });
      expect(outcome).not.toBe('ended as complete');
    } finally {
      await running.close(100);
    }
  });
});

