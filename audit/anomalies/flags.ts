import { and, asc, desc, eq, gt, inArray, lt, or, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { AccessRecorder } from '../../auth/access.js';
import type { JurisdictionFilter } from '../../auth/jurisdiction.js';
import type { RequestMeta } from '../../auth/principal.js';
import { readPage, type Page, type PageArgs } from '../../platform/connection.js';
import { badUserInput, notFound } from '../../platform/errors.js';
import { parseInput, zMultilineString } from '../../platform/input.js';
import { parseInstant } from '../../platform/subgraph.js';
import { canonicalJson, sha256Hex } from '../chain.js';
import type { AuditDatabase } from '../database.js';
import { anomalyFlags, anomalyReviews, type AnomalyFlagRow, type AnomalyReviewRow } from '../db/schema.js';
import { visibleTo } from '../store.js';
import { ANOMALY_RULE_BY_ID, ANOMALY_RULE_IDS } from './rules.js';

/**
 * The flags as auditors read and review them: the list with its filter and
 * pages, one flag, its reviews, and the review itself. Every read is narrowed
 * to what the auditor's jurisdiction shows (as auditEvents is), and a review
 * is recorded in the access log before it is kept.
 */

export type FlagStatus = AnomalyFlagRow['status'];
export type Verdict = AnomalyReviewRow['verdict'];

export interface FlagFilter {
  rule?: string;
  status?: FlagStatus;
  department?: string;
  subject?: string;
  from?: Date;
  to?: Date;
}

const zKey = (max: number) => z.string().trim().min(1, 'must not be empty').max(max, `must be at most ${max} characters`);
const INSTANT = 'must be an ISO 8601 instant with a time zone, e.g. 2026-03-01T08:00:00Z';
const zInstant = z.string().transform((value, ctx) => {
  const date = parseInstant(value);
  if (!date) ctx.addIssue({ code: 'custom', message: INSTANT });
  return date ?? new Date(0);
});
const STATUS = ['OPEN', 'JUSTIFIED', 'QUESTIONED', 'ESCALATED'] as const;
const VERDICTS = ['JUSTIFIED', 'QUESTIONED', 'ESCALATED'] as const;

const FilterInput = z
  .object({
    rule: z
      .string()
      .nullish()
      .refine((rule) => rule == null || ANOMALY_RULE_BY_ID.has(rule), { message: `must be one of the anomaly rules: ${ANOMALY_RULE_IDS.join(', ')}` }),
    status: z.enum(STATUS).nullish(),
    department: zKey(64).nullish(),
    subject: zKey(256).nullish(),
    from: zInstant.nullish(),
    to: zInstant.nullish(),
  })
  .refine((f) => f.from == null || f.to == null || f.from < f.to, { message: 'must be after filter.from', path: ['to'] });

/** A note says why in words: one line or several, no control or bidi characters. */
export const MAX_NOTE = 2_000;
const ReviewInput = z
  .object({
    id: z.uuid('must be the id of a flag'),
    verdict: z.enum(VERDICTS),
    note: zMultilineString
      .trim()
      .max(MAX_NOTE, `must be at most ${MAX_NOTE} characters`)
      .nullish()
      .transform((note) => (note === '' ? null : (note ?? null))),
  })
  .refine((r) => r.verdict !== 'QUESTIONED' || r.note !== null, {
    message: "is required to question a flag: it is what the flagged officer's department is asked",
    path: ['note'],
  });

const defined = <T>(value: T | null | undefined): T | undefined => (value === null ? undefined : value);

export function flagFilter(input: unknown): FlagFilter {
  const f = parseInput(FilterInput, input ?? {}, 'filter');
  return {
    rule: defined(f.rule),
    status: f.status ? (f.status.toLowerCase() as FlagStatus) : undefined,
    department: defined(f.department),
    subject: defined(f.subject),
    from: defined(f.from),
    to: defined(f.to),
  };
}

/** `<windowStart>|<id>`: the two columns the newest-window-first order sorts by. */
export const flagKey = (flag: Pick<AnomalyFlagRow, 'windowStart' | 'id'>): string => `${new Date(flag.windowStart).toISOString()}|${flag.id}`;

export type FlagPage = Page & { after: { windowStart: Date; id: string } | null };

export function flagPage(args: PageArgs): FlagPage {
  const page = readPage(args);
  if (page.afterKey === null) return { ...page, after: null };
  const [, instant, id] = /^([^|]+)\|([0-9a-f-]{36})$/.exec(page.afterKey) ?? [];
  const windowStart = parseInstant(instant);
  if (!windowStart || id === undefined) throw badUserInput('after', 'is not a cursor this list issued');
  return { ...page, after: { windowStart, id } };
}

export function flagId(value: unknown): string {
  return parseInput(z.uuid('must be the id of a flag'), value, 'id');
}

export interface ReviewRequest {
  id: string;
  verdict: Verdict;
  note: string | null;
}

export function reviewRequest(input: unknown): ReviewRequest {
  const r = parseInput(ReviewInput, input, 'input');
  return { id: r.id, verdict: r.verdict.toLowerCase() as Verdict, note: r.note };
}

/**
 * What a review's id is: the digest of everything it says, so the access
 * log's review event, which names it, vouches for the row — a review changed
 * afterwards no longer hashes to the id the chain holds.
 */
export function reviewDigest(review: Omit<AnomalyReviewRow, 'id' | 'reviewedAt' | 'observedAtReview'> & { reviewedAt: Date; observedAtReview: number }): string {
  return sha256Hex(
    canonicalJson({
      flagId: review.flagId,
      verdict: review.verdict,
      note: review.note,
      addressedTo: review.addressedTo,
      reviewer: review.reviewer,
      reviewerDepartment: review.reviewerDepartment,
      requestId: review.requestId,
      observedAtReview: review.observedAtReview,
      reviewedAt: review.reviewedAt.toISOString(),
    }),
  );
}

export class AnomalyFlags {
  constructor(private readonly database: AuditDatabase) {}

  private conditions(filter: FlagFilter, scope: JurisdictionFilter | null): (SQL | undefined)[] {
    return [
      visibleTo(scope, anomalyFlags.places),
      filter.rule !== undefined ? eq(anomalyFlags.rule, filter.rule) : undefined,
      filter.status !== undefined ? eq(anomalyFlags.status, filter.status) : undefined,
      filter.department !== undefined ? eq(anomalyFlags.department, filter.department) : undefined,
      filter.subject !== undefined ? eq(anomalyFlags.subject, filter.subject) : undefined,
      filter.from !== undefined ? gt(anomalyFlags.windowEnd, filter.from) : undefined,
      filter.to !== undefined ? lt(anomalyFlags.windowStart, filter.to) : undefined,
    ];
  }

  /** Flags newest window first, `size + 1` of them, of those the scope shows. */
  list(filter: FlagFilter, page: FlagPage, scope: JurisdictionFilter | null): Promise<AnomalyFlagRow[]> {
    const after = page.after;
    return this.database.db
      .select()
      .from(anomalyFlags)
      .where(
        and(
          ...this.conditions(filter, scope),
          after
            ? or(lt(anomalyFlags.windowStart, after.windowStart), and(eq(anomalyFlags.windowStart, after.windowStart), lt(anomalyFlags.id, after.id)))
            : undefined,
        ),
      )
      .orderBy(desc(anomalyFlags.windowStart), desc(anomalyFlags.id))
      .limit(page.size + 1);
  }

  async count(filter: FlagFilter, scope: JurisdictionFilter | null): Promise<number> {
    const [row] = await this.database.db
      .select({ n: sql<number>`count(*)::int` })
      .from(anomalyFlags)
      .where(and(...this.conditions(filter, scope)));
    return Number(row?.n ?? 0);
  }

  async byId(id: string, scope: JurisdictionFilter | null): Promise<AnomalyFlagRow | null> {
    const [row] = await this.database.db
      .select()
      .from(anomalyFlags)
      .where(and(eq(anomalyFlags.id, id), visibleTo(scope, anomalyFlags.places)));
    return row ?? null;
  }

  /** The reviews of some flags, oldest first, in one statement. */
  async reviewsOf(flagIds: readonly string[]): Promise<AnomalyReviewRow[][]> {
    const rows = flagIds.length === 0 ? [] : await this.database.db.select().from(anomalyReviews).where(inArray(anomalyReviews.flagId, [...flagIds])).orderBy(asc(anomalyReviews.reviewedAt), asc(anomalyReviews.id));
    return flagIds.map((id) => rows.filter((row) => row.flagId === id));
  }

  /**
   * An auditor's verdict on a flag it is shown. The review is recorded in the
   * access log first, under its digest, and kept only once that record
   * stands: a review the log does not hold is never a flag's status.
   */
  async review(request: ReviewRequest, meta: RequestMeta, access: AccessRecorder, scope: JurisdictionFilter | null): Promise<AnomalyFlagRow> {
    const flag = await this.byId(request.id, scope);
    if (!flag) throw notFound('The anomaly flag');
    const principal = meta.principal;
    if (!principal) throw notFound('The anomaly flag');
    const review = {
      flagId: flag.id,
      verdict: request.verdict,
      note: request.note,
      addressedTo: request.verdict === 'questioned' ? flag.department : null,
      reviewer: principal.subject,
      reviewerDepartment: principal.department,
      requestId: meta.requestId,
      observedAtReview: flag.observed,
      reviewedAt: new Date(),
    };
    const id = reviewDigest(review);
    await access.record(meta, { type: 'AnomalyReview', ids: [flag.id, id], fields: ['verdict', 'note', 'addressedTo'], places: null });
    await this.database.db.transaction(async (tx) => {
      await tx.insert(anomalyReviews).values({ id, ...review });
      await tx.update(anomalyFlags).set({ status: request.verdict }).where(eq(anomalyFlags.id, flag.id));
    });
    return { ...flag, status: request.verdict };
  }
}
