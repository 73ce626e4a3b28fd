import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { checkIdNumber, cityCodeOf, personProblems, type PersonFacts, type PersonProblem } from '../../domain/index.js';
import { MAX_QUESTIONS } from '../../auth/reference-checks.js';
import { conflict, notFound } from '../../platform/errors.js';
import {
  dateOrder,
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
import { jurisdictionFilter, requirePlaceWithin, requireUnconfined, type JurisdictionFilter } from '../../auth/jurisdiction.js';
import type { Principal } from '../../auth/principal.js';
import { persons, type NewOutboxRow, type PersonRow, type ResidenceRow } from './db/schema.js';
import type { PersonFilter, PoliceStore } from './store.js';

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

const RecordMoveOutInput = z.object({
  personId: zId,
  destinationDivisionCode: zDivisionCode,
  destinationAddress: zText(200).nullish(),
  movedOn: zDate.refine((d) => d <= today(), 'must not be in the future'),
});

const IssuePermitInput = z
  .object({ personId: zId, issuedOn: zDate, validUntil: zDate })
  .superRefine(dateOrder('issuedOn', 'validUntil'));

const PersonFilterInput = z.object({
  status: z.enum(persons.status.enumValues).nullish(),
  gridCode: zGridCode.nullish(),
  // A code, not a pattern: the store widens a city or province code to its districts itself.
  householdDivisionCode: zDivisionCode.nullish(),
});

const PersonChecksInput = z
  .array(
    z.object({
      personId: zId,
      on: zDate.nullish(),
      until: zDate.nullish(),
      minimumAge: z.number().int('must be a whole number').min(0, 'must not be negative').max(150, 'must be at most 150').nullish(),
      maximumAge: z.number().int('must be a whole number').min(0, 'must not be negative').max(150, 'must be at most 150').nullish(),
      sex: z.enum(['MALE', 'FEMALE']).nullish(),
    }),
  )
  .max(MAX_QUESTIONS, `must hold at most ${MAX_QUESTIONS} checks`);

const GridChecksInput = z.array(zString).max(MAX_QUESTIONS, `must hold at most ${MAX_QUESTIONS} codes`);

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
    const input = parseInput(RegisterPersonInput, raw);
    const parsed = checkIdNumber(input.idNumber);
    if (!parsed.ok) throw new Error('unreachable: validated above');
    const [existing] = await this.store.personsByIdNumbers([input.idNumber]);
    if (existing) throw conflict('A person with this identity number is already registered', 'input.idNumber');
    return this.store.insertPerson({
      id: randomUUID(),
      idNumber: input.idNumber,
      name: input.name,
      sex: parsed.sex,
      birthDate: parsed.birthDate,
      ethnicity: input.ethnicity,
      householdDivisionCode: input.householdDivisionCode,
      householdAddress: input.householdAddress,
      phone: input.phone ?? null,
      status: this.statusFor(input.householdDivisionCode),
    });
  }

  /**
   * A confined caller registers residences in their own grids or districts,
   * of persons who live there now: a move within the jurisdiction. A move in
   * from elsewhere is registered by a caller who covers both places.
   */
  async registerResidence(raw: unknown, principal: Principal | null): Promise<ResidenceRow> {
    const input = parseInput(RegisterResidenceInput, raw);
    requirePlaceWithin(principal, { gridCode: input.gridCode, divisionCode: input.gridCode.slice(0, 6) }, 'input.gridCode');
    // A unified house code starts with its district: a house elsewhere is a place outside too.
    if (input.houseCode) requirePlaceWithin(principal, { gridCode: input.gridCode, divisionCode: input.houseCode.slice(0, 6) }, 'input.houseCode');
    const person = await this.requirePerson(input.personId, jurisdictionFilter(principal));
    const [grid] = await this.store.gridsByCodes([input.gridCode]);
    if (!grid) throw notFound(`Grid ${input.gridCode}`);
    if (!input.gridCode.startsWith(input.divisionCode)) {
      throw conflict(`input.gridCode: grid ${input.gridCode} is not in division ${input.divisionCode}`, 'input.gridCode');
    }
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
              residenceAddress: input.address,
              residenceDivisionCode: input.divisionCode,
              residenceSince: input.since,
            },
          }
        : null;
    return this.store.replaceResidence(
      {
        id: randomUUID(),
        personId: person.id,
        address: input.address,
        divisionCode: input.divisionCode,
        gridCode: input.gridCode,
        houseCode: input.houseCode ?? null,
        since: input.since,
        until: null,
      },
      status,
      notice,
    );
  }

  async recordMoveOut(raw: unknown, principal: Principal | null): Promise<PersonRow> {
    const input = parseInput(RecordMoveOutInput, raw);
    const person = await this.requirePerson(input.personId, jurisdictionFilter(principal));
    if (person.status === 'MOVED_OUT') throw conflict('This person is already recorded as moved out', 'input.personId');
    if (cityCodeOf(input.destinationDivisionCode) === cityCodeOf(this.cityCode)) {
      throw conflict('input.destinationDivisionCode: a move within the city is a new residence registration, not a move out', 'input.destinationDivisionCode');
    }
    // One of this city's own residents: the destination city is told they are coming.
    const notice: NewOutboxRow | null =
      person.status === 'REGISTERED'
        ? {
            messageId: randomUUID(),
            messageType: 'OUTFLOW_NOTICE',
            cityCode: cityCodeOf(input.destinationDivisionCode),
            personId: person.id,
            payload: {
              ...noticeFieldsOf(person),
              ethnicity: person.ethnicity,
              householdAddress: person.householdAddress,
              destinationDivisionCode: input.destinationDivisionCode,
              destinationAddress: input.destinationAddress ?? null,
              movedOn: input.movedOn,
            },
          }
        : null;
    await this.store.recordMoveOut(
      {
        id: randomUUID(),
        personId: person.id,
        destinationDivisionCode: input.destinationDivisionCode,
        destinationAddress: input.destinationAddress ?? null,
        movedOn: input.movedOn,
      },
      notice,
    );
    // Read back as stored: the payload is narrowed to the caller's jurisdiction where it is served.
    return this.requirePerson(person.id, null);
  }

  async issueResidencePermit(raw: unknown, principal: Principal | null): Promise<PersonRow> {
    const input = parseInput(IssuePermitInput, raw);
    const person = await this.requirePerson(input.personId, jurisdictionFilter(principal));
    if (person.status !== 'FLOATING') throw conflict('Residence permits are issued only to floating residents', 'input.personId');
    const residences = await this.store.residencesByPersonIds([person.id]);
    if (!residences.some((r) => r.until === null)) {
      throw conflict('The person has no current residence registration', 'input.personId');
    }
    await this.store.insertPermit({
      id: randomUUID(),
      personId: person.id,
      permitNumber: `${this.cityCode}${input.issuedOn.slice(0, 4)}${randomUUID().replace(/\D/g, '').slice(0, 8).padEnd(8, '0')}`,
      issuedOn: input.issuedOn,
      validUntil: input.validUntil,
    });
    return person;
  }

  /**
   * The register's yes/no answers about persons, for a department about to
   * record something about them. Unconfined on purpose: a tenant or a worker
   * is often registered before they live where the caller works.
   */
  async personChecks(raw: unknown): Promise<PersonCheckRow[]> {
    const checks = parseInput(PersonChecksInput, raw, 'checks');
    const facts = await this.factsOf(checks.map((check) => check.personId));
    return checks.map((check) => {
      const person = facts.get(check.personId.toLowerCase());
      if (!person) return { personId: check.personId, found: false, problems: [] };
      return { personId: check.personId, found: true, problems: check.on ? personProblems(person, { ...check, on: check.on }) : [] };
    });
  }

  /** Whether each code names a grid of this city; unconfined, like `personChecks`. */
  async gridChecks(raw: unknown): Promise<{ code: string; found: boolean; districtCode: string | null }[]> {
    const codes = parseInput(GridChecksInput, raw, 'codes');
    const grids = new Map((await this.store.gridsByCodes(codes.filter((code) => /^\d{12}$/.test(code)))).map((grid) => [grid.code, grid]));
    return codes.map((code) => {
      const grid = grids.get(code);
      return { code, found: grid !== undefined, districtCode: grid?.districtCode ?? null };
    });
  }

  /** Birth, sex and move-out of each person found, by lower-case id. */
  private async factsOf(ids: readonly string[]): Promise<Map<string, PersonFacts>> {
    const people = await this.store.personsByIds([...new Set(ids.map((id) => id.toLowerCase()))]);
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
  private async requirePerson(id: string, jurisdiction: JurisdictionFilter | null): Promise<PersonRow> {
    const [person] = await this.store.personsByIds([id], jurisdiction);
    if (!person) throw notFound(`Person ${id}`);
    return person;
  }
}
