import type { RequestMeta } from '../../auth/principal.js';
import type { AuditDatabase } from '../../audit/database.js';
import type { AccessRecorder } from '../../platform/access.js';
import { loadTypeDefs, type SubgraphModule } from '../../platform/subgraph.js';
import { resolvers } from './resolvers.js';
import { AuditRules } from './rules.js';
import { AuditStore } from './store.js';

export interface AuditContext {
  meta: RequestMeta;
  store: AuditStore;
  rules: AuditRules;
  /** The audit subgraph records its own accesses like any other: auditors are audited. */
  access: AccessRecorder;
  /** The verifier walks the store itself. */
  database: AuditDatabase;
}

export interface AuditSubgraphOptions {
  database: AuditDatabase;
  access: AccessRecorder;
}

/** The audit subgraph: the access log, for auditors. */
export function createAuditSubgraph(options: AuditSubgraphOptions): SubgraphModule<AuditContext> {
  const store = new AuditStore(options.database);
  const rules = new AuditRules();
  return {
    name: 'audit',
    typeDefs: loadTypeDefs('audit'),
    resolvers,
    createContext: (meta) => ({ meta, store, rules, access: options.access, database: options.database }),
    ready: () => store.ping(),
  };
}
