// The population register of the synthetic city, as pure functions of the
// person index. Everything here is independent of the city's size, so person
// #17 is the same resident in a 200-person test city and in a 4.36-million
// one; only how persons are housed, employed and gridded depends on size.
import { DIVISIONS, checkDivisionCode, chinaDateOf, cityCodeOf, provinceCodeOf } from '../domain/index.js';
import type { Sex } from '../domain/index.js';
import { type Seed, dayNumber, hash3, seedOf, yearsAfter, yearsBefore } from './random.js';
import {
  CHENGDU_DISTRICT_PROFILES,
  CHILD_SCHEDULE,
  FLOATING_AGE_BANDS,
  GENERIC_SUBDISTRICTS,
  REGISTERED_AGE_BANDS,
  SCHEDULE_SLACK_DAYS,
} from './tables.js';
import { at } from '../platform/arrays.js';

export const DEFAULT_CITY_CODE = '510100';
/**
 * The reference date of a city generated without one: fixed, so tests that
 * compare generated rows get the same rows on any day. A city that is seeded
 * for people to use is dated by seedingDay() instead.
 */
export const DEFAULT_AS_OF = '2026-11-01';

/**
 * The reference date of a city seeded now: today in China, the day the
 * departments' rules call today. Every record of the city lies on or before
 * its reference date, and a residence permit meant to be current is valid on
 * it and for a month after, so a city seeded today has no record in the
 * future and current permits, whenever it is seeded. A fixed date could not
 * promise that: its permits lapse with real time, however long they are made
 * to run. Anchoring costs nothing in determinism: the same key, size and
 * reference date still give byte-identical rows, and a reproducible seed names
 * its date (tests that compare rows generate with DEFAULT_AS_OF).
 */
export function seedingDay(now: Date = new Date()): string {
  return chinaDateOf(now);
}

/**
 * Persons are laid out over a fixed universe of 2^26 (67 million) slots. A
 * person's slot decides their household division and birth date; slots are
 * visited in a golden-ratio stride, so any prefix of persons is spread evenly
 * over the whole distribution.
 */
export const UNIVERSE = 2 ** 26;
const SLOT_MASK = UNIVERSE - 1;
// Odd (so a bijection modulo 2^26) and close to 2^26 / φ.
const STRIDE = 41_475_889;

/** Share of registered tenancies still running at the reference date. */
export const CURRENT_TENANCY_SHARE = 0.8;
/** Share of residence permits that have lapsed by the reference date, their holders not having renewed them. */
export const LAPSED_PERMIT_SHARE = 0.15;

/** Shares of the population by household registration. */
const LOCAL_SHARE = 0.65;
const MOVED_OUT_SHARE_OF_LOCAL_ADULTS = 0.018;
/** A person's three-digit sequence holds 500 values per sex. */
const SEQUENCES_PER_SEX = 500;

export type PersonStatus = 'REGISTERED' | 'FLOATING' | 'MOVED_OUT';

export interface District {
  readonly code: string;
  readonly name: string;
  readonly weight: number;
  readonly subdistricts: readonly string[];
}

export interface HouseholdDivision {
  readonly code: string;
  readonly name: string;
  /** Registered in the city itself. */
  readonly local: boolean;
}

/** What every other fact about a person depends on. */
export interface PersonCore {
  readonly index: number;
  readonly division: HouseholdDivision;
  readonly birthDay: number;
  /** Completed years at the reference date. */
  readonly age: number;
  readonly sex: Sex;
  /** The identity number's three-digit sequence, parity already matching the sex. */
  readonly sequence: number;
  readonly status: PersonStatus;
}

export interface MaternalVisit {
  readonly kind: 'PRENATAL' | 'DELIVERY' | 'POSTNATAL';
  readonly day: number;
}

export interface MaternalEpisode {
  readonly visits: readonly MaternalVisit[];
  readonly pregnant: boolean;
}

export interface PopulationOptions {
  key: string;
  cityCode?: string;
  /** Reference date, YYYY-MM-DD. */
  asOf?: string;
}

export class Population {
  readonly seed: Seed;
  readonly key: string;
  readonly cityCode: string;
  readonly cityName: string;
  readonly asOf: string;
  readonly asOfDay: number;
  /** The city's county-level units, in code order. */
  readonly districts: readonly District[];
  /** Household divisions: the city's districts first, then the places migrants come from. */
  readonly divisions: readonly HouseholdDivision[];
  /** Non-local county-level divisions, for destinations of moves out. */
  readonly elsewhere: readonly HouseholdDivision[];
  readonly firstBirthDay: number;
  private readonly divisionStart: Int32Array;
  private readonly registeredCdf: Float64Array;
  private readonly floatingCdf: Float64Array;
  private readonly ageByBirthOffset: Uint8Array;
  private readonly slotOffset: number;
  private readonly kinds: {
    sex: number;
    movedOut: number;
    tenancyCurrent: number;
    pastResidence: number;
    permit: number;
    permitLapse: number;
    moveOut: number;
    flag: number;
    employed: number;
    vaccinations: number;
    checkups: number;
    maternal: number;
  };

  constructor(options: PopulationOptions) {
    this.key = options.key;
    this.seed = seedOf(options.key);
    this.cityCode = options.cityCode ?? DEFAULT_CITY_CODE;
    this.asOf = options.asOf ?? DEFAULT_AS_OF;
    this.asOfDay = dayNumber(this.asOf);

    const city = checkDivisionCode(this.cityCode);
    if (!city.ok || city.level !== 'prefecture') {
      throw new RangeError(`city code ${this.cityCode} must be a prefecture-level division code`);
    }
    this.cityName = DIVISIONS.get(this.cityCode) ?? this.cityCode;
    this.districts = cityDistricts(this.cityCode);
    if (this.districts.length === 0) throw new RangeError(`no county-level divisions of ${this.cityCode} are known`);

    const origins = originDivisions(this.cityCode);
    this.elsewhere = origins.map(([division]) => division);
    const totalDistrictWeight = this.districts.reduce((sum, d) => sum + d.weight, 0);
    const totalOriginWeight = origins.reduce((sum, [, w]) => sum + w, 0);
    const weighted: [HouseholdDivision, number][] = [
      ...this.districts.map((d): [HouseholdDivision, number] => [
        { code: d.code, name: d.name, local: true },
        (LOCAL_SHARE * d.weight) / totalDistrictWeight,
      ]),
      ...origins.map(([division, w]): [HouseholdDivision, number] => [division, ((1 - LOCAL_SHARE) * w) / totalOriginWeight]),
    ];
    this.divisions = weighted.map(([division]) => division);
    this.divisionStart = new Int32Array(weighted.length + 1);
    let cumulative = 0;
    weighted.forEach(([, share], k) => {
      this.divisionStart[k] = Math.round(cumulative * UNIVERSE);
      cumulative += share;
    });
    this.divisionStart[weighted.length] = UNIVERSE;

    // Births span the century before the reference date.
    this.firstBirthDay = yearsBefore(this.asOfDay, 100);
    const birthDays = this.asOfDay - this.firstBirthDay;
    this.ageByBirthOffset = new Uint8Array(birthDays);
    for (let years = 0; years <= 100; years++) {
      const latestBirth = yearsBefore(this.asOfDay, years);
      for (let d = 0; d < birthDays && this.firstBirthDay + d <= latestBirth; d++) this.ageByBirthOffset[d] = years;
    }
    this.registeredCdf = this.birthCdf(REGISTERED_AGE_BANDS);
    this.floatingCdf = this.birthCdf(FLOATING_AGE_BANDS);

    this.slotOffset = this.seed.words[3] & SLOT_MASK;
    const kind = (name: string): number => this.seed.kind(name);
    this.kinds = {
      sex: kind('sex'),
      movedOut: kind('moved-out'),
      tenancyCurrent: kind('tenancy-current'),
      pastResidence: kind('past-residence'),
      permit: kind('permit'),
      permitLapse: kind('permit-lapse'),
      moveOut: kind('move-out'),
      flag: kind('key-person-flag'),
      employed: kind('employed'),
      vaccinations: kind('vaccination-count'),
      checkups: kind('checkup-count'),
      maternal: kind('maternal'),
    };
  }

  /** Cumulative birth-date distribution over birth offsets, oldest first; cdf[0] = 0 and cdf[D] = 1. */
  private birthCdf(bands: readonly number[]): Float64Array {
    const days = this.ageByBirthOffset.length;
    const cdf = new Float64Array(days + 1);
    let total = 0;
    for (let d = 0; d < days; d++) {
      const band = Math.min(bands.length - 1, Math.floor(at(this.ageByBirthOffset, d) / 5));
      total += at(bands, band);
      cdf[d + 1] = total;
    }
    for (let d = 1; d <= days; d++) cdf[d] = at(cdf, d) / total;
    cdf[days] = 1;
    return cdf;
  }

  /** Completed years at the reference date of someone born on `birthDay`. */
  ageOf(birthDay: number): number {
    return this.ageByBirthOffset[birthDay - this.firstBirthDay] ?? 0;
  }

  /**
   * Division, birth date, sex and identity-number sequence of person `index`.
   * Persons of one division are laid out by birth date, so persons sharing a
   * division and a birth date occupy consecutive slots; their rank among those
   * slots becomes the sequence, which is why no two identity numbers collide.
   */
  core(index: number): PersonCore {
    if (!Number.isInteger(index) || index < 0 || index >= UNIVERSE) {
      throw new RangeError(`person index must be an integer in [0, ${UNIVERSE}), got ${index}`);
    }
    const slot = (Math.imul(STRIDE, index) + this.slotOffset) & SLOT_MASK;
    const starts = this.divisionStart;
    let lo = 0;
    let hi = starts.length - 2;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (at(starts, mid) <= slot) lo = mid;
      else hi = mid - 1;
    }
    const k = lo;
    const division = at(this.divisions, k);
    const size = at(starts, k + 1) - at(starts, k);
    const position = slot - at(starts, k);
    const { offset, rank } = this.birthCell(division.local ? this.registeredCdf : this.floatingCdf, size, position);
    const birthDay = this.firstBirthDay + offset;
    const age = at(this.ageByBirthOffset, offset);
    const male = (this.seed.word(this.kinds.sex, index) & 1) === 1;
    const spread = hash3(this.seed.words[2], k, offset) % SEQUENCES_PER_SEX;
    const sequence = 2 * ((spread + rank) % SEQUENCES_PER_SEX) + (male ? 1 : 0);
    let status: PersonStatus = 'FLOATING';
    if (division.local) {
      status = age >= 18 && this.seed.unit(this.kinds.movedOut, index) < MOVED_OUT_SHARE_OF_LOCAL_ADULTS ? 'MOVED_OUT' : 'REGISTERED';
    }
    return { index, division, birthDay, age, sex: male ? 'MALE' : 'FEMALE', sequence, status };
  }

  /** The birth offset whose share of `size` slots contains `position`, and the rank within it. */
  private birthCell(cdf: Float64Array, size: number, position: number): { offset: number; rank: number } {
    // The largest d with floor(size * cdf[d]) <= position.
    let lo = 0;
    let hi = cdf.length - 2;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (size * at(cdf, mid) < position + 1) lo = mid;
      else hi = mid - 1;
    }
    return { offset: lo, rank: position - Math.floor(size * at(cdf, lo)) };
  }

  /**
   * The most persons that share one (division, birth date) in the whole
   * universe. Identity numbers are unique for every index below UNIVERSE as
   * long as this stays within the 500 sequences each sex has.
   */
  largestBirthCell(): number {
    let largest = 0;
    for (let k = 0; k < this.divisions.length; k++) {
      const size = at(this.divisionStart, k + 1) - at(this.divisionStart, k);
      const cdf = at(this.divisions, k).local ? this.registeredCdf : this.floatingCdf;
      let previous = 0;
      for (let d = 1; d < cdf.length; d++) {
        const next = Math.floor(size * at(cdf, d));
        if (next - previous > largest) largest = next - previous;
        previous = next;
      }
    }
    return largest;
  }

  // Per-person decisions. Each uses its own hash stream, is cheap enough to
  // evaluate for every person when planning, and is shared by the plan and the
  // generators so that planned counts and generated rows agree exactly.

  /** Floating adults are the preferred tenants of registered rentals. */
  inTenantPool(person: PersonCore): boolean {
    return person.status === 'FLOATING' && person.age >= 20;
  }

  /** Whether this person's tenancy, if they are given one, is still running. */
  tenancyIsCurrent(person: PersonCore): boolean {
    return this.seed.unit(this.kinds.tenancyCurrent, person.index) < CURRENT_TENANCY_SHARE;
  }

  /** The day a moved-out person left the city: after they came of age, within five years of the reference date. */
  moveOutDay(person: PersonCore): number {
    const random = this.seed.random(this.kinds.moveOut, person.index);
    const from = Math.max(yearsAfter(person.birthDay, 18), this.asOfDay - 5 * 365);
    return random.day(from, Math.max(from, this.asOfDay - 1));
  }

  /**
   * The day after the last day the city can hold a record of this person:
   * the reference date, or for someone who moved out the day after the
   * move-out, since nothing about them is recorded here after they left.
   */
  recordsEnd(person: PersonCore): number {
    return person.status === 'MOVED_OUT' ? this.moveOutDay(person) + 1 : this.asOfDay;
  }

  /** A closed registration before the current one; always for a pool member whose tenancy would have ended. */
  hasPastResidence(person: PersonCore): boolean {
    if (person.status === 'MOVED_OUT' || person.age < 20) return false;
    if (this.inTenantPool(person) && !this.tenancyIsCurrent(person)) return true;
    return this.seed.unit(this.kinds.pastResidence, person.index) < 0.2;
  }

  residenceCount(person: PersonCore): number {
    if (person.status === 'MOVED_OUT') return 1;
    return this.hasPastResidence(person) ? 2 : 1;
  }

  hasPermit(person: PersonCore): boolean {
    return person.status === 'FLOATING' && person.age >= 16 && this.seed.unit(this.kinds.permit, person.index) < 0.75;
  }

  /**
   * Whether this person's permit is one that has lapsed by the reference
   * date. The generator honours it when the permit fits before the lapse
   * (issued on or after the current residence began); every other permit is
   * current on the reference date.
   */
  permitLapses(person: PersonCore): boolean {
    return this.seed.unit(this.kinds.permitLapse, person.index) < LAPSED_PERMIT_SHARE;
  }

  isKeyPerson(person: PersonCore): boolean {
    return person.age >= 18 && this.seed.unit(this.kinds.flag, person.index) < 0.006;
  }

  isEmployed(person: PersonCore): boolean {
    return (
      person.status !== 'MOVED_OUT' &&
      person.age >= 18 &&
      person.age <= 60 &&
      this.seed.unit(this.kinds.employed, person.index) < 0.6
    );
  }

  vaccinationCount(person: PersonCore): number {
    const word = this.seed.word(this.kinds.vaccinations, person.index);
    const u = word / 4294967296;
    if (person.age < 7) {
      const wanted = 3 + Math.floor(u * 6);
      const ageDays = this.asOfDay - person.birthDay;
      let due = 0;
      while (due < CHILD_SCHEDULE.length && at(CHILD_SCHEDULE, due)[2] + SCHEDULE_SLACK_DAYS < ageDays) due += 1;
      return Math.min(wanted, due);
    }
    if (person.age < 18) return 2 + Math.floor(u * 4);
    return u < 0.2 ? 0 : u < 0.45 ? 1 : u < 0.75 ? 2 : 3;
  }

  checkupCount(person: PersonCore): number {
    const word = this.seed.word(this.kinds.checkups, person.index);
    const share = person.age >= 60 ? 0.7 : person.age < 18 ? 0.25 : 0.38;
    if ((word >>> 8) / 16777216 >= share) return 0;
    // A second check-up a year earlier needs the person to have been alive then.
    return (word & 0xff) < 77 && person.age >= 2 ? 2 : 1;
  }

  /**
   * Maternal care of a woman aged 20-45: visits before the reference date (or
   * her move-out), oldest first. None for a woman who moved out too young to
   * have had an episode in the city.
   */
  maternalEpisode(person: PersonCore): MaternalEpisode | null {
    if (person.sex !== 'FEMALE' || person.age < 20 || person.age > 45) return null;
    if (this.seed.unit(this.kinds.maternal, person.index) >= 0.125) return null;
    const end = this.recordsEnd(person);
    const earliest = Math.max(person.birthDay + 7000, end - 1095);
    if (earliest > end - 70) return null;
    const random = this.seed.random(this.kinds.maternal, person.index);
    const conception = random.day(earliest, end - 70);
    const delivery = conception + random.int(266, 287);
    const visits: MaternalVisit[] = [];
    const prenatal = random.int(1, 4);
    for (let k = 0; k < prenatal; k++) {
      const day = conception + 45 + 50 * k + random.int(0, 10);
      if (day >= end || day >= delivery) break;
      visits.push({ kind: 'PRENATAL', day });
    }
    if (delivery < end) {
      visits.push({ kind: 'DELIVERY', day: delivery });
      const postnatal = delivery + random.int(7, 42);
      if (postnatal < end && random.chance(0.8)) visits.push({ kind: 'POSTNATAL', day: postnatal });
    }
    return { visits, pregnant: delivery >= end };
  }
}

function cityDistricts(cityCode: string): District[] {
  const codes = [...DIVISIONS.keys()].filter((code) => {
    const check = checkDivisionCode(code);
    return check.ok && check.level === 'county' && cityCodeOf(code) === cityCode;
  });
  return codes.sort().map((code) => {
    const profile = CHENGDU_DISTRICT_PROFILES[code];
    return {
      code,
      name: DIVISIONS.get(code) ?? code,
      weight: profile?.population ?? 1,
      subdistricts: profile?.subdistricts ?? GENERIC_SUBDISTRICTS,
    };
  });
}

/**
 * Where migrants come from: every known county-level division outside the
 * city, most from the same province and, for Sichuan, from Chongqing.
 */
function originDivisions(cityCode: string): [HouseholdDivision, number][] {
  const province = provinceCodeOf(cityCode).slice(0, 2);
  const neighbour = province === '51' ? '50' : province === '50' ? '51' : null;
  const groups: Record<'same' | 'neighbour' | 'other', string[]> = { same: [], neighbour: [], other: [] };
  for (const code of [...DIVISIONS.keys()].sort()) {
    const check = checkDivisionCode(code);
    if (!check.ok || check.level !== 'county' || cityCodeOf(code) === cityCode) continue;
    const prefix = code.slice(0, 2);
    groups[prefix === province ? 'same' : prefix === neighbour ? 'neighbour' : 'other'].push(code);
  }
  const shares = { same: 0.6, neighbour: 0.15, other: 0.25 };
  const result: [HouseholdDivision, number][] = [];
  for (const group of ['same', 'neighbour', 'other'] as const) {
    for (const code of groups[group]) {
      result.push([{ code, name: DIVISIONS.get(code) ?? code, local: false }, shares[group] / groups[group].length]);
    }
  }
  return result;
}

const populations = new Map<string, Population>();

/** The Population for these options, built once per process (building it costs a few milliseconds). */
export function populationOf(options: PopulationOptions): Population {
  const id = `${options.key}\u0000${options.cityCode ?? DEFAULT_CITY_CODE}\u0000${options.asOf ?? DEFAULT_AS_OF}`;
  let population = populations.get(id);
  if (!population) {
    population = new Population(options);
    if (populations.size > 16) populations.clear();
    populations.set(id, population);
  }
  return population;
}
