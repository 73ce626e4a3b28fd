import type { Permission, Role } from './roles.js';

/** One purpose of use, as the registry declares it. */
export interface PurposeEntry {
  meaning: string;
  /** The roles that may declare it; a request declaring it for a caller with none of them is refused before it runs. */
  roles: readonly Role[];
  /**
   * The permissions whose fields it releases. A field is released for a
   * purpose only when the purpose releases the field's permission and the
   * field's own `purposes`, where the policy names any, include it.
   */
  releases: readonly Permission[];
  /** Whether a request must name the case it serves in X-Case-Id. */
  needsCase: boolean;
}

const READ_THE_CITY: readonly Permission[] = ['person:read', 'residence:read', 'housing:read', 'labour:read', 'grid:read'];
/** The officers' inbox: reading the alerts a purpose's work is told of, and acting on them. */
const ALERTS: readonly Permission[] = ['alert:read', 'alert:write'];

/**
 * Purposes of use a caller may declare in X-Purpose: who may declare each,
 * what it releases, and whether it needs a case number. A closed vocabulary,
 * as X-Road's `issue` is in practice: an auditor can group and question
 * accesses by purpose only if purposes are not free text, and a purpose that
 * any caller could declare would release to anyone what it releases.
 */
export const PURPOSES = {
  'case-investigation': {
    meaning: 'Investigating a registered case (police); the case number goes in X-Case-Id',
    roles: ['police'],
    // The case's own disclosure date: when residents' reports may show what the case read.
    releases: [...READ_THE_CITY, 'keyperson:read', 'exchange:read', ...ALERTS, 'case:write'],
    needsCase: true,
  },
  'public-security': {
    meaning: 'Public-security management of key persons and places',
    roles: ['police'],
    releases: [...READ_THE_CITY, 'keyperson:read', 'exchange:read', ...ALERTS],
    needsCase: false,
  },
  'population-management': {
    meaning: 'Registering and managing residents, residence and permits',
    roles: ['police'],
    // Keeping the register right includes the alerts about it (an identity an employer could not have confirmed);
    // which alerts a purpose reads is still each alert's own list of purposes.
    releases: [...READ_THE_CITY, 'exchange:read', 'person:write', ...ALERTS, 'declaration:review', 'collection:read'],
    needsCase: false,
  },
  'housing-administration': {
    meaning: 'Registering houses and tenancies',
    roles: ['housing'],
    releases: ['person:read', 'residence:read', 'housing:read', 'grid:read', 'housing:write', 'declaration:review', 'collection:read'],
    needsCase: false,
  },
  'labour-administration': {
    meaning: 'Registering employers, employment and social insurance',
    roles: ['labour'],
    releases: ['person:read', 'labour:read', 'grid:read', 'labour:write', 'declaration:review', 'collection:read'],
    needsCase: false,
  },
  'public-health': {
    // Vaccination and maternal-care programmes reach floating residents where they live and work.
    meaning: 'Vaccination, family planning and maternal-care programmes',
    roles: ['health'],
    releases: [...READ_THE_CITY, 'health:read', 'health:write'],
    needsCase: false,
  },
  'medical-care': {
    meaning: 'Care of the person the record is about',
    roles: ['health'],
    releases: ['person:read', 'health:read', 'health:write'],
    needsCase: false,
  },
  'community-service': {
    meaning: 'Grid workers visiting and serving residents of their grid',
    roles: ['grid'],
    releases: [...READ_THE_CITY, ...ALERTS, 'collection:read'],
    needsCase: false,
  },
  statistics: {
    meaning: 'Aggregate statistics; no individual decisions, so no field about any one resident',
    roles: ['police', 'housing', 'labour', 'health', 'grid'],
    releases: ['grid:read', 'collection:read'],
    needsCase: false,
  },
  audit: {
    meaning: 'Reviewing the access log',
    roles: ['auditor'],
    releases: ['audit:read', 'audit:review', 'exchange:read'],
    needsCase: false,
  },
  'inter-city-exchange': {
    meaning: 'Telling partner cities about residents who moved, and reading what they told us, under the agreement',
    roles: ['police', 'admin'],
    releases: ['exchange:read', 'exchange:admin'],
    needsCase: false,
  },
  declaration: {
    meaning: "Declaring at the source: a landlord's tenants, an employer's workers, a resident's own address or job",
    roles: ['landlord', 'employer', 'resident'],
    releases: ['declaration:write'],
    needsCase: false,
  },
  'own-record': {
    meaning: 'A resident reading which departments accessed their own record, when and why',
    roles: ['resident'],
    releases: ['access-report:read'],
    needsCase: false,
  },
  'school-enrolment': {
    meaning: "Enrolling a child at school: whether the family holds a valid residence permit or lives in the school's district",
    roles: ['school'],
    releases: ['verification:read'],
    needsCase: false,
  },
  'social-insurance': {
    meaning: 'Social-insurance entitlements: whether the insured holds a valid residence permit or lives in a district',
    roles: ['social-insurance'],
    releases: ['verification:read'],
    needsCase: false,
  },
} as const satisfies Record<string, PurposeEntry>;

export type Purpose = keyof typeof PURPOSES;

export const PURPOSE_NAMES = Object.keys(PURPOSES) as Purpose[];

/** The registry as a Map, so a caller's string is never looked up on a plain object. */
export const PURPOSE_REGISTRY: ReadonlyMap<Purpose, PurposeEntry> = new Map(PURPOSE_NAMES.map((name) => [name, PURPOSES[name]]));

export function isPurpose(value: string | null | undefined): value is Purpose {
  return value != null && PURPOSE_REGISTRY.has(value as Purpose);
}

/** Whether any of these roles may declare the purpose. */
export function mayDeclare(roles: readonly string[], purpose: Purpose): boolean {
  const allowed: readonly string[] = PURPOSE_REGISTRY.get(purpose)?.roles ?? [];
  return roles.some((role) => allowed.includes(role));
}

/** The purposes at least one of these roles may declare, in the registry's order. */
export function declarablePurposes(roles: readonly string[]): Purpose[] {
  return PURPOSE_NAMES.filter((purpose) => mayDeclare(roles, purpose));
}

/** Whether the purpose releases fields under this permission. */
export function releases(purpose: Purpose, permission: string): boolean {
  const released: readonly string[] = PURPOSE_REGISTRY.get(purpose)?.releases ?? [];
  return released.includes(permission);
}

/**
 * A case number as X-Case-Id carries it: groups of capital letters and
 * digits joined by hyphens, beginning with a letter, e.g. `CASE-2026-001`
 * or `WH-2025-0042`; 3 to 64 characters.
 */
export const CASE_ID_PATTERN = /^(?=.{3,64}$)[A-Z][A-Z0-9]*(?:-[A-Z0-9]+){1,5}$/;

export function isCaseId(value: string): boolean {
  return CASE_ID_PATTERN.test(value);
}
