import { manyByKey, oneByKey } from '../platform/loaders.js';
import type { AlertReader, AlertsStore } from './store.js';

/** Per-request batch loaders, for one caller's visibility. */
export function createAlertsLoaders(store: AlertsStore, reader: AlertReader | null) {
  return {
    // Entity references from other subgraphs arrive many at a time: one statement for all, narrowed to the caller's.
    alertById: oneByKey((ids: readonly string[]) => (reader ? store.alertsByIds(reader, ids) : Promise.resolve([])), (row) => row.id),
    // A page of alerts asks for its actions in one statement, not one per alert.
    actionsByAlert: manyByKey((ids: readonly string[]) => store.actionsByAlerts(ids), (row) => row.alertId),
  };
}

export type AlertsLoaders = ReturnType<typeof createAlertsLoaders>;
