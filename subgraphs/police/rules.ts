import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { checkAddress, checkIdNumber, cityCodeOf, personProblems, type PersonFacts, type PersonProblem } from '../../domain/index.js';
import { MAX_IMPORT_QUESTIONS, MAX_QUESTIONS, maxQuestions, type ReferenceChecks } from '../../auth/reference-checks.js';
import { FieldProblems, type ProblemCode } from '../../platform/errors.js';
import { addPersonFindings, RULE_CODES, type RecordRule } from '../../platform/record-rules.js';
import {
  complete,
  parseArguments,
  parseFields,
  parseInput,
  today,
  zDate,
  zDivisionCode,
  zGridCode,
  zId,
  zIdNumber,
  zMobilePhone,
  zString,
  zText,
} from '../../platform/input.js';
import { divisionCovers, jurisdictionFilter, requirePlaceWithin, requireUnconfined } from '../../auth/jurisdiction.js';
import type { Principal, RequestMeta } from '../../auth/principal.js';
import { forbidden } from '../../auth/decide.js';
import { persons, type NewOutboxRow, type PersonRow, type ResidenceRow } from './db/schema.js';
import { POLICE_RECORD_RULES } from './record-rules.js';
import type { PersonFilter, PoliceStore } from './store.js';
import type { ResidenceByIdentityPayloadMapper } from './mappers.js';

/** Police business rules: what a valid registration is and what it changes. */

const RegisterPersonInput = z
  .object({
    idNumber: zIdNumber,
    name: zText(50),
    sex: z.enum(['MALE', 'FEMALE']).nullish(),
    birthDate: zDate.nullish(),
    ethnicity: zText(20),
    householdDivisionCode: zDivisionCode,
    householdAddress: zText(200),
    phone: zMobilePhone.nullish(),
  })
  .superRefine((value, ctx) => {
    const parsed = checkIdNumber(value.idNumber);
    if (!parsed.ok) return;
    if (value.sex && value.sex !== parsed.sex) {
      ctx.addIssue({ code: 'custom', path: ['sex'], message: `does not match the identity number (${parsed.sex})` });
    }
    if (value.birthDate && value.birthDate !== parsed.birthDate) {
      ctx.addIssue({ code: 'custom', path: ['birthDate'], message: `does not match the identity number (${parsed.birthDate})` });
    }
  });

const RegisterResidenceInput = z.object({
  personId: zId,
  address: zText(200),
  divisionCode: zDivisionCode,
  gridCode: zGridCode,
  houseCode: z.string().regex(/^\d{18}$/, 'must be an 18-digit unified house code').nullish(),
  since: zDate.refine((d) => d <= today(), 'must not be in the future'),
});

const RegisterResidenceByIdentityInput = RegisterResidenceInput.omit({ personId: true }).extend({ idNumber: zIdNumber, name: zText(50) });

/** All a resident's declaration is told when the register does not hold the identity it gave: not why, not whom. */
export const RESIDENT_NOT_CONFIRMED_ADVICE =
  'The identity could not be confirmed, so nothing was registered. Take your identity card to the police station (派出所) where you live.';

const RecordMoveOutInput = z.object({
  personId: zId,
  destinationDivisionCode: zDivisionCode,
  destinationAddress: zText(200).nullish(),
  movedOn: zDate.refine((d) => d <= today(), 'must not be in the future'),
});

const IssuePermitInput = z.object({ personId: zId, issuedOn: zDate, validUntil: zDate });

type RuleOfKind<K extends RecordRule['kind']> = Extract<RecordRule, { kind: K }>;

/** A line of the table by id, of the kind the code expects: a line renamed or retyped stops the module loading. */
function ruleOf<K extends RecordRule['kind']>(id: string, kind: K): RuleOfKind<K> {
  const rule = POLICE_RECORD_RULES.find((line) => line.id === id);
  if (rule?.kind !== kind) throw new Error(`police record rule ${id} is missing or not a ${kind} rule`);
  return rule as RuleOfKind<K>;
}

/** The lines rules.ts enforces, so each refusal names the field and says what the table says. */
const RULE = {
  ethnicity: ruleOf('person.ethnicity', 'vocabulary'),
  householdAddress: ruleOf('person.household-address', 'address'),
  idNumberUnique: ruleOf('person.id-number-unique', 'conflict'),
  residencePerson: ruleOf('residence.person-exists', 'reference'),
  residenceGrid: ruleOf('residence.grid-exists', 'reference'),
  residenceHouse: ruleOf('residence.house-exists', 'reference'),
  residenceAddress: ruleOf('residence.address', 'address'),
  residenceBorn: ruleOf('residence.since-born', 'person'),
  residenceAfterCurrent: ruleOf('residence.since-current', 'order'),
  residenceReturn: ruleOf('residence.return-after-move-out', 'conflict'),
  moveOutPerson: ruleOf('move-out.person-exists', 'reference'),
  moveOutBorn: ruleOf('move-out.born', 'person'),
  moveOutAfterResidence: ruleOf('move-out.after-residence', 'order'),
  destinationAddress: ruleOf('move-out.destination-address', 'address'),
  moveOutOnce: ruleOf('move-out.once', 'conflict'),
  moveOutLeavesCity: ruleOf('move-out.leaves-city', 'conflict'),
  permitPerson: ruleOf('permit.person-exists', 'reference'),
  permitFloating: ruleOf('permit.floating', 'conflict'),
  permitCurrentResidence: ruleOf('permit.current-residence', 'conflict'),
  permitAfterResidence: ruleOf('permit.issued-after-residence', 'order'),
  permitValidAfterIssue: ruleOf('permit.valid-after-issue', 'order'),
} as const;

/** Adds a line's refusal under its field, with the kind's code unless the line says otherwise for this case. */
function refuse(rule: RecordRule, problems: FieldProblems, what: string, code: ProblemCode = RULE_CODES[rule.kind] ?? 'BAD_USER_INPUT'): void {
  problems.add(rule.field, code, `${what}: ${rule.says}`);
}

function refuseOrder(rule: RuleOfKind<'order'>, later: string, earlier: string, problems: FieldProblems): void {
  refuse(rule, problems, `${later} is before ${rule.earlierField} (${earlier})`);
}

function checkVocabulary(rule: RuleOfKind<'vocabulary'>, value: string, problems: FieldProblems): void {
  if (!rule.values.includes(value)) refuse(rule, problems, `is not on the list of ${rule.source}`);
}

/** The division is only held against the address when it is itself valid; a bad code is its own problem. */
function checkAddressRule(rule: RuleOfKind<'address'>, address: string, divisionCode: string | undefined, problems: FieldProblems): void {
  const usable = divisionCode !== undefined && !(rule.divisionField !== undefined && problems.has(rule.divisionField)) ? divisionCode : null;
  const checked = checkAddress(address, usable);
  if (!checked.ok) refuse(rule, problems, checked.reason);
}

const PersonFilterInput = z.object({
  status: z.enum(persons.status.enumValues).nullish(),
  gridCode: zGridCode.nullish(),
  // A code, not a pattern: the store widens a city or province code to its districts itself.
  householdDivisionCode: zDivisionCode.nullish(),
});

const PersonCheckItem = z.object({
  personId: zId,
  on: zDate.nullish(),
  until: zDate.nullish(),
  minimumAge: z.number().int('must be a whole number').min(0, 'must not be negative').max(150, 'must be at most 150').nullish(),
  maximumAge: z.number().int('must be a whole number').min(0, 'must not be negative').max(150, 'must be at most 150').nullish(),
  sex: z.enum(['MALE', 'FEMALE']).nullish(),
});

// The number and name as an employer gave them: a malformed number is simply not confirmed, so it is read as text, not refused.
const IdentityCheckItem = z.object({ idNumber: zString.trim().max(18, 'must be at most 18 characters'), name: zString.trim().max(50, 'must be at most 50 characters') });

/** The checks' lists, for a write's few questions and for a batch of an import's (maxQuestions). */
const checkLists = (max: number) => ({
  persons: z.array(PersonCheckItem).max(max, `must hold at most ${max} checks`),
  grids: z.array(zString).max(max, `must hold at most ${max} codes`),
  identities: z.array(IdentityCheckItem).max(max, `must hold at most ${max} checks`),
});
const CHECK_LISTS = new Map([MAX_QUESTIONS, MAX_IMPORT_QUESTIONS].map((max) => [max, checkLists(max)]));
const checkListsFor = (meta: Pick<RequestMeta, 'importBatch'>) => CHECK_LISTS.get(maxQuestions(meta)) ?? checkLists(MAX_QUESTIONS);

/** Why the register does not confirm a number and name as one person living in the city. */
export type IdentityReason = 'UNKNOWN' | 'MOVED_OUT' | 'NAME_MISMATCH';

/** Whether the register confirms a number and name as one person not moved out (null), and if not, why. */
export function identityVerdict(person: Pick<PersonRow, 'name' | 'status'> | undefined, name: string): IdentityReason | null {
  if (!person) return 'UNKNOWN';
  if (person.status === 'MOVED_OUT') return 'MOVED_OUT';
  if (person.name.normalize('NFC').trim() !== name.normalize('NFC').trim()) return 'NAME_MISMATCH';
  return null;
}

// What an entitled service or a declarant asks by identity number. A malformed number is the form's own
// mistake, named like any field's, and says nothing about anyone: no number that fails it is anyone's.
const PermitArguments = z.object({ idNumber: zIdNumber, on: zDate.nullish() });
const DistrictArguments = z.object({ idNumber: zIdNumber, divisionCode: zDivisionCode });
const GridArguments = z.object({ idNumber: zIdNumber, gridCode: zGridCode });
const DeclaredIdentityArguments = z.object({ idNumber: zIdNumber, name: zText(50) });

/** A yes or no for an entitled service, with the person asked about when the number is someone's (for the access log alone). */
export interface VerificationAnswerRow {
  holds: boolean;
  personId: string | null;
}

/** A declarant's identity check, with the person the number names, if anyone (for the access log alone). */
export interface DeclaredIdentityRow {
  result: 'MATCHES' | 'CANNOT_CONFIRM';
  personId: string | null;
}

/** What a declarant's form shows for each answer: the words the police stand behind, one per answer and nothing more. */
export const DECLARED_IDENTITY_WORDS = {
  MATCHES: '与登记信息一致',
  CANNOT_CONFIRM: '无法核实，请本人到派出所核实',
} as const satisfies Record<DeclaredIdentityRow['result'], string>;

/** One answer of `personChecks`. */
export interface PersonCheckRow {
  personId: string;
  found: boolean;
  problems: PersonProblem[];
}

/** What every notice to a partner city may say of the person from the register; the agreement picks from it. */
const noticeFieldsOf = (person: PersonRow) => ({
  idNumber: person.idNumber,
  name: person.name,
  sex: person.sex,
  birthDate: person.birthDate,
  householdDivisionCode: person.householdDivisionCode,
  phone: person.phone,
});

export class PoliceRules {
  constructor(
    private readonly store: PoliceStore,
    /** This city's 6-digit division code: residents registered under it are REGISTERED, others FLOATING. */
    private readonly cityCode: string,
  ) {}

  /** Checks a list filter; a malformed code is a mistake worth naming, not an empty list. */
  personFilter(raw: unknown): PersonFilter {
    return raw == null ? {} : parseInput(PersonFilterInput, raw, 'filter');
  }

  statusFor(householdDivisionCode: string): PersonRow['status'] {
    return cityCodeOf(householdDivisionCode) === cityCodeOf(this.cityCode) ? 'REGISTERED' : 'FLOATING';
  }

  /**
   * A person just registered lives nowhere yet, so no jurisdiction covers
   * them; and a confined caller told "already registered" would learn of a
   * resident outside their jurisdiction. Registering is for unconfined callers.
   */
  async registerPerson(raw: unknown, principal: Principal | null): Promise<PersonRow> {
    requireUnconfined(principal, 'persons are registered');
    const problems = new FieldProblems();
    const input = parseFields(RegisterPersonInput, raw, problems);
    if (input.ethnicity !== undefined) checkVocabulary(RULE.ethnicity, input.ethnicity, problems);
    if (input.householdAddress !== undefined) checkAddressRule(RULE.householdAddress, input.householdAddress, input.householdDivisionCode, problems);
    const valid = complete(input, problems);
    const parsed = checkIdNumber(valid.idNumber);
    if (!parsed.ok) throw new Error('unreachable: validated above');
    const [existing] = await this.store.personsByIdNumbers([valid.idNumber]);
    if (existing) refuse(RULE.idNumberUnique, problems, 'a person with this identity number is already registered');
    problems.throwIfAny();
    return this.store.insertPerson({
      id: randomUUID(),
      idNumber: valid.idNumber,
      name: valid.name,
      sex: parsed.sex,
      birthDate: parsed.birthDate,
      ethnicity: valid.ethnicity,
      householdDivisionCode: valid.householdDivisionCode,
      householdAddress: valid.householdAddress,
      phone: valid.phone ?? null,
      status: this.statusFor(valid.householdDivisionCode),
    });
  }

  /**
   * A confined caller registers residences in their own grids or districts,
   * of persons who live there now: a move within the jurisdiction. A move in
   * from elsewhere is registered by a caller who covers both places. The
   * house is housing's record, so it is asked about through the hub.
   */
  async registerResidence(raw: unknown, principal: Principal | null, checks: ReferenceChecks): Promise<ResidenceRow> {
    const problems = new FieldProblems();
    const input = parseFields(RegisterResidenceInput, raw, problems);
    const { gridCode, houseCode } = input;
    // The caller's places are checked before anything is read, so nothing stored shapes a refusal of them.
    if (gridCode !== undefined) requirePlaceWithin(principal, { gridCode, divisionCode: gridCode.slice(0, 6) }, 'input.gridCode');
    // A unified house code starts with its district: a house elsewhere is a place outside too.
    if (gridCode !== undefined && houseCode) requirePlaceWithin(principal, { gridCode, divisionCode: houseCode.slice(0, 6) }, 'input.houseCode');
    // Asked only with a valid grid, so a house is never asked about for a caller whose places were not checked.
    const houseAnswers = gridCode !== undefined && houseCode ? (await checks.ask({ houses: [{ code: houseCode, gridCode }] })).houses : [];
    const person = input.personId === undefined ? null : await this.findPerson(RULE.residencePerson, input.personId, principal, problems);
    if (gridCode !== undefined) {
      const [grid] = await this.store.gridsByCodes([gridCode]);
      if (!grid) refuse(RULE.residenceGrid, problems, 'names no grid of this city');
      else if (input.divisionCode !== undefined && !gridCode.startsWith(input.divisionCode)) {
        refuse(RULE.residenceGrid, problems, `the grid is not in division ${input.divisionCode}`, 'BAD_USER_INPUT');
      }
    }
    for (const answer of houseAnswers) {
      if (!answer.found) refuse(RULE.residenceHouse, problems, 'names no house registered with housing');
      else if (answer.problems.includes('OTHER_GRID')) refuse(RULE.residenceHouse, problems, `the house is not in grid ${gridCode ?? ''}`, 'BAD_USER_INPUT');
    }
    if (input.address !== undefined) checkAddressRule(RULE.residenceAddress, input.address, input.divisionCode, problems);
    const since = input.since;
    if (person && since !== undefined) {
      // A move-out does not bar a return: only the birth is asked of the person's facts here.
      const born = personProblems({ birthDate: person.birthDate, sex: person.sex, movedOutOn: null }, { on: since });
      addPersonFindings(RULE.residenceBorn, { found: true, problems: born }, since, problems);
      const current = await this.currentResidence(person.id);
      if (current && since < current.since) refuseOrder(RULE.residenceAfterCurrent, since, current.since, problems);
      if (problems.size === 0 && person.status === 'MOVED_OUT') {
        const movedOn = await this.lastMoveOut(person.id);
        if (movedOn !== null && since <= movedOn) refuse(RULE.residenceReturn, problems, `the person moved out on ${movedOn}: a return begins after that day`);
      }
    }
    const valid = complete(input, problems);
    if (!person) throw new Error('unreachable: a missing person is a problem above');
    const status = this.statusFor(person.householdDivisionCode);
    // A resident from another city: their home city is told they live here now.
    const notice: NewOutboxRow | null =
      status === 'FLOATING'
        ? {
            messageId: randomUUID(),
            messageType: 'INFLOW_NOTICE',
            cityCode: cityCodeOf(person.householdDivisionCode),
            personId: person.id,
            payload: {
              ...noticeFieldsOf(person),
              residenceAddress: valid.address,
              residenceDivisionCode: valid.divisionCode,
              residenceSince: valid.since,
            },
          }
        : null;
    return this.store.replaceResidence(
      {
        id: randomUUID(),
        personId: person.id,
        address: valid.address,
        divisionCode: valid.divisionCode,
        gridCode: valid.gridCode,
        houseCode: valid.houseCode ?? null,
        since: valid.since,
        until: null,
      },
      status,
      notice,
    );
  }

  async recordMoveOut(raw: unknown, principal: Principal | null): Promise<PersonRow> {
    const problems = new FieldProblems();
    const input = parseFields(RecordMoveOutInput, raw, problems);
    const person = input.personId === undefined ? null : await this.findPerson(RULE.moveOutPerson, input.personId, principal, problems);
    if (input.destinationAddress) checkAddressRule(RULE.destinationAddress, input.destinationAddress, input.destinationDivisionCode, problems);
    const movedOn = input.movedOn;
    if (person && movedOn !== undefined) {
      const born = personProblems({ birthDate: person.birthDate, sex: person.sex, movedOutOn: null }, { on: movedOn });
      addPersonFindings(RULE.moveOutBorn, { found: true, problems: born }, movedOn, problems);
      const current = await this.currentResidence(person.id);
      if (current && movedOn < current.since) refuseOrder(RULE.moveOutAfterResidence, movedOn, current.since, problems);
    }
    const valid = complete(input, problems);
    if (!person) throw new Error('unreachable: a missing person is a problem above');
    if (person.status === 'MOVED_OUT') refuse(RULE.moveOutOnce, problems, 'this person is already recorded as moved out');
    if (cityCodeOf(valid.destinationDivisionCode) === cityCodeOf(this.cityCode)) {
      refuse(RULE.moveOutLeavesCity, problems, 'a move within the city is a new residence registration, not a move out');
    }
    problems.throwIfAny();
    // One of this city's own residents: the destination city is told they are coming.
    const notice: NewOutboxRow | null =
      person.status === 'REGISTERED'
        ? {
            messageId: randomUUID(),
            messageType: 'OUTFLOW_NOTICE',
            cityCode: cityCodeOf(valid.destinationDivisionCode),
            personId: person.id,
            payload: {
              ...noticeFieldsOf(person),
              ethnicity: person.ethnicity,
              householdAddress: person.householdAddress,
              destinationDivisionCode: valid.destinationDivisionCode,
              destinationAddress: valid.destinationAddress ?? null,
              movedOn: valid.movedOn,
            },
          }
        : null;
    await this.store.recordMoveOut(
      {
        id: randomUUID(),
        personId: person.id,
        destinationDivisionCode: valid.destinationDivisionCode,
        destinationAddress: valid.destinationAddress ?? null,
        movedOn: valid.movedOn,
      },
      notice,
    );
    // Read back as stored: the payload is narrowed to the caller's jurisdiction where it is served.
    const [stored] = await this.store.personsByIds([person.id]);
    if (!stored) throw new Error('the person just written was not read back');
    return stored;
  }

  async issueResidencePermit(raw: unknown, principal: Principal | null): Promise<PersonRow> {
    const problems = new FieldProblems();
    const input = parseFields(IssuePermitInput, raw, problems);
    const person = input.personId === undefined ? null : await this.findPerson(RULE.permitPerson, input.personId, principal, problems);
    const { issuedOn, validUntil } = input;
    if (issuedOn !== undefined && validUntil !== undefined && validUntil < issuedOn) refuseOrder(RULE.permitValidAfterIssue, validUntil, issuedOn, problems);
    const current = person ? await this.currentResidence(person.id) : null;
    if (current && issuedOn !== undefined && issuedOn < current.since) refuseOrder(RULE.permitAfterResidence, issuedOn, current.since, problems);
    const valid = complete(input, problems);
    if (!person) throw new Error('unreachable: a missing person is a problem above');
    if (person.status !== 'FLOATING') refuse(RULE.permitFloating, problems, 'residence permits are issued only to floating residents');
    else if (!current) refuse(RULE.permitCurrentResidence, problems, 'the person has no current residence registration');
    problems.throwIfAny();
    await this.store.insertPermit({
      id: randomUUID(),
      personId: person.id,
      permitNumber: `${this.cityCode}${valid.issuedOn.slice(0, 4)}${randomUUID().replace(/\D/g, '').slice(0, 8).padEnd(8, '0')}`,
      issuedOn: valid.issuedOn,
      validUntil: valid.validUntil,
    });
    return person;
  }

  /**
   * The register's yes/no answers about persons, for a department about to
   * record something about them. Unconfined on purpose: a tenant or a worker
   * is often registered before they live where the caller works.
   */
  async personChecks(raw: unknown, meta: Pick<RequestMeta, 'importBatch'>): Promise<PersonCheckRow[]> {
    const checks = parseInput(checkListsFor(meta).persons, raw, 'checks');
    const facts = await this.factsOf(checks.map((check) => check.personId));
    return checks.map((check) => {
      const person = facts.get(check.personId.toLowerCase());
      if (!person) return { personId: check.personId, found: false, problems: [] };
      return { personId: check.personId, found: true, problems: check.on ? personProblems(person, { ...check, on: check.on }) : [] };
    });
  }

  /**
   * A resident's own new address, named by the identity number and name they
   * declared. When the register holds the two as one person who has not moved
   * out, the residence is registered as `registerResidence` registers it;
   * otherwise nothing is, and the answer says only that.
   */
  async registerResidenceByIdentity(raw: unknown, principal: Principal | null, checks: ReferenceChecks): Promise<ResidenceByIdentityPayloadMapper> {
    const problems = new FieldProblems();
    const input = parseFields(RegisterResidenceByIdentityInput, raw, problems);
    const { idNumber, name, ...place } = complete(input, problems);
    const [person] = await this.store.personsByIdNumbers([idNumber.toUpperCase()]);
    if (identityVerdict(person, name) !== null || !person) return { registration: null, identityConfirmed: false, advice: RESIDENT_NOT_CONFIRMED_ADVICE };
    const registration = await this.registerResidence({ personId: person.id, ...place }, principal, checks);
    return { registration, identityConfirmed: true, advice: null };
  }

  /**
   * Whether each number and name are one person on the register who has not
   * moved out, and then who. Only yes or no: why not is the police's to know
   * (the identity.not-confirmed alert), never the asker's. Unconfined, like
   * `personChecks`: a worker often arrives from elsewhere.
   */
  async identityChecks(raw: unknown, meta: Pick<RequestMeta, 'importBatch'>): Promise<{ confirmed: boolean; personId: string | null }[]> {
    const checks = parseInput(checkListsFor(meta).identities, raw, 'checks');
    const people = await this.store.identitiesByIdNumbers([...new Set(checks.map((check) => check.idNumber.toUpperCase()))]);
    const byNumber = new Map(people.map((person) => [person.idNumber, person]));
    return checks.map((check) => {
      const person = byNumber.get(check.idNumber.toUpperCase());
      const confirmed = identityVerdict(person, check.name) === null;
      return { confirmed, personId: confirmed && person ? person.id : null };
    });
  }

  /**
   * Whether the number's holder had a valid residence permit on a day (today
   * by default), for a school or a social-insurance office. Everything that
   * is not a yes is the same no, from the same one statement. A confined
   * caller hears yes only about residents living inside its jurisdiction.
   */
  async holdsValidResidencePermit(raw: unknown, principal: Principal | null): Promise<VerificationAnswerRow> {
    const args = parseArguments(PermitArguments, raw);
    const found = await this.store.permitValidOn(args.idNumber, args.on ?? today(), jurisdictionFilter(principal));
    return { holds: found?.valid ?? false, personId: found?.personId ?? null };
  }

  /**
   * Whether the number's holder lives now in a division (a city's or a
   * province's code covers its districts). A confined caller asks only about
   * its own places: refused from its own argument, before anything is read.
   */
  async livesInDistrict(raw: unknown, principal: Principal | null): Promise<VerificationAnswerRow> {
    const args = parseArguments(DistrictArguments, raw);
    requirePlaceWithin(principal, { gridCode: null, divisionCode: args.divisionCode }, 'divisionCode');
    const [person] = await this.store.personsByIdNumbers([args.idNumber], jurisdictionFilter(principal));
    const lives = person?.residenceDivisionCode != null && divisionCovers(args.divisionCode, person.residenceDivisionCode);
    return { holds: lives && person.status !== 'MOVED_OUT', personId: person?.id ?? null };
  }

  /** Whether the number's holder lives now in a grid; as `livesInDistrict`. */
  async livesInGrid(raw: unknown, principal: Principal | null): Promise<VerificationAnswerRow> {
    const args = parseArguments(GridArguments, raw);
    requirePlaceWithin(principal, { gridCode: args.gridCode, divisionCode: args.gridCode.slice(0, 6) }, 'gridCode');
    const [person] = await this.store.personsByIdNumbers([args.idNumber], jurisdictionFilter(principal));
    const lives = person?.residenceGridCode === args.gridCode;
    return { holds: lives && person.status !== 'MOVED_OUT', personId: person?.id ?? null };
  }

  /**
   * Whether the number and name a tenant or worker gave a declarant are one
   * person on the register who has not moved out. The declarant hears one of
   * two words; why not (unknown, moved out, another name) stays with the
   * police. The same one statement for every number, so neither the answer
   * nor its cost tells whether the number is anyone's. Unconfined, like
   * `identityChecks`: a tenant arrives from anywhere.
   */
  async declaredIdentityCheck(raw: unknown): Promise<DeclaredIdentityRow> {
    const args = parseArguments(DeclaredIdentityArguments, raw);
    const [person] = await this.store.personsByIdNumbers([args.idNumber]);
    return { result: identityVerdict(person, args.name) === null ? 'MATCHES' : 'CANNOT_CONFIRM', personId: person?.id ?? null };
  }

  /** The identity number an auditor asks the register about, checked as the register checks any. */
  auditedIdNumber(raw: unknown): string {
    return parseInput(zIdNumber, raw, 'idNumber').toUpperCase();
  }

  /** The identity number a resident's token names: theirs, as the identity provider verified it; a resident token without one is refused. */
  ownIdNumber(principal: Principal | null): string {
    const number = principal?.identityNumber;
    if (!number) throw forbidden('a resident token must name the identity number of the resident signed in');
    return number.toUpperCase();
  }

  /** Whether each code names a grid of this city; unconfined, like `personChecks`. */
  async gridChecks(raw: unknown, meta: Pick<RequestMeta, 'importBatch'>): Promise<{ code: string; found: boolean; districtCode: string | null }[]> {
    const codes = parseInput(checkListsFor(meta).grids, raw, 'codes');
    const grids = new Map((await this.store.gridsByCodes(codes.filter((code) => /^\d{12}$/.test(code)))).map((grid) => [grid.code, grid]));
    return codes.map((code) => {
      const grid = grids.get(code);
      return { code, found: grid !== undefined, districtCode: grid?.districtCode ?? null };
    });
  }

  /** Birth, sex and move-out of each person found, by lower-case id. */
  private async factsOf(ids: readonly string[]): Promise<Map<string, PersonFacts>> {
    const people = await this.store.personFactsByIds([...new Set(ids.map((id) => id.toLowerCase()))]);
    const gone = people.filter((person) => person.status === 'MOVED_OUT').map((person) => person.id);
    // Newest first: the move-out that made them MOVED_OUT is the last one recorded.
    const moveOuts = gone.length === 0 ? [] : await this.store.moveOutsByPersonIds(gone);
    const lastMoveOut = new Map<string, string>();
    for (const moveOut of moveOuts) if (!lastMoveOut.has(moveOut.personId)) lastMoveOut.set(moveOut.personId, moveOut.movedOn);
    return new Map(
      people.map((person) => [
        person.id.toLowerCase(),
        { birthDate: person.birthDate, sex: person.sex, movedOutOn: person.status === 'MOVED_OUT' ? (lastMoveOut.get(person.id) ?? null) : null },
      ]),
    );
  }

  /**
   * The person written about; for a confined caller only someone living inside
   * their jurisdiction, so a person outside it is NOT_FOUND with the very
   * message an unknown id gets, by the same single statement.
   */
  private async findPerson(rule: RuleOfKind<'reference'>, id: string, principal: Principal | null, problems: FieldProblems): Promise<PersonRow | null> {
    const [person] = await this.store.personsByIds([id], jurisdictionFilter(principal));
    if (!person) refuse(rule, problems, 'names no person on the population register');
    return person ?? null;
  }

  /** The residence a person has now, if any: the one not yet ended. */
  private async currentResidence(personId: string): Promise<ResidenceRow | null> {
    return (await this.store.residencesByPersonIds([personId])).find((residence) => residence.until === null) ?? null;
  }

  /** The day of the move-out recorded last, if any. */
  private async lastMoveOut(personId: string): Promise<string | null> {
    return (await this.store.moveOutsByPersonIds([personId]))[0]?.movedOn ?? null;
  }
}
