import { UNIVERSE, populationOf, type PopulationOptions } from './population.js';

/** Chengdu's registers, the scale the generator reproduces. */
export const CHENGDU = {
  persons: 4_360_000,
  houses: 6_730_000,
  rentals: 915_000,
  employers: 38_700,
} as const;

/** Residents per community-management grid. */
const PERSONS_PER_GRID = 250;

/** Every seeded table, in an order that satisfies the foreign keys within each department. */
export const SEED_TABLES = [
  'grids',
  'persons',
  'residence_registrations',
  'residence_permits',
  'key_person_flags',
  'move_outs',
  'houses',
  'tenancies',
  'employers',
  'employments',
  'health_profiles',
  'vaccinations',
  'maternal_care_records',
  'checkups',
] as const;
export type SeedTable = (typeof SEED_TABLES)[number];

export interface PlanOptions extends PopulationOptions {
  persons: number;
}

export interface CityPlan {
  readonly key: string;
  readonly cityCode: string;
  readonly asOf: string;
  readonly persons: number;
  readonly grids: number;
  readonly houses: number;
  /** Registered tenancies (rental registrations). */
  readonly rentals: number;
  readonly employers: number;
  /** Floating adults who may be given a tenancy; rentals never exceed it. */
  readonly tenantPool: number;
  /** Exact number of rows each table receives. */
  readonly rows: Readonly<Record<SeedTable, number>>;
}

/**
 * The size of every table of a city of `persons` residents. Houses, rentals
 * and employers keep Chengdu's ratios; per-person records are counted by
 * evaluating, for each person, the same decisions the generators make, so the
 * counts are exact (about a second per million persons).
 */
export function planCity(options: PlanOptions): CityPlan {
  const { persons } = options;
  if (!Number.isInteger(persons) || persons < 1 || persons > UNIVERSE) {
    throw new RangeError(`persons must be an integer from 1 to ${UNIVERSE}, got ${persons}`);
  }
  const population = populationOf(options);
  const houses = Math.max(1, Math.round((persons * CHENGDU.houses) / CHENGDU.persons));
  const employers = Math.max(5, Math.round((persons * CHENGDU.employers) / CHENGDU.persons));
  const grids = Math.max(4, Math.ceil(persons / PERSONS_PER_GRID));

  let tenantPool = 0;
  let residences = 0;
  let permits = 0;
  let flags = 0;
  let moveOuts = 0;
  let employments = 0;
  let vaccinations = 0;
  let maternal = 0;
  let checkups = 0;
  for (let i = 0; i < persons; i++) {
    const person = population.core(i);
    if (population.inTenantPool(person)) tenantPool += 1;
    residences += population.residenceCount(person);
    if (population.hasPermit(person)) permits += 1;
    if (population.isKeyPerson(person)) flags += 1;
    if (person.status === 'MOVED_OUT') moveOuts += 1;
    if (population.isEmployed(person)) employments += 1;
    vaccinations += population.vaccinationCount(person);
    checkups += population.checkupCount(person);
    const episode = population.maternalEpisode(person);
    if (episode) maternal += episode.visits.length;
  }
  const rentals = Math.min(tenantPool, Math.round((persons * CHENGDU.rentals) / CHENGDU.persons));

  return {
    key: population.key,
    cityCode: population.cityCode,
    asOf: population.asOf,
    persons,
    grids,
    houses,
    rentals,
    employers,
    tenantPool,
    rows: {
      grids,
      persons,
      residence_registrations: residences,
      residence_permits: permits,
      key_person_flags: flags,
      move_outs: moveOuts,
      houses,
      tenancies: rentals,
      employers,
      employments,
      health_profiles: persons,
      vaccinations,
      maternal_care_records: maternal,
      checkups,
    },
  };
}
