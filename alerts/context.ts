import type { SubgraphContext } from '../auth/subgraph.js';
import type { AlertsRules } from './inbox-rules.js';
import type { AlertsLoaders } from './loaders.js';
import type { AlertReader, AlertsStore } from './store.js';

/**
 * What alert resolvers are handed per request. A file of its own, so the
 * resolvers and the generated types never import the module that builds them.
 */
export interface AlertsContext extends SubgraphContext {
  store: AlertsStore;
  rules: AlertsRules;
  /** Created per request for this caller's visibility: a batch never mixes two callers' alerts. */
  loaders: AlertsLoaders;
  /**
   * Who the caller is as the alert store narrows alerts: their department,
   * declared purpose and jurisdiction; null when they are no department that
   * alerts go to, and then no alert is theirs.
   */
  reader: AlertReader | null;
}
