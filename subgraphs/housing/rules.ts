import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { checkDivisionCode } from '../../domain/index.js';
import { badUserInput, conflict, notFound } from '../../platform/errors.js';
import { dateOrder, parseInput, zDate, zDivisionCode, zGridCode, zId, zString, zText } from '../../platform/input.js';
import { jurisdictionFilter, requirePlaceWithin } from '../../auth/jurisdiction.js';
import type { Principal } from '../../auth/principal.js';
import type { HouseRow, TenancyRow } from './db/schema.js';
import type { HouseFilter, HousingStore } from './store.js';
import { MAX_QUESTIONS } from '../../auth/reference-checks.js';
import type { HouseCheckMapper } from './mappers.js';

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
    // Housing cannot check this id against the police register: departments keep separate databases and share only through the gateway.
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

const RegisterTenancyInput = z
  .object({
    houseId: zId,
    // Like ownerId: the police register lives in another database, so housing records
    // the ids it is given and the gateway joins them to persons at read time.
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
  })
  .superRefine(dateOrder('start', 'end'));

const EndTenancyInput = z.object({ tenancyId: zId, end: zDate });

const HouseChecksInput = z
  .array(z.object({ code: zString, gridCode: zString.nullish() }))
  .max(MAX_QUESTIONS, `must hold at most ${MAX_QUESTIONS} checks`);

const HouseFilterInput = z.object({ gridCode: zGridCode.nullish(), use: z.enum(HOUSE_USES).nullish() });

export class HousingRules {
  constructor(private readonly store: HousingStore) {}

  /** Checks a list filter; a malformed grid code is a mistake worth naming, not an empty list. */
  houseFilter(raw: unknown): HouseFilter {
    return parseInput(HouseFilterInput, raw ?? {}, 'filter');
  }

  /**
   * Whether each unified code names a registered house, and whether it lies
   * in the grid asked about. Unconfined: the police register residents at
   * houses wherever they are.
   */
  async houseChecks(raw: unknown): Promise<HouseCheckMapper[]> {
    const checks = parseInput(HouseChecksInput, raw, 'checks');
    const found = new Map((await this.store.housesByCodes(checks.map((check) => check.code))).map((house) => [house.code, house]));
    return checks.map(({ code, gridCode }) => {
      const house = found.get(code);
      if (!house) return { code, found: false, problems: [], gridCode: null, divisionCode: null };
      return { code, found: true, problems: gridCode != null && gridCode !== house.gridCode ? ['OTHER_GRID'] : [], gridCode: house.gridCode, divisionCode: house.divisionCode };
    });
  }

  /** A confined caller registers houses only in their own grids or districts. */
  async registerHouse(raw: unknown, principal: Principal | null): Promise<HouseRow> {
    const input = parseInput(RegisterHouseInput, raw);
    requirePlaceWithin(principal, { gridCode: input.gridCode, divisionCode: input.divisionCode }, 'input.gridCode');
    const house = await this.store.insertHouse({
      id: randomUUID(),
      code: input.code,
      address: input.address,
      divisionCode: input.divisionCode,
      gridCode: input.gridCode,
      ownerId: input.ownerId ?? null,
      ownerName: input.ownerName,
      use: input.use,
      rooms: input.rooms,
    });
    if (!house) throw conflict(`A house with the unified code ${input.code} is already registered`, 'input.code');
    return house;
  }

  /** A house outside a confined caller's jurisdiction is NOT_FOUND, in the words an unknown house gets. */
  async registerTenancy(raw: unknown, principal: Principal | null): Promise<TenancyRow> {
    const input = parseInput(RegisterTenancyInput, raw);
    const result = await this.store.insertTenancy({
      id: randomUUID(),
      houseId: input.houseId,
      tenantId: input.tenantId,
      landlordId: input.landlordId ?? null,
      landlordName: input.landlordName,
      start: input.start,
      end: input.end ?? null,
      monthlyRent: input.monthlyRent,
    }, jurisdictionFilter(principal));
    switch (result.outcome) {
      case 'inserted':
        return result.tenancy;
      case 'house-not-found':
        throw notFound(`House ${input.houseId}`);
      case 'overlap': {
        const { start, end } = result.tenancy;
        throw conflict(
          `The tenant already rents this house from ${start}${end ? ` to ${end}` : ' with no end recorded'}; end that tenancy first`,
          'input.start',
        );
      }
    }
  }

  /** A tenancy of a house outside a confined caller's jurisdiction is NOT_FOUND, in the words an unknown tenancy gets. */
  async endTenancy(raw: unknown, principal: Principal | null): Promise<TenancyRow> {
    const input = parseInput(EndTenancyInput, raw);
    const tenancy = await this.store.tenancyById(input.tenancyId, jurisdictionFilter(principal));
    if (!tenancy) throw notFound(`Tenancy ${input.tenancyId}`);
    if (tenancy.end !== null) throw conflict(`This tenancy already ended on ${tenancy.end}`, 'input.tenancyId');
    if (input.end < tenancy.start) throw badUserInput('input.end', `must not be before the tenancy's start (${tenancy.start})`);
    const ended = await this.store.endTenancy(tenancy.id, input.end);
    // Null here means another request ended it between the read and the update.
    if (!ended) throw conflict('This tenancy was ended by another request', 'input.tenancyId');
    return ended;
  }
}
