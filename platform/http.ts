import http from 'node:http';
import { randomUUID } from 'node:crypto';
import { HeaderMap, type ApolloServer, type BaseContext, type HTTPGraphQLRequest } from '@apollo/server';
import { listen, type RunningServer } from './listen.js';
import { enterRequestScope, type Logger } from './logger.js';
import type { MetricsText } from './metrics.js';
import { checkQueryParameters, readJsonBody, resolveOperation, type DocumentLimits, type Refusal, type ResolvedOperation } from './request-guards.js';
import { inRequestSpan } from './tracing.js';

export const MAX_BODY_BYTES = 1_000_000;

export interface ServeOptions<TContext extends BaseContext> {
  server: ApolloServer<TContext>;
  host: string;
  port: number;
  logger: Logger;
  /**
   * How large a document may be before anything that depends on the caller
   * runs: every document is parsed once here, with these limits, and the
   * operation it runs resolved, before the context function is called.
   */
  documents: DocumentLimits;
  /**
   * Builds the per-request context; may throw a GraphQLError carrying
   * `extensions.http` (status, headers), which is then the whole answer.
   * It sees the parsed GraphQL request too, for checks that depend on the
   * operation, the operation it runs once resolved (absent when the request
   * carries no document, e.g. a persisted query's hash alone), and the body
   * text exactly as read (null for a GET), for checks bound to it.
   */
  context: (
    request: http.IncomingMessage,
    requestId: string,
    graphQLRequest: HTTPGraphQLRequest,
    operation: ResolvedOperation | undefined,
    rawBody: string | null,
    correlationId: string | null,
  ) => Promise<TContext>;
  /** Told of every GraphQL request refused here, before the context function, e.g. to count and record it. */
  refused?: (request: http.IncomingMessage, requestId: string, graphQLRequest: HTTPGraphQLRequest, refusal: Refusal, correlationId: string | null) => void;
  /**
   * Where the request id comes from. `own` (the default, and the gateway's):
   * a fresh UUID for every request, the caller's X-Request-Id kept only as a
   * correlation id. `forwarded`: a server only the gateway calls (a subgraph)
   * names its log lines by the UUID the gateway sends, so one request reads
   * as one across processes; its audit events take the request id from the
   * signed internal token, never from this header.
   */
  requestIds?: 'own' | 'forwarded';
  /** Answers `/health` and `/ready`. */
  ready?: () => Promise<boolean>;
  /** Answers `/metrics` in the Prometheus text format, when given. */
  metrics?: () => Promise<MetricsText>;
  /** Web pages served beside `/graphql` (the gateway's), when given. */
  pages?: PageRoutes;
}

/**
 * Paths a server answers besides `/graphql`, `/health`, `/ready` and
 * `/metrics`: the hub's web pages and their assets. What it leaves alone
 * gets the server's 404, so an unknown path stays unknown.
 */
export interface PageRoutes {
  /** Answers the request and resolves true, or resolves false, leaving the request to the server. */
  handle(request: http.IncomingMessage, response: http.ServerResponse, url: URL): Promise<boolean>;
  /**
   * Where a browser opening `/graphql` (GET, accepting text/html, no query)
   * is sent: a page of the hub's own, never a landing page loaded from a CDN.
   */
  landing: string;
}

/** Whether a GET of `/graphql` comes from a person's browser rather than a GraphQL client: it asks for HTML and carries no query. */
export function isBrowserVisit(method: string, headers: http.IncomingHttpHeaders, parameters: URLSearchParams): boolean {
  return (method === 'GET' || method === 'HEAD') && !parameters.has('query') && /(^|[\s,])text\/html(\s*[;,]|\s*$)/i.test(headers.accept ?? '');
}

/** Sends a whole answer with its length, so a client can tell a complete answer from a cut one. */
function sendText(response: http.ServerResponse, status: number, contentType: string, text: string, headers: Record<string, string> = {}): void {
  response.writeHead(status, { 'content-type': contentType, 'content-length': String(Buffer.byteLength(text)), ...headers });
  response.end(text);
}

export function sendJson(response: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  sendText(response, status, 'application/json; charset=utf-8', JSON.stringify(body), headers);
}

const errorBody = (message: string, code: string, more: Pick<Refusal, 'extensions' | 'locations'> = {}) => ({
  errors: [{ message, ...(more.locations ? { locations: more.locations } : {}), extensions: { code, ...more.extensions } }],
});

const sendRefusal = (response: http.ServerResponse, refusal: Refusal): void =>
  sendJson(response, refusal.status, errorBody(refusal.message, refusal.code ?? 'BAD_REQUEST', refusal));

export class BodyTooLarge extends Error {}

export async function readBodyBytes(request: http.IncomingMessage, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > limit) throw new BodyTooLarge();
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}

/** What the hub parses as a request body, in the words its refusals use. */
const ACCEPTED_MEDIA = 'send the body as application/json (optionally "; charset=utf-8"), uncompressed';

/** What a caller's X-Request-Id may be to be kept as its correlation id. */
export const CORRELATION_ID_PATTERN = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * The caller's X-Request-Id, kept only to correlate with the caller's own
 * logs: the hub's request id is always one it makes itself, so no caller can
 * choose the key under which another caller's events are filed. Undefined
 * when the header is malformed (a refusal), null when absent.
 */
export function correlationIdOf(headers: http.IncomingHttpHeaders): string | null | undefined {
  const value = headers['x-request-id'];
  if (value === undefined) return null;
  return typeof value === 'string' && CORRELATION_ID_PATTERN.test(value) ? value : undefined;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The gateway's request id as forwarded to a subgraph, when it is one the gateway could have made. */
function forwardedRequestId(headers: http.IncomingHttpHeaders): string | undefined {
  const value = headers['x-request-id'];
  return typeof value === 'string' && UUID.test(value) ? value : undefined;
}

const BAD_CORRELATION_ID: Refusal = {
  status: 400,
  code: 'BAD_USER_INPUT',
  message: "X-Request-Id is malformed: send one value of 1 to 128 letters, digits, '.', '_', ':' or '-'",
};

/** A header value fit to repeat to the caller: short, printable, else just "this". */
const shown = (value: string): string => (/^[\x20-\x7e]{1,64}$/.test(value) ? JSON.stringify(value) : 'this value');

/**
 * The hub reads exactly one kind of body: JSON in UTF-8, not compressed.
 * Anything else is refused with 415 saying what is accepted, rather than
 * guessed at: a body in another charset read as UTF-8 would be a different
 * request from the one the caller sent.
 */
export function checkBodyHeaders(headers: http.IncomingHttpHeaders): Refusal | undefined {
  const encoding = headers['content-encoding']?.trim().toLowerCase();
  if (encoding && encoding !== 'identity') {
    return { status: 415, message: `Content-Encoding ${shown(encoding)} is not accepted: ${ACCEPTED_MEDIA}` };
  }
  const contentType = headers['content-type'];
  if (!contentType) return { status: 415, message: `Content-Type is missing: ${ACCEPTED_MEDIA}` };
  const [mediaType = '', ...parameters] = contentType.split(';');
  if (mediaType.trim().toLowerCase() !== 'application/json') {
    return { status: 415, message: `Content-Type ${shown(mediaType.trim())} is not accepted: ${ACCEPTED_MEDIA}` };
  }
  for (const parameter of parameters) {
    const [name = '', ...value] = parameter.split('=');
    if (name.trim().toLowerCase() !== 'charset') continue;
    const charset = value.join('=').trim().replace(/^"(.*)"$/, '$1').toLowerCase();
    if (charset !== 'utf-8') return { status: 415, message: `charset ${shown(charset)} is not accepted: the body must be UTF-8; ${ACCEPTED_MEDIA}` };
  }
  return undefined;
}

/**
 * Strict UTF-8: a malformed byte is a refusal, never a replacement character
 * in what is executed or stored. A leading byte-order mark is dropped. Null
 * when the bytes are not UTF-8. Every body the hub reads goes through it.
 */
const utf8 = new TextDecoder('utf-8', { fatal: true });

export function decodeUtf8Strictly(bytes: Buffer): string | null {
  try {
    return utf8.decode(bytes);
  } catch {
    return null;
  }
}

function decodeUtf8(bytes: Buffer): { text: string } | { refusal: Refusal } {
  const text = decodeUtf8Strictly(bytes);
  return text === null ? { refusal: { status: 400, message: 'Request body is not valid UTF-8: send JSON encoded in UTF-8' } } : { text };
}

/** The document and operation name a request carries, wherever its method puts them; the body's members were type-checked already. */
function documentOf(method: string, parameters: URLSearchParams, body: unknown): { query?: string; operationName?: string } {
  if (method === 'GET') return { query: parameters.get('query') ?? undefined, operationName: parameters.get('operationName') ?? undefined };
  if (typeof body !== 'object' || body === null) return {};
  const { query, operationName } = body as { query?: unknown; operationName?: unknown };
  return { ...(typeof query === 'string' ? { query } : {}), ...(typeof operationName === 'string' ? { operationName } : {}) };
}

/**
 * Serves an Apollo Server on plain node:http at `/graphql`, with `/health`
 * and `/ready`, a request id of the hub's own making on every request (the
 * caller's X-Request-Id is echoed as x-correlation-id), and JSON errors that never
 * carry internals. Refusals that cost little come first, before anything
 * that depends on who the caller is: body size, media type, UTF-8, JSON
 * shape, then the document's tokens, operation and depth.
 */
export async function serveGraphQL<TContext extends BaseContext>(options: ServeOptions<TContext>): Promise<RunningServer> {
  const { server, logger } = options;
  const httpServer = http.createServer((request, response) => {
    void inRequestSpan(request, response, () => handle(request, response)).catch((error: unknown) => {
      logger.error({ err: error }, 'request handling failed');
      if (!response.headersSent) sendJson(response, 500, errorBody('Internal server error', 'INTERNAL_SERVER_ERROR'));
      // Headers are out: only a cut connection tells the client the answer is not whole.
      else response.destroy(error instanceof Error ? error : undefined);
    });
  });

  async function handle(request: http.IncomingMessage, response: http.ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://hub.invalid');
    const forwarded = options.requestIds === 'forwarded';
    const requestId = (forwarded ? forwardedRequestId(request.headers) : undefined) ?? randomUUID();
    response.setHeader('x-request-id', requestId);
    const correlationId = forwarded ? null : correlationIdOf(request.headers);
    if (correlationId) response.setHeader('x-correlation-id', correlationId);
    enterRequestScope(requestId);

    if (url.pathname === '/health') return sendJson(response, 200, { status: 'ok' });
    if (url.pathname === '/ready') {
      const ok = options.ready ? await options.ready().catch(() => false) : true;
      return sendJson(response, ok ? 200 : 503, { status: ok ? 'ready' : 'not ready' });
    }
    if (url.pathname === '/metrics' && options.metrics) {
      const { contentType, body } = await options.metrics();
      return sendText(response, 200, contentType, body);
    }
    if (options.pages && (await options.pages.handle(request, response, url))) return;
    if (url.pathname !== '/graphql') return sendJson(response, 404, errorBody('Not found: the GraphQL endpoint is /graphql', 'NOT_FOUND'));

    const method = request.method?.toUpperCase() ?? 'GET';
    if (options.pages && isBrowserVisit(method, request.headers, url.searchParams)) {
      response.writeHead(302, { location: options.pages.landing, 'content-length': '0' });
      response.end();
      return;
    }
    let body: unknown;
    let rawBody: string | null = null;
    if (method === 'POST') {
      const unacceptable = checkBodyHeaders(request.headers);
      if (unacceptable) return sendRefusal(response, unacceptable);
      let bytes: Buffer;
      try {
        bytes = await readBodyBytes(request, MAX_BODY_BYTES);
      } catch (error) {
        if (error instanceof BodyTooLarge) {
          return sendJson(response, 413, errorBody(`Request body is larger than ${MAX_BODY_BYTES} bytes`, 'BAD_REQUEST'));
        }
        throw error;
      }
      const decoded = decodeUtf8(bytes);
      if ('refusal' in decoded) return sendRefusal(response, decoded.refusal);
      rawBody = decoded.text;
      const read = readJsonBody(decoded.text);
      if ('refusal' in read) return sendRefusal(response, read.refusal);
      body = read.body;
    } else {
      const refusal = checkQueryParameters(url.searchParams);
      if (refusal) return sendRefusal(response, refusal);
    }

    const headers = new HeaderMap();
    for (const [key, value] of Object.entries(request.headers)) {
      if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
    }
    const httpGraphQLRequest: HTTPGraphQLRequest = { method, headers, search: url.search, body };

    if (correlationId === undefined) {
      options.refused?.(request, requestId, httpGraphQLRequest, BAD_CORRELATION_ID, null);
      return sendRefusal(response, BAD_CORRELATION_ID);
    }

    let operation: ResolvedOperation | undefined;
    const { query, operationName } = documentOf(method, url.searchParams, body);
    if (query !== undefined) {
      const resolved = resolveOperation(query, operationName, options.documents);
      if ('refusal' in resolved) {
        options.refused?.(request, requestId, httpGraphQLRequest, resolved.refusal, correlationId);
        return sendRefusal(response, resolved.refusal);
      }
      operation = resolved.resolved;
    }

    const result = await server.executeHTTPGraphQLRequest({
      httpGraphQLRequest,
      context: () => options.context(request, requestId, httpGraphQLRequest, operation, rawBody, correlationId),
    });

    for (const [key, value] of result.headers) response.setHeader(key, value);
    response.statusCode = result.status ?? 200;
    if (result.body.kind === 'complete') {
      response.setHeader('content-length', Buffer.byteLength(result.body.string));
      response.end(result.body.string);
      return;
    }
    try {
      for await (const chunk of result.body.asyncIterator) response.write(chunk);
    } catch (error) {
      logger.error({ err: error }, 'a streamed response failed midway; the connection is cut so the client sees it incomplete');
      response.destroy(error instanceof Error ? error : undefined);
      return;
    }
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
