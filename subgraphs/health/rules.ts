import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { requireUnconfined } from '../../auth/jurisdiction.js';
import type { Principal } from '../../auth/principal.js';
import { VACCINES, chinaDateOf } from '../../domain/index.js';
import { parseInput, zDate, zId, zString, zText } from '../../platform/input.js';
import * as schema from './db/schema.js';
import type { HealthProfileRow } from './db/schema.js';
import type { HealthStore } from './store.js';

/**
 * Health business rules: what a valid health record is.
 *
 * The person a record is about is a Person id from the police register, which
 * lives in another department's database. Health cannot check here that the id
 * is registered (departments never read each other's tables), so it accepts
 * any well-formed id; the gateway joins the records to the register by id.
 */

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
  vaccine: zString
    .trim()
    .refine((name) => VACCINES.includes(name), `must be one of ${VACCINES.join('、')}`),
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

  /** The status is self-reported; any status may follow any other. */
  async setFamilyPlanningStatus(raw: unknown, principal: Principal | null): Promise<HealthProfileRow> {
    this.requireWriter(principal);
    const input = parseInput(SetFamilyPlanningStatusInput, raw);
    return this.store.upsertProfile(input.personId, input.status);
  }

  async recordVaccination(raw: unknown, principal: Principal | null): Promise<HealthProfileRow> {
    this.requireWriter(principal);
    const input = parseInput(RecordVaccinationInput, raw);
    return this.store.insertVaccination({ id: randomUUID(), ...input });
  }

  async recordMaternalCare(raw: unknown, principal: Principal | null): Promise<HealthProfileRow> {
    this.requireWriter(principal);
    const input = parseInput(RecordMaternalCareInput, raw);
    return this.store.insertMaternalCare({ id: randomUUID(), ...input });
  }

  async recordCheckup(raw: unknown, principal: Principal | null): Promise<HealthProfileRow> {
    this.requireWriter(principal);
    const input = parseInput(RecordCheckupInput, raw);
    return this.store.insertCheckup({ id: randomUUID(), ...input });
  }

  /** Writing is refused to a confined caller for the reason reading is, before the input is read. */
  private requireWriter(principal: Principal | null): void {
    requireUnconfined(principal, 'health records are written');
  }
}
