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
  /**
   * What makes two raisings the same alert, in words: the event for an alert
   * about something that happened, the fact for a task (one task per house
   * and month, per permit and expiry), so a redelivery or a second pass
   * raises nothing new.
   */
  keyedBy: string;
}

const KEY_PERSON_PURPOSES: readonly Purpose[] = ['public-security', 'case-investigation'];
/**
 * Who the key person is travels in the alert (`Alert.name`, `Alert.idNumber`),
 * not through `Alert.person`: the person is read under the reader's
 * jurisdiction, and the police of the place where a key person rents or
 * works are often not those of where they live.
 */
const KEY_PERSON_FACTS = ['Alert.name', 'Alert.idNumber', 'Alert.flagCategory', 'Alert.flagLevel'] as const;

/** How many days a tenant has to register a residence before the grid is asked to visit (ALERT_UNREGISTERED_TENANT_DAYS). */
export const DEFAULT_UNREGISTERED_TENANT_DAYS = 7;
/** How far ahead a residence permit's expiry raises a task for the grid. */
export const PERMIT_EXPIRY_NOTICE_DAYS = 30;

export const ALERT_RULES: readonly AlertRule[] = [
  {
    id: 'key-person.tenancy',
    kind: 'KEY_PERSON',
    trigger: 'TenancyRegistered',
    evaluatedBy: 'police',
    condition: 'the tenant has a key-person flag in force on the day of the event',
    recipients: { department: 'police', place: "the house's grid" },
    reveals: [...KEY_PERSON_FACTS, 'House.address'],
    purposes: KEY_PERSON_PURPOSES,
    keyedBy: 'the event',
  },
  {
    id: 'key-person.employment',
    kind: 'KEY_PERSON',
    trigger: 'EmploymentRegistered',
    evaluatedBy: 'police',
    condition: 'the employed person has a key-person flag in force on the day of the event',
    recipients: { department: 'police', place: "the employer's grid" },
    reveals: [...KEY_PERSON_FACTS, 'Employer.name'],
    purposes: KEY_PERSON_PURPOSES,
    keyedBy: 'the event',
  },
  {
    id: 'key-person.residence',
    kind: 'KEY_PERSON',
    trigger: 'ResidenceRegistered',
    evaluatedBy: 'police',
    condition: 'the person whose residence was registered has a key-person flag in force',
    recipients: { department: 'police', place: "the residence's grid" },
    reveals: [...KEY_PERSON_FACTS, 'ResidenceRegistration.address'],
    purposes: KEY_PERSON_PURPOSES,
    keyedBy: 'the event',
  },
  {
    id: 'key-person.inflow',
    kind: 'KEY_PERSON',
    trigger: 'InflowNoticeReceived',
    evaluatedBy: 'police',
    condition: "the identity number a partner city's inflow notice names is a person on the register with a key-person flag in force",
    recipients: { department: 'police', place: "the person's current residence's grid; the city, with no grid, when they have none" },
    reveals: KEY_PERSON_FACTS,
    purposes: KEY_PERSON_PURPOSES,
    keyedBy: 'the event',
  },
  {
    id: 'task.unregistered-tenant',
    kind: 'TASK',
    trigger: 'TenancyRegistered',
    evaluatedBy: 'police',
    condition:
      "ALERT_UNREGISTERED_TENANT_DAYS (7) days after the tenancy's start, the tenant has no residence registration at the house that was in force on the start, nor any begun on or after it; checked by the police's periodic pass over the checks each tenancy leaves",
    recipients: { department: 'grid', place: "the house's grid" },
    // The tenant's name from the register: the grid worker must know whom to visit, though the register places them elsewhere.
    reveals: ['Alert.name', 'House.address'],
    purposes: ['community-service'],
    keyedBy: 'the tenancy',
  },
  {
    id: 'task.group-rental',
    kind: 'TASK',
    trigger: 'TenancyRegistered',
    evaluatedBy: 'housing',
    condition: "the house's open tenancies exceed its rooms × GROUP_RENTAL_FACTOR",
    recipients: { department: 'grid', place: "the house's grid" },
    reveals: ['House.address', 'House.rooms'],
    purposes: ['community-service'],
    keyedBy: 'the house and the month of the tenancy that tipped it (one task a month at most, however many tenancies follow)',
  },
  {
    id: 'task.permit-expiring',
    kind: 'TASK',
    trigger: 'schedule',
    evaluatedBy: 'police',
    condition: `a residence permit of a person not moved out expires within ${PERMIT_EXPIRY_NOTICE_DAYS} days; checked by the police's periodic pass (ALERT_PASS_SECONDS)`,
    recipients: { department: 'grid', place: "the holder's current residence's grid; the city, with no grid, when they have none" },
    reveals: ['Person.name', 'ResidencePermit.validUntil'],
    purposes: ['community-service'],
    keyedBy: 'the permit and its expiry date (a renewed permit raises again)',
  },
  {
    id: 'identity.not-confirmed',
    kind: 'IDENTITY',
    trigger: 'IdentityNotConfirmed',
    evaluatedBy: 'police',
    condition:
      'always: the police look the number up and say why it was not confirmed (unknown, moved out, name does not match); nothing when it is confirmed by the time the event is evaluated',
    recipients: { department: 'police', place: "the employer's grid" },
    reveals: ['Alert.idNumber', 'Alert.name', 'Alert.reason', 'Employer.name'],
    purposes: ['public-security'],
    keyedBy: 'the event',
  },
];

/** The rules one department evaluates. */
export function rulesEvaluatedBy(owner: AlertRule['evaluatedBy']): AlertRule[] {
  return ALERT_RULES.filter((rule) => rule.evaluatedBy === owner);
}

/** A rule of the table by id, so code names only lines the table has. */
export function alertRule(id: string): AlertRule {
  const found = ALERT_RULES.find((rule) => rule.id === id);
  if (!found) throw new Error(`the alert rules hold no rule ${id}`);
  return found;
}
