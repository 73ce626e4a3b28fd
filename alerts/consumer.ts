import { z } from 'zod';
import { PURPOSE_NAMES, type Purpose } from '../auth/purposes.js';
import { ALERT_KINDS, type NewAlert } from '../events/alerts.js';
import type { Consumer, EventTransport } from '../events/transport.js';
import { EVENT_TYPES, type EventType } from '../events/types.js';
import type { Logger } from '../platform/logger.js';
import type { AlertsStore } from './store.js';

/** The durable consumer the alert store reads alerts through. */
export const ALERT_STORE_CONSUMER = 'alert-store';

const zPlace = z.string().regex(/^\d{6}(?:\d{6})?$/).nullable();
const zRef = z.uuid().nullable();

/**
 * An alert as it arrives. Over NATS it is JSON from another process, so it
 * is checked before it is kept: the store's columns hold only what a rule
 * can raise.
 */
const IncomingAlert = z.object({
  key: z.string().min(1).max(300),
  rule: z.string().min(1).max(100),
  kind: z.enum(ALERT_KINDS),
  recipient: z.object({ department: z.enum(['police', 'grid']), gridCode: zPlace, divisionCode: zPlace }),
  subject: z.object({ personId: zRef, houseId: zRef, employerId: zRef }),
  details: z.record(z.string().max(64), z.string().max(500)),
  summary: z.string().min(1).max(500),
  purposes: z.array(z.enum(PURPOSE_NAMES as [Purpose, ...Purpose[]])).min(1),
  eventId: z.string().max(64).nullable(),
  eventType: z.enum(['schedule', ...EVENT_TYPES] as [EventType | 'schedule', ...(EventType | 'schedule')[]]),
  occurredAt: z.iso.datetime({ offset: true }),
});

/**
 * Keeps every alert the rules raise. Delivery is at least once and the store
 * keeps the first alert of a key, so an alert delivered again is acknowledged
 * and changes nothing. One that is malformed is logged (by rule and key, no
 * details) and acknowledged: delivering it again could never make it valid.
 * `kept` hears of each new alert once it is committed (the webhook worker,
 * so a department's system learns of it without waiting for a poll).
 */
export function startAlertStore(transport: EventTransport, store: AlertsStore, logger?: Logger, kept?: (id: string) => void): Promise<Consumer> {
  return transport.consumeAlerts(ALERT_STORE_CONSUMER, async (alert: NewAlert) => {
    const parsed = IncomingAlert.safeParse(alert);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      logger?.error({ rule: typeof alert.rule === 'string' ? alert.rule.slice(0, 100) : null, field: issue?.path.join('.') }, 'an alert was malformed and is not kept');
      return;
    }
    const { inserted, id } = await store.insertAlert(parsed.data);
    logger?.debug({ id, rule: parsed.data.rule, inserted }, inserted ? 'alert kept' : 'alert already kept');
    if (inserted) kept?.(id);
  });
}
