import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import type { Page } from 'playwright-core';
import { declarablePurposes, PURPOSE_REGISTRY } from '../../auth/purposes.js';
import * as declarationsDb from '../../subgraphs/declarations/db/schema.js';
import type * as housing from '../../subgraphs/housing/db/schema.js';
import { PAGES } from '../../web/pages.js';
import { browserTest as it, regionScreenshot, screenshot, signIn } from '../support/browser.js';
import { accepted, aHouse, as, freeResidents, issueLink, landlordOf, submit, tenancyOf, type Resident } from '../support/declarations.js';
import { startTestHub, type TestHub } from '../support/hub.js';

/*
 * A housing officer's queue in real headless Chromium against a real hub:
 * the landlord's declarations are listed a page at a time, one is confirmed
 * (housing registers the tenancy, as the officer) and one rejected with a
 * reason; the figures count them; and the landlord's own list on the form
 * says so.
 */

let hub: TestHub;
let origin: string;
let house: housing.HouseRow;
let tenants: Resident[];
let toConfirm: string;
let toReject: string;
const LANDLORD = 'landlord-queue';
const QUEUED = 22;

const pageOf = (name: string) => {
  const found = PAGES.find((page) => page.name === name);
  if (!found) throw new Error(`the page registry has no ${name}`);
  return found;
};
const collection = pageOf('collection');
const declare = pageOf('declare');

beforeAll(async () => {
  hub = await startTestHub({ persons: 60, key: 'collection-queue', subgraphTimeoutMs: 30_000 });
  origin = new URL(hub.gatewayUrl).origin;
  house = await aHouse(hub);
  tenants = await freeResidents(hub, 3);
  const landlord = landlordOf(house.code, LANDLORD);
  const link = await issueLink(hub, landlord, 'declaration', 'HOUSE', house.code);
  // Oldest first in the queue: the two to decide, then enough more to need a second page.
  toConfirm = accepted(await submit(hub, landlord, tenancyOf(tenants[0]!, link.token, '2025-03-01'))).submitDeclaration.declaration.id;
  toReject = accepted(await submit(hub, landlord, tenancyOf(tenants[1]!, link.token, '2025-03-02'))).submitDeclaration.declaration.id;
  for (let day = 1; day <= QUEUED - 2; day += 1) {
    accepted(await submit(hub, landlord, tenancyOf(tenants[2]!, link.token, `2025-04-${String(day).padStart(2, '0')}`)));
  }
  expect((await fetch(`${origin}${collection.path}`)).status).toBe(200);
}, 600_000);

afterAll(async () => {
  await hub?.close();
});

const rowCount = (page: Page) => page.locator('.collection-queue tbody tr').count();
const statusOf = async (id: string) => (await hub.declarations.database.db.select().from(declarationsDb.declarations).where(eq(declarationsDb.declarations.id, id)))[0];

describe('the declaration queue at /collection', () => {
  it('lets a housing officer page through the queue, confirm one into a tenancy, see housing refuse a second tenancy of one tenant, and reject one with a reason the landlord then reads on the form', async ({ page, browsing }) => {
    const officer = { sub: 'housing-officer-queue', dept: 'housing', roles: ['housing'] };
    await page.goto(`${origin}${collection.path}`);
    await expect.poll(() => page.title(), { timeout: 30_000 }).toBe(`${collection.title.zh} · 人口数据共享平台`);
    await signIn(page, await hub.token(officer));

    // The purposes offered: those the officer's roles may declare that release reviewing declarations.
    const offered = await page.locator('#collection-purpose option').evaluateAll((options) => options.map((o) => (o as unknown as { value: string }).value));
    expect(offered).toEqual(declarablePurposes(['housing']).filter((p) => PURPOSE_REGISTRY.get(p)?.releases.includes('declaration:review')));
    expect(offered).toEqual(['housing-administration']);

    // A page of the queue, then the rest with "more".
    await expect.poll(() => rowCount(page), { timeout: 30_000 }).toBe(20);
    expect(await page.locator('[data-action="more"]').isVisible()).toBe(true);
    await page.locator('[data-action="more"]').click();
    await expect.poll(() => rowCount(page), { timeout: 30_000 }).toBe(QUEUED);
    expect(await page.locator('[data-action="more"]').isVisible()).toBe(false);
    expect(await page.locator(`tr[data-id="${toConfirm}"]`).textContent()).toContain(tenants[0]!.idNumber);

    // Confirm one: housing registers the tenancy, and it leaves the pending queue.
    await page.locator(`input[name="selected"][value="${toConfirm}"]`).check();
    await page.locator('[data-action="confirm"]').click();
    await expect.poll(() => page.locator('.collection-outcome').textContent(), { timeout: 60_000 }).toBe('已处理 1 条。');
    expect(await page.locator(`tr[data-id="${toConfirm}"]`).count()).toBe(0);
    const confirmed = await statusOf(toConfirm);
    expect(confirmed).toMatchObject({ status: 'CONFIRMED', decidedBy: officer.sub });
    const read = accepted(
      await as(hub, 'housing', 'housing-administration', `query($id: ID!) { person(id: $id) { tenancies { edges { node { id start house { code } } } } } }`, { id: tenants[0]!.id }),
    );
    expect(read.person.tenancies.edges.map((e: any) => e.node)).toContainEqual({ id: confirmed!.recordId, start: '2025-03-01', house: { code: house.code } });

    // Reject one: a reason is required, then it is the declarant's to read.
    await page.locator(`input[name="selected"][value="${toReject}"]`).check();
    await page.locator('[data-action="reject"]').click();
    await expect.poll(() => page.locator('.collection-outcome').textContent(), { timeout: 30_000 }).toBe('退回须填写原因');
    expect((await statusOf(toReject))?.status).toBe('PENDING');
    const reason = '租住起始日期与合同不符，请核对后重新申报';
    await page.locator('#collection-reason').fill(reason);
    await page.locator('[data-action="reject"]').click();
    await expect.poll(() => page.locator('.collection-outcome').textContent(), { timeout: 30_000 }).toBe('已处理 1 条。');
    expect(await statusOf(toReject)).toMatchObject({ status: 'REJECTED', rejectionReason: reason });

    // Two declarations of one tenant at once: housing registers the first, refuses the second (one open tenancy a tenant), which stays pending with the reason.
    const sameTenant = await page.locator('.collection-queue tbody tr').evaluateAll((rows) => rows.map((r) => (r as unknown as { dataset: { id: string } }).dataset.id));
    const [first, second] = sameTenant.filter((id) => id !== toConfirm && id !== toReject);
    await page.locator(`input[name="selected"][value="${first}"]`).check();
    await page.locator(`input[name="selected"][value="${second}"]`).check();
    await page.locator('[data-action="confirm"]').click();
    const outcome = page.locator('.collection-outcome p');
    await expect.poll(() => outcome.first().textContent(), { timeout: 60_000 }).toBe('已处理 1 条。');
    expect(await outcome.nth(1).textContent()).toMatch(new RegExp(`^未处理 ${tenants[2]!.name}：`));
    expect([(await statusOf(first!))?.status, (await statusOf(second!))?.status]).toEqual(['CONFIRMED', 'PENDING']);
    expect(await page.locator(`tr[data-id="${second}"]`).count()).toBe(1);

    // The figures count what happened.
    const total = page.locator('.collection-figures tr[data-row="total"] td');
    await expect.poll(async () => (await total.allTextContents()).slice(0, 4), { timeout: 30_000 }).toEqual([String(QUEUED), '2', '1', String(QUEUED - 3)]);
    expect(await page.locator(`.collection-figures tr[data-row="premises"][data-place$="${house.code}"] td`).first().textContent()).toBe(String(QUEUED));

    // Filtered by status: the confirmed ones alone.
    expect(await page.locator('#collection-kind option').evaluateAll((options) => options.map((o) => (o as unknown as { value: string }).value))).toEqual(['', 'TENANCY']);
    await page.locator('#collection-status').selectOption('CONFIRMED');
    await page.locator('[data-action="show"]').click();
    await expect.poll(() => rowCount(page), { timeout: 30_000 }).toBe(2);
    expect(await page.locator(`tr[data-id="${toConfirm}"]`).count()).toBe(1);

    await screenshot(page, 'collection-queue');
    await regionScreenshot(page.locator('.collection-figures-table'), 'collection-figures', { minColours: 4 });

    // The landlord, on the form, reads both decisions.
    await page.goto(`${origin}${declare.path}`);
    await page.locator('[data-action="sign-out"]').click();
    await signIn(page, await hub.token(landlordOf(house.code, LANDLORD)));
    const confirmedItem = page.locator(`.declare-item[data-id="${toConfirm}"]`);
    await confirmedItem.waitFor();
    expect(await confirmedItem.getAttribute('data-status')).toBe('CONFIRMED');
    expect(await confirmedItem.locator('.declare-status').textContent()).toBe('已确认');
    const rejectedItem = page.locator(`.declare-item[data-id="${toReject}"]`);
    expect(await rejectedItem.getAttribute('data-status')).toBe('REJECTED');
    expect(await rejectedItem.locator('.declare-reason').textContent()).toBe(`退回原因：${reason}`);
    await screenshot(page, 'declare-my-declarations');
    expect(browsing.problems.offOrigin).toEqual([]);
  });

  it('tells a caller whose roles review nothing so, and offers no purpose, in one column on a phone', async ({ page }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${origin}${collection.path}`);
    await signIn(page, await hub.token(landlordOf(house.code, 'landlord-curious')));
    await expect.poll(() => page.locator('.collection-declare .hub-problems').textContent(), { timeout: 30_000 }).toBe('您的角色不审核申报。');
    expect(await page.locator('#collection-purpose').count()).toBe(0);
    const widths = await page.evaluate(() => {
      const doc = (globalThis as any).document;
      return { scroll: doc.documentElement.scrollWidth as number, client: doc.documentElement.clientWidth as number };
    });
    expect(widths.scroll).toBeLessThanOrEqual(widths.client);
  });
});
