/**
 * The roles a caller token may carry, one per kind of department system, the
 * auditors, and the hub's administrators (who manage partner cities, and see
 * no resident's record). Field-level rules per role live in the policy
 * (auth/policy.ts).
 */
export const ROLES = ['police', 'housing', 'labour', 'health', 'grid', 'auditor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

/**
 * The permissions (`resource:verb`) a role is normally granted. The development
 * issuer puts these in a token when none are asked for; a real identity
 * provider decides for itself, and the policy checks whatever it sent.
 */
export const DEFAULT_SCOPES: Readonly<Record<Role, readonly string[]>> = {
  police: ['person:read', 'residence:read', 'keyperson:read', 'housing:read', 'labour:read', 'grid:read', 'person:write', 'exchange:read'],
  housing: ['person:read', 'residence:read', 'housing:read', 'grid:read', 'housing:write'],
  labour: ['person:read', 'labour:read', 'grid:read', 'labour:write'],
  health: ['person:read', 'health:read', 'health:write'],
  grid: ['person:read', 'residence:read', 'housing:read', 'labour:read', 'grid:read'],
  auditor: ['audit:read', 'exchange:read'],
  admin: ['exchange:read', 'exchange:admin'],
};

/** A permission name as the hub writes them: `resource:verb`. */
export const SCOPE_PATTERN = /^[a-z][a-z0-9-]*:[a-z][a-z0-9-]*$/;
