import { VACCINATIONS } from './health/imports.js';
import { HOUSES } from './housing/imports.js';
import type { ImportKindDefinition } from './import/kinds.js';
import { EMPLOYERS, EMPLOYMENTS } from './labour/imports.js';
import { PERSONS } from './police/imports.js';
import type { Department } from './registry.js';

/**
 * Every kind of legacy record a department imports (docs/import.md), in the
 * order the documentation lists them: what `npm run import` maps a file's
 * headers against and each department's subgraph takes.
 */
export const IMPORT_KINDS: readonly ImportKindDefinition[] = [PERSONS, HOUSES, EMPLOYERS, EMPLOYMENTS, VACCINATIONS];

/** The kinds one department imports. */
export function importKindsOf(department: Department): ImportKindDefinition[] {
  return IMPORT_KINDS.filter((kind) => kind.department === department);
}
