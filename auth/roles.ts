/**
 * Callers outside the departments who declare at the source: a landlord for
 * the houses their token names, an employer for its workplaces (credit
 * codes), a resident for themselves (the identity number their token names).
 */
export const DECLARANT_ROLES = ['landlord', 'employer', 'resident'] as const;
export type DeclarantRole = (typeof DECLARANT_ROLES)[number];

/**
 * Services entitled to a yes/no answer about a resident (a school checking a
 * residence permit, a social-insurance office checking a district), and to
 * nothing else of the record.
 */
export const VERIFIER_ROLES = ['school', 'social-insurance'] as const;
export type VerifierRole = (typeof VERIFIER_ROLES)[number];

/**
 * The roles a caller token may carry, one per kind of department system, the
 * auditors, and the hub's administrators (who manage partner cities, and see
 * no resident's record). Field-level rules per role live in the policy
 * (auth/policy.ts).
 */
export const ROLES = ['police', 'housing', 'labour', 'health', 'grid', 'auditor', 'admin', ...DECLARANT_ROLES, ...VERIFIER_ROLES] as const;
export type Role = (typeof ROLES)[number];

const ROLE_SET: ReadonlySet<string> = new Set(ROLES);

export function isRole(value: string): value is Role {
  return ROLE_SET.has(value);
}

/**
 * The data-owning departments, each with a subgraph and a database of its
 * own. The subgraph registry declares them too (subgraphs/registry.ts), and
 * fails to compile unless its departments are exactly these: auth sits below
 * the subgraphs and cannot read their table.
 */
export const DEPARTMENT_NAMES = ['police', 'housing', 'labour', 'health'] as const;
export type DepartmentName = (typeof DEPARTMENT_NAMES)[number];

/**
 * The departments a caller may belong to (`dept` in its token): the four
 * data-owning departments, the community grid offices, the auditors and the
 * hub's own administrators; and, outside the city's offices, declarants
 * (landlords, employers, residents) and entitled services.
 */
export const CALLER_DEPARTMENTS = [...DEPARTMENT_NAMES, 'grid', 'auditor', 'admin', ...DECLARANT_ROLES, ...VERIFIER_ROLES] as const;
export type CallerDepartment = (typeof CALLER_DEPARTMENTS)[number];

const DEPARTMENT_SET: ReadonlySet<string> = new Set(CALLER_DEPARTMENTS);

export function isCallerDepartment(value: string): value is CallerDepartment {
  return DEPARTMENT_SET.has(value);
}

/**
 * The permissions (`resource:verb`) the hub knows. `individual` says whether
 * a field under the permission is about one resident (or leads to one): a
 * purpose that must not single anyone out, such as `statistics`, releases
 * none of those.
 */
export const PERMISSIONS = {
  'person:read': { individual: true, meaning: "A resident's entry in the population register" },
  'residence:read': { individual: true, meaning: 'Where residents live, since when, and their residence permits' },
  'keyperson:read': { individual: true, meaning: 'Key-person flags (police only)' },
  'housing:read': { individual: true, meaning: 'Houses, owners and tenancies' },
  'labour:read': { individual: true, meaning: 'Employers and employment' },
  'grid:read': { individual: false, meaning: 'Grids, the units of community management' },
  'health:read': { individual: true, meaning: 'Family-planning, vaccination, maternal-care and check-up records' },
  'audit:read': { individual: true, meaning: 'The access log: who read which resident' },
  'audit:review': { individual: true, meaning: "Reviewing the access log's anomaly flags: marking them justified, questioned or escalated" },
  'exchange:read': { individual: true, meaning: 'Partner cities, and what was exchanged with them about residents' },
  'person:write': { individual: true, meaning: 'Registering residents, residence, move-outs and permits' },
  'housing:write': { individual: true, meaning: 'Registering houses and tenancies' },
  'labour:write': { individual: true, meaning: 'Registering employers and employment' },
  'health:write': { individual: true, meaning: 'Recording health programmes' },
  'exchange:admin': { individual: false, meaning: 'Making, changing and ending partnerships with other cities' },
  'alert:read': { individual: true, meaning: 'Alerts for the officers who must act on them, and what each reveals' },
  'alert:write': { individual: true, meaning: "Acknowledging, resolving and reassigning alerts; a department's alert webhooks" },
  'declaration:write': { individual: true, meaning: "Declaring at the source: a landlord's tenants, an employer's workers, a resident's own address or job; and reading one's own declarations" },
  'declaration:review': { individual: true, meaning: "Confirming or rejecting declarations into the department's own records" },
  'collection:read': { individual: false, meaning: 'Collection figures per grid and premises: declarations received, confirmed, rejected, pending' },
  'verification:read': { individual: true, meaning: "Yes/no answers about a resident (a valid residence permit, living in a district), nothing of the record" },
  'access-report:read': { individual: true, meaning: "A resident's own access report: which departments read their record, when and for what purpose" },
  'case:write': { individual: false, meaning: "Setting when residents' own access reports may show what was read under a police case" },
} as const satisfies Record<string, { individual: boolean; meaning: string }>;

export type Permission = keyof typeof PERMISSIONS;

export const PERMISSION_NAMES = Object.keys(PERMISSIONS) as Permission[];

const PERMISSION_SET: ReadonlySet<string> = new Set(PERMISSION_NAMES);

export function isPermission(value: string): value is Permission {
  return PERMISSION_SET.has(value);
}

/**
 * The permissions a role is normally granted. The development issuer puts
 * these in a token when none are asked for; a real identity provider decides
 * for itself, and the policy checks whatever it sent.
 */
export const DEFAULT_SCOPES: Readonly<Record<Role, readonly Permission[]>> = {
  police: ['person:read', 'residence:read', 'keyperson:read', 'housing:read', 'labour:read', 'grid:read', 'person:write', 'exchange:read', 'alert:read', 'alert:write', 'declaration:review', 'collection:read', 'case:write'],
  housing: ['person:read', 'residence:read', 'housing:read', 'grid:read', 'housing:write', 'declaration:review', 'collection:read'],
  labour: ['person:read', 'labour:read', 'grid:read', 'labour:write', 'declaration:review', 'collection:read'],
  health: ['person:read', 'health:read', 'health:write'],
  grid: ['person:read', 'residence:read', 'housing:read', 'labour:read', 'grid:read', 'alert:read', 'alert:write', 'collection:read'],
  auditor: ['audit:read', 'audit:review', 'exchange:read'],
  admin: ['exchange:read', 'exchange:admin'],
  landlord: ['declaration:write'],
  employer: ['declaration:write'],
  resident: ['declaration:write', 'access-report:read'],
  school: ['verification:read'],
  'social-insurance': ['verification:read'],
};

/** A permission name as the hub writes them: `resource:verb`. */
export const SCOPE_PATTERN = /^[a-z][a-z0-9-]*:[a-z][a-z0-9-]*$/;
