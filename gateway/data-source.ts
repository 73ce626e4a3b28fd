import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { HEADER_INTERNAL_TOKEN } from '../auth/internal-token.js';
import { HEADER_REQUEST_ID, type RequestMeta } from '../auth/principal.js';
import { CircuitBreaker, type BreakerSettings, type BreakerTicket, type CallResult } from './breaker.js';
import { PendingTokens, subgraphFetcher } from './subgraph-fetch.js';
import type { Logger } from '../platform/logger.js';
import type { GatewayMetrics, SubgraphFailure } from '../platform/metrics.js';
import { injectTraceContext } from '../platform/tracing.js';

/** What a subgraph call needs from the gateway's per-request context. */
export interface SubgraphCallContext {
  meta: RequestMeta;
  /** Signs the internal token for one call: to that subgraph, over that exact body. */
  internalToken(subgraph: string, body: string): Promise<string>;
}

export interface DepartmentDataSourceOptions {
  /** The subgraph's name in the supergraph: a department, or `audit`. */
  name: string;
  url: string;
  /** Upper bound for one call, answer body included. */
  timeoutMs: number;
  logger: Logger;
  metrics?: GatewayMetrics;
  /** The subgraph's circuit breaker; without one, every call is made. */
  breaker?: CircuitBreaker;
}

/**
 * The error a caller gets for a subgraph that did not answer usably: which
 * department's part is missing and that it may be retried, and nothing of
 * how it failed (host, port, status, body), which is in the gateway's log
 * under the request id.
 */
export function subgraphUnavailable(name: string): GraphQLError {
  return new GraphQLError(`The ${name} service gave no usable answer; the fields it provides are missing from this response`, {
    extensions: { code: 'SUBGRAPH_UNAVAILABLE', service: name },
  });
}

/**
 * Codes a subgraph answers with a 4xx status when the fault is the caller's:
 * GraphQL refuses a malformed variable or literal before any resolver runs,
 * and says so with 400. Those errors reach the caller as they are; a 4xx with
 * anything else (a refused internal token, a request the gateway should never
 * have sent) is the hub's own fault and stays SUBGRAPH_UNAVAILABLE.
 */
export const CALLER_ERROR_CODES: ReadonlySet<string> = new Set(['BAD_USER_INPUT']);

/** The caller's input errors in a subgraph's 4xx answer, or null when the answer says anything else. */
export function callerErrorsOf(status: number | undefined, body: unknown): GraphQLFormattedError[] | null {
  if (status === undefined || status < 400 || status >= 500 || status === 401 || status === 403) return null;
  const errors = (body as { errors?: unknown } | null)?.errors;
  if (!Array.isArray(errors) || errors.length === 0) return null;
  const passed: GraphQLFormattedError[] = [];
  for (const error of errors as unknown[]) {
    const { message, extensions } = (error ?? {}) as { message?: unknown; extensions?: { code?: unknown; field?: unknown } };
    if (typeof message !== 'string' || typeof extensions?.code !== 'string' || !CALLER_ERROR_CODES.has(extensions.code)) return null;
    // Only what names the mistake: locations and paths are the subgraph's operation, not the caller's.
    passed.push({ message, extensions: { code: extensions.code, ...(typeof extensions.field === 'string' ? { field: extensions.field } : {}) } });
  }
  return passed;
}

/** Thrown past the fetch when a subgraph refused the caller's input; `process` answers with the errors. */
class CallerInputRefused extends Error {
  constructor(readonly errors: GraphQLFormattedError[]) {
    super('the subgraph refused the caller\'s input');
  }
}

/**
 * Why each SUBGRAPH_UNAVAILABLE error raised here was raised, for the metrics,
 * and how it counts for the breaker; the data source is shared by concurrent requests.
 */
const failures = new WeakMap<GraphQLError, { failure: SubgraphFailure; result: CallResult }>();

/**
 * How a call that gave no usable answer counts for the subgraph's breaker.
 * A subgraph that does not answer, drops the connection, answers 5xx or
 * something that is no GraphQL answer at all is failing; one that answers
 * 4xx is up and saying no to this request (the caller's input, a token it
 * refused), which the next request may not repeat; a call the gateway could
 * not make never reached it.
 */
export function breakerResultOf(failure: SubgraphFailure, status: number | undefined): CallResult {
  switch (failure) {
    case 'timeout':
    case 'unreachable':
    case 'bad_body':
      return 'failed';
    case 'http_status':
      return status !== undefined && status < 500 ? 'answered' : 'failed';
    case 'internal':
      return 'neither';
  }
}

/**
 * A breaker for subgraph `name` that logs its openings and closings — one
 * line each, naming the subgraph and never its address — and counts them.
 */
export function subgraphBreaker(name: string, settings: BreakerSettings, logger: Logger, metrics?: GatewayMetrics): CircuitBreaker {
  const breaker = new CircuitBreaker(settings, Date.now, ({ from, to, cooldownMs, failures: inARow }) => {
    metrics?.observeBreakerTransition(name, to);
    if (to === 'open' && from === 'closed') {
      logger.warn(
        { subgraph: name, failures: inARow, cooldownMs },
        'a subgraph failed calls in a row: its circuit breaker is open, and its fields are answered SUBGRAPH_UNAVAILABLE at once until a probe finds it answering',
      );
    } else if (to === 'open') {
      logger.warn({ subgraph: name, cooldownMs }, 'a subgraph failed its probe: its circuit breaker is open again');
    } else if (to === 'closed') {
      logger.info({ subgraph: name }, 'a subgraph answered its probe: its circuit breaker is closed, and it is called again');
    } else {
      logger.debug({ subgraph: name }, 'a subgraph\'s cool-down has passed: one call goes through as a probe');
    }
  });
  metrics?.watchBreaker(name, () => breaker.state);
  return breaker;
}

function failureOf(error: unknown, response: { ok: boolean } | undefined): SubgraphFailure {
  const name = (error as { name?: unknown } | null)?.name;
  if (name === 'TimeoutError' || name === 'AbortError') return 'timeout';
  if (!response) return 'unreachable';
  return response.ok ? 'bad_body' : 'http_status';
}

/**
 * Calls one subgraph for the gateway. It vouches for each call with an
 * internal token of its own (purpose and case travel inside it only; the request id also
 * goes as a header so the subgraph's logs line up), bounds the call, answer
 * included, by the subgraph timeout, and turns every way a call can fail —
 * refused connection, timeout, an error status, HTML, broken JSON — into
 * SUBGRAPH_UNAVAILABLE for that subgraph's fields, so the rest of the answer
 * still reaches the caller.
 */
export class DepartmentDataSource extends RemoteGraphQLDataSource<SubgraphCallContext> {
  private readonly name: string;
  private readonly logger: Logger;
  private readonly metrics: GatewayMetrics | undefined;
  private readonly tokens: PendingTokens;
  private readonly breaker: CircuitBreaker | undefined;

  constructor(options: DepartmentDataSourceOptions) {
    const tokens = new PendingTokens(options.timeoutMs);
    super({
      url: options.url,
      fetcher: subgraphFetcher(options.timeoutMs, tokens),
    });
    this.tokens = tokens;
    this.name = options.name;
    this.logger = options.logger;
    this.metrics = options.metrics;
    this.breaker = options.breaker;
  }

  override async willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<SubgraphCallContext>): Promise<void> {
    if (!request.http) return;
    injectTraceContext(request.http.headers);
    const { meta, internalToken } = context as Partial<SubgraphCallContext>;
    if (!meta || !internalToken) return;
    request.http.headers.set(HEADER_REQUEST_ID, meta.requestId);
    // Signed by the fetcher, which alone sees the body as sent: a token per call, for this subgraph and this body.
    request.http.headers.set(HEADER_INTERNAL_TOKEN, this.tokens.add((body) => internalToken(this.name, body)));
  }

  override async process(options: GraphQLDataSourceProcessOptions<SubgraphCallContext>) {
    let ticket: BreakerTicket | null = null;
    if (this.breaker) {
      ticket = this.breaker.admit();
      if (!ticket) {
        // Refused without calling: the same answer a failed call gives, and no warning per request (the opening was logged once).
        this.metrics?.observeShortCircuit(this.name);
        this.logger.debug({ requestId: (options.context as Partial<SubgraphCallContext>).meta?.requestId, subgraph: this.name }, 'a subgraph call was refused at once: its circuit breaker is open');
        throw subgraphUnavailable(this.name);
      }
    }
    let result: CallResult = 'neither';
    const started = performance.now();
    try {
      const response = await super.process(options);
      result = 'answered';
      this.metrics?.observeSubgraphCall(this.name, (performance.now() - started) / 1000);
      return response;
    } catch (error) {
      if (error instanceof CallerInputRefused) {
        // The subgraph answered, and correctly: the call is not its failure.
        result = 'answered';
        this.metrics?.observeSubgraphCall(this.name, (performance.now() - started) / 1000);
        return { errors: error.errors };
      }
      const known = error instanceof GraphQLError ? failures.get(error) : undefined;
      result = known?.result ?? 'neither';
      this.metrics?.observeSubgraphCall(this.name, (performance.now() - started) / 1000, known?.failure ?? 'internal');
      throw error;
    } finally {
      if (ticket) this.breaker?.settle(ticket, result);
    }
  }

  override didEncounterError(error: Error, fetchRequest: unknown, fetchResponse?: Response, context?: SubgraphCallContext): void {
    const response = (error as { extensions?: { response?: { status?: number; body?: unknown } } }).extensions?.response;
    const callerErrors = callerErrorsOf(fetchResponse?.status, response?.body);
    if (callerErrors) throw new CallerInputRefused(callerErrors);
    const failure = failureOf(error, fetchResponse);
    this.logger.warn(
      {
        // The answer's body may hold residents' data or echo their input: only its error codes are kept.
        err: { type: error.name, message: error.message.replace(/(but received: ).*/s, '$1[body not logged]') },
        requestId: context?.meta?.requestId,
        subgraph: this.name,
        url: this.url,
        failure,
        status: fetchResponse?.status,
        errorCodes: errorCodesIn(response?.body),
      },
      'a subgraph call failed; its fields are missing from the response',
    );
    const unavailable = subgraphUnavailable(this.name);
    failures.set(unavailable, { failure, result: breakerResultOf(failure, fetchResponse?.status) });
    throw unavailable;
  }
}


/** The `extensions.code` of each error in a subgraph's answer, at most ten; nothing else of it. */
function errorCodesIn(body: unknown): string[] | undefined {
  const errors = (body as { errors?: unknown } | null)?.errors;
  if (!Array.isArray(errors)) return undefined;
  return errors.slice(0, 10).map((e) => {
    const code = (e as { extensions?: { code?: unknown } } | null)?.extensions?.code;
    return typeof code === 'string' && /^[A-Z_]{1,64}$/.test(code) ? code : 'UNKNOWN';
  });
}

/** True when the subgraph at `graphqlUrl` answers its readiness check within `timeoutMs`. */
export async function subgraphReady(graphqlUrl: string, timeoutMs: number): Promise<boolean> {
  try {
    const response = await fetch(new URL('/ready', graphqlUrl), { signal: AbortSignal.timeout(timeoutMs) });
    await response.arrayBuffer();
    return response.ok;
  } catch {
    return false;
  }
}
