import { readFileSync } from 'node:fs';
import { ApolloServer, type BaseContext } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap as ApolloResolverMap } from '@apollo/subgraph/dist/schema-helper/resolverMap.js';
import { GraphQLError, GraphQLScalarType, Kind, parse, type DocumentNode, type GraphQLResolveInfo } from 'graphql';
import { requestMetaFromHeaders, type RequestMeta } from '../auth/principal.js';
import { createErrorFormatter } from './errors.js';
import { startApollo, type RunningServer } from './http.js';
import { isIsoDate } from './input.js';
import type { Logger } from './logger.js';
import { fromRoot } from './paths.js';

/* eslint-disable @typescript-eslint/no-explicit-any -- resolver parents and args are shaped by the SDL */
type FieldResolver<C> = (parent: any, args: any, ctx: C, info: GraphQLResolveInfo) => unknown;
type ReferenceResolver<C> = (reference: any, ctx: C, info: GraphQLResolveInfo) => unknown;

/** Resolvers per type; `__resolveReference` takes (reference, context, info) as federation calls it. */
export type GraphQLResolverMap<C> = Record<string, GraphQLScalarType | Record<string, FieldResolver<C> | ReferenceResolver<C>>>;

/** What each subgraph folder exports: its SDL, resolvers and per-request context. */
export interface SubgraphModule<TContext extends BaseContext> {
  name: string;
  typeDefs: DocumentNode;
  resolvers: GraphQLResolverMap<TContext>;
  createContext(meta: RequestMeta): TContext;
  /** True when the subgraph's database answers. */
  ready(): Promise<boolean>;
}

export function loadTypeDefs(subgraph: string): DocumentNode {
  return parse(readFileSync(fromRoot('subgraphs', subgraph, 'schema.graphql'), 'utf8'));
}

/** The `Date` scalar every subgraph shares: a real calendar date, YYYY-MM-DD. */
export const DateScalar = new GraphQLScalarType<string, string>({
  name: 'Date',
  description: 'A calendar date written YYYY-MM-DD.',
  serialize(value) {
    if (typeof value === 'string' && isIsoDate(value)) return value;
    if (value instanceof Date && !Number.isNaN(value.getTime())) return value.toISOString().slice(0, 10);
    throw new GraphQLError('Date cannot represent this value');
  },
  parseValue(value) {
    if (typeof value === 'string' && isIsoDate(value)) return value;
    throw new GraphQLError('must be a real date written YYYY-MM-DD', { extensions: { code: 'BAD_USER_INPUT' } });
  },
  parseLiteral(ast) {
    if (ast.kind === Kind.STRING && isIsoDate(ast.value)) return ast.value;
    throw new GraphQLError('must be a real date written YYYY-MM-DD', { extensions: { code: 'BAD_USER_INPUT' } });
  },
});

export function buildSubgraphServer<TContext extends BaseContext>(module: SubgraphModule<TContext>, logger: Logger): ApolloServer<TContext> {
  return new ApolloServer<TContext>({
    schema: buildSubgraphSchema({ typeDefs: module.typeDefs, resolvers: module.resolvers as ApolloResolverMap<unknown> }),
    formatError: createErrorFormatter(logger),
    includeStacktraceInErrorResponses: false,
    // The hub's entry points own shutdown: drain HTTP first, then stop, then close databases.
    stopOnTerminationSignals: false,
    // Resolver timings are for the operator's tracing, not for whoever asks for them.
    plugins: [ApolloServerPluginInlineTraceDisabled()],
    logger,
  });
}

export async function startSubgraph<TContext extends BaseContext>(
  module: SubgraphModule<TContext>,
  options: { host: string; port: number; logger: Logger },
): Promise<RunningServer & { server: ApolloServer<TContext> }> {
  const logger = options.logger.child({ subgraph: module.name });
  const server = buildSubgraphServer(module, logger);
  return startApollo({
    server,
    host: options.host,
    port: options.port,
    logger,
    context: async (request, requestId) => module.createContext(requestMetaFromHeaders(request.headers, requestId)),
    ready: () => module.ready(),
  });
}
