import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import type { Page } from 'playwright-core';
import { idNumberCheckChar } from '../../domain/id-number.js';
import * as declarationsDb from '../../subgraphs/declarations/db/schema.js';
import type * as housing from '../../subgraphs/housing/db/schema.js';
import { PAGES } from '../../web/pages.js';
import { browserTest as it, documentLanguage, screenshot, sessionItem, signIn } from '../support/browser.js';
import { DECLARES } from '../../subgraphs/declarations/rules.js';
import { accepted, aHouse, as, freeResidents, issueLink, landlordOf, residentWith, type Resident } from '../support/declarations.js';
import { startTestHub, type TestHub } from '../support/hub.js';

/*
 * The declaration form in real headless Chromium against a real hub, at a
 * phone's size: a landlord opens the URL a real premises link carries, signs
 * in with their token, is told what the link is for, and declares a tenant;
 * what the form refuses never reaches the hub, what the hub refuses is shown
 * beside its field, and a submission sent twice is one declaration.
 */

let hub: TestHub;
let origin: string;
let house: housing.HouseRow;
let tenants: Resident[];
let link: Record<string, any>;

const page_ = PAGES.find((page) => page.name === 'declare');
if (!page_) throw new Error('the page registry has no declaration form');
const declarePage = page_;

const landlord = (sub = 'landlord-form') => landlordOf(house.code, sub);

beforeAll(async () => {
  hub = await startTestHub({ persons: 60, key: 'declare-form', subgraphTimeoutMs: 30_000 });
  origin = new URL(hub.gatewayUrl).origin;
  house = await aHouse(hub);
  tenants = await freeResidents(hub, 3);
  link = await issueLink(hub, landlord(), 'declaration', 'HOUSE', house.code);
  expect((await fetch(`${origin}${declarePage.path}`)).status).toBe(200);
}, 600_000);

afterAll(async () => {
  await hub?.close();
});

/** The declarations a declarant has in the store, whatever the page says. */
const storedBy = (subject: string) => hub.declarations.database.db.select().from(declarationsDb.declarations).where(eq(declarationsDb.declarations.declarantSubject, subject));

/** Fills the tenancy form's fields. */
async function fillTenancy(page: Page, tenant: Resident, idNumber = tenant.idNumber): Promise<void> {
  await page.locator('#declare-idNumber').fill(idNumber);
  await page.locator('#declare-name').fill(tenant.name);
  await page.locator('#declare-phone').fill('13800138000');
  await page.locator('#declare-start').fill('2025-03-01');
  await page.locator('#declare-landlordName').fill('王建华');
  await page.locator('#declare-monthlyRent').fill('1500');
  await page.locator('#declare-room').fill('302室');
}

describe('the declaration form at /declare', () => {
  it('opens from a real premises link on a phone, says what it is for, refuses a wrong check character beside the field, and stores one pending declaration when submitted twice', async ({ page, browsing }) => {
    const subject = 'landlord-form';
    await page.setViewportSize({ width: 390, height: 844 });
    // The very URL the hub put in the link (and its QR code), on this hub's origin.
    expect(new URL(link.url as string).origin).toBe(origin);
    await page.goto(link.url as string);
    await expect.poll(() => page.title(), { timeout: 30_000 }).toBe(`${declarePage.title.zh} · 人口数据共享平台`);
    await signIn(page, await hub.token(landlord(subject)));

    await expect.poll(() => page.locator('.declare-link-for').textContent(), { timeout: 30_000 }).toBe(`此场所码用于：房屋 ${house.code}`);
    expect(await page.locator('.declare-link-label').textContent()).toBe(house.address);
    expect(await page.locator('#declare-kind').inputValue()).toBe('TENANCY');

    // One column, nothing wider than the screen, controls large enough to touch.
    const widths = await page.evaluate(() => {
      const doc = (globalThis as any).document;
      return { scroll: doc.documentElement.scrollWidth as number, client: doc.documentElement.clientWidth as number };
    });
    expect(widths.scroll).toBeLessThanOrEqual(widths.client);
    const [idBox, nameBox, submitBox] = await Promise.all(['#declare-idNumber', '#declare-name', '[data-action="submit"]'].map((s) => page.locator(s).boundingBox()));
    expect(nameBox!.y).toBeGreaterThan(idBox!.y + idBox!.height);
    expect(idBox!.width).toBeGreaterThan(300);
    expect(submitBox!.height).toBeGreaterThanOrEqual(44);

    // A wrong check character: said beside the identity field, and nothing is sent.
    const tenant = tenants[0]!;
    const right = tenant.idNumber.at(17)!;
    const wrongChar = '0123456789X'.split('').find((c) => c !== right && c !== idNumberCheckChar(tenant.idNumber.slice(0, 17)))!;
    await fillTenancy(page, tenant, `${tenant.idNumber.slice(0, 17)}${wrongChar}`);
    await page.locator('[data-action="submit"]').click();
    const idError = page.locator('#declare-idNumber-error');
    await idError.waitFor();
    expect(await idError.textContent()).toContain('校验位');
    expect(await page.locator('#declare-idNumber').getAttribute('aria-describedby')).toBe('declare-idNumber-error');
    expect(await page.locator('#declare-idNumber').getAttribute('aria-invalid')).toBe('true');
    expect(await storedBy(subject)).toEqual([]);

    // The identity check answers only with one of the register's two sentences.
    await page.locator('#declare-idNumber').fill(tenant.idNumber);
    await page.locator('[data-action="check-identity"]').click();
    await expect.poll(() => page.locator('.declare-identity').textContent(), { timeout: 30_000 }).toMatch(/^(与登记信息一致|无法核实，请本人到派出所核实)$/);
    expect(await page.locator('.declare-identity').textContent()).toBe('与登记信息一致');

    // Submitted with a double tap, then again: one declaration, pending, and the second answer says it was already received.
    await page.locator('[data-action="submit"]').dblclick();
    await page.locator('.declare-result').waitFor();
    expect(await page.locator('.declare-result').textContent()).toMatch(/^已提交，等待住房部门审核/);
    await page.locator('[data-action="submit"]').click();
    await expect.poll(() => page.locator('.declare-result').textContent(), { timeout: 30_000 }).toMatch(/^此申报已提交过/);
    const stored = await storedBy(subject);
    expect(stored.map((d) => ({ status: d.status, idNumber: d.idNumber, kind: d.kind }))).toEqual([{ status: 'PENDING', idNumber: tenant.idNumber, kind: 'TENANCY' }]);
    expect(stored[0]!.clientKey).toMatch(/^[A-Za-z0-9_-]{1,64}$/);

    // The landlord's own list shows it, pending.
    const item = page.locator(`.declare-item[data-id="${stored[0]!.id}"]`);
    await item.waitFor();
    expect(await item.locator('.declare-status').textContent()).toBe('待审核');
    expect(await sessionItem(page, 'hub.token')).not.toBeNull();

    await screenshot(page, 'declare-phone');
    expect(browsing.problems.offOrigin).toEqual([]);
  });

  it('shows what the hub refuses beside the field it names', async ({ page }) => {
    const subject = 'landlord-hub-refusal';
    await page.goto(link.url as string);
    await signIn(page, await hub.token(landlord(subject)));
    await page.locator('#declare-idNumber').waitFor();
    // A name with an invisible character passes the form's own checks; the hub refuses it, naming input.name.
    await fillTenancy(page, { ...tenants[1]!, name: `${tenants[1]!.name}\u200b` });
    await page.locator('[data-action="submit"]').click();
    const nameError = page.locator('#declare-name-error');
    await expect.poll(() => nameError.isVisible(), { timeout: 30_000 }).toBe(true);
    expect(await nameError.textContent()).toMatch(/^输入有误：/);
    expect(await page.locator('#declare-name').getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('#declare-idNumber-error').isVisible()).toBe(false);
    expect(await storedBy(subject)).toEqual([]);
  });

  it('offers a resident the two kinds they declare, each with its own fields, and speaks English once switched', async ({ page }) => {
    const resident = tenants[2]!;
    await page.goto(link.url as string);
    await signIn(page, await hub.token(residentWith(resident.idNumber)));
    await expect.poll(() => page.locator('.declare-link-for').textContent(), { timeout: 30_000 }).toBe(`此场所码用于：房屋 ${house.code}`);
    // What the house is called is for its landlord and the department, not a resident.
    expect(await page.locator('.declare-link-label').count()).toBe(0);

    const kinds = await page.locator('#declare-kind option').evaluateAll((options) => options.map((o) => (o as unknown as { value: string }).value));
    expect(kinds).toEqual(DECLARES.resident);
    expect(await page.locator('#declare-kind').inputValue()).toBe('RESIDENCE');
    const fields = () => page.locator('.declare-field').evaluateAll((all) => all.map((f) => (f as unknown as { dataset: { field: string } }).dataset.field));
    expect(await fields()).toEqual(['idNumber', 'name', 'phone', 'start', 'address', 'divisionCode', 'gridCode', 'houseCode']);
    // A resident's identity number is their credential's: they may leave it out.
    expect(await page.locator('label[for="declare-idNumber"]').textContent()).toBe('身份证号（选填）');

    await page.locator('#declare-kind').selectOption('EMPLOYMENT');
    expect(await fields()).toEqual(['idNumber', 'name', 'phone', 'start', 'position', 'socialInsurance']);
    expect(await page.locator('label[for="declare-start"]').textContent()).toBe('入职日期');

    // A wrong phone, said in Chinese, then again in English after the switch.
    await page.locator('#declare-phone').fill('1201234567');
    await page.locator('[data-action="submit"]').click();
    await expect.poll(() => page.locator('#declare-phone-error').textContent(), { timeout: 30_000 }).toBe('须为 11 位手机号，以 13–19 开头');
    await page.locator('button.hub-language').click();
    await expect.poll(() => documentLanguage(page), { timeout: 30_000 }).toBe('en');
    expect(await page.locator('#declare-phone-error').textContent()).toBe('An 11-digit mobile number starting 13–19');
    expect(await page.locator('#declare-kind option:checked').textContent()).toBe('Employment');
    expect(await page.locator('.declare-link-for').textContent()).toBe(`This code is for: House ${house.code}`);
    expect(await storedBy(`resident-${resident.idNumber}`)).toEqual([]);
  });

  it('says plainly that a link has expired, has been revoked, or is not valid, and lets nothing be submitted through it', async ({ page }) => {
    const who = landlord('landlord-old-links');
    const expired = await issueLink(hub, who, 'declaration', 'HOUSE', house.code, 1);
    await hub.declarations.database.db.execute(sql`UPDATE premises_links SET expires_at = now() - interval '1 hour' WHERE id = ${expired.id}`);
    const revoked = await issueLink(hub, who, 'declaration', 'HOUSE', house.code);
    accepted(await as(hub, who, 'declaration', `mutation($id: ID!) { revokePremisesLink(id: $id) { link { id } } }`, { id: revoked.id }));

    await page.goto(expired.url as string);
    await signIn(page, await hub.token(who));
    await expect.poll(() => page.locator('.declare-link-bad').textContent(), { timeout: 30_000 }).toBe('此场所码已过期，不能再用于申报。请向房东或单位索取新的场所码。');
    expect(await page.locator('[data-action="submit"]').isDisabled()).toBe(true);

    // Signed in in this tab, the next link is checked at once.
    await page.goto(revoked.url as string);
    await expect.poll(() => page.locator('.declare-link-bad').textContent(), { timeout: 30_000 }).toBe('此场所码已被撤销，不能再用于申报。请向房东或单位索取新的场所码。');
    expect(await page.locator('[data-action="submit"]').isDisabled()).toBe(true);

    await page.goto(`${origin}${declarePage.path}?p=not.a.link`);
    await expect.poll(() => page.locator('.declare-link-bad').textContent(), { timeout: 30_000 }).toBe('此场所码无效：它不是本平台签发的。');
    expect(await storedBy('landlord-old-links')).toEqual([]);
  });
});
