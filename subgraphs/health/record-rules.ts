import { MATERNAL_CARE_AGES, VACCINES } from '../../domain/index.js';
import type { RecordRule } from '../../platform/record-rules.js';

/**
 * What the health department refuses in a write beyond each field's format (platform/record-rules.ts says how to read a line).
 * Health records carry no place, so only callers confined to none write them; each names a person, asked of the police through the hub.
 */
export const HEALTH_RECORD_RULES: readonly RecordRule[] = [
  {
    id: 'family-planning.person-exists',
    mutation: 'setFamilyPlanningStatus',
    field: 'input.personId',
    kind: 'reference',
    refers: 'person',
    owner: 'police',
    says: 'names a person on the population register',
  },
  {
    id: 'family-planning.pregnant-plausible',
    mutation: 'setFamilyPlanningStatus',
    field: 'input.personId',
    kind: 'person',
    dateField: 'today',
    condition: { sex: 'FEMALE', minimumAge: MATERNAL_CARE_AGES.minimum, maximumAge: MATERNAL_CARE_AGES.maximum },
    says: `PREGNANT is recorded only for a woman aged ${MATERNAL_CARE_AGES.minimum} to ${MATERNAL_CARE_AGES.maximum} today who has not moved out of the city`,
  },
  {
    id: 'vaccination.person-exists',
    mutation: 'recordVaccination',
    field: 'input.personId',
    kind: 'reference',
    refers: 'person',
    owner: 'police',
    says: 'names a person on the population register',
  },
  {
    id: 'vaccination.vaccine',
    mutation: 'recordVaccination',
    field: 'input.vaccine',
    kind: 'vocabulary',
    values: VACCINES,
    source: 'the national immunisation programme and the common non-programme vaccines',
    says: 'is a vaccine the hub knows',
  },
  // ── A dose recorded once: what makes an import of vaccinations safe to run twice (docs/import.md) ──
  {
    id: 'vaccination.once',
    mutation: 'recordVaccination',
    field: 'input.dose',
    kind: 'conflict',
    says: 'the person has no record of the same dose of the same vaccine on the same day',
  },
  // ── end ──
  {
    id: 'vaccination.person-then',
    mutation: 'recordVaccination',
    field: 'input.personId',
    kind: 'person',
    dateField: 'input.administeredOn',
    condition: {},
    says: 'the person was born by the day of the vaccination and had not moved out of the city before it',
  },
  {
    id: 'maternal-care.person-exists',
    mutation: 'recordMaternalCare',
    field: 'input.personId',
    kind: 'reference',
    refers: 'person',
    owner: 'police',
    says: 'names a person on the population register',
  },
  {
    id: 'maternal-care.plausible',
    mutation: 'recordMaternalCare',
    field: 'input.personId',
    kind: 'person',
    dateField: 'input.visitOn',
    condition: { sex: 'FEMALE', minimumAge: MATERNAL_CARE_AGES.minimum, maximumAge: MATERNAL_CARE_AGES.maximum },
    says: `the person is a woman aged ${MATERNAL_CARE_AGES.minimum} to ${MATERNAL_CARE_AGES.maximum} on the day of the visit who had not moved out of the city before it`,
  },
  {
    id: 'checkup.person-exists',
    mutation: 'recordCheckup',
    field: 'input.personId',
    kind: 'reference',
    refers: 'person',
    owner: 'police',
    says: 'names a person on the population register',
  },
  {
    id: 'checkup.person-then',
    mutation: 'recordCheckup',
    field: 'input.personId',
    kind: 'person',
    dateField: 'input.checkedOn',
    condition: {},
    says: 'the person was born by the day of the checkup and had not moved out of the city before it',
  },
];
