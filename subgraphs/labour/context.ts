import type { JurisdictionFilter } from '../../auth/jurisdiction.js';
import type { SubgraphContext } from '../../auth/subgraph.js';
import type { LabourLoaders } from './loaders.js';
import type { LabourRules } from './rules.js';
import type { LabourStore } from './store.js';
import type { ImportJobs } from '../import/jobs.js';
import type * as schema from './db/schema.js';

/**
 * What labour resolvers are handed per request. A file of its own, so the
 * resolvers and the generated types never import the module that builds them.
 */
export interface LabourContext extends SubgraphContext {
  store: LabourStore;
  /** Imports of the department's legacy records (docs/import.md). */
  imports: ImportJobs<typeof schema>;
  rules: LabourRules;
  /** Created per request: batching never mixes two callers' jurisdictions. */
  loaders: LabourLoaders;
  /** The rows the caller may see, as SQL conditions; null when unconfined. */
  jurisdiction: JurisdictionFilter | null;
}
