import path from 'node:path';
import type { GraphQLResolveInfo } from 'graphql';
import { requireUnconfined } from '../auth/jurisdiction.js';
import { selectedFields, selectedFieldsAt } from '../platform/selection.js';
import { connectionFromRows } from '../platform/connection.js';
import { DateTimeScalar, type EveryFieldServed, type FieldsUnserved } from '../platform/subgraph.js';
import type { AuditEvent } from './api.js';
import type { AuditContext } from './context.js';
import type { RequestOutcome, Resolvers, ResolversParentTypes } from './generated/resolvers.js';
import { toAuditEvent } from './read.js';
import { eventKey, type EventPage } from './rules.js';
import type { EventFilter } from './store.js';
import { verifyHeldToEvidence } from './verification.js';
import { flagFilter, flagId, flagKey, flagPage, reviewRequest } from './anomalies/flags.js';
import { ANOMALY_RULE_BY_ID, ANOMALY_RULES, ANOMALY_SETTINGS, flagSummary, settingValue, type AnomalyRule } from './anomalies/rules.js';
import type { AnomalyFlagRow } from './db/schema.js';
import { viewResolvers } from './views/resolvers.js';

const NODE = ['edges', 'node'] as const;

export const auditEventId = (event: Pick<AuditEvent, 'writerId' | 'seq'>) => `${event.writerId}/${event.seq}`;

/**
 * A page of events, newest first, of those the auditor is shown (a confined
 * auditor: only accesses placed wholly inside its jurisdiction, so a
 * resident outside has the same empty history as an unknown one). Reading
 * the log is itself an access and is recorded before the page leaves: the
 * events served, and — when the question named a record, such as a resident —
 * that record, so an auditor's look at a resident shows up in the resident's
 * own history.
 */
async function servedEvents(ctx: AuditContext, info: GraphQLResolveInfo, filter: EventFilter, page: EventPage) {
  const connection = connectionFromRows((await ctx.store.listEvents(filter, page, ctx.scope)).map(toAuditEvent), page, eventKey);
  await Promise.all([
    ctx.access.record(ctx.meta, { type: 'AuditEvent', ids: connection.edges.map((e) => auditEventId(e.node)), fields: selectedFieldsAt(info, NODE) }),
    filter.recordId !== undefined
      ? ctx.access.record(ctx.meta, { type: 'Query', ids: [filter.recordId], fields: [info.fieldName] })
      : undefined,
  ]);
  return connection;
}

/** The log's lower-case words as the SDL's enum values spell them. */
const upper = <T extends string>(value: T): Uppercase<T> => value.toUpperCase() as Uppercase<T>;

/** The outcomes a request event is written with; the column is plain text, so anything else is not a value the log wrote. */
const OUTCOMES: ReadonlyMap<string, RequestOutcome> = new Map([
  ['ok', 'OK'],
  ['partial', 'PARTIAL'],
  ['error', 'ERROR'],
]);

function requestOutcome(outcome: string): RequestOutcome {
  const value = OUTCOMES.get(outcome);
  if (value === undefined) throw new Error('an audit event holds an outcome the log never writes');
  return value;
}

// ─── Anomaly flags (audit/anomalies/) ───────────────────────────────────────────────────────────

/** A flag's rule; the table holds every rule a flag is raised by. */
function ruleOf(flag: AnomalyFlagRow): AnomalyRule {
  const rule = ANOMALY_RULE_BY_ID.get(flag.rule);
  if (!rule) throw new Error('an anomaly flag names a rule the table does not hold');
  return rule;
}

const anomalyResolvers = {
  Query: {
    anomalyFlags: async (_, args, ctx, info) => {
      const filter = flagFilter(args.filter);
      const page = flagPage(args);
      const [rows, totalCount] = await Promise.all([ctx.anomalies.flags.list(filter, page, ctx.scope), ctx.anomalies.flags.count(filter, ctx.scope)]);
      const connection = connectionFromRows(rows, page, flagKey);
      // Flags are read from the log like its events: the read is recorded before the page leaves.
      await ctx.access.record(ctx.meta, { type: 'AnomalyFlag', ids: connection.edges.map((e) => e.node.id), fields: selectedFieldsAt(info, NODE) });
      return { ...connection, totalCount };
    },
    anomalyFlag: async (_, args, ctx, info) => {
      const flag = await ctx.anomalies.flags.byId(flagId(args.id), ctx.scope);
      if (flag) await ctx.access.record(ctx.meta, { type: 'AnomalyFlag', ids: [flag.id], fields: selectedFields(info) });
      return flag;
    },
    anomalyRules: () => [...ANOMALY_RULES],
  },
  Mutation: {
    reviewAnomalyFlag: async (_, args, ctx, info) => {
      const flag = await ctx.anomalies.flags.review(reviewRequest(args.input), ctx.meta, ctx.access, ctx.scope);
      ctx.anomalies.reviews.clear(flag.id);
      await ctx.access.record(ctx.meta, { type: 'AnomalyFlag', ids: [flag.id], fields: selectedFieldsAt(info, ['flag']) });
      return { flag };
    },
  },
  AnomalyFlag: {
    title: (flag) => ruleOf(flag).title,
    titleZh: (flag) => ruleOf(flag).titleZh,
    summary: (flag, _, ctx) => flagSummary(flag, ctx.anomalies.settings),
    status: (flag) => upper(flag.status),
    measures: (flag) =>
      ruleOf(flag)
        .measures.filter((measure) => Object.hasOwn(flag.measures, measure.name))
        .map((measure) => ({ name: measure.name, meaning: measure.meaning, value: flag.measures[measure.name] ?? 0 })),
    exampleRecordIds: (flag) => flag.exampleRecords,
    exampleRequestIds: (flag) => flag.exampleRequests,
    reviews: (flag, _, ctx) => ctx.anomalies.reviews.load(flag.id),
  },
  AnomalyReview: {
    verdict: (review) => upper(review.verdict),
  },
  AnomalyRule: {
    measures: (rule) => [...rule.measures],
    settings: (rule, _, ctx) =>
      rule.settings.map((variable) => ({ variable, value: settingValue(ctx.anomalies.settings, variable), default: ANOMALY_SETTINGS[variable].default, meaning: ANOMALY_SETTINGS[variable].meaning })),
  },
} satisfies Resolvers;
// ─── end of anomaly flags ───────────────────────────────────────────────────────────────────────

export const resolvers = {
  // The audit views (audit/views/): their own types, and their fields of Query, Mutation and AuditEvent below.
  ...viewResolvers,
  DateTime: DateTimeScalar,
  Query: {
    ...viewResolvers.Query,
    auditEvents: (_, args, ctx, info) => servedEvents(ctx, info, ctx.rules.eventFilter(args.filter), ctx.rules.page(args)),
    residentAccessHistory: (_, args, ctx, info) => servedEvents(ctx, info, { recordId: ctx.rules.personId(args.personId) }, ctx.rules.page(args)),
    principalActivity: async (_, args, ctx, info) => {
      const { subject, from, to } = ctx.rules.period(args);
      const summary = await ctx.store.principalActivity(subject, from, to, ctx.scope);
      await ctx.access.record(ctx.meta, { type: 'PrincipalActivity', ids: [subject], fields: selectedFields(info) });
      return { subject, from: from.toISOString(), to: to.toISOString(), ...summary };
    },
    auditVerification: async (_, args, ctx, info) => {
      // Every chain interleaves every district's events: no verification can be narrowed to one district.
      requireUnconfined(ctx.meta.principal, 'the audit log is verified');
      const writerId = ctx.rules.writerId(args.writerId);
      const verifiedAt = new Date().toISOString();
      // The evidence's files are named without the folder they are in: where the hub keeps them is not the caller's to know.
      const held = await verifyHeldToEvidence(ctx.database, ctx.evidence, { writerId, name: (file) => path.basename(file) });
      await ctx.access.record(ctx.meta, { type: 'AuditVerification', ids: writerId ? [writerId] : [], fields: selectedFields(info) });
      const { report, latest } = held;
      await ctx.views.views.recordVerification({
        verifiedAt: new Date(verifiedAt),
        ok: held.ok,
        chains: report.chains,
        events: report.events,
        problems: report.problems.length,
        evidenceProblems: held.evidenceProblems.length,
        durationMs: report.ms,
        checkpointSeq: latest?.checkpoint.seq ?? null,
        writerId: writerId ?? null,
        ranBy: ctx.meta.principal?.subject ?? 'unknown',
      });
      return {
        ok: held.ok,
        chains: report.chains,
        events: report.events,
        problems: report.problems,
        verifiedAt,
        durationMs: report.ms,
        checkpoint: latest ? { seq: latest.checkpoint.seq, at: latest.checkpoint.at, hash: latest.hash, chainHeads: latest.checkpoint.heads.length } : null,
        witnesses: held.latestWitnesses.map((w) => ({ city: w.partner, keyFingerprint: w.partnerFingerprint, checkpointSeq: w.line.checkpoint.seq, checkpointHash: w.line.hash })),
        archivedMonths: (held.archives?.archives ?? []).map((a) => a.archive.month),
        evidenceProblems: held.evidenceProblems,
      };
    },
    ...anomalyResolvers.Query,
  },
  Mutation: { ...viewResolvers.Mutation, ...anomalyResolvers.Mutation },
  AnomalyFlag: anomalyResolvers.AnomalyFlag,
  AnomalyReview: anomalyResolvers.AnomalyReview,
  AnomalyRule: anomalyResolvers.AnomalyRule,
  AuditEvent: {
    ...viewResolvers.AuditEvent,
    id: (e) => auditEventId(e),
    seq: (e) => String(e.seq),
    kind: (e) => upper(e.kind),
    outcome: (e) => (e.outcome === null ? null : requestOutcome(e.outcome)),
    fields: (e) =>
      Object.entries(e.fields)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([field, decision]) => ({ field, decision: upper(decision) })),
  },
  ChainProblem: {
    seq: (p) => String(p.seq),
    problem: (p) => upper(p.problem),
  },
} satisfies Resolvers;

// Fields without a resolver are read from the event by name: they too must be what the SDL says.
export type Served = EveryFieldServed<FieldsUnserved<Resolvers, ResolversParentTypes, typeof resolvers>>;
