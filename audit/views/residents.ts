import { GraphQLError } from 'graphql';
import type { HubLink } from '../../auth/reference-checks.js';
import type { Logger } from '../../platform/logger.js';

/**
 * Who an identity number names, as the police register answers: the audit
 * store keeps residents' hub ids, never their numbers, and only the register
 * may say which id a number is. The audit subgraph asks it through the
 * gateway with the grant every call to it carries (auth/check-grant.ts), so
 * the question is asked as the caller — an auditor under `audit`, a resident
 * under `own-record` — under the policy, counted against the look-up cap and
 * recorded in the access log like any look-up. Every way the question can go
 * unanswered answers the caller SERVICE_UNAVAILABLE: a resident never sees an
 * empty report for want of an answer.
 */

/** How long the register is waited for. */
export const RESOLVE_TIMEOUT_MS = 5_000;

/** The question: a number an auditor gives, or the resident's own (their token's). */
export type ResidentQuestion = { idNumber: string } | 'own';

const QUERIES = {
  audited: { query: 'query AuditedResident($idNumber: String!) { auditedResident(idNumber: $idNumber) { personId } }', field: 'auditedResident' },
  own: { query: 'query OwnRecord { ownRecord { personId } }', field: 'ownRecord' },
} as const;

interface RegisterAnswer {
  data?: Record<string, { personId?: unknown } | null | undefined> | null;
  errors?: { message?: unknown; extensions?: { code?: unknown; limit?: unknown; retryAfterSeconds?: unknown } }[];
}

const unanswered = () =>
  new GraphQLError('The police register could not be asked whom the identity number names; try again shortly', { extensions: { code: 'SERVICE_UNAVAILABLE' } });

/** The resident's hub id, or null when the register holds nobody under the number (for this caller). */
export async function resolveResident(hub: HubLink, question: ResidentQuestion, logger: Logger, timeoutMs = RESOLVE_TIMEOUT_MS): Promise<string | null> {
  const { query, field } = question === 'own' ? QUERIES.own : QUERIES.audited;
  if (hub.gatewayUrl === null || hub.checkGrant === null) {
    logger.error({ hasGateway: hub.gatewayUrl !== null, hasGrant: hub.checkGrant !== null }, 'an identity number could not be resolved: no way to reach the hub');
    throw unanswered();
  }
  let answer: RegisterAnswer;
  try {
    const response = await fetch(hub.gatewayUrl, {
      method: 'POST',
      headers: { authorization: `Bearer ${hub.checkGrant}`, 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ query, variables: question === 'own' ? {} : { idNumber: question.idNumber }, operationName: query.split(/[ ({]/)[1] }),
      signal: AbortSignal.timeout(timeoutMs),
    });
    answer = (await response.json()) as RegisterAnswer;
  } catch (error) {
    logger.error({ err: error }, 'an identity number could not be resolved: the hub did not answer');
    throw unanswered();
  }
  const error = answer.errors?.[0];
  if (error) {
    const code = typeof error.extensions?.code === 'string' ? error.extensions.code : 'UNKNOWN';
    // What the caller may not do, or has done too often, is the caller's to hear; anything else is the hub's fault.
    if (code === 'FORBIDDEN' || code === 'RATE_LIMITED') {
      const { retryAfterSeconds: retry, limit } = error.extensions ?? {};
      throw new GraphQLError(typeof error.message === 'string' ? error.message : code, {
        extensions: { code, ...(typeof limit === 'string' ? { limit } : {}), ...(typeof retry === 'number' ? { retryAfterSeconds: retry } : {}) },
      });
    }
    logger.error({ errorCode: code }, 'an identity number could not be resolved: the register answered with an error');
    throw unanswered();
  }
  const found = answer.data?.[field];
  if (found === null) return null;
  if (typeof found?.personId !== 'string') {
    logger.error('an identity number could not be resolved: the register answered without it');
    throw unanswered();
  }
  return found.personId;
}
