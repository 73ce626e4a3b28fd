import { GraphQLError } from 'graphql';
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

/**
 * Creating a record in a place the principal does not cover: refused, naming
 * the input field that put it there. The place comes from the caller's own
 * input, so the refusal tells them nothing about any stored record.
 */
export function placeOutsideJurisdiction(field: string): GraphQLError {
  return new GraphQLError(`Forbidden: ${field}: this place is outside your jurisdiction`, { extensions: { code: 'FORBIDDEN', field } });
}

/** Refuses a write whose place, given in the input at `field`, lies outside the principal's jurisdiction. */
export function requirePlaceWithin(principal: Principal | null, place: Place, field: string): void {
  if (!withinJurisdiction(principal, place)) throw placeOutsideJurisdiction(field);
}

/**
 * Refuses a confined principal outright, before anything is read: for records
 * that carry no place here (health records, partner cities, a person not yet
 * living anywhere), so no jurisdiction can be said to cover them. The answer
 * depends on the caller alone, never on what is stored.
 */
export function requireUnconfined(principal: Principal | null, what: string): void {
  if (isConfined(principal)) throw forbidden(`${what} only to callers not confined to a grid or district`);
}
