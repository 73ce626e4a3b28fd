import { randomBytes } from 'node:crypto';
import type http from 'node:http';
import { sendJson, type PageRoutes } from '../platform/http.js';
import type { Logger } from '../platform/logger.js';
import { siteFor, type BuiltSite, type PageFile, type Served } from './assets.js';
import { ASSET_PREFIX, LANDING_PAGE, PAGES, type PageDefinition } from './pages.js';

/**
 * Serves the hub's web pages and their assets from the gateway's HTTP
 * server, beside /graphql: same origin, so a page reads through the gateway
 * as any caller does, with its token, and every read is checked and recorded.
 * Only what the build made is served, looked up by exact path in memory:
 * nothing on disk is reachable from a URL, so no directory is listed and no
 * `..` leads anywhere.
 */

/**
 * What every page and asset is served with. `default-src 'self'` with no
 * inline script or style and no data URL: a page runs only the hub's own
 * bundles and talks only to the hub. No framing, no referrer.
 */
export const CONTENT_SECURITY_POLICY = "default-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'; object-src 'none'";

/**
 * A page's policy: the same, and style elements bearing this response's
 * nonce, which the page hands to the libraries that insert one (a dialog's
 * scroll lock); inline scripts and style attributes stay refused.
 */
export const pagePolicy = (nonce: string): string => `${CONTENT_SECURITY_POLICY}; style-src 'self' 'nonce-${nonce}'`;

export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
};

/** A year: an asset named by its hash never changes. */
const IMMUTABLE = 'public, max-age=31536000, immutable';

/** Whether the client takes gzip: named with a quality above zero, or through `*`. */
function acceptsGzip(header: string | undefined): boolean {
  for (const part of (header ?? '').split(',')) {
    const [name = '', ...parameters] = part.trim().toLowerCase().split(';');
    if (name.trim() !== 'gzip' && name.trim() !== '*') continue;
    const q = parameters.map((p) => p.trim()).find((p) => p.startsWith('q='));
    if (q === undefined || Number(q.slice(2)) > 0) return true;
  }
  return false;
}

function send(request: http.IncomingMessage, response: http.ServerResponse, file: Served): void {
  const headers: Record<string, string> = {
    ...SECURITY_HEADERS,
    'content-type': file.contentType,
    'cache-control': file.immutable ? IMMUTABLE : 'no-cache',
    etag: file.etag,
  };
  if (file.gzip) headers.vary = 'Accept-Encoding';
  const match = request.headers['if-none-match'];
  if (match !== undefined && match.split(',').some((tag) => tag.trim().replace(/^W\//, '') === file.etag)) {
    response.writeHead(304, headers);
    response.end();
    return;
  }
  const gzip = file.gzip && acceptsGzip(request.headers['accept-encoding']) ? file.gzip : null;
  const body = gzip ?? file.body;
  if (gzip) headers['content-encoding'] = 'gzip';
  response.writeHead(200, { ...headers, 'content-length': String(body.length) });
  response.end(request.method === 'HEAD' ? undefined : body);
}

/** A page, made for this response with a nonce of its own; never stored, as the nonce is this response's alone. */
function sendPage(request: http.IncomingMessage, response: http.ServerResponse, page: PageFile): void {
  const nonce = randomBytes(18).toString('base64');
  const body = page.html(nonce);
  response.writeHead(200, {
    ...SECURITY_HEADERS,
    'content-security-policy': pagePolicy(nonce),
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'no-store',
    'content-length': String(body.length),
  });
  response.end(request.method === 'HEAD' ? undefined : body);
}

export interface PageServerOptions {
  logger: Logger;
  /** The pages served; the hub's own (web/pages.ts) unless given. */
  pages?: readonly PageDefinition[];
}

/**
 * Starts building the pages now, so the first visitor does not wait for it:
 * what the entry points do once the gateway listens. A failure is logged
 * where it happens, and a page asked for later tries again.
 */
export function warmPages(logger: Logger, pages: readonly PageDefinition[] = PAGES): void {
  siteFor(pages, logger.child({ component: 'pages' })).catch(() => undefined);
}

/** The gateway's page routes: every registered page at its path, every asset under ASSET_PREFIX, and the explorer as the landing page. */
export function pageRoutes(options: PageServerOptions): PageRoutes {
  const pages = options.pages ?? PAGES;
  const paths = new Set<string>(pages.map((page) => page.path));
  const logger = options.logger.child({ component: 'pages' });
  return {
    landing: LANDING_PAGE,
    handle: async (request, response, url) => {
      const isPage = paths.has(url.pathname);
      if (!isPage && !url.pathname.startsWith(ASSET_PREFIX)) return false;
      const method = request.method?.toUpperCase() ?? 'GET';
      if (method !== 'GET' && method !== 'HEAD') {
        sendJson(response, 405, { errors: [{ message: `${method} is not allowed here: pages are read with GET`, extensions: { code: 'METHOD_NOT_ALLOWED' } }] }, { allow: 'GET, HEAD', ...SECURITY_HEADERS });
        return true;
      }
      let site: BuiltSite;
      try {
        site = await siteFor(pages, logger);
      } catch {
        // Logged once where it was built; the caller learns only that the pages are not there.
        sendJson(response, 503, { errors: [{ message: 'The web pages are not available right now', extensions: { code: 'SERVICE_UNAVAILABLE' } }] }, SECURITY_HEADERS);
        return true;
      }
      const page = isPage ? site.pages.get(url.pathname) : undefined;
      if (page) {
        sendPage(request, response, page);
        return true;
      }
      const file = site.assets.get(url.pathname);
      if (!file) return false;
      send(request, response, file);
      return true;
    },
  };
}
