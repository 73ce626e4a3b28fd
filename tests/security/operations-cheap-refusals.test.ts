import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signCallerToken } from '../../auth/caller.js';
import { callerTokenSettingsFromEnv } from '../../auth/config.js';
import { DEFAULT_OPERATION_LIMITS as LIMITS } from '../../platform/operation-limits.js';
import { startGateway } from '../../gateway/server.js';
import { DEFAULT_REFUSAL_SETTINGS } from '../../gateway/refusals.js';
import { parseEnv } from '../../hub/env.js';
import type { GatewayMetrics } from '../../platform/metrics.js';
import { SUPERGRAPH_PATH } from '../../schema/compose.js';
import { rawRequest, type GraphQLResponse } from '../support/graphql.js';
import { startTestHub, type TestHub } from '../support/hub.js';
import { testLogger } from '../support/servers.js';
import { callerClaims, claimsForRole, newKeyPair, TEST_PURPOSE, testPurposeFor } from '../support/tokens.js';

/*
 * What a document costs to refuse must not depend on who sends it: its
 * tokens, its operation and its depth are judged before the bearer token is
 * verified, the caller's rate-limit budget is spent or the purpose is read,
 * with or without a purpose. Observed from outside: the identity provider's
 * key set (served here, counting its fetches) is never asked for, and the
 * caller's budget is untouched.
 */

let hub: TestHub;
let jwksServer: http.Server;
let keyFetches = 0;
let gateway: { url: string; metrics: GatewayMetrics; close(): Promise<void> };
const RATE = { points: 2, windowSeconds: 60, burst: 1, burstWindowSeconds: 60 };

beforeAll(async () => {
  hub = await startTestHub({ persons: 10 });
  jwksServer = http.createServer((_request, response) => {
    keyFetches += 1;
    const body = JSON.stringify(hub.issuer.jwks);
    response.writeHead(200, { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) });
    response.end(body);
  });
  await new Promise<void>((resolve) => jwksServer.listen(0, '127.0.0.1', resolve));
  const jwksUrl = `http://127.0.0.1:${(jwksServer.address() as AddressInfo).port}/.well-known/jwks.json`;
  gateway = await startGateway({
    supergraphSdl: readFileSync(SUPERGRAPH_PATH, 'utf8'),
    subgraphUrls: hub.subgraphUrls,
    host: '127.0.0.1',
    port: 0,
    logger: testLogger,
    subgraphTimeoutMs: 5_000,
    callerTokens: await callerTokenSettingsFromEnv(parseEnv({ AUTH_JWKS_URL: jwksUrl, AUTH_ALGORITHMS: 'EdDSA' })),
    internalTokens: { signingKey: hub.gatewayKeys.signer, ttlSeconds: 60 },
    requestLog: hub.audit.writers.gateway,
    rateLimit: RATE,
    // Every refusal its own event (no window to tally repeats in): this file asks of each one how it was recorded.
    refusals: { ...DEFAULT_REFUSAL_SETTINGS, windowMs: 0 },
  });
});
afterAll(async () => {
  await gateway?.close();
  await new Promise<void>((resolve) => (jwksServer ? jwksServer.close(() => resolve()) : resolve()));
  await hub?.close();
});

/** A well-formed token from a key the identity provider never published: verifying it means fetching the key set. */
async function strangersToken(): Promise<string> {
  const stranger = await newKeyPair('not-published');
  return signCallerToken(stranger.signer, callerClaims(claimsForRole('police')), { issuer: hub.issuer.issuer, audience: hub.issuer.audience, ttlSeconds: 600 });
}

const send = (query: string, headers: Record<string, string>, operationName?: string): Promise<GraphQLResponse> =>
  rawRequest(gateway.url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query, operationName }) });

/** Sends, and asserts the identity provider's keys were not fetched meanwhile. */
async function withoutVerifying(sendIt: () => Promise<GraphQLResponse>): Promise<GraphQLResponse> {
  const before = keyFetches;
  const response = await sendIt();
  expect(keyFetches).toBe(before);
  return response;
}

function expectRefused(response: GraphQLResponse, status: number, code: string, message: RegExp): void {
  expect(response.status).toBe(status);
  expect(response.body.data ?? null).toBeNull();
  expect(response.body.errors?.map((e) => e.extensions?.code)).toEqual([code]);
  expect(response.body.errors?.[0]?.message).toMatch(message);
}

const overTokenLimit = (tokens: number) => `{ ${'__typename '.repeat(tokens)} }`;
/** One level deeper than `depth`: fields the schema need not hold, as depth is judged before the schema is consulted. */
const deeperThan = (depth: number) => `{ ${'a { '.repeat(depth)}b${' }'.repeat(depth)} }`;

describe('refusals that cost little, before the caller is looked at', () => {
  it('refuses a document over the token limit with 400 GRAPHQL_PARSE_FAILED without fetching keys to verify the token, purpose or not', async () => {
    const token = await strangersToken();
    const withoutPurpose: Record<string, string> = { authorization: `Bearer ${token}` };
    for (const headers of [withoutPurpose, { ...withoutPurpose, 'x-purpose': TEST_PURPOSE }]) {
      const response = await withoutVerifying(() => send(overTokenLimit(LIMITS.maxTokens), headers));
      expectRefused(response, 400, 'GRAPHQL_PARSE_FAILED', new RegExp(`more than ${LIMITS.maxTokens} tokens`));
      expect(response.body.errors?.[0]?.extensions).toEqual({ code: 'GRAPHQL_PARSE_FAILED', limit: 'maxTokens', max: LIMITS.maxTokens });
    }
  });

  it('stops an 85,000-token document sent without a purpose at the token limit', async () => {
    const response = await withoutVerifying(() => send(overTokenLimit(85_000), { authorization: `Bearer ${hub.issuer.issuer}.not-a-token` }));
    expectRefused(response, 400, 'GRAPHQL_PARSE_FAILED', new RegExp(`more than ${LIMITS.maxTokens} tokens`));
  });

  it('refuses a document deeper than the depth limit with 400 naming the limit, without fetching keys', async () => {
    const response = await withoutVerifying(async () => send(deeperThan(LIMITS.maxDepth), { authorization: `Bearer ${await strangersToken()}` }));
    expectRefused(response, 400, 'BAD_USER_INPUT', new RegExp(`depth limit of ${LIMITS.maxDepth} exceeded, found ${LIMITS.maxDepth + 1}`));
    expect(response.body.errors?.[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT', limit: 'maxDepth', max: LIMITS.maxDepth });
  });

  it('refuses a document whose operation cannot be resolved without fetching keys', async () => {
    const response = await withoutVerifying(async () => send('query A { __typename } query B { __typename }', { authorization: `Bearer ${await strangersToken()}` }));
    expectRefused(response, 400, 'OPERATION_RESOLUTION_FAILURE', /2 operations .* operationName/);
  });

  it('still verifies the token of a document within the limits, fetching the keys to refuse the stranger', async () => {
    const before = keyFetches;
    const response = await send('{ __typename }', { authorization: `Bearer ${await strangersToken()}`, 'x-purpose': TEST_PURPOSE });
    expect(response.status).toBe(401);
    expect(keyFetches).toBeGreaterThan(before);
  });

  it("spends none of the caller's rate-limit budget on documents refused for their size", async () => {
    const headers = { authorization: `Bearer ${await hub.token(claimsForRole('labour'))}`, 'x-purpose': testPurposeFor(['labour']) };
    for (let i = 0; i < RATE.points + RATE.burst + 2; i += 1) {
      expectRefused(await send(overTokenLimit(LIMITS.maxTokens), headers), 400, 'GRAPHQL_PARSE_FAILED', /tokens/);
    }
    const within = await send('{ __typename }', headers);
    expect(within.status).toBe(200);
    expect(within.body.data).toEqual({ __typename: 'Query' });
  });

  it('counts such a refusal in the metrics and records it in the audit log as an attempt by no verified caller', async () => {
    const errorsOf = async (code: string) => {
      const { body } = await gateway.metrics.expose();
      const line = body.split('\n').find((l) => l.startsWith(`hub_gateway_errors_total{code="${code}"}`));
      return line ? Number(line.split(' ').pop()) : 0;
    };
    const before = await errorsOf('GRAPHQL_PARSE_FAILED');
    const correlationId = `cheap-refusal-${Date.now()}`;
    const response = await send(overTokenLimit(LIMITS.maxTokens), { authorization: `Bearer ${await strangersToken()}`, 'x-request-id': correlationId });
    expect(response.status).toBe(400);
    const requestId = response.headers.get('x-request-id');
    expect(await errorsOf('GRAPHQL_PARSE_FAILED')).toBe(before + 1);
    const recorded = (await hub.audit.events()).filter((e) => e.requestId === requestId);
    expect(recorded.map((e) => [e.kind, e.outcome, e.errorCode, e.subject, e.purpose, e.correlationId])).toEqual([['request', 'error', 'GRAPHQL_PARSE_FAILED', null, null, correlationId]]);
  });
});
