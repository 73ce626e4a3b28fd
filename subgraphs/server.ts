import { ApolloServer, type BaseContext } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { unauthenticated } from '../auth/errors.js';
import { HEADER_INTERNAL_TOKEN, InternalTokenRejected, SeenTokenIds, verifyInternalToken } from '../auth/internal-token.js';
import type { VerificationKey } from '../auth/keys.js';
import type { RequestMeta } from '../auth/principal.js';
import { ReferenceChecks } from '../auth/reference-checks.js';
import { recordServedValues } from '../auth/recording.js';
import { protectSubgraphSchema } from '../auth/shield.js';
import type { SubgraphModule } from '../auth/subgraph.js';
import { createErrorFormatter, fieldProblemsPlugin } from '../platform/errors.js';
import { startApollo } from '../platform/http.js';
import type { RunningServer } from '../platform/listen.js';
import { hostileTextPlugin } from '../platform/input.js';
import type { Logger } from '../platform/logger.js';
import { subgraphDocumentLimits, subgraphOperationLimits, type OperationLimits } from '../platform/operation-limits.js';

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
    plugins: [ApolloServerPluginInlineTraceDisabled(), ApolloServerPluginLandingPageDisabled(), hostileTextPlugin(), fieldProblemsPlugin()],
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
  /**
   * The gateway's GraphQL URL, where a write asks other departments whether
   * what it names exists; read per request, as the gateway may start after
   * the subgraph. Without it every write that names another department's
   * record is refused.
   */
  gatewayUrl?: () => string | null;
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
      let checkGrant: string | null;
      try {
        // The gateway only POSTs; a GET has no body to bind a token to, and its URL ends up in logs and caches.
        if (rawBody === null) throw new InternalTokenRejected('an internal token is accepted only with a POST body');
        const { checkGrant: grant, ...verified } = await verifyInternalToken(options.internalKey, token, {
          subgraph: module.name,
          body: rawBody,
          seen,
          ...(options.clockToleranceSeconds === undefined ? {} : { clockToleranceSeconds: options.clockToleranceSeconds }),
        });
        meta = verified;
        checkGrant = grant ?? null;
      } catch (error) {
        if (!(error instanceof InternalTokenRejected)) throw error;
        logger.warn({ requestId, reason: error.message, remote: request.socket.remoteAddress }, 'refused a request without a valid internal token');
        throw unauthenticated(REFUSAL);
      }
      return module.createContext(meta, new ReferenceChecks({ gatewayUrl: options.gatewayUrl?.() ?? null, checkGrant }, logger));
    },
    ready: () => module.ready(),
  });
}
