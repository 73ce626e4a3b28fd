import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_ANOMALY_SETTINGS } from '../../audit/anomalies/rules.js';
import { awaitFlags, DEMO_CALLERS, DEMO_CASE, EXPECTED_RULES, runDemoActivity, type ActivityReport } from '../../scripts/demo-activity.js';
import { startTestHub, type TestHub } from '../support/hub.js';
import { claimsForRole } from '../support/tokens.js';

/*
 * `npm run demo:activity` against a real hub whose detector passes on its
 * own, as `npm start` runs it: the activity goes through the gateway, the
 * audit trail holds each kind of it as the console shows it, and the housing
 * system's harvest is flagged by every rule the script says it trips.
 */

let hub: TestHub;
let report: ActivityReport;
const lines: string[] = [];

beforeAll(async () => {
  hub = await startTestHub({ persons: 60, key: 'demo-activity', anomalies: { settings: DEFAULT_ANOMALY_SETTINGS, passIntervalMs: 1_000 } });
  report = await runDemoActivity(hub.gatewayUrl, (claims) => hub.token(claims), (line) => lines.push(line));
}, 300_000);

afterAll(async () => {
  await hub?.close();
});

describe('the scripted activity for the auditors’ console', () => {
  it('flags the housing system by every rule it is meant to trip, with the numbers behind each', async () => {
    const auditor = await hub.token(claimsForRole('auditor', { sub: DEMO_CALLERS.auditor }));
    const flags = await awaitFlags(hub.gatewayUrl, auditor, DEMO_CALLERS.harvester, EXPECTED_RULES, 120_000);
    expect(flags.map((f) => f.rule).sort()).toEqual(expect.arrayContaining([...EXPECTED_RULES].sort()));
    for (const flag of flags) {
      expect(flag.subject).toBe(DEMO_CALLERS.harvester);
      expect(flag.observed).toBeGreaterThanOrEqual(flag.threshold);
    }
    // The guesses it made (the refused ten at most besides), as far as the detector had read them when it flagged.
    expect(flags.find((f) => f.rule === 'identity-enumeration')?.observed).toBeLessThanOrEqual(report.guesses + 10);
    expect(flags.find((f) => f.rule === 'bulk-lookups')?.observed).toBeGreaterThanOrEqual(DEFAULT_ANOMALY_SETTINGS.bulkMinResidents);
  }, 180_000);

  it('leaves in the audit trail each kind of activity the console shows: reads by purpose, a case, refusals', async () => {
    await hub.audit.flush();
    const events = await hub.audit.events();
    const bySubject = (subject: string) => events.filter((e) => e.subject === subject);
    expect(new Set(bySubject(DEMO_CALLERS.officer).filter((e) => e.kind === 'access').map((e) => e.purpose))).toEqual(new Set(['population-management']));
    expect(new Set(bySubject(DEMO_CALLERS.health).filter((e) => e.kind === 'access').map((e) => e.purpose))).toEqual(new Set(['public-health']));
    const caseReads = bySubject(DEMO_CALLERS.investigator).filter((e) => e.kind === 'access');
    expect(caseReads.length).toBeGreaterThanOrEqual(report.caseReads);
    expect(new Set(caseReads.map((e) => e.caseId))).toEqual(new Set([DEMO_CASE]));
    const refused = bySubject(DEMO_CALLERS.refused);
    expect(refused.filter((e) => e.kind === 'access')).toEqual([]);
    // The first refusal is an event of its own; the gateway tallies the rest of its window in one.
    expect(refused.filter((e) => e.kind === 'request' && e.outcome !== 'ok').length).toBeGreaterThanOrEqual(1);
    expect(lines).toHaveLength(5);
  });
});
