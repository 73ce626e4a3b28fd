import { randomUUID } from 'node:crypto';
import { decodeJwt, decodeProtectedHeader } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHECK_FIELDS, CHECK_GRANT_TYPE, signCheckGrant } from '../../auth/check-grant.js';
import type { RequestMeta } from '../../auth/principal.js';
import { MAX_IMPORT_QUESTIONS, MAX_QUESTIONS } from '../../auth/reference-checks.js';
import { persons } from '../../subgraphs/police/db/schema.js';
import { graphql } from '../support/graphql.js';
import { startTestHub, type TestHub } from '../support/hub.js';
import { claimsForRole, newKeyPair, principalForRole } from '../support/tokens.js';

/*
 * A write asks the departments that own what it names whether it exists,
 * through the gateway, with a grant the gateway put in the write's internal
 * token. The grant is captured here from the wire between the real gateway
 * and the real subgraphs and used as an attacker who saw it would.
 */

const WRITER = 'housing-officer-0042';
const CHECK = 'query ReferenceChecks($id: ID!) { personChecks(checks: [{ personId: $id }]) { personId found problems } }';

let hub: TestHub;
let resident: { id: string };
let grant: string;
let writeRequestId: string;

beforeAll(async () => {
  hub = await startTestHub({ persons: 30, recordSubgraphRequests: true });
  const [first] = await hub.databases.police.db.select().from(persons).limit(1);
  resident = first!;
  hub.subgraphRequests.length = 0;
  // Any write carries a grant, whatever it then makes of it: this one names a tenancy nobody holds.
  const write = await graphql(
    hub.gatewayUrl,
    'mutation End($input: EndTenancyInput!) { endTenancy(input: $input) { tenancy { id } } }',
    { input: { tenancyId: randomUUID(), end: '2026-01-01' } },
    hub.headers({ ...claimsForRole('housing'), sub: WRITER }, 'housing-administration'),
  );
  expect(write.body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  const call = hub.subgraphRequests.find((request) => request.department === 'housing')!;
  const claims = decodeJwt(call.headers['x-hub-internal-token'] as string);
  grant = claims.checkGrant as string;
  writeRequestId = claims.requestId as string;
}, 120_000);

afterAll(async () => {
  await hub?.close();
});

const asGrant = (token: string) => ({ authorization: `Bearer ${token}` });

describe('check grants', () => {
  it('travel in the internal token of a write, and of no read', async () => {
    expect(decodeProtectedHeader(grant).typ).toBe(CHECK_GRANT_TYPE);
    expect(decodeJwt(grant)).toMatchObject({ azp: 'housing', requestId: writeRequestId, sub: WRITER });
    hub.subgraphRequests.length = 0;
    const read = await graphql(hub.gatewayUrl, 'query($id: ID!) { person(id: $id) { name tenancies { edges { node { start } } } } }', { id: resident.id }, hub.headers('housing'));
    expect(read.body.errors).toBeUndefined();
    expect(hub.subgraphRequests.length).toBeGreaterThan(1);
    for (const call of hub.subgraphRequests) expect(decodeJwt(call.headers['x-hub-internal-token'] as string).checkGrant, call.department).toBeUndefined();
  });

  it('ask the owner as the writing caller, and the answer is recorded under them, beside the write', async () => {
    const answer = await graphql(hub.gatewayUrl, CHECK, { id: resident.id }, asGrant(grant));
    expect(answer.body.errors).toBeUndefined();
    expect(answer.body.data?.personChecks).toEqual([{ personId: resident.id, found: true, problems: [] }]);
    const events = await hub.audit.events();
    const access = events.find((e) => e.kind === 'access' && e.typeName === 'PersonCheck' && e.recordIds.includes(resident.id));
    expect(access).toMatchObject({ subject: WRITER, department: 'housing', purpose: 'housing-administration', subgraph: 'police' });
    const request = events.find((e) => e.kind === 'request' && e.requestId === access!.requestId);
    expect(request).toMatchObject({ subject: WRITER, correlationId: writeRequestId, outcome: 'ok' });
  });

  it('record nothing for an id that names nobody', async () => {
    const unknown = randomUUID();
    const answer = await graphql(hub.gatewayUrl, CHECK, { id: unknown }, asGrant(grant));
    expect(answer.body.data?.personChecks).toEqual([{ personId: unknown, found: false, problems: [] }]);
    expect((await hub.audit.events()).some((e) => e.recordIds.includes(unknown))).toBe(false);
  });

  it(`are good for ${[...CHECK_FIELDS].join(', ')} and nothing else`, async () => {
    const attempts = [
      ['a record', 'query($id: ID!) { person(id: $id) { name } }', { id: resident.id }],
      ['a check beside a record', `query($id: ID!) { personChecks(checks: [{ personId: $id }]) { found } person(id: $id) { name } }`, { id: resident.id }],
      ['a write', 'mutation { endTenancy(input: { tenancyId: "00000000-0000-4000-8000-000000000000", end: "2026-01-01" }) { tenancy { id } } }', {}],
      ['a check through a fragment', 'query($id: ID!) { ...F } fragment F on Query { personChecks(checks: [{ personId: $id }]) { found } }', { id: resident.id }],
    ] as const;
    for (const [what, query, variables] of attempts) {
      const response = await graphql(hub.gatewayUrl, query, variables, asGrant(grant));
      expect(response.status, what).toBe(403);
      expect(response.body.data ?? null, what).toBeNull();
      expect(response.body.errors?.[0]?.extensions?.code, what).toBe('FORBIDDEN');
    }
  });

  it('given to the declarations subgraph, are good also for one by-identity registration, and for no other write or read', async () => {
    const meta: RequestMeta = { requestId: randomUUID(), principal: principalForRole('housing', { subject: WRITER }), purpose: 'housing-administration', caseId: null };
    const declarations = await signCheckGrant(hub.gatewayKeys.signer, meta, 'declarations');
    const register = (alias = '') => `${alias}registerTenancyByIdentity(input: { houseCode: "1", idNumber: "1", name: "x", landlordName: "x", start: "2020-01-01", monthlyRent: 1 }) { identityConfirmed }`;
    const refused = [
      ['another write', 'mutation { endTenancy(input: { tenancyId: "00000000-0000-4000-8000-000000000000", end: "2026-01-01" }) { tenancy { id } } }'],
      ['two registrations at once', `mutation { ${register('a: ')} ${register('b: ')} }`],
      ['a record', `query { person(id: "${resident.id}") { name } }`],
    ] as const;
    for (const [what, query] of refused) {
      const response = await graphql(hub.gatewayUrl, query, {}, asGrant(declarations));
      expect(response.status, what).toBe(403);
      expect(response.body.errors?.[0]?.extensions?.code, what).toBe('FORBIDDEN');
    }
    // One registration passes the gateway and meets housing's own rules: a malformed house code and number are housing's refusal.
    const allowed = await graphql(hub.gatewayUrl, `mutation { ${register()} }`, {}, asGrant(declarations));
    expect(allowed.body.errors?.map((e) => e.extensions?.code)).toContain('BAD_USER_INPUT');
    expect(allowed.body.errors?.some((e) => e.extensions?.field === 'input.houseCode')).toBe(true);
    // The same registration under a grant given to any other subgraph is refused before it is planned.
    const other = await graphql(hub.gatewayUrl, `mutation { ${register()} }`, {}, asGrant(grant));
    expect(other.status).toBe(403);
  });

  it('are refused when expired, or signed by anyone but the gateway', async () => {
    const meta: RequestMeta = { requestId: randomUUID(), principal: { subject: WRITER, department: 'housing', roles: ['housing'], scopes: ['person:read'], jurisdiction: { divisions: [], grids: [] } }, purpose: 'housing-administration', caseId: null };
    const expired = await signCheckGrant(hub.gatewayKeys.signer, meta, 'housing', -60);
    const forged = await signCheckGrant((await newKeyPair()).signer, meta, 'housing');
    for (const [what, token] of [['expired', expired], ['forged', forged]] as const) {
      const response = await graphql(hub.gatewayUrl, CHECK, { id: resident.id }, asGrant(token));
      expect(response.status, what).toBe(401);
      expect(response.body.data ?? null, what).toBeNull();
      expect(response.body.errors?.[0]?.extensions?.code, what).toBe('UNAUTHENTICATED');
    }
  });

  it(`ask at most ${MAX_QUESTIONS} questions of a kind for a write, and a whole batch's, at most ${MAX_IMPORT_QUESTIONS}, only for a batch of an import`, async () => {
    const checks = (count: number) => Array.from({ length: count }, () => ({ personId: randomUUID() }));
    const ask = async (token: string, count: number) => {
      const response = await graphql(hub.gatewayUrl, 'query($checks: [PersonCheckInput!]!) { personChecks(checks: $checks) { found } }', { checks: checks(count) }, asGrant(token));
      return response.body.errors?.map((e) => [e.extensions?.code, e.extensions?.field]) ?? response.body.data?.personChecks.length;
    };
    expect(await ask(grant, MAX_QUESTIONS)).toBe(MAX_QUESTIONS);
    expect(await ask(grant, MAX_QUESTIONS + 1)).toEqual([['BAD_USER_INPUT', 'checks']]);
    const meta: RequestMeta = { requestId: randomUUID(), principal: principalForRole('health'), purpose: 'public-health', caseId: null };
    const batchGrant = await signCheckGrant(hub.gatewayKeys.signer, meta, 'health', undefined, { forImport: true });
    expect(await ask(batchGrant, MAX_IMPORT_QUESTIONS)).toBe(MAX_IMPORT_QUESTIONS);
    const overGrant = await signCheckGrant(hub.gatewayKeys.signer, { ...meta, requestId: randomUUID() }, 'health', undefined, { forImport: true });
    expect(await ask(overGrant, MAX_IMPORT_QUESTIONS + 1)).toEqual([['BAD_USER_INPUT', 'checks']]);
  });

  it('are held to the policy of the caller they were signed for', async () => {
    // A grid worker may read residents but writes nothing, so the policy grants them no checks.
    const meta: RequestMeta = { requestId: randomUUID(), principal: { subject: 'grid-worker-1', department: 'grid', roles: ['grid'], scopes: ['person:read', 'grid:read'], jurisdiction: { divisions: [], grids: [] } }, purpose: 'community-service', caseId: null };
    const response = await graphql(hub.gatewayUrl, CHECK, { id: resident.id }, asGrant(await signCheckGrant(hub.gatewayKeys.signer, meta, 'housing')));
    expect(response.body.data?.personChecks ?? null).toBeNull();
    expect(response.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
