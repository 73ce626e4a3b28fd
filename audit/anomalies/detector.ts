import type { Logger } from '../../platform/logger.js';
import type { AuditDatabase } from '../database.js';
import { keyOf as key, Tallier } from './aggregate.js';
import type { AnomalyRuleId, AnomalySettings } from './rules.js';
import {
  addTally,
  cursorOf,
  denialBaselines,
  dirtyCases,
  dirtyDenials,
  dirtyHours,
  dueChains,
  hourBaselines,
  hourWindowEnd,
  lockDetector,
  markEvaluated,
  placedResidents,
  placeHistories,
  pruneAggregates,
  readEvents,
  upsertFlags,
  type DetectorTx,
  type DueHour,
  type HourBaselines,
  type RaisedFlag,
} from './store.js';

/**
 * The anomaly detector. A pass reads only the events each writer appended
 * after the detector's cursor for it (never the history before), adds them
 * to rolling aggregates in the detector's own tables, then evaluates the
 * windows those events touched against the rules (rules.ts), raising a flag
 * per rule, principal and window — or updating the numbers of the one raised
 * before, when the window has grown. Each batch of events moves its cursor in
 * the transaction that counts it, so a pass cut short loses nothing and
 * counts nothing twice; detectors sharing a store take turns.
 */

export interface PassReport {
  /** Events read from the log in this pass. */
  eventsRead: number;
  /** Chains that had events past their cursor. */
  chains: number;
  /** Windows (hours, denial windows, cases) evaluated. */
  windowsEvaluated: number;
  /** Flags raised for the first time, and flags whose numbers were updated. */
  raised: PassFlag[];
  updated: PassFlag[];
  durationMs: number;
}

export interface PassFlag {
  id: string;
  rule: string;
  department: string;
  subject: string;
  windowStart: string;
  observed: number;
  threshold: number;
}

export interface DetectorOptions {
  /** Events read and counted per transaction. */
  batchSize?: number;
  /** How often, at most, aggregates older than the baseline are dropped. */
  pruneEveryMs?: number;
}

const flagKey = (rule: AnomalyRuleId, department: string, subject: string, window: string) => JSON.stringify([rule, department, subject, window]);
const farAbove = (floor: number, factor: number, ...baselines: (number | null)[]) => Math.max(floor, factor * Math.max(0, ...baselines.map((b) => b ?? 0)));
const round = (value: number | null) => (value === null ? null : Math.round(value * 100) / 100);
/** The place a usual-place rule compares: the district, or the grid. */
const levelOf = (place: string, level: AnomalySettings['placeLevel']): string | null => {
  const [division, grid] = place.split('/');
  return level === 'district' ? (division ?? null) : (grid ?? null);
};

export class AnomalyDetector {
  private readonly tallier: Tallier;
  private readonly batchSize: number;
  private readonly pruneEveryMs: number;
  private lastPruned = 0;
  private running: Promise<PassReport> | null = null;

  constructor(
    private readonly database: AuditDatabase,
    readonly settings: AnomalySettings,
    private readonly logger: Logger,
    options: DetectorOptions = {},
  ) {
    this.tallier = new Tallier(settings);
    this.batchSize = options.batchSize ?? 2_000;
    this.pruneEveryMs = options.pruneEveryMs ?? 3_600_000;
  }

  /** One pass; a pass asked for while one runs waits for it and runs after, so what was appended before the call is read. */
  async pass(): Promise<PassReport> {
    while (this.running) await this.running.catch(() => undefined);
    this.running = this.run();
    try {
      return await this.running;
    } finally {
      this.running = null;
    }
  }

  private async run(): Promise<PassReport> {
    const started = performance.now();
    const db = this.database.db;
    let eventsRead = 0;
    const chains = await dueChains(db);
    for (const chain of chains) {
      for (;;) {
        const read = await db.transaction(async (tx) => {
          await lockDetector(tx);
          // Another detector may have moved the cursor since the chains were listed.
          const after = await cursorOf(tx, chain.writerId);
          if (after >= chain.upTo) return 0;
          const events = await readEvents(tx, chain.writerId, after, chain.upTo, this.batchSize);
          const last = events.at(-1);
          if (!last) return 0;
          await addTally(tx, this.tallier.tally(events), { writerId: chain.writerId, lastSeq: last.seq, events: events.length });
          return events.length;
        });
        eventsRead += read;
        if (read < this.batchSize) break;
      }
    }
    const evaluated = await db.transaction(async (tx) => {
      await lockDetector(tx);
      return this.evaluate(tx);
    });
    if (Date.now() - this.lastPruned >= this.pruneEveryMs) {
      this.lastPruned = Date.now();
      await pruneAggregates(db, this.settings.baselineDays).catch((error: unknown) => this.logger.warn({ err: error }, 'could not drop old anomaly aggregates; the next pass will'));
    }
    const byKey = new Map(evaluated.flags.map((flag) => [flag.key, flag]));
    const describe = (saved: { id: string; key: string }): PassFlag => {
      const flag = byKey.get(saved.key);
      return {
        id: saved.id,
        rule: flag?.rule ?? '',
        department: flag?.department ?? '',
        subject: flag?.subject ?? '',
        windowStart: new Date(flag?.windowStartMs ?? 0).toISOString(),
        observed: flag?.observed ?? 0,
        threshold: flag?.threshold ?? 0,
      };
    };
    const report: PassReport = {
      eventsRead,
      chains: chains.length,
      windowsEvaluated: evaluated.windows,
      raised: evaluated.saved.filter((s) => s.inserted).map(describe),
      updated: evaluated.saved.filter((s) => !s.inserted).map(describe),
      durationMs: Math.round(performance.now() - started),
    };
    if (report.raised.length > 0) {
      this.logger.info({ raised: report.raised.map((f) => ({ id: f.id, rule: f.rule, department: f.department })), eventsRead }, 'anomaly flags raised');
    }
    return report;
  }

  /** Every window counted into since it was last evaluated, held to the rules; the flags to raise or update. */
  private async evaluate(tx: DetectorTx): Promise<{ windows: number; flags: RaisedFlag[]; saved: { id: string; key: string; inserted: boolean }[] }> {
    const s = this.settings;
    const flags: RaisedFlag[] = [];
    const hours = await dirtyHours(tx);
    // A baseline can only raise a threshold above its floor: hours below every floor need none.
    const candidates = hours.filter((h) => h.residents >= s.bulkMinResidents || h.lookups >= s.enumerationMinLookups || h.lookupRefusals > 0 || h.offHoursResidents >= s.offHoursMinResidents);
    const baselines = await hourBaselines(tx, candidates, s.baselineDays);
    for (const hour of hours) {
      const b = baselines.get(key(hour.department, hour.subject, hour.hourMs));
      if (b) flags.push(...this.hourFlags(hour, b));
    }
    flags.push(...(await this.unusualPlaces(tx, hours.filter((h) => h.residents >= s.placeMinResidents))));

    const denials = await dirtyDenials(tx);
    const dueDenials = denials.filter((d) => d.deniedRequests >= s.denialMin);
    const denialBase = await denialBaselines(tx, dueDenials, s.baselineDays);
    for (const window of dueDenials) {
      const b = denialBase.get(key(window.department, window.subject, window.windowMs)) ?? { own: null, department: null };
      const threshold = farAbove(s.denialMin, s.factor, b.own, b.department);
      if (window.deniedRequests < threshold) continue;
      flags.push({
        key: flagKey('denial-burst', window.department, window.subject, new Date(window.windowMs).toISOString()),
        rule: 'denial-burst',
        department: window.department,
        subject: window.subject,
        roles: window.roles,
        caseId: null,
        windowStartMs: window.windowMs,
        windowEndMs: window.windowMs + s.denialWindowMinutes * 60_000,
        observed: window.deniedRequests,
        baseline: round(b.own),
        departmentBaseline: round(b.department),
        threshold,
        measures: { deniedRequests: window.deniedRequests, deniedFields: window.deniedFields },
        exampleRecords: [],
        exampleRequests: window.exampleRequests,
        // Denials serve nothing, so they lie nowhere: only auditors of the whole city see them.
        places: null,
      });
    }

    const cases = await dirtyCases(tx);
    for (const c of cases) {
      if (c.residents <= s.caseMaxResidents) continue;
      flags.push({
        key: flagKey('case-breadth', c.department, c.subject, `case:${c.caseId}`),
        rule: 'case-breadth',
        department: c.department,
        subject: c.subject,
        roles: c.roles,
        caseId: c.caseId,
        windowStartMs: c.firstMs,
        windowEndMs: c.lastMs,
        observed: c.residents,
        baseline: null,
        departmentBaseline: null,
        threshold: s.caseMaxResidents,
        measures: { residents: c.residents, days: Math.max(1, Math.ceil((c.lastMs - c.firstMs) / 86_400_000)) },
        exampleRecords: c.exampleRecords,
        exampleRequests: c.exampleRequests,
        places: c.unplaced || c.places.length === 0 ? null : c.places,
      });
    }

    const saved = await upsertFlags(tx, flags);
    await markEvaluated(tx);
    return { windows: hours.length + denials.length + cases.length, flags, saved };
  }

  private hourFlags(hour: DueHour, b: HourBaselines): RaisedFlag[] {
    const s = this.settings;
    const windowStart = new Date(hour.hourMs).toISOString();
    const base = {
      department: hour.department,
      subject: hour.subject,
      roles: hour.roles,
      caseId: null,
      windowStartMs: hour.hourMs,
      windowEndMs: hourWindowEnd(hour.hourMs),
    };
    const placed = hour.unplaced || hour.places.length === 0 ? null : hour.places;
    const flags: RaisedFlag[] = [];

    const bulkThreshold = farAbove(s.bulkMinResidents, s.factor, b.own.residents, b.department.residents);
    if (hour.residents >= bulkThreshold) {
      flags.push({
        ...base,
        key: flagKey('bulk-lookups', hour.department, hour.subject, windowStart),
        rule: 'bulk-lookups',
        observed: hour.residents,
        baseline: round(b.own.residents),
        departmentBaseline: round(b.department.residents),
        threshold: bulkThreshold,
        measures: { residents: hour.residents, accesses: hour.accesses, requests: hour.requests },
        exampleRecords: hour.exampleRecords,
        exampleRequests: hour.exampleRequests,
        places: placed,
      });
    }

    const lookupThreshold = farAbove(s.enumerationMinLookups, s.factor, b.own.lookups, b.department.lookups);
    if (hour.lookups > 0 && (hour.lookups >= lookupThreshold || hour.lookupRefusals > 0)) {
      flags.push({
        ...base,
        key: flagKey('identity-enumeration', hour.department, hour.subject, windowStart),
        rule: 'identity-enumeration',
        observed: hour.lookups,
        baseline: round(b.own.lookups),
        departmentBaseline: round(b.department.lookups),
        threshold: lookupThreshold,
        measures: { lookups: hour.lookups, capRefusals: hour.lookupRefusals, residents: hour.residents },
        exampleRecords: hour.exampleRecords,
        exampleRequests: hour.lookupRequests,
        // Look-ups are requests, which lie nowhere (most find no one): only auditors of the whole city see them.
        places: null,
      });
    }

    const offThreshold = farAbove(s.offHoursMinResidents, s.factor, b.own.offHours, b.department.offHours);
    if (hour.offHoursResidents >= offThreshold) {
      flags.push({
        ...base,
        key: flagKey('out-of-hours', hour.department, hour.subject, windowStart),
        rule: 'out-of-hours',
        observed: hour.offHoursResidents,
        baseline: round(b.own.offHours),
        departmentBaseline: round(b.department.offHours),
        threshold: offThreshold,
        measures: { offHoursResidents: hour.offHoursResidents, residents: hour.residents },
        exampleRecords: hour.exampleRecords,
        exampleRequests: hour.exampleRequests,
        places: placed,
      });
    }
    return flags;
  }

  /** Residents of each hour outside the places its principal usually reads, once the principal has read enough to have usual places. */
  private async unusualPlaces(tx: DetectorTx, hours: readonly DueHour[]): Promise<RaisedFlag[]> {
    const s = this.settings;
    const histories = await placeHistories(tx, hours, s.baselineDays);
    const known = new Map<string, { history: Map<string, number>; total: number }>();
    for (const hour of hours) {
      const history = new Map<string, number>();
      for (const [place, residents] of histories.get(key(hour.department, hour.subject, hour.hourMs)) ?? []) {
        const level = levelOf(place, s.placeLevel);
        if (level) history.set(level, (history.get(level) ?? 0) + residents);
      }
      const total = [...history.values()].reduce((sum, n) => sum + n, 0);
      if (total >= s.placeMinHistory) known.set(key(hour.department, hour.subject, hour.hourMs), { history, total });
    }
    const due = hours.filter((hour) => known.has(key(hour.department, hour.subject, hour.hourMs)));
    const placed = await placedResidents(tx, due);
    const flags: RaisedFlag[] = [];
    for (const hour of due) {
      const hourKey = key(hour.department, hour.subject, hour.hourMs);
      const { history, total } = known.get(hourKey) ?? { history: new Map<string, number>(), total: 0 };
      const usual = new Set([...history].filter(([, n]) => n >= s.placeUsualShare * total).map(([place]) => place));
      const inUsual = [...history].filter(([place]) => usual.has(place)).reduce((sum, [, n]) => sum + n, 0);
      const outside = (placed.get(hourKey) ?? []).filter((r) => {
        const level = levelOf(r.place, s.placeLevel);
        return level !== null && !usual.has(level);
      });
      if (outside.length < s.placeMinResidents) continue;
      flags.push({
        key: flagKey('unusual-place', hour.department, hour.subject, new Date(hour.hourMs).toISOString()),
        rule: 'unusual-place',
        department: hour.department,
        subject: hour.subject,
        roles: hour.roles,
        caseId: null,
        windowStartMs: hour.hourMs,
        windowEndMs: hourWindowEnd(hour.hourMs),
        observed: outside.length,
        baseline: round(inUsual / total),
        departmentBaseline: null,
        threshold: s.placeMinResidents,
        measures: { residentsOutside: outside.length, placesOutside: new Set(outside.map((r) => levelOf(r.place, s.placeLevel))).size, usualPlaces: usual.size, history: total },
        exampleRecords: outside.slice(0, 10).map((r) => r.residentId),
        exampleRequests: hour.exampleRequests,
        places: hour.unplaced || hour.places.length === 0 ? null : hour.places,
      });
    }
    return flags;
  }
}

/** The detector run every `intervalMs` (never two passes at once), and on demand. */
export interface RunningDetection {
  detector: AnomalyDetector;
  /** One pass now, after any pass in progress. */
  runOnce(): Promise<PassReport>;
  stop(): Promise<void>;
}

export function startAnomalyDetection(detector: AnomalyDetector, intervalMs: number, logger: Logger): RunningDetection {
  let timer: NodeJS.Timeout | null = null;
  let stopped = false;
  let current: Promise<unknown> = Promise.resolve();
  const schedule = () => {
    if (stopped || intervalMs <= 0) return;
    timer = setTimeout(() => {
      timer = null;
      current = detector
        .pass()
        .catch((error: unknown) => logger.error({ err: error }, 'an anomaly detection pass failed; the next one reads from where this one stopped'))
        .finally(schedule);
    }, intervalMs);
    timer.unref();
  };
  schedule();
  return {
    detector,
    runOnce: () => detector.pass(),
    stop: async () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      await current.catch(() => undefined);
    },
  };
}
