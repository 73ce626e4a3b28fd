import type { Logger } from '../platform/logger.js';
import type { FieldDecision } from './decide.js';
import type { Place } from './jurisdiction.js';
import type { RequestMeta } from './principal.js';

/** One act of reading residents' data: which type, which records, which fields. */
export interface ResidentAccess {
  type: string;
  ids: readonly string[];
  /**
   * The fields asked for, whose decisions the recorder takes from the policy;
   * or the decisions themselves, where they were made before any resolver ran
   * (a field the policy refused outright).
   */
  fields: readonly string[] | Readonly<Record<string, FieldDecision>>;
  /**
   * Where each record served lies, as the serving subgraph's jurisdiction
   * rule places it (auth/recorded-types.ts); null or absent when any record
   * carries no place. Confined auditors are shown only accesses placed
   * wholly inside their jurisdiction.
   */
  places?: readonly Place[] | null;
}

/**
 * The single place a data-owning subgraph reports what it is about to return.
 * Resolvers do not call it: the policy's wrapper (auth/recording.ts) does,
 * for every value of a recorded type, before the value is handed out.
 */
export interface AccessRecorder {
  record(meta: RequestMeta, access: ResidentAccess): Promise<void>;
}

/**
 * Writes accesses to the structured log only. Not tamper-evident and not
 * fail-closed: the hub's processes record to the audit store (audit/writer.ts);
 * this serves tests of a subgraph alone and the benchmark of what the audit
 * store costs.
 */
export class LogAccessRecorder implements AccessRecorder {
  constructor(
    private readonly logger: Logger,
    private readonly subgraph: string,
  ) {}

  async record(meta: RequestMeta, access: ResidentAccess): Promise<void> {
    this.logger.debug(
      {
        subgraph: this.subgraph,
        requestId: meta.requestId,
        purpose: meta.purpose,
        caseId: meta.caseId,
        subject: meta.principal?.subject ?? null,
        type: access.type,
        ids: access.ids.length <= 20 ? access.ids : access.ids.slice(0, 20),
        count: access.ids.length,
        fields: access.fields,
      },
      'resident data access',
    );
  }
}
