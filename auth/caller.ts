import { errors, jwtVerify, SignJWT } from 'jose';
import { z } from 'zod';
import { checkCreditCode } from '../domain/credit-code.js';
import { checkIdNumber } from '../domain/id-number.js';
import { unauthenticated } from './errors.js';
import type { SigningKey, VerificationKey } from './keys.js';
import type { Principal } from './principal.js';
import { isCallerDepartment, isPermission, isRole, SCOPE_PATTERN } from './roles.js';

/** How the gateway decides whether to believe a caller's bearer token. */
export interface CallerTokenSettings {
  /** The identity provider's public keys: a remote or local JWKS, or one key. */
  keys: VerificationKey;
  /** Signature algorithms accepted; never a shared-secret algorithm nor `none`. */
  algorithms: readonly string[];
  issuer: string;
  audience: string;
  /** Allowed clock difference between the issuer and the hub, in seconds. */
  clockToleranceSeconds: number;
}

export const DEV_ISSUER = 'urn:population-data-hub:dev-issuer';
export const HUB_AUDIENCE = 'population-data-hub';

/** Public-key signature algorithms jose verifies; what a caller token may be signed with. */
export const SIGNATURE_ALGORITHMS = ['EdDSA', 'Ed25519', 'ES256', 'ES384', 'ES512', 'RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512'] as const;

/**
 * Who the caller is goes into every audit event they cause, so it must be
 * text a database can store: a control character or a lone surrogate would
 * make the audit store refuse the whole batch the event is in, and with it
 * the data of everyone else in that batch.
 */
const claimText = (max: number) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    .regex(/^[^\p{Cc}\p{Cs}]*$/u, 'must not contain control characters');

/** What a caller token must say about the caller, beyond the registered JWT claims. */
export const CallerClaimsSchema = z.object({
  sub: claimText(256),
  dept: claimText(64).refine((value): boolean => isCallerDepartment(value), 'is not a department this hub knows'),
  roles: z.array(claimText(64)).min(1, 'must name at least one role'),
  scope: z
    .string()
    .max(4096)
    .refine((value) => value.split(' ').filter(Boolean).every((s) => SCOPE_PATTERN.test(s)), 'must be space-separated resource:verb names')
    .optional(),
  scopes: z.array(z.string().regex(SCOPE_PATTERN, 'must be resource:verb')).optional(),
  jurisdiction: z
    .object({
      divisions: z.array(z.string().regex(/^\d{6}$/, 'must be 6-digit division codes')).optional(),
      grids: z.array(z.string().regex(/^\d{12}$/, 'must be 12-digit grid codes')).optional(),
    })
    .optional(),
  /** A declarant's premises: the houses a landlord lets, the workplaces (credit codes) an employer runs. */
  premises: z
    .object({
      houses: z.array(z.string().regex(/^\d{18}$/, 'must be 18-digit unified house codes')).max(200).optional(),
      employers: z.array(z.string().refine((value) => checkCreditCode(value).ok, 'must be valid unified social credit codes')).max(200).optional(),
    })
    .optional(),
  /** A resident's own identity number, as the identity provider verified it. */
  idNumber: z
    .string()
    .refine((value) => checkIdNumber(value).ok, 'must be a valid 18-character identity number')
    .optional(),
});

export type CallerClaims = z.infer<typeof CallerClaimsSchema>;

/** Names in a token that the hub does not know: they grant nothing, and are reported so an operator can see them. */
export interface IgnoredNames {
  roles: string[];
  scopes: string[];
}

/**
 * Who the claims say the caller is, in the hub's own vocabulary: roles and
 * permissions the hub does not know are left out (an identity provider may
 * send names meant for other systems) and returned as `ignored`.
 */
export function principalFromClaims(claims: CallerClaims): { principal: Principal; ignored: IgnoredNames } {
  const roles = [...new Set(claims.roles)];
  const scopes = [...new Set([...(claims.scope?.split(' ').filter(Boolean) ?? []), ...(claims.scopes ?? [])])];
  return {
    principal: {
      subject: claims.sub,
      department: claims.dept,
      roles: roles.filter(isRole),
      scopes: scopes.filter(isPermission),
      jurisdiction: { divisions: claims.jurisdiction?.divisions ?? [], grids: claims.jurisdiction?.grids ?? [] },
      ...(claims.premises ? { premises: { houses: [...new Set(claims.premises.houses ?? [])], employers: [...new Set(claims.premises.employers ?? [])] } } : {}),
      ...(claims.idNumber !== undefined ? { identityNumber: claims.idNumber } : {}),
    },
    ignored: { roles: roles.filter((r) => !isRole(r)), scopes: scopes.filter((s) => !isPermission(s)) },
  };
}

/** Where the names a token carried and the hub left out are reported: a pino logger will do. */
export interface NameLog {
  warn(fields: Record<string, unknown>, message: string): void;
}

/**
 * At most a few names, fit for a log line: a name is shown only when it looks
 * like a role or permission name (letters, a few digits, `_ . : -`, at most
 * 32 characters); anything else — a phone or identity number an identity
 * provider put in the wrong claim — is shown as `(unprintable)`.
 */
export function namesForLog(names: readonly string[]): string[] {
  return names.slice(0, 5).map((name) => (/^[A-Za-z_][A-Za-z0-9_.:-]{0,31}$/.test(name) && !/\d{4}/.test(name) ? name : '(unprintable)'));
}

const CHALLENGE_MISSING = 'Bearer realm="population-data-hub"';
const CHALLENGE_INVALID = 'Bearer realm="population-data-hub", error="invalid_token"';

/** Thrown when the keys cannot be had at all (an identity provider that does not answer): the hub's fault, not the caller's. */
export class KeysUnavailable extends Error {}

/**
 * Verifies `Authorization: Bearer <jwt>` and returns who the caller is.
 * Every refusal is a 401 whose message says what is wrong with the token
 * without echoing what the hub expected or holds.
 */
export async function authenticateCaller(
  settings: CallerTokenSettings,
  authorization: string | undefined,
  logger?: NameLog,
): Promise<Principal> {
  if (authorization === undefined || authorization.trim() === '') {
    throw unauthenticated('Authorization header is required: send "Authorization: Bearer <token>"', CHALLENGE_MISSING);
  }
  const match = /^Bearer +([A-Za-z0-9_.-]+=*)\s*$/i.exec(authorization.trim());
  if (!match?.[1]) throw unauthenticated('Authorization header must be "Bearer <token>"', CHALLENGE_INVALID);
  const token = match[1];

  let payload: unknown;
  try {
    ({ payload } = await jwtVerify(token, settings.keys, {
      algorithms: [...settings.algorithms],
      issuer: settings.issuer,
      audience: settings.audience,
      clockTolerance: settings.clockToleranceSeconds,
      requiredClaims: ['exp'],
    }));
  } catch (error) {
    const reason = rejectionReason(error);
    if (reason === undefined) throw new KeysUnavailable('caller token keys are unavailable', { cause: error });
    throw unauthenticated(`Invalid bearer token: ${reason}`, CHALLENGE_INVALID);
  }

  const claims = CallerClaimsSchema.safeParse(payload);
  if (!claims.success) {
    const issue = claims.error.issues[0];
    const claim = issue?.path.map(String).join('.') || 'claims';
    const missing = issue?.code === 'invalid_type' && issue.path.length === 1 && (Object.hasOwn(payload as object, claim) ? (payload as Record<string, unknown>)[claim] : undefined) === undefined;
    throw unauthenticated(
      `Invalid bearer token: claim "${claim}" ${missing ? 'is missing' : `is malformed (${issue?.message ?? 'invalid'})`}`,
      CHALLENGE_INVALID,
    );
  }
  const { principal, ignored } = principalFromClaims(claims.data);
  if (ignored.roles.length > 0 || ignored.scopes.length > 0) {
    logger?.warn(
      { ignoredRoles: ignored.roles.length, ignoredScopes: ignored.scopes.length, roles: namesForLog(ignored.roles), scopes: namesForLog(ignored.scopes) },
      'caller token names roles or permissions this hub does not know; they grant nothing',
    );
  }
  if (principal.roles.length === 0) throw unauthenticated('Invalid bearer token: claim "roles" names no role this hub knows', CHALLENGE_INVALID);
  return principal;
}

/** Why jose refused a token, in words fit for the caller; undefined when the fault is not the token's. */
function rejectionReason(error: unknown): string | undefined {
  if (error instanceof errors.JWTExpired) return 'it has expired';
  if (error instanceof errors.JWTClaimValidationFailed) {
    switch (error.claim) {
      case 'nbf':
        return error.reason === 'check_failed' ? 'it is not yet valid' : 'claim "nbf" is malformed';
      case 'iss':
        return error.reason === 'missing' ? 'claim "iss" is missing' : 'it was issued by an issuer this hub does not trust';
      case 'aud':
        return error.reason === 'missing' ? 'claim "aud" is missing' : 'it is meant for another audience';
      case 'exp':
        return error.reason === 'missing' ? 'claim "exp" is missing: tokens must expire' : 'claim "exp" is malformed';
      default:
        return `claim "${error.claim}" is not acceptable`;
    }
  }
  if (error instanceof errors.JOSEAlgNotAllowed) return 'its signing algorithm is not allowed';
  if (error instanceof errors.JWSSignatureVerificationFailed) return 'its signature does not verify';
  if (error instanceof errors.JWKSNoMatchingKey) return 'it is signed with a key this hub does not know';
  if (error instanceof errors.JWKSMultipleMatchingKeys) return 'its signing key is ambiguous: give it a "kid"';
  if (error instanceof errors.JOSENotSupported) return 'its signing algorithm or key type is not supported';
  if (error instanceof errors.JWSInvalid || error instanceof errors.JWTInvalid) return 'it is not a well-formed signed JWT';
  if (error instanceof errors.JWKInvalid) return 'its signing key cannot be used';
  if (error instanceof errors.JWKSTimeout || error instanceof errors.JWKSInvalid) return undefined;
  if (error instanceof TypeError && /key|algorithm/i.test(error.message)) return 'its signing key does not fit its algorithm';
  return undefined;
}

/** The claims a caller token carries, for whoever issues one (the development issuer, tests). */
export interface CallerTokenInput extends Partial<CallerClaims> {
  sub: string;
  dept: string;
  roles: string[];
}

export interface IssueOptions {
  issuer: string;
  audience: string;
  ttlSeconds: number;
  /** Seconds from now before which the token is not valid. */
  notBeforeSeconds?: number;
}

export async function signCallerToken(signer: SigningKey, claims: CallerTokenInput, options: IssueOptions): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  const jwt = new SignJWT({ ...claims })
    .setProtectedHeader({ alg: signer.alg, typ: 'JWT', ...(signer.kid ? { kid: signer.kid } : {}) })
    .setIssuer(options.issuer)
    .setAudience(options.audience)
    .setSubject(claims.sub)
    .setIssuedAt(now)
    .setExpirationTime(now + options.ttlSeconds);
  if (options.notBeforeSeconds !== undefined) jwt.setNotBefore(now + options.notBeforeSeconds);
  return jwt.sign(signer.key);
}
