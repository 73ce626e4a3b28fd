import type { AccessRecorder } from '../auth/access.js';
import { jurisdictionFilter } from '../auth/jurisdiction.js';
import type { SubgraphModule } from '../auth/subgraph.js';
import { loadTypeDefs } from '../platform/subgraph.js';
import type { ExchangeContext } from './context.js';
import type { ExchangeDatabase } from './database.js';
import { createExchangeLoaders } from './loaders.js';
import { PartnerRegistry } from './registry.js';
import { resolvers } from './resolvers.js';
import { ExchangeRules } from './rules.js';
import type { CityIdentity } from './signing.js';
import { ExchangeStore } from './store.js';

export interface ExchangeSubgraphOptions {
  database: ExchangeDatabase;
  identity: CityIdentity;
  access: AccessRecorder;
  /** Plain-http partner inboxes (cities on one machine); production requires https. */
  allowPlainHttp: boolean;
}

/** The exchange subgraph: partner cities, the notices they sent us, and the exchange log. */
export function createExchangeSubgraph(options: ExchangeSubgraphOptions): SubgraphModule<ExchangeContext> {
  const store = new ExchangeStore(options.database.db);
  const rules = new ExchangeRules();
  const registry = new PartnerRegistry(store, { cityCode: options.identity.code, allowPlainHttp: options.allowPlainHttp });
  return {
    name: 'exchange',
    typeDefs: loadTypeDefs(new URL('./schema.graphql', import.meta.url)),
    resolvers,
    createContext: (meta, checks) => ({
      meta,
      checks,
      access: options.access,
      store,
      rules,
      loaders: createExchangeLoaders(store),
      jurisdiction: jurisdictionFilter(meta.principal),
      registry,
      identity: options.identity,
    }),
    ready: () => store.ping(),
  };
}
