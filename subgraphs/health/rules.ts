import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { requireUnconfined } from '../../auth/jurisdiction.js';
import type { Principal } from '../../auth/principal.js';
import type { ReferenceChecks } from '../../auth/reference-checks.js';
import { chinaDateOf } from '../../domain/index.js';
import { FieldProblems, recordRefused } from '../../platform/errors.js';
import { complete, parseFields, parseInput, zDate, zId, zString, zText } from '../../platform/input.js';
import { addPersonFindings, type PersonRule, type RecordRule, type ReferenceRule } from '../../platform/record-rules.js';
import * as schema from './db/schema.js';
import type { HealthProfileRow } from './db/schema.js';
import { HEALTH_RECORD_RULES } from './record-rules.js';
import type { HealthStore } from './store.js';

/**
 * Health business rules: what a valid health record is.
 *
 * The person a record is about is a Person id from the police register, which
 * lives in another department's database. Health never reads those tables: it
 * asks the police through the hub, as the writing caller, whether the person
 * is registered and whether the record makes sense for them (HEALTH_RECORD_RULES).
 */

/** A line of the table by id and kind, so the code enforces what the table says and cannot name a line it lacks. */
function rule<K extends RecordRule['kind']>(id: string, kind: K): Extract<RecordRule, { kind: K }> {
  const found = HEALTH_RECORD_RULES.find((line) => line.id === id);
  if (found?.kind !== kind) throw new Error(`health record rules hold no ${kind} rule ${id}`);
  return found as Extract<RecordRule, { kind: K }>;
}

const STATUS_PERSON = rule('family-planning.person-exists', 'reference');
const VACCINATED_PERSON = rule('vaccination.person-exists', 'reference');
const MATERNAL_CARE_PERSON = rule('maternal-care.person-exists', 'reference');
const CHECKED_UP_PERSON = rule('checkup.person-exists', 'reference');
const PREGNANT_PLAUSIBLE = rule('family-planning.pregnant-plausible', 'person');
const VACCINE = rule('vaccination.vaccine', 'vocabulary');
const VACCINATED_THEN = rule('vaccination.person-then', 'person');
const DOSE_ONCE = rule('vaccination.once', 'conflict');
const MATERNAL_CARE_PLAUSIBLE = rule('maternal-care.plausible', 'person');
const CHECKED_UP_THEN = rule('checkup.person-then', 'person');

export const MAX_DOSE = 10;
export const MAX_INSTITUTION_LENGTH = 100;

// PostgreSQL hands uuids back in lowercase; storing and comparing the same
// spelling keeps one person from appearing under two keys.
const zPersonId = zId.transform((id) => id.toLowerCase());

// Clinics date their records in Beijing time; a visit this morning in China is
// still "yesterday" in UTC for eight hours and must not read as future.
const zPastDate = zDate.refine((date) => date <= chinaDateOf(new Date()), 'must not be in the future');

const zInstitution = zText(MAX_INSTITUTION_LENGTH);

const SetFamilyPlanningStatusInput = z.object({
  personId: zPersonId,
  status: z.enum(schema.healthProfiles.familyPlanningStatus.enumValues),
});

const RecordVaccinationInput = z.object({
  personId: zPersonId,
  vaccine: zString.trim(),
  dose: z
    .number()
    .int('must be a whole number')
    .min(1, `must be from 1 to ${MAX_DOSE}`)
    .max(MAX_DOSE, `must be from 1 to ${MAX_DOSE}`),
  administeredOn: zPastDate,
  institution: zInstitution,
});

const RecordMaternalCareInput = z.object({
  personId: zPersonId,
  kind: z.enum(schema.maternalCareRecords.kind.enumValues),
  visitOn: zPastDate,
  institution: zInstitution,
});

const RecordCheckupInput = z.object({
  personId: zPersonId,
  checkedOn: zPastDate,
  institution: zInstitution,
  result: z.enum(schema.checkups.result.enumValues),
});

export class HealthRules {
  constructor(private readonly store: HealthStore) {}

  /**
   * Health records carry no grid or district, so no jurisdiction can be said
   * to cover them: a caller confined to one is refused them outright, before
   * anything is read or recorded — the same answer whoever the record is
   * about, so the refusal says nothing about what is stored.
   */
  requireReader(principal: Principal | null): void {
    requireUnconfined(principal, 'health records are released');
  }

  /** A person id given as a query argument, in the spelling the database stores. */
  readPersonId(raw: unknown, argument = 'personId'): string {
    return parseInput(zPersonId, raw, argument);
  }

  /** The status is self-reported; any status may follow any other, but PREGNANT only for a woman of plausible age. */
  async setFamilyPlanningStatus(raw: unknown, principal: Principal | null, checks: ReferenceChecks): Promise<HealthProfileRow> {
    this.requireWriter(principal);
    const problems = new FieldProblems();
    const input = parseFields(SetFamilyPlanningStatusInput, raw, problems);
    const judged = input.status === 'PREGNANT' ? PREGNANT_PLAUSIBLE : null;
    await this.checkPerson(checks, STATUS_PERSON, input.personId, judged, judged ? chinaDateOf(new Date()) : undefined, problems);
    const valid = complete(input, problems);
    return this.store.upsertProfile(valid.personId, valid.status);
  }

  async recordVaccination(raw: unknown, principal: Principal | null, checks: ReferenceChecks): Promise<HealthProfileRow> {
    this.requireWriter(principal);
    const problems = new FieldProblems();
    const input = parseFields(RecordVaccinationInput, raw, problems);
    if (input.vaccine !== undefined && !VACCINE.values.includes(input.vaccine)) {
      problems.add(VACCINE.field, 'BAD_USER_INPUT', `must be one of ${VACCINE.values.join('、')}: ${VACCINE.says}`);
    }
    await this.checkPerson(checks, VACCINATED_PERSON, input.personId, VACCINATED_THEN, input.administeredOn, problems);
    const profile = await this.store.insertVaccination({ id: randomUUID(), ...complete(input, problems) });
    if (!profile) throw recordRefused([{ field: DOSE_ONCE.field, code: 'CONFLICT', message: `this dose is recorded already: ${DOSE_ONCE.says}` }]);
    return profile;
  }

  async recordMaternalCare(raw: unknown, principal: Principal | null, checks: ReferenceChecks): Promise<HealthProfileRow> {
    this.requireWriter(principal);
    const problems = new FieldProblems();
    const input = parseFields(RecordMaternalCareInput, raw, problems);
    await this.checkPerson(checks, MATERNAL_CARE_PERSON, input.personId, MATERNAL_CARE_PLAUSIBLE, input.visitOn, problems);
    return this.store.insertMaternalCare({ id: randomUUID(), ...complete(input, problems) });
  }

  async recordCheckup(raw: unknown, principal: Principal | null, checks: ReferenceChecks): Promise<HealthProfileRow> {
    this.requireWriter(principal);
    const problems = new FieldProblems();
    const input = parseFields(RecordCheckupInput, raw, problems);
    await this.checkPerson(checks, CHECKED_UP_PERSON, input.personId, CHECKED_UP_THEN, input.checkedOn, problems);
    return this.store.insertCheckup({ id: randomUUID(), ...complete(input, problems) });
  }

  /**
   * Asks the police, through the hub, whether the person is registered and,
   * when the rule's date is valid, whether the record makes sense for them
   * on it. A rule judged from today names no input date, so its date
   * problems name the person field (platform/record-rules.ts).
   */
  private async checkPerson(
    checks: ReferenceChecks,
    exists: ReferenceRule,
    personId: string | undefined,
    line: PersonRule | null,
    on: string | undefined,
    problems: FieldProblems,
  ): Promise<void> {
    if (personId === undefined) return;
    const judged = line !== null && on !== undefined ? line : null;
    const { persons } = await checks.ask({ persons: [judged && on !== undefined ? { personId, on, ...judged.condition } : { personId }] });
    const finding = persons[0];
    if (!finding?.found) {
      problems.add(exists.field, 'NOT_FOUND', `is not on the population register: ${exists.says}`);
      return;
    }
    if (judged && on !== undefined) addPersonFindings(judged.dateField === 'today' ? { ...judged, dateField: judged.field } : judged, finding, on, problems);
  }

  /** Writing is refused to a confined caller for the reason reading is, before the input is read. */
  private requireWriter(principal: Principal | null): void {
    requireUnconfined(principal, 'health records are written');
  }
}
