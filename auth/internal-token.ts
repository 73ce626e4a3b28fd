import { jwtVerify, SignJWT } from 'jose';
import { z } from 'zod';
import type { SigningKey, VerificationKey } from './keys.js';
import type { Principal, RequestMeta } from './principal.js';
import { isPurpose } from './purposes.js';

/**
 * The gateway's word to a subgraph about one request: who the verified caller
 * is, the declared purpose and case, and the request id. Subgraphs believe
 * nothing else, so a caller that reaches a subgraph directly, or replays a
 * header, changes nothing.
 */
export const HEADER_INTERNAL_TOKEN = 'x-hub-internal-token';
export const INTERNAL_TOKEN_ISSUER = 'urn:population-data-hub:gateway';
export const INTERNAL_TOKEN_AUDIENCE = 'urn:population-data-hub:subgraph';
/** Its own `typ`, so no other JWT signed with the same key could pass for one. */
const INTERNAL_TOKEN_TYPE = 'hub-internal+jwt';
const ALGORITHM = 'EdDSA';
/** Gateway and subgraphs share a clock source in practice; allow only a little drift. */
export const INTERNAL_CLOCK_TOLERANCE_S = 5;

const PrincipalClaim = z.object({
  subject: z.string().min(1),
  department: z.string().min(1),
  roles: z.array(z.string().min(1)).min(1),
  scopes: z.array(z.string()),
  jurisdiction: z.object({ divisions: z.array(z.string()), grids: z.array(z.string()) }),
});

const InternalClaims = z.object({
  jti: z.string().min(1).max(128),
  principal: PrincipalClaim,
  purpose: z
    .string()
    .nullable()
    .refine((value) => value === null || isPurpose(value), 'must be a declared purpose of use'),
  caseId: z.string().max(128).nullable(),
});

export async function signInternalToken(signer: SigningKey, meta: RequestMeta, ttlSeconds: number): Promise<string> {
  if (!meta.principal) throw new Error('an internal token is only ever signed for a verified caller');
  const principal: Principal = meta.principal;
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ principal, purpose: meta.purpose, caseId: meta.caseId })
    .setProtectedHeader({ alg: ALGORITHM, typ: INTERNAL_TOKEN_TYPE, ...(signer.kid ? { kid: signer.kid } : {}) })
    .setIssuer(INTERNAL_TOKEN_ISSUER)
    .setAudience(INTERNAL_TOKEN_AUDIENCE)
    .setSubject(principal.subject)
    .setJti(meta.requestId)
    .setIssuedAt(now)
    .setExpirationTime(now + ttlSeconds)
    .sign(signer.key);
}

/** Why a subgraph refused a request; for its own log, never for the caller. */
export class InternalTokenRejected extends Error {}

/** The request metadata a subgraph works with, taken from a verified internal token and nothing else. */
export async function verifyInternalToken(
  key: VerificationKey,
  token: string | undefined,
  clockToleranceSeconds = INTERNAL_CLOCK_TOLERANCE_S,
): Promise<RequestMeta> {
  if (!token) throw new InternalTokenRejected('no internal token');
  let payload: unknown;
  try {
    ({ payload } = await jwtVerify(token, key, {
      algorithms: [ALGORITHM],
      issuer: INTERNAL_TOKEN_ISSUER,
      audience: INTERNAL_TOKEN_AUDIENCE,
      typ: INTERNAL_TOKEN_TYPE,
      clockTolerance: clockToleranceSeconds,
      requiredClaims: ['exp', 'jti'],
    }));
  } catch (error) {
    throw new InternalTokenRejected((error as Error).message, { cause: error });
  }
  const claims = InternalClaims.safeParse(payload);
  if (!claims.success) throw new InternalTokenRejected(`malformed claims: ${claims.error.issues[0]?.path.join('.') ?? '?'}`);
  return {
    requestId: claims.data.jti,
    principal: claims.data.principal,
    purpose: claims.data.purpose,
    caseId: claims.data.caseId,
  };
}
