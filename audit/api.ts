import type { FieldDecision } from '../auth/decide.js';
import type { Place } from '../auth/jurisdiction.js';
import type { RequestMeta } from '../auth/principal.js';

/**
 * The audit trail's shapes, shared by the writers (every data-owning
 * subgraph and the gateway), the store, the verifier and the audit subgraph.
 */

/** One resident-data access, as a data-owning subgraph records it before answering. */
export interface AccessEventInput {
  kind: 'access';
  meta: RequestMeta;
  /** The subgraph that served (or refused) the records. */
  subgraph: string;
  /** GraphQL type of the records, e.g. `Person`, `Tenancy`. */
  typeName: string;
  /** Ids of the records served (resident ids for `Person`, house ids for `House`, …). */
  recordIds: readonly string[];
  /** Each field asked for, with the policy's decision for this caller. */
  fields: Readonly<Record<string, FieldDecision>>;
  /**
   * Where the records lie (see placeKey), distinct; null when any of them
   * carries no place, so no jurisdiction can be said to cover the access.
   */
  places: readonly string[] | null;
}

/** One request through the gateway, recorded when its response is sent. */
export interface RequestEventInput {
  kind: 'request';
  meta: RequestMeta;
  operationName: string | null;
  /** sha256 of the query document, hex. */
  documentHash: string | null;
  /** `ok`, `partial` (data with errors), or `error`, and the first error code. */
  outcome: 'ok' | 'partial' | 'error';
  errorCode: string | null;
  durationMs: number;
  /** The caller's own X-Request-Id, validated: a correlation with the caller's logs, never a key of the log. */
  correlationId?: string | null;
  /**
   * Look-ups by full identity number the request asked, counted by the
   * gateway for a principal who does not read numbers in full (each tests a
   * guess at a masked number), whether the look-up cap let them run or not;
   * null otherwise. The numbers themselves are never recorded.
   */
  lookups?: number | null;
}

/**
 * Refusals before execution that repeated the first one recorded: same
 * source, same reason, same window. The first of a window is a request event
 * of its own; the rest are counted in memory and written as one of these when
 * the window closes, so a flood of bad tokens costs the log a constant.
 */
export interface RefusalsEventInput {
  kind: 'refusals';
  /** The principal when known, a fresh request id of the hub's own. */
  meta: RequestMeta;
  /** The reason: the refusal's error code. */
  errorCode: string;
  /** Refusals after the first of the window. */
  count: number;
  /** How long the window was open, in milliseconds. */
  durationMs: number;
}

export type AuditEventInput = AccessEventInput | RequestEventInput | RefusalsEventInput;

export type AuditEventKind = AuditEventInput['kind'];

/** A stored event: the input flattened, with its place in its writer's hash chain. */
export interface AuditEvent {
  writerId: string;
  seq: number;
  occurredAt: string; // ISO 8601
  kind: AuditEventKind;
  requestId: string;
  subject: string | null;
  department: string | null;
  roles: string[];
  purpose: string | null;
  caseId: string | null;
  subgraph: string | null;
  typeName: string | null;
  recordIds: string[];
  fields: Record<string, FieldDecision>;
  operationName: string | null;
  documentHash: string | null;
  outcome: string | null;
  errorCode: string | null;
  durationMs: number | null;
  /**
   * Present only when set, and then hashed: events written before these
   * columns existed hash exactly as they did. The caller's X-Request-Id on a
   * request event.
   */
  correlationId?: string;
  /** How many refusals a `refusals` event stands for. */
  count?: number;
  /** On a request: look-ups by full identity number asked by a principal who reads numbers masked (see RequestEventInput.lookups). */
  lookups?: number;
  /**
   * On an access every record of which has a place: where they lie (see
   * placeKey), sorted. A confined auditor is shown an event only when every
   * place lies in its jurisdiction. Never served: it says where residents live.
   */
  places?: string[];
  /**
   * A random secret hashed with `places`: the hash is served, and without it
   * anyone could test guesses at the places against the hash.
   */
  placesNonce?: string;
  prevHash: string;
  hash: string;
}

/** Where the verifier found a chain broken. */
export interface ChainProblem {
  writerId: string;
  seq: number;
  /**
   * `rewritten` and the checkpoint form of `truncated` come only from a
   * verification held to signed checkpoints (audit/checkpoint.ts).
   */
  problem: 'edited' | 'gap' | 'reordered' | 'inserted' | 'deleted' | 'truncated' | 'rewritten';
  detail: string;
}

export interface VerificationReport {
  ok: boolean;
  chains: number;
  events: number;
  problems: ChainProblem[];
  ms: number;
}

/**
 * A place as the log stores it: `<division>/<grid>`, or `<division>` for a
 * record that lies in a district but no grid; the division is the grid's
 * first six digits where only the grid is known, as the jurisdiction rule
 * reads it (auth/jurisdiction.ts). Null for no place at all.
 */
export function placeKey(place: Place): string | null {
  const division = place.divisionCode ?? place.gridCode?.slice(0, 6) ?? null;
  if (division === null || !/^\d{6}$/.test(division)) return null;
  if (place.gridCode === null) return division;
  return /^[0-9A-Za-z-]{1,64}$/.test(place.gridCode) ? `${division}/${place.gridCode}` : null;
}
