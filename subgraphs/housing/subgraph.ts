import { jurisdictionFilter, type JurisdictionFilter } from '../../auth/jurisdiction.js';
import type { RequestMeta } from '../../auth/principal.js';
import type { AccessRecorder } from '../../platform/access.js';
import type { Database } from '../../platform/db.js';
import { loadTypeDefs, type SubgraphModule } from '../../platform/subgraph.js';
import * as schema from './db/schema.js';
import { createHousingLoaders, type HousingLoaders } from './loaders.js';
import { resolvers } from './resolvers.js';
import { HousingRules } from './rules.js';
import { HousingStore } from './store.js';

export interface HousingContext {
  meta: RequestMeta;
  store: HousingStore;
  rules: HousingRules;
  loaders: HousingLoaders;
  access: AccessRecorder;
  /** The rows the caller may see, as SQL conditions; null when unconfined. */
  jurisdiction: JurisdictionFilter | null;
}

export interface HousingOptions {
  database: Database<typeof schema>;
  access: AccessRecorder;
}

/** The housing subgraph: houses, their owners and grids, and rental registrations. */
export function createHousingSubgraph(options: HousingOptions): SubgraphModule<HousingContext> {
  const store = new HousingStore(options.database.db);
  const rules = new HousingRules(store);
  return {
    name: 'housing',
    typeDefs: loadTypeDefs('housing'),
    resolvers,
    createContext: (meta) => {
      const jurisdiction = jurisdictionFilter(meta.principal);
      return { meta, store, rules, loaders: createHousingLoaders(store, jurisdiction), access: options.access, jurisdiction };
    },
    ready: () => store.ping(),
  };
}

export { schema as housingSchema };
