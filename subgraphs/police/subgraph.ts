import { jurisdictionFilter } from '../../auth/jurisdiction.js';
import type { AccessRecorder } from '../../auth/access.js';
import type { Database } from '../../platform/db.js';
import type { SubgraphModule } from '../../auth/subgraph.js';
import { loadTypeDefs } from '../../platform/subgraph.js';
import type { PoliceContext } from './context.js';
import * as schema from './db/schema.js';
import { createPoliceLoaders } from './loaders.js';
import { resolvers } from './resolvers.js';
import { PoliceRules } from './rules.js';
import { PoliceStore } from './store.js';
import type { ImportKindRuntime } from '../import/engine.js';
import { ImportJobs, type DepartmentTx } from '../import/jobs.js';
import { policeImportKinds } from './imports.js';

export interface PoliceSubgraphOptions {
  database: Database<typeof schema>;
  access: AccessRecorder;
  /** This city's 6-digit division code: residents registered under it are REGISTERED, others FLOATING. */
  cityCode: string;
}

/** The police subgraph: population register, residence, permits, key persons, grids. */
export function createPoliceSubgraph(options: PoliceSubgraphOptions): SubgraphModule<PoliceContext> {
  const store = new PoliceStore(options.database.db);
  const rules = new PoliceRules(store, options.cityCode);
  // ── Imports of legacy records (docs/import.md) ──
  const imports = new ImportJobs({
    department: 'police',
    db: options.database.db,
    kinds: policeImportKinds(store, options.cityCode) as ImportKindRuntime<never, DepartmentTx<typeof schema>>[],
    access: options.access,
  });
  // ── end ──
  return {
    name: 'police',
    typeDefs: loadTypeDefs(new URL('./schema.graphql', import.meta.url)),
    resolvers,
    createContext: (meta, checks) => {
      const jurisdiction = jurisdictionFilter(meta.principal);
      return { meta, access: options.access, checks, store, rules, imports, loaders: createPoliceLoaders(store, jurisdiction), jurisdiction };
    },
    ready: () => store.ping(),
  };
}

export { schema as policeSchema };
