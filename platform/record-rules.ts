import type { PersonCondition, PersonProblem } from '../domain/plausibility.js';
import type { FieldProblems, ProblemCode } from './errors.js';

/**
 * The rules a write is held to beyond each field's format, as data: what
 * each department refuses, on which field, with which code, and why. Each
 * department declares its own (subgraphs/<name>/record-rules.ts) and its
 * rules.ts enforces them; `docs/rules.md` is rendered from all of them
 * (`npm run rules:table`), and the tests derive a valid and an invalid
 * record for every line from its kind, so a new line is tested unasked.
 */

interface RuleBase {
  /** Stable name, `<record>.<rule>`, e.g. `tenancy.tenant-exists`. */
  id: string;
  /** The mutation that applies it. */
  mutation: string;
  /** The argument path the error names, e.g. `input.tenantId`. */
  field: string;
  /** What the rule says, in the words the documentation uses. */
  says: string;
}

/** The field names a record that must exist: NOT_FOUND otherwise. */
export interface ReferenceRule extends RuleBase {
  kind: 'reference';
  /** What kind of record it names. */
  refers: 'person' | 'house' | 'grid' | 'employer' | 'tenancy' | 'employment';
  /** The department that owns that record, and answers whether it exists. */
  owner: 'police' | 'housing' | 'labour' | 'health';
}

/**
 * The record about the person the field names must make sense for them, from
 * the date in `dateField` (to `untilField`): born by then, not moved out of the
 * city before then, and the condition's age and sex. BAD_USER_INPUT for the
 * person's facts, CONFLICT for a move-out recorded before the date.
 * `dateField: 'today'` judges a status held from the day of the write (in
 * China) and names no input field, so its date problems name `field`.
 */
export interface PersonRule extends RuleBase {
  kind: 'person';
  dateField: string;
  untilField?: string;
  condition: Pick<PersonCondition, 'minimumAge' | 'maximumAge' | 'sex'>;
}

/** The field takes one of a closed list of values: BAD_USER_INPUT otherwise. */
export interface VocabularyRule extends RuleBase {
  kind: 'vocabulary';
  values: readonly string[];
  /** Where the list comes from (a standard, a programme). */
  source: string;
}

/** The field is an address with a district-level place and a street part, naming the district in `divisionField` when given. */
export interface AddressRule extends RuleBase {
  kind: 'address';
  divisionField?: string;
}

/** The date in `field` is not before the date in `earlierField` (of the input, or of the record named): BAD_USER_INPUT otherwise. */
export interface OrderRule extends RuleBase {
  kind: 'order';
  earlierField: string;
}

/**
 * The record clashes with one already registered (a second open tenancy of
 * the same tenant): CONFLICT. Each has a scenario of its own in the tests,
 * which fail for a line without one.
 */
export interface ConflictRule extends RuleBase {
  kind: 'conflict';
}

/** The record is accepted but flagged for the grid (a group rental): the payload carries the warning. */
export interface FlagRule extends RuleBase {
  kind: 'flag';
}

export type RecordRule = ReferenceRule | PersonRule | VocabularyRule | AddressRule | OrderRule | ConflictRule | FlagRule;

/** The code each kind of rule refuses with; a person rule refuses a move-out clash with CONFLICT. */
export const RULE_CODES: Readonly<Record<RecordRule['kind'], ProblemCode | null>> = {
  reference: 'NOT_FOUND',
  person: 'BAD_USER_INPUT',
  vocabulary: 'BAD_USER_INPUT',
  address: 'BAD_USER_INPUT',
  order: 'BAD_USER_INPUT',
  conflict: 'CONFLICT',
  flag: null,
};

/** What a department heard about a person it named (auth/reference-checks.ts answers in this shape). */
export interface PersonFinding {
  found: boolean;
  problems: readonly PersonProblem[];
}

/**
 * Adds the problems a person rule finds in one answer: a person not found
 * under the reference's field, each implausibility under the field it is
 * about. The message names what is wrong and never a value of the register.
 */
export function addPersonFindings(rule: PersonRule, finding: PersonFinding, date: string, problems: FieldProblems): void {
  if (!finding.found) {
    problems.add(rule.field, 'NOT_FOUND', 'names no person on the population register');
    return;
  }
  const { minimumAge, maximumAge, sex } = rule.condition;
  for (const problem of finding.problems) {
    switch (problem) {
      case 'NOT_BORN':
        problems.add(rule.dateField, 'BAD_USER_INPUT', 'is before the person was born');
        break;
      case 'UNDER_AGE':
        problems.add(rule.field, 'BAD_USER_INPUT', `the person is not yet ${minimumAge ?? 0} on ${date}: ${rule.says}`);
        break;
      case 'OVER_AGE':
        problems.add(rule.field, 'BAD_USER_INPUT', `the person is older than ${maximumAge ?? 0} on ${date}: ${rule.says}`);
        break;
      case 'SEX':
        problems.add(rule.field, 'BAD_USER_INPUT', `the register does not record this person as ${sex === 'FEMALE' ? 'a woman' : 'a man'}: ${rule.says}`);
        break;
      case 'MOVED_OUT':
        problems.add(rule.dateField, 'CONFLICT', 'is after the person moved out of the city, as the register records');
        break;
    }
  }
}
