import { PagedLoaders, manyByKey, oneByKey } from '../../platform/loaders.js';
import type { HousingStore } from './store.js';

/** Per-request batch loaders: every lookup in one request shares one statement per kind. */
export function createHousingLoaders(store: HousingStore) {
  return {
    houseById: oneByKey((ids: readonly string[]) => store.housesByIds(ids), (h) => h.id),
    houseByCode: oneByKey((codes: readonly string[]) => store.housesByCodes(codes), (h) => h.code),
    tenanciesByTenant: manyByKey((ids: readonly string[]) => store.tenanciesByTenantIds(ids), (t) => t.tenantId),
    tenanciesByHouse: new PagedLoaders((ids: readonly string[], page) => store.tenanciesOfHouses(ids, page, false), (t) => t.houseId),
    currentTenanciesByHouse: new PagedLoaders((ids: readonly string[], page) => store.tenanciesOfHouses(ids, page, true), (t) => t.houseId),
    housesByOwner: new PagedLoaders((ids: readonly string[], page) => store.housesOfOwners(ids, page), (h) => h.parentKey),
    housesByGrid: new PagedLoaders((codes: readonly string[], page) => store.housesOfGrids(codes, page), (h) => h.parentKey),
  };
}

export type HousingLoaders = ReturnType<typeof createHousingLoaders>;
