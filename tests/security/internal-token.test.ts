import { createHash } from 'node:crypto';
import { Writable } from 'node:stream';
import { decodeJwt, decodeProtectedHeader } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Department } from '../../subgraphs/registry.js';
import { createLogger } from '../../platform/logger.js';
import { persons } from '../../subgraphs/police/db/schema.js';
import { graphql, rawRequest, type GraphQLResponse } from '../support/graphql.js';
import { startTestHub, type TestHub } from '../support/hub.js';
import type { RecordedRequest } from '../support/proxy.js';

/*
 * What the gateway sends a subgraph is worth nothing to whoever sees it on
 * the way: tokens are captured from the wire between the real gateway and
 * the real subgraphs, then replayed straight at the subgraphs.
 */

const TTL_SECONDS = 3;
const VICTIM = 'victim-officer-0001';

const logLines: Record<string, unknown>[] = [];
const logger = createLogger(
  'internal-token-test',
  'warn',
  new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n')) if (line.trim()) logLines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  }),
);

let hub: TestHub;
let resident: { id: string; idNumber: string; name: string };
beforeAll(async () => {
  // No clock tolerance, so a token's lifetime can be outlived within the test.
  hub = await startTestHub({ persons: 40, recordSubgraphRequests: true, logger, internalTokens: { ttlSeconds: TTL_SECONDS, clockToleranceSeconds: 0 } });
  const [first] = await hub.databases.police.db.select().from(persons).limit(1);
  resident = first!;
});
afterAll(async () => {
  await hub?.close();
});

const DOSSIER = `query Dossier($idNumber: String!) {
  personByIdNumber(idNumber: $idNumber) {
    id name idNumber
    residence { since house { code address } }
    tenancies { edges { node { start house { code } } } }
    employments { edges { node { position employer { name } } } }
  }
}`;

type Call = RecordedRequest & { department: Department | 'audit' | 'declarations'; token: string };

/** The victim's own dossier request through the gateway, and every call the gateway made for it, as seen on the wire. */
async function victimsDossier(): Promise<{ response: GraphQLResponse<Record<string, any>>; calls: Call[] }> {
  hub.subgraphRequests.length = 0;
  const response = await graphql(hub.gatewayUrl, DOSSIER, { idNumber: resident.idNumber }, hub.headers({ sub: VICTIM }, 'population-management'));
  const calls = hub.subgraphRequests.map((request) => ({ ...request, token: request.headers['x-hub-internal-token'] as string }));
  return { response, calls };
}

function callTo(calls: Call[], department: Department): Call {
  const call = calls.find((c) => c.department === department);
  if (!call) throw new Error(`the gateway did not call ${department}`);
  return call;
}

/** Sends a captured token straight to a subgraph, with whatever body the one replaying it chooses. */
const replay = (department: Department, token: string, body: string) =>
  rawRequest(hub.subgraphUrls[department], {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-hub-internal-token': token },
    body,
  });

const eventKeys = async () => new Set((await hub.audit.events()).map((e) => `${e.writerId}/${e.seq}`));

/** Runs a replay, and checks it was refused like any request without a token, and recorded nothing in the victim's name. */
async function expectRefusedAndUnrecorded(send: () => Promise<GraphQLResponse>): Promise<void> {
  const before = await eventKeys();
  const response = await send();
  expect(response.status).toBe(401);
  expect(response.body.data ?? null).toBeNull();
  expect(response.body.errors?.map((e) => e.extensions?.code)).toEqual(['UNAUTHENTICATED']);
  expect(response.body.errors?.[0]?.message).toBe('This service answers only requests forwarded by the hub gateway');
  const added = (await hub.audit.events()).filter((e) => !before.has(`${e.writerId}/${e.seq}`));
  expect(added.filter((e) => e.subject === VICTIM)).toEqual([]);
}

/** The reason the subgraph logged for its latest refusal. */
function lastRefusal(department: Department): string {
  const refusals = logLines.filter((line) => line.subgraph === department && line.msg === 'refused a request without a valid internal token');
  return String(refusals.at(-1)?.reason);
}

describe('tokens the gateway sends its subgraphs', () => {
  it('are a distinct token per subgraph call, each for that subgraph and that body, for a few seconds, of one request', async () => {
    const { response, calls } = await victimsDossier();
    expect(response.status).toBe(200);
    expect(response.body.data?.personByIdNumber.idNumber).toBe(resident.idNumber);
    expect(new Set(calls.map((c) => c.department))).toEqual(new Set(['police', 'housing', 'labour']));

    const claims = calls.map((call) => ({ call, header: decodeProtectedHeader(call.token), payload: decodeJwt(call.token) }));
    expect(new Set(calls.map((c) => c.token)).size).toBe(calls.length);
    expect(new Set(claims.map((c) => c.payload.jti)).size).toBe(calls.length);
    const requestIds = new Set(claims.map((c) => c.payload.requestId));
    expect(requestIds.size).toBe(1);
    for (const { call, header, payload } of claims) {
      expect(header.typ).toBe('hub-internal+jwt');
      expect(payload.aud).toBe(`urn:population-data-hub:subgraph:${call.department}`);
      expect(payload.bodySha256).toBe(createHash('sha256').update(call.body, 'utf8').digest('base64url'));
      expect(payload.jti).not.toBe(payload.requestId);
      expect(payload.exp! - payload.iat!).toBe(TTL_SECONDS);
      expect(payload.principal).toMatchObject({ subject: VICTIM });
    }
    // The subgraphs recorded the accesses under the request's own id, as before.
    const recorded = (await hub.audit.events()).filter((e) => e.subject === VICTIM && e.typeName === 'Person' && e.recordIds.includes(resident.id));
    expect(recorded.length).toBeGreaterThan(0);
    expect(new Set(recorded.map((e) => e.requestId))).toEqual(requestIds);
  });

  it('cannot be used a second time, even by the subgraph it was for, with the very body it came with', async () => {
    const { calls } = await victimsDossier();
    const police = callTo(calls, 'police');
    await expectRefusedAndUnrecorded(() => replay('police', police.token, police.body));
    expect(lastRefusal('police')).toMatch(/already used/);
  });

  it('is refused by every other subgraph, even with a query that subgraph answers', async () => {
    const { calls } = await victimsDossier();
    const police = callTo(calls, 'police');
    const housing = callTo(calls, 'housing');
    // Housing's own query, as the gateway sent it, carried by the token meant for the police.
    await expectRefusedAndUnrecorded(() => replay('housing', police.token, housing.body));
    expect(lastRefusal('housing')).toMatch(/"aud"/);
    await expectRefusedAndUnrecorded(() => replay('labour', housing.token, police.body));
    expect(lastRefusal('labour')).toMatch(/"aud"/);
  });

  it('is refused with changed variables, aimed at another resident', async () => {
    const { calls } = await victimsDossier();
    const police = callTo(calls, 'police');
    const [other] = (await hub.databases.police.db.select().from(persons).limit(2)).filter((p) => p.id !== resident.id);
    const sent = JSON.parse(police.body) as { variables?: Record<string, unknown> };
    const variables = JSON.stringify(sent.variables ?? {});
    expect(variables).toContain(resident.idNumber);
    const changed = JSON.stringify({ ...sent, variables: JSON.parse(variables.replaceAll(resident.idNumber, other!.idNumber)) });
    await expectRefusedAndUnrecorded(() => replay('police', police.token, changed));
    expect(lastRefusal('police')).toMatch(/not the one the token was signed for/);
  });

  it('is refused with a changed query asking for more', async () => {
    const { calls } = await victimsDossier();
    const police = callTo(calls, 'police');
    const sent = JSON.parse(police.body) as { query: string };
    const query = sent.query.replace(/\bname\b/, 'name phone');
    expect(query).not.toBe(sent.query);
    await expectRefusedAndUnrecorded(() => replay('police', police.token, JSON.stringify({ ...sent, query })));
    expect(lastRefusal('police')).toMatch(/not the one the token was signed for/);
  });

  it('is refused once its few seconds are over', async () => {
    const { calls } = await victimsDossier();
    const housing = callTo(calls, 'housing');
    const { exp } = decodeJwt(housing.token);
    // Waits out the token's lifetime; the subgraph here allows no clock drift.
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, exp! * 1000 - Date.now()) + 50));
    await expectRefusedAndUnrecorded(() => replay('housing', housing.token, housing.body));
    expect(lastRefusal('housing')).toMatch(/"exp"/);
  });

  it('is refused on a GET, which has no body to be bound to', async () => {
    const { calls } = await victimsDossier();
    const police = callTo(calls, 'police');
    const sent = JSON.parse(police.body) as { query: string; variables?: Record<string, unknown> };
    const url = new URL(hub.subgraphUrls.police);
    url.searchParams.set('query', sent.query);
    url.searchParams.set('variables', JSON.stringify(sent.variables ?? {}));
    await expectRefusedAndUnrecorded(() =>
      rawRequest(url.toString(), { headers: { 'x-hub-internal-token': police.token, 'apollo-require-preflight': 'true' } }),
    );
    expect(lastRefusal('police')).toMatch(/POST/);
  });

  it('leaves the reason for a refusal in the subgraph log, and nothing of the resident or the caller', async () => {
    const refusals = logLines.filter((line) => line.msg === 'refused a request without a valid internal token');
    expect(refusals.length).toBeGreaterThan(0);
    const text = JSON.stringify(refusals);
    for (const personal of [resident.idNumber, resident.name, VICTIM]) expect(text).not.toContain(personal);
  });
});
