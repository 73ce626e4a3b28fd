export { planCity, CHENGDU, SEED_TABLES, type CityPlan, type PlanOptions, type SeedTable } from './plan.js';
export { DEFAULT_AS_OF, DEFAULT_CITY_CODE, Population, populationOf, seedingDay, UNIVERSE, type PersonCore } from './population.js';
export { createCity, demoResidents, personId, personName, SyntheticCity, type DemoResident, type SeedRows } from './generate.js';
export {
  clearCity,
  isCitySeeded,
  nonEmptyTables,
  seedCity,
  SEED_TABLE_SOURCES,
  type SeedDatabase,
  type SeedDatabases,
  type SeedOptions,
  type SeedProgress,
  type SeedReport,
} from './load.js';
export { entityId, Random, Seed, WeightedTable } from './random.js';
