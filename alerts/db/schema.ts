import { sql } from 'drizzle-orm';
import { bigserial, boolean, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { ALERT_KINDS, ALERT_STATUSES } from '../../events/alerts.js';

/**
 * The alert store: alerts raised by the rules, what officers did with them,
 * and the department systems they are pushed to. The hub's own database,
 * apart from every department's.
 */

export const alerts = pgTable(
  'alerts',
  {
    /** Order raised: webhooks deliver each recipient's alerts in this order. */
    seq: bigserial('seq', { mode: 'number' }).primaryKey(),
    id: uuid('id').notNull().unique(),
    /** The rule and the event (or fact) that raised it: one alert per key, however often the event comes. */
    key: text('key').notNull().unique(),
    rule: text('rule').notNull(),
    kind: text('kind', { enum: ALERT_KINDS }).notNull(),
    status: text('status', { enum: ALERT_STATUSES }).notNull().default('OPEN'),
    /** Who must act: a department, and the place that decides which of its officers. */
    recipientDepartment: text('recipient_department', { enum: ['police', 'grid'] }).notNull(),
    gridCode: text('grid_code'),
    divisionCode: text('division_code'),
    personId: uuid('person_id'),
    houseId: uuid('house_id'),
    employerId: uuid('employer_id'),
    /** What the rule reveals beyond the ids, by name. */
    details: jsonb('details').$type<Record<string, string>>().notNull(),
    summary: text('summary').notNull(),
    /** The purposes a reader must declare to see it. */
    purposes: text('purposes').array().notNull(),
    eventId: text('event_id'),
    eventType: text('event_type').notNull(),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull(),
    raisedAt: timestamp('raised_at', { withTimezone: true }).notNull().defaultNow(),
    /** The officer it was handed to within the department; null while it is the department's. */
    assignee: text('assignee'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('alerts_recipient_idx').on(t.recipientDepartment, t.status, t.seq),
    index('alerts_grid_idx').on(t.gridCode),
    index('alerts_person_idx').on(t.personId),
  ],
);

/** What happened to an alert: raised, acknowledged, resolved (with a note), reassigned (to whom). */
export const alertActions = pgTable(
  'alert_actions',
  {
    seq: bigserial('seq', { mode: 'number' }).primaryKey(),
    alertId: uuid('alert_id')
      .notNull()
      .references(() => alerts.id),
    action: text('action', { enum: ['ACKNOWLEDGED', 'RESOLVED', 'REASSIGNED'] }).notNull(),
    /** The principal's subject who acted. */
    actor: text('actor').notNull(),
    note: text('note'),
    /** For a reassignment: the subject it was handed to. */
    assignee: text('assignee'),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('alert_actions_alert_idx').on(t.alertId, t.seq)],
);

/** A department system's endpoint that alerts for the department's officers are pushed to, signed. */
export const webhookSubscriptions = pgTable(
  'webhook_subscriptions',
  {
    id: uuid('id').primaryKey(),
    department: text('department', { enum: ['police', 'grid'] }).notNull(),
    url: text('url').notNull(),
    createdBy: text('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    active: boolean('active').notNull().default(true),
    /**
     * Whose alerts it receives: the jurisdiction of whoever registered it,
     * sorted. A district's system receives that district's alerts, never the
     * whole department's; both empty and `confined` false is the whole city.
     * Delivery sends an alert only to subscriptions whose jurisdiction covers
     * its place, as reading does (auth/jurisdiction.ts).
     */
    confined: boolean('confined').notNull().default(false),
    grids: text('grids').array().notNull().default(sql`'{}'::text[]`),
    divisions: text('divisions').array().notNull().default(sql`'{}'::text[]`),
    /**
     * Which delivery worker is sending to it, and until when: with several
     * alerts processes, one sends a subscription's alerts at a time, so the
     * order holds without a transaction held open across the HTTP call.
     */
    leaseOwner: text('lease_owner'),
    leaseUntil: timestamp('lease_until', { withTimezone: true }),
  },
  (t) => [uniqueIndex('webhook_subscriptions_url_idx').on(t.department, t.url, t.confined, t.grids, t.divisions)],
);

/**
 * One alert for one subscription: delivered in `seq` order per subscription,
 * each retried with backoff until the receiver takes it, never skipped.
 */
export const webhookDeliveries = pgTable(
  'webhook_deliveries',
  {
    seq: bigserial('seq', { mode: 'number' }).primaryKey(),
    subscriptionId: uuid('subscription_id')
      .notNull()
      .references(() => webhookSubscriptions.id),
    alertId: uuid('alert_id')
      .notNull()
      .references(() => alerts.id),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull().defaultNow(),
    lastError: text('last_error'),
    deliveredAt: timestamp('delivered_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('webhook_deliveries_once_idx').on(t.subscriptionId, t.alertId),
    index('webhook_deliveries_pending_idx').on(t.subscriptionId, t.seq).where(sql`${t.deliveredAt} IS NULL`),
  ],
);

export type AlertRow = typeof alerts.$inferSelect;
export type NewAlertRow = typeof alerts.$inferInsert;
export type AlertActionRow = typeof alertActions.$inferSelect;
export type WebhookSubscriptionRow = typeof webhookSubscriptions.$inferSelect;
export type WebhookDeliveryRow = typeof webhookDeliveries.$inferSelect;
