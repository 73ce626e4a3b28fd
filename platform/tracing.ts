import type http from 'node:http';
import type * as OpenTelemetry from '@opentelemetry/api';
import { isTracingEnabled } from './env.js';
import type { Logger } from './logger.js';

type Api = typeof OpenTelemetry;


/** The variables tracing reads (hub/env.ts checks them). */
export interface TracingEnv {
  HUB_TRACING?: boolean | undefined;
  OTEL_EXPORTER_OTLP_ENDPOINT?: string | undefined;
  OTEL_SERVICE_NAME?: string | undefined;
}

/**
 * The OpenTelemetry API once tracing is on; until then undefined, and no
 * OpenTelemetry module is loaded by this one. Tracing is an operator's
 * choice: a hub that did not ask for it neither pays for it nor sends anything.
 */
let api: Api | undefined;

export interface Tracing {
  /** Sends the spans still buffered and stops tracing. */
  shutdown(): Promise<void>;
}

/** Where spans go: the OTLP/HTTP traces path under the configured endpoint. */
export function tracesUrl(endpoint: string | undefined): string {
  return `${(endpoint ?? 'http://localhost:4318').replace(/\/+$/, '')}/v1/traces`;
}

/**
 * Switches tracing on when the configuration asks for it (HUB_TRACING, or an
 * OTLP endpoint): spans of every request the process serves, of the gateway's
 * query planning and of each subgraph call, exported in batches over OTLP/HTTP.
 * The W3C trace context travels to the subgraphs so one trace covers a request
 * across processes. Returns undefined, having loaded nothing, when off.
 */
export async function startTracing(env: TracingEnv, serviceName: string, logger: Logger): Promise<Tracing | undefined> {
  if (!isTracingEnabled(env) || api) return undefined;
  const [otel, { NodeTracerProvider, BatchSpanProcessor }, { OTLPTraceExporter }, { resourceFromAttributes }] = await Promise.all([
    import('@opentelemetry/api'),
    import('@opentelemetry/sdk-trace-node'),
    import('@opentelemetry/exporter-trace-otlp-http'),
    import('@opentelemetry/resources'),
  ]);
  const url = tracesUrl(env.OTEL_EXPORTER_OTLP_ENDPOINT);
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ 'service.name': env.OTEL_SERVICE_NAME ?? serviceName }),
    spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter({ url }))],
  });
  provider.register();
  api = otel;
  logger.info({ url }, 'tracing on: spans are exported over OTLP/HTTP');
  return {
    shutdown: async () => {
      await provider.shutdown().catch((error: unknown) => logger.warn({ err: error }, 'the last spans could not be exported'));
      otel.trace.disable();
      otel.context.disable();
      otel.propagation.disable();
      api = undefined;
    },
  };
}

/**
 * Runs the handling of one HTTP request inside a server span that continues
 * the caller's trace (a `traceparent` header), so every span started while
 * handling it — the gateway's planning and fetches — hangs under it.
 */
export function inRequestSpan(request: http.IncomingMessage, response: http.ServerResponse, handle: () => Promise<void>): Promise<void> {
  const otel = api;
  if (!otel) return handle();
  const parent = otel.propagation.extract(otel.context.active(), request.headers);
  const path = (request.url ?? '/').split('?')[0] ?? '/';
  return otel.trace.getTracer('population-data-hub').startActiveSpan(
    `${request.method ?? 'GET'} ${path}`,
    { kind: otel.SpanKind.SERVER, attributes: { 'http.request.method': request.method ?? 'GET', 'url.path': path } },
    parent,
    async (span) => {
      try {
        await handle();
      } catch (error) {
        span.setStatus({ code: otel.SpanStatusCode.ERROR });
        throw error;
      } finally {
        const requestId = response.getHeader('x-request-id');
        if (typeof requestId === 'string') span.setAttribute('hub.request_id', requestId);
        span.setAttribute('http.response.status_code', response.statusCode);
        if (response.statusCode >= 500) span.setStatus({ code: otel.SpanStatusCode.ERROR });
        span.end();
      }
    },
  );
}

/** Adds the current trace context to an outgoing request's headers (nothing when tracing is off). */
export function injectTraceContext(headers: { set(name: string, value: string): void }): void {
  const otel = api;
  if (!otel) return;
  otel.propagation.inject(otel.context.active(), headers, { set: (carrier, key, value) => carrier.set(key, value) });
}
