import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginSchemaReportingDisabled, ApolloServerPluginUsageReportingDisabled } from '@apollo/server/plugin/disabled';
import { ApolloGateway, RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { authenticateCaller, KeysUnavailable, type CallerTokenSettings } from '../auth/caller.js';
import { unavailable } from '../auth/errors.js';
import { HEADER_INTERNAL_TOKEN, signInternalToken } from '../auth/internal-token.js';
import type { SigningKey } from '../auth/keys.js';
import { HEADER_REQUEST_ID, type Principal, type RequestMeta } from '../auth/principal.js';
import { createErrorFormatter } from '../platform/errors.js';
import { startApollo, type RunningServer } from '../platform/http.js';
import type { Logger } from '../platform/logger.js';
import { declaredPurpose } from './purpose.js';

export interface GatewayContext {
  meta: RequestMeta;
  /** The internal token for this request, signed on first use and reused by every subgraph call. */
  internalToken(): Promise<string>;
}

export interface InternalTokenSettings {
  /** The gateway's Ed25519 private key; subgraphs hold the public half. */
  signingKey: SigningKey;
  /** Lifetime of one internal token, in seconds. */
  ttlSeconds: number;
}

export interface GatewayOptions {
  /** The composed supergraph SDL (schema/supergraph.graphql). */
  supergraphSdl: string;
  /** Routing URL per subgraph name, overriding the URLs in the supergraph. */
  subgraphUrls: Readonly<Record<string, string | undefined>>;
  host: string;
  port: number;
  logger: Logger;
  /** Upper bound for one subgraph call. */
  subgraphTimeoutMs: number;
  /** Allows introspection (development only). */
  introspection?: boolean;
  /** How callers' bearer tokens are verified. */
  callerTokens: CallerTokenSettings;
  /** How the verified caller is vouched for to the subgraphs. */
  internalTokens: InternalTokenSettings;
}

/**
 * Vouches for the request to a subgraph with the internal token, and bounds
 * how long the call may take. Purpose and case travel inside the token only;
 * the request id also goes as a header so the subgraph's logs line up.
 */
class DepartmentDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  override async willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<void> {
    const { meta, internalToken } = context as Partial<GatewayContext>;
    if (!meta || !internalToken || !request.http) return;
    request.http.headers.set(HEADER_REQUEST_ID, meta.requestId);
    request.http.headers.set(HEADER_INTERNAL_TOKEN, await internalToken());
  }
}

/**
 * @apollo/gateway otherwise probes cloud metadata endpoints and sends usage
 * metrics to Apollo from every instance. A hub holding residents' records
 * talks to its subgraphs and nothing else.
 */
export function disableVendorTelemetry(): void {
  process.env.APOLLO_TELEMETRY_DISABLED = 'true';
}

export function createGateway(options: Pick<GatewayOptions, 'supergraphSdl' | 'subgraphUrls' | 'logger' | 'subgraphTimeoutMs'>): ApolloGateway {
  disableVendorTelemetry();
  return new ApolloGateway({
    // A static supergraph: the gateway boots even when a subgraph is down.
    supergraphSdl: options.supergraphSdl,
    buildService: ({ name, url }) =>
      new DepartmentDataSource({
        url: options.subgraphUrls[name] ?? url,
        fetcher: ((input: string, init: RequestInit) =>
          fetch(input, { ...init, signal: AbortSignal.timeout(options.subgraphTimeoutMs) })) as never,
      }),
    logger: options.logger,
  });
}

export async function startGateway(options: GatewayOptions): Promise<RunningServer & { server: ApolloServer<GatewayContext> }> {
  const logger = options.logger.child({ component: 'gateway' });
  const gateway = createGateway(options);
  const server = new ApolloServer<GatewayContext>({
    gateway: gateway as never,
    formatError: createErrorFormatter(logger),
    includeStacktraceInErrorResponses: false,
    // The hub's entry points own shutdown: drain HTTP first, then stop, then close databases.
    stopOnTerminationSignals: false,
    introspection: options.introspection ?? false,
    plugins: [ApolloServerPluginUsageReportingDisabled(), ApolloServerPluginSchemaReportingDisabled()],
    logger,
  });
  const { signingKey, ttlSeconds } = options.internalTokens;
  return startApollo({
    server,
    host: options.host,
    port: options.port,
    logger,
    // Who first, then why: an unauthenticated caller learns nothing about purposes.
    context: async (request, requestId, graphQLRequest) => {
      let principal: Principal;
      try {
        principal = await authenticateCaller(options.callerTokens, request.headers.authorization);
      } catch (error) {
        if (!(error instanceof KeysUnavailable)) throw error;
        logger.error({ err: error.cause ?? error, requestId }, 'cannot verify caller tokens: signing keys unavailable');
        throw unavailable('Caller tokens cannot be verified right now', error);
      }
      const { purpose, caseId } = declaredPurpose(request.headers, graphQLRequest);
      const meta: RequestMeta = { requestId, principal, purpose, caseId };
      let signed: Promise<string> | undefined;
      return { meta, internalToken: () => (signed ??= signInternalToken(signingKey, meta, ttlSeconds)) };
    },
  });
}
