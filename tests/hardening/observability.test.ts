import http from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseEnv } from '../../hub/env.js';
import { createLogger } from '../../platform/logger.js';
import { startTracing } from '../../platform/tracing.js';
import { persons } from '../../subgraphs/police/db/schema.js';
import { startHubWithFaultyUpstream, type FaultyUpstream } from '../support/faults.js';
import { graphql } from '../support/graphql.js';
import type { TestHub } from '../support/hub.js';
import { testLogger } from '../support/servers.js';

/*
 * What an operator sees of a running hub: health and readiness, Prometheus
 * metrics that move with the traffic, log lines tied to their request, and
 * traces that arrive at an OTLP receiver only when tracing is switched on.
 * The labour subgraph sits behind a stand-in the tests can take down.
 */

let hub: TestHub;
let labour: FaultyUpstream;
let personId: string;
const logLines: Record<string, unknown>[] = [];

const base = () => hub.gatewayUrl.replace(/\/graphql$/, '');
const DOSSIER = `query($id: ID!) { person(id: $id) { name employments { edges { node { position } } } } }`;
const ask = () => graphql(hub.gatewayUrl, DOSSIER, { id: personId }, hub.headers('police'));

/** The value of one series in the Prometheus text exposition, 0 when it has no sample yet. */
async function sample(series: string): Promise<number> {
  const response = await fetch(`${base()}/metrics`);
  const text = await response.text();
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line ? Number(line.slice(series.length + 1)) : 0;
}

beforeAll(async () => {
  ({ hub, upstream: labour } = await startHubWithFaultyUpstream('labour', {
    persons: 40,
    key: 'observability',
    logger: createLogger('observability-test', 'warn', { write: (line: string) => void logLines.push(JSON.parse(line) as Record<string, unknown>) }),
  }));
  const [person] = await hub.databases.police.db.select({ id: persons.id }).from(persons).limit(1);
  personId = person!.id;
}, 120_000);

afterAll(async () => {
  await hub?.close();
  await labour?.close();
});

describe('health and readiness', () => {
  it('answers /health and reports the gateway ready once its supergraph is loaded', async () => {
    const health = await fetch(`${base()}/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok' });
    const ready = await fetch(`${base()}/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready' });
  });

  it('stays ready with a subgraph down, and says which one in the metrics instead', async () => {
    await labour.behave({ kind: 'down' });
    try {
      expect((await fetch(`${base()}/ready`)).status).toBe(200);
      expect(await sample('hub_subgraph_up{subgraph="labour"}')).toBe(0);
      expect(await sample('hub_subgraph_up{subgraph="police"}')).toBe(1);
    } finally {
      await labour.behave({ kind: 'pass' });
    }
    expect(await sample('hub_subgraph_up{subgraph="labour"}')).toBe(1);
  });
});

describe('the metrics at /metrics', () => {
  it('are served in the Prometheus text format with every named series', async () => {
    const response = await fetch(`${base()}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await response.text();
    for (const [name, type] of [
      ['hub_gateway_requests_total', 'counter'],
      ['hub_gateway_request_duration_seconds', 'histogram'],
      ['hub_gateway_errors_total', 'counter'],
      ['hub_subgraph_request_duration_seconds', 'histogram'],
      ['hub_subgraph_failures_total', 'counter'],
      ['hub_subgraph_up', 'gauge'],
      ['hub_subgraph_breaker_state', 'gauge'],
      ['hub_subgraph_breaker_transitions_total', 'counter'],
      ['hub_subgraph_short_circuited_total', 'counter'],
      ['hub_audit_queue_depth', 'gauge'],
      ['hub_audit_failed_batches', 'gauge'],
      ['hub_rate_limited_total', 'counter'],
    ]) {
      expect(text).toContain(`# TYPE ${name} ${type}`);
    }
    for (const component of ['police', 'housing', 'labour', 'health', 'audit', 'gateway']) {
      expect(text).toContain(`hub_audit_queue_depth{component="${component}"} 0`);
    }
  });

  it('count a request, its latency and each subgraph call it made', async () => {
    const before = {
      ok: await sample('hub_gateway_requests_total{outcome="ok"}'),
      latency: await sample('hub_gateway_request_duration_seconds_count{outcome="ok"}'),
      police: await sample('hub_subgraph_request_duration_seconds_count{subgraph="police",outcome="answered"}'),
      labour: await sample('hub_subgraph_request_duration_seconds_count{subgraph="labour",outcome="answered"}'),
    };
    const response = await ask();
    expect(response.body.errors).toBeUndefined();
    expect(await sample('hub_gateway_requests_total{outcome="ok"}')).toBe(before.ok + 1);
    expect(await sample('hub_gateway_request_duration_seconds_count{outcome="ok"}')).toBe(before.latency + 1);
    expect(await sample('hub_subgraph_request_duration_seconds_count{subgraph="police",outcome="answered"}')).toBe(before.police + 1);
    expect(await sample('hub_subgraph_request_duration_seconds_count{subgraph="labour",outcome="answered"}')).toBe(before.labour + 1);
  });

  it('count refused requests and errors by code', async () => {
    const refused = await sample('hub_gateway_requests_total{outcome="refused"}');
    const unauthenticated = await sample('hub_gateway_errors_total{code="UNAUTHENTICATED"}');
    const response = await graphql(hub.gatewayUrl, '{ persons(first: 1) { edges { node { id } } } }');
    expect(response.status).toBe(401);
    expect(await sample('hub_gateway_requests_total{outcome="refused"}')).toBe(refused + 1);
    expect(await sample('hub_gateway_errors_total{code="UNAUTHENTICATED"}')).toBe(unauthenticated + 1);
  });

  it('count a failing subgraph by subgraph and reason, and the partial answer it caused', async () => {
    const failures = await sample('hub_subgraph_failures_total{subgraph="labour",reason="http_status"}');
    const partial = await sample('hub_gateway_requests_total{outcome="partial"}');
    const unavailable = await sample('hub_gateway_errors_total{code="SUBGRAPH_UNAVAILABLE"}');
    await labour.behave({ kind: 'status', status: 502 });
    try {
      const response = await ask();
      expect(response.body.errors?.map((e) => e.extensions?.code)).toEqual(['SUBGRAPH_UNAVAILABLE']);
    } finally {
      await labour.behave({ kind: 'pass' });
    }
    expect(await sample('hub_subgraph_failures_total{subgraph="labour",reason="http_status"}')).toBe(failures + 1);
    expect(await sample('hub_gateway_requests_total{outcome="partial"}')).toBe(partial + 1);
    expect(await sample('hub_gateway_errors_total{code="SUBGRAPH_UNAVAILABLE"}')).toBe(unavailable + 1);
  });

  it('show a writer’s queue while its events wait for the audit store, and empty once they are committed', async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let locked!: () => void;
    const lockTaken = new Promise<void>((resolve) => (locked = resolve));
    // An administrator's long lock on the log: the writer's commit waits behind it.
    const holding = hub.audit.database.db.transaction(async (tx) => {
      await tx.execute(sql`LOCK TABLE audit_events IN ACCESS EXCLUSIVE MODE`);
      locked();
      await held;
    });
    await lockTaken;
    const meta = { principal: null, purpose: null, caseId: null };
    const waiting = Promise.all(
      Array.from({ length: 3 }, (_, i) =>
        hub.audit.writers.gateway.recordRequest({ meta: { ...meta, requestId: `queued-${i}-000` }, operationName: null, documentHash: null, outcome: 'error', errorCode: 'BAD_REQUEST', durationMs: 1 }),
      ),
    );
    try {
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(await sample('hub_audit_queue_depth{component="gateway"}')).toBe(3);
    } finally {
      release();
      await holding;
    }
    await waiting;
    expect(await sample('hub_audit_queue_depth{component="gateway"}')).toBe(0);
  });
});

describe('logs', () => {
  it('carry the request id on a line logged deep inside a subgraph without being handed it', async () => {
    // The labour database closed under the subgraph: its failure is logged by the error formatter, which knows nothing of requests.
    await hub.databases.labour.close();
    const response = await ask();
    expect(response.body.errors?.map((e) => e.extensions?.code)).toEqual(['INTERNAL_SERVER_ERROR']);
    const requestId = response.headers.get('x-request-id');
    const line = logLines.find((l) => l.msg === 'internal error while resolving' && l.subgraph === 'labour');
    expect(line?.requestId).toBe(requestId);
  });
});

describe('tracing', () => {
  const require = createRequire(import.meta.url);
  const sdkLoaded = () => Object.keys(require.cache).some((file) => file.includes('@opentelemetry/sdk-trace-node'));

  let receiver: http.Server;
  let receiverUrl: string;
  const exports: { path: string; body: OtlpTraces }[] = [];

  beforeAll(async () => {
    receiver = http.createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        exports.push({ path: request.url ?? '', body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as OtlpTraces });
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end('{}');
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await new Promise<void>((resolve) => receiver.close(() => resolve()));
  });

  it('is off by default: nothing is loaded and nothing is sent', async () => {
    expect(await startTracing(parseEnv({}), 'hub-test', testLogger)).toBeUndefined();
    expect(await startTracing(parseEnv({ OTEL_EXPORTER_OTLP_ENDPOINT: receiverUrl, HUB_TRACING: 'false' }), 'hub-test', testLogger)).toBeUndefined();
    await ask();
    expect(sdkLoaded()).toBe(false);
    expect(exports).toEqual([]);
  });

  it('sends the spans of a gateway request, and of the subgraph calls it made, to the OTLP receiver when switched on', async () => {
    const tracing = await startTracing(parseEnv({ OTEL_EXPORTER_OTLP_ENDPOINT: receiverUrl }), 'hub-test', testLogger);
    expect(tracing).toBeDefined();
    expect(sdkLoaded()).toBe(true);
    let requestId: string | null = null;
    try {
      const response = await graphql(hub.gatewayUrl, '{ persons(first: 2) { edges { node { id name } } } }', {}, hub.headers('police'));
      expect(response.body.errors).toBeUndefined();
      requestId = response.headers.get('x-request-id');
    } finally {
      await tracing?.shutdown();
    }
    expect(exports.length).toBeGreaterThan(0);
    expect(exports.every((e) => e.path === '/v1/traces')).toBe(true);
    const spans = exports.flatMap((e) => e.body.resourceSpans.flatMap((r) => r.scopeSpans.flatMap((s) => s.spans)));
    const attribute = (span: OtlpSpan, key: string) => span.attributes.find((a) => a.key === key)?.value.stringValue;
    const root = spans.find((s) => s.name === 'POST /graphql' && attribute(s, 'hub.request_id') === requestId);
    expect(root).toBeDefined();
    const trace = spans.filter((s) => s.traceId === root!.traceId);
    const names = trace.map((s) => s.name);
    expect(names).toEqual(expect.arrayContaining(['gateway.request', 'gateway.plan', 'gateway.execute', 'gateway.fetch']));
    // The police subgraph's own server span continues the same trace, under the gateway's fetch.
    const fetches = new Set(trace.filter((s) => s.name === 'gateway.fetch').map((s) => s.spanId));
    expect(trace.some((s) => s.name === 'POST /graphql' && s.parentSpanId !== undefined && fetches.has(s.parentSpanId))).toBe(true);
  });
});

interface OtlpSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  attributes: { key: string; value: { stringValue?: string } }[];
}
interface OtlpTraces {
  resourceSpans: { scopeSpans: { spans: OtlpSpan[] }[] }[];
}
