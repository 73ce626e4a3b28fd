import { GraphQLError } from 'graphql';
import type { Principal, RequestMeta } from './principal.js';
import { POLICY, type Access, type FieldRule } from './policy.js';

export type Decision = { allowed: true; access: Access; rule: FieldRule } | { allowed: false; reason: string };

const RANK: Record<Access, number> = { masked: 1, full: 2 };

/** The best access any of the principal's roles is granted by a rule, if any. */
export function grantFor(rule: FieldRule, principal: Principal): Access | null {
  let best: Access | null = null;
  for (const role of principal.roles) {
    const access = rule.grants[role as keyof FieldRule['grants']];
    if (access && (best === null || RANK[access] > RANK[best])) best = access;
  }
  return best;
}

/**
 * Decides one field for one request: granted to one of the caller's roles,
 * with the permission the rule names in the token, for a purpose the rule
 * releases it for. Anything the policy does not name is denied.
 */
export function decide(meta: RequestMeta, coordinate: string): Decision {
  const rule = POLICY[coordinate];
  if (!rule) return { allowed: false, reason: `${coordinate} is not released by the policy` };
  const principal = meta.principal;
  if (!principal) return { allowed: false, reason: 'no verified caller' };
  if (!meta.purpose) return { allowed: false, reason: 'no purpose of use was declared' };
  const access = grantFor(rule, principal);
  if (!access) return { allowed: false, reason: `${coordinate} is not granted to ${principal.roles.join(', ') || 'a caller without roles'}` };
  if (!principal.scopes.includes(rule.scope)) return { allowed: false, reason: `${coordinate} needs the permission ${rule.scope}` };
  if (rule.purposes && !rule.purposes.includes(meta.purpose as never)) {
    return { allowed: false, reason: `${coordinate} is released only for the purposes ${rule.purposes.join(', ')}` };
  }
  return { allowed: true, access, rule };
}

export function forbidden(reason: string): GraphQLError {
  return new GraphQLError(`Forbidden: ${reason}`, { extensions: { code: 'FORBIDDEN' } });
}
