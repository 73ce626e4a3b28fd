import { createHash } from 'node:crypto';
import type { AuditEvent } from './api.js';

/**
 * The one definition of how an audit event is hashed. The writers, the
 * verifier, the export and the offline check of an export all use it, so a
 * chain written by one can be checked by any other.
 *
 *   hash = sha256_hex(prev_hash + canonical_json(content))
 *
 * where `content` is every field of the event except `prevHash` and `hash`,
 * and canonical JSON has its object keys sorted by code unit and no
 * whitespace. The first event of a chain has seq 1 and follows GENESIS_HASH.
 */

export const GENESIS_HASH = '0'.repeat(64);

/** What a hash covers: the stored event without its own link fields. */
export type ChainContent = Omit<AuditEvent, 'prevHash' | 'hash'>;

/**
 * JSON with object keys sorted and no whitespace. `undefined` is refused
 * rather than dropped: a field that silently vanished would change the hash
 * between writer and verifier.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return JSON.stringify(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError('canonical JSON has no representation for a non-finite number');
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object') {
    const keys = Object.keys(value).sort();
    return `{${keys.map((key) => `${JSON.stringify(key)}:${canonicalJson((value as Record<string, unknown>)[key])}`).join(',')}}`;
  }
  throw new TypeError(`canonical JSON has no representation for ${typeof value}`);
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** The content of an event, exactly the fields the hash covers. */
export function chainContent(event: AuditEvent | ChainContent): ChainContent {
  return {
    writerId: event.writerId,
    seq: event.seq,
    occurredAt: event.occurredAt,
    kind: event.kind,
    requestId: event.requestId,
    subject: event.subject,
    department: event.department,
    roles: event.roles,
    purpose: event.purpose,
    caseId: event.caseId,
    subgraph: event.subgraph,
    typeName: event.typeName,
    recordIds: event.recordIds,
    fields: event.fields,
    operationName: event.operationName,
    documentHash: event.documentHash,
    outcome: event.outcome,
    errorCode: event.errorCode,
    durationMs: event.durationMs,
    // Absent rather than null when unset, so events from before these columns keep their hashes.
    // `places` and its nonce are hashed together: see AuditEvent.placesNonce.
    ...(event.correlationId != null ? { correlationId: event.correlationId } : {}),
    ...(event.count != null ? { count: event.count } : {}),
    ...(event.lookups != null ? { lookups: event.lookups } : {}),
    ...(event.places != null ? { places: event.places } : {}),
    ...(event.placesNonce != null ? { placesNonce: event.placesNonce } : {}),
  };
}

/** Keys hashed only when they hold a value. */
const OPTIONAL_KEYS: ReadonlySet<keyof ChainContent> = new Set<keyof ChainContent>(['correlationId', 'count', 'lookups', 'places', 'placesNonce']);

/** The content's keys in canonical (sorted) order, each with its JSON name written out once. */
const CONTENT_KEYS = (Object.keys(chainContent({ correlationId: '', count: 0, lookups: 0, places: [], placesNonce: '' } as unknown as ChainContent)) as (keyof ChainContent)[])
  .sort()
  .map((key) => ({ key, json: JSON.stringify(key), optional: OPTIONAL_KEYS.has(key) }));

/**
 * canonicalJson(chainContent(content)), without sorting the same nineteen
 * (to twenty-three) keys again for every event: the verifier hashes millions of them.
 */
export function canonicalContent(content: ChainContent): string {
  let out = '{';
  for (const { key, json, optional } of CONTENT_KEYS) {
    const value = content[key];
    if (optional && value == null) continue;
    out += `${out === '{' ? '' : ','}${json}:${canonicalJson(value)}`;
  }
  return `${out}}`;
}

export function eventHash(prevHash: string, content: ChainContent): string {
  return sha256Hex(prevHash + canonicalContent(content));
}

/** Links content into a chain after `prevHash`. */
export function sealEvent(prevHash: string, content: ChainContent): AuditEvent {
  return { ...chainContent(content), prevHash, hash: eventHash(prevHash, content) };
}
