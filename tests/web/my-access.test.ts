import { afterAll, beforeAll, describe, expect } from 'vitest';
import type { CallerTokenInput } from '../../auth/caller.js';
import { PURPOSE_REGISTRY } from '../../auth/purposes.js';
import { persons } from '../../subgraphs/police/db/schema.js';
import { PAGES } from '../../web/pages.js';
import { browserTest as it, screenshot, sessionItem, signIn } from '../support/browser.js';
import { graphql } from '../support/graphql.js';
import { startTestHub, type TestHub } from '../support/hub.js';
import { claimsForRole } from '../support/tokens.js';

/*
 * A resident's own access report in real headless Chromium against a real
 * hub: a police officer reads the resident's dossier again and again, a
 * housing clerk reads it once; the resident signs in with their own token and
 * sees which departments read it, when and for what purpose, page after
 * page — and never who.
 */

const OFFICER = 'officer-reading-dossiers';
const CLERK = 'housing-clerk-7';
/** More reads than one page of the report holds (20), so it pages on. */
const POLICE_READS = 24;

const found = PAGES.find((page) => page.name === 'my-access');
if (!found) throw new Error('the page registry has no my-access page');
const myAccess = found;

/** A busy machine answers slowly: a wait ends the moment its condition holds. */
const POLL = { timeout: 60_000 };

let hub: TestHub;
let origin: string;
let resident: { id: string; idNumber: string };

const residentClaims = (): Partial<CallerTokenInput> => ({ sub: `resident-${resident.idNumber.slice(-6)}`, dept: 'resident', roles: ['resident'], idNumber: resident.idNumber });

beforeAll(async () => {
  hub = await startTestHub({ persons: 40, key: 'my-access' });
  origin = new URL(hub.gatewayUrl).origin;
  const [first] = await hub.databases.police.db.select({ id: persons.id, idNumber: persons.idNumber }).from(persons).limit(1);
  if (!first) throw new Error('the test city has no residents');
  resident = first;
  const officer = hub.headers(claimsForRole('police', { sub: OFFICER }), 'population-management');
  for (let read = 0; read < POLICE_READS; read += 1) {
    const response = await graphql(hub.gatewayUrl, 'query($id: ID!) { person(id: $id) { name residence { address } } }', { id: resident.id }, officer);
    expect(response.body.errors).toBeUndefined();
  }
  const clerk = await graphql(hub.gatewayUrl, 'query($id: ID!) { person(id: $id) { name } }', { id: resident.id }, hub.headers(claimsForRole('housing', { sub: CLERK }), 'housing-administration'));
  expect(clerk.body.errors).toBeUndefined();
  await hub.audit.flush();
  expect((await fetch(`${origin}${myAccess.path}`)).status).toBe(200);
}, 300_000);

afterAll(async () => {
  await hub?.close();
});

describe('a resident’s access report at /my-access', () => {
  it('shows the resident which departments read their record, when and why, page after page, never naming an officer', async ({ page, browsing }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${origin}${myAccess.path}`);
    await expect.poll(() => page.title(), POLL).toBe(`${myAccess.title.zh} · 人口数据共享平台`);
    const token = await hub.token(residentClaims());
    await signIn(page, token);

    const entries = page.locator('li.my-access-entry');
    const police = page.locator('li.my-access-entry[data-department="police"]').first();
    await police.waitFor();
    const text = await police.textContent();
    expect(text).toContain('公安 (police)');
    expect(text).toContain('人口管理 (population-management)');
    expect(text).toContain(PURPOSE_REGISTRY.get('population-management')?.meaning);
    expect(await police.getAttribute('data-purpose')).toBe('population-management');

    // One page, then the rest: every read by others, as many as the hub recorded.
    expect(await entries.count()).toBe(20);
    const more = page.locator('[data-action="more"]');
    await more.click();
    await expect.poll(() => entries.count(), POLL).toBeGreaterThan(20);
    await expect.poll(() => more.count(), POLL).toBe(0);
    const recorded = (await hub.audit.events()).filter((e) => e.kind === 'access' && e.recordIds.includes(resident.id) && e.department !== 'resident' && e.department !== 'auditor');
    expect(await entries.count()).toBe(recorded.length);
    expect(await page.locator('li.my-access-entry[data-department="housing"]').count()).toBeGreaterThan(0);

    // The officers are in the log, and nowhere on the page.
    expect(recorded.map((e) => e.subject)).toContain(OFFICER);
    const pageText = (await page.locator('body').textContent()) ?? '';
    expect(pageText).not.toContain(OFFICER);
    expect(pageText).not.toContain(CLERK);

    // On a phone's screen nothing runs off the side.
    const overflow = await page.evaluate(() => {
      const root = (globalThis as unknown as { document: { documentElement: { scrollWidth: number; clientWidth: number } } }).document.documentElement;
      return root.scrollWidth - root.clientWidth;
    });
    expect(overflow).toBe(0);
    expect(await sessionItem(page, 'hub.token')).toBe(token);
    await screenshot(page, 'my-access-phone');

    // In English, the same entries in the other language, nothing read again.
    await page.locator('button.hub-language').click();
    await expect.poll(() => page.title(), POLL).toBe(`${myAccess.title.en} · Population data hub`);
    expect(await police.textContent()).toContain('Police (police) read Person held by Police (police)');
    expect(await entries.count()).toBe(recorded.length);
    expect(browsing.problems.offOrigin).toEqual([]);
  });

  it('refuses in plain words a token that is not a resident’s', async ({ page, browsing }) => {
    browsing.expectConsoleError(/status of 403/);
    await page.goto(`${origin}${myAccess.path}`);
    await signIn(page, await hub.token(claimsForRole('police', { sub: OFFICER })));
    expect(await page.locator('main > .hub-problems[role="alert"]').first().textContent()).toContain('不是居民本人的');
    await expect.poll(() => page.locator('main .hub-problems').last().textContent(), POLL).toMatch(/^您的角色或所选用途不允许此操作：/);
    expect(await page.locator('li.my-access-entry').count()).toBe(0);
  });
});
