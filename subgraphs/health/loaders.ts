import { manyByKey, oneByKey } from '../../platform/loaders.js';
import type { HealthStore } from './store.js';

/** Per-request batch loaders: every lookup in one request shares one statement per kind. */
export function createHealthLoaders(store: HealthStore) {
  return {
    profileByPerson: oneByKey((ids: readonly string[]) => store.profilesByPersonIds(ids), (p) => p.personId),
    vaccinationsByPerson: manyByKey((ids: readonly string[]) => store.vaccinationsByPersonIds(ids), (v) => v.personId),
    maternalCareByPerson: manyByKey((ids: readonly string[]) => store.maternalCareByPersonIds(ids), (m) => m.personId),
    checkupsByPerson: manyByKey((ids: readonly string[]) => store.checkupsByPersonIds(ids), (c) => c.personId),
  };
}

export type HealthLoaders = ReturnType<typeof createHealthLoaders>;
