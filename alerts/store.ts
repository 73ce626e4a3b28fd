import { randomUUID } from 'node:crypto';
import { and, asc, desc, eq, gte, inArray, lt, lte, or, sql, type SQL } from 'drizzle-orm';
import type { JurisdictionFilter } from '../auth/jurisdiction.js';
import type { AlertKind, AlertRecipient, AlertStatus, NewAlert } from '../events/alerts.js';
import type { Page } from '../platform/connection.js';
import { uuidsOnly } from '../platform/connection.js';
import type { Drizzle } from '../platform/db.js';
import * as schema from './db/schema.js';
import type { AlertActionRow, AlertRow, WebhookSubscriptionRow } from './db/schema.js';

const { alerts, alertActions, webhookSubscriptions } = schema;

export type AlertsDb = Drizzle<typeof schema>;

/**
 * Who is reading, as the store narrows alerts for them: an alert is theirs
 * only when it goes to their department, lies within their jurisdiction
 * (null: unconfined) and names their declared purpose among its own.
 */
export interface AlertReader {
  department: AlertRecipient;
  purpose: string;
  jurisdiction: JurisdictionFilter | null;
}

export interface AlertFilter {
  status: AlertStatus | null;
  kind: AlertKind | null;
  gridCode: string | null;
  from: Date | null;
  to: Date | null;
}

/**
 * Whose alerts a webhook receives: the jurisdiction of whoever registered it
 * (sorted), or the whole city. A caller manages the subscriptions of their
 * own scope; an unconfined caller, every one of the department's.
 */
export interface WebhookScope {
  confined: boolean;
  grids: readonly string[];
  divisions: readonly string[];
}

/** What acting on an alert found: done, or why not (the caller may not tell an alert they cannot see from one that is not there). */
export type ActionOutcome = { ok: true; alert: AlertRow } | { ok: false; reason: 'not-found' | 'resolved' };

export type AlertActionKind = AlertActionRow['action'];

/**
 * The reader's visibility as one condition of the statement, never a filter
 * on rows already read: the department, the purpose, and the place. An
 * alert with no place at all is seen only by unconfined readers.
 */
function visibleTo(reader: AlertReader): SQL {
  const conditions: SQL[] = [eq(alerts.recipientDepartment, reader.department), sql`${reader.purpose} = ANY(${alerts.purposes})`];
  const { jurisdiction } = reader;
  if (jurisdiction) {
    const places: SQL[] = [];
    if (jurisdiction.grids.length > 0) places.push(inArray(alerts.gridCode, [...jurisdiction.grids]));
    // A grid code begins with its district's code, so an alert placed only by grid still lies in a district.
    const division = sql`coalesce(${alerts.divisionCode}, substr(${alerts.gridCode}, 1, 6))`;
    for (const pattern of jurisdiction.divisionPatterns) places.push(sql`${division} LIKE ${pattern}`);
    conditions.push(places.length > 0 ? (or(...places) ?? sql`false`) : sql`false`);
  }
  return and(...conditions) ?? sql`false`;
}

/** A confined caller manages only subscriptions of exactly their own jurisdiction; an unconfined one, all. */
function managedIn(scope: WebhookScope): SQL | undefined {
  if (!scope.confined) return undefined;
  return and(
    eq(webhookSubscriptions.confined, true),
    sql`${webhookSubscriptions.grids} = ${sql.param([...scope.grids])}::text[]`,
    sql`${webhookSubscriptions.divisions} = ${sql.param([...scope.divisions])}::text[]`,
  );
}

/** All SQL of the alert store, as named queries. */
export class AlertsStore {
  constructor(readonly db: AlertsDb) {}

  /**
   * Keeps an alert unless one of its key is already kept: a rule that sees
   * the same event twice (at-least-once delivery) raises one alert. Says
   * whether this one was new.
   */
  async insertAlert(alert: NewAlert): Promise<{ inserted: boolean; id: string }> {
    const id = randomUUID();
    const [row] = await this.db
      .insert(alerts)
      .values({
        id,
        key: alert.key,
        rule: alert.rule,
        kind: alert.kind,
        recipientDepartment: alert.recipient.department,
        gridCode: alert.recipient.gridCode,
        divisionCode: alert.recipient.divisionCode,
        personId: alert.subject.personId,
        houseId: alert.subject.houseId,
        employerId: alert.subject.employerId,
        details: { ...alert.details },
        summary: alert.summary,
        purposes: [...alert.purposes],
        eventId: alert.eventId,
        eventType: alert.eventType,
        occurredAt: new Date(alert.occurredAt),
      })
      .onConflictDoNothing({ target: alerts.key })
      .returning({ id: alerts.id });
    if (row) return { inserted: true, id: row.id };
    const [kept] = await this.db.select({ id: alerts.id }).from(alerts).where(eq(alerts.key, alert.key));
    if (!kept) throw new Error('an alert key conflicted but no alert holds it');
    return { inserted: false, id: kept.id };
  }

  /** The reader's alerts, newest raised first (by seq), one page plus one. */
  listAlerts(reader: AlertReader, filter: AlertFilter, page: Page): Promise<AlertRow[]> {
    return this.db
      .select()
      .from(alerts)
      .where(
        and(
          visibleTo(reader),
          filter.status ? eq(alerts.status, filter.status) : undefined,
          filter.kind ? eq(alerts.kind, filter.kind) : undefined,
          filter.gridCode ? eq(alerts.gridCode, filter.gridCode) : undefined,
          filter.from ? gte(alerts.raisedAt, filter.from) : undefined,
          filter.to ? lte(alerts.raisedAt, filter.to) : undefined,
          page.afterKey === null ? undefined : lt(alerts.seq, Number(page.afterKey)),
        ),
      )
      .orderBy(desc(alerts.seq))
      .limit(page.size + 1);
  }

  /** Alerts by id that the reader may see; any other id finds nothing, as an unknown one does. */
  alertsByIds(reader: AlertReader, ids: readonly string[]): Promise<AlertRow[]> {
    const wanted = uuidsOnly(ids);
    if (wanted.length === 0) return Promise.resolve([]);
    return this.db
      .select()
      .from(alerts)
      .where(and(visibleTo(reader), inArray(alerts.id, wanted)));
  }

  /** Every action taken on these alerts, oldest first. */
  actionsByAlerts(alertIds: readonly string[]): Promise<AlertActionRow[]> {
    const wanted = uuidsOnly(alertIds);
    if (wanted.length === 0) return Promise.resolve([]);
    return this.db.select().from(alertActions).where(inArray(alertActions.alertId, wanted)).orderBy(asc(alertActions.seq));
  }

  /**
   * Acts on an alert the reader may see, and writes what was done in the
   * same transaction: the alert's new state and its action row commit
   * together or not at all. A resolved alert is not acted on again.
   */
  async act(
    reader: AlertReader,
    id: string,
    action: { kind: AlertActionKind; actor: string; note: string | null; assignee: string | null },
  ): Promise<ActionOutcome> {
    if (uuidsOnly([id]).length === 0) return { ok: false, reason: 'not-found' };
    return this.db.transaction(async (tx) => {
      const [current] = await tx
        .select()
        .from(alerts)
        .where(and(visibleTo(reader), eq(alerts.id, id)))
        .for('update');
      if (!current) return { ok: false, reason: 'not-found' } as const;
      if (current.status === 'RESOLVED') return { ok: false, reason: 'resolved' } as const;
      // Acknowledging what is already acknowledged changes nothing and says nothing new.
      if (action.kind === 'ACKNOWLEDGED' && current.status === 'ACKNOWLEDGED') return { ok: true, alert: current } as const;
      const patch: Partial<AlertRow> = { updatedAt: new Date() };
      if (action.kind === 'ACKNOWLEDGED') patch.status = 'ACKNOWLEDGED';
      if (action.kind === 'RESOLVED') patch.status = 'RESOLVED';
      if (action.kind === 'REASSIGNED') patch.assignee = action.assignee;
      const [updated] = await tx.update(alerts).set(patch).where(eq(alerts.id, id)).returning();
      if (!updated) throw new Error('an alert locked for update was not updated');
      await tx.insert(alertActions).values({ alertId: id, action: action.kind, actor: action.actor, note: action.note, assignee: action.assignee });
      return { ok: true, alert: updated } as const;
    });
  }

  // Webhook subscriptions

  /** Adds a subscription for a department and scope; the same URL again gives back the one already there, active once more. */
  async addWebhook(department: AlertRecipient, scope: WebhookScope, url: string, createdBy: string): Promise<WebhookSubscriptionRow> {
    const [row] = await this.db
      .insert(webhookSubscriptions)
      .values({ id: randomUUID(), department, url, createdBy, confined: scope.confined, grids: [...scope.grids], divisions: [...scope.divisions] })
      .onConflictDoUpdate({
        target: [webhookSubscriptions.department, webhookSubscriptions.url, webhookSubscriptions.confined, webhookSubscriptions.grids, webhookSubscriptions.divisions],
        set: { active: true },
      })
      .returning();
    if (!row) throw new Error('insert returned no row');
    return row;
  }

  /** The active subscriptions a caller of this department and scope manages, oldest first. */
  listWebhooks(department: AlertRecipient, scope: WebhookScope): Promise<WebhookSubscriptionRow[]> {
    return this.db
      .select()
      .from(webhookSubscriptions)
      .where(and(eq(webhookSubscriptions.department, department), eq(webhookSubscriptions.active, true), managedIn(scope)))
      .orderBy(asc(webhookSubscriptions.createdAt), asc(webhookSubscriptions.id));
  }

  /**
   * Ends a subscription the caller manages. The row stays, inactive:
   * deliveries already made to it name it. Another department's or another
   * scope's id finds nothing.
   */
  async removeWebhook(department: AlertRecipient, scope: WebhookScope, id: string): Promise<WebhookSubscriptionRow | undefined> {
    if (uuidsOnly([id]).length === 0) return undefined;
    const [row] = await this.db
      .update(webhookSubscriptions)
      .set({ active: false })
      .where(and(eq(webhookSubscriptions.id, id), eq(webhookSubscriptions.department, department), eq(webhookSubscriptions.active, true), managedIn(scope)))
      .returning();
    return row;
  }

  async ping(): Promise<boolean> {
    await this.db.execute(sql`SELECT 1`);
    return true;
  }
}
