import { t } from './i18n.js';

/**
 * Instants and days as the register keeps them: China's calendar days
 * (UTC+8), whatever the browser's own zone, so a day on a page is the day
 * the hub counts it under.
 */
export const CHINA_TIME_ZONE = 'Asia/Shanghai';
const CHINA_OFFSET = '+08:00';

/** An instant the hub sent, in China's time, in the page's language. */
export function instant(iso: string | null | undefined): string {
  if (!iso) return '–';
  return new Date(iso).toLocaleString(t({ zh: 'zh-CN', en: 'en-GB' }), { timeZone: CHINA_TIME_ZONE, dateStyle: 'short', timeStyle: 'medium' });
}

/** Today in China, YYYY-MM-DD. */
export function chinaToday(now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: CHINA_TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

/** A day some days after (or before) another, YYYY-MM-DD. */
export function addDays(day: string, days: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** Whole China days, first to last inclusive, as the instants the API takes: the start of the first, the end of the last. */
export function periodOf(first: string, last: string): { from: string; to: string } {
  return { from: `${first}T00:00:00${CHINA_OFFSET}`, to: `${addDays(last, 1)}T00:00:00${CHINA_OFFSET}` };
}

/** The last `days` China days up to today. */
export function lastDays(days: number, now = new Date()): { first: string; last: string } {
  const last = chinaToday(now);
  return { first: addDays(last, 1 - days), last };
}
