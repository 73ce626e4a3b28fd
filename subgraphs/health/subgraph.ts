import { jurisdictionFilter } from '../../auth/jurisdiction.js';
import type { AccessRecorder } from '../../auth/access.js';
import type { Database } from '../../platform/db.js';
import type { SubgraphModule } from '../../auth/subgraph.js';
import { loadTypeDefs } from '../../platform/subgraph.js';
import type { HealthContext } from './context.js';
import * as schema from './db/schema.js';
import { createHealthLoaders } from './loaders.js';
import { resolvers } from './resolvers.js';
import { HealthRules } from './rules.js';
import { HealthStore } from './store.js';
import type { ImportKindRuntime } from '../import/engine.js';
import { ImportJobs, type DepartmentTx } from '../import/jobs.js';
import { healthImportKinds } from './imports.js';

export interface HealthSubgraphOptions {
  database: Database<typeof schema>;
  access: AccessRecorder;
}

/** The health subgraph: family-planning status, vaccinations, maternal care and check-ups per person. */
export function createHealthSubgraph(options: HealthSubgraphOptions): SubgraphModule<HealthContext> {
  const store = new HealthStore(options.database.db);
  const rules = new HealthRules(store);
  // ── Imports of legacy records (docs/import.md) ──
  const imports = new ImportJobs({
    department: 'health',
    db: options.database.db,
    kinds: healthImportKinds(store) as ImportKindRuntime<never, DepartmentTx<typeof schema>>[],
    access: options.access,
  });
  // ── end ──
  return {
    name: 'health',
    typeDefs: loadTypeDefs(new URL('./schema.graphql', import.meta.url)),
    resolvers,
    createContext: (meta, checks) => {
      const jurisdiction = jurisdictionFilter(meta.principal);
      return { meta, access: options.access, checks, store, rules, imports, loaders: createHealthLoaders(store), jurisdiction };
    },
    ready: () => store.ping(),
  };
}

export { schema as healthSchema };
