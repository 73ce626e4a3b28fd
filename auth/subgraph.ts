import type { BaseContext } from '@apollo/server';
import type { DocumentNode } from 'graphql';
import type { SubgraphResolvers } from '../platform/subgraph.js';
import type { AccessRecorder } from './access.js';
import type { RequestMeta } from './principal.js';
import type { ReferenceChecks } from './reference-checks.js';

/**
 * What every subgraph's context carries: the verified request, and where the
 * policy's wrapper records what is served (auth/recording.ts) and refused.
 */
export interface SubgraphContext extends BaseContext {
  meta: RequestMeta;
  access: AccessRecorder;
  /** Asks other departments, through the hub and as this request's caller, whether what a write names exists. */
  checks: ReferenceChecks;
}

/**
 * What each subgraph folder exports: its SDL, resolvers and per-request
 * context, made from the request the gateway's internal token states. The
 * server that guards it (subgraphs/server.ts) verifies that token and wraps
 * the schema with the policy before any resolver runs.
 */
export interface SubgraphModule<TContext extends BaseContext> {
  name: string;
  typeDefs: DocumentNode;
  resolvers: SubgraphResolvers;
  createContext(meta: RequestMeta, checks: ReferenceChecks): TContext;
  /** True when the subgraph's database answers. */
  ready(): Promise<boolean>;
}
