import type { AccessRecorder } from '../auth/access.js';
import { jurisdictionFilter } from '../auth/jurisdiction.js';
import type { SubgraphModule } from '../auth/subgraph.js';
import DataLoader from 'dataloader';
import { loadTypeDefs } from '../platform/subgraph.js';
import { AnomalyFlags } from './anomalies/flags.js';
import { DEFAULT_ANOMALY_SETTINGS, type AnomalySettings } from './anomalies/rules.js';
import type { AuditContext } from './context.js';
import type { AuditDatabase } from './database.js';
import { resolvers } from './resolvers.js';
import { AuditRules } from './rules.js';
import { AuditStore } from './store.js';
import type { EvidenceSources } from './verification.js';
import { noWitnessLog } from './witnesses.js';
import type { ExportSigningKey } from './export.js';
import { AuditViews } from './views/service.js';

export interface AuditSubgraphOptions {
  database: AuditDatabase;
  access: AccessRecorder;
  /**
   * The checkpoint folder's evidence, as `npm run audit:verify` reads it;
   * without it (or without its public key) chains are held only to themselves.
   */
  evidence?: EvidenceSources;
  /** The settings the anomaly rules run with, as anomalyRules reports them; the documented defaults otherwise. */
  anomalySettings?: AnomalySettings;
  /** Where the case register and the record of verifications are written: the audit store as its writers reach it. Without it both are refused. */
  writerDatabase?: AuditDatabase;
  /** The key the audit views sign exports with; without it exports are refused. */
  exportKey?: () => Promise<ExportSigningKey>;
}

const NO_EVIDENCE: EvidenceSources = { checkpointFile: '', witnessFile: '', readWitnessLog: noWitnessLog, archiveDir: '', publicKey: null };

/** The audit subgraph: the access log, for auditors. */
export function createAuditSubgraph(options: AuditSubgraphOptions): SubgraphModule<AuditContext> {
  const store = new AuditStore(options.database);
  const rules = new AuditRules();
  const flags = new AnomalyFlags(options.database);
  const anomalySettings = options.anomalySettings ?? DEFAULT_ANOMALY_SETTINGS;
  const views = new AuditViews({ reader: options.database, writer: options.writerDatabase ?? null, ...(options.exportKey ? { exportKey: options.exportKey } : {}) });
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
      anomalies: { flags, settings: anomalySettings, reviews: new DataLoader((ids: readonly string[]) => flags.reviewsOf(ids)) },
      views: views.forRequest(),
    }),
    ready: () => store.ping(),
  };
}
