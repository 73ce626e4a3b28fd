import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { PNG } from 'pngjs';
import { expect, test } from 'vitest';

/**
 * The hub's pages in a real browser: Debian's chromium, headless, driven by
 * playwright-core, with a fresh profile per test. The page a test gets fails
 * that test on any console error or uncaught page error, and on any request
 * to a host other than this machine: such a request is aborted and recorded,
 * so a page that would reach a CDN or phone home fails here as it would fail
 * on an intranet with no internet.
 */

/** How the browser is started: headless, no sandbox (containers), and none of its own traffic (updates, sync, QUIC probes). */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Debian's chromium: where `which` finds it, else its usual place. */
export function chromiumPath(): string {
  try {
    const found = execFileSync('which', ['chromium'], { encoding: 'utf8' }).trim();
    if (found) return found;
  } catch {
    // Not on the PATH: the package's own place.
  }
  return '/usr/bin/chromium';
}

const LOCAL_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** Whether a URL stays on this machine; data: and blob: URLs never leave the page. */
export function isLocal(url: string): boolean {
  const parsed = new URL(url);
  return parsed.protocol === 'data:' || parsed.protocol === 'blob:' || LOCAL_HOSTS.has(parsed.hostname);
}

/** What went wrong in the browser while a test ran. */
export interface BrowserProblems {
  /** Console messages of type error (failed loads, CSP violations, logged errors). */
  console: string[];
  /** Uncaught exceptions and unhandled rejections in a page. */
  page: string[];
  /** Requests to any host but this machine's, aborted. */
  offOrigin: string[];
}

export interface Browsing {
  context: BrowserContext;
  page: Page;
  problems: BrowserProblems;
  /**
   * Declares a console error the test provokes on purpose (e.g. a refused
   * request's status): errors matching it are not counted, and the test fails
   * if none ever came.
   */
  expectConsoleError(pattern: RegExp): void;
}

/** Starts chromium with a new temporary profile, watching every page it opens. */
export async function openBrowser(): Promise<Browsing & { close(): Promise<BrowserProblems & { unmatched: string[] }> }> {
  const profile = await mkdtemp(path.join(os.tmpdir(), 'hub-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath(),
    headless: true,
    args: CHROMIUM_ARGS,
    serviceWorkers: 'block',
    viewport: { width: 1280, height: 800 },
    locale: 'zh-CN',
  });
  // Generous bounds for a busy machine: a wait that ends early ends the moment its condition holds.
  context.setDefaultTimeout(60_000);
  context.setDefaultNavigationTimeout(120_000);
  const problems: BrowserProblems = { console: [], page: [], offOrigin: [] };
  const expected: { pattern: RegExp; seen: boolean }[] = [];

  const watch = (page: Page) => {
    page.on('console', (message) => {
      if (message.type() !== 'error') return;
      const text = `${message.text()} (${message.location().url || page.url()})`;
      const allowed = expected.find((e) => e.pattern.test(text));
      if (allowed) allowed.seen = true;
      else problems.console.push(text);
    });
    page.on('pageerror', (error) => problems.page.push(`${error.name}: ${error.message}`));
  };
  context.on('page', watch);
  context.pages().forEach(watch);
  await context.route('**/*', async (route) => {
    const url = route.request().url();
    if (isLocal(url)) return route.continue();
    problems.offOrigin.push(url);
    return route.abort('blockedbyclient');
  });
  await context.routeWebSocket(/.*/, (socket) => {
    if (isLocal(socket.url())) return socket.connectToServer();
    problems.offOrigin.push(socket.url());
    return socket.close();
  });
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    context,
    page,
    problems,
    expectConsoleError: (pattern) => void expected.push({ pattern, seen: false }),
    close: async () => {
      await context.close();
      await rm(profile, { recursive: true, force: true });
      return { ...problems, unmatched: expected.filter((e) => !e.seen).map((e) => String(e.pattern)) };
    },
  };
}

/**
 * The browser's globals as code a test runs in the page sees them. Tests are
 * type-checked without the DOM's types, as the server is; a callback handed
 * to `page.evaluate` reaches them through `globalThis` cast to this.
 */
export interface PageGlobals {
  sessionStorage: { getItem(key: string): string | null };
  localStorage: { getItem(key: string): string | null };
  document: { documentElement: { lang: string }; querySelector(selector: string): unknown };
}

/** An item of the page's sessionStorage. */
/** Signs a page in with a caller token through the shared sign-in block, and waits until it says who is signed in. */
export async function signIn(page: Page, token: string): Promise<void> {
  await page.locator('input[name="token"]').fill(token);
  await page.locator('[data-action="sign-in"]').click();
  await page.locator('.hub-who').waitFor();
}

export const sessionItem = (page: Page, key: string): Promise<string | null> =>
  page.evaluate((name) => (globalThis as unknown as PageGlobals).sessionStorage.getItem(name), key);

/** All of the page's localStorage, as JSON text. */
export const localStorageText = (page: Page): Promise<string> => page.evaluate(() => JSON.stringify((globalThis as unknown as PageGlobals).localStorage));

/** The language the page's document says it is in. */
export const documentLanguage = (page: Page): Promise<string> => page.evaluate(() => (globalThis as unknown as PageGlobals).document.documentElement.lang);

/** Where screenshots go: HUB_SCREENSHOT_DIR, or a temporary folder made once per test file. */
let screenshotDir: string | undefined;
export function screenshotFolder(): string {
  screenshotDir ??= process.env.HUB_SCREENSHOT_DIR ?? mkdtempSync(path.join(os.tmpdir(), 'hub-screenshots-'));
  mkdirSync(screenshotDir, { recursive: true });
  return screenshotDir;
}

/** What an image holds: its size, its distinct colours, and how many pixels differ from its most common colour (the background). */
export interface ImageStats {
  width: number;
  height: number;
  colours: number;
  inked: number;
  /** inked / all pixels. */
  inkedShare: number;
}

export function imageStats(png: Buffer): ImageStats {
  const { width, height, data } = PNG.sync.read(png);
  const counts = new Map<number, number>();
  for (let i = 0; i < data.length; i += 4) {
    const colour = data.readUInt32BE(i);
    counts.set(colour, (counts.get(colour) ?? 0) + 1);
  }
  const background = Math.max(...counts.values());
  const pixels = width * height;
  return { width, height, colours: counts.size, inked: pixels - background, inkedShare: pixels === 0 ? 0 : (pixels - background) / pixels };
}

/** What makes an image not blank: enough colours and enough pixels off the background. */
export interface NotBlank {
  minColours?: number;
  minInkedShare?: number;
}

export function expectNotBlank(stats: ImageStats, { minColours = 8, minInkedShare = 0.01 }: NotBlank = {}): void {
  expect(stats.width * stats.height, 'the image has no pixels').toBeGreaterThan(0);
  expect(stats.colours, `only ${stats.colours} colours: the image is blank`).toBeGreaterThanOrEqual(minColours);
  expect(stats.inkedShare, `only ${stats.inked} pixels off the background: the image is blank`).toBeGreaterThanOrEqual(minInkedShare);
}

const fileName = (name: string) => `${name.replace(/[^A-Za-z0-9_-]+/g, '-').slice(0, 80)}.png`;

/** Saves a screenshot of the whole page as a PNG and checks it is not blank; returns where it is and what it holds. */
export async function screenshot(page: Page, name: string, notBlank?: NotBlank): Promise<{ file: string; stats: ImageStats }> {
  const file = path.join(screenshotFolder(), fileName(name));
  const png = await page.screenshot({ fullPage: true });
  writeFileSync(file, png);
  const stats = imageStats(png);
  expectNotBlank(stats, notBlank);
  return { file, stats };
}

/** Saves a screenshot of one element (a chart, a table) and checks that region is not blank. */
export async function regionScreenshot(region: Locator, name: string, notBlank?: NotBlank): Promise<{ file: string; stats: ImageStats }> {
  const file = path.join(screenshotFolder(), fileName(name));
  const png = await region.screenshot();
  writeFileSync(file, png);
  const stats = imageStats(png);
  expectNotBlank(stats, notBlank);
  return { file, stats };
}

/**
 * A test with a browser: `browsing` (the context, its first page and what
 * went wrong) and `page`. After the test the browser is closed and the test
 * fails on any console or page error it did not expect, any request that
 * left the machine, or an expected console error that never came.
 */
export const browserTest = test.extend<{ browsing: Browsing; page: Page }>({
  // eslint-disable-next-line no-empty-pattern -- vitest reads a fixture's dependencies from its first parameter's pattern
  browsing: async ({}, use) => {
    const opened = await openBrowser();
    let closed: Awaited<ReturnType<typeof opened.close>> | undefined;
    try {
      await use(opened);
    } finally {
      closed = await opened.close();
    }
    expect(closed.offOrigin, 'requests that left the machine').toEqual([]);
    expect(closed.page, 'uncaught errors in the page').toEqual([]);
    expect(closed.console, 'console errors').toEqual([]);
    expect(closed.unmatched, 'console errors the test expected and never saw').toEqual([]);
  },
  page: async ({ browsing }, use) => {
    await use(browsing.page);
  },
});
