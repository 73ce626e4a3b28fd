import type { Purpose } from '../auth/purposes.js';
import type { EventType } from './types.js';

/*
 * Alerts as they travel from the rules that raise them to the alert store,
 * over the same transport as the events that trigger them.
 */

/**
 * What kind of attention an alert asks for: a key person registered by
 * another department (police only), an identity an employer could not have
 * confirmed (police of the employer's grid), or a task that keeps the
 * register complete (grid workers).
 */
export const ALERT_KINDS = ['KEY_PERSON', 'IDENTITY', 'TASK'] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];

export const ALERT_STATUSES = ['OPEN', 'ACKNOWLEDGED', 'RESOLVED'] as const;
export type AlertStatus = (typeof ALERT_STATUSES)[number];

/** The departments alerts go to: the police, and the community grid offices. */
export type AlertRecipient = 'police' | 'grid';

/**
 * An alert as a rule raises it (alerts/engine.ts), before the alert store
 * (alerts/store.ts) keeps it. `key` is what makes raising idempotent: the
 * same rule over the same event (or the same fact, for a task) always makes
 * the same key, and the store keeps the first alert of a key only.
 */
export interface NewAlert {
  key: string;
  /** The id of the rule that raised it (alerts/rules.ts). */
  rule: string;
  kind: AlertKind;
  /** Who must act: a department, and the place that decides which of its officers (their grid or district). */
  recipient: { department: AlertRecipient; gridCode: string | null; divisionCode: string | null };
  /** The records it is about, by id: read through the gateway under the reader's own policy. */
  subject: { personId: string | null; houseId: string | null; employerId: string | null };
  /**
   * What the rule reveals beyond those ids, by name (`flagCategory`,
   * `reason`, `idNumber`, `name`, ...): exactly the rule's `reveals`, each
   * under a policy line of its own.
   */
  details: Readonly<Record<string, string>>;
  /** One line saying what happened and where, with no personal data: it is shown before any field is. */
  summary: string;
  /** The purposes a reader must declare to see it: the rule's purposes. */
  purposes: readonly Purpose[];
  /** The event that raised it (null for a task raised by a scheduled check); its time. */
  eventId: string | null;
  eventType: EventType | 'schedule';
  occurredAt: string;
}
