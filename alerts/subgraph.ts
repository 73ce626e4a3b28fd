import type { AccessRecorder } from '../auth/access.js';
import type { SubgraphModule } from '../auth/subgraph.js';
import { loadTypeDefs } from '../platform/subgraph.js';
import type { AlertsContext } from './context.js';
import type { AlertsDatabase } from './database.js';
import { AlertsRules } from './inbox-rules.js';
import { createAlertsLoaders } from './loaders.js';
import { resolvers } from './resolvers.js';
import { AlertsStore } from './store.js';

export interface AlertsSubgraphOptions {
  database: AlertsDatabase;
  access: AccessRecorder;
  /** In production, webhooks must be https to public addresses (alerts/webhook-url.ts). */
  production: boolean;
}

/** The alerts subgraph: the officers' inbox of alerts raised by the alert rules, and their departments' webhooks. */
export function createAlertsSubgraph(options: AlertsSubgraphOptions): SubgraphModule<AlertsContext> {
  const store = new AlertsStore(options.database.db);
  const rules = new AlertsRules(store, { production: options.production });
  return {
    name: 'alerts',
    typeDefs: loadTypeDefs(new URL('./schema.graphql', import.meta.url)),
    resolvers,
    createContext: (meta, checks) => {
      const reader = rules.reader(meta);
      return { meta, checks, access: options.access, store, rules, reader, loaders: createAlertsLoaders(store, reader) };
    },
    ready: () => store.ping(),
  };
}
