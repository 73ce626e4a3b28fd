import { INDUSTRIES, MINIMUM_WORKING_AGE } from '../../domain/index.js';
import type { RecordRule } from '../../platform/record-rules.js';

/**
 * What the labour department refuses in a write beyond each field's format (platform/record-rules.ts says how to read a line).
 * That an employer's grid code starts with its division code is format: both are the caller's own fields, checked with them.
 */
export const LABOUR_RECORD_RULES: readonly RecordRule[] = [
  {
    id: 'employer.grid-exists',
    mutation: 'registerEmployer',
    field: 'input.gridCode',
    kind: 'reference',
    refers: 'grid',
    owner: 'police',
    says: 'names a grid of this city',
  },
  {
    id: 'employer.industry',
    mutation: 'registerEmployer',
    field: 'input.industry',
    kind: 'vocabulary',
    values: INDUSTRIES,
    source: 'GB/T 4754 sections',
    says: 'is a section of the national industry classification',
  },
  {
    id: 'employer.address',
    mutation: 'registerEmployer',
    field: 'input.address',
    kind: 'address',
    divisionField: 'input.divisionCode',
    says: 'is an address in the employer’s district, with a street part',
  },
  {
    id: 'employer.credit-code-unique',
    mutation: 'registerEmployer',
    field: 'input.creditCode',
    kind: 'conflict',
    says: 'no other employer is registered under the credit code',
  },
  {
    id: 'employment.person-exists',
    mutation: 'registerEmployment',
    field: 'input.personId',
    kind: 'reference',
    refers: 'person',
    owner: 'police',
    says: 'names a person on the population register',
  },
  {
    id: 'employment.working-age',
    mutation: 'registerEmployment',
    field: 'input.personId',
    kind: 'person',
    dateField: 'input.start',
    untilField: 'input.end',
    condition: { minimumAge: MINIMUM_WORKING_AGE },
    says: `the person is of working age (${MINIMUM_WORKING_AGE}) at the start and has not moved out of the city before it`,
  },
  {
    id: 'employment.employer-exists',
    mutation: 'registerEmployment',
    field: 'input.employerId',
    kind: 'reference',
    refers: 'employer',
    owner: 'labour',
    says: 'names an employer registered with labour, within the caller’s jurisdiction',
  },
  {
    id: 'employment.end-after-start',
    mutation: 'registerEmployment',
    field: 'input.end',
    kind: 'order',
    earlierField: 'input.start',
    says: 'is not before the start',
  },
  {
    id: 'employment.no-overlap',
    mutation: 'registerEmployment',
    field: 'input.start',
    kind: 'conflict',
    says: 'the person holds no other employment at the same employer over any part of the period',
  },
  {
    id: 'employment-by-identity.employer-exists',
    mutation: 'registerEmploymentByIdentity',
    field: 'input.employerId',
    kind: 'reference',
    refers: 'employer',
    owner: 'labour',
    says: 'names an employer registered with labour, within the caller’s jurisdiction; an identity the police register confirms is then registered under every registerEmployment rule, and one it does not is answered only with identityConfirmed false',
  },
  {
    id: 'employment.end-after-own-start',
    mutation: 'endEmployment',
    field: 'input.end',
    kind: 'order',
    earlierField: 'start',
    says: 'is not before the employment’s start',
  },
  {
    id: 'employment.still-open',
    mutation: 'endEmployment',
    field: 'input.employmentId',
    kind: 'conflict',
    says: 'the employment has not already ended',
  },
];
