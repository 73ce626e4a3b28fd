import type { FieldDecision } from '../auth/decide.js';
import type { RequestMeta } from '../auth/principal.js';
import type { AccessRecorder } from '../auth/access.js';
import type { MessageType } from './messages.js';

/** The purpose every exchange between cities is recorded under. */
export const EXCHANGE_PURPOSE = 'inter-city-exchange';

/** The GraphQL-style type name a notice is recorded as in the audit trail. */
export const NOTICE_TYPE_NAMES: Record<MessageType, string> = { INFLOW_NOTICE: 'InflowNotice', OUTFLOW_NOTICE: 'OutflowNotice' };

/**
 * Who an exchange is recorded against: the partner city, as a principal of
 * its own (`city:<code>`), so "what did city X receive from us" is a question
 * the audit trail answers like any other.
 */
export function partnerMeta(partnerCode: string, requestId: string): RequestMeta {
  return {
    requestId,
    principal: { subject: `city:${partnerCode}`, department: 'partner-city', roles: ['partner-city'], scopes: [], jurisdiction: { divisions: [], grids: [] } },
    purpose: EXCHANGE_PURPOSE,
    caseId: null,
  };
}

/**
 * Records one exchange of notices of one type: the records (resident ids for
 * notices sent, message ids for notices received), the fields that crossed
 * (full) and those the agreement kept back (denied).
 */
export function recordExchange(
  recorder: AccessRecorder,
  meta: RequestMeta,
  type: MessageType,
  ids: readonly string[],
  fields: Iterable<string>,
  dropped: Iterable<string> = [],
): Promise<void> {
  // Field names a partner sent are its own choice: kept on an object without a prototype, so none of them can reach one.
  const decisions: Record<string, FieldDecision> = Object.create(null) as Record<string, FieldDecision>;
  for (const field of fields) decisions[field] = 'full';
  for (const field of dropped) decisions[field] = 'denied';
  return recorder.record(meta, { type: NOTICE_TYPE_NAMES[type], ids, fields: decisions });
}
