import type { AccessRecorder } from '../auth/access.js';
import { jurisdictionFilter } from '../auth/jurisdiction.js';
import type { SubgraphModule } from '../auth/subgraph.js';
import { loadTypeDefs } from '../platform/subgraph.js';
import type { AuditContext } from './context.js';
import type { AuditDatabase } from './database.js';
import { resolvers } from './resolvers.js';
import { AuditRules } from './rules.js';
import { AuditStore } from './store.js';
import type { EvidenceSources } from './verification.js';
import { noWitnessLog } from './witnesses.js';

export interface AuditSubgraphOptions {
  database: AuditDatabase;
  access: AccessRecorder;
  /**
   * The checkpoint folder's evidence, as `npm run audit:verify` reads it;
   * without it (or without its public key) chains are held only to themselves.
   */
  evidence?: EvidenceSources;
}

const NO_EVIDENCE: EvidenceSources = { checkpointFile: '', witnessFile: '', readWitnessLog: noWitnessLog, archiveDir: '', publicKey: null };

/** The audit subgraph: the access log, for auditors. */
export function createAuditSubgraph(options: AuditSubgraphOptions): SubgraphModule<AuditContext> {
  const store = new AuditStore(options.database);
  const rules = new AuditRules();
  return {
    name: 'audit',
    typeDefs: loadTypeDefs(new URL('./schema.graphql', import.meta.url)),
    resolvers,
    createContext: (meta, checks) => ({
      meta,
      checks,
      scope: jurisdictionFilter(meta.principal),
      store,
      rules,
      access: options.access,
      database: options.database,
      evidence: options.evidence ?? NO_EVIDENCE,
    }),
    ready: () => store.ping(),
  };
}
