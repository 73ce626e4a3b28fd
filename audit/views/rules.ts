import { z } from 'zod';
import { checkIdNumber } from '../../domain/index.js';
import { isCaseId } from '../../auth/purposes.js';
import { badUserInput } from '../../platform/errors.js';
import { parseInput } from '../../platform/input.js';
import { parseInstant } from '../../platform/subgraph.js';

/** How the audit views read their arguments: what a valid period, identity number and case are. */

const INSTANT = 'must be an ISO 8601 instant with a time zone, e.g. 2026-03-01T00:00:00+08:00';
const DAY_MS = 86_400_000;

/** The longest overview: a year, day by day. */
export const MAX_OVERVIEW_DAYS = 366;
/** The longest officer's activity: a quarter, compared officer-day by officer-day with the whole department. */
export const MAX_OFFICER_DAYS = 92;
/** The most events one selective export holds. */
export const MAX_EXPORT_EVENTS = 10_000;

const zKey = (max: number) => z.string().trim().min(1, 'must not be empty').max(max, `must be at most ${max} characters`);

export interface Period {
  from: Date;
  to: Date;
}

/** A period whose ends are both given, in order, at most `maxDays` long; each wrong end is named. */
export function period(args: { from: unknown; to: unknown }, maxDays: number): Period {
  const from = parseInstant(args.from);
  const to = parseInstant(args.to);
  if (!from) throw badUserInput('from', INSTANT);
  if (!to) throw badUserInput('to', INSTANT);
  if (to <= from) throw badUserInput('to', 'must be after from');
  if (to.getTime() - from.getTime() > maxDays * DAY_MS) throw badUserInput('to', `must be at most ${maxDays} days after from`);
  return { from, to };
}

/** An optional period, open at either end: from the beginning of the log, to now. */
export function openPeriod(args: { from?: unknown; to?: unknown }, now: Date): Period {
  const from = args.from == null ? new Date(0) : parseInstant(args.from);
  const to = args.to == null ? now : parseInstant(args.to);
  if (!from) throw badUserInput('from', INSTANT);
  if (!to) throw badUserInput('to', INSTANT);
  if (to <= from) throw badUserInput('to', 'must be after from');
  return { from, to };
}

/** A resident identity number as the register checks one (GB 11643: 18 characters, its check character), upper-case X. */
export function idNumber(value: unknown): string {
  const text = typeof value === 'string' ? value.trim().toUpperCase() : '';
  const checked = checkIdNumber(text);
  if (!checked.ok) throw badUserInput('idNumber', checked.reason);
  return text;
}

export function subject(value: unknown): string {
  return parseInput(zKey(256), value, 'subject');
}

export function department(value: unknown): string | null {
  return value == null ? null : parseInput(zKey(64), value, 'department');
}

// Ids are stored as the departments serve them: PostgreSQL spells uuids in lowercase.
export function personId(value: unknown): string {
  const id = parseInput(zKey(128), value, 'personId');
  return /^[0-9A-F-]{36}$/i.test(id) ? id.toLowerCase() : id;
}

/** A case number as X-Case-Id carries it. */
export function caseId(value: unknown): string {
  const id = typeof value === 'string' ? value.trim() : '';
  if (!isCaseId(id)) throw badUserInput('caseId', 'must be a case number such as CASE-2026-001: capital letters and digits in groups joined by hyphens, beginning with a letter');
  return id;
}

/** An instant, or null for none. */
export function optionalInstant(value: unknown, field: string): Date | null {
  if (value == null) return null;
  const instant = parseInstant(value);
  if (!instant) throw badUserInput(field, INSTANT);
  return instant;
}
