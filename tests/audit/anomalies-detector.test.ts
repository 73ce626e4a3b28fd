import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AnomalyDetector, type PassReport } from '../../audit/anomalies/detector.js';
import { ANOMALY_RULES, DEFAULT_ANOMALY_SETTINGS, type AnomalyRuleId } from '../../audit/anomalies/rules.js';
import { WorkingTime } from '../../audit/anomalies/calendar.js';
import { anomalyFlags, auditChainHeads, type AnomalyFlagRow } from '../../audit/db/schema.js';
import type { AuditWriter } from '../../audit/writer.js';
import type { Place } from '../../auth/jurisdiction.js';
import type { RequestMeta } from '../../auth/principal.js';
import type { Role } from '../../auth/roles.js';
import { metaFor, openTestAuditStore, testWriter, type TestAuditStore } from '../support/audit.js';
import { testLogger } from '../support/servers.js';
import { principalForRole } from '../support/tokens.js';

/*
 * The anomaly detector on a real audit store (PGlite, or PostgreSQL with
 * DATABASE_URL), fed through the hub's own AuditWriter with clocks pinned to
 * the instants each scenario needs: every rule of audit/anomalies/rules.ts
 * is raised by a scenario of its own, with the numbers the scenario makes,
 * and ordinary work raises nothing. A pass reads only what was appended after
 * the last one.
 */

const S = DEFAULT_ANOMALY_SETTINGS;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** Wednesday 4 March 2026, 10:00 in Asia/Shanghai: a working hour. */
const WORKDAY_10 = Date.parse('2026-03-04T02:00:00Z');
/** Sunday 8 March 2026, 03:00 in Asia/Shanghai. */
const SUNDAY_03 = Date.parse('2026-03-07T19:00:00Z');
/** Working days before WORKDAY_10, at the same hour. */
const EARLIER_WORKDAYS = [1, 2, 5, 6, 7].map((days) => WORKDAY_10 - days * DAY);

const JINJIANG: Place = { divisionCode: '510104', gridCode: '510104001001' };
const WUHOU: Place = { divisionCode: '510107', gridCode: '510107002003' };

let store: TestAuditStore;
let now = WORKDAY_10;
/** Subgraphs' accesses in one chain, the gateway's requests in another, as in a hub. */
let subgraphs: AuditWriter;
let gateway: AuditWriter;
let detector: AnomalyDetector;
let first: PassReport;
let counter = 0;

const metaOf = (role: Role, subject: string, overrides: Partial<RequestMeta> = {}): RequestMeta =>
  metaFor(role, { principal: principalForRole(role, { subject }), requestId: `req-${subject}-${(counter += 1)}`, ...overrides });

/** `count` residents read one by one at `at`, each in its own request, placed at `place`. */
async function reads(role: Role, subject: string, at: number, ids: readonly string[], place: Place | null = JINJIANG, caseId: string | null = null): Promise<void> {
  now = at;
  await Promise.all(
    ids.map((id) => subgraphs.record(metaOf(role, subject, { caseId }), { type: 'Person', ids: [id], fields: ['name', 'status'], places: place ? [place] : null })),
  );
  await subgraphs.flush();
}

const residents = (prefix: string, count: number, from = 0) => Array.from({ length: count }, (_, i) => `${prefix}-${from + i}`);

async function flagsOf(subject: string, rule?: AnomalyRuleId): Promise<AnomalyFlagRow[]> {
  const rows = await store.db.select().from(anomalyFlags).where(eq(anomalyFlags.subject, subject));
  return rows.filter((row) => rule === undefined || row.rule === rule);
}

/** What each rule's scenario wrote, and what its flag must say. */
const SCENARIOS = new Map<AnomalyRuleId, { subject: string; expect: Partial<AnomalyFlagRow> & { measures: Record<string, number> } }>();

beforeAll(async () => {
  store = await openTestAuditStore();
  subgraphs = testWriter(store, 'police', { clock: () => new Date(now) });
  gateway = testWriter(store, 'gateway', { clock: () => new Date(now) });
  detector = new AnomalyDetector(store, S, testLogger);

  // Bulk look-ups: a housing officer with no history reads more residents in an hour than the floor.
  const bulk = S.bulkMinResidents + 10;
  await reads('housing', 'bulk-officer', WORKDAY_10 + 5 * 60_000, residents('bulk', bulk));
  SCENARIOS.set('bulk-lookups', {
    subject: 'bulk-officer',
    expect: { observed: bulk, threshold: S.bulkMinResidents, baseline: null, measures: { residents: bulk, accesses: bulk, requests: 0 } },
  });

  // Enumeration: a housing system looking residents up by full number, past the look-up cap once.
  const lookups = [10, 10, 5, S.enumerationMinLookups];
  now = WORKDAY_10 + 20 * 60_000;
  for (const [i, n] of lookups.entries()) {
    const meta = metaOf('housing', 'guessing-system');
    await gateway.recordRequest({ meta, operationName: 'Guess', documentHash: null, outcome: i === 3 ? 'error' : 'ok', errorCode: i === 3 ? 'LOOKUP_CAP' : null, durationMs: 3, lookups: n });
  }
  const asked = lookups.reduce((a, b) => a + b, 0);
  SCENARIOS.set('identity-enumeration', {
    subject: 'guessing-system',
    expect: { observed: asked, threshold: S.enumerationMinLookups, places: null, measures: { lookups: asked, capRefusals: 1, residents: 0 } },
  });

  // Out of hours: a police officer reading residents at 03:00 on a Sunday.
  const night = S.offHoursMinResidents + 2;
  await reads('police', 'night-owl', SUNDAY_03, residents('night', night));
  SCENARIOS.set('out-of-hours', { subject: 'night-owl', expect: { observed: night, threshold: S.offHoursMinResidents, measures: { offHoursResidents: night, residents: night } } });

  // Denials: a health system asking, request after request, for a field the policy denies it, each request
  // recorded as a denied field by the subgraph and as refused by the gateway (two chains, one request);
  // then the gateway tallies more refusals of it without recording each.
  const denied = S.denialMin + 3;
  const tallied = 4;
  now = WORKDAY_10 + 31 * 60_000;
  for (let i = 0; i < denied; i += 1) {
    const meta = metaOf('health', 'prober');
    await subgraphs.record(meta, { type: 'Query', ids: [], fields: { residence: 'denied' } });
    await gateway.recordRequest({ meta, operationName: 'Probe', documentHash: null, outcome: 'error', errorCode: 'FORBIDDEN', durationMs: 2 });
  }
  await gateway.recordRefusals({ meta: metaOf('health', 'prober'), errorCode: 'FORBIDDEN', count: tallied, durationMs: 60_000 });
  SCENARIOS.set('denial-burst', {
    subject: 'prober',
    expect: { observed: denied + tallied, threshold: S.denialMin, places: null, measures: { deniedRequests: denied + tallied, deniedFields: denied } },
  });

  // One case number for many residents, over two days.
  const onCase = S.caseMaxResidents + 5;
  const caseIds = residents('case', onCase);
  await reads('police', 'case-officer', WORKDAY_10 - DAY + 3 * 60_000, caseIds.slice(0, 20), JINJIANG, 'CASE-2026-077');
  await reads('police', 'case-officer', WORKDAY_10 + 3 * 60_000, caseIds.slice(20), JINJIANG, 'CASE-2026-077');
  SCENARIOS.set('case-breadth', {
    subject: 'case-officer',
    expect: { observed: onCase, threshold: S.caseMaxResidents, caseId: 'CASE-2026-077', measures: { residents: onCase, days: 1 } },
  });

  // Outside the usual area: a grid worker who reads residents of Jinjiang day after day reads residents of Wuhou.
  const perDay = Math.ceil(S.placeMinHistory / EARLIER_WORKDAYS.length);
  for (const [day, at] of EARLIER_WORKDAYS.entries()) await reads('grid', 'grid-worker', at, residents(`home-${day}`, perDay), JINJIANG);
  const away = S.placeMinResidents + 1;
  await reads('grid', 'grid-worker', WORKDAY_10 + 40 * 60_000, residents('away', away), WUHOU);
  SCENARIOS.set('unusual-place', {
    subject: 'grid-worker',
    expect: { observed: away, threshold: S.placeMinResidents, baseline: 1, measures: { residentsOutside: away, placesOutside: 1, usualPlaces: 1, history: perDay * EARLIER_WORKDAYS.length } },
  });

  // Ordinary work: a few residents an hour, in working hours, in the usual district; a refusal now and then.
  for (const at of [...EARLIER_WORKDAYS, WORKDAY_10]) await reads('police', 'ordinary-officer', at + 15 * 60_000, residents(`ordinary-${at}`, 3));
  now = WORKDAY_10 + 50 * 60_000;
  await gateway.recordRequest({ meta: metaOf('police', 'ordinary-officer'), operationName: 'Oops', documentHash: null, outcome: 'error', errorCode: 'FORBIDDEN', durationMs: 2 });
  // A busy system whose own usual is high: the same volume that flags a newcomer is not far above its baseline.
  for (const at of EARLIER_WORKDAYS) await reads('labour', 'busy-system', at, residents(`busy-${at}`, S.bulkMinResidents - 10));
  await reads('labour', 'busy-system', WORKDAY_10, residents('busy-now', S.bulkMinResidents + 10));

  await Promise.all([subgraphs.flush(), gateway.flush()]);
  first = await detector.pass();
}, 240_000);

afterAll(async () => {
  await Promise.allSettled([subgraphs?.close(), gateway?.close()]);
  await store?.destroy();
});

describe('the anomaly detector', () => {
  for (const rule of ANOMALY_RULES) {
    it(`raises ${rule.id} with the numbers behind it`, async () => {
      const scenario = SCENARIOS.get(rule.id as AnomalyRuleId);
      expect(scenario, `a scenario that raises ${rule.id}`).toBeDefined();
      const flags = await flagsOf(scenario!.subject, rule.id as AnomalyRuleId);
      expect(flags).toHaveLength(1);
      const { measures, ...rest } = scenario!.expect;
      expect(flags[0]).toMatchObject({ ...rest, status: 'open' });
      expect(flags[0]!.measures).toEqual(measures);
      // Every number the table names, and no other.
      expect(Object.keys(flags[0]!.measures).sort()).toEqual(rule.measures.map((m) => m.name).sort());
      expect(first.raised.map((f) => f.id)).toContain(flags[0]!.id);
    });
  }

  it('names the records and requests behind a flag, at most ten of each', async () => {
    const [bulk] = await flagsOf('bulk-officer', 'bulk-lookups');
    expect(bulk!.exampleRecords).toEqual(residents('bulk', 10));
    expect(bulk!.exampleRequests).toHaveLength(10);
    const [guess] = await flagsOf('guessing-system', 'identity-enumeration');
    expect(guess!.exampleRequests).toHaveLength(4);
    expect(guess!.exampleRecords).toEqual([]);
  });

  it('keeps where the records behind a flag lie, for confined auditors; none for flags about requests', async () => {
    const [bulk] = await flagsOf('bulk-officer', 'bulk-lookups');
    expect(bulk!.places).toEqual([`${JINJIANG.divisionCode}/${JINJIANG.gridCode}`]);
    const [away] = await flagsOf('grid-worker', 'unusual-place');
    expect(away!.places).toEqual([`${WUHOU.divisionCode}/${WUHOU.gridCode}`]);
    const [probe] = await flagsOf('prober', 'denial-burst');
    expect(probe!.places).toBeNull();
  });

  it('flags a window once per rule, with the window the rule covers', async () => {
    const [bulk] = await flagsOf('bulk-officer', 'bulk-lookups');
    expect(bulk!.windowStart.getTime()).toBe(WORKDAY_10);
    expect(bulk!.windowEnd.getTime()).toBe(WORKDAY_10 + HOUR);
    const [probe] = await flagsOf('prober', 'denial-burst');
    expect(probe!.windowEnd.getTime() - probe!.windowStart.getTime()).toBe(S.denialWindowMinutes * 60_000);
    const [onCase] = await flagsOf('case-officer', 'case-breadth');
    expect(onCase!.windowStart.getTime()).toBe(WORKDAY_10 - DAY + 3 * 60_000);
    expect(onCase!.windowEnd.getTime()).toBe(WORKDAY_10 + 3 * 60_000);
  });

  it('raises nothing for ordinary work: a few residents an hour, in working hours, in the usual district', async () => {
    expect(await flagsOf('ordinary-officer')).toEqual([]);
  });

  it('holds a principal to its own usual: the volume that flags a newcomer is not far above a busy system’s baseline', async () => {
    expect(await flagsOf('busy-system')).toEqual([]);
    const [bulk] = await flagsOf('bulk-officer', 'bulk-lookups');
    expect(bulk!.observed).toBe(S.bulkMinResidents + 10);
  });

  it('flags a newcomer far above its department’s usual, naming the department’s baseline', async () => {
    const usual = S.bulkMinResidents - 10;
    const threshold = S.factor * usual;
    await reads('labour', 'labour-newcomer', WORKDAY_10 + 10 * 60_000, residents('newcomer', threshold - 1));
    await detector.pass();
    expect(await flagsOf('labour-newcomer')).toEqual([]);
    await reads('labour', 'labour-newcomer', WORKDAY_10 + 11 * 60_000, residents('newcomer', 1, threshold - 1));
    const report = await detector.pass();
    const [flag] = await flagsOf('labour-newcomer', 'bulk-lookups');
    expect(flag).toMatchObject({ observed: threshold, threshold, baseline: null, departmentBaseline: usual });
    expect(report.raised.map((f) => f.id)).toEqual([flag!.id]);
  });

  describe('incrementally', () => {
    it('reads no event twice: a second pass reads nothing, and its cursors stand at every chain head', async () => {
      const again = await detector.pass();
      expect(again).toMatchObject({ eventsRead: 0, chains: 0, windowsEvaluated: 0, raised: [], updated: [] });
      const heads = await store.db.select().from(auditChainHeads);
      const cursors = await store.db.execute(sql`SELECT writer_id, last_seq FROM anomaly_cursors`);
      const cursorRows = ((cursors as { rows?: { writer_id: string; last_seq: number }[] }).rows ?? []).map((r): [string, number] => [r.writer_id, Number(r.last_seq)]);
      expect(new Map(cursorRows)).toEqual(new Map(heads.map((h) => [h.writerId, h.lastSeq])));
    });

    it('picks up the events appended between passes, and only those, updating the flag of a window that grew', async () => {
      const [before] = await flagsOf('bulk-officer', 'bulk-lookups');
      const more = 7;
      await reads('housing', 'bulk-officer', WORKDAY_10 + 45 * 60_000, residents('bulk-late', more));
      const report = await detector.pass();
      expect(report.eventsRead).toBe(more);
      expect(report.raised).toEqual([]);
      expect(report.updated.map((f) => f.id)).toEqual([before!.id]);
      const after = await flagsOf('bulk-officer', 'bulk-lookups');
      expect(after).toHaveLength(1);
      expect(after[0]).toMatchObject({ id: before!.id, observed: before!.observed + more, raisedAt: before!.raisedAt });
      expect(after[0]!.updatedAt.getTime()).toBeGreaterThanOrEqual(before!.updatedAt.getTime());
    });

    it('counts a resident read twice in one hour once', async () => {
      const [before] = await flagsOf('bulk-officer', 'bulk-lookups');
      await reads('housing', 'bulk-officer', WORKDAY_10 + 50 * 60_000, residents('bulk', 5));
      const report = await detector.pass();
      expect(report.eventsRead).toBe(5);
      const [after] = await flagsOf('bulk-officer', 'bulk-lookups');
      expect(after!.observed).toBe(before!.observed);
      expect(after!.measures.accesses).toBe(before!.measures.accesses! + 5);
    });
  });
});

describe('working hours', () => {
  it('are read in the time zone of the settings: 10:00 on a Wednesday in Shanghai is in, 03:00 on a Sunday out', () => {
    const time = new WorkingTime(S);
    expect(time.isOffHours(WORKDAY_10)).toBe(false);
    expect(time.isOffHours(SUNDAY_03)).toBe(true);
    // 18:00 local ends the working day; 17:59 is still in it.
    expect(time.isOffHours(WORKDAY_10 + 8 * HOUR)).toBe(true);
    expect(time.isOffHours(WORKDAY_10 + 8 * HOUR - 60_000)).toBe(false);
  });
});
