import { GraphQLError } from 'graphql';
import type { Principal, RequestMeta } from './principal.js';
import { POLICY, scopesOf, type Access, type FieldRule } from './policy.js';
import { isPurpose, mayDeclare, releases } from './purposes.js';
import { isRole } from './roles.js';

export type Decision = { allowed: true; access: Access; rule: FieldRule } | { allowed: false; reason: string };

/** How one field was released to the caller, as the audit log records it. */
export type FieldDecision = Access | 'denied';

const RANK: ReadonlyMap<Access, number> = new Map([
  ['masked', 1],
  ['full', 2],
]);

/** The policy by coordinate, in a Map: a coordinate is never looked up on a plain object. */
const RULES: ReadonlyMap<string, FieldRule> = new Map(Object.entries(POLICY));

/** The rule for a coordinate, if the policy names it. */
export function ruleFor(coordinate: string): FieldRule | undefined {
  return RULES.get(coordinate);
}

/**
 * The best access any of the principal's roles is granted by a rule, if any.
 * Only the hub's own role names are looked up, and only among the rule's own
 * grants: a role named after something every object inherits grants nothing.
 */
export function grantFor(rule: FieldRule, principal: Principal): Access | null {
  let best: Access | null = null;
  for (const role of principal.roles) {
    if (!isRole(role) || !Object.hasOwn(rule.grants, role)) continue;
    const access = rule.grants[role];
    if (access === undefined || !RANK.has(access)) continue;
    if (best === null || (RANK.get(access) ?? 0) > (RANK.get(best) ?? 0)) best = access;
  }
  return best;
}

/**
 * Decides one field for one request: granted to one of the caller's roles,
 * with the permission the rule names in the token, for a purpose one of the
 * caller's roles may declare, which releases the field's permission and which
 * the field's own purposes (if any) include. Anything the policy does not
 * name is denied.
 */
function decideOnce(meta: RequestMeta, coordinate: string): Decision {
  const rule = RULES.get(coordinate);
  if (!rule) return { allowed: false, reason: `${coordinate} is not released by the policy` };
  const principal = meta.principal;
  if (!principal) return { allowed: false, reason: 'no verified caller' };
  const purpose = meta.purpose;
  if (!purpose) return { allowed: false, reason: 'no purpose of use was declared' };
  if (!isPurpose(purpose)) return { allowed: false, reason: 'the declared purpose is not a purpose of use this hub knows' };
  if (!mayDeclare(principal.roles, purpose)) return { allowed: false, reason: `the purpose ${purpose} may not be declared by ${principal.roles.join(', ')}` };
  const access = grantFor(rule, principal);
  if (!access) return { allowed: false, reason: `${coordinate} is not granted to ${principal.roles.join(', ') || 'a caller without roles'}` };
  const scopes = scopesOf(rule);
  const held = scopes.filter((scope) => principal.scopes.includes(scope));
  if (held.length === 0) return { allowed: false, reason: `${coordinate} needs the permission ${scopes.join(' or ')}` };
  if (rule.purposes && !rule.purposes.includes(purpose)) {
    return { allowed: false, reason: `${coordinate} is released only for the purposes ${rule.purposes.join(', ')}` };
  }
  if (!held.some((scope) => releases(purpose, scope))) return { allowed: false, reason: `${coordinate} is not released for the purpose ${purpose}` };
  return { allowed: true, access, rule };
}

/**
 * Each request's decisions, keyed by its RequestMeta: the field guard (which
 * refuses or masks) and the access recorder both read the one decision made
 * for a field in a request, so what was refused, what was masked and what
 * the audit log says was served cannot drift apart.
 */
const DECISIONS = new WeakMap<RequestMeta, Map<string, Decision>>();

/** The decision for one field in one request: made the first time it is asked for, then read back. */
export function decide(meta: RequestMeta, coordinate: string): Decision {
  let decisions = DECISIONS.get(meta);
  if (!decisions) {
    decisions = new Map();
    DECISIONS.set(meta, decisions);
  }
  let decision = decisions.get(coordinate);
  if (!decision) {
    decision = decideOnce(meta, coordinate);
    decisions.set(coordinate, decision);
  }
  return decision;
}

export function forbidden(reason: string): GraphQLError {
  return new GraphQLError(`Forbidden: ${reason}`, { extensions: { code: 'FORBIDDEN' } });
}
