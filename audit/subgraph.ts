import { jurisdictionFilter, type JurisdictionFilter } from '../auth/jurisdiction.js';
import type { RequestMeta } from '../auth/principal.js';
import type { AuditDatabase } from './database.js';
import type { EvidenceSources } from './verification.js';
import type { AccessRecorder } from '../platform/access.js';
import { loadTypeDefs, type SubgraphModule } from '../platform/subgraph.js';
import { resolvers } from './resolvers.js';
import { AuditRules } from './rules.js';
import { AuditStore } from './store.js';

export interface AuditContext {
  meta: RequestMeta;
  /**
   * What of the log the auditor is shown: null for an unconfined one; for one
   * confined to grids or districts, only accesses placed wholly inside them.
   */
  scope: JurisdictionFilter | null;
  store: AuditStore;
  rules: AuditRules;
  /** The audit subgraph records its own accesses like any other: auditors are audited. */
  access: AccessRecorder;
  /** The verifier walks the store itself. */
  database: AuditDatabase;
  /** What the verifier holds the store to: the hub's checkpoints, its partners' receipts, its archives. */
  evidence: EvidenceSources;
}

export interface AuditSubgraphOptions {
  database: AuditDatabase;
  access: AccessRecorder;
  /**
   * The checkpoint folder's evidence, as `npm run audit:verify` reads it;
   * without it (or without its public key) chains are held only to themselves.
   */
  evidence?: EvidenceSources;
}

const NO_EVIDENCE: EvidenceSources = { checkpointFile: '', witnessFile: '', archiveDir: '', publicKey: null };

/** The audit subgraph: the access log, for auditors. */
export function createAuditSubgraph(options: AuditSubgraphOptions): SubgraphModule<AuditContext> {
  const store = new AuditStore(options.database);
  const rules = new AuditRules();
  return {
    name: 'audit',
    typeDefs: loadTypeDefs('audit'),
    resolvers,
    createContext: (meta) => ({
      meta,
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
