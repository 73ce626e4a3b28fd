import { WorkingTime } from './calendar.js';
import { REFUSAL_CODES, RESIDENT_TYPES, type AnomalySettings } from './rules.js';

/**
 * What the detector adds up from one batch of events, before it is written
 * to its tables: per principal and hour, per principal and denial window,
 * per principal and case, and the residents behind them. Pure: the store
 * writes it (store.ts), the detector decides what it means (detector.ts).
 */

/** An event as the detector reads it: only the columns its rules need. */
export interface DetectorEvent {
  seq: number;
  atMs: number;
  kind: 'access' | 'request' | 'refusals';
  requestId: string;
  subject: string | null;
  department: string | null;
  roles: string[];
  caseId: string | null;
  typeName: string | null;
  recordIds: string[];
  outcome: string | null;
  errorCode: string | null;
  count: number | null;
  lookups: number | null;
  places: string[] | null;
  /** Fields of an access the policy denied. */
  deniedFields: number;
}

/** How many example ids a window keeps, for the auditor to open. */
export const EXAMPLES = 10;

export interface HourTally {
  department: string;
  subject: string;
  hourMs: number;
  roles: string[];
  requests: number;
  accesses: number;
  lookups: number;
  lookupRefusals: number;
  places: Set<string>;
  unplaced: boolean;
  exampleRecords: string[];
  exampleRequests: string[];
  lookupRequests: string[];
}

export interface ResidentTally {
  department: string;
  subject: string;
  hourMs: number;
  residentId: string;
  place: string | null;
  offHours: boolean;
}

export interface DenialTally {
  department: string;
  subject: string;
  windowMs: number;
  roles: string[];
  deniedFields: number;
  /** Requests denied a field or refused outright, by id: a request's access and request events may arrive in different batches. */
  requestIds: Set<string>;
  /** Refusals the gateway tallied without recording each: distinct requests by definition. */
  tallied: number;
  exampleRequests: string[];
}

export interface CaseTally {
  caseId: string;
  department: string;
  subject: string;
  roles: string[];
  firstMs: number;
  lastMs: number;
  places: Set<string>;
  unplaced: boolean;
  exampleRecords: string[];
  exampleRequests: string[];
}

export interface CaseResidentTally {
  caseId: string;
  department: string;
  subject: string;
  residentId: string;
}

export interface BatchTally {
  hours: Map<string, HourTally>;
  residents: Map<string, ResidentTally>;
  denials: Map<string, DenialTally>;
  cases: Map<string, CaseTally>;
  caseResidents: Map<string, CaseResidentTally>;
}

const HOUR_MS = 3_600_000;
const REFUSED: ReadonlySet<string> = new Set(REFUSAL_CODES);
const RESIDENTS: ReadonlySet<string> = new Set(RESIDENT_TYPES);
/** Composite keys of caller-given parts (always kept in a Map), joined by a character no subject or id may hold. */
export const keyOf = (...parts: (string | number)[]): string => parts.join('\u0000');

const note = (list: string[], value: string) => {
  if (list.length < EXAMPLES && !list.includes(value)) list.push(value);
};

/**
 * Where the records of one event lie, when that is one place: the place
 * itself, or the district all of them share. A list spanning districts
 * places none of its residents.
 */
export function singlePlace(places: readonly string[] | null): string | null {
  if (!places || places.length === 0) return null;
  if (places.length === 1) return places[0] ?? null;
  const divisions = new Set(places.map((place) => place.split('/')[0]));
  return divisions.size === 1 ? ([...divisions][0] ?? null) : null;
}

export class Tallier {
  private readonly working: WorkingTime;
  private readonly denialWindowMs: number;

  constructor(settings: AnomalySettings) {
    this.working = new WorkingTime(settings);
    this.denialWindowMs = settings.denialWindowMinutes * 60_000;
  }

  tally(events: readonly DetectorEvent[]): BatchTally {
    const batch: BatchTally = { hours: new Map(), residents: new Map(), denials: new Map(), cases: new Map(), caseResidents: new Map() };
    for (const event of events) this.add(batch, event);
    return batch;
  }

  private add(batch: BatchTally, event: DetectorEvent): void {
    const { department, subject } = event;
    // A request refused before its caller was known has no principal to flag; the refusal tallies cover it.
    if (department === null || subject === null) return;
    const hourMs = Math.floor(event.atMs / HOUR_MS) * HOUR_MS;
    const hour = this.hour(batch, department, subject, hourMs, event.roles);

    if (event.kind === 'request') {
      hour.requests += 1;
      const lookups = event.lookups ?? 0;
      if (lookups > 0) {
        hour.lookups += lookups;
        note(hour.lookupRequests, event.requestId);
      }
      if (event.errorCode === 'LOOKUP_CAP') hour.lookupRefusals += 1;
      if (event.outcome === 'error' && event.errorCode !== null && REFUSED.has(event.errorCode)) this.denied(batch, event, department, subject, 0, 0);
      return;
    }
    if (event.kind === 'refusals') {
      // One event stands for `count` refusals after the first, which was recorded as a request.
      if (event.errorCode !== null && REFUSED.has(event.errorCode) && (event.count ?? 0) > 0) this.denied(batch, event, department, subject, 0, event.count ?? 0);
      return;
    }

    hour.accesses += 1;
    if (event.deniedFields > 0) this.denied(batch, event, department, subject, event.deniedFields, 0);
    if (event.typeName === null || !RESIDENTS.has(event.typeName) || event.recordIds.length === 0) return;

    note(hour.exampleRequests, event.requestId);
    if (event.places === null || event.places.length === 0) hour.unplaced = true;
    else for (const place of event.places) hour.places.add(place);
    const place = singlePlace(event.places);
    const offHours = this.working.isOffHours(event.atMs);
    for (const residentId of event.recordIds) {
      note(hour.exampleRecords, residentId);
      const key = keyOf(department, subject, hourMs, residentId);
      const known = batch.residents.get(key);
      if (known) {
        known.place ??= place;
        known.offHours ||= offHours;
      } else {
        batch.residents.set(key, { department, subject, hourMs, residentId, place, offHours });
      }
    }
    if (event.caseId !== null) this.underCase(batch, event, event.caseId, department, subject);
  }

  private hour(batch: BatchTally, department: string, subject: string, hourMs: number, roles: string[]): HourTally {
    const key = keyOf(department, subject, hourMs);
    let hour = batch.hours.get(key);
    if (!hour) {
      hour = {
        department,
        subject,
        hourMs,
        roles,
        requests: 0,
        accesses: 0,
        lookups: 0,
        lookupRefusals: 0,
        places: new Set(),
        unplaced: false,
        exampleRecords: [],
        exampleRequests: [],
        lookupRequests: [],
      };
      batch.hours.set(key, hour);
    }
    if (roles.length > 0) hour.roles = roles;
    return hour;
  }

  /** A denial in the event's window: `fields` denied fields of the event's request, or `tallied` refusals the gateway counted (none of them is the event's own request). */
  private denied(batch: BatchTally, event: DetectorEvent, department: string, subject: string, fields: number, tallied: number): void {
    const windowMs = Math.floor(event.atMs / this.denialWindowMs) * this.denialWindowMs;
    const key = keyOf(department, subject, windowMs);
    let window = batch.denials.get(key);
    if (!window) {
      window = { department, subject, windowMs, roles: event.roles, deniedFields: 0, requestIds: new Set(), tallied: 0, exampleRequests: [] };
      batch.denials.set(key, window);
    }
    if (event.roles.length > 0) window.roles = event.roles;
    window.deniedFields += fields;
    if (tallied > 0) window.tallied += tallied;
    else window.requestIds.add(event.requestId);
    note(window.exampleRequests, event.requestId);
  }

  private underCase(batch: BatchTally, event: DetectorEvent, caseId: string, department: string, subject: string): void {
    const key = keyOf(caseId, department, subject);
    let tally = batch.cases.get(key);
    if (!tally) {
      tally = { caseId, department, subject, roles: event.roles, firstMs: event.atMs, lastMs: event.atMs, places: new Set(), unplaced: false, exampleRecords: [], exampleRequests: [] };
      batch.cases.set(key, tally);
    }
    tally.firstMs = Math.min(tally.firstMs, event.atMs);
    tally.lastMs = Math.max(tally.lastMs, event.atMs);
    if (event.places === null || event.places.length === 0) tally.unplaced = true;
    else for (const place of event.places) tally.places.add(place);
    note(tally.exampleRequests, event.requestId);
    for (const residentId of event.recordIds) {
      note(tally.exampleRecords, residentId);
      batch.caseResidents.set(keyOf(caseId, department, subject, residentId), { caseId, department, subject, residentId });
    }
  }
}
