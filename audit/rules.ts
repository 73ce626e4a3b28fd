import { z } from 'zod';
import type { FieldDecision } from '../auth/decide.js';
import { isPurpose, PURPOSE_NAMES } from '../auth/purposes.js';
import { readPage, type Page, type PageArgs } from '../platform/connection.js';
import { badUserInput } from '../platform/errors.js';
import { parseInput } from '../platform/input.js';
import { parseInstant } from '../platform/subgraph.js';
import type { AuditEventKind } from './api.js';
import type { EventCursor, EventFilter } from './store.js';

/** How the audit subgraph reads its arguments: what a valid filter, period and cursor are. */

const zKey = (max: number) => z.string().trim().min(1, 'must not be empty').max(max, `must be at most ${max} characters`);
// Ids are stored as the departments serve them: PostgreSQL spells uuids in lowercase.
const zRecordId = zKey(128).transform((id) => (/^[0-9A-F-]{36}$/i.test(id) ? id.toLowerCase() : id));
const INSTANT = 'must be an ISO 8601 instant with a time zone, e.g. 2026-03-01T08:00:00Z';
const zInstant = z.string().transform((value, ctx) => {
  const date = parseInstant(value);
  if (!date) ctx.addIssue({ code: 'custom', message: INSTANT });
  return date ?? new Date(0);
});

const FilterInput = z
  .object({
    personId: zRecordId.nullish(),
    recordId: zRecordId.nullish(),
    subject: zKey(256).nullish(),
    department: zKey(64).nullish(),
    purpose: z
      .string()
      .nullish()
      .refine((p) => p == null || isPurpose(p), { message: `must be one of the purposes of use: ${PURPOSE_NAMES.join(', ')}` }),
    caseId: zKey(128).nullish(),
    requestId: zKey(128).nullish(),
    typeName: zKey(64).nullish(),
    subgraph: zKey(64).nullish(),
    from: zInstant.nullish(),
    to: zInstant.nullish(),
    decision: z.enum(['FULL', 'MASKED', 'DENIED']).nullish(),
    kind: z.enum(['ACCESS', 'REQUEST', 'REFUSALS']).nullish(),
  })
  .refine((f) => f.personId == null || f.recordId == null || f.personId === f.recordId, {
    message: 'personId and recordId name different records; give one',
    path: ['recordId'],
  })
  .refine((f) => f.from == null || f.to == null || f.from < f.to, { message: 'must be after filter.from', path: ['to'] });

const defined = <T>(value: T | null | undefined): T | undefined => (value === null ? undefined : value);

export const MAX_ACTIVITY_DAYS = 366;

export class AuditRules {
  /** The list filter, validated; absent conditions stay absent. */
  eventFilter(input: unknown): EventFilter {
    const f = parseInput(FilterInput, input ?? {}, 'filter');
    return {
      recordId: defined(f.personId ?? f.recordId),
      subject: defined(f.subject),
      department: defined(f.department),
      purpose: defined(f.purpose),
      caseId: defined(f.caseId),
      requestId: defined(f.requestId),
      typeName: defined(f.typeName),
      subgraph: defined(f.subgraph),
      from: defined(f.from),
      to: defined(f.to),
      decision: f.decision ? (f.decision.toLowerCase() as FieldDecision) : undefined,
      kind: f.kind ? (f.kind.toLowerCase() as AuditEventKind) : undefined,
    };
  }

  personId(value: unknown): string {
    return parseInput(zRecordId, value, 'personId');
  }

  /** A period of activity: both ends given, in order, at most a year long so a summary stays a summary. */
  period(args: { from: string; to: string; subject: string }): { subject: string; from: Date; to: Date } {
    const subject = parseInput(zKey(256), args.subject, 'subject');
    const from = parseInstant(args.from);
    const to = parseInstant(args.to);
    if (!from) throw badUserInput('from', INSTANT);
    if (!to) throw badUserInput('to', INSTANT);
    if (to <= from) throw badUserInput('to', 'must be after from');
    if (to.getTime() - from.getTime() > MAX_ACTIVITY_DAYS * 86_400_000) throw badUserInput('to', `must be at most ${MAX_ACTIVITY_DAYS} days after from`);
    return { subject, from, to };
  }

  writerId(value: unknown): string | undefined {
    return value == null ? undefined : parseInput(zKey(256), value, 'writerId');
  }

  page(args: PageArgs): EventPage {
    const page = readPage(args);
    return { ...page, after: page.afterKey === null ? null : eventPosition(page.afterKey) };
  }
}

/** A page of events with its cursor decoded into the position it resumes from. */
export type EventPage = Page & { after: EventCursor | null };

/** `<occurredAt>|<seq>|<writerId>`: the three columns the newest-first order sorts by. */
export const eventKey = (event: { occurredAt: string; seq: number; writerId: string }): string =>
  `${event.occurredAt}|${event.seq}|${event.writerId}`;

function eventPosition(key: string): EventCursor {
  const [, instant, seq, writerId] = /^([^|]+)\|(\d{1,18})\|(.+)$/.exec(key) ?? [];
  const occurredAt = parseInstant(instant);
  if (!occurredAt || seq === undefined || writerId === undefined) throw badUserInput('after', 'is not a cursor this list issued');
  return { occurredAt: occurredAt.toISOString(), seq: Number(seq), writerId };
}
