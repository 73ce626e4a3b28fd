import DataLoader from 'dataloader';
import { createLogger, type Logger } from '../../platform/logger.js';
import type { AuditDatabase } from '../database.js';
import type { CaseDisclosureRow } from '../db/schema.js';
import type { ExportSigningKey } from '../export.js';
import { ViewStore, type NewVerificationRun } from './store.js';

/**
 * The audit views as one audit subgraph process holds them: the store of
 * their SQL, the export key when the hub gives one, where failures are
 * logged. Each request gets a view of its own (forRequest): one instant
 * `now` for everything it answers, and a batch loader of case settings.
 */

export interface AuditViewsOptions {
  /** What the views read through: the audit subgraph's reader. */
  reader: AuditDatabase;
  /** What the case register and the verifications are written through (the audit store's writer role); null where none was given. */
  writer: AuditDatabase | null;
  /** The key exports are signed with, made or read when first needed; without it exports are refused. */
  exportKey?: () => Promise<ExportSigningKey>;
  logger?: Logger;
}

export interface AuditViewsRequest {
  views: AuditViews;
  /** The instant the request is answered at: what is withheld is decided once per request. */
  now: Date;
  /** The latest setting of each case, batched over one request. */
  disclosures: DataLoader<string, CaseDisclosureRow | null>;
}

export class AuditViews {
  readonly store: ViewStore;
  readonly logger: Logger;
  private exportKeyPromise: Promise<ExportSigningKey | null> | null = null;

  constructor(private readonly options: AuditViewsOptions) {
    this.store = new ViewStore(options.reader, options.writer);
    this.logger = options.logger ?? createLogger('audit-views');
  }

  forRequest(): AuditViewsRequest {
    return {
      views: this,
      now: new Date(),
      disclosures: new DataLoader(async (caseIds: readonly string[]) => {
        const found = new Map((await this.store.disclosures(caseIds)).map((row) => [row.caseId, row]));
        return caseIds.map((id) => found.get(id) ?? null);
      }),
    };
  }

  /** The export key, or null when the hub has none it can read (said once in the log); read once per process. */
  async exportKey(): Promise<ExportSigningKey | null> {
    const read = this.options.exportKey;
    if (!read) return null;
    this.exportKeyPromise ??= read().catch((error: unknown) => {
      this.logger.error({ err: error }, 'the audit export key cannot be read: exports of the access log are refused');
      return null;
    });
    return this.exportKeyPromise;
  }

  /** Records a verification as it ended; one that cannot be recorded is logged, not lost silently, and the verification is still answered. */
  async recordVerification(run: NewVerificationRun): Promise<void> {
    if (!this.options.writer) return;
    try {
      await this.store.recordVerification(run);
    } catch (error) {
      this.logger.error({ err: error }, 'a verification of the audit chains could not be recorded');
    }
  }
}
