import type { JurisdictionFilter } from '../../auth/jurisdiction.js';
import type { SubgraphContext } from '../../auth/subgraph.js';
import type { HealthLoaders } from './loaders.js';
import type { HealthRules } from './rules.js';
import type { HealthStore } from './store.js';
import type { ImportJobs } from '../import/jobs.js';
import type * as schema from './db/schema.js';

/**
 * What health resolvers are handed per request. A file of its own, so the
 * resolvers and the generated types never import the module that builds them.
 */
export interface HealthContext extends SubgraphContext {
  store: HealthStore;
  /** Imports of the department's legacy records (docs/import.md). */
  imports: ImportJobs<typeof schema>;
  rules: HealthRules;
  /** Created per request: batching never mixes two callers' requests. */
  loaders: HealthLoaders;
  /**
   * The caller's jurisdiction; null when unconfined. Health records carry no
   * place, so a confined caller is refused them (rules.ts).
   */
  jurisdiction: JurisdictionFilter | null;
}
