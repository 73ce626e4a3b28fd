import { inArray, like, or, sql, type AnyColumn, type SQL } from 'drizzle-orm';
import type { JurisdictionFilter } from '../auth/jurisdiction.js';

/**
 * The SQL twin of `withinJurisdiction` for a row that records its own grid and
 * division: its grid is one of the principal's, or its division is covered.
 * Undefined (no condition) for an unconfined principal; a confined principal
 * whose token names no grid and no division matches nothing, never everything.
 */
export function placeWithin(filter: JurisdictionFilter | null, gridColumn: AnyColumn, divisionColumn: AnyColumn): SQL | undefined {
  if (filter === null) return undefined;
  const conditions = [
    filter.grids.length > 0 ? inArray(gridColumn, [...filter.grids]) : undefined,
    ...filter.divisionPatterns.map((pattern) => like(divisionColumn, pattern)),
  ];
  return or(...conditions) ?? sql`false`;
}
