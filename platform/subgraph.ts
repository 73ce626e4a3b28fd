import { readFileSync } from 'node:fs';
import { ApolloServer, type ApolloServerPlugin, type BaseContext } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { GraphQLError, GraphQLScalarType, Kind, parse, type DocumentNode } from 'graphql';
import { unauthenticated } from '../auth/errors.js';
import { subgraphDocumentLimits, subgraphOperationLimits, type OperationLimits } from './operation-limits.js';
import { HEADER_INTERNAL_TOKEN, InternalTokenRejected, SeenTokenIds, verifyInternalToken } from '../auth/internal-token.js';
import type { VerificationKey } from '../auth/keys.js';
import type { RequestMeta } from '../auth/principal.js';
import type { AccessRecorder } from '../auth/access.js';
import { recordServedValues } from '../auth/recording.js';
import { protectSubgraphSchema } from '../auth/shield.js';
import { createErrorFormatter } from './errors.js';
import { startApollo, type RunningServer } from './http.js';
import { hostileTextPlugin, isIsoDate } from './input.js';
import type { Logger } from './logger.js';
import { SUBGRAPHS, type SubgraphName } from '../subgraphs/registry.js';
import { fromRoot } from './paths.js';

/**
 * What every subgraph's context carries: the verified request, and where the
 * policy's wrapper records what is served (auth/recording.ts) and refused.
 */
export interface SubgraphContext extends BaseContext {
  meta: RequestMeta;
  access: AccessRecorder;
}

/** One module as `buildSubgraphSchema` takes it, read from its public signature. */
type SchemaModule = Exclude<Extract<Parameters<typeof buildSubgraphSchema>[0], readonly unknown[]>[number], DocumentNode>;

/**
 * Resolvers in the form `buildSubgraphSchema` accepts. Each subgraph types
 * its own with the `Resolvers` generated from its SDL, which fit this.
 */
export type SubgraphResolvers = NonNullable<SchemaModule['resolvers']>;

/** What a field resolver answers, once awaited. */
type Answer<F> = F extends (...args: never[]) => infer R ? Awaited<R> : F extends { resolve: (...args: never[]) => infer R } ? Awaited<R> : never;

/**
 * The fields of one type that no written resolver answers and that its parent
 * does not hold under the field's name with a value the SDL allows. A field
 * the parent lacks counts even when nullable: it would always answer null.
 */
type UnservedFields<FieldResolvers, Parent, Written> = {
  [K in keyof FieldResolvers]-?: K extends `__${string}` | keyof Written
    ? never
    : K extends keyof Parent
      ? [Exclude<Parent[K], undefined>] extends [never]
        ? K // a root type's parent holds nothing: its every field needs a resolver
        : Exclude<Parent[K], undefined> extends Answer<NonNullable<FieldResolvers[K]>>
          ? never
          : K
      : K;
}[keyof FieldResolvers];

/**
 * Per object type, the fields nobody serves as the SDL says; empty when all
 * are. The generated `Resolvers` type checks the resolvers written; a field
 * without one is read from its parent by name, which the generator does not
 * check against the mapper, so each subgraph's resolvers.ts asserts this is
 * empty: `type _ = EveryFieldServed<FieldsUnserved<Resolvers, ResolversParentTypes, typeof resolvers>>`.
 */
export type FieldsUnserved<All, Parents, Written> = {
  [T in keyof All & keyof Parents as NonNullable<All[T]> extends GraphQLScalarType
    ? never
    : [UnservedFields<NonNullable<All[T]>, Parents[T], T extends keyof Written ? Written[T] : Record<never, never>>] extends [never]
      ? never
      : T]: UnservedFields<NonNullable<All[T]>, Parents[T], T extends keyof Written ? Written[T] : Record<never, never>>;
};

/** Fails to compile, naming the type and its fields, unless every field of every type is served. */
export type EveryFieldServed<Unserved extends Record<string, never>> = Unserved;

/** What each subgraph folder exports: its SDL, resolvers and per-request context. */
export interface SubgraphModule<TContext extends BaseContext> {
  name: string;
  typeDefs: DocumentNode;
  resolvers: SubgraphResolvers;
  createContext(meta: RequestMeta): TContext;
  /** True when the subgraph's database answers. */
  ready(): Promise<boolean>;
}

/** A subgraph's SDL, from the file its registry entry names (the file composition reads too). */
export function loadTypeDefs(subgraph: SubgraphName): DocumentNode {
  return parse(readFileSync(fromRoot(SUBGRAPHS[subgraph].sdl), 'utf8'));
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
  // A plain error, not a GraphQLError: validation then reports it on the literal's node, which is how the argument it sits in gets named.
  parseLiteral(ast) {
    if (ast.kind === Kind.STRING && isIsoDate(ast.value)) return ast.value;
    throw new TypeError('must be a real date written YYYY-MM-DD');
  },
});

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})$/;

/** Reads an ISO 8601 instant; a time zone is required, so no instant depends on where the server runs. */
export function parseInstant(value: unknown): Date | null {
  if (typeof value !== 'string' || !ISO_INSTANT.test(value)) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

/**
 * The `DateTime` scalar: an instant with its time zone in, UTC out. It takes
 * any string and the rules that read the argument check it: a value the
 * scalar itself refused would fail the subgraph's whole request, which the
 * gateway can only pass on as an internal error, while a rule's refusal is a
 * BAD_USER_INPUT naming the argument.
 */
export const DateTimeScalar = new GraphQLScalarType<string, string>({
  name: 'DateTime',
  description: 'An instant written in ISO 8601 with a time zone; answers are given in UTC.',
  serialize(value) {
    const date = value instanceof Date ? value : typeof value === 'string' ? new Date(value) : null;
    if (date && !Number.isNaN(date.getTime())) return date.toISOString();
    throw new GraphQLError('DateTime cannot represent this value');
  },
  parseValue(value) {
    if (typeof value === 'string') return value;
    throw new GraphQLError('must be a string: an ISO 8601 instant with a time zone', { extensions: { code: 'BAD_USER_INPUT' } });
  },
  parseLiteral(ast) {
    if (ast.kind === Kind.STRING) return ast.value;
    throw new TypeError('must be a string: an ISO 8601 instant with a time zone');
  },
});

/**
 * Builds a subgraph's server. The field-level policy wraps the schema unless
 * `enforcePolicy` is false, which only the protection benchmark does, to
 * measure what the policy costs; no configuration reaches it. Served values
 * of recorded types are recorded either way.
 */
export function buildSubgraphServer<TContext extends BaseContext>(
  module: SubgraphModule<TContext>,
  logger: Logger,
  enforcePolicy = true,
  limits?: SubgraphServeOptions['limits'],
): ApolloServer<TContext> {
  const schema = buildSubgraphSchema({ typeDefs: module.typeDefs, resolvers: module.resolvers });
  return new ApolloServer<TContext>({
    // Recording is not part of what is measured without the policy: it stays on.
    schema: enforcePolicy ? protectSubgraphSchema(schema) : recordServedValues(schema),
    ...subgraphOperationLimits(limits),
    formatError: createErrorFormatter(logger),
    includeStacktraceInErrorResponses: false,
    // The hub's entry points own shutdown: drain HTTP first, then stop, then close databases.
    stopOnTerminationSignals: false,
    // Resolver timings are for the operator's tracing, not for whoever asks for
    // them; and a subgraph has no visitors to greet with a landing page.
    plugins: [ApolloServerPluginInlineTraceDisabled(), ApolloServerPluginLandingPageDisabled(), hostileTextPlugin() as ApolloServerPlugin<TContext>],
    logger,
  });
}

export interface SubgraphServeOptions {
  host: string;
  port: number;
  logger: Logger;
  /** The gateway's public key (or key set): every GraphQL request must carry an internal token it verifies. */
  internalKey: VerificationKey;
  /** Allowed clock drift between gateway and subgraph when checking the internal token, in seconds. */
  clockToleranceSeconds?: number;
  /** Only for measuring the policy's cost: serve the schema without it. */
  enforcePolicy?: boolean;
  /** The gateway's depth and token limits, which the subgraph applies with a margin; the defaults otherwise. */
  limits?: Pick<OperationLimits, 'maxDepth' | 'maxTokens'>;
}

/** What a refused request gets: no data, no reason, nothing about the schema. */
const REFUSAL = 'This service answers only requests forwarded by the hub gateway';

export async function startSubgraph<TContext extends BaseContext>(
  module: SubgraphModule<TContext>,
  options: SubgraphServeOptions,
): Promise<RunningServer & { server: ApolloServer<TContext> }> {
  const logger = options.logger.child({ subgraph: module.name });
  const server = buildSubgraphServer(module, logger, options.enforcePolicy ?? true, options.limits);
  const seen = new SeenTokenIds();
  return startApollo({
    server,
    host: options.host,
    port: options.port,
    logger,
    documents: subgraphDocumentLimits(options.limits),
    // Log lines under the gateway's id; audit events under the token's, below.
    requestIds: 'forwarded',
    // Purpose, case and request id come from the signed token only: headers
    // of the same names on this request are whatever the sender chose. The
    // token must be this subgraph's, for this very body, unexpired and unused.
    context: async (request, requestId, _graphQLRequest, _operation, rawBody) => {
      const header = request.headers[HEADER_INTERNAL_TOKEN];
      const token = Array.isArray(header) ? header[0] : header;
      let meta: RequestMeta;
      try {
        // The gateway only POSTs; a GET has no body to bind a token to, and its URL ends up in logs and caches.
        if (rawBody === null) throw new InternalTokenRejected('an internal token is accepted only with a POST body');
        meta = await verifyInternalToken(options.internalKey, token, {
          subgraph: module.name,
          body: rawBody,
          seen,
          ...(options.clockToleranceSeconds === undefined ? {} : { clockToleranceSeconds: options.clockToleranceSeconds }),
        });
      } catch (error) {
        if (!(error instanceof InternalTokenRejected)) throw error;
        logger.warn({ requestId, reason: error.message, remote: request.socket.remoteAddress }, 'refused a request without a valid internal token');
        throw unauthenticated(REFUSAL);
      }
      return module.createContext(meta);
    },
    ready: () => module.ready(),
  });
}
