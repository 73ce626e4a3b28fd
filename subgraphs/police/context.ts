import type { JurisdictionFilter } from '../../auth/jurisdiction.js';
import type { SubgraphContext } from '../../auth/subgraph.js';
import type { PoliceLoaders } from './loaders.js';
import type { PoliceRules } from './rules.js';
import type { PoliceStore } from './store.js';
import type { ImportJobs } from '../import/jobs.js';
import type * as schema from './db/schema.js';

/**
 * What police resolvers are handed per request. A file of its own, so the
 * resolvers and the generated types never import the module that builds them.
 */
export interface PoliceContext extends SubgraphContext {
  store: PoliceStore;
  /** Imports of the department's legacy records (docs/import.md). */
  imports: ImportJobs<typeof schema>;
  rules: PoliceRules;
  /** Created per request: batching never mixes two callers' jurisdictions. */
  loaders: PoliceLoaders;
  /** The rows the caller may see, as SQL conditions; null when unconfined. */
  jurisdiction: JurisdictionFilter | null;
}
