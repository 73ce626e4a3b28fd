import type { AuditEvent, ChainProblem } from './api.js';
import type { AnomalyRule } from './anomalies/rules.js';
import type { AnomalyFlagRow, AnomalyReviewRow } from './db/schema.js';
import type { overviewSeries } from './views/summaries.js';

/**
 * What each GraphQL type is before its fields resolve: the events as the
 * store reads them and the problems as the verifier reports them. `npm run
 * codegen` maps a type `X` to `XMapper`, so the generated resolver types know
 * each parent. The verification, the activity summary and the checkpoints
 * have none: resolvers build them to the SDL's own types.
 */

export type AuditEventMapper = AuditEvent;
export type ChainProblemMapper = ChainProblem;

// Anomaly flags (audit/anomalies/): flags and reviews as stored, rules as their table declares them.
export type AnomalyFlagMapper = AnomalyFlagRow;
export type AnomalyReviewMapper = AnomalyReviewRow;
export type AnomalyRuleMapper = AnomalyRule;
// Audit views (audit/views/): the overview before its lazily resolved parts (what residents' reports withhold, integrity).
export type AuditOverviewMapper = { from: string; to: string; days: string[] } & ReturnType<typeof overviewSeries>;
