import type { JurisdictionFilter } from '../../auth/jurisdiction.js';
import type { SubgraphContext } from '../../auth/subgraph.js';
import type { HousingLoaders } from './loaders.js';
import type { HousingRules } from './rules.js';
import type { HousingStore } from './store.js';
import type { ImportJobs } from '../import/jobs.js';
import type * as schema from './db/schema.js';

/**
 * What housing resolvers are handed per request. A file of its own, so the
 * resolvers and the generated types never import the module that builds them.
 */
export interface HousingContext extends SubgraphContext {
  store: HousingStore;
  /** Imports of the department's legacy records (docs/import.md). */
  imports: ImportJobs<typeof schema>;
  rules: HousingRules;
  /** Created per request: batching never mixes two callers' jurisdictions. */
  loaders: HousingLoaders;
  /** The rows the caller may see, as SQL conditions; null when unconfined. */
  jurisdiction: JurisdictionFilter | null;
}
