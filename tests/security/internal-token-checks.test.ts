import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  HEADER_INTERNAL_TOKEN,
  INTERNAL_TOKEN_ISSUER,
  InternalTokenRejected,
  internalTokenAudience,
  MAX_INTERNAL_TOKEN_TTL_S,
  SeenTokenIds,
  signInternalToken,
  verifyInternalToken,
  bodyDigest,
} from '../../auth/internal-token.js';
import type { RequestMeta } from '../../auth/principal.js';
import { PendingTokens, subgraphFetcher } from '../../gateway/subgraph-fetch.js';
import { newKeyPair, principalForRole, type TestKeyPair } from '../support/tokens.js';

/*
 * The checks a subgraph applies to an internal token, one at a time, and the
 * gateway's side: a token signed per call over the body actually sent.
 */

let keys: TestKeyPair;
beforeAll(async () => {
  keys = await newKeyPair();
});

const meta: RequestMeta = { requestId: 'req-checks-0001', principal: principalForRole('police'), purpose: 'population-management', caseId: null };
const BODY = JSON.stringify({ query: 'query($id: ID!) { person(id: $id) { name } }', variables: { id: 'p-1' } });

const sign = (call: Partial<{ subgraph: string; body: string; ttlSeconds: number }> = {}) =>
  signInternalToken(keys.signer, meta, { subgraph: 'police', body: BODY, ttlSeconds: 5, ...call });

async function refusal(token: string | undefined, check: Partial<{ subgraph: string; body: string; seen: SeenTokenIds }> = {}): Promise<string> {
  try {
    await verifyInternalToken(keys.keySet, token, { subgraph: 'police', body: BODY, seen: new SeenTokenIds(), ...check });
  } catch (error) {
    expect(error).toBeInstanceOf(InternalTokenRejected);
    return (error as Error).message;
  }
  throw new Error('the token was accepted');
}

describe('a subgraph checking an internal token', () => {
  it('takes who, why and the request id from a token for itself and this body, once', async () => {
    const seen = new SeenTokenIds();
    const token = await sign();
    expect(await verifyInternalToken(keys.keySet, token, { subgraph: 'police', body: BODY, seen })).toEqual(meta);
    expect(await refusal(token, { seen })).toMatch(/already used/);
  });

  it('refuses a token for another subgraph', async () => {
    expect(await refusal(await sign({ subgraph: 'housing' }))).toMatch(/"aud"/);
  });

  it('refuses a token for another body, however small the difference', async () => {
    expect(await refusal(await sign(), { body: `${BODY} ` })).toMatch(/not the one the token was signed for/);
    expect(await refusal(await sign(), { body: BODY.replace('p-1', 'p-2') })).toMatch(/not the one the token was signed for/);
  });

  it('refuses an expired token, and one issued longer ago than any lifetime it honours, whatever its expiry says', async () => {
    expect(await refusal(await sign({ ttlSeconds: -10 }))).toMatch(/"exp"/);
    const now = Math.floor(Date.now() / 1000);
    const old = await new SignJWT({ principal: meta.principal, purpose: meta.purpose, caseId: null, requestId: meta.requestId, bodySha256: bodyDigest(BODY) })
      .setProtectedHeader({ alg: 'EdDSA', typ: 'hub-internal+jwt' })
      .setIssuer(INTERNAL_TOKEN_ISSUER)
      .setAudience(internalTokenAudience('police'))
      .setJti('old-token-0001')
      .setIssuedAt(now - MAX_INTERNAL_TOKEN_TTL_S - 30)
      .setExpirationTime(now + 3600)
      .sign(keys.signer.key);
    expect(await refusal(old)).toMatch(/"iat"/);
  });

  it('refuses a token that binds no body, or is of another type', async () => {
    const now = Math.floor(Date.now() / 1000);
    const unbound = (typ: string, claims: Record<string, unknown>) =>
      new SignJWT({ principal: meta.principal, purpose: meta.purpose, caseId: null, requestId: meta.requestId, ...claims })
        .setProtectedHeader({ alg: 'EdDSA', typ })
        .setIssuer(INTERNAL_TOKEN_ISSUER)
        .setAudience(internalTokenAudience('police'))
        .setJti(`unbound-${typ}`)
        .setIssuedAt(now)
        .setExpirationTime(now + 5)
        .sign(keys.signer.key);
    expect(await refusal(await unbound('hub-internal+jwt', {}))).toMatch(/malformed claims: bodySha256/);
    expect(await refusal(await unbound('JWT', { bodySha256: bodyDigest(BODY) }))).toMatch(/typ/);
  });
});

describe('the memory of used token ids', () => {
  it('never takes an id twice while it could still pass, and forgets ids once they could not', () => {
    const seen = new SeenTokenIds();
    const start = 1_000_000;
    for (let i = 0; i < 100; i += 1) expect(seen.claim(`id-${i}`, start + 5_000, start)).toBe(true);
    expect(seen.claim('id-7', start + 5_000, start + 4_999)).toBe(false);
    expect(seen.size).toBe(100);
    // Once their time is past, the next claim prunes them: memory holds one lifetime of ids.
    expect(seen.claim('later', start + 10_000, start + 5_000)).toBe(true);
    expect(seen.size).toBe(1);
  });
});

describe('the gateway signing per call', () => {
  let server: http.Server;
  let url: string;
  const received: { token: string | undefined; body: string }[] = [];
  beforeAll(async () => {
    server = http.createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const token = request.headers[HEADER_INTERNAL_TOKEN];
        received.push({ token: typeof token === 'string' ? token : undefined, body: Buffer.concat(chunks).toString('utf8') });
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end('{"data":{}}');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('swaps the placeholder for a token signed over the very body it sends, which the subgraph then accepts once', async () => {
    const tokens = new PendingTokens(5_000);
    const fetcher = subgraphFetcher(5_000, tokens);
    const placeholder = tokens.add((body) => sign({ body }));
    const response = await fetcher(url, { method: 'POST', headers: { [HEADER_INTERNAL_TOKEN]: placeholder, 'content-type': 'application/json' }, body: BODY });
    expect(response.status).toBe(200);
    const got = received.at(-1)!;
    expect(got.body).toBe(BODY);
    expect(got.token).not.toBe(placeholder);
    const seen = new SeenTokenIds();
    expect(await verifyInternalToken(keys.keySet, got.token, { subgraph: 'police', body: got.body, seen })).toEqual(meta);
    expect(tokens.size).toBe(0);
  });

  it('sends nothing when a placeholder has no signer waiting, rather than a call without a token', async () => {
    const tokens = new PendingTokens(5_000);
    const fetcher = subgraphFetcher(5_000, tokens);
    const placeholder = tokens.add((body) => sign({ body }));
    expect(tokens.take(placeholder)).toBeTypeOf('function');
    const before = received.length;
    await expect(fetcher(url, { method: 'POST', headers: { [HEADER_INTERNAL_TOKEN]: placeholder }, body: BODY })).rejects.toThrow(/no internal token/);
    expect(received.length).toBe(before);
  });

  it('forgets placeholders whose call never came', () => {
    const tokens = new PendingTokens(1_000);
    tokens.add(async () => 'never', 0);
    tokens.add(async () => 'never', 500);
    expect(tokens.size).toBe(2);
    tokens.add(async () => 'now', 1_200);
    expect(tokens.size).toBe(2);
  });
});
