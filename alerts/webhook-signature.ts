import { createPublicKey, KeyObject, sign, verify } from 'node:crypto';
import type { SigningKey } from '../auth/keys.js';

/**
 * How a department's system knows an alert came from this hub and was not
 * changed on the way: the hub signs `${timestamp}.${body}` with the city's
 * Ed25519 key (the one partner cities verify its notices with, published at
 * the exchange inbox's `/exchange/v1/key`) and sends the signature, base64url,
 * beside the body. The timestamp is signed too, so a captured delivery
 * replayed later is refused by a receiver that checks its age.
 */

export const ALERT_ID_HEADER = 'x-hub-alert-id';
export const ATTEMPT_HEADER = 'x-hub-delivery-attempt';
export const TIMESTAMP_HEADER = 'x-hub-timestamp';
export const SIGNATURE_HEADER = 'x-hub-signature';

/** How far a delivery's timestamp may lie from the receiver's clock, unless the receiver says otherwise. */
export const DEFAULT_TOLERANCE_SECONDS = 300;

const asKeyObject = (key: SigningKey['key']): KeyObject => (key instanceof KeyObject ? key : KeyObject.from(key as Parameters<typeof KeyObject.from>[0]));

/** The signature of one delivery: over the timestamp (unix seconds) and the exact bytes of the body. */
export function signAlertWebhook(body: string, timestamp: number, key: SigningKey['key']): string {
  return sign(null, Buffer.from(`${timestamp}.${body}`, 'utf8'), asKeyObject(key)).toString('base64url');
}

export type WebhookVerification = { ok: true; alertId: string; timestamp: number } | { ok: false; reason: string };

/** The public half of the hub's key as published: only `kty`, `crv` and `x` are read. */
export interface PublicJwk {
  kty?: string | undefined;
  crv?: string | undefined;
  x?: string | undefined;
}

type HeaderSource = Headers | Readonly<Record<string, string | readonly string[] | undefined>>;

function header(headers: HeaderSource, name: string): string | undefined {
  if (headers instanceof Headers) return headers.get(name) ?? undefined;
  // Node lower-cases incoming header names; a receiver may hand over any casing.
  const entry = Object.entries(headers).find(([key]) => key.toLowerCase() === name);
  const value = entry?.[1];
  return typeof value === 'string' ? value : undefined;
}

/**
 * Checks a delivery as a receiver gets it: the body exactly as received (not
 * parsed and serialised again), its headers, and the hub's public key (a JWK,
 * as `/exchange/v1/key` publishes it under `key`). A delivery whose
 * timestamp lies further than `toleranceSeconds` from now is refused, so one
 * captured and sent again later does not pass.
 */
export function verifyAlertWebhook(
  body: string,
  headers: HeaderSource,
  publicJwk: PublicJwk,
  options: { toleranceSeconds?: number; now?: Date } = {},
): WebhookVerification {
  const stamp = header(headers, TIMESTAMP_HEADER);
  const signature = header(headers, SIGNATURE_HEADER);
  const alertId = header(headers, ALERT_ID_HEADER);
  if (!stamp || !/^\d{1,12}$/.test(stamp)) return { ok: false, reason: `${TIMESTAMP_HEADER}: must be unix seconds` };
  if (!signature || !/^[A-Za-z0-9_-]+$/.test(signature)) return { ok: false, reason: `${SIGNATURE_HEADER}: must be a base64url signature` };
  if (!alertId) return { ok: false, reason: `${ALERT_ID_HEADER}: is missing` };
  const timestamp = Number(stamp);
  const now = Math.floor((options.now ?? new Date()).getTime() / 1000);
  const tolerance = options.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS;
  if (Math.abs(now - timestamp) > tolerance) return { ok: false, reason: `${TIMESTAMP_HEADER}: more than ${tolerance} s from now` };
  let key: KeyObject;
  try {
    if (publicJwk.kty !== 'OKP' || publicJwk.crv !== 'Ed25519' || typeof publicJwk.x !== 'string') throw new Error('not Ed25519');
    key = createPublicKey({ key: { kty: publicJwk.kty, crv: publicJwk.crv, x: publicJwk.x }, format: 'jwk' });
  } catch {
    return { ok: false, reason: 'the public key is not an Ed25519 JWK' };
  }
  if (key.asymmetricKeyType !== 'ed25519') return { ok: false, reason: 'the public key is not an Ed25519 JWK' };
  const valid = verify(null, Buffer.from(`${stamp}.${body}`, 'utf8'), key, Buffer.from(signature, 'base64url'));
  if (!valid) return { ok: false, reason: `${SIGNATURE_HEADER}: does not verify with the hub's key` };
  // The id in the header is a convenience for de-duplicating before parsing; it must be the body's.
  let bodyId: unknown;
  try {
    bodyId = (JSON.parse(body) as { id?: unknown } | null)?.id;
  } catch {
    return { ok: false, reason: 'body: is not JSON' };
  }
  if (bodyId !== alertId) return { ok: false, reason: `${ALERT_ID_HEADER}: is not the id the signed body carries` };
  return { ok: true, alertId, timestamp };
}
