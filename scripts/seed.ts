// Seeds the department databases named by the environment with a synthetic city:
//   npx tsx scripts/seed.ts --persons 10000 [--key chengdu-demo] [--as-of YYYY-MM-DD] [--chengdu] [--force]
import { parseArgs } from 'node:util';
import { describeTarget } from '../hub/stores.js';
import { databaseTarget, openSubgraphDatabase } from '../subgraphs/databases.js';
import { env } from '../hub/env.js';
import { DEPARTMENTS, type DepartmentDatabases } from '../subgraphs/registry.js';
import { clearCity, nonEmptyTables, seedCity, type SeedDatabases } from '../seed/load.js';
import { CHENGDU, SEED_TABLES } from '../seed/plan.js';
import { seedingDay } from '../seed/population.js';
import { dayNumber } from '../seed/random.js';

const USAGE = 'usage: tsx scripts/seed.ts [--persons N | --chengdu] [--key KEY] [--as-of YYYY-MM-DD] [--force]';

const say = (line: string): void => void process.stdout.write(`${line}\n`);
const fail = (line: string, code = 1): never => {
  process.stderr.write(`${line}\n`);
  process.exit(code);
};
const count = (n: number): string => Math.round(n).toLocaleString('en');

function parseCommandLine(): { persons: number | undefined; key: string | undefined; asOf: string | undefined; force: boolean } {
  try {
    const { values } = parseArgs({
      options: {
        persons: { type: 'string' },
        key: { type: 'string' },
        'as-of': { type: 'string' },
        chengdu: { type: 'boolean', default: false },
        force: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
      allowPositionals: false,
    });
    if (values.help) {
      say(USAGE);
      say(`  --chengdu   Chengdu's register size: ${count(CHENGDU.persons)} persons`);
      say('  --as-of     the date the city is as of (default: today in China); the same key, size and date give the same city');
      say('  --force     empty the seeded tables first when they already hold a city');
      process.exit(0);
    }
    if (values.chengdu && values.persons !== undefined) fail(`--chengdu and --persons contradict each other\n${USAGE}`, 2);
    let persons: number | undefined = values.chengdu ? CHENGDU.persons : undefined;
    if (values.persons !== undefined) {
      persons = Number(values.persons.replace(/[_,]/g, ''));
      if (!Number.isInteger(persons) || persons < 1) fail(`--persons must be a positive whole number, got ${JSON.stringify(values.persons)}`, 2);
    }
    if (values.key !== undefined && values.key.trim() === '') fail('--key must not be empty', 2);
    const asOf = values['as-of'];
    if (asOf !== undefined) {
      try {
        dayNumber(asOf);
      } catch {
        fail(`--as-of must be a real date as YYYY-MM-DD, got ${JSON.stringify(asOf)}`, 2);
      }
      // A city dated later than today would hold records the departments' rules call future.
      if (asOf > seedingDay()) fail(`--as-of must not be after today in China (${seedingDay()}), got ${asOf}`, 2);
    }
    return { persons, key: values.key, asOf, force: values.force };
  } catch (error) {
    return fail(`${(error as Error).message}\n${USAGE}`, 2);
  }
}

const args = parseCommandLine();
const config = env();
const persons = args.persons ?? config.SEED_PERSONS;
const key = args.key ?? config.SEED_KEY;
if (persons < 1) fail('nothing to seed: the city needs at least one person (--persons or SEED_PERSONS)');

const opened: Partial<DepartmentDatabases> = {};
const closeAll = async (): Promise<void> => {
  await Promise.allSettled(Object.values(opened).map((database) => database.close()));
};

try {
  for (const department of DEPARTMENTS) {
    const target = databaseTarget(config, department);
    say(`${department.padEnd(8)} ${describeTarget(target)}`);
    (opened as Record<string, unknown>)[department] = await openSubgraphDatabase(department, target, { migrate: true });
  }
  const databases = opened as SeedDatabases;

  const filled = await nonEmptyTables(databases);
  if (filled.length > 0) {
    if (!args.force) {
      await closeAll();
      const holders = [...new Set(filled.map((name) => name.split('.')[0]))].join(', ');
      fail(`Refusing to seed: the ${holders} database(s) already hold a city (${filled[0]} has rows); pass --force to replace it.`);
    }
    say(`Emptying ${filled.length} seeded table(s) first (--force)`);
    await clearCity(databases);
  }

  const asOf = args.asOf ?? seedingDay();
  say(`Seeding ${count(persons)} persons with key "${key}" as of ${asOf} for ${config.HUB_CITY_NAME} (${config.HUB_CITY_CODE})`);
  const started = performance.now();
  let lastTick = started;
  // Departments on PostgreSQL load side by side, so every table in progress gets its own line and clock.
  const loading = new Map<string, { rows: number; total: number; started: number; finished?: number }>();
  const report = await seedCity(databases, {
    persons,
    key,
    asOf,
    cityCode: config.HUB_CITY_CODE,
    onProgress: ({ department, table, rows, total }) => {
      const now = performance.now();
      const name = `${department}.${table}`;
      const entry = loading.get(name) ?? { rows, total, started: now };
      entry.rows = rows;
      if (rows >= total) entry.finished = now;
      loading.set(name, entry);
      if (now - lastTick < 1000) return;
      lastTick = now;
      for (const [shown, { rows: done, total: all, started: since, finished }] of loading) {
        if (done === 0) continue;
        const percent = all === 0 ? 100 : (100 * done) / all;
        const rate = done / Math.max(0.001, ((finished ?? now) - since) / 1000);
        say(`  ${shown.padEnd(34)} ${count(done).padStart(11)} / ${count(all).padEnd(11)} ${percent.toFixed(1).padStart(5)}%  ${count(rate).padStart(9)} rows/s`);
        if (finished !== undefined) loading.delete(shown);
      }
    },
  });

  const seconds = (performance.now() - started) / 1000;
  const total = SEED_TABLES.reduce((sum, table) => sum + report.rows[table], 0);
  say('');
  for (const table of SEED_TABLES) {
    const ms = report.tableMs[table];
    say(`  ${table.padEnd(24)} ${count(report.rows[table]).padStart(11)} rows  ${(ms / 1000).toFixed(1).padStart(7)} s`);
  }
  say(`Seeded ${count(total)} rows in ${seconds.toFixed(1)} s (${count(total / seconds)} rows/s)`);
} catch (error) {
  await closeAll();
  fail(`Seeding failed: ${(error as Error).message}`);
}
await closeAll();
