import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  type ANOMALY_ENV,
  ANOMALY_RULES,
  ANOMALY_SETTINGS,
  ANOMALY_VARIABLES,
  anomalySettingsFromEnv,
  DEFAULT_ANOMALY_SETTINGS,
  flagSummary,
  settingValue,
} from '../../../audit/anomalies/rules.js';
import { parseEnv } from '../../../hub/env.js';
import { ANOMALIES_TABLE_PATH, renderAnomaliesTable } from '../../../schema/anomalies-table.js';

/** The names a rule's summary may use besides its measures: what every flag carries. */
const FLAG_NUMBERS = ['observed', 'threshold', 'baseline', 'departmentBaseline', 'windowMinutes', 'caseId'];

describe('the anomaly rules table', () => {
  it('is what docs/anomalies.md shows (npm run anomalies:table)', () => {
    expect(readFileSync(ANOMALIES_TABLE_PATH, 'utf8')).toBe(renderAnomaliesTable());
  });

  it('names each rule once, each measure of a rule once, and only settings it declares', () => {
    expect(new Set(ANOMALY_RULES.map((rule) => rule.id)).size).toBe(ANOMALY_RULES.length);
    for (const rule of ANOMALY_RULES) {
      const names = rule.measures.map((m) => m.name);
      expect(new Set(names).size, rule.id).toBe(names.length);
      expect(rule.settings.length, rule.id).toBeGreaterThan(0);
      for (const variable of rule.settings) expect(ANOMALY_VARIABLES, rule.id).toContain(variable);
    }
  });

  it('uses every setting in some rule, or to run the detector', () => {
    const used = new Set(['ANOMALY_PASS_SECONDS', ...ANOMALY_RULES.flatMap((rule) => rule.settings)]);
    expect(ANOMALY_VARIABLES.filter((variable) => !used.has(variable))).toEqual([]);
  });

  it('writes each summary with numbers a flag of the rule carries', () => {
    for (const rule of ANOMALY_RULES) {
      const known = new Set([...FLAG_NUMBERS, ...rule.measures.map((m) => m.name)]);
      const named = [...rule.summary.matchAll(/\{(\w+)\}/g)].map((match) => match[1]);
      expect(named.filter((name) => !known.has(name!)), rule.id).toEqual([]);
    }
  });

  it('fills a summary from a flag’s numbers', () => {
    const text = flagSummary(
      { rule: 'bulk-lookups', observed: 140, threshold: 50, baseline: 3.25, departmentBaseline: null, caseId: null, measures: { residents: 140, accesses: 150, requests: 12 } },
      DEFAULT_ANOMALY_SETTINGS,
    );
    expect(text).toBe('140 distinct residents in one hour, at or above 50 (own baseline 3.3, department –)');
  });
});

describe('the anomaly settings', () => {
  it('default to what the table documents', () => {
    expect(anomalySettingsFromEnv(parseEnv({}))).toEqual(DEFAULT_ANOMALY_SETTINGS);
    for (const variable of ANOMALY_VARIABLES) expect(settingValue(DEFAULT_ANOMALY_SETTINGS, variable), variable).toBe(ANOMALY_SETTINGS[variable].default);
  });

  it('are read from the environment', () => {
    const settings = anomalySettingsFromEnv(
      parseEnv({ ANOMALY_WORK_HOURS: '07:30-19:00', ANOMALY_WORK_DAYS: '1-5,7', ANOMALY_TIME_ZONE: 'Asia/Urumqi', ANOMALY_PLACE_LEVEL: 'grid', ANOMALY_DENIAL_WINDOW_MINUTES: '15' }),
    );
    expect(settings).toMatchObject({ workHours: { start: 450, end: 1140 }, workDays: [1, 2, 3, 4, 5, 7], timeZone: 'Asia/Urumqi', placeLevel: 'grid', denialWindowMinutes: 15 });
  });

  const BAD: Record<keyof typeof ANOMALY_ENV, string> = {
    ANOMALY_PASS_SECONDS: '-1',
    ANOMALY_BASELINE_DAYS: '0',
    ANOMALY_FACTOR: 'lots',
    ANOMALY_BULK_MIN_RESIDENTS: '0',
    ANOMALY_ENUMERATION_MIN_LOOKUPS: '1.5',
    ANOMALY_WORK_HOURS: '18:00-08:00',
    ANOMALY_WORK_DAYS: '5-1',
    ANOMALY_TIME_ZONE: 'Mars/Olympus',
    ANOMALY_OFF_HOURS_MIN_RESIDENTS: 'none',
    ANOMALY_DENIAL_WINDOW_MINUTES: '7',
    ANOMALY_DENIAL_MIN: '0',
    ANOMALY_CASE_MAX_RESIDENTS: '-5',
    ANOMALY_PLACE_LEVEL: 'street',
    ANOMALY_PLACE_MIN_HISTORY: '0',
    ANOMALY_PLACE_USUAL_SHARE: '0',
    ANOMALY_PLACE_MIN_RESIDENTS: '0',
  };
  for (const variable of ANOMALY_VARIABLES) {
    it(`refuses a bad ${variable}, naming it`, () => {
      expect(() => parseEnv({ [variable]: BAD[variable] })).toThrow(new RegExp(`${variable}=`));
    });
  }
});
