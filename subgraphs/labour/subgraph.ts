import { jurisdictionFilter, type JurisdictionFilter } from '../../auth/jurisdiction.js';
import type { RequestMeta } from '../../auth/principal.js';
import type { AccessRecorder } from '../../platform/access.js';
import type { Database } from '../../platform/db.js';
import { loadTypeDefs, type SubgraphModule } from '../../platform/subgraph.js';
import * as schema from './db/schema.js';
import { createLabourLoaders, type LabourLoaders } from './loaders.js';
import { resolvers } from './resolvers.js';
import { LabourRules } from './rules.js';
import { LabourStore } from './store.js';

export interface LabourContext {
  meta: RequestMeta;
  store: LabourStore;
  rules: LabourRules;
  loaders: LabourLoaders;
  access: AccessRecorder;
  /** The rows the caller may see, as SQL conditions; null when unconfined. */
  jurisdiction: JurisdictionFilter | null;
}

export interface LabourOptions {
  database: Database<typeof schema>;
  access: AccessRecorder;
}

/** The labour subgraph: employers (用人单位) and the employments (就业登记) of residents. */
export function createLabourSubgraph(options: LabourOptions): SubgraphModule<LabourContext> {
  const store = new LabourStore(options.database.db);
  const rules = new LabourRules(store);
  return {
    name: 'labour',
    typeDefs: loadTypeDefs('labour'),
    resolvers,
    createContext: (meta) => {
      const jurisdiction = jurisdictionFilter(meta.principal);
      return { meta, store, rules, loaders: createLabourLoaders(store, jurisdiction), access: options.access, jurisdiction };
    },
    ready: () => store.ping(),
  };
}

export { schema as labourSchema };
