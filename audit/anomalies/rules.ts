import { z } from 'zod';

/**
 * The anomaly rules, in one place, read like the policy or the alert rules:
 * what each flags, over which window, the numbers it computes, when it raises
 * a flag and the settings that say so. `docs/anomalies.md` is rendered from
 * this table (`npm run anomalies:table`), a test fails when they differ, and
 * the tests raise every rule of it. The detector (detector.ts) computes the
 * numbers incrementally from the audit log; the audit subgraph serves the
 * flags and the rules themselves (`anomalyRules`), so what an auditor reads
 * about a rule is what it does.
 */

/** What one flag states in numbers besides observed, baseline and threshold, by name. */
export interface AnomalyMeasure {
  name: string;
  meaning: string;
}

export interface AnomalyRule {
  /** Stable name, e.g. `bulk-lookups`; part of every flag's key. */
  id: string;
  /** What an auditor's list calls it, in English and in Chinese. */
  title: string;
  titleZh: string;
  /** What it catches, and why that is worth an auditor's look. */
  meaning: string;
  /** The window one flag covers. */
  window: string;
  /** What `observed` counts. */
  observed: string;
  /** What `baseline` and `departmentBaseline` are, or null when the rule has none. */
  baseline: string | null;
  /** How the threshold is set and when a flag is raised, naming the settings. */
  raisedWhen: string;
  /** Every number a flag of the rule carries, `observed` among them. */
  measures: readonly AnomalyMeasure[];
  /** The settings the rule reads (variables of ANOMALY_SETTINGS). */
  settings: readonly AnomalyVariable[];
  /** What the flag's example ids name, for the auditor to open. */
  examples: string;
  /** A one-line account of a flag, `{name}` standing for its numbers (observed, threshold, baseline, departmentBaseline and every measure). */
  summary: string;
}

/** The settings of the detector: each variable, what it means, its default as written in the environment, and how it is read. */
export const ANOMALY_ENV = {
  ANOMALY_PASS_SECONDS: z.coerce
    .number({ error: 'must be a number' })
    .int('must be a whole number of seconds')
    .min(0, 'must not be negative')
    .max(86_400, 'must be at most 86400')
    .default(60),
  ANOMALY_BASELINE_DAYS: z.coerce.number({ error: 'must be a number' }).int('must be a whole number of days').min(1, 'must be at least 1').max(365, 'must be at most 365').default(28),
  ANOMALY_FACTOR: z.coerce.number({ error: 'must be a number' }).min(1, 'must be at least 1').max(1_000, 'must be at most 1000').default(5),
  ANOMALY_BULK_MIN_RESIDENTS: z.coerce.number({ error: 'must be a number' }).int('must be a whole number').min(1, 'must be at least 1').max(1_000_000, 'must be at most 1000000').default(50),
  ANOMALY_ENUMERATION_MIN_LOOKUPS: z.coerce.number({ error: 'must be a number' }).int('must be a whole number').min(1, 'must be at least 1').max(1_000_000, 'must be at most 1000000').default(20),
  ANOMALY_WORK_HOURS: z
    .string()
    .trim()
    .default('08:00-18:00')
    .transform((value, ctx) => {
      const match = /^([01]\d|2[0-3]):([0-5]\d)-([01]\d|2[0-4]):([0-5]\d)$/.exec(value);
      const start = match ? Number(match[1]) * 60 + Number(match[2]) : NaN;
      const end = match ? Number(match[3]) * 60 + Number(match[4]) : NaN;
      if (!match || end > 24 * 60 || start >= end) {
        ctx.addIssue({ code: 'custom', message: 'must be HH:MM-HH:MM with the start before the end, e.g. 08:00-18:00' });
        return z.NEVER;
      }
      return { start, end };
    }),
  ANOMALY_WORK_DAYS: z
    .string()
    .trim()
    .default('1-5')
    .transform((value, ctx) => {
      const days = new Set<number>();
      for (const part of value.split(',')) {
        const match = /^([1-7])(?:-([1-7]))?$/.exec(part.trim());
        const from = Number(match?.[1]);
        const to = Number(match?.[2] ?? match?.[1]);
        if (!match || to < from) {
          ctx.addIssue({ code: 'custom', message: 'must list ISO weekdays (1 Monday … 7 Sunday) and ranges, e.g. 1-5 or 1-5,7' });
          return z.NEVER;
        }
        for (let day = from; day <= to; day += 1) days.add(day);
      }
      return [...days].sort();
    }),
  ANOMALY_TIME_ZONE: z
    .string()
    .trim()
    .default('Asia/Shanghai')
    .refine(isTimeZone, 'must be an IANA time zone, e.g. Asia/Shanghai'),
  ANOMALY_OFF_HOURS_MIN_RESIDENTS: z.coerce.number({ error: 'must be a number' }).int('must be a whole number').min(1, 'must be at least 1').max(1_000_000, 'must be at most 1000000').default(5),
  ANOMALY_DENIAL_WINDOW_MINUTES: z.coerce
    .number({ error: 'must be a number' })
    .int('must be a whole number of minutes')
    .refine((minutes) => minutes > 0 && 60 % minutes === 0, 'must divide an hour: 1, 2, 3, 4, 5, 6, 10, 12, 15, 20, 30 or 60')
    .default(10),
  ANOMALY_DENIAL_MIN: z.coerce.number({ error: 'must be a number' }).int('must be a whole number').min(1, 'must be at least 1').max(1_000_000, 'must be at most 1000000').default(20),
  ANOMALY_CASE_MAX_RESIDENTS: z.coerce.number({ error: 'must be a number' }).int('must be a whole number').min(1, 'must be at least 1').max(10_000_000, 'must be at most 10000000').default(50),
  ANOMALY_PLACE_LEVEL: z.enum(['district', 'grid'], { error: 'must be district or grid' }).default('district'),
  ANOMALY_PLACE_MIN_HISTORY: z.coerce.number({ error: 'must be a number' }).int('must be a whole number').min(1, 'must be at least 1').max(10_000_000, 'must be at most 10000000').default(50),
  ANOMALY_PLACE_USUAL_SHARE: z.coerce.number({ error: 'must be a number' }).gt(0, 'must be more than 0').max(1, 'must be at most 1').default(0.05),
  ANOMALY_PLACE_MIN_RESIDENTS: z.coerce.number({ error: 'must be a number' }).int('must be a whole number').min(1, 'must be at least 1').max(1_000_000, 'must be at most 1000000').default(5),
};

export type AnomalyVariable = keyof typeof ANOMALY_ENV;
export type AnomalyEnv = { [V in AnomalyVariable]: z.output<(typeof ANOMALY_ENV)[V]> };

/** What each setting means and its default as written, in the order the documentation lists them. */
export const ANOMALY_SETTINGS: Readonly<Record<AnomalyVariable, { default: string; meaning: string }>> = {
  ANOMALY_PASS_SECONDS: { default: '60', meaning: 'Seconds between the detector\'s passes in the process serving the audit subgraph; 0 runs none (`npm run audit:anomalies` runs one)' },
  ANOMALY_BASELINE_DAYS: { default: '28', meaning: 'Days of history a baseline is the average of, and how long the rolling aggregates are kept' },
  ANOMALY_FACTOR: { default: '5', meaning: 'How many times its baseline a count must exceed to be far above it' },
  ANOMALY_BULK_MIN_RESIDENTS: { default: '50', meaning: 'Distinct residents in an hour below which no bulk look-up is flagged, whatever the baseline' },
  ANOMALY_ENUMERATION_MIN_LOOKUPS: { default: '20', meaning: 'Look-ups by full identity number in an hour below which no enumeration is flagged (the look-up cap, LOOKUP_CAP_PER_HOUR, stops more)' },
  ANOMALY_WORK_HOURS: { default: '08:00-18:00', meaning: 'Working hours, local time, HH:MM-HH:MM' },
  ANOMALY_WORK_DAYS: { default: '1-5', meaning: 'Working days, ISO weekdays (1 Monday … 7 Sunday), lists and ranges' },
  ANOMALY_TIME_ZONE: { default: 'Asia/Shanghai', meaning: 'The time zone working hours and days are read in' },
  ANOMALY_OFF_HOURS_MIN_RESIDENTS: { default: '5', meaning: 'Distinct residents read outside working hours in an hour below which nothing is flagged' },
  ANOMALY_DENIAL_WINDOW_MINUTES: { default: '10', meaning: 'The window denials are counted in, in minutes; divides an hour' },
  ANOMALY_DENIAL_MIN: { default: '20', meaning: 'Requests denied or refused in a window below which no burst is flagged' },
  ANOMALY_CASE_MAX_RESIDENTS: { default: '50', meaning: 'Distinct residents one principal may read under one case number before it is flagged' },
  ANOMALY_PLACE_LEVEL: { default: 'district', meaning: 'What a usual place is: a `district` (division code) or a `grid`' },
  ANOMALY_PLACE_MIN_HISTORY: { default: '50', meaning: 'Placed residents a principal must have read in the baseline days before its usual places are known' },
  ANOMALY_PLACE_USUAL_SHARE: { default: '0.05', meaning: 'The share of a principal\'s placed residents a place must hold to be one of its usual places' },
  ANOMALY_PLACE_MIN_RESIDENTS: { default: '5', meaning: 'Distinct residents outside the usual places in an hour below which nothing is flagged' },
};

export const ANOMALY_VARIABLES = Object.keys(ANOMALY_ENV) as AnomalyVariable[];

/** The detector's settings, read from the environment by hub/env.ts. */
export interface AnomalySettings {
  passSeconds: number;
  baselineDays: number;
  factor: number;
  bulkMinResidents: number;
  enumerationMinLookups: number;
  /** Minutes after local midnight: [start, end). */
  workHours: { start: number; end: number };
  /** ISO weekdays, 1 Monday … 7 Sunday. */
  workDays: readonly number[];
  timeZone: string;
  offHoursMinResidents: number;
  denialWindowMinutes: number;
  denialMin: number;
  caseMaxResidents: number;
  placeLevel: 'district' | 'grid';
  placeMinHistory: number;
  placeUsualShare: number;
  placeMinResidents: number;
}

export function anomalySettingsFromEnv(env: AnomalyEnv): AnomalySettings {
  return {
    passSeconds: env.ANOMALY_PASS_SECONDS,
    baselineDays: env.ANOMALY_BASELINE_DAYS,
    factor: env.ANOMALY_FACTOR,
    bulkMinResidents: env.ANOMALY_BULK_MIN_RESIDENTS,
    enumerationMinLookups: env.ANOMALY_ENUMERATION_MIN_LOOKUPS,
    workHours: env.ANOMALY_WORK_HOURS,
    workDays: env.ANOMALY_WORK_DAYS,
    timeZone: env.ANOMALY_TIME_ZONE,
    offHoursMinResidents: env.ANOMALY_OFF_HOURS_MIN_RESIDENTS,
    denialWindowMinutes: env.ANOMALY_DENIAL_WINDOW_MINUTES,
    denialMin: env.ANOMALY_DENIAL_MIN,
    caseMaxResidents: env.ANOMALY_CASE_MAX_RESIDENTS,
    placeLevel: env.ANOMALY_PLACE_LEVEL,
    placeMinHistory: env.ANOMALY_PLACE_MIN_HISTORY,
    placeUsualShare: env.ANOMALY_PLACE_USUAL_SHARE,
    placeMinResidents: env.ANOMALY_PLACE_MIN_RESIDENTS,
  };
}

/** The settings as the documented defaults make them. */
export const DEFAULT_ANOMALY_SETTINGS: AnomalySettings = anomalySettingsFromEnv(
  z.object(ANOMALY_ENV).parse(Object.fromEntries(ANOMALY_VARIABLES.map((variable) => [variable, ANOMALY_SETTINGS[variable].default]))),
);

/** A setting's value as the environment would spell it, for auditors reading why a rule fired. */
export function settingValue(settings: AnomalySettings, variable: AnomalyVariable): string {
  const hhmm = (minutes: number) => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
  switch (variable) {
    case 'ANOMALY_PASS_SECONDS':
      return String(settings.passSeconds);
    case 'ANOMALY_BASELINE_DAYS':
      return String(settings.baselineDays);
    case 'ANOMALY_FACTOR':
      return String(settings.factor);
    case 'ANOMALY_BULK_MIN_RESIDENTS':
      return String(settings.bulkMinResidents);
    case 'ANOMALY_ENUMERATION_MIN_LOOKUPS':
      return String(settings.enumerationMinLookups);
    case 'ANOMALY_WORK_HOURS':
      return `${hhmm(settings.workHours.start)}-${hhmm(settings.workHours.end)}`;
    case 'ANOMALY_WORK_DAYS':
      return dayRanges(settings.workDays);
    case 'ANOMALY_TIME_ZONE':
      return settings.timeZone;
    case 'ANOMALY_OFF_HOURS_MIN_RESIDENTS':
      return String(settings.offHoursMinResidents);
    case 'ANOMALY_DENIAL_WINDOW_MINUTES':
      return String(settings.denialWindowMinutes);
    case 'ANOMALY_DENIAL_MIN':
      return String(settings.denialMin);
    case 'ANOMALY_CASE_MAX_RESIDENTS':
      return String(settings.caseMaxResidents);
    case 'ANOMALY_PLACE_LEVEL':
      return settings.placeLevel;
    case 'ANOMALY_PLACE_MIN_HISTORY':
      return String(settings.placeMinHistory);
    case 'ANOMALY_PLACE_USUAL_SHARE':
      return String(settings.placeUsualShare);
    case 'ANOMALY_PLACE_MIN_RESIDENTS':
      return String(settings.placeMinResidents);
  }
}

/** Weekdays as the variable writes them: runs of days as ranges, `1-5,7`. */
function dayRanges(days: readonly number[]): string {
  const runs: string[] = [];
  let start: number | null = null;
  let previous: number | null = null;
  for (const day of [...days, Number.NaN]) {
    if (start !== null && previous !== null && day !== previous + 1) {
      runs.push(start === previous ? String(start) : `${start}-${previous}`);
      start = null;
    }
    start ??= day;
    previous = day;
  }
  return runs.join(',');
}

function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

/** Record types whose ids are residents' person ids: what "a resident read" counts. */
export const RESIDENT_TYPES: readonly string[] = ['Person', 'HealthProfile', 'PersonCheck', 'IdentityCheck'];

/**
 * Error codes of requests refused for who the caller is or what it asked,
 * rather than for a mistake in the request: what a burst of denials counts.
 */
export const REFUSAL_CODES: readonly string[] = ['FORBIDDEN', 'UNAUTHENTICATED', 'RATE_LIMITED', 'LOOKUP_CAP'];

const BASELINES = 'the average per active window of the same count over the ANOMALY_BASELINE_DAYS days before the window: the principal\'s own (`baseline`), and the other principals\' of its department (`departmentBaseline`)';
const FAR_ABOVE = 'max(floor, ANOMALY_FACTOR × the larger of the two baselines)';

const RULES = [
  {
    id: 'bulk-lookups',
    title: 'Bulk look-ups',
    titleZh: '批量查询',
    meaning: 'A principal reads far more residents in an hour than it and its department usually do: a system or an officer harvesting the register',
    window: 'one hour, per principal',
    observed: 'distinct residents whose records (Person, HealthProfile, yes/no checks about a person) the principal was served',
    baseline: BASELINES,
    raisedWhen: `observed ≥ threshold = ${FAR_ABOVE}, the floor being ANOMALY_BULK_MIN_RESIDENTS`,
    measures: [
      { name: 'residents', meaning: 'distinct residents served in the hour' },
      { name: 'accesses', meaning: 'access events of the principal in the hour' },
      { name: 'requests', meaning: 'requests of the principal through the gateway in the hour' },
    ],
    settings: ['ANOMALY_BULK_MIN_RESIDENTS', 'ANOMALY_FACTOR', 'ANOMALY_BASELINE_DAYS'],
    examples: 'residents served in the hour, and requests that served them',
    summary: '{residents} distinct residents in one hour, at or above {threshold} (own baseline {baseline}, department {departmentBaseline})',
  },
  {
    id: 'identity-enumeration',
    title: 'Enumeration of identity numbers',
    titleZh: '身份证号枚举',
    meaning:
      'A principal who sees identity numbers masked looks residents up by full number again and again: each look-up tests a guess at a masked number, and a run of them reveals the numbers the mask hides',
    window: 'one hour, per principal',
    observed: 'look-ups by full identity number the principal asked (personByIdNumber, identity checks, the exchange\'s number filters), as the gateway counted them for a principal who does not read numbers in full, those the look-up cap refused included',
    baseline: BASELINES,
    raisedWhen: `observed ≥ threshold = ${FAR_ABOVE}, the floor being ANOMALY_ENUMERATION_MIN_LOOKUPS; or any request refused by the look-up cap`,
    measures: [
      { name: 'lookups', meaning: 'look-ups by full identity number asked in the hour' },
      { name: 'capRefusals', meaning: 'requests the look-up cap refused in the hour' },
      { name: 'residents', meaning: 'distinct residents served to the principal in the hour, by any way of asking' },
    ],
    settings: ['ANOMALY_ENUMERATION_MIN_LOOKUPS', 'ANOMALY_FACTOR', 'ANOMALY_BASELINE_DAYS'],
    examples: 'requests that looked residents up by number (the numbers asked are never recorded)',
    summary: '{lookups} look-ups by full identity number in one hour by a principal who sees numbers masked ({capRefusals} requests refused by the look-up cap), threshold {threshold}',
  },
  {
    id: 'out-of-hours',
    title: 'Access outside working hours',
    titleZh: '非工作时间访问',
    meaning: 'A principal reads residents at night or on a rest day, more than it usually does then',
    window: 'one hour, per principal',
    observed: 'distinct residents served to the principal outside working hours (ANOMALY_WORK_HOURS on ANOMALY_WORK_DAYS, in ANOMALY_TIME_ZONE)',
    baseline: 'the principal\'s own average of residents read outside working hours per hour it did so, over the ANOMALY_BASELINE_DAYS days before (`baseline`); the department\'s likewise (`departmentBaseline`)',
    raisedWhen: `observed ≥ threshold = ${FAR_ABOVE}, the floor being ANOMALY_OFF_HOURS_MIN_RESIDENTS`,
    measures: [
      { name: 'offHoursResidents', meaning: 'distinct residents read outside working hours in the hour' },
      { name: 'residents', meaning: 'distinct residents read in the hour' },
    ],
    settings: ['ANOMALY_WORK_HOURS', 'ANOMALY_WORK_DAYS', 'ANOMALY_TIME_ZONE', 'ANOMALY_OFF_HOURS_MIN_RESIDENTS', 'ANOMALY_FACTOR', 'ANOMALY_BASELINE_DAYS'],
    examples: 'residents served in the hour, and requests that served them',
    summary: '{offHoursResidents} residents read outside working hours in one hour, at or above {threshold} (own baseline {baseline})',
  },
  {
    id: 'denial-burst',
    title: 'Burst of denials',
    titleZh: '集中拒绝',
    meaning: 'A principal keeps asking for what the policy refuses it: fields it may not read, purposes it may not declare, look-ups past the cap — probing the policy',
    window: 'ANOMALY_DENIAL_WINDOW_MINUTES minutes, per principal',
    observed: "the principal's requests denied a field (a denied field decision in its access events) or refused as FORBIDDEN, UNAUTHENTICATED, RATE_LIMITED or LOOKUP_CAP, each request once, and the repeated refusals the gateway tallied",
    baseline: "the average of the same count per window with any denial, over the ANOMALY_BASELINE_DAYS days before: the principal's own (`baseline`) and its department's others' (`departmentBaseline`)",
    raisedWhen: `observed ≥ threshold = ${FAR_ABOVE}, the floor being ANOMALY_DENIAL_MIN`,
    measures: [
      { name: 'deniedRequests', meaning: 'requests denied or refused in the window' },
      { name: 'deniedFields', meaning: 'denied field decisions in the window' },
    ],
    settings: ['ANOMALY_DENIAL_WINDOW_MINUTES', 'ANOMALY_DENIAL_MIN', 'ANOMALY_FACTOR', 'ANOMALY_BASELINE_DAYS'],
    examples: 'requests that were denied',
    summary: '{deniedRequests} requests denied in {windowMinutes} minutes ({deniedFields} denied fields), at or above {threshold}',
  },
  {
    id: 'case-breadth',
    title: 'Many residents under one case',
    titleZh: '单一案件涉及人数过多',
    meaning: 'A principal reads many residents under one case number: a case used as a blanket reason rather than for the people it is about',
    window: 'the case\'s life, per principal: from its first access under the case to its latest',
    observed: 'distinct residents the principal read declaring the case number',
    baseline: null,
    raisedWhen: 'observed > threshold = ANOMALY_CASE_MAX_RESIDENTS',
    measures: [
      { name: 'residents', meaning: 'distinct residents read under the case' },
      { name: 'days', meaning: 'days from the first access under the case to the latest' },
    ],
    settings: ['ANOMALY_CASE_MAX_RESIDENTS'],
    examples: 'residents read under the case, and requests that read them',
    summary: '{residents} distinct residents read under case {caseId} over {days} days, above {threshold}',
  },
  {
    id: 'unusual-place',
    title: 'Access outside the usual area',
    titleZh: '超出常规辖区访问',
    meaning: 'A principal reads residents living outside the districts (or grids) it usually reads: an officer looking into people with no tie to their work',
    window: 'one hour, per principal',
    observed: 'distinct residents served in the hour who live in none of the principal\'s usual places (by the police\'s place of their residence; a list spanning several places counts for none)',
    baseline: 'the share of the principal\'s placed residents over the ANOMALY_BASELINE_DAYS days before that lay in its usual places (`baseline`); a place is usual when it holds at least ANOMALY_PLACE_USUAL_SHARE of them',
    raisedWhen: 'the principal has read at least ANOMALY_PLACE_MIN_HISTORY placed residents in the baseline days, and observed ≥ threshold = ANOMALY_PLACE_MIN_RESIDENTS',
    measures: [
      { name: 'residentsOutside', meaning: 'distinct residents in the hour living outside the usual places' },
      { name: 'placesOutside', meaning: 'how many places outside the usual ones they live in' },
      { name: 'usualPlaces', meaning: 'how many usual places the principal has' },
      { name: 'history', meaning: 'placed residents read in the baseline days' },
    ],
    settings: ['ANOMALY_PLACE_LEVEL', 'ANOMALY_PLACE_MIN_HISTORY', 'ANOMALY_PLACE_USUAL_SHARE', 'ANOMALY_PLACE_MIN_RESIDENTS', 'ANOMALY_BASELINE_DAYS'],
    examples: 'residents served in the hour who live outside the usual places, and requests that served them (the places themselves are not served: they say where residents live)',
    summary: '{residentsOutside} residents living in {placesOutside} places outside the {usualPlaces} usual ones in one hour (history {history} placed residents)',
  },
] as const satisfies readonly AnomalyRule[];

export const ANOMALY_RULES: readonly AnomalyRule[] = RULES;

export type AnomalyRuleId = (typeof RULES)[number]['id'];

/** The table as a Map, so a caller's rule name is never looked up on a plain object. */
export const ANOMALY_RULE_BY_ID: ReadonlyMap<string, AnomalyRule> = new Map(ANOMALY_RULES.map((rule) => [rule.id, rule]));

export const ANOMALY_RULE_IDS: readonly string[] = ANOMALY_RULES.map((rule) => rule.id);

/** A flag's one-line account: the rule's summary with its numbers put in. */
export function summarize(rule: AnomalyRule, numbers: ReadonlyMap<string, number | string | null>): string {
  return rule.summary.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = numbers.get(name);
    if (value === undefined || value === null) return '–';
    return typeof value === 'number' ? formatNumber(value) : value;
  });
}

/** What a flag's summary is made from. */
export interface FlagNumbers {
  rule: string;
  observed: number;
  threshold: number;
  baseline: number | null;
  departmentBaseline: number | null;
  caseId: string | null;
  measures: Readonly<Record<string, number>>;
}

/** A flag's one-line account, from its rule's summary: its numbers, the denial window's length and the case. */
export function flagSummary(flag: FlagNumbers, settings: Pick<AnomalySettings, 'denialWindowMinutes'>): string {
  const rule = ANOMALY_RULE_BY_ID.get(flag.rule);
  if (!rule) return '';
  const numbers = new Map<string, number | string | null>([
    ['observed', flag.observed],
    ['threshold', flag.threshold],
    ['baseline', flag.baseline],
    ['departmentBaseline', flag.departmentBaseline],
    ['windowMinutes', settings.denialWindowMinutes],
    ['caseId', flag.caseId],
  ]);
  for (const [name, value] of Object.entries(flag.measures)) numbers.set(name, value);
  return summarize(rule, numbers);
}

/** Whole numbers as they are, others to one decimal. */
export const formatNumber = (value: number): string => (Number.isInteger(value) ? String(value) : value.toFixed(1));
