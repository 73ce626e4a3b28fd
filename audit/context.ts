import type DataLoader from 'dataloader';
import type { JurisdictionFilter } from '../auth/jurisdiction.js';
import type { AnomalyFlags } from './anomalies/flags.js';
import type { AnomalySettings } from './anomalies/rules.js';
import type { SubgraphContext } from '../auth/subgraph.js';
import type { AuditDatabase } from './database.js';
import type { AnomalyReviewRow } from './db/schema.js';
import type { AuditRules } from './rules.js';
import type { AuditStore } from './store.js';
import type { EvidenceSources } from './verification.js';
import type { AuditViewsRequest } from './views/service.js';

/**
 * What audit resolvers are handed per request. A file of its own, so the
 * resolvers and the generated types never import the module that builds them.
 * Its `access` is where the audit subgraph records its own reads like any
 * other: auditors are audited.
 */
export interface AuditContext extends SubgraphContext {
  /**
   * What of the log the auditor is shown: null for an unconfined one; for one
   * confined to grids or districts, only accesses placed wholly inside them.
   */
  scope: JurisdictionFilter | null;
  store: AuditStore;
  rules: AuditRules;
  /** The verifier walks the store itself. */
  database: AuditDatabase;
  /** What the verifier holds the store to: the hub's checkpoints, its partners' receipts, its archives. */
  evidence: EvidenceSources;
  /** The anomaly detector's flags and the settings its rules run with (audit/anomalies/). */
  anomalies: {
    flags: AnomalyFlags;
    settings: AnomalySettings;
    /** The reviews of the flags of this request, loaded in one statement. */
    reviews: DataLoader<string, AnomalyReviewRow[]>;
  };
  /** The audit views (audit/views/), as this request sees them. */
  views: AuditViewsRequest;
}
