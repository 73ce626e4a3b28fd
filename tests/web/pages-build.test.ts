import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../platform/logger.js';
import { buildSite } from '../../web/assets.js';
import { PAGES, type PageDefinition } from '../../web/pages.js';
import { pageRoutes } from '../../web/server.js';

/*
 * The build of the pages: the same sources always make the same files under
 * the same names (several gateway processes serve one set of names), and a
 * build that fails answers 503 with nothing of the server in it, is logged
 * once, and is not started again by every request that follows.
 */

const BROKEN: readonly PageDefinition[] = [{ name: 'explorer', path: '/broken', title: { zh: '坏', en: 'Broken' }, entry: 'no-such-entry.ts' }];

const lines: Record<string, unknown>[] = [];
const logger = createLogger('pages-test', 'info', { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) });

let server: http.Server;
let origin: string;
beforeAll(async () => {
  const routes = pageRoutes({ logger, pages: BROKEN });
  server = http.createServer((request, response) => {
    void routes.handle(request, response, new URL(request.url ?? '/', 'http://test.invalid')).then((answered) => {
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

describe('the pages’ build', () => {
  it('makes the same files under the same names from the same sources', async () => {
    const [first, second] = [await buildSite(PAGES), await buildSite(PAGES)];
    expect([...second.assets.keys()]).toEqual([...first.assets.keys()]);
    for (const [path, file] of first.assets) expect(second.assets.get(path)?.body.equals(file.body), path).toBe(true);
    for (const page of PAGES) expect(second.pages.get(page.path)?.html('n').equals(first.pages.get(page.path)!.html('n')), page.path).toBe(true);
  });

  it('that fails answers 503 without internals, is logged once, and is not tried again by the requests that follow', async () => {
    const answers = [];
    for (let i = 0; i < 3; i += 1) answers.push(await fetch(`${origin}/broken`));
    for (const answer of answers) {
      expect(answer.status).toBe(503);
      const text = await answer.text();
      expect(JSON.parse(text).errors[0].extensions.code).toBe('SERVICE_UNAVAILABLE');
      expect(text).not.toMatch(/no-such-entry|\/work|web\/|esbuild|at /);
    }
    expect(lines.filter((line) => line.msg === 'the web pages could not be built')).toHaveLength(1);
    expect((await fetch(`${origin}/assets/anything.js`)).status).toBe(503);
    expect(lines.filter((line) => line.msg === 'the web pages could not be built')).toHaveLength(1);
  });
});
