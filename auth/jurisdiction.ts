import type { Principal } from './principal.js';
import { forbidden } from './decide.js';

/** Where a record sits: the grid and district it belongs to. */
export interface Place {
  gridCode: string | null;
  divisionCode: string | null;
}

/**
 * A principal is confined to a jurisdiction when its token names grids or
 * divisions, and always when it is a grid worker: a grid worker's token
 * without grids sees no rows at all rather than every row.
 */
export function isConfined(principal: Principal | null): boolean {
  if (!principal) return true;
  const { divisions, grids } = principal.jurisdiction;
  return divisions.length > 0 || grids.length > 0 || principal.roles.includes('grid');
}

/** `510107` covers its own code; `510100` covers `5101xx`; `510000` covers `51xxxx`. */
export function divisionCovers(scope: string, code: string): boolean {
  if (scope.endsWith('0000')) return code.startsWith(scope.slice(0, 2));
  if (scope.endsWith('00')) return code.startsWith(scope.slice(0, 4));
  return code === scope;
}

export function withinJurisdiction(principal: Principal | null, place: Place): boolean {
  if (!isConfined(principal)) return true;
  if (!principal) return false;
  const { divisions, grids } = principal.jurisdiction;
  if (place.gridCode && grids.includes(place.gridCode)) return true;
  const division = place.divisionCode ?? place.gridCode?.slice(0, 6) ?? null;
  return division !== null && divisions.some((scope) => divisionCovers(scope, division));
}

/**
 * The SQL-side view of a jurisdiction: grids and division patterns a list
 * query must stay within, or `null` for an unconfined principal.
 */
export interface JurisdictionFilter {
  grids: readonly string[];
  /** LIKE patterns over 6-digit division codes (`510107`, `5101%`, `51%`). */
  divisionPatterns: readonly string[];
}

export function jurisdictionFilter(principal: Principal | null): JurisdictionFilter | null {
  if (!isConfined(principal)) return null;
  const grids = principal?.jurisdiction.grids ?? [];
  const divisionPatterns = (principal?.jurisdiction.divisions ?? []).map((scope) =>
    scope.endsWith('0000') ? `${scope.slice(0, 2)}%` : scope.endsWith('00') ? `${scope.slice(0, 4)}%` : scope,
  );
  return { grids, divisionPatterns };
}

export function outsideJurisdiction(what: string) {
  return forbidden(`${what} is outside your jurisdiction`);
}
