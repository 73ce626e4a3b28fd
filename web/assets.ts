import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import * as esbuild from 'esbuild';
import type { Logger } from '../platform/logger.js';
import { fromRoot } from '../platform/paths.js';
import { ASSET_PREFIX, SITE_NAME, type PageDefinition } from './pages.js';
import { ENVELOPE_ID, type PageEnvelope } from './shared/envelope.js';

/**
 * The pages' files, bundled from npm packages and the pages' own sources by
 * esbuild, in memory, when a page is first asked for: nothing is fetched at
 * run time and nothing is written to disk. Every asset is named by the hash
 * of its content, so a browser may keep it for ever; a page's HTML names the
 * assets of this build, so it is revalidated on every visit.
 */

/** One file as it is served. */
export interface Served {
  body: Buffer;
  /** The body gzipped, for text worth compressing. */
  gzip: Buffer | null;
  contentType: string;
  etag: string;
  /** Named by its content's hash: cacheable for ever. */
  immutable: boolean;
}

/**
 * A page's HTML, made for each response: it carries a nonce of that response,
 * which its Content-Security-Policy names, so the style elements some
 * libraries insert (dialogs' scroll locks) are allowed and no other inline
 * style or script is.
 */
export interface PageFile {
  html(nonce: string): Buffer;
}

export interface BuiltSite {
  /** Each page's HTML, by its path. */
  pages: ReadonlyMap<string, PageFile>;
  /** Each asset, by its path under ASSET_PREFIX. */
  assets: ReadonlyMap<string, Served>;
}

/** The browsers a government office runs: any Chromium, Firefox or Safari of the last few years. */
const BROWSERS = ['chrome109', 'edge109', 'firefox115', 'safari15.4'];

/** What each served extension is; a build that makes a file of any other kind fails, rather than serving it as something a browser might sniff. */
const CONTENT_TYPES: ReadonlyMap<string, string> = new Map([
  ['.js', 'text/javascript; charset=utf-8'],
  ['.css', 'text/css; charset=utf-8'],
  ['.html', 'text/html; charset=utf-8'],
  ['.txt', 'text/plain; charset=utf-8'],
  ['.json', 'application/json; charset=utf-8'],
  ['.svg', 'image/svg+xml'],
  ['.png', 'image/png'],
  ['.gif', 'image/gif'],
  ['.woff2', 'font/woff2'],
  ['.woff', 'font/woff'],
  ['.ttf', 'font/ttf'],
]);

/** The extension a data URL's media type is served under. */
const EXTENSIONS: ReadonlyMap<string, string> = new Map([
  ...[...CONTENT_TYPES].map(([extension, type]) => [type.split(';')[0] ?? type, extension] as const),
  ['application/font-woff2', '.woff2'],
  ['application/font-woff', '.woff'],
  ['application/x-font-ttf', '.ttf'],
]);

const COMPRESSIBLE = /^(text\/|application\/json|image\/svg\+xml)/;

const hashOf = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('base64url').slice(0, 16);

function served(body: Buffer, contentType: string, immutable: boolean): Served {
  return {
    body,
    gzip: COMPRESSIBLE.test(contentType) && body.length > 1024 ? gzipSync(body, { level: 9 }) : null,
    contentType,
    etag: `"${hashOf(body)}"`,
    immutable,
  };
}

function contentTypeOf(file: string): string {
  const type = CONTENT_TYPES.get(path.extname(file));
  if (!type) throw new Error(`the page bundle made ${path.basename(file)}, a kind of file the hub does not serve`);
  return type;
}

/**
 * Moves every `url(data:...)` of a style sheet (GraphiQL inlines its fonts and
 * icons) into a file of its own, served from the hub like any asset: the
 * pages' Content-Security-Policy allows fonts and images from the hub alone,
 * not from data URLs.
 */
function extractDataUrls(css: string, add: (name: string, body: Buffer) => string): string {
  return css.replace(/url\(\s*(["']?)data:([^;,"')]+)((?:;[^,"')]*)*),([^"')]*)\1\s*\)/g, (_whole, _quote, mediaType: string, parameters: string, payload: string) => {
    const extension = EXTENSIONS.get(mediaType.trim().toLowerCase());
    if (!extension) throw new Error(`a style sheet of the pages inlines a ${mediaType} data URL, a kind of file the hub does not serve`);
    const body = parameters.includes(';base64') ? Buffer.from(payload, 'base64') : Buffer.from(decodeURIComponent(payload), 'utf8');
    return `url(${add(`inline-${hashOf(body)}${extension}`, body)})`;
  });
}

/** The JSON of a page's envelope, safe inside its HTML: no `<` can close the block it sits in. */
const embedded = (value: unknown) => JSON.stringify(value).replace(/</g, '\\u003c');

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);

/** Where a response's nonce goes in a page: on the block of its data, whence the page's code reads it (web/shared/page-data.ts). */
const NONCE = '\u0000nonce\u0000';

function pageHtml(page: PageDefinition, files: { script: string; styles: readonly string[]; icon: string }): string {
  const envelope: PageEnvelope = { title: page.title, site: SITE_NAME, data: page.data?.() ?? null };
  return [
    '<!doctype html>',
    '<html lang="zh-CN">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="referrer" content="no-referrer">',
    `<title>${escapeHtml(`${page.title.zh} · ${SITE_NAME.zh}`)}</title>`,
    `<link rel="icon" href="${files.icon}" type="image/svg+xml">`,
    ...files.styles.map((href) => `<link rel="stylesheet" href="${href}">`),
    `<script type="module" src="${files.script}"></script>`,
    `<script type="application/json" id="${ENVELOPE_ID}" nonce="${NONCE}">${embedded(envelope)}</script>`,
    '</head>',
    '<body>',
    `<div id="app"><noscript>此页面需要启用 JavaScript。This page needs JavaScript.</noscript></div>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

/** Where esbuild believes it writes; nothing is written there. */
const OUT_DIR = fromRoot('web', '.build');

/** Bundles every page's entry and makes each page's HTML. */
export async function buildSite(pages: readonly PageDefinition[]): Promise<BuiltSite> {
  const result = await esbuild.build({
    absWorkingDir: fromRoot(),
    entryPoints: pages.map((page) => ({ in: fromRoot('web', page.name, page.entry), out: page.name })),
    outdir: OUT_DIR,
    write: false,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'browser',
    target: BROWSERS,
    minify: true,
    jsx: 'automatic',
    charset: 'utf8',
    // Licence notices of the bundled packages, served beside each bundle and linked from it.
    legalComments: 'linked',
    metafile: true,
    entryNames: '[name]-[hash]',
    chunkNames: 'chunk-[hash]',
    assetNames: '[name]-[hash]',
    publicPath: ASSET_PREFIX.replace(/\/$/, ''),
    loader: { '.woff2': 'file', '.woff': 'file', '.ttf': 'file', '.svg': 'file', '.png': 'file', '.gif': 'file' },
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'silent',
  });

  const assets = new Map<string, Served>();
  const add = (name: string, body: Buffer): string => {
    const url = `${ASSET_PREFIX}${name}`;
    assets.set(url, served(body, contentTypeOf(name), true));
    return url;
  };
  const urlOf = (file: string) => `${ASSET_PREFIX}${path.relative(OUT_DIR, path.resolve(fromRoot(), file)).split(path.sep).join('/')}`;
  for (const file of result.outputFiles) {
    const name = path.relative(OUT_DIR, file.path).split(path.sep).join('/');
    const body = name.endsWith('.css') ? Buffer.from(extractDataUrls(file.text, add), 'utf8') : Buffer.from(file.contents);
    add(name, body);
  }
  const iconBody = await readFile(fromRoot('web', 'shared', 'icon.svg'));
  const icon = add(`icon-${hashOf(iconBody)}.svg`, iconBody);

  const outputs = Object.entries(result.metafile.outputs);
  const built = new Map<string, PageFile>();
  for (const page of pages) {
    const entry = path.relative(fromRoot(), fromRoot('web', page.name, page.entry)).split(path.sep).join('/');
    const [script, output] = outputs.find(([, meta]) => meta.entryPoint === entry) ?? [];
    if (!script || !output) throw new Error(`the bundle of ${page.path} has no output for ${entry}`);
    const html = pageHtml(page, { script: urlOf(script), styles: output.cssBundle ? [urlOf(output.cssBundle)] : [], icon });
    const [before = '', after = ''] = html.split(NONCE);
    built.set(page.path, { html: (nonce) => Buffer.from(`${before}${nonce}${after}`, 'utf8') });
  }
  return { pages: built, assets };
}

/** How long a failed build is answered from memory before it is tried again: requests must not each start a build. */
export const RETRY_BUILD_AFTER_MS = 30_000;

const builds = new WeakMap<readonly PageDefinition[], { site: Promise<BuiltSite>; failedAt?: number }>();

/**
 * The site for these pages, built once per process and shared by every server
 * that serves them. A build that failed is logged once and tried again on a
 * call at least RETRY_BUILD_AFTER_MS later; calls before then get its failure.
 */
export function siteFor(pages: readonly PageDefinition[], logger: Logger): Promise<BuiltSite> {
  const known = builds.get(pages);
  if (known && (known.failedAt === undefined || Date.now() - known.failedAt < RETRY_BUILD_AFTER_MS)) return known.site;
  const started = performance.now();
  const entry: { site: Promise<BuiltSite>; failedAt?: number } = { site: buildSite(pages) };
  builds.set(pages, entry);
  entry.site.then(
    (site) => logger.info({ ms: Math.round(performance.now() - started), assets: site.assets.size }, 'web pages built'),
    (error: unknown) => {
      entry.failedAt = Date.now();
      logger.error({ err: error }, 'the web pages could not be built');
    },
  );
  return entry.site;
}
