import { jurisdictionFilter } from '../../auth/jurisdiction.js';
import type { AccessRecorder } from '../../auth/access.js';
import type { Database } from '../../platform/db.js';
import type { SubgraphModule } from '../../auth/subgraph.js';
import { loadTypeDefs } from '../../platform/subgraph.js';
import type { HousingContext } from './context.js';
import * as schema from './db/schema.js';
import { createHousingLoaders } from './loaders.js';
import { resolvers } from './resolvers.js';
import { DEFAULT_GROUP_RENTAL_FACTOR, HousingRules } from './rules.js';
import { HousingStore } from './store.js';
import type { ImportKindRuntime } from '../import/engine.js';
import { ImportJobs, type DepartmentTx } from '../import/jobs.js';
import { housingImportKinds } from './imports.js';

export interface HousingSubgraphOptions {
  database: Database<typeof schema>;
  access: AccessRecorder;
  /** Open tenancies per room above which a house is a suspected group rental (GROUP_RENTAL_FACTOR); 1 unless given. */
  groupRentalFactor?: number;
}

/** The housing subgraph: houses, their owners and grids, and rental registrations. */
export function createHousingSubgraph(options: HousingSubgraphOptions): SubgraphModule<HousingContext> {
  const store = new HousingStore(options.database.db);
  const rules = new HousingRules(store, options.groupRentalFactor ?? DEFAULT_GROUP_RENTAL_FACTOR);
  // ── Imports of legacy records (docs/import.md) ──
  const imports = new ImportJobs({
    department: 'housing',
    db: options.database.db,
    kinds: housingImportKinds(store, options.groupRentalFactor ?? DEFAULT_GROUP_RENTAL_FACTOR) as ImportKindRuntime<never, DepartmentTx<typeof schema>>[],
    access: options.access,
  });
  // ── end ──
  return {
    name: 'housing',
    typeDefs: loadTypeDefs(new URL('./schema.graphql', import.meta.url)),
    resolvers,
    createContext: (meta, checks) => {
      const jurisdiction = jurisdictionFilter(meta.principal);
      return { meta, access: options.access, checks, store, rules, imports, loaders: createHousingLoaders(store, jurisdiction), jurisdiction };
    },
    ready: () => store.ping(),
  };
}

export { schema as housingSchema };
