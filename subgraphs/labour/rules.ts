import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { checkAddress, chinaDateOf } from '../../domain/index.js';
import { FieldProblems, notFound, recordRefused } from '../../platform/errors.js';
import { complete, parseFields, parseInput, zCreditCode, zDate, zDivisionCode, zGridCode, zId, zIdNumber, zString, zText } from '../../platform/input.js';
import { addPersonFindings, type RecordRule } from '../../platform/record-rules.js';
import { jurisdictionFilter, requirePlaceWithin } from '../../auth/jurisdiction.js';
import type { Principal } from '../../auth/principal.js';
import type { ReferenceChecks } from '../../auth/reference-checks.js';
import type { EmployerRow, EmploymentRow } from './db/schema.js';
import { LABOUR_RECORD_RULES } from './record-rules.js';
import type { EmployerFilter, LabourStore } from './store.js';
import type { EmployerPremisesMapper } from './mappers.js';

/** Labour business rules: what a valid employer or employment registration is and what it changes. */

// The city works on China time: between midnight and 08:00 there the UTC date is still yesterday.
const todayInChina = (): string => chinaDateOf(new Date());

/** A line of the table by id and kind, so the code enforces what the table says and cannot name a line it lacks. */
function rule<K extends RecordRule['kind']>(id: string, kind: K): Extract<RecordRule, { kind: K }> {
  const found = LABOUR_RECORD_RULES.find((line) => line.id === id);
  if (found?.kind !== kind) throw new Error(`labour record rules hold no ${kind} rule ${id}`);
  return found as Extract<RecordRule, { kind: K }>;
}

const GRID_EXISTS = rule('employer.grid-exists', 'reference');
const INDUSTRY = rule('employer.industry', 'vocabulary');
const EMPLOYER_ADDRESS = rule('employer.address', 'address');
const CREDIT_CODE_UNIQUE = rule('employer.credit-code-unique', 'conflict');
const PERSON_EXISTS = rule('employment.person-exists', 'reference');
const WORKING_AGE = rule('employment.working-age', 'person');
const EMPLOYER_EXISTS = rule('employment.employer-exists', 'reference');
const END_AFTER_START = rule('employment.end-after-start', 'order');
const NO_OVERLAP = rule('employment.no-overlap', 'conflict');
const END_AFTER_OWN_START = rule('employment.end-after-own-start', 'order');
const STILL_OPEN = rule('employment.still-open', 'conflict');
const BY_IDENTITY_EMPLOYER = rule('employment-by-identity.employer-exists', 'reference');

/**
 * All an employer is told when the register does not confirm the identity it
 * gave: not why (unknown, moved out, another name), not whom it might be; the
 * police of the employer's grid are told the rest.
 */
export const IDENTITY_NOT_CONFIRMED_ADVICE =
  'The identity could not be confirmed, so nothing was registered. Ask the worker to take their identity card to the police station (派出所) where they live.';

const zIndustry = zString.trim();
// An employment with an end date is over ("null while current"), so neither end of it lies ahead.
const zPastDate = zDate.refine((d) => d <= todayInChina(), 'must not be in the future');

const RegisterEmployerInput = z.object({
  // zCreditCode checks length, alphabet, check character and that characters 3-8 are a real division.
  creditCode: zCreditCode,
  name: zText(100),
  industry: zIndustry,
  address: zText(200),
  divisionCode: zDivisionCode,
  gridCode: zGridCode,
});

const RegisterEmploymentInput = z.object({
  personId: zId,
  employerId: zId,
  position: zText(50),
  start: zPastDate,
  end: zPastDate.nullish(),
  socialInsurance: z.enum(['INSURED', 'SUSPENDED', 'NOT_INSURED']),
});

const RegisterEmploymentByIdentityInput = z.object({
  idNumber: zIdNumber,
  name: zText(50),
  employerId: zId.nullish(),
  employerCreditCode: zCreditCode.nullish(),
  position: zText(50),
  start: zPastDate,
  socialInsurance: z.enum(['INSURED', 'SUSPENDED', 'NOT_INSURED']),
});

/** What registering by identity answers: the employment, or only that the identity was not confirmed. */
export interface EmploymentByIdentity {
  employment: EmploymentRow | null;
  identityConfirmed: boolean;
  advice: string | null;
}

const EndEmploymentInput = z.object({ employmentId: zId, end: zPastDate });

const EmployerPremisesInput = z.array(zString.trim().max(18, 'must be an 18-character credit code')).max(50, 'must hold at most 50 codes');

const EmployerFilterInput = z.object({
  gridCode: zGridCode.nullish(),
  industry: zIndustry.refine((v) => INDUSTRY.values.includes(v), `must be a GB/T 4754 section name: ${INDUSTRY.values.join(', ')}`).nullish(),
});

/** The problem a vocabulary line finds in a value, if any. */
function checkVocabulary(line: Extract<RecordRule, { kind: 'vocabulary' }>, value: string | undefined, problems: FieldProblems): void {
  if (value !== undefined && !line.values.includes(value)) problems.add(line.field, 'BAD_USER_INPUT', `must be one of ${line.values.join(', ')} (${line.source}): ${line.says}`);
}

/** Whether two periods share a day; an open end runs on without limit. */
function overlaps(a: { start: string; end: string | null }, b: { start: string; end: string | null }): boolean {
  return (a.end === null || b.start <= a.end) && (b.end === null || a.start <= b.end);
}

export class LabourRules {
  constructor(private readonly store: LabourStore) {}

  /** Checks a list filter; a malformed code is a mistake worth naming, not an empty list. */
  employerFilter(raw: unknown): EmployerFilter {
    return raw == null ? {} : parseInput(EmployerFilterInput, raw, 'filter');
  }

  /**
   * A confined caller registers employers only in their own grids or districts.
   * The grid is asked of the police through the hub, as the caller; every
   * problem is reported at once, the credit code's clash last (it needs a valid record).
   */
  async registerEmployer(raw: unknown, principal: Principal | null, checks: ReferenceChecks): Promise<EmployerRow> {
    const problems = new FieldProblems();
    const input = parseFields(RegisterEmployerInput, raw, problems);
    if (input.gridCode !== undefined && input.divisionCode !== undefined) {
      requirePlaceWithin(principal, { gridCode: input.gridCode, divisionCode: input.divisionCode }, 'input.gridCode');
      if (!input.gridCode.startsWith(input.divisionCode)) problems.add('input.gridCode', 'BAD_USER_INPUT', `must start with the division code ${input.divisionCode}`);
    }
    checkVocabulary(INDUSTRY, input.industry, problems);
    if (input.address !== undefined && !problems.has(EMPLOYER_ADDRESS.divisionField ?? '')) {
      const address = checkAddress(input.address, input.divisionCode ?? null);
      if (!address.ok) problems.add(EMPLOYER_ADDRESS.field, 'BAD_USER_INPUT', `${address.reason}: ${EMPLOYER_ADDRESS.says}`);
    }
    if (input.gridCode !== undefined) {
      const { grids } = await checks.ask({ grids: [input.gridCode] });
      if (!grids[0]?.found) problems.add(GRID_EXISTS.field, 'NOT_FOUND', `is not on the police grid register: ${GRID_EXISTS.says}`);
    }
    const valid = complete(input, problems);
    const inserted = await this.store.insertEmployer({
      id: randomUUID(),
      creditCode: valid.creditCode,
      name: valid.name,
      industry: valid.industry,
      address: valid.address,
      divisionCode: valid.divisionCode,
      gridCode: valid.gridCode,
    });
    if (!inserted) throw clash(CREDIT_CODE_UNIQUE, 'another employer is registered under this credit code');
    return inserted;
  }

  /**
   * The person is asked of the police through the hub, as the caller: on the
   * register, of working age at the start, not moved out before it. The
   * employer is labour's own and read here, within the caller's jurisdiction.
   */
  async registerEmployment(raw: unknown, principal: Principal | null, checks: ReferenceChecks): Promise<EmploymentRow> {
    const problems = new FieldProblems();
    const input = parseFields(RegisterEmploymentInput, raw, problems);
    const end = input.end ?? null;
    if (input.start !== undefined && end !== null && end < input.start) {
      problems.add(END_AFTER_START.field, 'BAD_USER_INPUT', `must not be before ${END_AFTER_START.earlierField} (${input.start}): ${END_AFTER_START.says}`);
    }
    if (input.employerId !== undefined && !(await this.employerWithin(input.employerId, principal))) {
      problems.add(EMPLOYER_EXISTS.field, 'NOT_FOUND', `names no employer: ${EMPLOYER_EXISTS.says}`);
    }
    if (input.personId !== undefined) {
      const on = input.start;
      const { persons } = await checks.ask({
        persons: [on === undefined ? { personId: input.personId } : { personId: input.personId, on, until: problems.has('input.end') ? null : end, ...WORKING_AGE.condition }],
      });
      const finding = persons[0];
      if (!finding?.found) problems.add(PERSON_EXISTS.field, 'NOT_FOUND', `is not on the population register: ${PERSON_EXISTS.says}`);
      else if (on !== undefined) addPersonFindings(WORKING_AGE, finding, on, problems);
    }
    const valid = complete(input, problems);
    const period = { start: valid.start, end };
    const held = await this.store.employmentsOfPersonAt(valid.personId, valid.employerId);
    const clashing = held.find((other) => overlaps(other, period));
    if (clashing) throw clash(NO_OVERLAP, `the person's employment there from ${clashing.start} ${clashing.end === null ? 'is still open' : `to ${clashing.end}`}`);
    const inserted = await this.store.insertEmployment({
      id: randomUUID(),
      personId: valid.personId,
      employerId: valid.employerId,
      position: valid.position,
      start: valid.start,
      end,
      socialInsurance: valid.socialInsurance,
    });
    // The partial unique index catches an open employment registered meanwhile.
    if (!inserted) throw clash(NO_OVERLAP, 'the person holds an open employment there');
    return inserted;
  }

  /**
   * An employer's worker, named by the identity number and name they gave.
   * The police are asked through the hub, as the caller, whether the two are
   * one person living in the city; confirmed, the employment is registered as
   * `registerEmployment` registers it (every one of its rules). Not confirmed,
   * nothing is registered, the answer says only that, and an
   * IdentityNotConfirmed event tells the police of the employer's grid, who
   * decide what it means.
   */
  async registerEmploymentByIdentity(raw: unknown, principal: Principal | null, checks: ReferenceChecks): Promise<EmploymentByIdentity> {
    const problems = new FieldProblems();
    const input = parseFields(RegisterEmploymentByIdentityInput, raw, problems);
    const byId = input.employerId ?? null;
    const byCode = input.employerCreditCode ?? null;
    if ((byId === null) === (byCode === null) && !problems.has('input.employerId') && !problems.has('input.employerCreditCode')) {
      problems.add(BY_IDENTITY_EMPLOYER.field, 'BAD_USER_INPUT', 'name the employer by employerId or by employerCreditCode, exactly one of the two');
    }
    const jurisdiction = jurisdictionFilter(principal);
    const one = (byId === null) !== (byCode === null);
    const [employer] = !one ? [] : byId !== null ? await this.store.employersByIds([byId], jurisdiction) : await this.store.employersByCreditCodes([byCode ?? ''], jurisdiction);
    if (one && !employer) problems.add(byId !== null ? BY_IDENTITY_EMPLOYER.field : 'input.employerCreditCode', 'NOT_FOUND', `names no employer: ${BY_IDENTITY_EMPLOYER.says}`);
    const valid = complete(input, problems);
    if (!employer) throw notFound(`Employer ${byId ?? byCode ?? ''}`);
    const { identities } = await checks.ask({ identities: [{ idNumber: valid.idNumber, name: valid.name }] });
    const answer = identities[0];
    if (!answer?.confirmed || !answer.personId) {
      await this.store.writeEvents([
        {
          type: 'IdentityNotConfirmed',
          payload: { employerId: employer.id, gridCode: employer.gridCode, divisionCode: employer.divisionCode, idNumber: valid.idNumber, name: valid.name, attemptedOn: todayInChina() },
        },
      ]);
      return { employment: null, identityConfirmed: false, advice: IDENTITY_NOT_CONFIRMED_ADVICE };
    }
    const employment = await this.registerEmployment(
      { personId: answer.personId, employerId: employer.id, position: valid.position, start: valid.start, end: null, socialInsurance: valid.socialInsurance },
      principal,
      checks,
    );
    return { employment, identityConfirmed: true, advice: null };
  }

  /**
   * Where employers' workplaces lie, for a premises link: within a labour
   * officer's jurisdiction, or among the credit codes an employer's
   * credential names. Any other code answers as one not registered.
   */
  async employerPremises(raw: unknown, principal: Principal | null): Promise<EmployerPremisesMapper[]> {
    const codes = parseInput(EmployerPremisesInput, raw, 'creditCodes');
    const named = principal?.roles.includes('labour') ? null : new Set(principal?.premises?.employers ?? []);
    const asked = named === null ? codes : codes.filter((code) => named.has(code));
    const found = new Map((await this.store.employersByCreditCodes(asked, named === null ? jurisdictionFilter(principal) : null)).map((e) => [e.creditCode, e]));
    return codes.map((creditCode) => {
      const employer = found.get(creditCode);
      return employer
        ? { creditCode, found: true, gridCode: employer.gridCode, divisionCode: employer.divisionCode, name: employer.name }
        : { creditCode, found: false, gridCode: null, divisionCode: null, name: null };
    });
  }

  /** An employment at an employer outside a confined caller's jurisdiction is NOT_FOUND, in the words an unknown one gets. */
  async endEmployment(raw: unknown, principal: Principal | null): Promise<EmploymentRow> {
    const input = parseInput(EndEmploymentInput, raw);
    const [employment] = await this.store.employmentsByIds([input.employmentId], jurisdictionFilter(principal));
    if (!employment) throw notFound(`Employment ${input.employmentId}`);
    if (employment.end !== null) throw clash(STILL_OPEN, `it ended on ${employment.end}`);
    if (input.end < employment.start) {
      throw recordRefused([
        { field: END_AFTER_OWN_START.field, code: 'BAD_USER_INPUT', message: `must not be before the employment's ${END_AFTER_OWN_START.earlierField} (${employment.start}): ${END_AFTER_OWN_START.says}` },
      ]);
    }
    const closed = await this.store.closeEmployment(employment.id, input.end);
    if (!closed) throw clash(STILL_OPEN, 'it was ended meanwhile');
    return closed;
  }

  /** Whether the employer exists within the caller's jurisdiction: one outside answers as an unknown one does. */
  private async employerWithin(id: string, principal: Principal | null): Promise<boolean> {
    const [employer] = await this.store.employersByIds([id], jurisdictionFilter(principal));
    return employer !== undefined;
  }
}

/** A conflict line's refusal: what the record clashes with, and the rule. */
function clash(line: Extract<RecordRule, { kind: 'conflict' }>, what: string) {
  return recordRefused([{ field: line.field, code: 'CONFLICT', message: `${what}: ${line.says}` }]);
}
