import type { AnomalySettings } from './rules.js';

const WEEKDAYS: ReadonlyMap<string, number> = new Map([
  ['Mon', 1],
  ['Tue', 2],
  ['Wed', 3],
  ['Thu', 4],
  ['Fri', 5],
  ['Sat', 6],
  ['Sun', 7],
]);

/** How many minutes' answers are kept: a pass reads events of a few hours at most, a backlog many. */
const CACHE_LIMIT = 100_000;

/**
 * Whether an instant falls outside working hours, read in the settings' time
 * zone: working days at working hours are in, everything else is out. Asked
 * for every event a pass reads, so answers are kept per minute (Intl's
 * formatter is the slow part).
 */
export class WorkingTime {
  private readonly format: Intl.DateTimeFormat;
  private readonly days: ReadonlySet<number>;
  private readonly byMinute = new Map<number, boolean>();

  constructor(private readonly settings: Pick<AnomalySettings, 'timeZone' | 'workHours' | 'workDays'>) {
    this.format = new Intl.DateTimeFormat('en-US', { timeZone: settings.timeZone, weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    this.days = new Set(settings.workDays);
  }

  isOffHours(atMs: number): boolean {
    const minute = Math.floor(atMs / 60_000);
    const known = this.byMinute.get(minute);
    if (known !== undefined) return known;
    const local = this.localTime(minute * 60_000);
    const { start, end } = this.settings.workHours;
    const off = !this.days.has(local.weekday) || local.minutes < start || local.minutes >= end;
    if (this.byMinute.size >= CACHE_LIMIT) this.byMinute.clear();
    this.byMinute.set(minute, off);
    return off;
  }

  /** ISO weekday and minutes after midnight of an instant, in the time zone. */
  localTime(atMs: number): { weekday: number; minutes: number } {
    let weekday = 0;
    let hour = 0;
    let minute = 0;
    for (const part of this.format.formatToParts(new Date(atMs))) {
      if (part.type === 'weekday') weekday = WEEKDAYS.get(part.value) ?? 0;
      else if (part.type === 'hour') hour = Number(part.value);
      else if (part.type === 'minute') minute = Number(part.value);
    }
    return { weekday, minutes: hour * 60 + minute };
  }
}
