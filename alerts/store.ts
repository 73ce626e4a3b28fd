import { randomUUID } from 'node:crypto';
import { and, asc, desc, eq, gte, inArray, isNull, lt, lte, or, sql, type SQL } from 'drizzle-orm';
import { divisionCovers, type JurisdictionFilter, type Place } from '../auth/jurisdiction.js';
import type { AlertKind, AlertRecipient, AlertStatus, NewAlert } from '../events/alerts.js';
import type { Page } from '../platform/connection.js';
import { uuidsOnly } from '../platform/connection.js';
import type { Drizzle } from '../platform/db.js';
import * as schema from './db/schema.js';
import type { AlertActionRow, AlertRow, WebhookDeliveryRow, WebhookSubscriptionRow } from './db/schema.js';

const { alerts, alertActions, webhookSubscriptions, webhookDeliveries } = schema;

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

/**
 * Whether a subscription's jurisdiction covers an alert's place, by the rule
 * a confined reader's does (auth/jurisdiction.ts withinJurisdiction): its
 * grid listed, or its district (the grid code's first six digits when the
 * alert names no district) within a listed division. A confined subscription
 * with neither covers nothing, as a grid worker's token without grids reads
 * nothing; an alert with no place reaches unconfined subscriptions only.
 */
export function webhookCovers(scope: WebhookScope, place: Place): boolean {
  if (!scope.confined) return true;
  if (place.gridCode && scope.grids.includes(place.gridCode)) return true;
  const division = place.divisionCode ?? place.gridCode?.slice(0, 6) ?? null;
  return division !== null && scope.divisions.some((covering) => divisionCovers(covering, division));
}

/** The delivery at the head of a subscription's queue, with the alert it carries and where it goes. */
export interface DueDelivery {
  delivery: WebhookDeliveryRow;
  alert: AlertRow;
  url: string;
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

type AlertsTx = Parameters<Parameters<AlertsDb['transaction']>[0]>[0];

/**
 * Queues a new alert for every active subscription of its department whose
 * jurisdiction covers its place, in the transaction that keeps the alert: an
 * alert kept is an alert queued, and a subscription registered later gets
 * only what is raised after it. The subscriptions are locked while their
 * rows are queued, so two alerts kept at once by two processes take their
 * places in each subscription's queue in the order they commit: a worker
 * never sees a later delivery before an earlier one exists.
 */
async function queueDeliveries(tx: AlertsTx, alertId: string, alert: NewAlert): Promise<void> {
  const subscriptions = await tx
    .select({ id: webhookSubscriptions.id, confined: webhookSubscriptions.confined, grids: webhookSubscriptions.grids, divisions: webhookSubscriptions.divisions })
    .from(webhookSubscriptions)
    .where(and(eq(webhookSubscriptions.department, alert.recipient.department), eq(webhookSubscriptions.active, true)))
    .orderBy(asc(webhookSubscriptions.id))
    .for('no key update');
  const covering = subscriptions.filter((subscription) => webhookCovers(subscription, alert.recipient));
  if (covering.length === 0) return;
  await tx.insert(webhookDeliveries).values(covering.map((subscription) => ({ subscriptionId: subscription.id, alertId })));
}

/** All SQL of the alert store, as named queries. */
export class AlertsStore {
  constructor(readonly db: AlertsDb) {}

  /**
   * Keeps an alert unless one of its key is already kept: a rule that sees
   * the same event twice (at-least-once delivery) raises one alert. Says
   * whether this one was new. A new alert is queued for its department's
   * webhooks in the same transaction, so none is kept and never pushed.
   */
  async insertAlert(alert: NewAlert): Promise<{ inserted: boolean; id: string }> {
    const id = randomUUID();
    return this.db.transaction(async (tx) => {
      const [row] = await tx
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
      if (row) {
        await queueDeliveries(tx, row.id, alert);
        return { inserted: true, id: row.id };
      }
      const [kept] = await tx.select({ id: alerts.id }).from(alerts).where(eq(alerts.key, alert.key));
      if (!kept) throw new Error('an alert key conflicted but no alert holds it');
      return { inserted: false, id: kept.id };
    });
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

  // Webhook deliveries

  /**
   * Active subscriptions whose oldest undelivered alert is due: only the head
   * of a queue decides, so a later alert never overtakes one still retrying.
   */
  async subscriptionsWithDueDeliveries(now: Date): Promise<string[]> {
    const rows = await this.db
      .select({ id: webhookSubscriptions.id })
      .from(webhookSubscriptions)
      .where(
        and(
          eq(webhookSubscriptions.active, true),
          sql`(
            SELECT d.next_attempt_at FROM ${webhookDeliveries} d
            WHERE d.subscription_id = ${webhookSubscriptions.id} AND d.delivered_at IS NULL
            ORDER BY d.seq LIMIT 1
          ) <= ${now.toISOString()}::timestamptz`,
        ),
      )
      .orderBy(asc(webhookSubscriptions.id));
    return rows.map((row) => row.id);
  }

  /** Takes (or renews) a subscription's lease; false while another worker holds it. */
  async leaseSubscription(id: string, owner: string, until: Date): Promise<boolean> {
    const taken = await this.db
      .update(webhookSubscriptions)
      .set({ leaseOwner: owner, leaseUntil: until })
      .where(
        and(
          eq(webhookSubscriptions.id, id),
          or(isNull(webhookSubscriptions.leaseUntil), lt(webhookSubscriptions.leaseUntil, sql`now()`), eq(webhookSubscriptions.leaseOwner, owner)),
        ),
      )
      .returning({ id: webhookSubscriptions.id });
    return taken.length > 0;
  }

  async releaseSubscription(id: string, owner: string): Promise<void> {
    await this.db
      .update(webhookSubscriptions)
      .set({ leaseOwner: null, leaseUntil: null })
      .where(and(eq(webhookSubscriptions.id, id), eq(webhookSubscriptions.leaseOwner, owner)));
  }

  /** The oldest undelivered alert of an active subscription, whether due or not. */
  async headDelivery(subscriptionId: string): Promise<DueDelivery | undefined> {
    const [row] = await this.db
      .select({ delivery: webhookDeliveries, alert: alerts, url: webhookSubscriptions.url })
      .from(webhookDeliveries)
      .innerJoin(alerts, eq(alerts.id, webhookDeliveries.alertId))
      .innerJoin(webhookSubscriptions, eq(webhookSubscriptions.id, webhookDeliveries.subscriptionId))
      .where(and(eq(webhookDeliveries.subscriptionId, subscriptionId), isNull(webhookDeliveries.deliveredAt), eq(webhookSubscriptions.active, true)))
      .orderBy(asc(webhookDeliveries.seq))
      .limit(1);
    return row;
  }

  async markWebhookDelivered(seq: number, at: Date): Promise<void> {
    await this.db
      .update(webhookDeliveries)
      .set({ deliveredAt: at, attempts: sql`${webhookDeliveries.attempts} + 1`, lastError: null })
      .where(and(eq(webhookDeliveries.seq, seq), isNull(webhookDeliveries.deliveredAt)));
  }

  /** Records a failed attempt (the error's class, never the receiver's words) and when to try again. */
  async markWebhookAttemptFailed(seq: number, error: string, nextAttemptAt: Date): Promise<void> {
    await this.db
      .update(webhookDeliveries)
      .set({ attempts: sql`${webhookDeliveries.attempts} + 1`, lastError: error, nextAttemptAt })
      .where(and(eq(webhookDeliveries.seq, seq), isNull(webhookDeliveries.deliveredAt)));
  }

  async ping(): Promise<boolean> {
    await this.db.execute(sql`SELECT 1`);
    return true;
  }
}
