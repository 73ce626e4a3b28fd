import http from 'node:http';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PURPOSE_NAMES, PURPOSE_REGISTRY } from '../../auth/purposes.js';
import { ASSET_PREFIX, PAGES } from '../../web/pages.js';
import { CONTENT_SECURITY_POLICY, pagePolicy, SECURITY_HEADERS } from '../../web/server.js';
import { startTestHub, type TestHub } from '../support/hub.js';

/*
 * The pages over HTTP, as the gateway serves them: every page and every file
 * it loads with its content type, the Content-Security-Policy and nosniff;
 * assets named by hash and cacheable; nothing else reachable, however the
 * path is written.
 */

let hub: TestHub;
let origin: string;
beforeAll(async () => {
  hub = await startTestHub({ persons: 0 });
  origin = new URL(hub.gatewayUrl).origin;
});
afterAll(async () => {
  await hub?.close();
});

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

/** A request with the path exactly as written: fetch would tidy `..` away before sending. */
function raw(path: string, options: { method?: string; headers?: Record<string, string> } = {}): Promise<Answer> {
  const { hostname, port } = new URL(origin);
  return new Promise((resolve, reject) => {
    const request = http.request({ hostname, port, path, method: options.method ?? 'GET', headers: options.headers ?? {} }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }));
      response.on('error', reject);
    });
    request.on('error', reject);
    request.end();
  });
}

/** The content type each kind of file must be served with. */
const TYPES: Readonly<Record<string, RegExp>> = {
  '.js': /^text\/javascript; charset=utf-8$/,
  '.css': /^text\/css; charset=utf-8$/,
  '.svg': /^image\/svg\+xml$/,
  '.woff2': /^font\/woff2$/,
  '.woff': /^font\/woff$/,
  '.png': /^image\/png$/,
  '.txt': /^text\/plain; charset=utf-8$/,
};
const extensionOf = (path: string) => /\.[a-z0-9]+$/.exec(path)?.[0] ?? '';

function expectSecured(answer: Answer, what: string, policy = CONTENT_SECURITY_POLICY): void {
  for (const [name, value] of Object.entries({ ...SECURITY_HEADERS, 'content-security-policy': policy })) expect(answer.headers[name], `${name} of ${what}`).toBe(value);
}

/** The nonce a page's data block carries. */
const nonceOf = (html: string) => /<script type="application\/json" id="page-data" nonce="([^"]+)">/.exec(html)?.[1];

/** Every file a page loads, and every file those load in turn (style sheets' url(), scripts' imports), by path. */
async function filesOf(html: string): Promise<Map<string, Answer>> {
  const found = new Map<string, Answer>();
  const queue = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]!);
  while (queue.length > 0) {
    const path = queue.shift()!;
    if (found.has(path)) continue;
    expect(path, 'a page loads only from the hub').toMatch(new RegExp(`^${ASSET_PREFIX}`));
    const answer = await raw(path);
    found.set(path, answer);
    const text = answer.body.toString('utf8');
    if (path.endsWith('.css')) queue.push(...[...text.matchAll(/url\(\s*["']?([^"')]+)["']?\s*\)/g)].map((m) => m[1]!));
    if (path.endsWith('.js')) queue.push(...[...text.matchAll(/["'](\/assets\/[^"']+|\.\/chunk-[A-Z0-9]+\.js)["']/g)].map((m) => new URL(m[1]!, `${origin}${path}`).pathname));
  }
  return found;
}

describe.each(PAGES.map((page) => [page.path, page] as const))('the page at %s', (path, page) => {
  it('is served as HTML with a strict Content-Security-Policy naming a nonce of its own, nosniff, never stored', async () => {
    const answer = await raw(path);
    expect(answer.status).toBe(200);
    expect(answer.headers['content-type']).toBe('text/html; charset=utf-8');
    const html = answer.body.toString('utf8');
    const nonce = nonceOf(html);
    expect(nonce).toMatch(/^[A-Za-z0-9+/]{24}$/);
    expectSecured(answer, path, pagePolicy(nonce!));
    expect(answer.headers['content-security-policy']).toMatch(/^default-src 'self';/);
    expect(pagePolicy(nonce!)).not.toMatch(/unsafe-inline|unsafe-eval|data:|https?:|\*/);
    expect(answer.headers['cache-control']).toBe('no-store');
    // Each response its own nonce.
    expect(nonceOf((await raw(path)).body.toString('utf8'))).not.toBe(nonce);
    expect(html).toContain(`<title>${page.title.zh} · `);
    // No inline code: every script is a file of the hub's, or data.
    for (const [tag] of html.matchAll(/<script[^>]*>/g)) expect(tag).toMatch(/ src="\/assets\/[^"]+"|type="application\/json"/);
    expect(html).not.toMatch(/ on[a-z]+=|style=|https?:\/\//);
  });

  it('loads every file it needs from the hub, each with its content type, the policy and nosniff, cacheable for ever by its hashed name', async () => {
    const html = (await raw(path)).body.toString('utf8');
    const files = await filesOf(html);
    expect([...files.keys()].some((p) => p.endsWith('.js'))).toBe(true);
    expect([...files.keys()].some((p) => p.endsWith('.css'))).toBe(true);
    for (const [file, answer] of files) {
      expect(answer.status, file).toBe(200);
      const type = TYPES[extensionOf(file)];
      expect(type, `a known kind of file: ${file}`).toBeDefined();
      expect(answer.headers['content-type'], file).toMatch(type!);
      expectSecured(answer, file);
      expect(answer.headers['cache-control'], file).toBe('public, max-age=31536000, immutable');
      expect(file, 'named by a hash of its content').toMatch(/-[A-Za-z0-9_-]{8,}\.[a-z0-9.]+$/);
    }
  });

  it('answers a repeated fetch of an asset with 304, and compresses for a client that takes gzip', async () => {
    const first = await raw(path);
    const script = /<script type="module" src="([^"]+)"/.exec(first.body.toString('utf8'))?.[1];
    const plain = await raw(script!);
    const again = await raw(script!, { headers: { 'if-none-match': String(plain.headers.etag) } });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
    const zipped = await raw(script!, { headers: { 'accept-encoding': 'gzip, br' } });
    expect(zipped.headers['content-encoding']).toBe('gzip');
    expect(zipped.headers.vary).toBe('Accept-Encoding');
    expect(gunzipSync(zipped.body).equals(plain.body)).toBe(true);
    const head = await raw(path, { method: 'HEAD' });
    expect([head.status, head.body.length, head.headers['content-type']]).toEqual([200, 0, 'text/html; charset=utf-8']);
  });

  it('is read, never written: another method is refused with 405 naming the ones allowed', async () => {
    const answer = await raw(path, { method: 'POST', headers: { 'content-type': 'application/json' } });
    expect(answer.status).toBe(405);
    expect(answer.headers.allow).toBe('GET, HEAD');
  });
});

describe('the explorer page', () => {
  it('is given the whole purpose registry as data, with its rules', async () => {
    const html = (await raw('/explorer')).body.toString('utf8');
    const block = /<script type="application\/json" id="page-data" nonce="[^"]+">([^<]*)<\/script>/.exec(html)?.[1];
    const { data } = JSON.parse(block!);
    expect(data.purposes.map((p: { name: string }) => p.name)).toEqual(PURPOSE_NAMES);
    for (const purpose of data.purposes) {
      const entry = PURPOSE_REGISTRY.get(purpose.name)!;
      expect(purpose).toMatchObject({ roles: [...entry.roles], needsCase: entry.needsCase, meaning: entry.meaning });
      expect(purpose.label.zh).toMatch(/\p{Script=Han}/u);
    }
  });
});

describe('paths that are no page', () => {
  it.each([
    '/nothing',
    '/explorer/',
    '/explorer/x',
    '/explorer.html',
    '/assets',
    '/assets/',
    '/assets/nothing.js',
    '/index.html',
    '/web/explorer/main.tsx',
    '/web/',
    '/node_modules/graphiql/package.json',
  ])('%s is 404', async (path) => {
    expect((await raw(path)).status).toBe(404);
  });

  it.each([
    '/explorer/../package.json',
    '/assets/../package.json',
    '/assets/../../package.json',
    '/assets/%2e%2e/package.json',
    '/assets/%2e%2e%2fpackage.json',
    '/assets/..%2fpackage.json',
    '/assets/..%5cpackage.json',
    '/assets/....//package.json',
    '/explorer/%2e%2e/web/pages.ts',
    '/assets/%252e%252e/package.json',
    '//etc/passwd',
    '/assets/../../../../etc/passwd',
  ])('%s reaches no file: 404', async (path) => {
    const answer = await raw(path);
    expect(answer.status).toBe(404);
    expect(answer.body.toString('utf8')).not.toMatch(/population-data-hub"|root:|PageDefinition/);
  });
});

describe('a browser opening /graphql', () => {
  it('is sent to the explorer, while GraphQL clients get GraphQL', async () => {
    const browser = await raw('/graphql', { headers: { accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' } });
    expect(browser.status).toBe(302);
    expect(browser.headers.location).toBe('/explorer');
    const client = await raw('/graphql', { headers: { accept: 'application/graphql-response+json, application/json' } });
    expect(client.status).not.toBe(302);
    expect(client.headers['content-type']).toMatch(/json/);
    const withQuery = await raw(`/graphql?query=${encodeURIComponent('{ __typename }')}`, { headers: { accept: 'text/html' } });
    expect(withQuery.status).not.toBe(302);
  });
});
