import type { AuditEvent, ChainProblem } from './api.js';

/**
 * What each GraphQL type is before its fields resolve: the events as the
 * store reads them and the problems as the verifier reports them. `npm run
 * codegen` maps a type `X` to `XMapper`, so the generated resolver types know
 * each parent. The verification, the activity summary and the checkpoints
 * have none: resolvers build them to the SDL's own types.
 */

export type AuditEventMapper = AuditEvent;
export type ChainProblemMapper = ChainProblem;
