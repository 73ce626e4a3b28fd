import type { AccessRecorder } from '../../auth/access.js';
import type { SubgraphModule } from '../../auth/subgraph.js';
import type { Database } from '../../platform/db.js';
import { loadTypeDefs } from '../../platform/subgraph.js';
import type { DeclarationsContext } from './context.js';
import * as schema from './db/schema.js';
import { createDeclarationsLoaders } from './loaders.js';
import { resolvers } from './resolvers.js';
import { DeclarationsRules, type DeclarationSettings } from './rules.js';
import { DeclarationsStore } from './store.js';

export interface DeclarationsSubgraphOptions {
  database: Database<typeof schema>;
  access: AccessRecorder;
  /** The premises links' key and public URL, and the rate limits. */
  settings: DeclarationSettings;
}

/**
 * The declarations subgraph: collection at the source. Landlords, employers
 * and residents declare tenants, workers and themselves through signed
 * premises links; the owning department confirms each into its own records
 * through its own rules, or rejects it with a reason.
 */
export function createDeclarationsSubgraph(options: DeclarationsSubgraphOptions): SubgraphModule<DeclarationsContext> {
  const store = new DeclarationsStore(options.database.db);
  const rules = new DeclarationsRules(store, options.settings);
  return {
    name: 'declarations',
    typeDefs: loadTypeDefs(new URL('./schema.graphql', import.meta.url)),
    resolvers,
    createContext: (meta, checks) => {
      const scope = rules.scopeOf(meta.principal);
      return { meta, access: options.access, checks, store, rules, loaders: createDeclarationsLoaders(store, scope), scope };
    },
    ready: () => store.ping(),
  };
}

export { schema as declarationsSchema };
