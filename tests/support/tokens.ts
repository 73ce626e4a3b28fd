import { calculateJwkThumbprint, createLocalJWKSet, exportJWK, generateKeyPair, type CryptoKey, type JWK, type JWTVerifyGetKey } from 'jose';
import type { CallerTokenInput } from '../../auth/caller.js';
import { HEADER_INTERNAL_TOKEN, signInternalToken } from '../../auth/internal-token.js';
import type { SigningKey } from '../../auth/keys.js';
import { HEADER_CASE_ID, HEADER_PURPOSE, type Principal, type RequestMeta } from '../../auth/principal.js';
import { mayDeclare, type Purpose } from '../../auth/purposes.js';
import { DEFAULT_SCOPES, isRole, type Role } from '../../auth/roles.js';
import { SIGN_BODY, type TestHeaders } from './graphql.js';

/** The purpose tests declare unless they are about purposes: the police's, who keep the register. */
export const TEST_PURPOSE: Purpose = 'population-management';

/** The purpose a role declares in tests that are not about purposes: one its own work serves. */
export const TEST_PURPOSES: Readonly<Record<Role, Purpose>> = {
  police: TEST_PURPOSE,
  housing: 'housing-administration',
  labour: 'labour-administration',
  health: 'public-health',
  grid: 'community-service',
  auditor: 'audit',
  admin: 'inter-city-exchange',
  landlord: 'declaration',
  employer: 'declaration',
  resident: 'declaration',
  school: 'school-enrolment',
  'social-insurance': 'social-insurance',
};

/**
 * The purpose a caller with these roles declares by default: TEST_PURPOSE if
 * one of them may declare it, otherwise the first known role's own. The
 * registry decides; a default it would refuse is a mistake in this table.
 */
export function testPurposeFor(roles: readonly string[]): Purpose {
  if (mayDeclare(roles, TEST_PURPOSE)) return TEST_PURPOSE;
  const role = roles.find(isRole) ?? 'police';
  const purpose = TEST_PURPOSES[role];
  if (!mayDeclare([role], purpose)) throw new Error(`the purpose registry does not let ${role} declare ${purpose}`);
  return purpose;
}

/** An Ed25519 key pair made in memory: the private half to sign with, the public half as a JWK and a key set. */
export interface TestKeyPair {
  signer: SigningKey;
  publicKey: CryptoKey;
  publicJwk: JWK;
  jwks: { keys: JWK[] };
  keySet: JWTVerifyGetKey;
}

export async function newKeyPair(kid?: string): Promise<TestKeyPair> {
  const { privateKey, publicKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
  const exported = await exportJWK(publicKey);
  const id = kid ?? (await calculateJwkThumbprint(exported));
  const publicJwk = { ...exported, kid: id, alg: 'EdDSA', use: 'sig' };
  const jwks = { keys: [publicJwk] };
  return { signer: { key: privateKey, alg: 'EdDSA', kid: id }, publicKey, publicJwk, jwks, keySet: createLocalJWKSet(jwks) };
}

/** Claims of a caller in a role, with that role's usual permissions. */
export function claimsForRole(role: Role, overrides: Partial<CallerTokenInput> = {}): CallerTokenInput {
  return { sub: `${role}-test-user`, dept: role, roles: [role], scope: DEFAULT_SCOPES[role].join(' '), ...overrides };
}

/**
 * Caller claims from partial ones: whatever is not given follows from the
 * roles given (their usual permissions, the first one's department), or is a
 * police officer's when no role is given either.
 */
export function callerClaims(overrides: Partial<CallerTokenInput> = {}): CallerTokenInput {
  const roles = overrides.roles?.filter(isRole) ?? [];
  const first: Role = roles[0] ?? 'police';
  const base = claimsForRole(first);
  const scope = roles.length > 0 ? [...new Set(roles.flatMap((r) => DEFAULT_SCOPES[r]))].join(' ') : base.scope;
  const ownScopes = overrides.scope !== undefined || overrides.scopes !== undefined;
  return { ...base, ...(ownScopes ? { scope: undefined } : { scope }), ...overrides };
}

/** The principal the gateway would derive from `claimsForRole(role)`. */
export function principalForRole(role: Role, overrides: Partial<Principal> = {}): Principal {
  return {
    subject: `${role}-test-user`,
    department: role,
    roles: [role],
    scopes: [...DEFAULT_SCOPES[role]],
    jurisdiction: { divisions: [], grids: [] },
    ...overrides,
  };
}

export interface InternalTokenRequest {
  principal?: Principal;
  purpose?: Purpose | null;
  caseId?: string | null;
  requestId?: string;
  ttlSeconds?: number;
  /** The subgraph the token is for; otherwise the one the request goes to. */
  subgraph?: string;
}

let counter = 0;
const nextRequestId = () => `test-${process.pid}-${(++counter).toString().padStart(6, '0')}`;

/**
 * Headers for calling a subgraph directly, as the gateway would: an internal
 * token and nothing else. The token is signed when `graphql()` sends, a fresh
 * one per call, over the body it sends and for the subgraph it calls (named
 * by `request.subgraph`, or found from the URL by `subgraphOf`), so one set of
 * headers serves any number of calls of one request, as the gateway's would.
 */
export async function internalHeaders(
  signer: SigningKey,
  defaultPrincipal: Principal,
  request: InternalTokenRequest = {},
  subgraphOf: (url: string) => string | undefined = () => undefined,
): Promise<TestHeaders> {
  const meta: RequestMeta = {
    requestId: request.requestId ?? nextRequestId(),
    principal: request.principal ?? defaultPrincipal,
    purpose: request.purpose === undefined ? testPurposeFor((request.principal ?? defaultPrincipal).roles) : request.purpose,
    caseId: request.caseId ?? null,
  };
  return {
    [SIGN_BODY]: async (body, url) => {
      const subgraph = request.subgraph ?? subgraphOf(url);
      if (!subgraph) throw new Error(`no subgraph is known at ${url}: name it in the internal token request`);
      const token = await signInternalToken(signer, meta, { subgraph, body, ttlSeconds: request.ttlSeconds ?? 30 });
      return { [HEADER_INTERNAL_TOKEN]: token };
    },
  };
}

/** Purpose (and case) headers for a gateway request. */
export function purposeHeaders(purpose: Purpose | null, caseId?: string): Record<string, string> {
  return { ...(purpose ? { [HEADER_PURPOSE]: purpose } : {}), ...(caseId ? { [HEADER_CASE_ID]: caseId } : {}) };
}

/**
 * A caller holding both the police and the health roles, with their
 * permissions: the only kind of principal the policy lets read a dossier
 * from all four departments at once (health records for health purposes).
 */
export function jointServiceClaims(): CallerTokenInput {
  return {
    sub: 'joint-service-test-user',
    dept: 'police',
    roles: ['police', 'health'],
    scope: [...new Set([...DEFAULT_SCOPES.police, ...DEFAULT_SCOPES.health])].join(' '),
  };
}
