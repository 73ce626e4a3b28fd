import { createHash, randomUUID } from 'node:crypto';
import { jwtVerify, SignJWT } from 'jose';
import { z } from 'zod';
import type { SigningKey, VerificationKey } from './keys.js';
import type { Principal, RequestMeta } from './principal.js';
import { isPurpose } from './purposes.js';

/**
 * The gateway's word to one subgraph about one call: who the verified caller
 * is, the declared purpose and case, and the request id. Subgraphs believe
 * nothing else. Each token is bound to the subgraph it is sent to (`aud`),
 * to the exact body it travels with (`bodySha256`), to a few seconds (`exp`)
 * and to one use (`jti`), so whoever sees one — a department's service, or
 * anyone on the internal path — can neither replay it nor carry it elsewhere.
 */
export const HEADER_INTERNAL_TOKEN = 'x-hub-internal-token';
export const INTERNAL_TOKEN_ISSUER = 'urn:population-data-hub:gateway';
const AUDIENCE_PREFIX = 'urn:population-data-hub:subgraph:';
/** Its own `typ`, so no other JWT signed with the same key could pass for one. */
const INTERNAL_TOKEN_TYPE = 'hub-internal+jwt';
const ALGORITHM = 'EdDSA';
/** Gateway and subgraphs share a clock source in practice; allow only a little drift. */
export const INTERNAL_CLOCK_TOLERANCE_S = 5;
/** Long enough for one call to reach its subgraph, short enough that a token seen is soon worthless. */
export const DEFAULT_INTERNAL_TOKEN_TTL_S = 5;
/** The longest lifetime a subgraph honours, whatever `exp` says, which also bounds what it must remember. */
export const MAX_INTERNAL_TOKEN_TTL_S = 60;

/** The audience of tokens for one subgraph: its name in the supergraph. */
export function internalTokenAudience(subgraph: string): string {
  return `${AUDIENCE_PREFIX}${subgraph}`;
}

/** SHA-256 of a request body's UTF-8 bytes, base64url, as the `bodySha256` claim holds it. */
export function bodyDigest(body: string): string {
  return createHash('sha256').update(body, 'utf8').digest('base64url');
}

const PrincipalClaim = z.object({
  subject: z.string().min(1),
  department: z.string().min(1),
  roles: z.array(z.string().min(1)).min(1),
  scopes: z.array(z.string()),
  jurisdiction: z.object({ divisions: z.array(z.string()), grids: z.array(z.string()) }),
  premises: z.object({ houses: z.array(z.string()), employers: z.array(z.string()) }).optional(),
  identityNumber: z.string().optional(),
});

const InternalClaims = z.object({
  jti: z.string().min(1).max(128),
  exp: z.number(),
  iat: z.number(),
  requestId: z.string().min(1).max(128),
  bodySha256: z.string().regex(/^[A-Za-z0-9_-]{43}$/),
  principal: PrincipalClaim,
  purpose: z
    .string()
    .nullable()
    .refine((value) => value === null || isPurpose(value), 'must be a declared purpose of use'),
  caseId: z.string().max(128).nullable(),
  // A grant is itself a signed token a few hundred bytes long; anything longer is not one.
  checkGrant: z.string().max(4096).optional(),
  importBatch: z.literal(true).optional(),
});

/** What one internal token is for: the subgraph it goes to and the exact body it travels with. */
export interface InternalCall {
  /** The subgraph's name in the supergraph (`police`, `audit`, ...). */
  subgraph: string;
  /** The HTTP body of the call, exactly as sent. */
  body: string;
  ttlSeconds: number;
  /** For a mutation's call: the grant to ask the hub's yes/no checks as this caller (auth/check-grant.ts). */
  checkGrant?: string;
}

/** The request a verified internal token states, and the check grant it carries, if any. */
export type InternalRequest = RequestMeta & { checkGrant?: string };

export async function signInternalToken(signer: SigningKey, meta: RequestMeta, call: InternalCall): Promise<string> {
  if (!meta.principal) throw new Error('an internal token is only ever signed for a verified caller');
  const principal: Principal = meta.principal;
  const now = Math.floor(Date.now() / 1000);
  const claims = {
    principal,
    purpose: meta.purpose,
    caseId: meta.caseId,
    requestId: meta.requestId,
    bodySha256: bodyDigest(call.body),
    ...(meta.importBatch === true ? { importBatch: true as const } : {}),
  };
  return new SignJWT(call.checkGrant === undefined ? claims : { ...claims, checkGrant: call.checkGrant })
    .setProtectedHeader({ alg: ALGORITHM, typ: INTERNAL_TOKEN_TYPE, ...(signer.kid ? { kid: signer.kid } : {}) })
    .setIssuer(INTERNAL_TOKEN_ISSUER)
    .setAudience(internalTokenAudience(call.subgraph))
    .setSubject(principal.subject)
    // Its own random id, not the request id: one request makes several calls, and each token is good for one.
    .setJti(randomUUID())
    .setIssuedAt(now)
    .setExpirationTime(now + call.ttlSeconds)
    .sign(signer.key);
}

/** Why a subgraph refused a request; for its own log, never for the caller. */
export class InternalTokenRejected extends Error {}

/**
 * The token ids a subgraph has accepted, each kept until its token could no
 * longer pass the expiry check anyway; memory is bounded by the calls of one
 * token lifetime. It is one process's memory: replicas of a subgraph each keep
 * their own, so within its few seconds a token could be used once more on a
 * sibling replica — with the same body, by the same caller, for the same
 * subgraph.
 */
export class SeenTokenIds {
  private readonly expiries = new Map<string, number>();

  /** True the first time an id is offered while unexpired, false on every later offer. */
  claim(jti: string, forgetAtMs: number, nowMs = Date.now()): boolean {
    this.prune(nowMs);
    if (this.expiries.has(jti)) return false;
    this.expiries.set(jti, forgetAtMs);
    return true;
  }

  get size(): number {
    return this.expiries.size;
  }

  // Ids arrive in roughly the order they expire (one lifetime for all), so the
  // oldest are pruned from the front; one that outlives its neighbours only
  // delays their removal, it never lets an id be used twice.
  private prune(nowMs: number): void {
    for (const [jti, forgetAt] of this.expiries) {
      if (forgetAt > nowMs) break;
      this.expiries.delete(jti);
    }
  }
}

export interface InternalTokenCheck {
  /** The subgraph's own name: a token for any other audience is refused. */
  subgraph: string;
  /** The body the request arrived with, exactly as read. */
  body: string;
  /** Ids already used; the token's is added once everything else holds. */
  seen: SeenTokenIds;
  clockToleranceSeconds?: number;
}

/** The request metadata a subgraph works with, taken from a verified internal token and nothing else. */
export async function verifyInternalToken(key: VerificationKey, token: string | undefined, check: InternalTokenCheck): Promise<InternalRequest> {
  if (!token) throw new InternalTokenRejected('no internal token');
  const clockTolerance = check.clockToleranceSeconds ?? INTERNAL_CLOCK_TOLERANCE_S;
  let payload: unknown;
  try {
    ({ payload } = await jwtVerify(token, key, {
      algorithms: [ALGORITHM],
      issuer: INTERNAL_TOKEN_ISSUER,
      audience: internalTokenAudience(check.subgraph),
      typ: INTERNAL_TOKEN_TYPE,
      clockTolerance,
      maxTokenAge: MAX_INTERNAL_TOKEN_TTL_S,
      requiredClaims: ['exp', 'iat', 'jti'],
    }));
  } catch (error) {
    throw new InternalTokenRejected((error as Error).message, { cause: error });
  }
  const claims = InternalClaims.safeParse(payload);
  if (!claims.success) throw new InternalTokenRejected(`malformed claims: ${claims.error.issues[0]?.path.join('.') ?? '?'}`);
  if (claims.data.bodySha256 !== bodyDigest(check.body)) throw new InternalTokenRejected('the body is not the one the token was signed for');
  // Last, so only tokens that are otherwise good take up memory.
  const lastValid = Math.min(claims.data.exp, claims.data.iat + MAX_INTERNAL_TOKEN_TTL_S) + clockTolerance;
  if (!check.seen.claim(claims.data.jti, lastValid * 1000)) throw new InternalTokenRejected('the token was already used');
  return {
    requestId: claims.data.requestId,
    principal: claims.data.principal,
    purpose: claims.data.purpose,
    caseId: claims.data.caseId,
    ...(claims.data.importBatch === true ? { importBatch: true as const } : {}),
    ...(claims.data.checkGrant === undefined ? {} : { checkGrant: claims.data.checkGrant }),
  };
}
