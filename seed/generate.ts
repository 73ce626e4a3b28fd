// Row generators for every seeded table. Each generator walks its entities by
// index and derives every value from (key, kind, index), so a table can be
// produced on its own, streamed, and still agree with the other departments'
// tables: a tenancy names the same house its tenant's residence points at, an
// owner's name is the name the police register holds, and so on. The one
// value that also depends on earlier rows, the house a current tenant moves
// into (it must have a room free), is decided by a walk of the register in
// index order that every generator needing it repeats for itself.
import {
  DIVISIONS,
  ETHNICITIES,
  GIVEN_NAME_CHARS,
  INDUSTRIES,
  POSITIONS,
  PROVINCES,
  STREET_NAMES,
  SURNAMES,
  cityCodeOf,
  makeCreditCode,
  makeIdNumber,
  provinceCodeOf,
} from '../domain/index.js';
import type { grids, keyPersonFlags, moveOuts, persons, residencePermits, residenceRegistrations } from '../subgraphs/police/db/schema.js';
import type { houses, tenancies } from '../subgraphs/housing/db/schema.js';
import type { employers, employments } from '../subgraphs/labour/db/schema.js';
import type { checkups, healthProfiles, maternalCareRecords, vaccinations } from '../subgraphs/health/db/schema.js';
import { planCity, type CityPlan, type PlanOptions, type SeedTable } from './plan.js';
import {
  CURRENT_TENANCY_SHARE,
  populationOf,
  type District,
  type HouseholdDivision,
  type PersonCore,
  type Population,
} from './population.js';
import { type Random, WeightedTable, isoDay, seedOf, yearsAfter, yearsBefore, type Seed } from './random.js';
import {
  BRAND_CHARS,
  CHILD_SCHEDULE,
  CITY_HOSPITALS,
  CITY_MATERNITY_HOSPITALS,
  GENERIC_ROADS,
  INDUSTRY_PROFILES,
  KEY_PERSON_CATEGORIES,
  MOBILE_PREFIXES,
  TOWN_STEMS,
  VILLAGE_STEMS,
} from './tables.js';
import { at } from '../platform/arrays.js';

export type GridInsert = typeof grids.$inferInsert;
export type PersonInsert = typeof persons.$inferInsert;
export type ResidenceInsert = typeof residenceRegistrations.$inferInsert;
export type PermitInsert = typeof residencePermits.$inferInsert;
export type KeyPersonFlagInsert = typeof keyPersonFlags.$inferInsert;
export type MoveOutInsert = typeof moveOuts.$inferInsert;
export type HouseInsert = typeof houses.$inferInsert;
export type TenancyInsert = typeof tenancies.$inferInsert;
export type EmployerInsert = typeof employers.$inferInsert;
export type EmploymentInsert = typeof employments.$inferInsert;
export type HealthProfileInsert = typeof healthProfiles.$inferInsert;
export type VaccinationInsert = typeof vaccinations.$inferInsert;
export type MaternalCareInsert = typeof maternalCareRecords.$inferInsert;
export type CheckupInsert = typeof checkups.$inferInsert;

/** The row type each seeded table receives. */
export interface SeedRows {
  grids: GridInsert;
  persons: PersonInsert;
  residence_registrations: ResidenceInsert;
  residence_permits: PermitInsert;
  key_person_flags: KeyPersonFlagInsert;
  move_outs: MoveOutInsert;
  houses: HouseInsert;
  tenancies: TenancyInsert;
  employers: EmployerInsert;
  employments: EmploymentInsert;
  health_profiles: HealthProfileInsert;
  vaccinations: VaccinationInsert;
  maternal_care_records: MaternalCareInsert;
  checkups: CheckupInsert;
}

/** Date ranges are drawn in days; a year of 365 is close enough for spans like "the last ten years". */
const YEAR = 365;
/** How far (in houses or persons) a placement may stray from an index's own neighbourhood. */
const LOCALITY_WINDOW = 2_000;
/** Share of houses their owners live in; the rest are let. */
const OWNER_OCCUPIED_SHARE = 0.7;
/**
 * Share of let houses holding more tenants than rooms (群租). The hub flags
 * them, so the city has a few to flag: about one in 200, and one at least
 * wherever enough tenants live to fill one.
 */
const GROUP_RENTAL_SHARE = 1 / 200;
/** A residence permit runs for a year from its issue or last endorsement: the 居住证暂行条例 has it endorsed yearly. */
const PERMIT_YEARS = 1;
/** A current permit was issued at least this long before it would lapse, so it outlives the reference date by a month. */
const PERMIT_MARGIN_DAYS = 30;

const SURNAME_TABLE = new WeightedTable(SURNAMES);
const ETHNICITY_TABLE = new WeightedTable(ETHNICITIES);
const PHONE_PREFIX_TABLE = new WeightedTable(MOBILE_PREFIXES);
const FEMALE_START = GIVEN_NAME_CHARS.indexOf('芳');
const NEUTRAL_START = GIVEN_NAME_CHARS.indexOf('一');
// If the table is ever reordered the markers vanish; every character then serves both sexes.
const SPLIT = FEMALE_START > 0 && NEUTRAL_START > FEMALE_START;
const NEUTRAL_CHARS = SPLIT ? GIVEN_NAME_CHARS.slice(NEUTRAL_START) : [];
const MALE_CHARS = SPLIT ? [...GIVEN_NAME_CHARS.slice(0, FEMALE_START), ...NEUTRAL_CHARS] : GIVEN_NAME_CHARS;
const FEMALE_CHARS = SPLIT ? [...GIVEN_NAME_CHARS.slice(FEMALE_START, NEUTRAL_START), ...NEUTRAL_CHARS] : GIVEN_NAME_CHARS;

const INDUSTRY_TABLE = new WeightedTable(
  INDUSTRY_PROFILES.filter(([name]) => INDUSTRIES.includes(name)).map(
    ([name, weight, descriptors]) => [{ name, descriptors }, weight] as const,
  ),
);
const PUBLIC_SECTOR = '公共管理、社会保障和社会组织';
const FLAG_TABLE = new WeightedTable(
  KEY_PERSON_CATEGORIES.map(([category, weight, reasons]) => [{ category, reasons }, weight] as const),
);

type HouseUse = HouseInsert['use'];
type FamilyPlanning = HealthProfileInsert['familyPlanningStatus'];
const ROOMS = new WeightedTable<number>([[1, 10], [2, 30], [3, 40], [4, 15], [5, 4], [6, 1]]);
const FAMILY_PLANNING_BY_AGE: readonly (readonly [number, WeightedTable<FamilyPlanning>])[] = [
  [24, new WeightedTable<FamilyPlanning>([['NONE', 80], ['ONE_CHILD', 18], ['TWO_CHILDREN', 2]])],
  [34, new WeightedTable<FamilyPlanning>([['NONE', 40], ['ONE_CHILD', 45], ['TWO_CHILDREN', 13], ['THREE_OR_MORE', 2]])],
  [49, new WeightedTable<FamilyPlanning>([['NONE', 12], ['ONE_CHILD', 55], ['TWO_CHILDREN', 28], ['THREE_OR_MORE', 5]])],
  [200, new WeightedTable<FamilyPlanning>([['NONE', 5], ['ONE_CHILD', 60], ['TWO_CHILDREN', 28], ['THREE_OR_MORE', 7]])],
];

/** The last band reaches past any age the generator makes. */
function familyPlanningTable(age: number): WeightedTable<FamilyPlanning> {
  const band = FAMILY_PLANNING_BY_AGE.find(([upTo]) => age <= upTo) ?? at(FAMILY_PLANNING_BY_AGE, FAMILY_PLANNING_BY_AGE.length - 1);
  return band[1];
}

const pad = (value: number, width: number): string => String(value).padStart(width, '0');

/**
 * A day in [from, to], or `from` itself when someone came of age on the
 * reference date and the range is empty.
 */
const dayUpTo = (random: Random, from: number, to: number): number => random.day(from, Math.max(from, to));

/** A person's name: a pure function of the person, so any department can recompute it. */
export function personName(population: Population, person: PersonCore): string {
  const random = population.seed.random('name', person.index);
  const surname = SURNAME_TABLE.pick(random.next());
  const pool = person.sex === 'MALE' ? MALE_CHARS : FEMALE_CHARS;
  const first = random.pick(pool);
  return random.chance(0.72) ? surname + first + random.pick(pool) : surname + first;
}

/** Id of person `index` of the city keyed by `key`; the same in every department. */
export function personId(key: string, index: number): string {
  return seedOf(key).id('person', index);
}

export interface DemoResident {
  id: string;
  idNumber: string;
  name: string;
}

/**
 * The first `count` persons of a city, for examples and start-up banners.
 * Persons do not depend on the city's size, so this holds for any seeded size
 * of at least `count` persons.
 */
export function demoResidents(key: string, count: number, options: { cityCode?: string; asOf?: string } = {}): DemoResident[] {
  const population = populationOf({ key, ...options });
  const residents: DemoResident[] = [];
  for (let i = 0; i < count; i++) {
    const person = population.core(i);
    residents.push({ id: population.seed.id('person', i), idNumber: identityNumber(person), name: personName(population, person) });
  }
  return residents;
}

function identityNumber(person: PersonCore): string {
  return makeIdNumber(person.division.code, isoDay(person.birthDay), person.sequence, person.sex);
}

interface Grid {
  readonly index: number;
  readonly code: string;
  readonly name: string;
  readonly district: District;
  readonly road: string;
  readonly number: number;
}

interface House {
  readonly index: number;
  readonly id: string;
  readonly code: string;
  readonly address: string;
  readonly grid: Grid;
  readonly use: HouseUse;
}

interface Owner {
  readonly id: string | null;
  readonly name: string;
}

/** When a tenancy runs; where follows from the order tenants move in (see Placement). */
interface TenancyTerm {
  readonly start: number;
  readonly end: number | null;
}

interface Tenancy extends TenancyTerm {
  readonly house: House;
}

/** One stretch of a residence registration, oldest first; `tenancy` when it is the registered tenancy's house. */
interface ResidenceSpan {
  readonly since: number;
  readonly until: number | null;
  readonly tenancy: boolean;
}

/**
 * Where current tenants have moved in so far. Tenants are placed in register
 * order, each in a let house with a room free, so that no house holds more
 * open tenancies than rooms, except the group rentals: now and then a tenant
 * moves into a house that the next few tenants then crowd into past its
 * rooms. The police and housing generators each walk the register in the
 * same order with a placement of their own, so they place every tenant alike.
 */
interface Placement {
  /** Open tenancies per house. */
  readonly open: Uint16Array;
  /** The group rental filling up, or -1. */
  crowd: number;
  /** Open tenancies the group rental fills up to. */
  crowdTarget: number;
  /** Group rentals due to start once the one filling up is full; the first current tenant starts one. */
  due: number;
  /** Houses whose open tenancies passed their rooms, in the order they did. */
  readonly overfull: number[];
}

/**
 * One synthetic city: its plan plus the pure functions that place persons in
 * houses, grids and workplaces. Generators are plain sync iterables, so a
 * consumer pulls rows one at a time and never holds a table in memory.
 */
export class SyntheticCity {
  readonly population: Population;
  private readonly seed: Seed;
  private readonly gridList: readonly Grid[];
  /** First grid index of each district, plus the total at the end. */
  private readonly districtGridStart: Int32Array;
  private readonly districtTable: WeightedTable<District>;
  private readonly districtIndex: ReadonlyMap<string, number>;
  private readonly tenantStride: number;
  private readonly tenantOffset: number;
  private readonly permitSalt: number;
  private readonly organisationSalt: number;
  /** Chance that a current tenant starts a group rental, so that about GROUP_RENTAL_SHARE of let houses become one. */
  private readonly groupRentalChance: number;
  private readonly kinds: {
    houseUse: number;
    houseRooms: number;
    person: number;
    owner: number;
    tenancyHouse: number;
    groupRental: number;
  };
  private groupRentals: ReadonlySet<string> | undefined;

  constructor(readonly plan: CityPlan) {
    this.population = populationOf(plan);
    this.seed = this.population.seed;
    const { districts } = this.population;
    const totalWeight = districts.reduce((sum, d) => sum + d.weight, 0);
    this.districtGridStart = new Int32Array(districts.length + 1);
    let cumulative = 0;
    districts.forEach((district, d) => {
      this.districtGridStart[d] = Math.round((cumulative / totalWeight) * plan.grids);
      cumulative += district.weight;
    });
    this.districtGridStart[districts.length] = plan.grids;
    this.districtTable = new WeightedTable(districts.map((d) => [d, d.weight] as const));
    this.districtIndex = new Map(districts.map((d, index) => [d.code, index]));
    const grids: Grid[] = [];
    districts.forEach((district, d) => {
      const start = at(this.districtGridStart, d);
      const count = at(this.districtGridStart, d + 1) - start;
      const streets = district.subdistricts.length;
      const perStreet = Math.min(999, Math.max(1, Math.ceil(count / streets)));
      const roadOffset = this.seed.word('district-roads', d) % STREET_NAMES.length;
      for (let k = 0; k < count; k++) {
        const street = Math.floor(k / perStreet);
        const number = (k % perStreet) + 1;
        // Each grid gets its own (road, house-number block), so no two houses share an address.
        const block = Math.floor(k / STREET_NAMES.length);
        grids.push({
          index: start + k,
          code: `${district.code}${pad(street + 1, 3)}${pad(number, 3)}`,
          name: `${district.subdistricts[street % streets]}第${number}网格`,
          district,
          road: at(STREET_NAMES, (k + roadOffset) % STREET_NAMES.length),
          number: block * 20 + 1 + (this.seed.word('grid-number', start + k) % 20),
        });
      }
    });
    this.gridList = grids;

    const pool = plan.tenantPool;
    this.tenantStride = pool > 1 ? coprimeNear(pool, Math.floor(pool * 0.381966)) : 1;
    this.tenantOffset = pool > 0 ? this.seed.word('tenant-offset', 0) % pool : 0;
    this.permitSalt = this.seed.word('permit-number', 0) % 100_000_000;
    this.organisationSalt = this.seed.word('organisation-code', 0) % 100_000_000;
    const currentTenancies = plan.rentals * CURRENT_TENANCY_SHARE;
    const letHouses = plan.houses * (1 - OWNER_OCCUPIED_SHARE);
    this.groupRentalChance = currentTenancies > 0 ? Math.min(1, (GROUP_RENTAL_SHARE * letHouses) / currentTenancies) : 0;
    this.kinds = {
      houseUse: this.seed.kind('house-use'),
      houseRooms: this.seed.kind('house-rooms'),
      person: this.seed.kind('person'),
      owner: this.seed.kind('house-owner'),
      tenancyHouse: this.seed.kind('tenancy-house'),
      groupRental: this.seed.kind('group-rental'),
    };
  }

  /** The generator of one table. */
  rows<T extends SeedTable>(table: T): Iterable<SeedRows[T]> {
    const generators: { [K in SeedTable]: () => Iterable<SeedRows[K]> } = {
      grids: () => this.grids(),
      persons: () => this.persons(),
      residence_registrations: () => this.residenceRegistrations(),
      residence_permits: () => this.residencePermits(),
      key_person_flags: () => this.keyPersonFlags(),
      move_outs: () => this.moveOuts(),
      houses: () => this.houses(),
      tenancies: () => this.tenancies(),
      employers: () => this.employers(),
      employments: () => this.employments(),
      health_profiles: () => this.healthProfiles(),
      vaccinations: () => this.vaccinations(),
      maternal_care_records: () => this.maternalCareRecords(),
      checkups: () => this.checkups(),
    };
    return generators[table]();
  }

  // ---- police ----

  *grids(): Generator<GridInsert> {
    for (const grid of this.gridList) {
      const random = this.seed.random('grid', grid.index);
      const u = random.next();
      const officer = this.population.core(random.int(0, 2 ** 24));
      yield {
        code: grid.code,
        name: grid.name,
        districtCode: grid.district.code,
        officerName: personName(this.population, officer),
        class: u < 0.1 ? 'ENHANCED' : u < 0.3 ? 'KEY' : 'REGULAR',
      };
    }
  }

  *persons(): Generator<PersonInsert> {
    for (let i = 0; i < this.plan.persons; i++) yield this.person(i);
  }

  person(index: number): PersonInsert {
    const person = this.population.core(index);
    const random = this.seed.random(this.kinds.person, index);
    const ethnicity = ETHNICITY_TABLE.pick(random.next());
    const hasPhone = random.chance(person.age < 12 ? 0.3 : 0.97);
    const phone = hasPhone ? PHONE_PREFIX_TABLE.pick(random.next()) + pad(random.int(0, 99_999_999), 8) : null;
    return {
      id: this.seed.id('person', index),
      idNumber: identityNumber(person),
      name: personName(this.population, person),
      sex: person.sex,
      birthDate: isoDay(person.birthDay),
      ethnicity,
      householdDivisionCode: person.division.code,
      householdAddress: householdAddress(person.division, random),
      phone,
      status: person.status,
    };
  }

  *residenceRegistrations(): Generator<ResidenceInsert> {
    const terms = this.tenancyTerms();
    const placement = this.newPlacement();
    for (let i = 0; i < this.plan.persons; i++) {
      const person = this.population.core(i);
      const term = terms(person);
      const tenancy = term && { ...term, house: this.placeTenant(placement, person, term) };
      yield* this.residencesOf(person, tenancy);
    }
  }

  private residencesOf(person: PersonCore, tenancy: Tenancy | null): ResidenceInsert[] {
    const spans = this.residenceSpans(person, tenancy);
    // Homes come from a stream of their own, so the dates above are known without placing anyone.
    const random = this.seed.random('home', person.index);
    return spans.map((span, k) => {
      const house = span.tenancy && tenancy ? tenancy.house : this.homeOf(person, random);
      return {
        // The current (or last) registration is slot 0, the one before it slot 1.
        id: this.seed.id('residence', 2 * person.index + (spans.length - 1 - k)),
        personId: this.seed.id('person', person.index),
        address: house.address,
        divisionCode: house.grid.district.code,
        gridCode: house.grid.code,
        houseCode: house.code,
        since: isoDay(span.since),
        until: span.until === null ? null : isoDay(span.until),
      };
    });
  }

  /**
   * When a person lived where, oldest first, each stretch beginning the day
   * the one before it ended: a moved-out person's last registration ends on
   * the move-out, and everyone else's is current.
   */
  private residenceSpans(person: PersonCore, tenancy: TenancyTerm | null): ResidenceSpan[] {
    const { asOfDay } = this.population;
    const random = this.seed.random('residence', person.index);
    if (person.status === 'MOVED_OUT') {
      const movedOn = this.population.moveOutDay(person);
      const since = random.day(Math.max(person.birthDay, movedOn - 20 * YEAR), movedOn - 1);
      return [{ since, until: movedOn, tenancy: false }];
    }
    if (tenancy && tenancy.end === null) {
      const current = { since: tenancy.start, until: null, tenancy: true };
      if (!this.population.hasPastResidence(person)) return [current];
      const since = random.day(Math.max(person.birthDay, tenancy.start - 10 * YEAR), tenancy.start - 1);
      return [{ since, until: tenancy.start, tenancy: false }, current];
    }
    if (tenancy && tenancy.end !== null) {
      const since = random.day(tenancy.end, asOfDay - 1);
      return [
        { since: tenancy.start, until: tenancy.end, tenancy: true },
        { since, until: null, tenancy: false },
      ];
    }
    if (this.population.hasPastResidence(person)) {
      const since = random.day(Math.max(yearsAfter(person.birthDay, 18), asOfDay - 15 * YEAR), asOfDay - 1);
      const pastSince = random.day(Math.max(person.birthDay, since - 15 * YEAR), since - 1);
      return [
        { since: pastSince, until: since, tenancy: false },
        { since, until: null, tenancy: false },
      ];
    }
    const settled = person.division.local ? 30 * YEAR : 8 * YEAR;
    const since = random.day(Math.max(person.birthDay, asOfDay - settled), asOfDay - 1);
    return [{ since, until: null, tenancy: false }];
  }

  /**
   * Where someone lives outside a registered tenancy: residents mostly in an
   * owner-occupied home in their household district, migrants mostly in
   * rented rooms and dormitories.
   */
  private homeOf(person: PersonCore, random: Random): House {
    let first = 0;
    let end = this.plan.houses;
    if (person.division.local && random.chance(0.8)) {
      const d = this.districtIndex.get(person.division.code) ?? 0;
      const from = this.firstHouseOfGrid(at(this.districtGridStart, d));
      const to = this.firstHouseOfGrid(at(this.districtGridStart, d + 1));
      if (to > from) [first, end] = [from, to];
    }
    const near = this.nearby(person.index, this.plan.persons, first, end);
    let h = near(random);
    for (let attempt = 0; attempt < 12; attempt++) {
      const owned = this.houseUse(h) === 'OWNER_OCCUPIED';
      if (owned === person.division.local) break;
      h = near(random);
    }
    return this.house(h);
  }

  /**
   * Draws from [first, end) within a window around the point that `index`
   * of `count` maps to. Any choice in the range would do, since an index says
   * nothing about a person; keeping neighbouring indices on neighbouring
   * houses lets the database append to its indexes while loading.
   */
  private nearby(index: number, count: number, first: number, end: number): (random: Random) => number {
    const size = end - first;
    const centre = Math.floor((index * size) / count);
    const reach = Math.min(LOCALITY_WINDOW, Math.floor(size / 2));
    return (random) => first + ((((centre + random.int(-reach, reach)) % size) + size) % size);
  }

  *residencePermits(): Generator<PermitInsert> {
    const { asOfDay, cityCode } = this.population;
    const terms = this.tenancyTerms();
    // A current permit outlives the reference date by a margin; a lapsed one lapsed at least that long before it.
    const yearBefore = yearsBefore(asOfDay, PERMIT_YEARS);
    for (let i = 0; i < this.plan.persons; i++) {
      const person = this.population.core(i);
      const term = terms(person);
      if (!this.population.hasPermit(person)) continue;
      // Issued (or last endorsed) where the holder lives now: not before that registration began.
      const spans = this.residenceSpans(person, term);
      const since = at(spans, spans.length - 1).since;
      const earliest = Math.max(yearsAfter(person.birthDay, 16), since);
      const random = this.seed.random('permit', i);
      const lapsed = this.population.permitLapses(person) && earliest <= yearBefore - PERMIT_MARGIN_DAYS;
      const issued = lapsed
        ? random.day(Math.max(earliest, asOfDay - 6 * YEAR), yearBefore - PERMIT_MARGIN_DAYS)
        : dayUpTo(random, Math.max(earliest, yearBefore + PERMIT_MARGIN_DAYS), asOfDay - 1);
      // Numbered in register order, as a permit office issues them; unique because the index is.
      const serial = (i + this.permitSalt) % 100_000_000;
      yield {
        id: this.seed.id('residence-permit', i),
        personId: this.seed.id('person', i),
        // The city's division code, the year of issue and a serial: 18 characters, as the police issue them.
        permitNumber: `${cityCode}${isoDay(issued).slice(0, 4)}${pad(serial, 8)}`,
        issuedOn: isoDay(issued),
        validUntil: isoDay(yearsAfter(issued, PERMIT_YEARS)),
      };
    }
  }

  *keyPersonFlags(): Generator<KeyPersonFlagInsert> {
    for (let i = 0; i < this.plan.persons; i++) {
      const person = this.population.core(i);
      if (!this.population.isKeyPerson(person)) continue;
      const random = this.seed.random('key-person-flag', i);
      const { category, reasons } = FLAG_TABLE.pick(random.next());
      // Flagged while living here: by the reference date, or by the move-out for someone who has left.
      const last = this.population.recordsEnd(person) - 1;
      yield {
        id: this.seed.id('key-person-flag', i),
        personId: this.seed.id('person', i),
        category,
        level: random.int(1, 3),
        reason: random.pick(reasons),
        since: isoDay(dayUpTo(random, Math.max(yearsAfter(person.birthDay, 18), last - 10 * YEAR), last)),
      };
    }
  }

  *moveOuts(): Generator<MoveOutInsert> {
    const { elsewhere } = this.population;
    for (let i = 0; i < this.plan.persons; i++) {
      const person = this.population.core(i);
      if (person.status !== 'MOVED_OUT') continue;
      const random = this.seed.random('move-out-destination', i);
      const destination = random.pick(elsewhere);
      yield {
        id: this.seed.id('move-out', i),
        personId: this.seed.id('person', i),
        destinationDivisionCode: destination.code,
        destinationAddress: householdAddress(destination, random),
        movedOn: isoDay(this.population.moveOutDay(person)),
      };
    }
  }

  // ---- housing ----

  *houses(): Generator<HouseInsert> {
    for (let h = 0; h < this.plan.houses; h++) {
      const house = this.house(h);
      const owner = this.ownerOf(h);
      const rooms = this.roomsOf(h, house.use);
      yield {
        id: house.id,
        code: house.code,
        address: house.address,
        divisionCode: house.grid.district.code,
        gridCode: house.grid.code,
        ownerId: owner.id,
        ownerName: owner.name,
        use: house.use,
        rooms,
      };
    }
  }

  /** Houses fill grids in order, so a house's grid and its place in that grid follow from its index. */
  house(h: number): House {
    const { houses, grids } = this.plan;
    const g = Math.floor((h * grids) / houses);
    const grid = at(this.gridList, g);
    const ordinal = h - this.firstHouseOfGrid(g);
    const building = Math.floor(ordinal / 48) + 1;
    const unit = Math.floor((ordinal % 48) / 24) + 1;
    const floor = Math.floor((ordinal % 24) / 2) + 1;
    const room = (ordinal % 2) + 1;
    return {
      index: h,
      id: this.seed.id('house', h),
      code: `${grid.code}${pad(ordinal, 6)}`,
      address: `${this.population.cityName}${grid.district.name}${grid.road}${grid.number}号${building}栋${unit}单元${floor}${pad(room, 2)}室`,
      grid,
      use: this.houseUse(h),
    };
  }

  private firstHouseOfGrid(g: number): number {
    return Math.ceil((g * this.plan.houses) / this.plan.grids);
  }

  houseUse(h: number): HouseUse {
    const u = this.seed.unit(this.kinds.houseUse, h);
    return u < OWNER_OCCUPIED_SHARE ? 'OWNER_OCCUPIED' : u < 0.92 ? 'RENTAL' : u < 0.97 ? 'GROUP_RENTAL' : 'DORMITORY';
  }

  private roomsOf(h: number, use: HouseUse): number {
    const u = this.seed.unit(this.kinds.houseRooms, h);
    if (use === 'GROUP_RENTAL') return 3 + Math.floor(u * 4);
    if (use === 'DORMITORY') return 4 + Math.floor(u * 3);
    return ROOMS.pick(u);
  }

  /** A registered adult resident; drawn at random, so owners need not be stored anywhere. */
  ownerOf(h: number): Owner {
    const random = this.seed.random(this.kinds.owner, h);
    const { persons } = this.plan;
    const eligible = (person: PersonCore): boolean => person.status === 'REGISTERED' && person.age >= 22;
    const near = this.nearby(h, this.plan.houses, 0, persons);
    let j = near(random);
    for (let attempt = 0; attempt < 48; attempt++) {
      const person = this.population.core(j);
      if (eligible(person)) return { id: this.seed.id('person', j), name: personName(this.population, person) };
      j = near(random);
    }
    // Only a city of a handful of persons gets here.
    for (let step = 0; step < persons; step++) {
      const person = this.population.core((j + step) % persons);
      if (eligible(person)) return { id: this.seed.id('person', person.index), name: personName(this.population, person) };
    }
    return { id: null, name: `${this.population.cityName}住房保障中心` };
  }

  *tenancies(): Generator<TenancyInsert> {
    const terms = this.tenancyTerms();
    const placement = this.newPlacement();
    for (let i = 0; i < this.plan.persons; i++) {
      const person = this.population.core(i);
      const term = terms(person);
      if (!term) continue;
      const house = this.placeTenant(placement, person, term);
      const landlord = this.ownerOf(house.index);
      yield {
        id: this.seed.id('tenancy', i),
        houseId: house.id,
        tenantId: this.seed.id('person', i),
        landlordId: landlord.id,
        landlordName: landlord.name,
        start: isoDay(term.start),
        end: term.end === null ? null : isoDay(term.end),
        monthlyRent: this.rentOf(house, i),
      };
    }
  }

  /**
   * Ids of the houses let to more tenants at once than they have rooms: the
   * group rentals made on purpose (and, in a city too small to house its
   * tenants otherwise, the houses that had to take more). The hub flags
   * exactly these with the default group-rental factor of 1. Found by one
   * walk of the register, once per city.
   */
  groupRentalHouses(): ReadonlySet<string> {
    if (!this.groupRentals) {
      const terms = this.tenancyTerms();
      const placement = this.newPlacement();
      for (let i = 0; i < this.plan.persons; i++) {
        const person = this.population.core(i);
        const term = terms(person);
        // Ended tenancies take no room, so only current ones change where later tenants go.
        if (term && term.end === null) this.placeTenant(placement, person, term);
      }
      this.groupRentals = new Set(placement.overfull.map((h) => this.seed.id('house', h)));
    }
    return this.groupRentals;
  }

  /**
   * Exactly `rentals` members of the tenant pool hold a tenancy: an affine
   * permutation of the pool ordinals picks them evenly across the register.
   */
  private isTenant(poolOrdinal: number): boolean {
    const pool = this.plan.tenantPool;
    if (pool === 0) return false;
    return (this.tenantStride * poolOrdinal + this.tenantOffset) % pool < this.plan.rentals;
  }

  /**
   * The tenancy term of each person, asked of every person in register
   * order (the tenant pool is counted along the way): null for those who
   * hold no tenancy.
   */
  private tenancyTerms(): (person: PersonCore) => TenancyTerm | null {
    let poolOrdinal = 0;
    return (person) => {
      if (!this.population.inTenantPool(person)) return null;
      const ordinal = poolOrdinal;
      poolOrdinal += 1;
      return this.isTenant(ordinal) ? this.tenancyTerm(person) : null;
    };
  }

  private tenancyTerm(person: PersonCore): TenancyTerm {
    const { asOfDay } = this.population;
    const random = this.seed.random('tenancy', person.index);
    const adult = yearsAfter(person.birthDay, 18);
    if (this.population.tenancyIsCurrent(person)) {
      return { start: random.day(Math.max(adult, asOfDay - 6 * YEAR), asOfDay - 1), end: null };
    }
    // Pool members are at least 20, so an ended tenancy always fits before the reference date.
    const start = random.day(Math.max(adult, asOfDay - 10 * YEAR), asOfDay - 200);
    const end = random.day(start + 90, Math.min(start + 3 * YEAR, asOfDay - 30));
    return { start, end };
  }

  private newPlacement(): Placement {
    return { open: new Uint16Array(this.plan.houses), crowd: -1, crowdTarget: 0, due: 1, overfull: [] };
  }

  /**
   * The house of a tenancy. An ended one takes no room, so it is any let house
   * near the tenant; a current one moves into the group rental filling up, or
   * else into a let house near the tenant with a room free.
   */
  private placeTenant(placement: Placement, person: PersonCore, term: TenancyTerm): House {
    const random = this.seed.random(this.kinds.tenancyHouse, person.index);
    const near = this.nearby(person.index, this.plan.persons, 0, this.plan.houses);
    const letHouse = (h: number): boolean => this.houseUse(h) !== 'OWNER_OCCUPIED';
    if (term.end !== null) return this.house(this.firstNear(near(random), letHouse, near, random));

    const { open } = placement;
    const rooms = (h: number): number => this.roomsOf(h, this.houseUse(h));
    // A group rental started while another fills up waits for it to fill.
    if (this.seed.unit(this.kinds.groupRental, person.index) < this.groupRentalChance) placement.due += 1;
    let h = placement.crowd;
    if (h < 0) {
      h = this.firstNear(near(random), (c) => letHouse(c) && at(open, c) < rooms(c), near, random);
      // No room free anywhere: a city too small for its tenants puts this one in a let house all the same.
      if (!letHouse(h) || at(open, h) >= rooms(h)) h = this.firstNear(h, letHouse, near, random);
      if (placement.due > 0 && letHouse(h)) {
        placement.due -= 1;
        placement.crowd = h;
        placement.crowdTarget = rooms(h) + random.int(1, 3);
      }
    }
    const count = at(open, h) + 1;
    open[h] = count;
    if (count === rooms(h) + 1) placement.overfull.push(h);
    if (h === placement.crowd && count >= placement.crowdTarget) placement.crowd = -1;
    return this.house(h);
  }

  /**
   * A house that `fits`: `h` itself, else one of a few more drawn near it,
   * else the next one that fits in house order; `h` when none does.
   */
  private firstNear(h: number, fits: (h: number) => boolean, near: (random: Random) => number, random: Random): number {
    if (fits(h)) return h;
    for (let attempt = 0; attempt < 48; attempt++) {
      const candidate = near(random);
      if (fits(candidate)) return candidate;
    }
    const { houses } = this.plan;
    for (let step = 1; step < houses; step++) {
      const candidate = (h + step) % houses;
      if (fits(candidate)) return candidate;
    }
    return h;
  }

  private rentOf(house: House, tenantIndex: number): number {
    const random = this.seed.random('rent', tenantIndex);
    const rooms = this.roomsOf(house.index, house.use);
    const raw =
      house.use === 'DORMITORY' ? random.int(500, 900)
      : house.use === 'GROUP_RENTAL' ? random.int(500, 1500)
      : rooms * random.int(600, 1800);
    return Math.min(8000, Math.max(500, Math.round(raw / 50) * 50));
  }

  // ---- labour ----

  *employers(): Generator<EmployerInsert> {
    const cityShort = this.population.cityName.replace(/市$/, '');
    for (let e = 0; e < this.plan.employers; e++) {
      const random = this.seed.random('employer', e);
      const grid = at(this.gridList, random.int(0, this.gridList.length - 1));
      const { name: industry, descriptors } = INDUSTRY_TABLE.pick(random.next());
      const brand = random.pick(BRAND_CHARS) + random.pick(BRAND_CHARS);
      const descriptor = random.pick(descriptors);
      const publicBody = industry === PUBLIC_SECTOR;
      // Public-sector bodies here are private non-enterprise units, registered with civil affairs (5/2).
      const creditCode = publicBody
        ? makeCreditCode(grid.district.code, this.organisationCode(e), '5', '2')
        : makeCreditCode(grid.district.code, this.organisationCode(e));
      yield {
        id: this.seed.id('employer', e),
        creditCode,
        name: publicBody
          ? `${this.population.cityName}${grid.district.name}${brand}${descriptor}`
          : `${cityShort}${brand}${descriptor}有限公司`,
        industry,
        address: `${this.population.cityName}${grid.district.name}${random.pick(STREET_NAMES)}${random.int(1, 400)}号${random.int(1, 30)}楼`,
        divisionCode: grid.district.code,
        gridCode: grid.code,
      };
    }
  }

  /** GB 11714 organisation code: eight digits unique per employer, then the check character. */
  private organisationCode(e: number): string {
    const body = pad((e * 7919 + this.organisationSalt) % 100_000_000, 8);
    const weights = [3, 7, 9, 10, 5, 8, 4, 2];
    let sum = 0;
    for (let i = 0; i < 8; i++) sum += Number(body[i]) * at(weights, i);
    const check = 11 - (sum % 11);
    return body + (check === 10 ? 'X' : check === 11 ? '0' : String(check));
  }

  *employments(): Generator<EmploymentInsert> {
    const { asOfDay } = this.population;
    const employersCount = this.plan.employers;
    for (let i = 0; i < this.plan.persons; i++) {
      const person = this.population.core(i);
      if (!this.population.isEmployed(person)) continue;
      const random = this.seed.random('employment', i);
      // Skewed toward low indices: a few large employers and a long tail of small ones.
      const employer = Math.min(employersCount - 1, Math.floor(employersCount * random.next() ** 1.6));
      const start = dayUpTo(random, Math.max(yearsAfter(person.birthDay, 18), asOfDay - 15 * YEAR), asOfDay - 1);
      const ended = random.chance(0.15) && start <= asOfDay - 60;
      const end = ended ? random.day(start + 30, asOfDay - 1) : null;
      const u = random.next();
      const socialInsurance: EmploymentInsert['socialInsurance'] = ended
        ? u < 0.8 ? 'SUSPENDED' : 'NOT_INSURED'
        : u < 0.94 ? 'INSURED' : 'NOT_INSURED';
      yield {
        id: this.seed.id('employment', i),
        personId: this.seed.id('person', i),
        employerId: this.seed.id('employer', employer),
        position: random.pick(POSITIONS),
        start: isoDay(start),
        end: end === null ? null : isoDay(end),
        socialInsurance,
      };
    }
  }

  // ---- health ----

  *healthProfiles(): Generator<HealthProfileInsert> {
    for (let i = 0; i < this.plan.persons; i++) {
      const person = this.population.core(i);
      const episode = this.population.maternalEpisode(person);
      let status: FamilyPlanning = 'NONE';
      if (episode?.pregnant) status = 'PREGNANT';
      else if (person.age >= 18) {
        const table = familyPlanningTable(person.age);
        status = table.pick(this.seed.unit('family-planning', i));
        if (episode && status === 'NONE') status = 'ONE_CHILD';
      }
      yield { personId: this.seed.id('person', i), familyPlanningStatus: status };
    }
  }

  *vaccinations(): Generator<VaccinationInsert> {
    for (let i = 0; i < this.plan.persons; i++) {
      const person = this.population.core(i);
      const count = this.population.vaccinationCount(person);
      if (count === 0) continue;
      const random = this.seed.random('vaccination', i);
      const district = this.healthDistrictOf(person, random);
      const community = this.communityClinic(person, random);
      const doses = this.dosesOf(person, count, random);
      for (let k = 0; k < doses.length; k++) {
        const [vaccine, dose, day] = at(doses, k);
        yield {
          id: this.seed.id('vaccination', 8 * i + k),
          personId: this.seed.id('person', i),
          vaccine,
          dose,
          administeredOn: isoDay(day),
          institution: random.chance(0.9)
            ? community
            : `${this.population.cityName}${district.name}疾病预防控制中心接种门诊`,
        };
      }
    }
  }

  /** Exactly `count` doses (the count the plan used), oldest first, before the reference date or the move-out. */
  private dosesOf(person: PersonCore, count: number, random: Random): (readonly [string, number, number])[] {
    const end = this.population.recordsEnd(person);
    const birth = person.birthDay;
    const season = (yearsAgo: number): number => {
      const year = new Date(end * 86_400_000).getUTCFullYear() - yearsAgo;
      return random.day(Date.UTC(year, 8, 15) / 86_400_000, Date.UTC(year, 11, 20) / 86_400_000);
    };
    if (person.age < 7) {
      return CHILD_SCHEDULE.slice(0, count).map(([vaccine, dose, due]) => [vaccine, dose, birth + due + random.int(0, 14)] as const);
    }
    if (person.age < 18) {
      const youth = [
        ['水痘疫苗', 1, birth + YEAR + random.int(0, 14)],
        ['水痘疫苗', 2, birth + 4 * YEAR + random.int(0, 14)],
        ['白破疫苗', 1, birth + 6 * YEAR + random.int(0, 14)],
        ['流感疫苗', 1, season(2)],
        ['流感疫苗', 1, season(1)],
      ] as const;
      return youth.slice(0, count);
    }
    const doses: [string, number, number][] = [];
    const u = random.next();
    const covidOver = Date.UTC(2023, 0, 1) / 86_400_000;
    if (u < 0.55 && end > covidOver) {
      let day = random.day(Date.UTC(2021, 2, 1) / 86_400_000, Date.UTC(2021, 8, 30) / 86_400_000);
      for (let dose = 1; dose <= count; dose++) {
        doses.push(['新冠病毒疫苗', dose, day]);
        day += dose === 1 ? random.int(21, 60) : random.int(150, 300);
      }
    } else if (u < 0.8) {
      for (let k = count; k >= 1; k--) doses.push(['流感疫苗', 1, season(k)]);
    } else if (u < 0.9 && person.sex === 'FEMALE' && person.age <= 45) {
      const start = random.day(end - 5 * YEAR, end - 200);
      [0, 60, 180].slice(0, count).forEach((offset, k) => doses.push(['HPV疫苗', k + 1, start + offset]));
    } else {
      const start = random.day(end - 10 * YEAR, end - 30);
      [0, 3, 7].slice(0, count).forEach((offset, k) => doses.push(['狂犬病疫苗', k + 1, start + offset]));
    }
    return doses;
  }

  *maternalCareRecords(): Generator<MaternalCareInsert> {
    for (let i = 0; i < this.plan.persons; i++) {
      const person = this.population.core(i);
      const episode = this.population.maternalEpisode(person);
      if (!episode) continue;
      const random = this.seed.random('maternal-care', i);
      const district = this.healthDistrictOf(person, random);
      const maternity = `${this.population.cityName}${district.name}妇幼保健院`;
      const hospital = random.chance(0.4) ? random.pick(CITY_MATERNITY_HOSPITALS) : maternity;
      const community = this.communityClinic(person, random);
      for (let k = 0; k < episode.visits.length; k++) {
        const visit = at(episode.visits, k);
        yield {
          id: this.seed.id('maternal-care', 8 * i + k),
          personId: this.seed.id('person', i),
          kind: visit.kind,
          visitOn: isoDay(visit.day),
          institution: visit.kind === 'DELIVERY' ? hospital : visit.kind === 'POSTNATAL' ? community : maternity,
        };
      }
    }
  }

  *checkups(): Generator<CheckupInsert> {
    for (let i = 0; i < this.plan.persons; i++) {
      const person = this.population.core(i);
      const count = this.population.checkupCount(person);
      if (count === 0) continue;
      const end = this.population.recordsEnd(person);
      const random = this.seed.random('checkup', i);
      const community = this.communityClinic(person, random);
      const district = this.healthDistrictOf(person, random);
      for (let k = count - 1; k >= 0; k--) {
        const day = random.day(Math.max(person.birthDay, end - (k + 1) * YEAR), end - k * YEAR - 1);
        const where = random.next();
        yield {
          id: this.seed.id('checkup', 4 * i + k),
          personId: this.seed.id('person', i),
          checkedOn: isoDay(day),
          institution:
            where < 0.6 ? community
            : where < 0.9 ? `${this.population.cityName}${district.name}人民医院`
            : random.pick(CITY_HOSPITALS),
          result: random.chance(person.age >= 60 ? 0.35 : 0.12) ? 'FOLLOW_UP' : 'NORMAL',
        };
      }
    }
  }

  /** Residents are served in their household district; migrants anywhere in the city. */
  private healthDistrictOf(person: PersonCore, random: Random): District {
    if (person.division.local) {
      const district = this.population.districts[this.districtIndex.get(person.division.code) ?? -1];
      if (district) return district;
    }
    return this.districtTable.pick(random.next());
  }

  private communityClinic(person: PersonCore, random: Random): string {
    const district = this.healthDistrictOf(person, random);
    const subdistrict = random.pick(district.subdistricts).replace(/(街道|镇)$/, '');
    return `${this.population.cityName}${district.name}${subdistrict}社区卫生服务中心`;
  }
}

/** A household address in `division`: a street address, or for many migrants a village. */
function householdAddress(division: HouseholdDivision, random: Random): string {
  const provinceCode = provinceCodeOf(division.code);
  const province = PROVINCES[provinceCode.slice(0, 2)] ?? '';
  const cityCode = cityCodeOf(division.code);
  const city = cityCode === provinceCode ? '' : DIVISIONS.get(cityCode) ?? '';
  const place = `${province}${city}${division.name}`;
  if (!division.local && random.chance(0.45)) {
    return `${place}${random.pick(TOWN_STEMS)}镇${random.pick(VILLAGE_STEMS)}村${random.int(1, 12)}组${random.int(1, 120)}号`;
  }
  const road = division.local ? random.pick(STREET_NAMES) : random.pick(GENERIC_ROADS);
  return `${place}${road}${random.int(1, 400)}号`;
}

/** The integer nearest `target` (searching upward) that shares no factor with `modulus`. */
function coprimeNear(modulus: number, target: number): number {
  const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));
  for (let candidate = Math.max(1, target); ; candidate++) {
    if (gcd(candidate, modulus) === 1) return candidate;
  }
}

/** A city ready to generate, from the same options as planCity. */
export function createCity(options: PlanOptions | CityPlan): SyntheticCity {
  const plan = 'rows' in options ? options : planCity(options);
  return new SyntheticCity(plan);
}
