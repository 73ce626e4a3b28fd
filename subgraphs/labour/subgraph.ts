import { jurisdictionFilter } from '../../auth/jurisdiction.js';
import type { AccessRecorder } from '../../auth/access.js';
import type { Database } from '../../platform/db.js';
import type { SubgraphModule } from '../../auth/subgraph.js';
import { loadTypeDefs } from '../../platform/subgraph.js';
import type { LabourContext } from './context.js';
import * as schema from './db/schema.js';
import { createLabourLoaders } from './loaders.js';
import { resolvers } from './resolvers.js';
import { LabourRules } from './rules.js';
import { LabourStore } from './store.js';

export interface LabourSubgraphOptions {
  database: Database<typeof schema>;
  access: AccessRecorder;
}

/** The labour subgraph: employers (用人单位) and the employments (就业登记) of residents. */
export function createLabourSubgraph(options: LabourSubgraphOptions): SubgraphModule<LabourContext> {
  const store = new LabourStore(options.database.db);
  const rules = new LabourRules(store);
  return {
    name: 'labour',
    typeDefs: loadTypeDefs(new URL('./schema.graphql', import.meta.url)),
    resolvers,
    createContext: (meta, checks) => {
      const jurisdiction = jurisdictionFilter(meta.principal);
      return { meta, access: options.access, checks, store, rules, loaders: createLabourLoaders(store, jurisdiction), jurisdiction };
    },
    ready: () => store.ping(),
  };
}

export { schema as labourSchema };
