import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { checkDivisionCode } from '../../domain/index.js';
import { checkAddress } from '../../domain/address.js';
import { badUserInput, conflict, FieldProblems, notFound, recordRefused } from '../../platform/errors.js';
import { complete, parseFields, parseInput, today, zDate, zDivisionCode, zGridCode, zId, zIdNumber, zString, zText } from '../../platform/input.js';
import { addPersonFindings, type RecordRule } from '../../platform/record-rules.js';
import { jurisdictionFilter, requirePlaceWithin } from '../../auth/jurisdiction.js';
import type { Principal, RequestMeta } from '../../auth/principal.js';
import type { HouseRow, TenancyRow } from './db/schema.js';
import type { HouseFilter, HousingStore } from './store.js';
import { MAX_IMPORT_QUESTIONS, MAX_QUESTIONS, maxQuestions, type PersonQuestion, type ReferenceChecks } from '../../auth/reference-checks.js';
import { HOUSING_RECORD_RULES } from './record-rules.js';
import type { HouseCheckMapper, HousePremisesMapper, TenancyByIdentityPayloadMapper } from './mappers.js';

/** Housing business rules: what a valid house or tenancy registration is and what it changes. */

export const HOUSE_USES = ['OWNER_OCCUPIED', 'RENTAL', 'GROUP_RENTAL', 'DORMITORY'] as const;

export const MAX_ROOMS = 500;
export const MAX_MONTHLY_RENT = 1_000_000;

// Owners and landlords are often companies (dormitories, managed rentals), whose names run longer than a person's.
const zPartyName = zText(100);

const zHouseCode = zString
  .trim()
  .regex(/^\d{18}$/, 'must be an 18-digit unified house code (6-digit division code + 12 digits)')
  .superRefine((code, ctx) => {
    const division = checkDivisionCode(code.slice(0, 6));
    if (!division.ok) ctx.addIssue({ code: 'custom', message: `must start with a valid division code: ${division.reason}` });
  });

const zCountyCode = zDivisionCode.superRefine((code, ctx) => {
  const division = checkDivisionCode(code);
  // A house stands in a district or county; a province or city code does not say where.
  if (division.ok && division.level !== 'county') {
    ctx.addIssue({ code: 'custom', message: `must be a district or county code, not a ${division.level} code` });
  }
});

const RegisterHouseInput = z
  .object({
    code: zHouseCode,
    address: zText(200),
    divisionCode: zCountyCode,
    gridCode: zGridCode,
    // Asked of the police register through the hub (house.owner-exists).
    ownerId: zId.nullish(),
    ownerName: zPartyName,
    use: z.enum(HOUSE_USES),
    rooms: z
      .number()
      .int('must be a whole number')
      .min(1, 'must be at least 1')
      .max(MAX_ROOMS, `must be at most ${MAX_ROOMS}`),
  })
  .superRefine((value, ctx) => {
    if (typeof value.code === 'string' && typeof value.divisionCode === 'string' && !value.code.startsWith(value.divisionCode)) {
      ctx.addIssue({ code: 'custom', path: ['code'], message: `must start with the house's division code ${value.divisionCode}` });
    }
    if (typeof value.gridCode === 'string' && typeof value.divisionCode === 'string' && !value.gridCode.startsWith(value.divisionCode)) {
      ctx.addIssue({ code: 'custom', path: ['gridCode'], message: `must be a grid in division ${value.divisionCode}` });
    }
  });

const RegisterTenancyInput = z.object({
  houseId: zId,
  // The tenant and the landlord are asked of the police register through the hub.
  tenantId: zId,
  landlordId: zId.nullish(),
  landlordName: zPartyName,
  start: zDate,
  end: zDate.nullish(),
  monthlyRent: z
    .number()
    .int('must be a whole number of yuan')
    .min(0, 'must not be negative')
    .max(MAX_MONTHLY_RENT, `must be at most ${MAX_MONTHLY_RENT}`),
  room: zText(50).nullish(),
});

const RegisterTenancyByIdentityInput = z.object({
  houseCode: zHouseCode,
  idNumber: zIdNumber,
  name: zText(50),
  landlordName: zPartyName,
  start: zDate,
  monthlyRent: RegisterTenancyInput.shape.monthlyRent,
  room: zText(50).nullish(),
});

const HousePremisesInput = z.array(zString.trim().max(18, 'must be an 18-digit house code')).max(MAX_QUESTIONS, `must hold at most ${MAX_QUESTIONS} codes`);

/**
 * All a landlord's declaration is told when the register does not confirm the
 * tenant's identity: not why, not whom it might be.
 */
export const TENANT_NOT_CONFIRMED_ADVICE =
  'The identity could not be confirmed, so nothing was registered. Ask the tenant to take their identity card to the police station (派出所) where they live.';

const EndTenancyInput = z.object({ tenancyId: zId, end: zDate });

const houseChecksInput = (max: number) => z.array(z.object({ code: zString, gridCode: zString.nullish() })).max(max, `must hold at most ${max} checks`);
/** For a write's few questions and for a batch of an import's (maxQuestions). */
const HOUSE_CHECKS_INPUT = new Map([MAX_QUESTIONS, MAX_IMPORT_QUESTIONS].map((max) => [max, houseChecksInput(max)]));

const HouseFilterInput = z.object({ gridCode: zGridCode.nullish(), use: z.enum(HOUSE_USES).nullish() });

/** The table's line by id; the messages quote its words, so table and code cannot drift apart. */
function rule<K extends RecordRule['kind']>(id: string, kind: K): Extract<RecordRule, { kind: K }> {
  const found = HOUSING_RECORD_RULES.find((line) => line.id === id);
  if (!found || found.kind !== kind) throw new Error(`housing record rule ${id} of kind ${kind} is not in the table`);
  return found as Extract<RecordRule, { kind: K }>;
}

const GRID_EXISTS = rule('house.grid-exists', 'reference');
const OWNER_EXISTS = rule('house.owner-exists', 'reference');
const HOUSE_ADDRESS = rule('house.address', 'address');
const CODE_UNIQUE = rule('house.code-unique', 'conflict');
const HOUSE_EXISTS = rule('tenancy.house-exists', 'reference');
const TENANT_PLAUSIBLE = rule('tenancy.tenant-plausible', 'person');
const LANDLORD_EXISTS = rule('tenancy.landlord-exists', 'reference');
const TENANCY_ORDER = rule('tenancy.end-after-start', 'order');
const TENANT_OVERLAP = rule('tenancy.tenant-overlap', 'conflict');
const GROUP_RENTAL = rule('tenancy.group-rental', 'flag');
const ENDED_ORDER = rule('tenancy.ended-after-start', 'order');

/** The default of GROUP_RENTAL_FACTOR: one open tenancy per room. */
export const DEFAULT_GROUP_RENTAL_FACTOR = 1;

/** A house with more open tenancies than this is a suspected group rental. */
export function groupRentalThreshold(rooms: number, factor: number): number {
  return rooms * factor;
}

/** Something the hub accepted but wants looked at, carried in a payload. */
export interface RecordWarning {
  code: 'GROUP_RENTAL_SUSPECTED';
  field: string | null;
  message: string;
}

export interface RegisteredTenancy {
  tenancy: TenancyRow;
  warnings: RecordWarning[];
}

export class HousingRules {
  constructor(
    private readonly store: HousingStore,
    /** Open tenancies per room above which a house is a suspected group rental. */
    readonly groupRentalFactor: number = DEFAULT_GROUP_RENTAL_FACTOR,
  ) {}

  /** Checks a list filter; a malformed grid code is a mistake worth naming, not an empty list. */
  houseFilter(raw: unknown): HouseFilter {
    return parseInput(HouseFilterInput, raw ?? {}, 'filter');
  }

  /** Whether a house with `rooms` rooms and `open` open tenancies is a suspected group rental. */
  groupRentalSuspected(rooms: number, open: number): boolean {
    return open > groupRentalThreshold(rooms, this.groupRentalFactor);
  }

  /**
   * Whether each unified code names a registered house, and whether it lies
   * in the grid asked about. Unconfined: the police register residents at
   * houses wherever they are.
   */
  async houseChecks(raw: unknown, meta: Pick<RequestMeta, 'importBatch'>): Promise<HouseCheckMapper[]> {
    const checks = parseInput(HOUSE_CHECKS_INPUT.get(maxQuestions(meta)) ?? houseChecksInput(MAX_QUESTIONS), raw, 'checks');
    const found = new Map((await this.store.housesByCodes(checks.map((check) => check.code))).map((house) => [house.code, house]));
    return checks.map(({ code, gridCode }) => {
      const house = found.get(code);
      if (!house) return { code, found: false, problems: [], gridCode: null, divisionCode: null };
      return { code, found: true, problems: gridCode != null && gridCode !== house.gridCode ? ['OTHER_GRID'] : [], gridCode: house.gridCode, divisionCode: house.divisionCode };
    });
  }

  /**
   * Refuses a house in a grid the police do not hold, an owner not on the
   * register, an address that is not one, and a code already registered,
   * every problem at once. A confined caller registers houses only in their
   * own grids or districts.
   */
  async registerHouse(raw: unknown, principal: Principal | null, checks: ReferenceChecks): Promise<HouseRow> {
    const problems = new FieldProblems();
    const input = parseFields(RegisterHouseInput, raw, problems);
    if (input.gridCode !== undefined && input.divisionCode !== undefined && !problems.has('input.gridCode')) {
      requirePlaceWithin(principal, { gridCode: input.gridCode, divisionCode: input.divisionCode }, 'input.gridCode');
    }
    if (input.address !== undefined) {
      const address = checkAddress(input.address, problems.has(HOUSE_ADDRESS.divisionField ?? '') ? null : (input.divisionCode ?? null));
      if (!address.ok) problems.add(HOUSE_ADDRESS.field, 'BAD_USER_INPUT', address.reason);
    }
    const askGrid = input.gridCode !== undefined && !problems.has(GRID_EXISTS.field);
    const ownerId = input.ownerId ?? null;
    const askOwner = ownerId !== null && !problems.has(OWNER_EXISTS.field);
    const answers = await checks.ask({
      grids: askGrid && input.gridCode !== undefined ? [input.gridCode] : [],
      persons: askOwner && ownerId !== null ? [{ personId: ownerId }] : [],
    });
    if (askGrid && answers.grids[0]?.found !== true) problems.add(GRID_EXISTS.field, 'NOT_FOUND', `names no grid on the police grid register`);
    if (askOwner && answers.persons[0]?.found !== true) problems.add(OWNER_EXISTS.field, 'NOT_FOUND', `names no person on the population register`);
    const valid = complete(input, problems);
    const house = await this.store.insertHouse({
      id: randomUUID(),
      code: valid.code,
      address: valid.address,
      divisionCode: valid.divisionCode,
      gridCode: valid.gridCode,
      ownerId: valid.ownerId ?? null,
      ownerName: valid.ownerName,
      use: valid.use,
      rooms: valid.rooms,
    });
    if (!house) throw recordRefused([{ field: CODE_UNIQUE.field, code: 'CONFLICT', message: `${CODE_UNIQUE.says}: ${valid.code} is already registered` }]);
    return house;
  }

  /**
   * Refuses a tenancy of a house not registered (or outside a confined
   * caller's jurisdiction, in the same words), of a tenant not on the
   * register or for whom it makes no sense, naming a landlord not on the
   * register, or ending before it starts, every problem at once; then one
   * that overlaps another tenancy of the same tenant anywhere. Accepted with
   * a warning when it puts the house over its rooms times the group-rental factor.
   */
  async registerTenancy(raw: unknown, principal: Principal | null, checks: ReferenceChecks): Promise<RegisteredTenancy> {
    const problems = new FieldProblems();
    const input = parseFields(RegisterTenancyInput, raw, problems);
    const start = input.start;
    const end = input.end ?? null;
    if (start !== undefined && end !== null && !problems.has(TENANCY_ORDER.field) && end < start) {
      problems.add(TENANCY_ORDER.field, 'BAD_USER_INPUT', `must not be before the start of the tenancy (${start})`);
    }
    const jurisdiction = jurisdictionFilter(principal);
    if (input.houseId !== undefined) {
      const [house] = await this.store.housesByIds([input.houseId], jurisdiction);
      if (!house) problems.add(HOUSE_EXISTS.field, 'NOT_FOUND', `names no registered house`);
    }
    const tenantId = input.tenantId;
    // A start that is itself wrong cannot be judged against: the tenant is then only looked up.
    const on = start !== undefined && !problems.has(TENANT_PLAUSIBLE.dateField) ? start : null;
    const until = on !== null && end !== null && !problems.has(TENANT_PLAUSIBLE.untilField ?? '') ? end : null;
    const landlordId = input.landlordId ?? null;
    const persons: PersonQuestion[] = [];
    if (tenantId !== undefined) persons.push({ personId: tenantId, ...(on === null ? {} : { on, until, ...TENANT_PLAUSIBLE.condition }) });
    if (landlordId !== null) persons.push({ personId: landlordId });
    const answers = await checks.ask({ persons });
    if (tenantId !== undefined) {
      const answer = answers.persons[0];
      addPersonFindings(TENANT_PLAUSIBLE, { found: answer?.found === true, problems: answer?.problems ?? [] }, on ?? '', problems);
    }
    if (landlordId !== null && answers.persons[tenantId === undefined ? 0 : 1]?.found !== true) {
      problems.add(LANDLORD_EXISTS.field, 'NOT_FOUND', `names no person on the population register`);
    }
    const valid = complete(input, problems);
    const result = await this.store.insertTenancy(
      {
        id: randomUUID(),
        houseId: valid.houseId,
        tenantId: valid.tenantId,
        landlordId: valid.landlordId ?? null,
        landlordName: valid.landlordName,
        start: valid.start,
        end: valid.end ?? null,
        monthlyRent: valid.monthlyRent,
        room: valid.room ?? null,
      },
      jurisdiction,
      today(),
    );
    switch (result.outcome) {
      case 'inserted': {
        const { rooms, openTenancies } = result.house;
        const warnings: RecordWarning[] = this.groupRentalSuspected(rooms, openTenancies)
          ? [
              {
                code: 'GROUP_RENTAL_SUSPECTED',
                field: GROUP_RENTAL.field,
                message: `the house now has ${openTenancies} open tenancies for ${rooms} room${rooms === 1 ? '' : 's'}: ${GROUP_RENTAL.says}`,
              },
            ]
          : [];
        return { tenancy: result.tenancy, warnings };
      }
      // Removed between the check above and the insert, or a race with a change of jurisdiction.
      case 'house-not-found':
        throw recordRefused([{ field: HOUSE_EXISTS.field, code: 'NOT_FOUND', message: `names no registered house` }]);
      case 'overlap': {
        const other = result.tenancy;
        throw recordRefused([
          {
            field: TENANT_OVERLAP.field,
            code: 'CONFLICT',
            message: `${TENANT_OVERLAP.says}; one recorded runs from ${other.start}${other.end ? ` to ${other.end}` : ' with no end recorded'}: end that tenancy first`,
          },
        ]);
      }
    }
  }

  /**
   * A landlord's tenant, named by the identity number and name they gave, at
   * a house named by its code. The police are asked through the hub, as the
   * caller, whether the two are one person living in the city; confirmed,
   * the tenancy is registered as `registerTenancy` registers it (every one of
   * its rules); not confirmed, nothing is registered and the answer says only that.
   */
  async registerTenancyByIdentity(raw: unknown, principal: Principal | null, checks: ReferenceChecks): Promise<TenancyByIdentityPayloadMapper> {
    const problems = new FieldProblems();
    const input = parseFields(RegisterTenancyByIdentityInput, raw, problems);
    const [house] = input.houseCode === undefined ? [] : await this.store.housesByCodes([input.houseCode], jurisdictionFilter(principal));
    if (input.houseCode !== undefined && !house) problems.add('input.houseCode', 'NOT_FOUND', `names no registered house: ${HOUSE_EXISTS.says}`);
    const valid = complete(input, problems);
    if (!house) throw notFound(`House ${valid.houseCode}`);
    const { identities } = await checks.ask({ identities: [{ idNumber: valid.idNumber, name: valid.name }] });
    const answer = identities[0];
    if (!answer?.confirmed || !answer.personId) return { tenancy: null, warnings: [], identityConfirmed: false, advice: TENANT_NOT_CONFIRMED_ADVICE };
    const registered = await this.registerTenancy(
      { houseId: house.id, tenantId: answer.personId, landlordName: valid.landlordName, start: valid.start, monthlyRent: valid.monthlyRent, room: valid.room ?? null },
      principal,
      checks,
    );
    return { ...registered, identityConfirmed: true, advice: null };
  }

  /**
   * Where houses lie, for a premises link: within a housing officer's
   * jurisdiction, or among the houses a landlord's credential names. Any
   * other code answers as one not registered.
   */
  async housePremises(raw: unknown, principal: Principal | null): Promise<HousePremisesMapper[]> {
    const codes = parseInput(HousePremisesInput, raw, 'codes');
    const named = principal?.roles.includes('housing') ? null : new Set(principal?.premises?.houses ?? []);
    const asked = named === null ? codes : codes.filter((code) => named.has(code));
    const found = new Map((await this.store.housesByCodes(asked, named === null ? jurisdictionFilter(principal) : null)).map((house) => [house.code, house]));
    return codes.map((code) => {
      const house = found.get(code);
      return house
        ? { code, found: true, gridCode: house.gridCode, divisionCode: house.divisionCode, address: house.address }
        : { code, found: false, gridCode: null, divisionCode: null, address: null };
    });
  }

  /** A tenancy of a house outside a confined caller's jurisdiction is NOT_FOUND, in the words an unknown tenancy gets. */
  async endTenancy(raw: unknown, principal: Principal | null): Promise<TenancyRow> {
    const input = parseInput(EndTenancyInput, raw);
    const tenancy = await this.store.tenancyById(input.tenancyId, jurisdictionFilter(principal));
    if (!tenancy) throw notFound(`Tenancy ${input.tenancyId}`);
    if (tenancy.end !== null) throw conflict(`This tenancy already ended on ${tenancy.end}`, 'input.tenancyId');
    if (input.end < tenancy.start) throw badUserInput(ENDED_ORDER.field, `must not be before the tenancy's start (${tenancy.start})`);
    const ended = await this.store.endTenancy(tenancy.id, input.end);
    // Null here means another request ended it between the read and the update.
    if (!ended) throw conflict('This tenancy was ended by another request', 'input.tenancyId');
    return ended;
  }
}
