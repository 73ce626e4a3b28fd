import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/** How a request through the gateway ended: refused before execution, or with all, some or none of its data. */
export type RequestOutcome = 'ok' | 'partial' | 'error' | 'refused';

/** Why a subgraph call gave no usable answer; `internal` is the gateway failing to make the call at all. */
export type SubgraphFailure = 'timeout' | 'unreachable' | 'http_status' | 'bad_body' | 'internal';

/** A subgraph's circuit breaker: calling it, refusing calls to it, or letting one probe through. */
export type BreakerState = 'closed' | 'open' | 'half-open';

/** The value of `hub_subgraph_breaker_state` for each state. */
export const BREAKER_STATE_VALUE: Readonly<Record<BreakerState, number>> = { closed: 0, open: 1, 'half-open': 2 };

/** What the metrics read from an audit writer: an AuditWriter is one. */
export interface AuditQueueSource {
  readonly component: string;
  readonly queueDepth: number;
  readonly stats: { readonly failedBatches: number };
}

export interface MetricsText {
  contentType: string;
  body: string;
}

/** Seconds; subgraph calls and whole requests range from a millisecond to the subgraph timeout. */
const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

/**
 * The gateway's Prometheus metrics, in a registry of its own (two gateways in
 * one process, as in tests, do not share counters). Labels are bounded sets —
 * outcome, error code, subgraph, department — never a subject, resident or
 * request id, so the series count stays small and no personal data is exposed.
 */
export class GatewayMetrics {
  readonly registry = new Registry();
  private readonly requests: Counter<'outcome'>;
  private readonly requestSeconds: Histogram<'outcome'>;
  private readonly errors: Counter<'code'>;
  private readonly subgraphSeconds: Histogram<'subgraph' | 'outcome'>;
  private readonly subgraphFailures: Counter<'subgraph' | 'reason'>;
  private readonly rateLimited: Counter<'department'>;
  private readonly shortCircuited: Counter<'subgraph'>;
  private readonly breakerTransitions: Counter<'subgraph' | 'state'>;
  private readonly breakers = new Map<string, () => BreakerState>();
  private readonly probes = new Map<string, () => Promise<boolean>>();
  private readonly writers = new Set<() => Iterable<AuditQueueSource>>();

  constructor() {
    const registers = [this.registry];
    collectDefaultMetrics({ register: this.registry, prefix: 'hub_' });
    this.requests = new Counter({ name: 'hub_gateway_requests_total', help: 'GraphQL requests through the gateway, by how they ended', labelNames: ['outcome'], registers });
    this.requestSeconds = new Histogram({
      name: 'hub_gateway_request_duration_seconds',
      help: 'Time from receiving a GraphQL request to its response, by how it ended',
      labelNames: ['outcome'],
      buckets: LATENCY_BUCKETS,
      registers,
    });
    this.errors = new Counter({ name: 'hub_gateway_errors_total', help: 'Errors in gateway responses, by extensions.code', labelNames: ['code'], registers });
    this.subgraphSeconds = new Histogram({
      name: 'hub_subgraph_request_duration_seconds',
      help: 'Time of one call from the gateway to a subgraph, by subgraph and whether it answered',
      labelNames: ['subgraph', 'outcome'],
      buckets: LATENCY_BUCKETS,
      registers,
    });
    this.subgraphFailures = new Counter({
      name: 'hub_subgraph_failures_total',
      help: 'Subgraph calls that gave no usable answer, by subgraph and reason (timeout, unreachable, http_status, bad_body, internal)',
      labelNames: ['subgraph', 'reason'],
      registers,
    });
    this.rateLimited = new Counter({
      name: 'hub_rate_limited_total',
      help: 'Requests refused because their caller exceeded the rate limit, by the caller’s department',
      labelNames: ['department'],
      registers,
    });
    this.shortCircuited = new Counter({
      name: 'hub_subgraph_short_circuited_total',
      help: 'Subgraph calls refused at once because the subgraph’s circuit breaker was open, by subgraph',
      labelNames: ['subgraph'],
      registers,
    });
    this.breakerTransitions = new Counter({
      name: 'hub_subgraph_breaker_transitions_total',
      help: 'Changes of a subgraph’s circuit breaker, by subgraph and the state it moved to (closed, open, half-open)',
      labelNames: ['subgraph', 'state'],
      registers,
    });
    const breakers = this.breakers;
    new Gauge({
      name: 'hub_subgraph_breaker_state',
      help: 'Each subgraph’s circuit breaker: 0 closed (called), 1 open (calls refused at once), 2 half-open (one probe let through)',
      labelNames: ['subgraph'],
      registers,
      collect() {
        for (const [subgraph, state] of breakers) this.set({ subgraph }, BREAKER_STATE_VALUE[state()]);
      },
    });
    const probes = this.probes;
    new Gauge({
      name: 'hub_subgraph_up',
      help: '1 when the subgraph answered its readiness check at the last scrape, 0 otherwise',
      labelNames: ['subgraph'],
      registers,
      async collect() {
        const results = await Promise.all([...probes].map(async ([subgraph, probe]) => [subgraph, await probe().catch(() => false)] as const));
        for (const [subgraph, up] of results) this.set({ subgraph }, up ? 1 : 0);
      },
    });
    const writers = this.writers;
    const eachWriter = function* () {
      for (const source of writers) yield* source();
    };
    new Gauge({
      name: 'hub_audit_queue_depth',
      help: 'Audit events waiting in a writer to be committed (including the batch being committed), by component',
      labelNames: ['component'],
      registers,
      collect() {
        this.reset();
        for (const writer of eachWriter()) this.inc({ component: writer.component }, writer.queueDepth);
      },
    });
    new Gauge({
      name: 'hub_audit_failed_batches',
      help: 'Batches the audit store refused since the process started, by component: their accesses were not served',
      labelNames: ['component'],
      registers,
      collect() {
        this.reset();
        for (const writer of eachWriter()) this.inc({ component: writer.component }, writer.stats.failedBatches);
      },
    });
  }

  /** A request answered (or refused) by the gateway, with the codes of the errors it carried. */
  observeRequest(outcome: RequestOutcome, seconds: number, errorCodes: readonly string[]): void {
    this.requests.inc({ outcome });
    this.requestSeconds.observe({ outcome }, seconds);
    for (const code of errorCodes) this.errors.inc({ code });
  }

  /** One call to a subgraph; `failure` says why it gave no usable answer, if it did not. */
  observeSubgraphCall(subgraph: string, seconds: number, failure?: SubgraphFailure): void {
    this.subgraphSeconds.observe({ subgraph, outcome: failure ? 'failed' : 'answered' }, seconds);
    if (failure) this.subgraphFailures.inc({ subgraph, reason: failure });
  }

  observeRateLimited(department: string): void {
    this.rateLimited.inc({ department });
  }

  /** Reports the state of `subgraph`'s circuit breaker at each scrape. */
  watchBreaker(subgraph: string, state: () => BreakerState): void {
    this.breakers.set(subgraph, state);
  }

  /** A call to `subgraph` refused by its open breaker. */
  observeShortCircuit(subgraph: string): void {
    this.shortCircuited.inc({ subgraph });
  }

  /** `subgraph`'s breaker moved to `state`. */
  observeBreakerTransition(subgraph: string, state: BreakerState): void {
    this.breakerTransitions.inc({ subgraph, state });
  }

  /** Reports `subgraph` up or down at each scrape by asking `probe`. */
  probeSubgraph(subgraph: string, probe: () => Promise<boolean>): void {
    this.probes.set(subgraph, probe);
  }

  /** Reports the queues of the writers `source` returns at each scrape. */
  watchAuditWriters(source: () => Iterable<AuditQueueSource>): void {
    this.writers.add(source);
  }

  async expose(): Promise<MetricsText> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }
}
