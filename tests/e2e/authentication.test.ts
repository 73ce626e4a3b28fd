import type { CallerTokenSettings } from '../../auth/caller.js';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { base64url, exportSPKI, SignJWT, type CryptoKey } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callerTokenSettingsFromEnv } from '../../auth/config.js';
import { PURPOSE_NAMES } from '../../auth/purposes.js';
import { startGateway } from '../../gateway/server.js';
import type { RunningServer } from '../../platform/listen.js';
import { parseEnv } from '../../hub/env.js';
import { SUPERGRAPH_PATH } from '../../schema/compose.js';
import { graphql, type GraphQLResponse } from '../support/graphql.js';
import { startTestHub, type TestHub } from '../support/hub.js';
import { testLogger } from '../support/servers.js';
import { claimsForRole, internalHeaders, newKeyPair, principalForRole, TEST_PURPOSE } from '../support/tokens.js';

let hub: TestHub;
beforeAll(async () => {
  hub = await startTestHub({ persons: 30 });
});
afterAll(async () => {
  await hub?.close();
});

const PERSONS = `{ persons(first: 2) { edges { node { id name } } } }`;
const now = () => Math.floor(Date.now() / 1000);

/** A gateway request with the given bearer token (or none) and a valid purpose. */
function asCaller(token: string | null, query = PERSONS): Promise<GraphQLResponse<Record<string, any>>> {
  return graphql(hub.gatewayUrl, query, {}, { ...(token === null ? {} : { authorization: `Bearer ${token}` }), 'x-purpose': TEST_PURPOSE });
}

function expectRefused(response: GraphQLResponse, status: number, code: string, message?: RegExp): void {
  expect(response.status).toBe(status);
  expect(response.body.errors?.map((e) => e.extensions?.code)).toEqual([code]);
  expect(response.body).not.toHaveProperty('data');
  if (message) expect(response.body.errors?.[0]?.message).toMatch(message);
}

/** Signs the police claims with any key and header, for tokens the issuer never made. */
function forge(key: CryptoKey | Uint8Array, header: Record<string, unknown>, claims: Record<string, unknown> = {}): Promise<string> {
  return new SignJWT({ ...claimsForRole('police'), ...claims })
    .setProtectedHeader({ alg: 'EdDSA', ...header })
    .setIssuer(hub.issuer.issuer)
    .setAudience(hub.issuer.audience)
    .setIssuedAt()
    .setExpirationTime('10m')
    .sign(key);
}

describe('the gateway, verifying callers', () => {
  it('answers a valid token and purpose with data', async () => {
    const response = await asCaller(await hub.token());
    expect(response.status).toBe(200);
    expect(response.body.errors).toBeUndefined();
    expect(response.body.data?.persons.edges).toHaveLength(2);
  });

  it('refuses a request without a bearer token with 401, saying the Authorization header is required', async () => {
    const response = await asCaller(null);
    expectRefused(response, 401, 'UNAUTHENTICATED', /^Authorization header is required/);
    expect(response.headers.get('www-authenticate')).toMatch(/^Bearer/);
  });

  it('refuses an Authorization header that is not a bearer token', async () => {
    const response = await graphql(hub.gatewayUrl, PERSONS, {}, { authorization: 'Basic cG9saWNlOnBvbGljZQ==', 'x-purpose': TEST_PURPOSE });
    expectRefused(response, 401, 'UNAUTHENTICATED', /Bearer <token>/);
  });

  it('refuses a token signed with another key under the issuer key id, because the signature does not verify', async () => {
    const other = await newKeyPair();
    const response = await asCaller(await forge(other.signer.key as CryptoKey, { kid: hub.issuer.signer.kid }));
    expectRefused(response, 401, 'UNAUTHENTICATED', /signature does not verify/);
    expect(response.headers.get('www-authenticate')).toContain('invalid_token');
  });

  it('refuses a token signed with a key the key set does not hold', async () => {
    const stranger = await newKeyPair('some-other-kid');
    const response = await asCaller(await forge(stranger.signer.key as CryptoKey, { kid: 'some-other-kid' }));
    expectRefused(response, 401, 'UNAUTHENTICATED', /key this hub does not know/);
  });

  it('refuses a token from an issuer the hub does not trust, without naming the trusted one', async () => {
    const response = await asCaller(await hub.token({}, { issuer: 'https://idp.example.invalid/' }));
    expectRefused(response, 401, 'UNAUTHENTICATED', /issuer this hub does not trust/);
    expect(response.body.errors?.[0]?.message).not.toContain(hub.issuer.issuer);
  });

  it('refuses a token meant for another audience', async () => {
    const response = await asCaller(await hub.token({}, { audience: 'some-other-service' }));
    expectRefused(response, 401, 'UNAUTHENTICATED', /another audience/);
  });

  it('refuses an expired token', async () => {
    const response = await asCaller(await hub.token({}, { ttlSeconds: -120 }));
    expectRefused(response, 401, 'UNAUTHENTICATED', /expired/);
  });

  it('accepts a token that expired within the allowed clock skew', async () => {
    const response = await asCaller(await hub.token({}, { ttlSeconds: -10 }));
    expect(response.status).toBe(200);
  });

  it('refuses a token that is not yet valid, beyond the allowed clock skew', async () => {
    const response = await asCaller(await hub.token({}, { notBeforeSeconds: 300, ttlSeconds: 900 }));
    expectRefused(response, 401, 'UNAUTHENTICATED', /not yet valid/);
  });

  it('refuses a token without an expiry', async () => {
    const token = await new SignJWT({ ...claimsForRole('police') })
      .setProtectedHeader({ alg: 'EdDSA', kid: hub.issuer.signer.kid })
      .setIssuer(hub.issuer.issuer)
      .setAudience(hub.issuer.audience)
      .sign(hub.issuer.signer.key);
    expectRefused(await asCaller(token), 401, 'UNAUTHENTICATED', /"exp" is missing/);
  });

  it('refuses an unsigned token (alg none)', async () => {
    const encode = (value: unknown) => base64url.encode(JSON.stringify(value));
    const payload = { ...claimsForRole('police'), iss: hub.issuer.issuer, aud: hub.issuer.audience, exp: now() + 600 };
    const unsigned = `${encode({ alg: 'none', typ: 'JWT' })}.${encode(payload)}.`;
    expectRefused(await asCaller(unsigned), 401, 'UNAUTHENTICATED', /algorithm is not allowed/);
  });

  it("refuses an HS256 token whose secret is the issuer's public key (algorithm confusion)", async () => {
    const pem = await exportSPKI(hub.issuer.publicKey);
    const raw = base64url.decode(hub.issuer.publicJwk.x!);
    const jwksBytes = new TextEncoder().encode(JSON.stringify(hub.issuer.jwks));
    for (const secret of [new TextEncoder().encode(pem), raw, jwksBytes]) {
      const token = await forge(secret, { alg: 'HS256', kid: hub.issuer.signer.kid });
      expectRefused(await asCaller(token), 401, 'UNAUTHENTICATED', /algorithm is not allowed/);
    }
  });

  it('refuses a token whose claims lack roles, naming the claim', async () => {
    const { roles: _roles, ...withoutRoles } = claimsForRole('police');
    const token = await forge(hub.issuer.signer.key as CryptoKey, { kid: hub.issuer.signer.kid }, { ...withoutRoles, roles: undefined });
    expectRefused(await asCaller(token), 401, 'UNAUTHENTICATED', /claim "roles" is missing/);
  });

  it('refuses a token with an empty role list or a malformed jurisdiction, naming the claim', async () => {
    expectRefused(await asCaller(await hub.token({ roles: [] })), 401, 'UNAUTHENTICATED', /claim "roles" is malformed/);
    const badGrid = await hub.token({ jurisdiction: { grids: ['5101'] } });
    expectRefused(await asCaller(badGrid), 401, 'UNAUTHENTICATED', /claim "jurisdiction\.grids\.0" is malformed/);
  });

  it("refuses a declarant's premises or a resident's identity number that are not well-formed, naming the claim", async () => {
    const badHouse = await hub.token({ dept: 'landlord', roles: ['landlord'], premises: { houses: ['5101'] } });
    expectRefused(await asCaller(badHouse), 401, 'UNAUTHENTICATED', /claim "premises\.houses\.0" is malformed/);
    const badEmployer = await hub.token({ dept: 'employer', roles: ['employer'], premises: { employers: ['91510107MA000000XX'] } });
    expectRefused(await asCaller(badEmployer), 401, 'UNAUTHENTICATED', /claim "premises\.employers\.0" is malformed/);
    const badIdNumber = await hub.token({ dept: 'resident', roles: ['resident'], idNumber: '51010719900517123' });
    expectRefused(await asCaller(badIdNumber), 401, 'UNAUTHENTICATED', /claim "idNumber" is malformed/);
  });

  it('refuses a token naming the caller with control characters, which no audit record could hold', async () => {
    expectRefused(await asCaller(await hub.token({ sub: 'wang\u0000wei' })), 401, 'UNAUTHENTICATED', /claim "sub" is malformed/);
    expectRefused(await asCaller(await hub.token({ dept: 'police\n' + 'x' })), 401, 'UNAUTHENTICATED', /claim "dept" is malformed/);
    expectRefused(await asCaller(await hub.token({ roles: ['police', '\ud800'] })), 401, 'UNAUTHENTICATED', /claim "roles\.1" is malformed/);
  });

  it('refuses a token that is not a JWT at all', async () => {
    expectRefused(await asCaller('not-a-token'), 401, 'UNAUTHENTICATED', /not a well-formed signed JWT/);
  });
});

describe('the gateway, requiring a purpose of use', () => {
  it('refuses a request without X-Purpose with 400, asking for one of the declared purposes', async () => {
    const response = await graphql(hub.gatewayUrl, PERSONS, {}, hub.headers('police', null));
    expectRefused(response, 400, 'BAD_REQUEST');
    const message = response.body.errors?.[0]?.message ?? '';
    expect(message).toMatch(/^X-Purpose is required: declare why you are accessing residents' data \(one of: /);
    for (const purpose of PURPOSE_NAMES) expect(message).toContain(purpose);
  });

  it('refuses a purpose outside the vocabulary with 400, naming it and listing the accepted ones', async () => {
    const response = await graphql(hub.gatewayUrl, PERSONS, {}, { ...(await hub.headers('police', null)), 'x-purpose': 'curiosity' });
    expectRefused(response, 400, 'BAD_REQUEST', /"curiosity"/);
    expect(response.body.errors?.[0]?.message).toContain('population-management');
  });

  it('authenticates before it asks for a purpose', async () => {
    const response = await graphql(hub.gatewayUrl, PERSONS);
    expectRefused(response, 401, 'UNAUTHENTICATED');
  });

  it('lets an introspection-only query through without a purpose', async () => {
    const response = await graphql(hub.gatewayUrl, `query Schema { __schema { queryType { name } } __typename }`, {}, hub.headers('police', null));
    expect(response.status).toBe(200);
    expect(response.body.data?.__schema.queryType.name).toBe('Query');
  });

  it('does not let data ride along with introspection without a purpose', async () => {
    const response = await graphql(hub.gatewayUrl, `{ __typename persons(first: 1) { edges { node { id } } } }`, {}, hub.headers('police', null));
    expectRefused(response, 400, 'BAD_REQUEST', /X-Purpose is required/);
  });
});

describe('a subgraph called directly, not through the gateway', () => {
  const direct = (headers: Record<string, string> | Promise<Record<string, string>>) => graphql(hub.subgraphUrls.police, PERSONS, {}, headers);
  const expectNothing = (response: GraphQLResponse) => {
    expectRefused(response, 401, 'UNAUTHENTICATED');
    expect(JSON.stringify(response.body)).not.toMatch(/Person|persons|internal token|expired|signature/i);
  };

  it('answers a request with an internal token from the gateway key', async () => {
    const response = await direct(hub.internalHeaders());
    expect(response.status).toBe(200);
    expect(response.body.data?.persons.edges).toHaveLength(2);
  });

  it('refuses a request without an internal token with 401 and no data', async () => {
    expectNothing(await direct({ 'x-purpose': TEST_PURPOSE }));
  });

  it("refuses the caller's own bearer token, as a header of either name", async () => {
    const token = await hub.token();
    expectNothing(await direct({ authorization: `Bearer ${token}`, 'x-purpose': TEST_PURPOSE }));
    expectNothing(await direct({ 'x-hub-internal-token': token }));
  });

  it('refuses an expired internal token', async () => {
    expectNothing(await direct(hub.internalHeaders({ ttlSeconds: -60 })));
  });

  it('refuses an internal token the gateway would have signed for another subgraph', async () => {
    expectNothing(await direct(hub.internalHeaders({ subgraph: 'housing' })));
  });

  it('refuses an internal token signed with another key', async () => {
    const other = await newKeyPair(hub.gatewayKeys.signer.kid);
    expectNothing(await direct(internalHeaders(other.signer, principalForRole('police'), { subgraph: 'police' })));
  });

  it('keeps its health and readiness checks open', async () => {
    const base = hub.subgraphUrls.police.replace(/\/graphql$/, '');
    expect((await fetch(`${base}/health`)).status).toBe(200);
    expect((await fetch(`${base}/ready`)).status).toBe(200);
  });

  it('records the purpose from the internal token, whatever X-Purpose header comes with it', async () => {
    const requestId = 'spoofed-purpose-0001';
    const headers = {
      ...(await hub.internalHeaders({ purpose: 'population-management', requestId })),
      'x-purpose': 'case-investigation',
      'x-case-id': 'FAKE-1',
      'x-request-id': 'someone-elses-id',
    };
    const response = await direct(headers);
    expect(response.status).toBe(200);
    const events = await hub.audit.events();
    const recorded = events.filter((e) => e.requestId === requestId);
    expect(recorded.length).toBeGreaterThan(0);
    expect(new Set(recorded.map((e) => e.purpose))).toEqual(new Set(['population-management']));
    expect(events.some((e) => e.requestId === 'someone-elses-id' || e.purpose === 'case-investigation' || e.caseId === 'FAKE-1')).toBe(false);
  });
});

/** A gateway of its own in front of the test hub's subgraphs, verifying callers as `callerTokens` says. */
const gatewayVerifying = (callerTokens: CallerTokenSettings) =>
  startGateway({
    supergraphSdl: readFileSync(SUPERGRAPH_PATH, 'utf8'),
    subgraphUrls: hub.subgraphUrls,
    host: '127.0.0.1',
    port: 0,
    logger: testLogger,
    subgraphTimeoutMs: 5_000,
    callerTokens,
    internalTokens: { signingKey: hub.gatewayKeys.signer, ttlSeconds: 60 },
  });

describe('a gateway that fetches the identity provider keys from a JWKS URL', () => {
  let jwksServer: http.Server;
  let gateway: RunningServer;
  let fetched = 0;

  beforeAll(async () => {
    jwksServer = http.createServer((_request, response) => {
      fetched += 1;
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify(hub.issuer.jwks));
    });
    await new Promise<void>((resolve) => jwksServer.listen(0, '127.0.0.1', resolve));
    const jwksUrl = `http://127.0.0.1:${(jwksServer.address() as AddressInfo).port}/.well-known/jwks.json`;
    const callerTokens = await callerTokenSettingsFromEnv(parseEnv({ AUTH_JWKS_URL: jwksUrl, AUTH_ALGORITHMS: 'EdDSA' }));
    gateway = await gatewayVerifying(callerTokens);
  });
  afterAll(async () => {
    await gateway?.close();
    await new Promise<void>((resolve) => (jwksServer ? jwksServer.close(() => resolve()) : resolve()));
  });

  it('verifies a token against the fetched keys and answers with data', async () => {
    const response = await graphql(gateway.url, PERSONS, {}, hub.headers());
    expect(response.status).toBe(200);
    expect(response.body.data?.persons.edges).toHaveLength(2);
    expect(fetched).toBeGreaterThan(0);
  });

  it('refuses a token signed by a key the fetched set does not hold', async () => {
    const stranger = await newKeyPair('rotated-away');
    const token = await forge(stranger.signer.key as CryptoKey, { kid: 'rotated-away' });
    const response = await graphql(gateway.url, PERSONS, {}, { authorization: `Bearer ${token}`, 'x-purpose': TEST_PURPOSE });
    expectRefused(response, 401, 'UNAUTHENTICATED', /key this hub does not know/);
  });

  it('keeps verifying with the keys the provider last gave while it does not answer, and asks it again once it does', async () => {
    let answering = true;
    let asked = 0;
    const provider = http.createServer((_request, response) => {
      asked += 1;
      if (!answering) {
        response.writeHead(503).end();
        return;
      }
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify(hub.issuer.jwks));
    });
    await new Promise<void>((resolve) => provider.listen(0, '127.0.0.1', resolve));
    const cacheSeconds = 1;
    const jwksUrl = `http://127.0.0.1:${(provider.address() as AddressInfo).port}/jwks.json`;
    const withProvider = await gatewayVerifying(
      await callerTokenSettingsFromEnv(parseEnv({ AUTH_JWKS_URL: jwksUrl, AUTH_ALGORITHMS: 'EdDSA', AUTH_JWKS_CACHE_S: String(cacheSeconds) })),
    );
    const past = (seconds: number) => new Promise((resolve) => setTimeout(resolve, seconds * 1_000 + 200));
    try {
      expect((await graphql(withProvider.url, PERSONS, {}, hub.headers())).status).toBe(200);
      // The provider goes down, and the fetched keys grow older than the cache keeps them.
      answering = false;
      await past(cacheSeconds);
      const askedBefore = asked;
      const during = await graphql(withProvider.url, PERSONS, {}, hub.headers());
      expect(asked).toBeGreaterThan(askedBefore);
      expect(during.status).toBe(200);
      expect(during.body.data?.persons.edges).toHaveLength(2);
      // A key the provider never gave cannot be had while it is down: that is still the hub's 503, not the caller's fault.
      const stranger = await newKeyPair('issued-during-the-outage');
      const unknown = await forge(stranger.signer.key as CryptoKey, { kid: 'issued-during-the-outage' });
      expectRefused(await graphql(withProvider.url, PERSONS, {}, { authorization: `Bearer ${unknown}`, 'x-purpose': TEST_PURPOSE }), 503, 'SERVICE_UNAVAILABLE', /cannot be verified right now/);
      // Back: asked again, and the keys it gives are used.
      answering = true;
      await past(cacheSeconds);
      const askedAgain = asked;
      expect((await graphql(withProvider.url, PERSONS, {}, hub.headers())).status).toBe(200);
      expect(asked).toBeGreaterThan(askedAgain);
    } finally {
      await withProvider.close();
      await new Promise<void>((resolve) => provider.close(() => resolve()));
    }
  });

  it('answers 503 without internals when the key set cannot be fetched, rather than blaming the caller', async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const deadUrl = `http://127.0.0.1:${(closed.address() as AddressInfo).port}/jwks.json`;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const unreachable = await gatewayVerifying(await callerTokenSettingsFromEnv(parseEnv({ AUTH_JWKS_URL: deadUrl })));
    try {
      const response = await graphql(unreachable.url, PERSONS, {}, hub.headers());
      expectRefused(response, 503, 'SERVICE_UNAVAILABLE', /cannot be verified right now/);
      expect(JSON.stringify(response.body)).not.toContain('127.0.0.1');
    } finally {
      await unreachable.close();
    }
  });
});
