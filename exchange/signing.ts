import {
  calculateJwkThumbprint,
  decodeJwt,
  decodeProtectedHeader,
  errors as joseErrors,
  importJWK,
  jwtVerify,
  SignJWT,
  type JWK,
  type JWTPayload,
} from 'jose';
import type { SigningKey } from '../auth/keys.js';
import type { MessageType } from './messages.js';

/**
 * How cities sign what they send each other: each message is a JWT signed
 * with the sending city's Ed25519 key (EdDSA), naming the sender (`iss`), the
 * recipient (`aud`), the message id (`jti`) and when it was sent (`iat`).
 * Each message carries its own signature, so one can be kept, shown and
 * checked on its own; the acknowledgement is signed the same way by the
 * recipient.
 */

export const NOTICE_TYPE = 'hub-notice+jwt';
export const RECEIPT_TYPE = 'hub-receipt+jwt';
export const SIGNATURE_ALG = 'EdDSA';

/** This city as its partners know it. */
export interface CityIdentity {
  /** 6-digit division code. */
  code: string;
  name: string;
  signingKey: SigningKey;
  /** The public half, as a JWK, with its `kid`: what partners register. */
  publicJwk: JWK;
  /** RFC 7638 thumbprint of the public key. */
  fingerprint: string;
}

/** One notice as this city sends it. */
export interface OutgoingNotice {
  id: string;
  /** A notice about a resident, or an audit checkpoint for the partner to witness (exchange/witness.ts). */
  type: MessageType | 'AUDIT_CHECKPOINT';
  /** When the change the notice reports was recorded. */
  occurredAt: Date;
  payload: Readonly<Record<string, unknown>>;
}

/** A notice as its signature vouches for it. */
export interface VerifiedNotice {
  id: string;
  sender: string;
  recipient: string;
  type: string;
  occurredAt: Date;
  sentAt: Date;
  payload: Record<string, unknown>;
}

/** A refused message: what a receiver answers, and why. */
export class NoticeRejected extends Error {
  constructor(
    readonly code: 'BAD_SIGNATURE' | 'STALE_MESSAGE' | 'WRONG_RECIPIENT' | 'MALFORMED_MESSAGE',
    message: string,
  ) {
    super(message);
  }
}

export async function publicKeyFingerprint(jwk: JWK): Promise<string> {
  return calculateJwkThumbprint({ kty: jwk.kty, crv: jwk.crv, x: jwk.x });
}

/** Accepts only an Ed25519 public key: a private one given by mistake, or another curve, is refused. */
export async function checkPartnerKey(jwk: unknown): Promise<{ jwk: JWK; fingerprint: string }> {
  const candidate = jwk as JWK | null;
  if (typeof candidate !== 'object' || candidate === null || Array.isArray(candidate)) throw new Error('must be a JWK object');
  if (candidate.d !== undefined) throw new Error('holds a private key: give the partner\'s public key only');
  if (candidate.kty !== 'OKP' || candidate.crv !== 'Ed25519' || typeof candidate.x !== 'string') {
    throw new Error('must be an Ed25519 public key (kty OKP, crv Ed25519, x)');
  }
  const clean: JWK = { kty: 'OKP', crv: 'Ed25519', x: candidate.x };
  try {
    await importJWK(clean, SIGNATURE_ALG);
  } catch {
    throw new Error('is not a usable Ed25519 public key');
  }
  const fingerprint = await publicKeyFingerprint(clean);
  return { jwk: { ...clean, kid: fingerprint, alg: SIGNATURE_ALG, use: 'sig' }, fingerprint };
}

export function signNotice(identity: CityIdentity, recipient: string, notice: OutgoingNotice, now = new Date()): Promise<string> {
  return new SignJWT({ type: notice.type, occurredAt: notice.occurredAt.toISOString(), data: notice.payload })
    .setProtectedHeader({ alg: identity.signingKey.alg, typ: NOTICE_TYPE, ...(identity.signingKey.kid ? { kid: identity.signingKey.kid } : {}) })
    .setIssuer(identity.code)
    .setAudience(recipient)
    .setJti(notice.id)
    .setIssuedAt(Math.floor(now.getTime() / 1000))
    .sign(identity.signingKey.key);
}

/** The sender a message claims, read before its signature is checked, to know whose key checks it. */
export function claimedSender(jws: string): string {
  try {
    const header = decodeProtectedHeader(jws);
    const claims = decodeJwt(jws);
    if (header.typ !== NOTICE_TYPE) throw new Error('typ');
    if (typeof claims.iss !== 'string') throw new Error('iss');
    return claims.iss;
  } catch {
    throw new NoticeRejected('MALFORMED_MESSAGE', `is not a signed notice (a JWT of type ${NOTICE_TYPE} naming its sender)`);
  }
}

export interface VerifyOptions {
  /** This city's code: a message for another city is refused. */
  recipient: string;
  /** How old (by its signing time) a message may be: older ones are replays. */
  replayWindowSeconds: number;
  clockToleranceSeconds?: number;
  now?: Date;
}

/** A partner's public key, imported once and reused for every message it signs. */
export type PartnerKey = Awaited<ReturnType<typeof importJWK>>;

export function importPartnerKey(jwk: JWK): Promise<PartnerKey> {
  return importJWK(jwk, SIGNATURE_ALG);
}

export async function verifyNotice(jws: string, senderKey: PartnerKey, options: VerifyOptions): Promise<VerifiedNotice> {
  let payload: JWTPayload;
  try {
    ({ payload } = await jwtVerify(jws, senderKey, {
      algorithms: [SIGNATURE_ALG],
      typ: NOTICE_TYPE,
      maxTokenAge: options.replayWindowSeconds,
      clockTolerance: options.clockToleranceSeconds ?? 30,
      requiredClaims: ['iss', 'aud', 'jti', 'iat'],
      ...(options.now ? { currentDate: options.now } : {}),
    }));
  } catch (error) {
    if (error instanceof joseErrors.JWTExpired || (error instanceof joseErrors.JWTClaimValidationFailed && error.claim === 'iat')) {
      throw new NoticeRejected('STALE_MESSAGE', `was signed outside the ${options.replayWindowSeconds} s replay window`);
    }
    if (error instanceof joseErrors.JWTClaimValidationFailed) throw new NoticeRejected('MALFORMED_MESSAGE', `claim ${error.claim}: ${error.reason}`);
    throw new NoticeRejected('BAD_SIGNATURE', 'signature does not verify with the sender\'s registered key');
  }
  const audiences = Array.isArray(payload.aud) ? payload.aud : [payload.aud];
  if (audiences.length !== 1 || audiences[0] !== options.recipient) {
    throw new NoticeRejected('WRONG_RECIPIENT', `is addressed to ${audiences.join(', ')}, not to this city (${options.recipient})`);
  }
  const occurredAt = typeof payload.occurredAt === 'string' ? new Date(payload.occurredAt) : null;
  const data = payload.data;
  const { jti, iss, iat } = payload;
  if (jti === undefined || !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(jti)) throw new NoticeRejected('MALFORMED_MESSAGE', 'jti: must be a UUID message id');
  if (iss === undefined) throw new NoticeRejected('MALFORMED_MESSAGE', 'iss: is required');
  if (iat === undefined) throw new NoticeRejected('MALFORMED_MESSAGE', 'iat: is required');
  if (typeof payload.type !== 'string') throw new NoticeRejected('MALFORMED_MESSAGE', 'type: is required');
  if (!occurredAt || Number.isNaN(occurredAt.getTime())) throw new NoticeRejected('MALFORMED_MESSAGE', 'occurredAt: must be an ISO 8601 instant');
  if (typeof data !== 'object' || data === null || Array.isArray(data)) throw new NoticeRejected('MALFORMED_MESSAGE', 'data: must be an object of fields');
  return {
    id: jti.toLowerCase(),
    sender: iss,
    recipient: options.recipient,
    type: payload.type,
    occurredAt,
    sentAt: new Date(iat * 1000),
    payload: { ...(data as Record<string, unknown>) },
  };
}

/** What the recipient says of each message of a delivery. */
export interface ReceiptEntry {
  id: string;
  status: 'accepted' | 'duplicate';
  /** Fields the recipient dropped as outside the agreement. */
  dropped: string[];
  /** For an audit checkpoint witnessed (exchange/witness.ts): which one, by its seq and hash. */
  checkpoint?: { seq: number; hash: string };
}

export function signReceipt(identity: CityIdentity, sender: string, entries: readonly ReceiptEntry[], now = new Date()): Promise<string> {
  return new SignJWT({ results: entries })
    .setProtectedHeader({ alg: identity.signingKey.alg, typ: RECEIPT_TYPE, ...(identity.signingKey.kid ? { kid: identity.signingKey.kid } : {}) })
    .setIssuer(identity.code)
    .setAudience(sender)
    .setIssuedAt(Math.floor(now.getTime() / 1000))
    .sign(identity.signingKey.key);
}

/** Checks a partner's acknowledgement and returns what it acknowledges. */
export async function verifyReceipt(jws: string, partnerKey: JWK, options: { partner: string; sender: string }): Promise<ReceiptEntry[]> {
  const key = await importJWK(partnerKey, SIGNATURE_ALG);
  const { payload } = await jwtVerify(jws, key, {
    algorithms: [SIGNATURE_ALG],
    typ: RECEIPT_TYPE,
    issuer: options.partner,
    audience: options.sender,
    clockTolerance: 300,
  });
  if (!Array.isArray(payload.results)) throw new Error('receipt carries no results');
  return payload.results as ReceiptEntry[];
}
