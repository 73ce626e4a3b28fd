import type { JurisdictionFilter } from '../../auth/jurisdiction.js';
import { PagedLoaders, manyByKey, oneByKey } from '../../platform/loaders.js';
import type { HousingStore } from './store.js';

/**
 * Per-request batch loaders: every lookup in one request shares one statement
 * per kind. Lists are narrowed to the caller's jurisdiction in SQL; houses by
 * key are returned as stored, so a resolver can tell an unknown key (null)
 * from a house outside the jurisdiction (refused).
 */
export function createHousingLoaders(store: HousingStore, jurisdiction: JurisdictionFilter | null) {
  return {
    houseById: oneByKey((ids: readonly string[]) => store.housesByIds(ids), (h) => h.id),
    houseByCode: oneByKey((codes: readonly string[]) => store.housesByCodes(codes), (h) => h.code),
    tenanciesByTenant: manyByKey((ids: readonly string[]) => store.tenanciesByTenantIds(ids, jurisdiction), (t) => t.tenantId),
    tenanciesByHouse: new PagedLoaders((ids: readonly string[], page) => store.tenanciesOfHouses(ids, page, false), (t) => t.houseId),
    currentTenanciesByHouse: new PagedLoaders((ids: readonly string[], page) => store.tenanciesOfHouses(ids, page, true), (t) => t.houseId),
    housesByOwner: new PagedLoaders((ids: readonly string[], page) => store.housesOfOwners(ids, page, jurisdiction), (h) => h.parentKey),
    housesByGrid: new PagedLoaders((codes: readonly string[], page) => store.housesOfGrids(codes, page, jurisdiction), (h) => h.parentKey),
  };
}

export type HousingLoaders = ReturnType<typeof createHousingLoaders>;
