import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginSchemaReportingDisabled, ApolloServerPluginUsageReportingDisabled } from '@apollo/server/plugin/disabled';
import { ApolloGateway, RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { HEADER_CASE_ID, HEADER_PURPOSE, HEADER_REQUEST_ID, requestMetaFromHeaders, type RequestMeta } from '../auth/principal.js';
import { createErrorFormatter } from '../platform/errors.js';
import { startApollo, type RunningServer } from '../platform/http.js';
import type { Logger } from '../platform/logger.js';

export interface GatewayContext {
  meta: RequestMeta;
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
}

/** Forwards the request metadata to a subgraph, and bounds how long the call may take. */
class DepartmentDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  override willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>): void {
    const meta = (context as Partial<GatewayContext>).meta;
    if (!meta || !request.http) return;
    request.http.headers.set(HEADER_REQUEST_ID, meta.requestId);
    if (meta.purpose) request.http.headers.set(HEADER_PURPOSE, meta.purpose);
    if (meta.caseId) request.http.headers.set(HEADER_CASE_ID, meta.caseId);
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

export function createGateway(options: GatewayOptions): ApolloGateway {
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
  return startApollo({
    server,
    host: options.host,
    port: options.port,
    logger,
    context: async (request, requestId) => ({ meta: requestMetaFromHeaders(request.headers, requestId) }),
  });
}
