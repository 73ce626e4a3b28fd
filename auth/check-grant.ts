import { createPublicKey, KeyObject, randomUUID } from 'node:crypto';
import { decodeProtectedHeader, jwtVerify, SignJWT } from 'jose';
import { z } from 'zod';
import { INTERNAL_CLOCK_TOLERANCE_S, INTERNAL_TOKEN_ISSUER } from './internal-token.js';
import type { SigningKey, VerificationKey } from './keys.js';
import type { Principal, RequestMeta } from './principal.js';
import { isPurpose } from './purposes.js';

/**
 * A department writing a record that names another department's record (a
 * tenancy names a person on the police register; a residence names a house
 * of the housing register) asks the owner whether it exists, through the
 * gateway, as the caller who is writing: under that caller's policy, their
 * purpose and case, and recorded in the access log under their name.
 *
 * What lets it do so is this grant. The gateway signs one into the internal
 * token of every mutation call (and of every call to a subgraph whose reads
 * ask too: READS_THAT_ASK); the subgraph presents it to the gateway as
 * its bearer token. It is bound to the gateway (`aud`), names the subgraph it
 * was given to (`azp`), lives a few seconds, and is good only for the check
 * fields (CHECK_FIELDS): a grant that leaked lets nobody read a record, only
 * ask the yes/no questions its caller could ask anyway.
 */
export const CHECK_GRANT_TYPE = 'hub-check-grant+jwt';
export const GATEWAY_AUDIENCE = 'urn:population-data-hub:gateway';
const ALGORITHM = 'EdDSA';

/**
 * How long a grant is good for. It must outlast the mutation it was given
 * for, which may wait for its database and for the checks themselves; it
 * stays short because it is the caller's authority, not the subgraph's.
 */
export const CHECK_GRANT_TTL_S = 30;

/**
 * The only root fields a grant may ask for: the yes/no checks each owning
 * department answers, and the police register's answer to who an identity
 * number names (a hub id and nothing else), for the audit subgraph finding
 * a resident's accesses. Anything else under a grant is refused at the
 * gateway before it is planned.
 */
export const CHECK_FIELDS: ReadonlySet<string> = new Set(['personChecks', 'gridChecks', 'houseChecks', 'identityChecks', 'auditedResident', 'ownRecord']);

/**
 * Subgraphs whose reads, not only their writes, ask the hub as the caller:
 * the audit subgraph finds a resident by identity number (an auditor's
 * question, a resident's own report) by asking the police register. Their
 * every call carries a grant; it lets them ask only what the caller could
 * ask the register directly.
 */
export const READS_THAT_ASK: ReadonlySet<string> = new Set(['audit']);

/** The root fields a grant may ask for: queries, and mutations (one per request). */
export interface GrantedFields {
  queries: ReadonlySet<string>;
  mutations: ReadonlySet<string>;
}

/**
 * What a grant given to a subgraph may ask beyond the checks. The
 * declarations subgraph acts for the officer confirming a declaration: it
 * registers the record through the owning department's own mutation (the
 * same rules, audit and events as if the officer had called it), and, for a
 * premises link, asks where the premises lie. Exactly these fields and
 * nothing else; every other subgraph's grant asks the checks alone.
 */
export const GRANTED_FIELDS: ReadonlyMap<string, GrantedFields> = new Map([
  [
    'declarations',
    {
      queries: new Set([...CHECK_FIELDS, 'housePremises', 'employerPremises']),
      mutations: new Set(['registerTenancyByIdentity', 'registerEmploymentByIdentity', 'registerResidenceByIdentity']),
    },
  ],
]);

const CHECKS_ONLY: GrantedFields = { queries: CHECK_FIELDS, mutations: new Set() };

/** What a grant given to this subgraph may ask. */
export function grantedFields(subgraph: string): GrantedFields {
  return GRANTED_FIELDS.get(subgraph) ?? CHECKS_ONLY;
}

const GrantClaims = z.object({
  azp: z.string().min(1).max(64),
  requestId: z.string().min(1).max(128),
  principal: z.object({
    subject: z.string().min(1),
    department: z.string().min(1),
    roles: z.array(z.string().min(1)).min(1),
    scopes: z.array(z.string()),
    jurisdiction: z.object({ divisions: z.array(z.string()), grids: z.array(z.string()) }),
    premises: z.object({ houses: z.array(z.string()), employers: z.array(z.string()) }).optional(),
    identityNumber: z.string().optional(),
  }),
  purpose: z
    .string()
    .nullable()
    .refine((value) => value === null || isPurpose(value), 'must be a declared purpose of use'),
  caseId: z.string().max(128).nullable(),
  // Given to a batch of an import (docs/import.md): its look-ups by identity number count against the import allowance.
  import: z.literal(true).optional(),
});

/** What a verified grant says: who the checks are asked for, why, and which request and subgraph they serve. */
export interface CheckGrant {
  principal: Principal;
  purpose: string | null;
  caseId: string | null;
  /** The gateway's id of the request that wrote: the checks are recorded under a request of their own, correlated to it. */
  requestId: string;
  /** The subgraph the grant was given to. */
  subgraph: string;
  /** True when it was given to a batch of an import: the gateway counts its look-ups by identity number against the import allowance (gateway/lookup-cap.ts). */
  forImport: boolean;
}

export async function signCheckGrant(signer: SigningKey, meta: RequestMeta, subgraph: string, ttlSeconds = CHECK_GRANT_TTL_S, options: { forImport?: boolean } = {}): Promise<string> {
  if (!meta.principal) throw new Error('a check grant is only ever signed for a verified caller');
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ azp: subgraph, requestId: meta.requestId, principal: meta.principal, purpose: meta.purpose, caseId: meta.caseId, ...(options.forImport ? { import: true } : {}) })
    .setProtectedHeader({ alg: ALGORITHM, typ: CHECK_GRANT_TYPE, ...(signer.kid ? { kid: signer.kid } : {}) })
    .setIssuer(INTERNAL_TOKEN_ISSUER)
    .setAudience(GATEWAY_AUDIENCE)
    .setSubject(meta.principal.subject)
    .setJti(randomUUID())
    .setIssuedAt(now)
    .setExpirationTime(now + ttlSeconds)
    .sign(signer.key);
}

/** True when a bearer token declares itself a check grant; whether it is one is for verifyCheckGrant to say. */
export function looksLikeCheckGrant(token: string): boolean {
  try {
    return decodeProtectedHeader(token).typ === CHECK_GRANT_TYPE;
  } catch {
    return false;
  }
}

/** Why a grant was refused; for the gateway's log, never for the caller. */
export class CheckGrantRejected extends Error {}

export async function verifyCheckGrant(key: VerificationKey, token: string): Promise<CheckGrant> {
  let payload: unknown;
  try {
    ({ payload } = await jwtVerify(token, key, {
      algorithms: [ALGORITHM],
      issuer: INTERNAL_TOKEN_ISSUER,
      audience: GATEWAY_AUDIENCE,
      typ: CHECK_GRANT_TYPE,
      clockTolerance: INTERNAL_CLOCK_TOLERANCE_S,
      maxTokenAge: CHECK_GRANT_TTL_S + INTERNAL_CLOCK_TOLERANCE_S,
      requiredClaims: ['exp', 'iat', 'jti'],
    }));
  } catch (error) {
    throw new CheckGrantRejected((error as Error).message, { cause: error });
  }
  const claims = GrantClaims.safeParse(payload);
  if (!claims.success) throw new CheckGrantRejected(`malformed claims: ${claims.error.issues[0]?.path.join('.') ?? '?'}`);
  const { principal, purpose, caseId, requestId, azp } = claims.data;
  return { principal, purpose, caseId, requestId, subgraph: azp, forImport: claims.data.import === true };
}

/** The public half of the gateway's signing key: the gateway verifies its own grants with it. */
export function publicKeyOf(signer: SigningKey): KeyObject {
  const { key } = signer;
  return createPublicKey(key instanceof KeyObject ? key : KeyObject.from(key as Parameters<typeof KeyObject.from>[0]));
}
