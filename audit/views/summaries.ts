import type { CaseDisclosureRow } from '../db/schema.js';
import type { CaseCount, CountRow, OfficerDay } from './store.js';

/**
 * What the views make of the counts the store reads: series per day for
 * charts, sums, and how a count spreads over officer-days. No SQL here and no
 * GraphQL: the rules of counting, in one place.
 */

const DAY_MS = 86_400_000;
const CHINA_OFFSET_MS = 8 * 3_600_000;

/** China's calendar day of an instant (UTC+8), YYYY-MM-DD. */
export const chinaDay = (instant: Date): string => new Date(instant.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 10);

/** Every China day [from, to) touches, oldest first. */
export function chinaDays(from: Date, to: Date): string[] {
  const days: string[] = [];
  const last = chinaDay(new Date(to.getTime() - 1));
  for (let day = chinaDay(from); day <= last; day = new Date(Date.parse(`${day}T00:00:00Z`) + DAY_MS).toISOString().slice(0, 10)) days.push(day);
  return days;
}

export interface DailyCounts {
  key: string | null;
  counts: number[];
  total: number;
}

/**
 * One series per key, one count per day, the largest first (ties by key):
 * what a stacked chart draws. Rows the key function skips (undefined) are
 * left out.
 */
export function dailySeries<T extends { day: string }>(rows: readonly T[], days: readonly string[], keyOf: (row: T) => string | null | undefined, countOf: (row: T) => number): DailyCounts[] {
  const index = new Map(days.map((day, i) => [day, i]));
  const series = new Map<string | null, number[]>();
  for (const row of rows) {
    const key = keyOf(row);
    const at = index.get(row.day);
    if (key === undefined || at === undefined) continue;
    let counts = series.get(key);
    if (!counts) series.set(key, (counts = days.map(() => 0)));
    counts[at] = (counts[at] ?? 0) + countOf(row);
  }
  return [...series.entries()]
    .map(([key, counts]) => ({ key, counts, total: counts.reduce((a, b) => a + b, 0) }))
    .filter((s) => s.total > 0)
    .sort((a, b) => b.total - a.total || (a.key ?? '').localeCompare(b.key ?? ''));
}

/** The codes whose refusals are limits on the caller's rate: the per-caller rate and the look-up cap on identity numbers. */
export const RATE_LIMIT_CODES: ReadonlySet<string> = new Set(['RATE_LIMITED', 'LOOKUP_CAP']);

const keyOrNull = (value: string) => (value === '' ? null : value);

/** A refusal row's count: a request that ended with no data is one; a tally stands for as many as it counted beyond the first. */
function refusalsIn(row: CountRow): number {
  if (row.kind === 'request') return row.outcome === 'error' ? row.events : 0;
  if (row.kind === 'refusals') return row.tallied;
  return 0;
}

export function overviewSeries(rows: readonly CountRow[], days: readonly string[]) {
  const accesses = rows.filter((r) => r.kind === 'access');
  const requests = rows.filter((r) => r.kind === 'request');
  const refusals = rows.filter((r) => refusalsIn(r) > 0);
  const events = (r: CountRow) => r.events;
  const sum = (list: readonly CountRow[], count: (r: CountRow) => number) => list.reduce((total, r) => total + count(r), 0);
  const decided = (decision: string) => sum(accesses.filter((r) => r.outcome === decision), events);
  const limited = refusals.filter((r) => RATE_LIMIT_CODES.has(r.errorCode));
  return {
    totals: {
      requests: sum(requests, events),
      accesses: sum(accesses, events),
      recordsServed: sum(accesses, (r) => r.records),
      fullAccesses: decided('full'),
      maskedAccesses: decided('masked'),
      deniedAccesses: decided('denied'),
      refusals: sum(refusals, refusalsIn),
      rateLimitHits: sum(limited, refusalsIn),
    },
    accessesByDepartment: dailySeries(accesses, days, (r) => keyOrNull(r.department), events),
    accessesByPurpose: dailySeries(accesses, days, (r) => keyOrNull(r.purpose), events),
    accessesByDecision: dailySeries(accesses, days, (r) => r.outcome.toUpperCase(), events),
    requestsByOutcome: dailySeries(requests, days, (r) => (r.outcome === '' ? null : r.outcome.toUpperCase()), events),
    refusalsByReason: dailySeries(refusals, days, (r) => keyOrNull(r.errorCode), refusalsIn),
    rateLimitHits: dailySeries(limited, days, (r) => r.errorCode, refusalsIn),
  };
}

/** Whether residents' own reports withhold an access of this case at `now`: no setting, no instant, or an instant still ahead. */
export function withheldNow(disclosure: Pick<CaseDisclosureRow, 'discloseAfter'> | undefined, now: Date): boolean {
  return !disclosure?.discloseAfter || disclosure.discloseAfter > now;
}

/** The cases of a period whose accesses are withheld now, most accesses first. */
export function withheldCases(counts: readonly CaseCount[], disclosures: ReadonlyMap<string, CaseDisclosureRow>, now: Date) {
  const cases = counts
    .filter((c) => withheldNow(c.caseId === null ? undefined : disclosures.get(c.caseId), now))
    .map((c) => ({ caseId: c.caseId ?? '', accesses: c.accesses, discloseAfter: (c.caseId === null ? null : disclosures.get(c.caseId)?.discloseAfter) ?? null }))
    .sort((a, b) => b.accesses - a.accesses || a.caseId.localeCompare(b.caseId));
  return { accesses: cases.reduce((total, c) => total + c.accesses, 0), cases };
}

export interface DailySpread {
  days: number;
  median: number;
  p90: number;
  max: number;
}

/** The value at quantile q of sorted values, interpolated linearly between neighbours (as PostgreSQL's percentile_cont). */
function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return 0;
  const at = (sorted.length - 1) * q;
  const below = Math.floor(at);
  const above = Math.ceil(at);
  const low = sorted[below] ?? 0;
  const high = sorted[above] ?? low;
  return low + (high - low) * (at - below);
}

export function spread(values: readonly number[]): DailySpread {
  const sorted = [...values].sort((a, b) => a - b);
  return { days: sorted.length, median: quantile(sorted, 0.5), p90: quantile(sorted, 0.9), max: sorted.at(-1) ?? 0 };
}

/**
 * One officer against the other officers of their department: per day of
 * the period their own counts, and how each count spreads over the days
 * (officer-days) on which anyone accessed anything.
 */
export function officerAgainstDepartment(rows: readonly OfficerDay[], subject: string, days: readonly string[]) {
  const own = rows.filter((r) => r.subject === subject);
  const others = rows.filter((r) => r.subject !== subject && r.accesses > 0);
  const perDay = (count: (r: OfficerDay) => number) => {
    const byDay = new Map(own.map((r) => [r.day, count(r)]));
    return days.map((day) => byDay.get(day) ?? 0);
  };
  const active = own.filter((r) => r.accesses > 0);
  const department = { residents: spread(others.map((r) => r.residents)), accesses: spread(others.map((r) => r.accesses)) };
  return {
    accessesPerDay: perDay((r) => r.accesses),
    distinctResidentsPerDay: perDay((r) => r.residents),
    deniedPerDay: perDay((r) => r.denied),
    distinctResidents: spread(active.map((r) => r.residents)),
    accesses: spread(active.map((r) => r.accesses)),
    departmentDistinctResidents: department.residents,
    departmentAccesses: department.accesses,
    departmentOfficers: new Set(others.map((r) => r.subject)).size,
    daysAboveDepartmentP90: department.residents.days === 0 ? [] : active.filter((r) => r.residents > department.residents.p90).map((r) => r.day).sort(),
  };
}
