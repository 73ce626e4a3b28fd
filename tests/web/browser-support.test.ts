import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testLogger } from '../support/servers.js';
import { pageRoutes } from '../../web/server.js';
import { browserTest, expectNotBlank, imageStats, isLocal, openBrowser, regionScreenshot } from '../support/browser.js';

/*
 * The browser support holds pages to what it promises: it sees console
 * errors, page errors and requests leaving the machine, and tells a blank
 * image from a drawn one. A watcher that saw nothing would pass every page.
 */

const PAGES: Readonly<Record<string, string>> = {
  '/misbehaving': `<!doctype html><html><head><script src="http://cdn.example.invalid/lib.js"></script></head><body><p>hello</p>
    <script>console.error('something failed'); setTimeout(() => { throw new Error('uncaught in page'); });</script></body></html>`,
  '/quiet': '<!doctype html><html><body><p>nothing wrong here</p><div id="drawn" style="width:120px;height:60px;background:linear-gradient(90deg,#c00,#00c)"></div><div id="empty" style="width:120px;height:60px"></div></body></html>',
};

let server: http.Server;
let origin: string;
beforeAll(async () => {
  // The hub's page routes beside a few pages of the test's own, on one loopback server.
  const routes = pageRoutes({ logger: testLogger });
  server = http.createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://test.invalid');
    const html = PAGES[url.pathname];
    if (html !== undefined) {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      response.end(html);
      return;
    }
    void routes.handle(request, response, url).then((answered) => {
      if (answered) return;
      response.writeHead(404);
      response.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
});

describe('the browser support', () => {
  it('records console errors, uncaught page errors and every request that would leave the machine, aborting it', async () => {
    const browsing = await openBrowser();
    await browsing.page.goto(`${origin}/misbehaving`);
    await expect.poll(() => browsing.problems.page.length).toBeGreaterThan(0);
    const problems = await browsing.close();
    expect(problems.offOrigin).toEqual(['http://cdn.example.invalid/lib.js']);
    expect(problems.console.some((text) => text.includes('something failed'))).toBe(true);
    expect(problems.page).toEqual(['Error: uncaught in page']);
  });

  it('counts a console error a test expected as expected, and one that never came as missing', async () => {
    const browsing = await openBrowser();
    browsing.expectConsoleError(/something failed/);
    browsing.expectConsoleError(/never logged/);
    await browsing.page.goto(`${origin}/misbehaving`);
    await expect.poll(() => browsing.problems.page.length).toBeGreaterThan(0);
    const problems = await browsing.close();
    expect(problems.console.some((text) => text.includes('something failed'))).toBe(false);
    expect(problems.unmatched).toEqual(['/never logged/']);
  });

  it('tells this machine from any other', () => {
    expect(['http://127.0.0.1:4000/explorer', 'http://localhost/x', 'http://[::1]:80/', 'data:text/plain,x'].map(isLocal)).toEqual([true, true, true, true]);
    expect(['https://cdn.jsdelivr.net/x.js', 'http://127.0.0.1.example.com/', 'https://fonts.googleapis.com/css'].map(isLocal)).toEqual([false, false, false]);
  });

  it('tells a blank image from a drawn one', () => {
    const blank = new PNG({ width: 40, height: 20 });
    blank.data.fill(255);
    expect(() => expectNotBlank(imageStats(PNG.sync.write(blank)))).toThrow(/blank/);
    const drawn = new PNG({ width: 40, height: 20 });
    for (let i = 0; i < drawn.data.length; i += 4) drawn.data.set([i % 256, (i * 7) % 256, (i * 13) % 256, 255], i);
    expect(() => expectNotBlank(imageStats(PNG.sync.write(drawn)))).not.toThrow();
  });

  browserTest('checks a region of a page, such as a chart, is not blank', async ({ page }) => {
    await page.goto(`${origin}/quiet`);
    const { stats } = await regionScreenshot(page.locator('#drawn'), 'drawn-region');
    expect(stats.colours).toBeGreaterThan(8);
    await expect(regionScreenshot(page.locator('#empty'), 'empty-region')).rejects.toThrow(/blank/);
  });

  browserTest('opens the explorer’s dialogs under its Content-Security-Policy without a violation', async ({ page }) => {
    await page.goto(`${origin}/explorer`);
    await page.locator('.graphiql-query-editor .CodeMirror').first().waitFor();
    for (const label of ['Open settings dialog', 'Open short keys dialog']) {
      await page.getByRole('button', { name: label }).click();
      await page.getByRole('dialog').waitFor();
      await page.keyboard.press('Escape');
      await page.getByRole('dialog').waitFor({ state: 'detached' });
    }
    await page.getByRole('button', { name: 'Show Documentation Explorer' }).click();
  });
});
