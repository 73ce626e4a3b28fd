import type { JurisdictionFilter } from '../../auth/jurisdiction.js';
import { PagedLoaders, manyByKey, oneByKey } from '../../platform/loaders.js';
import type { PoliceStore } from './store.js';

/**
 * Per-request batch loaders: every lookup in one request shares one statement
 * per kind. Every loader that reaches a person or a grid is narrowed to the
 * caller's jurisdiction in SQL, so a record outside it and one that does not
 * exist are the same absent row, found by the same statement.
 */
export function createPoliceLoaders(store: PoliceStore, jurisdiction: JurisdictionFilter | null) {
  return {
    personById: oneByKey((ids: readonly string[]) => store.personsByIds(ids, jurisdiction), (p) => p.id),
    personByIdNumber: oneByKey((numbers: readonly string[]) => store.personsByIdNumbers(numbers, jurisdiction), (p) => p.idNumber),
    residencesByPerson: manyByKey((ids: readonly string[]) => store.residencesByPersonIds(ids), (r) => r.personId),
    permitsByPerson: manyByKey((ids: readonly string[]) => store.permitsByPersonIds(ids), (r) => r.personId),
    flagsByPerson: manyByKey((ids: readonly string[]) => store.flagsByPersonIds(ids), (r) => r.personId),
    moveOutsByPerson: manyByKey((ids: readonly string[]) => store.moveOutsByPersonIds(ids), (r) => r.personId),
    gridByCode: oneByKey((codes: readonly string[]) => store.gridsByCodes(codes, jurisdiction), (g) => g.code),
    residentsByGrid: new PagedLoaders((codes: readonly string[], page) => store.residentsOf('grid', codes, page, jurisdiction), (r) => r.parentKey),
    residentsByHouse: new PagedLoaders((codes: readonly string[], page) => store.residentsOf('house', codes, page, jurisdiction), (r) => r.parentKey),
  };
}

export type PoliceLoaders = ReturnType<typeof createPoliceLoaders>;
