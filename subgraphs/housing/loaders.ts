import type { JurisdictionFilter } from '../../auth/jurisdiction.js';
import { today } from '../../platform/input.js';
import { PagedLoaders, manyByKey, oneByKey } from '../../platform/loaders.js';
import type { HousingStore } from './store.js';

/**
 * Per-request batch loaders: every lookup in one request shares one statement
 * per kind. Every loader that reaches a house is narrowed to the caller's
 * jurisdiction in SQL, so a house outside it and one that does not exist are
 * the same absent row, found by the same statement.
 */
export function createHousingLoaders(store: HousingStore, jurisdiction: JurisdictionFilter | null) {
  // One day for the whole request: every "open" it answers means the same thing.
  const day = today();
  return {
    houseById: oneByKey((ids: readonly string[]) => store.housesByIds(ids, jurisdiction), (h) => h.id),
    houseByCode: oneByKey((codes: readonly string[]) => store.housesByCodes(codes, jurisdiction), (h) => h.code),
    tenanciesByTenant: manyByKey((ids: readonly string[]) => store.tenanciesByTenantIds(ids, jurisdiction), (t) => t.tenantId),
    tenanciesByHouse: new PagedLoaders((ids: readonly string[], page) => store.tenanciesOfHouses(ids, page, null), (t) => t.houseId),
    currentTenanciesByHouse: new PagedLoaders((ids: readonly string[], page) => store.tenanciesOfHouses(ids, page, day), (t) => t.houseId),
    openTenancies: oneByKey((ids: readonly string[]) => store.openTenancyCounts(ids, day), (c) => c.houseId),
    housesByOwner: new PagedLoaders((ids: readonly string[], page) => store.housesOfOwners(ids, page, jurisdiction), (h) => h.parentKey),
    housesByGrid: new PagedLoaders((codes: readonly string[], page) => store.housesOfGrids(codes, page, jurisdiction), (h) => h.parentKey),
  };
}

export type HousingLoaders = ReturnType<typeof createHousingLoaders>;
