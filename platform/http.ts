import http from 'node:http';
import { randomUUID } from 'node:crypto';
import { HeaderMap, type ApolloServer, type BaseContext, type HTTPGraphQLRequest } from '@apollo/server';
import { listen } from './listen.js';
import { enterRequestScope, type Logger } from './logger.js';
import type { MetricsText } from './metrics.js';
import { checkQueryParameters, readJsonBody } from './request-guards.js';
import { inRequestSpan } from './tracing.js';

export const MAX_BODY_BYTES = 1_000_000;

export interface ServeOptions<TContext extends BaseContext> {
  server: ApolloServer<TContext>;
  host: string;
  port: number;
  logger: Logger;
  /**
   * Builds the per-request context; may throw a GraphQLError carrying
   * `extensions.http` (status, headers), which is then the whole answer.
   * It sees the parsed GraphQL request too, for checks that depend on the operation,
   * and the body text exactly as read (null for a GET), for checks bound to it.
   */
  context: (request: http.IncomingMessage, requestId: string, graphQLRequest: HTTPGraphQLRequest, rawBody: string | null) => Promise<TContext>;
  /** Answers `/health` and `/ready`. */
  ready?: () => Promise<boolean>;
  /** Answers `/metrics` in the Prometheus text format, when given. */
  metrics?: () => Promise<MetricsText>;
}

export interface RunningServer {
  url: string;
  port: number;
  /** Stops accepting requests and resolves once in-flight ones finished (or the grace period ran out). */
  close(graceMs?: number): Promise<void>;
}

export function sendJson(response: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  response.end(text);
}

const errorBody = (message: string, code: string) => ({ errors: [{ message, extensions: { code } }] });

export class BodyTooLarge extends Error {}

export async function readBody(request: http.IncomingMessage, limit: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > limit) throw new BodyTooLarge();
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * Serves an Apollo Server on plain node:http at `/graphql`, with `/health`
 * and `/ready`, a request id on every request, a body size limit, and JSON
 * errors that never carry internals.
 */
export async function serveGraphQL<TContext extends BaseContext>(options: ServeOptions<TContext>): Promise<RunningServer> {
  const { server, logger } = options;
  const httpServer = http.createServer((request, response) => {
    void inRequestSpan(request, response, () => handle(request, response)).catch((error: unknown) => {
      logger.error({ err: error }, 'request handling failed');
      if (!response.headersSent) sendJson(response, 500, errorBody('Internal server error', 'INTERNAL_SERVER_ERROR'));
      else response.end();
    });
  });

  async function handle(request: http.IncomingMessage, response: http.ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://hub.invalid');
    const incomingId = request.headers['x-request-id'];
    const requestId =
      typeof incomingId === 'string' && /^[A-Za-z0-9._-]{8,64}$/.test(incomingId) ? incomingId : randomUUID();
    response.setHeader('x-request-id', requestId);
    enterRequestScope(requestId);

    if (url.pathname === '/health') return sendJson(response, 200, { status: 'ok' });
    if (url.pathname === '/ready') {
      const ok = options.ready ? await options.ready().catch(() => false) : true;
      return sendJson(response, ok ? 200 : 503, { status: ok ? 'ready' : 'not ready' });
    }
    if (url.pathname === '/metrics' && options.metrics) {
      const { contentType, body } = await options.metrics();
      response.writeHead(200, { 'content-type': contentType });
      return void response.end(body);
    }
    if (url.pathname !== '/graphql') return sendJson(response, 404, errorBody('Not found: the GraphQL endpoint is /graphql', 'NOT_FOUND'));

    let body: unknown;
    let rawBody: string | null = null;
    if (request.method === 'POST') {
      let text: string;
      try {
        text = await readBody(request, MAX_BODY_BYTES);
      } catch (error) {
        if (error instanceof BodyTooLarge) {
          return sendJson(response, 413, errorBody(`Request body is larger than ${MAX_BODY_BYTES} bytes`, 'BAD_REQUEST'));
        }
        throw error;
      }
      rawBody = text;
      const contentType = request.headers['content-type'] ?? '';
      if (contentType.includes('application/json')) {
        const read = readJsonBody(text);
        if ('refusal' in read) return sendJson(response, read.refusal.status, errorBody(read.refusal.message, 'BAD_REQUEST'));
        body = read.body;
      } else {
        body = text;
      }
    } else {
      const refusal = checkQueryParameters(url.searchParams);
      if (refusal) return sendJson(response, refusal.status, errorBody(refusal.message, 'BAD_REQUEST'));
    }

    const headers = new HeaderMap();
    for (const [key, value] of Object.entries(request.headers)) {
      if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
    }

    const httpGraphQLRequest: HTTPGraphQLRequest = { method: request.method?.toUpperCase() ?? 'GET', headers, search: url.search, body };
    const result = await server.executeHTTPGraphQLRequest({
      httpGraphQLRequest,
      context: () => options.context(request, requestId, httpGraphQLRequest, rawBody),
    });

    for (const [key, value] of result.headers) response.setHeader(key, value);
    response.statusCode = result.status ?? 200;
    if (result.body.kind === 'complete') {
      response.end(result.body.string);
      return;
    }
    for await (const chunk of result.body.asyncIterator) response.write(chunk);
    response.end();
  }

  return listen(httpServer, { host: options.host, port: options.port, path: '/graphql' });
}

/** Starts an Apollo Server and serves it; closing drains HTTP first, then stops the server. */
export async function startApollo<TContext extends BaseContext>(
  options: ServeOptions<TContext>,
): Promise<RunningServer & { server: ApolloServer<TContext> }> {
  await options.server.start();
  const running = await serveGraphQL(options);
  return {
    ...running,
    server: options.server,
    close: async (graceMs?: number) => {
      await running.close(graceMs);
      await options.server.stop();
    },
  };
}
