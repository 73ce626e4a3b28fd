import { jurisdictionFilter, type JurisdictionFilter } from '../../auth/jurisdiction.js';
import type { RequestMeta } from '../../auth/principal.js';
import type { AccessRecorder } from '../../platform/access.js';
import type { Database } from '../../platform/db.js';
import { loadTypeDefs, type SubgraphModule } from '../../platform/subgraph.js';
import * as schema from './db/schema.js';
import { createPoliceLoaders, type PoliceLoaders } from './loaders.js';
import { resolvers } from './resolvers.js';
import { PoliceRules } from './rules.js';
import { PoliceStore } from './store.js';

export interface PoliceContext {
  meta: RequestMeta;
  store: PoliceStore;
  rules: PoliceRules;
  loaders: PoliceLoaders;
  access: AccessRecorder;
  /** The rows the caller may see, as SQL conditions; null when unconfined. */
  jurisdiction: JurisdictionFilter | null;
}

export interface PoliceOptions {
  database: Database<typeof schema>;
  access: AccessRecorder;
  cityCode: string;
}

/** The police subgraph: population register, residence, permits, key persons, grids. */
export function createPoliceSubgraph(options: PoliceOptions): SubgraphModule<PoliceContext> {
  const store = new PoliceStore(options.database.db);
  const rules = new PoliceRules(store, options.cityCode);
  return {
    name: 'police',
    typeDefs: loadTypeDefs('police'),
    resolvers,
    createContext: (meta) => {
      const jurisdiction = jurisdictionFilter(meta.principal);
      return { meta, store, rules, loaders: createPoliceLoaders(store, jurisdiction), access: options.access, jurisdiction };
    },
    ready: () => store.ping(),
  };
}

export { schema as policeSchema };
