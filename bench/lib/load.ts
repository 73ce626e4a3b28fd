import autocannon from 'autocannon';
import { at } from '../../platform/arrays.js';

/** One measured load run: throughput, latency percentiles (ms) and every kind of failure. */
export interface LoadResult {
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  /** Socket errors (timeouts among them), non-2xx answers and 2xx answers carrying GraphQL errors. */
  errors: number;
  requests: number;
  /** The first failing answer, to say what went wrong. */
  firstError?: string;
}

export interface LoadOptions {
  url: string;
  connections: number;
  seconds: number;
  headers?: Record<string, string>;
  query: string;
  /** Variables per request; called for every request, so each may ask for another resident. */
  variables?: () => Record<string, unknown>;
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return at(sorted, Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1));
}

export const median = (values: readonly number[]): number => percentile([...values].sort((a, b) => a - b), 50);

/**
 * One autocannon run over loopback. Latencies are kept per response (autocannon's
 * own summary has no p95), and every body is checked for GraphQL errors, as the
 * public gateways benchmark's k6 script does: a fast wrong answer is an error.
 */
export async function load(options: LoadOptions): Promise<LoadResult> {
  const latencies: number[] = [];
  let graphqlErrors = 0;
  let firstError: string | undefined;
  const body = (): string => JSON.stringify({ query: options.query, ...(options.variables ? { variables: options.variables() } : {}) });
  const fixed = options.variables ? undefined : body();
  let finish: (error: Error | null, result: autocannon.Result) => void = () => undefined;
  const done = new Promise<autocannon.Result>((resolve, reject) => {
    finish = (error, result) => (error ? reject(error) : resolve(result));
  });
  const instance = autocannon({
    url: options.url,
    method: 'POST',
    connections: options.connections,
    duration: options.seconds,
    headers: { 'content-type': 'application/json', ...options.headers },
    body: fixed,
    requests: [
      {
        ...(fixed ? {} : { setupRequest: (request: autocannon.Request) => ({ ...request, body: body() }) }),
        onResponse: (status: number, responseBody: string) => {
          const failed = status < 200 || status >= 300 || responseBody.includes('"errors"');
          if (failed && status >= 200 && status < 300) graphqlErrors += 1;
          if (failed) firstError ??= `${status} ${responseBody.slice(0, 300)}`;
        },
      },
    ],
  }, (error: Error | null, result) => finish(error, result));
  instance.on('reqError', (error: Error) => (firstError ??= error.message));
  instance.on('response', (_client: unknown, _status: number, _bytes: number, responseTime: number) => latencies.push(responseTime));
  const result = await done;
  latencies.sort((a, b) => a - b);
  return {
    rps: latencies.length / result.duration,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    errors: result.errors + result.non2xx + graphqlErrors,
    requests: latencies.length,
    ...(firstError ? { firstError } : {}),
  };
}

/**
 * `connections` clients that each wait a while between answers, as people at
 * desks do: a think time drawn around `thinkMs` (exponentially, so arrivals do
 * not fall into step), then a request, awaited. Unlike a rate limit that lets
 * a second's requests go at once, this measures the latency of a request that
 * meets no queue of its own making.
 */
export async function pacedLoad(options: LoadOptions & { thinkMs: number }): Promise<LoadResult> {
  const latencies: number[] = [];
  let errors = 0;
  let firstError: string | undefined;
  const started = performance.now();
  const deadline = started + options.seconds * 1000;
  const think = () => new Promise((resolve) => setTimeout(resolve, -Math.log(1 - Math.random()) * options.thinkMs));
  const client = async () => {
    for (await think(); performance.now() < deadline; await think()) {
      const body = JSON.stringify({ query: options.query, ...(options.variables ? { variables: options.variables() } : {}) });
      const sent = performance.now();
      try {
        const response = await fetch(options.url, { method: 'POST', headers: { 'content-type': 'application/json', ...options.headers }, body });
        const text = await response.text();
        latencies.push(performance.now() - sent);
        if (!response.ok || text.includes('"errors"')) {
          errors += 1;
          firstError ??= `${response.status} ${text.slice(0, 300)}`;
        }
      } catch (error) {
        errors += 1;
        firstError ??= (error as Error).message;
      }
    }
  };
  await Promise.all(Array.from({ length: options.connections }, client));
  latencies.sort((a, b) => a - b);
  return {
    rps: latencies.length / ((performance.now() - started) / 1000),
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    errors,
    requests: latencies.length,
    ...(firstError ? { firstError } : {}),
  };
}

/** Medians over several runs of one configuration. */
export interface Summary extends LoadResult {
  runs: number;
  /** Requests per second of each run, in the order they were taken. */
  rpsByRun: number[];
  /** CPU time the server spent per answered request, over all measured runs, when it can tell. */
  cpuMsPerRequest?: number;
}

export function summarise(results: readonly LoadResult[]): Summary {
  return {
    rps: median(results.map((r) => r.rps)),
    p50: median(results.map((r) => r.p50)),
    p95: median(results.map((r) => r.p95)),
    p99: median(results.map((r) => r.p99)),
    errors: results.reduce((sum, r) => sum + r.errors, 0),
    requests: results.reduce((sum, r) => sum + r.requests, 0),
    runs: results.length,
    rpsByRun: results.map((r) => r.rps),
  };
}

/**
 * The median, over runs, of a's throughput over b's in the same turn. Runs
 * taken in turns sit next to each other in time, so when the machine's load
 * drifts during the measurement (other work starting or stopping), each pair
 * shares it, where a ratio of medians would compare different moments.
 */
export function pairedRatio(a: Summary, b: Summary): number {
  return median(a.rpsByRun.map((rps, i) => rps / (b.rpsByRun[i] ?? Number.NaN)));
}

export interface Contender {
  label: string;
  options: Omit<LoadOptions, 'seconds'>;
  /**
   * The server's CPU time used so far, in ms. CPU per request does not move
   * with what else the machine runs, where requests per second does.
   */
  cpuMs?: () => Promise<number>;
}

/**
 * Warms every contender up, then measures them in turns (A B A B ...), so a
 * noisy neighbour or a slow drift of the machine falls on all of them alike.
 */
export async function compare(contenders: readonly Contender[], plan: { warmupSeconds: number; seconds: number; runs: number }, note: (line: string) => void): Promise<Map<string, Summary>> {
  for (const contender of contenders) await load({ ...contender.options, seconds: plan.warmupSeconds });
  const tallies = contenders.map((contender) => ({ contender, runs: [] as LoadResult[], cpuMs: 0 }));
  for (let run = 0; run < plan.runs; run += 1) {
    for (const tally of tallies) {
      const { contender } = tally;
      const cpuMs = contender.cpuMs;
      const before = await cpuMs?.();
      const result = await load({ ...contender.options, seconds: plan.seconds });
      if (cpuMs && before !== undefined) tally.cpuMs += (await cpuMs()) - before;
      tally.runs.push(result);
      note(`  run ${run + 1}/${plan.runs} ${contender.label}: ${result.rps.toFixed(0)} req/s, p99 ${result.p99.toFixed(1)} ms, ${result.errors} errors${result.firstError ? ` (first: ${result.firstError})` : ''}`);
    }
  }
  return new Map(
    tallies.map(({ contender, runs, cpuMs }) => {
      const summary = summarise(runs);
      return [contender.label, contender.cpuMs ? { ...summary, cpuMsPerRequest: cpuMs / summary.requests } : summary];
    }),
  );
}

/** What `compare` measured for one of the contenders it was given. */
export function summaryOf(results: ReadonlyMap<string, Summary>, label: string): Summary {
  const summary = results.get(label);
  if (!summary) throw new Error(`no contender was labelled ${JSON.stringify(label)}`);
  return summary;
}

const ms = (value: number) => (Number.isFinite(value) ? String(Math.round(value * 10) / 10) : '-');

/** A Markdown table of summaries, one row per contender. */
export function loadTable(rows: readonly [string, Summary][], firstColumn = 'configuration'): string {
  const withCpu = rows.some(([, s]) => s.cpuMsPerRequest !== undefined);
  const lines = [
    `| ${firstColumn} | req/s | p50 ms | p95 ms | p99 ms | errors | requests |${withCpu ? ' CPU ms / request |' : ''}`,
    `|---|---:|---:|---:|---:|---:|---:|${withCpu ? '---:|' : ''}`,
  ];
  for (const [label, s] of rows) {
    const cpu = withCpu ? ` ${s.cpuMsPerRequest === undefined ? '-' : s.cpuMsPerRequest.toFixed(2)} |` : '';
    lines.push(`| ${label} | ${s.rps.toFixed(0)} | ${ms(s.p50)} | ${ms(s.p95)} | ${ms(s.p99)} | ${s.errors} | ${s.requests.toLocaleString('en')} |${cpu}`);
  }
  return lines.join('\n');
}
