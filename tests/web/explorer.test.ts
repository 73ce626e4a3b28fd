import { afterAll, beforeAll, describe, expect } from 'vitest';
import { declarablePurposes, PURPOSE_REGISTRY, type Purpose } from '../../auth/purposes.js';
import { persons } from '../../subgraphs/police/db/schema.js';
import { PAGES } from '../../web/pages.js';
import { PURPOSE_LABELS } from '../../web/purpose-labels.js';
import { browserTest as it, documentLanguage, localStorageText, type PageGlobals, screenshot, sessionItem, signIn } from '../support/browser.js';
import { startTestHub, type TestHub } from '../support/hub.js';
import { claimsForRole } from '../support/tokens.js';
import type { Page } from 'playwright-core';

/*
 * The explorer in real headless Chromium against a real hub: a police officer
 * signs in with a token, declares a purpose, runs a dossier query and sees the
 * resident; the read is recorded under that purpose; nothing is fetched from
 * anywhere but the hub.
 */

let hub: TestHub;
let origin: string;
beforeAll(async () => {
  hub = await startTestHub({ persons: 60 });
  origin = new URL(hub.gatewayUrl).origin;
  // The pages are built on first use, as on a hub just started; built here, no test's first visit waits for it.
  expect((await fetch(`${origin}${PAGES[0]!.path}`)).status).toBe(200);
});
afterAll(async () => {
  await hub?.close();
});

const explorer = PAGES.find((page) => page.name === 'explorer');
if (!explorer) throw new Error('the page registry has no explorer');

/** The text of a GraphiQL editor (codemirror 5 keeps its instance on its wrapper). */
const editorText = (page: Page, editor: string) =>
  page.locator(`${editor} .CodeMirror`).first().evaluate((element) => (element as unknown as { CodeMirror: { getValue(): string } }).CodeMirror.getValue());

/** Puts a query in GraphiQL's editor, and waits until GraphiQL has taken it (it keeps the query in this tab's sessionStorage). */
async function setQuery(page: Page, query: string): Promise<void> {
  await page
    .locator('.graphiql-query-editor .CodeMirror')
    .first()
    .evaluate((element, text) => (element as unknown as { CodeMirror: { setValue(value: string): void } }).CodeMirror.setValue(text), query);
  await page.waitForFunction((text) => (globalThis as unknown as PageGlobals).sessionStorage.getItem('graphiql:query') === text, query);
}

/** Signs in by pasting a token, as a person would. */
/** Runs the query in the editor and waits for GraphiQL to show an answer containing `expected`. */
async function run(page: Page, expected: string): Promise<string> {
  await page.locator('.graphiql-execute-button').click();
  await page.waitForFunction(
    (text) => {
      const response = (globalThis as unknown as PageGlobals).document.querySelector('.graphiql-response .CodeMirror') as { CodeMirror?: { getValue(): string } } | null;
      return response?.CodeMirror?.getValue().includes(text) ?? false;
    },
    expected,
    { timeout: 30_000 },
  );
  return editorText(page, '.graphiql-response');
}

describe('the explorer at /explorer', () => {
  it('lets a police officer sign in, declare a purpose, and read a resident’s dossier, recorded under that purpose, with nothing fetched from off the machine', async ({ page, browsing }) => {
    const [resident] = await hub.databases.police.db.select({ id: persons.id, name: persons.name }).from(persons).limit(1);
    if (!resident) throw new Error('the test city has no residents');
    const claims = claimsForRole('police', { sub: 'officer-explorer' });
    const token = await hub.token(claims);

    await page.goto(`${origin}${explorer.path}`);
    await expect.poll(() => page.title()).toBe(`${explorer.title.zh} · 人口数据共享平台`);
    await page.locator('.graphiql-query-editor .CodeMirror').first().waitFor();

    await signIn(page, token);
    expect(await page.locator('.hub-who').textContent()).toContain('officer-explorer');
    // The purposes offered are exactly those the token's roles may declare, in the registry's order.
    const offered = await page.locator('#explorer-purpose option').evaluateAll((options) => options.map((o) => (o as unknown as { value: string }).value));
    expect(offered).toEqual(declarablePurposes(claims.roles ?? []));
    const purpose: Purpose = 'population-management';
    await page.locator('#explorer-purpose').selectOption(purpose);
    expect(await page.locator('.explorer-hint').textContent()).toBe(PURPOSE_REGISTRY.get(purpose)?.meaning);

    await setQuery(page, `query Dossier {\n  person(id: "${resident.id}") {\n    id\n    name\n    idNumber\n    status\n    residence { address since }\n  }\n}`);
    const answer = JSON.parse(await run(page, resident.name));
    expect(answer.errors).toBeUndefined();
    expect(answer.data.person).toMatchObject({ id: resident.id, name: resident.name });
    // The token stays in this tab's sessionStorage, and nowhere else a page can write.
    expect(await sessionItem(page, 'hub.token')).toBe(token);
    expect(await localStorageText(page)).not.toContain(token);

    // The gateway recorded the read as any other: this officer, this purpose, this resident.
    const events = await hub.audit.events();
    const read = events.find((e) => e.kind === 'access' && e.subject === 'officer-explorer' && e.recordIds.includes(resident.id));
    expect(read).toMatchObject({ purpose, typeName: 'Person' });

    await screenshot(page, 'explorer-dossier');
    expect(browsing.problems.offOrigin).toEqual([]);
  });

  it('shows a refusal in plain words, naming what to fix', async ({ page, browsing }) => {
    const token = await hub.token(claimsForRole('police'));
    const needsCase = [...PURPOSE_REGISTRY].find(([name, entry]) => entry.needsCase && declarablePurposes(['police']).includes(name));
    if (!needsCase) throw new Error('no purpose the police may declare needs a case number');
    // The browser logs the refused request's status; that one error is expected.
    browsing.expectConsoleError(/status of 400/);
    await page.goto(`${origin}${explorer.path}`);
    await signIn(page, token);
    await page.locator('#explorer-purpose').selectOption(needsCase[0]);
    await setQuery(page, '{ persons(first: 1) { edges { node { id } } } }');
    await page.locator('.graphiql-execute-button').click();
    const problems = page.locator('.explorer > .hub-problems');
    await problems.waitFor();
    expect(await problems.textContent()).toMatch(/^请求不完整或有误：.*X-Case-Id/);
  });

  it('speaks Chinese by default and English once switched, remembered across visits; purposes are named in the chosen language', async ({ page }) => {
    await page.goto(`${origin}${explorer.path}`);
    expect(await documentLanguage(page)).toBe('zh-CN');
    await signIn(page, await hub.token(claimsForRole('police')));
    const first = declarablePurposes(['police'])[0]!;
    expect(await page.locator('#explorer-purpose option').first().textContent()).toBe(`${PURPOSE_LABELS[first].zh} (${first})`);

    await page.locator('button.hub-language').click();
    await expect.poll(() => page.title()).toBe(`${explorer.title.en} · Population data hub`);
    expect(await page.locator('#explorer-purpose option').first().textContent()).toBe(`${PURPOSE_LABELS[first].en} (${first})`);
    await page.reload();
    await expect.poll(() => documentLanguage(page)).toBe('en');
    // Still signed in after a reload of the tab; signed out, the token is gone from it.
    await page.locator('[data-action="sign-out"]').click();
    await page.locator('input[name="token"]').waitFor();
    expect(await sessionItem(page, 'hub.token')).toBeNull();
  });

  it('fits its bars on a phone’s screen, one field under another, signed out and signed in', async ({ page }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${origin}${explorer.path}`);
    const overflow = () => page.locator('.hub-bar').evaluateAll((bars) => bars.map((bar) => (bar as unknown as { scrollWidth: number; clientWidth: number }).scrollWidth - (bar as unknown as { clientWidth: number }).clientWidth));
    expect(await overflow()).toEqual([0, 0]);
    const input = await page.locator('input[name="token"]').boundingBox();
    expect(input!.width).toBeGreaterThan(300);
    await signIn(page, await hub.token(claimsForRole('police')));
    expect(await overflow()).toEqual([0, 0]);
    const [purpose, caseId] = [await page.locator('#explorer-purpose').boundingBox(), await page.locator('#explorer-case').boundingBox()];
    expect(caseId!.y).toBeGreaterThan(purpose!.y + purpose!.height);
    await screenshot(page, 'explorer-phone');
  });

  it('refuses a pasted text that is no token, saying so', async ({ page }) => {
    await page.goto(`${origin}${explorer.path}`);
    await page.locator('input[name="token"]').fill('not-a-token');
    await page.locator('[data-action="sign-in"]').click();
    expect(await page.locator('.hub-sign-in .hub-problems').textContent()).toContain('这不是平台的令牌');
    expect(await sessionItem(page, 'hub.token')).toBeNull();
  });

  it('is where a browser opening /graphql lands, with nothing loaded from a CDN', async ({ page, browsing }) => {
    await page.goto(hub.gatewayUrl);
    expect(new URL(page.url()).pathname).toBe(explorer.path);
    await page.locator('.graphiql-query-editor .CodeMirror').first().waitFor();
    const requested = new Set<string>();
    page.on('request', (request) => requested.add(new URL(request.url()).origin));
    await page.reload();
    await page.locator('.graphiql-query-editor .CodeMirror').first().waitFor();
    expect([...requested]).toEqual([origin]);
    expect(browsing.problems.offOrigin).toEqual([]);
  });
});
