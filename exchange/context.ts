import type { JurisdictionFilter } from '../auth/jurisdiction.js';
import type { SubgraphContext } from '../auth/subgraph.js';
import type { ExchangeLoaders } from './loaders.js';
import type { PartnerRegistry } from './registry.js';
import type { ExchangeRules } from './rules.js';
import type { CityIdentity } from './signing.js';
import type { ExchangeStore } from './store.js';

/**
 * What exchange resolvers are handed per request. A file of its own, so the
 * resolvers and the generated types never import the module that builds them.
 */
export interface ExchangeContext extends SubgraphContext {
  store: ExchangeStore;
  rules: ExchangeRules;
  /** Created per request: batching never mixes two callers' requests. */
  loaders: ExchangeLoaders;
  /**
   * The caller's jurisdiction; null when unconfined. The exchange is the
   * whole city's, so a confined caller is refused it (rules.ts).
   */
  jurisdiction: JurisdictionFilter | null;
  /** Partner cities: adding, changing and ending partnerships, with their own checks. */
  registry: PartnerRegistry;
  /** This city as partners know it. */
  identity: CityIdentity;
}
