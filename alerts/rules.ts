import type { Purpose } from '../auth/purposes.js';
import type { EventType } from '../events/types.js';
import type { AlertKind, AlertRecipient } from '../events/alerts.js';

/**
 * The alert rules, in one place, read like the policy: what each is
 * triggered by, the condition, who is told, what the alert reveals and for
 * which purpose. `docs/alerts.md` is rendered from this table
 * (`npm run alerts:table`) and a test fails when they differ; another test
 * refuses a rule that would reveal a field to a recipient the policy denies it to.
 */
export interface AlertRule {
  /** Stable name, e.g. `key-person.tenancy`; part of every alert's key. */
  id: string;
  kind: AlertKind;
  /** The event that triggers it, or `schedule` for a check that runs on its own (a permit about to expire). */
  trigger: EventType | 'schedule';
  /**
   * Where the rule runs: the department that owns the facts its condition
   * needs (key-person flags are police-only, so those rules run with the
   * police), never another department's tables.
   */
  evaluatedBy: 'police' | 'housing';
  /** The condition, in words. */
  condition: string;
  /** Who is told, and which of them: the place that picks the officers. */
  recipients: { department: AlertRecipient; place: string };
  /**
   * Everything an alert of this rule lets its recipients read, as policy
   * coordinates (`Alert.flagCategory`, `Person.name`, `House.address`): each
   * must be granted by the policy to the recipients' role for every purpose below.
   */
  reveals: readonly string[];
  /** The purposes a recipient declares to read such an alert. */
  purposes: readonly Purpose[];
}

export const ALERT_RULES: readonly AlertRule[] = [];
