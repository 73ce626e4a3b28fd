/**
 * What makes a record about a person plausible against what the register
 * knows of them: when they were born, their sex, and whether and when they
 * moved out of the city. Pure functions over those three facts, so the
 * police answer a department's question with them, the police's own rules
 * use them, and the synthetic city is checked against them without a server.
 */

/** The three facts of the register a plausibility question is answered from. */
export interface PersonFacts {
  /** YYYY-MM-DD; null only for records the register holds without one. */
  birthDate: string | null;
  sex: 'MALE' | 'FEMALE' | null;
  /** The day of the move-out recorded last, while the person is recorded as moved out; null otherwise. */
  movedOutOn: string | null;
}

/**
 * A department's question about a person: does a record of theirs that runs
 * from `on` (to `until`, when it has ended) make sense? Each condition is
 * asked only when given; being born by `on` and not having moved out before
 * it are always asked.
 */
export interface PersonCondition {
  /** The first day of the record (a tenancy's start, a vaccination's day). */
  on: string;
  /** The last day of the record, when it has one. */
  until?: string | null;
  /** Age in whole years the person must have reached on `on`. */
  minimumAge?: number | null;
  /** Age in whole years the person must not have passed on `on`. */
  maximumAge?: number | null;
  sex?: 'MALE' | 'FEMALE' | null;
}

/**
 * What can be wrong with a record about a person, in the order a department
 * would want to hear it. Each is a yes/no fact, never the value behind it.
 */
export const PERSON_PROBLEMS = ['NOT_BORN', 'UNDER_AGE', 'OVER_AGE', 'SEX', 'MOVED_OUT'] as const;
export type PersonProblem = (typeof PERSON_PROBLEMS)[number];

/** The legal working age (Labour Law of the PRC, art. 15): no employment before the 16th birthday. */
export const MINIMUM_WORKING_AGE = 16;

/**
 * The ages at which maternal care is plausible. Not a medical limit: outside
 * it a record is far more likely a wrong person id than a real pregnancy, so
 * it is refused and the department checks the id.
 */
export const MATERNAL_CARE_AGES = { minimum: 12, maximum: 60 } as const;

/** Age in whole years on `day`, both YYYY-MM-DD; a birthday on 29 February is reached on 1 March in common years. */
export function ageOn(birthDate: string, day: string): number {
  const years = Number(day.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return day.slice(5) >= birthDate.slice(5) ? years : years - 1;
}

/** The day a person born on `birthDate` turns `age`, YYYY-MM-DD (1 March for a 29 February birthday in a common year). */
export function birthdayAt(birthDate: string, age: number): string {
  const year = Number(birthDate.slice(0, 4)) + age;
  const day = new Date(Date.UTC(year, Number(birthDate.slice(5, 7)) - 1, Number(birthDate.slice(8, 10))));
  return day.toISOString().slice(0, 10);
}

/** Every problem of a record about a person with these facts; empty when it makes sense. */
export function personProblems(person: PersonFacts, condition: PersonCondition): PersonProblem[] {
  const problems: PersonProblem[] = [];
  const { birthDate } = person;
  if (birthDate !== null) {
    if (condition.on < birthDate) problems.push('NOT_BORN');
    else {
      const age = ageOn(birthDate, condition.on);
      if (condition.minimumAge != null && age < condition.minimumAge) problems.push('UNDER_AGE');
      if (condition.maximumAge != null && age > condition.maximumAge) problems.push('OVER_AGE');
    }
  }
  if (condition.sex != null && person.sex !== condition.sex) problems.push('SEX');
  // A record may end on the day of the move-out; it may not begin after it.
  if (person.movedOutOn !== null && condition.on > person.movedOutOn) problems.push('MOVED_OUT');
  return problems;
}
