/**
 * Purposes of use a caller may declare in X-Purpose. A closed vocabulary, as
 * X-Road's `issue` is in practice: an auditor can group and question accesses
 * by purpose only if purposes are not free text.
 */
export const PURPOSES = {
  'case-investigation': 'Investigating a registered case (police); a case number is expected in X-Case-Id',
  'public-security': 'Public-security management of key persons and places',
  'population-management': 'Registering and managing residents, residence and permits',
  'housing-administration': 'Registering houses and tenancies',
  'labour-administration': 'Registering employers, employment and social insurance',
  'public-health': 'Vaccination, family planning and maternal-care programmes',
  'medical-care': 'Care of the person the record is about',
  'community-service': 'Grid workers visiting and serving residents of their grid',
  'statistics': 'Aggregate statistics; no individual decisions',
  'audit': 'Reviewing the access log',
  'inter-city-exchange': 'Telling partner cities about residents who moved, and reading what they told us, under the agreement',
} as const;

export type Purpose = keyof typeof PURPOSES;

export const PURPOSE_NAMES = Object.keys(PURPOSES) as Purpose[];

export function isPurpose(value: string | null | undefined): value is Purpose {
  return value != null && Object.hasOwn(PURPOSES, value);
}
