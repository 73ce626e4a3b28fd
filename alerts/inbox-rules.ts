import { z } from 'zod';
import { isConfined, jurisdictionFilter } from '../auth/jurisdiction.js';
import type { RequestMeta } from '../auth/principal.js';
import { forbidden } from '../auth/decide.js';
import { ALERT_KINDS, ALERT_STATUSES, type AlertRecipient } from '../events/alerts.js';
import { conflict, FieldProblems, recordRefused } from '../platform/errors.js';
import { complete, parseFields, parseInput, zGridCode, zString, zText } from '../platform/input.js';
import type { AlertRow, WebhookSubscriptionRow } from './db/schema.js';
import type { AlertActionKind, AlertFilter, AlertReader, AlertsStore, WebhookScope } from './store.js';
import { checkWebhookUrl } from './webhook-url.js';

/**
 * The officers' inbox rules: whose alerts a caller reads, what a question
 * may ask, and what acting on an alert needs. Input is checked before any
 * SQL, every problem of a write at once; an alert the caller may not see
 * answers exactly as one that does not exist.
 */

const RECIPIENTS: ReadonlySet<string> = new Set<AlertRecipient>(['police', 'grid']);

const zInstant = z.iso.datetime({ offset: true, message: 'must be an instant written in ISO 8601 with a time zone' });
const zAlertId = z.uuid('must be an alert id');
const zNote = zText(500);
// A subject as identity providers issue them: one line, no spaces, as the token's `sub` is.
const zSubject = zString
  .trim()
  .min(1, 'is required')
  .max(128, 'must be at most 128 characters')
  .regex(/^\S+$/, 'must be an officer subject, without spaces');

const Filter = z
  .object({
    status: z.enum(ALERT_STATUSES).nullish(),
    kind: z.enum(ALERT_KINDS).nullish(),
    gridCode: zGridCode.nullish(),
    from: zInstant.nullish(),
    to: zInstant.nullish(),
  })
  .superRefine((value, ctx) => {
    if (value.from && value.to && Date.parse(value.to) < Date.parse(value.from)) ctx.addIssue({ code: 'custom', path: ['to'], message: 'must not be before from' });
  })
  .nullish();

const Acknowledge = z.object({ id: zAlertId });
const Resolve = z.object({ id: zAlertId, note: zNote });
const Reassign = z.object({ id: zAlertId, assignee: zSubject, note: zNote.nullish() });
const RegisterWebhook = z.object({ url: zString.min(1, 'is required') });
const RemoveWebhook = z.object({ id: z.uuid('must be a webhook id') });

export class AlertsRules {
  constructor(
    private readonly store: AlertsStore,
    private readonly settings: { production: boolean },
  ) {}

  /** Who the caller is as alerts are addressed: null for a caller of no department alerts go to, or with no purpose declared. */
  reader(meta: RequestMeta): AlertReader | null {
    const principal = meta.principal;
    if (!principal || !meta.purpose || !RECIPIENTS.has(principal.department)) return null;
    return { department: principal.department as AlertRecipient, purpose: meta.purpose, jurisdiction: jurisdictionFilter(principal) };
  }

  alertFilter(raw: unknown): AlertFilter {
    const filter = parseInput(Filter, raw, 'filter') ?? {};
    return {
      status: filter.status ?? null,
      kind: filter.kind ?? null,
      gridCode: filter.gridCode ?? null,
      from: filter.from ? new Date(filter.from) : null,
      to: filter.to ? new Date(filter.to) : null,
    };
  }

  acknowledge(input: unknown, meta: RequestMeta): Promise<AlertRow> {
    const problems = new FieldProblems();
    const { id } = complete(parseFields(Acknowledge, input, problems), problems);
    return this.act(meta, id, { kind: 'ACKNOWLEDGED', note: null, assignee: null });
  }

  resolve(input: unknown, meta: RequestMeta): Promise<AlertRow> {
    const problems = new FieldProblems();
    const { id, note } = complete(parseFields(Resolve, input, problems), problems);
    return this.act(meta, id, { kind: 'RESOLVED', note, assignee: null });
  }

  /** Hands an alert to another officer; the alert stays addressed to the caller's department, which is the only one it can be handed within. */
  reassign(input: unknown, meta: RequestMeta): Promise<AlertRow> {
    const problems = new FieldProblems();
    const { id, assignee, note } = complete(parseFields(Reassign, input, problems), problems);
    return this.act(meta, id, { kind: 'REASSIGNED', note: note ?? null, assignee });
  }

  private async act(meta: RequestMeta, id: string, action: { kind: AlertActionKind; note: string | null; assignee: string | null }): Promise<AlertRow> {
    const reader = this.reader(meta);
    const actor = meta.principal?.subject;
    if (!reader || !actor) throw unknownAlert();
    const outcome = await this.store.act(reader, id.toLowerCase(), { kind: action.kind, actor, note: action.note, assignee: action.assignee });
    if (outcome.ok) return outcome.alert;
    if (outcome.reason === 'resolved') throw conflict('input.id: the alert is resolved and is not acted on again', 'input.id');
    throw unknownAlert();
  }

  // Webhooks: each department's own endpoints

  private department(meta: RequestMeta): AlertRecipient {
    const department = meta.principal?.department;
    if (!department || !RECIPIENTS.has(department)) throw forbidden('alert webhooks are registered only by departments alerts go to');
    return department as AlertRecipient;
  }

  /**
   * Whose alerts a webhook the caller registers receives: their own
   * jurisdiction's. A district's system is told that district's alerts,
   * never the whole department's, which the district's officers could not read.
   */
  private scope(meta: RequestMeta): WebhookScope {
    const principal = meta.principal;
    if (!isConfined(principal)) return { confined: false, grids: [], divisions: [] };
    return { confined: true, grids: [...(principal?.jurisdiction.grids ?? [])].sort(), divisions: [...(principal?.jurisdiction.divisions ?? [])].sort() };
  }

  webhooks(meta: RequestMeta): Promise<WebhookSubscriptionRow[]> {
    return this.store.listWebhooks(this.department(meta), this.scope(meta));
  }

  async registerWebhook(input: unknown, meta: RequestMeta): Promise<WebhookSubscriptionRow> {
    const department = this.department(meta);
    const problems = new FieldProblems();
    const { url } = complete(parseFields(RegisterWebhook, input, problems), problems);
    const checked = checkWebhookUrl(url, this.settings);
    if (!checked.ok) throw recordRefused([{ field: 'input.url', code: 'BAD_USER_INPUT', message: checked.reason }]);
    return this.store.addWebhook(department, this.scope(meta), checked.url, meta.principal?.subject ?? 'unknown');
  }

  async removeWebhook(input: unknown, meta: RequestMeta): Promise<WebhookSubscriptionRow> {
    const department = this.department(meta);
    const problems = new FieldProblems();
    const { id } = complete(parseFields(RemoveWebhook, input, problems), problems);
    const removed = await this.store.removeWebhook(department, this.scope(meta), id.toLowerCase());
    if (!removed) throw recordRefused([{ field: 'input.id', code: 'NOT_FOUND', message: 'no such webhook of your department' }]);
    return removed;
  }
}

/** The one answer for an alert that is not there and one that is not the caller's. */
function unknownAlert() {
  return recordRefused([{ field: 'input.id', code: 'NOT_FOUND', message: 'no such alert' }]);
}
