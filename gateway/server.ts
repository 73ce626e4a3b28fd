import { ApolloServer, type ApolloServerPlugin, type HTTPGraphQLRequest } from '@apollo/server';
import {
  ApolloServerPluginLandingPageDisabled,
  ApolloServerPluginSchemaReportingDisabled,
  ApolloServerPluginUsageReportingDisabled,
} from '@apollo/server/plugin/disabled';
import { ApolloGateway } from '@apollo/gateway';
import type http from 'node:http';
import { OperationTypeNode, type GraphQLFormattedError } from 'graphql';
import type { RefusalsEventInput, RequestEventInput } from '../audit/api.js';
import { sha256Hex } from '../audit/chain.js';
import { authenticateCaller, KeysUnavailable, type CallerTokenSettings } from '../auth/caller.js';
import { CheckGrantRejected, looksLikeCheckGrant, publicKeyOf, READS_THAT_ASK, signCheckGrant, verifyCheckGrant } from '../auth/check-grant.js';
import { unauthenticated, unavailable } from '../auth/errors.js';
import { signInternalToken } from '../auth/internal-token.js';
import type { SigningKey } from '../auth/keys.js';
import type { Principal, RequestMeta } from '../auth/principal.js';
import { createErrorFormatter } from '../platform/errors.js';
import { startApollo, type PageRoutes } from '../platform/http.js';
import type { RunningServer } from '../platform/listen.js';
import type { Logger } from '../platform/logger.js';
import { DEFAULT_OPERATION_LIMITS, operationLimits, type OperationLimits } from '../platform/operation-limits.js';
import { GatewayMetrics } from '../platform/metrics.js';
import type { BreakerSettings, CircuitBreaker } from './breaker.js';
import { DepartmentDataSource, subgraphBreaker, subgraphReady, type SubgraphCallContext } from './data-source.js';
import { auditCodeOf, DEFAULT_LOOKUP_CAP, importBatchOnly, LookupCap, lookupCapPlugin, type LookupAllowance, type LookupCapSettings } from './lookup-cap.js';
import { declaredPurpose, namedPurpose, operationOf, withinGrant } from './purpose.js';
import { PrincipalRateLimiter, rateLimited, type RateLimitSettings } from './rate-limit.js';
import { DEFAULT_REFUSAL_SETTINGS, RefusalLedger, type RefusalSettings } from './refusals.js';
import type { SharedState } from '../platform/shared-state.js';

export interface GatewayContext extends SubgraphCallContext {
  /** The caller's X-Request-Id, kept beside the hub's own request id, never in its place. */
  correlationId: string | null;
  /** Look-ups by full identity number the request asks, when its principal reads numbers masked (set by the look-up cap). */
  identityLookups?: number;
  /** What the request's look-ups by identity number count against: the checks of an import's batch count against the import allowance. */
  lookupAllowance?: LookupAllowance;
}

export interface InternalTokenSettings {
  /** The gateway's Ed25519 private key; subgraphs hold the public half. */
  signingKey: SigningKey;
  /** Lifetime of one internal token, in seconds: a few, as it covers one subgraph call. */
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
  /** When a subgraph that keeps failing stops being called, and how it is probed; without it, every call is made. */
  breaker?: BreakerSettings | null;
  /** Allows introspection (development only). */
  introspection?: boolean;
  /** How callers' bearer tokens are verified. */
  callerTokens: CallerTokenSettings;
  /** How the verified caller is vouched for to the subgraphs. */
  internalTokens: InternalTokenSettings;
  /** Where every request is recorded once its response is known (the gateway's audit writer). */
  requestLog?: RequestLog;
  /** How large an operation may be; the defaults otherwise. */
  limits?: OperationLimits;
  /** How fast each caller may send requests; without it, as fast as it likes. */
  rateLimit?: RateLimitSettings | null;
  /** How many look-ups by full identity number a principal who reads numbers masked may make; DEFAULT_LOOKUP_CAP otherwise. */
  lookupCap?: LookupCapSettings;
  /**
   * Where the rate limit and the look-up cap count, shared with every other
   * gateway instance (REDIS_URL); this process's memory otherwise. The
   * gateway closes its client when it stops.
   */
  sharedState?: SharedState | null;
  /** Where the gateway counts what it does, served at /metrics; one of its own otherwise. */
  metrics?: GatewayMetrics;
  /** How refusals before execution are tallied and throttled; DEFAULT_REFUSAL_SETTINGS otherwise. */
  refusals?: RefusalSettings;
  /** The hub's web pages, served beside /graphql; a browser opening /graphql is sent to their landing page. */
  pages?: PageRoutes;
  /**
   * Whether what this instance needs besides the supergraph answers: its
   * audit store, without which every read is refused. `/ready` is 503 while
   * it says no, so a load balancer sends the traffic elsewhere.
   */
  canServe?: () => Promise<boolean>;
}

/** Takes one audit event per request, and the tallies of repeated refusals; an AuditWriter does. */
export interface RequestLog {
  recordRequest(event: Omit<RequestEventInput, 'kind'>): Promise<void>;
  recordRefusals(event: Omit<RefusalsEventInput, 'kind'>): Promise<void>;
}

type Outcome = RequestEventInput['outcome'];

const errorCodesOf = (errors: readonly GraphQLFormattedError[] | undefined): string[] =>
  (errors ?? []).map((error) => codeOf(error) ?? 'INTERNAL_SERVER_ERROR');

/** ok: no errors; partial: some data with errors; error: no data at all, or only nulls at the top. */
function outcomeOf(data: Record<string, unknown> | null | undefined, errors: readonly GraphQLFormattedError[] | undefined): Outcome {
  if (!errors || errors.length === 0) return 'ok';
  return data && Object.values(data).some((value) => value !== null) ? 'partial' : 'error';
}

const codeOf = (error: { extensions?: Record<string, unknown> } | undefined): string | null =>
  typeof error?.extensions?.code === 'string' ? error.extensions.code : null;

const documentHashOf = (query: string | undefined): string | null => (query === undefined ? null : sha256Hex(query));

/**
 * The operation name as the caller sent it, when it is a GraphQL name: one
 * that is not may be anything at all, and text the audit store cannot hold
 * would cost the other requests in the same batch their record.
 */
const operationNameOf = (name: string | null | undefined): string | null =>
  typeof name === 'string' && /^[_A-Za-z][_0-9A-Za-z]{0,127}$/.test(name) ? name : null;

/**
 * Records every request that reached GraphQL execution: who, why, which
 * operation (by the hash of its document), how it ended and how long it took.
 * The subgraphs record what each request read; this ties those accesses to
 * the request as the caller saw it. It runs after the response is formed and
 * is not awaited: the resolvers already failed closed on anything personal,
 * and a request event that cannot be written is logged, not lost silently.
 */
function requestLogPlugin(log: RequestLog | undefined, metrics: GatewayMetrics, logger: Logger): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      const started = performance.now();
      return {
        async willSendResponse({ response, contextValue, request, operationName }) {
          const body = response.body;
          const result = body.kind === 'single' ? body.singleResult : body.initialResult;
          const outcome = outcomeOf(result.data, result.errors);
          const durationMs = performance.now() - started;
          metrics.observeRequest(outcome, durationMs / 1000, errorCodesOf(result.errors));
          log
            ?.recordRequest({
              meta: contextValue.meta,
              operationName: operationNameOf(operationName ?? request.operationName),
              documentHash: documentHashOf(request.query),
              outcome,
              errorCode: auditCodeOf(result.errors?.[0]),
              durationMs,
              correlationId: contextValue.correlationId,
              lookups: contextValue.identityLookups ?? null,
            })
            .catch((error: unknown) => logger.error({ err: error, requestId: contextValue.meta.requestId }, 'the request could not be recorded in the audit log'));
        },
      };
    },
  };
}

/** Where a request came from, as the socket says: a forwarded-for header is the caller's to choose. */
const sourceOf = (request: http.IncomingMessage): string => request.socket.remoteAddress ?? 'unknown';

/**
 * What a throttled source is: its address and the credential it presents, so
 * an honest system behind the same address with a valid token is never held
 * back by a neighbour sending bad ones. Hashed: the log and memory never hold
 * a token.
 */
const throttleKeyOf = (request: http.IncomingMessage): string =>
  JSON.stringify([sourceOf(request), sha256Hex(request.headers.authorization ?? '').slice(0, 32)]);

/** The bearer token of a request, when it sends one in the form the hub reads. */
const bearerOf = (authorization: string | undefined): string | null => /^Bearer +([A-Za-z0-9_.-]+=*)\s*$/i.exec(authorization?.trim() ?? '')?.[1] ?? null;

interface Refused {
  meta: RequestMeta;
  correlationId: string | null;
  source: string;
  throttleKey: string;
  started: number;
}

/**
 * A request refused before execution (no valid token, no purpose, limits) is
 * recorded too: attempts are part of the log. Only the first of its source
 * and reason in a window, though; the ledger counts the rest and writes their
 * number once, so a flood costs the log a constant.
 */
function recordRefusedRequest(
  log: RequestLog | undefined,
  ledger: RefusalLedger | undefined,
  logger: Logger,
  refused: Refused,
  request: HTTPGraphQLRequest,
  error: unknown,
): void {
  if (!log) return;
  const errorCode = codeOf(error as { extensions?: Record<string, unknown> }) ?? 'INTERNAL_SERVER_ERROR';
  const { meta } = refused;
  if (ledger && !ledger.note(refused.source, meta.principal, errorCode, refused.throttleKey, meta.purpose)) return;
  const { query, operationName } = operationOf(request);
  log
    .recordRequest({
      meta,
      operationName: operationNameOf(operationName),
      documentHash: documentHashOf(query),
      outcome: 'error',
      errorCode,
      durationMs: performance.now() - refused.started,
      correlationId: refused.correlationId,
    })
    .catch((failure: unknown) => logger.error({ err: failure, requestId: meta.requestId }, 'the refused request could not be recorded in the audit log'));
}

/**
 * @apollo/gateway otherwise probes cloud metadata endpoints and sends usage
 * metrics to Apollo from every instance. A hub holding residents' records
 * talks to its subgraphs and nothing else.
 */
export function disableVendorTelemetry(): void {
  process.env.APOLLO_TELEMETRY_DISABLED = 'true';
}

/**
 * The gateway's error formatter: the subgraphs' one, and every error a
 * subgraph raised names it as `extensions.service`, the name the gateway's
 * own SUBGRAPH_UNAVAILABLE uses (@apollo/gateway calls it `serviceName`).
 */
export function gatewayErrorFormatter(logger: Logger): (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError {
  const format = createErrorFormatter(logger);
  return (formatted, error) => {
    const { serviceName, ...extensions } = formatted.extensions ?? {};
    const shown = format(serviceName === undefined ? formatted : { ...formatted, extensions }, error);
    if (typeof serviceName !== 'string' || shown.extensions?.service !== undefined) return shown;
    return { ...shown, extensions: { ...shown.extensions, service: serviceName } };
  };
}

export function createGateway(options: Pick<GatewayOptions, 'supergraphSdl' | 'subgraphUrls' | 'logger' | 'subgraphTimeoutMs' | 'metrics' | 'breaker'>): ApolloGateway {
  disableVendorTelemetry();
  // One breaker per subgraph for the gateway's life, kept if the services are ever built again.
  const breakers = new Map<string, CircuitBreaker>();
  const breakerOf = (name: string, settings: BreakerSettings): CircuitBreaker => {
    const existing = breakers.get(name);
    if (existing) return existing;
    const made = subgraphBreaker(name, settings, options.logger, options.metrics);
    breakers.set(name, made);
    return made;
  };
  return new ApolloGateway({
    // A static supergraph: the gateway boots even when a subgraph is down.
    supergraphSdl: options.supergraphSdl,
    buildService: ({ name, url }) => {
      const routed = options.subgraphUrls[name] ?? url ?? '';
      // Reachability is reported in the metrics, not in the gateway's readiness: one department down leaves the others served.
      options.metrics?.probeSubgraph(name, () => subgraphReady(routed, Math.min(2_000, options.subgraphTimeoutMs)));
      return new DepartmentDataSource({
        name,
        url: routed,
        timeoutMs: options.subgraphTimeoutMs,
        logger: options.logger,
        ...(options.metrics ? { metrics: options.metrics } : {}),
        ...(options.breaker ? { breaker: breakerOf(name, options.breaker) } : {}),
      });
    },
    logger: options.logger,
  });
}

export async function startGateway(options: GatewayOptions): Promise<RunningServer & { server: ApolloServer<GatewayContext>; metrics: GatewayMetrics }> {
  const logger = options.logger.child({ component: 'gateway' });
  const limitSettings = options.limits ?? DEFAULT_OPERATION_LIMITS;
  const limits = operationLimits(limitSettings);
  const metrics = options.metrics ?? new GatewayMetrics();
  const gateway = createGateway({ ...options, logger, metrics });
  let schemaLoaded = false;
  let draining = false;
  gateway.onSchemaLoadOrUpdate(() => {
    schemaLoaded = true;
  });
  const rateLimiter = options.rateLimit ? new PrincipalRateLimiter(options.rateLimit, options.sharedState) : undefined;
  const requestLog = options.requestLog;
  const refusals = requestLog
    ? new RefusalLedger(options.refusals ?? DEFAULT_REFUSAL_SETTINGS, (event) => {
        requestLog
          .recordRefusals(event)
          .catch((failure: unknown) => logger.error({ err: failure, requestId: event.meta.requestId, count: event.count }, 'a tally of refused requests could not be recorded in the audit log'));
      })
    : undefined;
  const server = new ApolloServer<GatewayContext>({
    gateway: gateway,
    formatError: gatewayErrorFormatter(logger),
    includeStacktraceInErrorResponses: false,
    // The hub's entry points own shutdown: drain HTTP first, then stop, then close databases.
    stopOnTerminationSignals: false,
    introspection: options.introspection ?? false,
    parseOptions: limits.parseOptions,
    plugins: [
      limits.plugin,
      lookupCapPlugin(new LookupCap(options.lookupCap ?? DEFAULT_LOOKUP_CAP, options.sharedState), logger, options.limits),
      ApolloServerPluginUsageReportingDisabled(),
      ApolloServerPluginSchemaReportingDisabled(),
      // Apollo's landing page loads Sandbox from its CDN: nothing on an intranet. The hub's own explorer takes its place.
      ApolloServerPluginLandingPageDisabled(),
      requestLogPlugin(options.requestLog, metrics, logger),
    ],
    logger,
  });
  const { signingKey, ttlSeconds } = options.internalTokens;
  const grantKey = publicKeyOf(signingKey);
  const running = await startApollo({
    server,
    host: options.host,
    port: options.port,
    logger,
    // Ready once the supergraph is loaded, while the audit store answers, until shutdown begins; subgraphs that are down show in the metrics instead.
    ready: async () => schemaLoaded && !draining && ((await options.canServe?.()) ?? true),
    metrics: () => metrics.expose(),
    ...(options.pages ? { pages: options.pages } : {}),
    documents: { maxTokens: limitSettings.maxTokens, maxDepth: limitSettings.maxDepth },
    // Refused for the document's size or shape before the caller was looked at: counted and recorded like any other refusal, with no principal.
    refused: (request, requestId, graphQLRequest, refusal, correlationId) => {
      const code = refusal.code ?? 'BAD_REQUEST';
      metrics.observeRequest('refused', 0, [code]);
      const meta: RequestMeta = { requestId, principal: null, purpose: null, caseId: null };
      const refused = { meta, correlationId, source: sourceOf(request), throttleKey: throttleKeyOf(request), started: performance.now() };
      recordRefusedRequest(requestLog, refusals, logger, refused, graphQLRequest, { extensions: { code } });
    },
    // Who first, then why: an unauthenticated caller learns nothing about purposes.
    context: async (request, requestId, graphQLRequest, operation, _rawBody, correlationId) => {
      const started = performance.now();
      const throttleKey = throttleKeyOf(request);
      let principal: Principal | null = null;
      try {
        // A source that keeps being refused is refused at once: its token is not even verified again.
        if (refusals?.throttled(throttleKey)) {
          metrics.observeRateLimited('unknown');
          throw rateLimited(Math.max(1, Math.ceil(refusals.retryAfterMs(throttleKey) / 1000)));
        }
        const bearer = bearerOf(request.headers.authorization);
        if (bearer !== null && looksLikeCheckGrant(bearer)) {
          // A department asking the owner of a record whether it exists, as the caller who is writing: who and why come from the grant.
          const grant = await verifyCheckGrant(grantKey, bearer).catch((error: unknown) => {
            if (!(error instanceof CheckGrantRejected)) throw error;
            logger.warn({ requestId, reason: error.message }, 'refused a check grant');
            throw unauthenticated('Invalid check grant');
          });
          principal = grant.principal;
          withinGrant(operation, grant.subgraph);
          // Checks asked for a batch of an import may name the whole batch: the owning department is told so in the internal token.
          const meta: RequestMeta = { requestId, principal, purpose: grant.purpose, caseId: grant.caseId, ...(grant.forImport ? { importBatch: true as const } : {}) };
          // A department mutation made under a grant (a confirmed declaration registered as the officer)
          // checks what it names as any write does: with a grant of its own, good for the checks alone.
          const writes = operation?.operation.operation === OperationTypeNode.MUTATION;
          const lookupAllowance: LookupAllowance = grant.forImport ? 'import' : 'interactive';
          return {
            meta,
            // The writing request's id: an auditor reads the checks beside the write they served.
            correlationId: grant.requestId,
            internalToken: async (subgraph: string, body: string) =>
              signInternalToken(signingKey, meta, { subgraph, body, ttlSeconds, ...(writes ? { checkGrant: await signCheckGrant(signingKey, meta, subgraph) } : {}) }),
            lookupAllowance,
          };
        }
        try {
          principal = await authenticateCaller(options.callerTokens, request.headers.authorization, logger);
        } catch (error) {
          if (!(error instanceof KeysUnavailable)) throw error;
          logger.error({ err: error.cause ?? error, requestId }, 'cannot verify caller tokens: signing keys unavailable');
          throw unavailable('Caller tokens cannot be verified right now', error);
        }
        // Before anything else is looked at, so a flood costs the hub as little as possible.
        await rateLimiter?.admit(principal).catch((refusal: unknown) => {
          metrics.observeRateLimited(principal?.department ?? 'unknown');
          throw refusal;
        });
        const { purpose, caseId } = declaredPurpose(request.headers, operation, principal);
        const meta: RequestMeta = { requestId, principal, purpose, caseId };
        // A token per subgraph call, bound to that call's subgraph and body: never one shared by the request's calls.
        // A write carries a grant to check what it names with the departments that own it, as this caller; so does a
        // read of a subgraph that asks the register who an identity number names.
        const writes = operation?.operation.operation === OperationTypeNode.MUTATION;
        const asks = (subgraph: string) => writes || READS_THAT_ASK.has(subgraph);
        const forImport = writes && importBatchOnly(operation.operation);
        return {
          meta,
          correlationId,
          internalToken: async (subgraph: string, body: string) =>
            signInternalToken(signingKey, meta, {
              subgraph,
              body,
              ttlSeconds,
              ...(asks(subgraph) ? { checkGrant: await signCheckGrant(signingKey, meta, subgraph, undefined, { forImport }) } : {}),
            }),
        };
      } catch (error) {
        metrics.observeRequest('refused', (performance.now() - started) / 1000, errorCodesOf([error as GraphQLFormattedError]));
        // A purpose from the registry is recorded even when refused: an auditor asks who tried to declare what.
        const purpose = principal ? namedPurpose(request.headers) : null;
        const meta: RequestMeta = { requestId, principal, purpose, caseId: null };
        recordRefusedRequest(requestLog, refusals, logger, { meta, correlationId, source: sourceOf(request), throttleKey, started }, graphQLRequest, error);
        throw error;
      }
    },
  });
  return {
    ...running,
    metrics,
    close: async (graceMs?: number) => {
      draining = true;
      await running.close(graceMs);
      // After the last request, before the audit writer closes: the counts of open windows are written, not lost.
      refusals?.flush();
      await options.sharedState?.redis.quit().catch(() => undefined);
    },
  };
}
