import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { Kind, parse } from 'graphql';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import { verifyExportFile } from '../../audit/export.js';
import { DEFAULT_ANOMALY_SETTINGS, type AnomalySettings } from '../../audit/anomalies/rules.js';
import type { CallerTokenInput } from '../../auth/caller.js';
import { persons } from '../../subgraphs/police/db/schema.js';
import { PAGES } from '../../web/pages.js';
import { browserTest as it, regionScreenshot, screenshot, sessionItem, signIn } from '../support/browser.js';
import { graphql } from '../support/graphql.js';
import { startTestHub, type TestHub } from '../support/hub.js';
import { callerIn, seededPlaces, type SeededPlaces } from '../support/jurisdiction.js';
import { claimsForRole } from '../support/tokens.js';
import { fromRoot } from '../../platform/paths.js';

/*
 * The auditors' console in real headless Chromium against a real hub: a police
 * officer reads a resident's dossier and another reads a page of the register
 * (which the detector, with a low floor, flags); an auditor then sees the
 * period's charts, that resident's history with the officer's read and its
 * signed export, the officer's activity, and questions the flag — which the
 * hub stores as a review and records in the log.
 */

const SETTINGS: AnomalySettings = { ...DEFAULT_ANOMALY_SETTINGS, bulkMinResidents: 5, workHours: { start: 0, end: 24 * 60 }, workDays: [1, 2, 3, 4, 5, 6, 7] };
const OFFICER = 'officer-console';
/** The verdicts an auditor can give, as the audit schema lists them: one flag raised, and reviewed in the page, for each. */
const VERDICTS = (() => {
  const sdl = parse(readFileSync(fromRoot('audit/schema.graphql'), 'utf8'));
  const verdicts = sdl.definitions.find((d) => d.kind === Kind.ENUM_TYPE_DEFINITION && d.name.value === 'AnomalyVerdict');
  if (verdicts?.kind !== Kind.ENUM_TYPE_DEFINITION) throw new Error('the audit schema has no AnomalyVerdict');
  return (verdicts.values ?? []).map((v) => v.name.value);
})();
/** One bulk reader per verdict: the questioned one's flag is the one the first test follows from end to end. */
const bulkReader = (verdict: string) => `bulk-reader-${verdict.toLowerCase()}`;
const AUDITOR = 'chief-auditor';
const DOSSIER_READS = 22;

const page$ = PAGES.find((page) => page.name === 'console');
if (!page$) throw new Error('the page registry has no console');
const consolePage = page$;

/** A busy machine answers slowly: a wait ends the moment its condition holds. */
const POLL = { timeout: 60_000 };

let hub: TestHub;
let origin: string;
let resident: { id: string; idNumber: string; name: string };
let flagId: string;
/** The bulk-lookups flag raised for each verdict's reader. */
const flagIds = new Map<string, string>();
let places: SeededPlaces;

const auditor: Partial<CallerTokenInput> = claimsForRole('auditor', { sub: AUDITOR });
const asAuditor = async (query: string, variables: Record<string, unknown> = {}) => graphql(hub.gatewayUrl, query, variables, hub.headers(auditor, 'audit'));

beforeAll(async () => {
  hub = await startTestHub({ persons: 60, key: 'console', anomalies: { settings: SETTINGS } });
  origin = new URL(hub.gatewayUrl).origin;
  const [first] = await hub.databases.police.db.select({ id: persons.id, idNumber: persons.idNumber, name: persons.name }).from(persons).limit(1);
  if (!first) throw new Error('the test city has no residents');
  resident = first;

  // The officer comes back to the dossier more often than one page of the history shows (20).
  const officer = hub.headers(claimsForRole('police', { sub: OFFICER }), 'population-management');
  for (let read = 0; read < DOSSIER_READS; read += 1) {
    const dossier = await graphql(hub.gatewayUrl, 'query($id: ID!) { person(id: $id) { name idNumber residence { address } } }', { id: resident.id }, officer);
    expect(dossier.body.errors).toBeUndefined();
    expect(dossier.body.data?.person).toMatchObject({ name: resident.name });
  }
  for (const verdict of VERDICTS) {
    const bulk = await graphql(hub.gatewayUrl, '{ persons(first: 20) { edges { node { id name } } } }', {}, hub.headers(claimsForRole('police', { sub: bulkReader(verdict) }), 'population-management'));
    expect(bulk.body.errors).toBeUndefined();
  }

  await hub.audit.flush();
  await hub.anomalies.runOnce();
  for (const verdict of VERDICTS) {
    const flags = await asAuditor('query($subject: String) { anomalyFlags(filter: { subject: $subject, status: OPEN }) { edges { node { id rule } } } }', { subject: bulkReader(verdict) });
    expect(flags.body.errors).toBeUndefined();
    const found = (flags.body.data?.anomalyFlags as { edges: { node: { id: string; rule: string } }[] }).edges.map((e) => e.node);
    const bulkFlag = found.find((flag) => flag.rule === 'bulk-lookups');
    if (!bulkFlag) throw new Error(`the detector raised no bulk-lookups flag for ${bulkReader(verdict)}: ${JSON.stringify(found)}`);
    flagIds.set(verdict, bulkFlag.id);
  }
  flagId = flagIds.get('QUESTIONED')!;
  places = await seededPlaces(hub);
  // The pages are built on first use; built here, no test's first visit waits for it.
  expect((await fetch(`${origin}${consolePage.path}`)).status).toBe(200);
}, 300_000);

afterAll(async () => {
  await hub?.close();
});

describe('the auditors’ console at /console', () => {
  it('shows the period’s charts, a resident’s history with its signed export, an officer’s activity, and questions a flag, stored and recorded', async ({ page, browsing }) => {
    await page.goto(`${origin}${consolePage.path}`);
    await expect.poll(() => page.title(), POLL).toBe(`${consolePage.title.zh} · 人口数据共享平台`);
    expect(await page.locator('.console-hint').textContent()).toContain('审计员令牌');
    const token = await hub.token(auditor);
    await signIn(page, token);
    expect(await page.locator('.console-purpose').textContent()).toBe('用途：审计 (audit)');

    // The overview, of the last seven China days unless another period is chosen.
    const chinaDay = (offset: number) => new Date(Date.now() + 8 * 3_600_000 + offset * 86_400_000).toISOString().slice(0, 10);
    expect([await page.locator('#overview-first').inputValue(), await page.locator('#overview-last').inputValue()]).toEqual([chinaDay(-6), chinaDay(0)]);
    // Its figures, and the charts drawn on their canvases, naming the police among the departments.
    const departmentChart = page.locator('#chart-department');
    await departmentChart.locator('canvas').waitFor();
    expect(await departmentChart.locator('[role="img"]').getAttribute('aria-label')).toMatch(/公安 \(police\) [1-9]/);
    expect(await page.locator('#chart-decision [role="img"]').getAttribute('aria-label')).toMatch(/完整 [1-9]/);
    expect(Number(await page.locator('[data-figure="accesses"]').textContent())).toBeGreaterThanOrEqual(3);
    const open = await asAuditor('{ anomalyFlags(filter: { status: OPEN }) { totalCount } }');
    expect(await page.locator('[data-figure="open-flags"]').textContent()).toBe(String((open.body.data?.anomalyFlags as { totalCount: number }).totalCount));
    expect(await page.locator('[data-figure="last-verification"]').textContent()).toBe('尚无校验记录');
    // Nothing was refused: the refusals' chart says so rather than drawing an empty grid.
    expect(await page.locator('[data-figure="refusals"]').textContent()).toBe('0');
    expect(await page.locator('#chart-refusals [data-result="empty"]').textContent()).toBe('此期间内没有。');
    await regionScreenshot(departmentChart.locator('canvas'), 'console-chart-department');
    await regionScreenshot(page.locator('#chart-purpose canvas'), 'console-chart-purpose');

    // Verifying from the console records a run, which the overview then shows.
    await page.locator('[data-action="verify"]').click();
    await expect.poll(() => page.locator('[data-figure="last-verification"]').textContent(), POLL).toContain(`执行者 ${AUDITOR}`);

    // A resident's history by identity number: the officer's read is there, with its fields and decisions.
    await page.locator('#resident-id-number').fill(resident.idNumber);
    await page.locator('form[name="resident"] button[type="submit"]').click();
    const officerRow = page.locator('#resident-accesses tbody tr', { hasText: OFFICER }).first();
    await officerRow.waitFor();
    const rowText = await officerRow.textContent();
    expect(rowText).toContain('公安 (police)');
    expect(rowText).toContain('人口管理 (population-management)');
    expect(rowText).toMatch(/name：完整/);
    expect(await page.locator('[data-result="summary"]').textContent()).toContain(resident.id);
    // A page of 20, then the rest of the officer's reads.
    const rows = page.locator('#resident-accesses tbody tr');
    expect(await rows.count()).toBe(20);
    await page.locator('[data-action="more-history"]').click();
    await expect.poll(() => page.locator('#resident-accesses tbody tr', { hasText: OFFICER }).count(), POLL).toBe(DOSSIER_READS);

    // The signed export, saved as a file, checks with the hub's export key and holds the officer's read.
    await page.locator('[data-action="export"]').click();
    const link = page.locator('#export-link');
    await link.waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    expect(download.suggestedFilename()).toBe(await link.getAttribute('download'));
    const file = await download.path();
    const check = await verifyExportFile(file, hub.auditExportPublicKey);
    expect(check.problems).toEqual([]);
    expect(check.ok).toBe(true);
    const lines = (await readFile(file, 'utf8')).trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines.some((line) => line.subject === OFFICER && (line.recordIds as string[] | undefined)?.includes(resident.id))).toBe(true);

    // The officer's activity, against the department's usual.
    await page.locator('#officer-subject').fill(OFFICER);
    await page.locator('form[name="officer"] button[type="submit"]').click();
    await page.locator('[data-result="officer"]').waitFor();
    expect(await page.locator('[data-result="officer"]').textContent()).toContain(`${OFFICER}，公安 (police)`);
    expect(await page.locator('#officer-purposes').textContent()).toContain('人口管理 (population-management)');
    expect(await page.locator('#officer-accesses').textContent()).toContain('Person');
    expect(await page.locator('#officer-spreads tbody tr').count()).toBe(2);
    await regionScreenshot(page.locator('#chart-officer canvas'), 'console-chart-officer');

    // The flag the bulk read raised: its numbers, then questioned with a note to the officer's department.
    const flag = page.locator(`article[data-flag-id="${flagId}"]`);
    await flag.waitFor();
    expect(await flag.getAttribute('data-status')).toBe('OPEN');
    expect(await flag.locator('[data-part="measures"]').textContent()).toContain('residents');
    const note = '请说明该账号一次读取二十名居民信息的业务依据。';
    await flag.locator('textarea[name="note"]').fill(note);
    await flag.locator('button[data-verdict="QUESTIONED"]').click();
    await expect.poll(() => flag.getAttribute('data-status'), POLL).toBe('QUESTIONED');
    const shown = await flag.locator('[data-part="reviews"] li[data-verdict="QUESTIONED"]').textContent();
    expect(shown).toContain(note);
    expect(shown).toContain('致 公安 (police)');

    // Stored as the auditor's review, and recorded in the log under its digest.
    const stored = await asAuditor('query($id: ID!) { anomalyFlag(id: $id) { status reviews { id verdict note addressedTo reviewer requestId } } }', { id: flagId });
    expect(stored.body.errors).toBeUndefined();
    const reviewed = stored.body.data?.anomalyFlag as { status: string; reviews: { id: string; verdict: string; note: string; addressedTo: string; reviewer: string; requestId: string }[] };
    expect(reviewed.status).toBe('QUESTIONED');
    expect(reviewed.reviews).toHaveLength(1);
    expect(reviewed.reviews[0]).toMatchObject({ verdict: 'QUESTIONED', note, addressedTo: 'police', reviewer: AUDITOR });
    const recorded = (await hub.audit.events()).filter((e) => e.typeName === 'AnomalyReview' && e.requestId === reviewed.reviews[0]!.requestId);
    expect(recorded).toHaveLength(1);
    expect(recorded[0]).toMatchObject({ kind: 'access', subject: AUDITOR, department: 'auditor', purpose: 'audit', recordIds: [flagId, reviewed.reviews[0]!.id] });

    // What the console read was recorded as the auditor's, under audit: the resident looked up among it.
    const reads = (await hub.audit.events()).filter((e) => e.kind === 'access' && e.subject === AUDITOR && e.recordIds.includes(resident.id));
    expect(reads.length).toBeGreaterThan(0);
    expect(new Set(reads.map((e) => e.purpose))).toEqual(new Set(['audit']));
    expect(await sessionItem(page, 'hub.token')).toBe(token);

    await screenshot(page, 'console');
    expect(browsing.problems.offOrigin).toEqual([]);
  });

  it('says in plain words when a token may not read the log, and switches to English', async ({ page, browsing }) => {
    browsing.expectConsoleError(/status of 403/);
    await page.goto(`${origin}${consolePage.path}`);
    await signIn(page, await hub.token(claimsForRole('police', { sub: OFFICER })));
    expect(await page.locator('main > .hub-problems').textContent()).toContain('不含审计员角色');
    const problems = page.locator('#overview .hub-problems');
    await expect.poll(() => problems.textContent(), POLL).toMatch(/^您的角色或所选用途不允许此操作：/);
    await page.locator('button.hub-language').click();
    await expect.poll(() => page.title(), POLL).toBe(`${consolePage.title.en} · Population data hub`);
    expect(await page.locator('#overview-heading').textContent()).toBe('Overview');
  });
  it('marks flags justified and escalated as well, each stored as the auditor’s review and recorded in the log', async ({ page, browsing }) => {
    await page.goto(`${origin}${consolePage.path}`);
    await signIn(page, await hub.token(auditor));
    for (const verdict of VERDICTS.filter((v) => v !== 'QUESTIONED')) {
      const id = flagIds.get(verdict)!;
      const flag = page.locator(`article[data-flag-id="${id}"]`);
      await flag.waitFor();
      expect(await flag.getAttribute('data-status')).toBe('OPEN');
      // No note: only a question to a department needs one.
      await flag.locator(`button[data-verdict="${verdict}"]`).click();
      await expect.poll(() => flag.getAttribute('data-status'), POLL).toBe(verdict);
      expect(await flag.locator(`[data-part="reviews"] li[data-verdict="${verdict}"]`).textContent()).toContain(AUDITOR);

      const stored = await asAuditor('query($id: ID!) { anomalyFlag(id: $id) { status reviews { id verdict note addressedTo reviewer requestId } } }', { id });
      expect(stored.body.errors).toBeUndefined();
      const reviewed = stored.body.data?.anomalyFlag as { status: string; reviews: { id: string; verdict: string; note: string | null; addressedTo: string | null; reviewer: string; requestId: string }[] };
      expect(reviewed.status).toBe(verdict);
      expect(reviewed.reviews).toEqual([expect.objectContaining({ verdict, note: null, addressedTo: null, reviewer: AUDITOR })]);
      const recorded = (await hub.audit.events()).filter((e) => e.typeName === 'AnomalyReview' && e.requestId === reviewed.reviews[0]!.requestId);
      expect(recorded.map((e) => e.recordIds)).toEqual([[id, reviewed.reviews[0]!.id]]);
    }
    expect(browsing.problems.offOrigin).toEqual([]);
  });

  it('fits a phone’s screen, and shows an auditor confined to a district its own residents, no integrity and no export', async ({ page, browsing }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    const districtAuditor = callerIn('auditor', [places.district]);
    await page.goto(`${origin}${consolePage.path}`);
    await signIn(page, await hub.token(districtAuditor));
    await page.locator('[data-figure="accesses"]').waitFor();
    // Nothing wider than the screen: no sideways scrolling, every chart inside it.
    const widths = await page.evaluate(() => {
      const root = (globalThis as unknown as { document: { documentElement: { scrollWidth: number; clientWidth: number } } }).document.documentElement;
      return { scroll: root.scrollWidth, client: root.clientWidth };
    });
    expect(widths.scroll).toBeLessThanOrEqual(widths.client);
    for (const chart of await page.locator('[id^="chart-"] canvas').all()) {
      const box = await chart.boundingBox();
      if (box) expect(box.x + box.width).toBeLessThanOrEqual(390);
    }
    // Every chain interleaves every district's events: the log's integrity is for auditors of the whole city.
    expect(await page.locator('#overview').textContent()).toContain('受辖区限制的审计员不显示完整性。');

    // A resident of another district is nobody to this auditor; one of its own district has a history.
    const lookUp = async (idNumber: string) => {
      await page.locator('#resident-id-number').fill(idNumber);
      await page.locator('form[name="resident"] button[type="submit"]').click();
    };
    await lookUp(places.persons.outside[0]!.idNumber);
    await page.locator('[data-result="nobody"]').waitFor();
    const inside = places.persons.inside[0]!;
    await lookUp(inside.idNumber);
    await expect.poll(() => page.locator('[data-result="summary"]').textContent(), POLL).toContain(inside.id);
    // An export vouches for the whole log: refused, in plain words.
    await page.locator('[data-action="export"]').click();
    await expect.poll(() => page.locator('#resident .hub-problems').textContent(), POLL).toMatch(/^您的角色或所选用途不允许此操作：/);
    expect(await page.locator('#export-link').count()).toBe(0);

    await screenshot(page, 'console-phone');
    expect(browsing.problems.offOrigin).toEqual([]);
  });
});
