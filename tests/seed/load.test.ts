import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { getTableConfig, integer, pgTable, text } from 'drizzle-orm/pg-core';
import { from as copyFrom } from 'pg-copy-streams';
import type { Department } from '../../subgraphs/registry.js';
import * as health from '../../subgraphs/health/db/schema.js';
import * as housing from '../../subgraphs/housing/db/schema.js';
import * as labour from '../../subgraphs/labour/db/schema.js';
import * as police from '../../subgraphs/police/db/schema.js';
import { copyTarget, csvLine } from '../../seed/csv.js';
import { clearCity, isCitySeeded, nonEmptyTables, seedCity, SEED_TABLE_SOURCES, type SeedProgress, type SeedReport } from '../../seed/load.js';
import { createCity } from '../../seed/generate.js';
import { SEED_TABLES, planCity } from '../../seed/plan.js';
import { seedingDay } from '../../seed/population.js';
import { newRunId, openTestDatabase, type TestDatabase } from '../support/databases.js';

const PERSONS = 300;
const KEY = 'load-test';

let databases: {
  police: TestDatabase<typeof police>;
  housing: TestDatabase<typeof housing>;
  labour: TestDatabase<typeof labour>;
  health: TestDatabase<typeof health>;
};
let seededBefore: boolean;
/** The day the city was seeded: the load may run past midnight, so the reference date is this day or the next. */
let seededOn: string;
let report: SeedReport;
const progress: SeedProgress[] = [];

async function count(department: Department, table: string): Promise<number> {
  const result = await databases[department].db.execute<{ n: number }>(sql.raw(`SELECT count(*)::int AS n FROM "${table}"`));
  return (result as { rows: { n: number }[] }).rows[0]!.n;
}

async function ids(department: Department, query: string): Promise<Set<string>> {
  const result = await databases[department].db.execute<{ id: string }>(sql.raw(query));
  return new Set((result as { rows: { id: string }[] }).rows.map((r) => r.id));
}

beforeAll(async () => {
  const runId = newRunId();
  const [p, h, l, he] = await Promise.all([
    openTestDatabase('police', police, runId),
    openTestDatabase('housing', housing, runId),
    openTestDatabase('labour', labour, runId),
    openTestDatabase('health', health, runId),
  ]);
  databases = { police: p, housing: h, labour: l, health: he };
  seededBefore = await isCitySeeded(databases.police);
  seededOn = seedingDay();
  report = await seedCity(databases, { persons: PERSONS, key: KEY, onProgress: (p) => progress.push(p) });
});

afterAll(async () => {
  if (databases) await Promise.all(Object.values(databases).map((d) => d.destroy()));
});

describe('seedCity', () => {
  it('fills every table of the four department databases with exactly the planned rows', async () => {
    const plan = planCity({ persons: PERSONS, key: KEY, asOf: report.plan.asOf });
    for (const table of SEED_TABLES) {
      const { department } = SEED_TABLE_SOURCES[table];
      expect(await count(department, table), table).toBe(plan.rows[table]);
      expect(report.rows[table]).toBe(plan.rows[table]);
    }
    expect(report.ms).toBeGreaterThan(0);
  });

  it('dates a city on the day it is seeded in China, so its residence permits are current today', async () => {
    expect([seededOn, seedingDay()]).toContain(report.plan.asOf);
    const today = seedingDay();
    const permits = await databases.police.db.execute<{ current: number; all: number }>(
      sql.raw(`SELECT count(*) FILTER (WHERE issued_on <= '${today}' AND valid_until >= '${today}')::int AS current, count(*)::int AS "all" FROM residence_permits`),
    );
    const [row] = (permits as { rows: { current: number; all: number }[] }).rows;
    expect(row!.all).toBeGreaterThan(0);
    expect(row!.current).toBeGreaterThan(row!.all / 2);
  });

  it('reports that a city is seeded only once it has been loaded', async () => {
    expect(seededBefore).toBe(false);
    expect(await isCitySeeded(databases.police)).toBe(true);
  });

  it('reports progress per table, ending at the planned total', () => {
    for (const table of SEED_TABLES) {
      const events = progress.filter((p) => p.table === table);
      expect(events.length, table).toBeGreaterThan(0);
      expect(events[0]!.rows).toBe(0);
      const last = events[events.length - 1]!;
      expect(last.rows).toBe(last.total);
      expect(last.department).toBe(SEED_TABLE_SOURCES[table].department);
    }
  });

  it('references only persons on the police register from housing, labour and health', async () => {
    const persons = await ids('police', 'SELECT id::text AS id FROM persons');
    const referenced = [
      ...(await ids('housing', 'SELECT tenant_id::text AS id FROM tenancies')),
      ...(await ids('housing', 'SELECT owner_id::text AS id FROM houses WHERE owner_id IS NOT NULL')),
      ...(await ids('labour', 'SELECT person_id::text AS id FROM employments')),
      ...(await ids('health', 'SELECT person_id::text AS id FROM health_profiles')),
    ];
    expect(referenced.length).toBeGreaterThan(PERSONS);
    for (const id of referenced) expect(persons.has(id), id).toBe(true);
    const grids = await ids('police', 'SELECT code AS id FROM grids');
    for (const code of await ids('housing', 'SELECT DISTINCT grid_code AS id FROM houses')) expect(grids.has(code)).toBe(true);
    for (const code of await ids('labour', 'SELECT DISTINCT grid_code AS id FROM employers')) expect(grids.has(code)).toBe(true);
  });

  it('stores current residences at the houses the housing department rents to the same tenants', async () => {
    const residences = await databases.police.db.execute<{ person_id: string; house_code: string }>(
      sql.raw('SELECT person_id::text, house_code FROM residence_registrations WHERE until IS NULL'),
    );
    const rented = await databases.housing.db.execute<{ tenant_id: string; code: string }>(
      sql.raw('SELECT t.tenant_id::text, h.code FROM tenancies t JOIN houses h ON h.id = t.house_id WHERE t.end_date IS NULL'),
    );
    const homes = new Map((residences as { rows: { person_id: string; house_code: string }[] }).rows.map((r) => [r.person_id, r.house_code]));
    const current = (rented as { rows: { tenant_id: string; code: string }[] }).rows;
    expect(current.length).toBeGreaterThan(0);
    for (const tenancy of current) expect(homes.get(tenancy.tenant_id)).toBe(tenancy.code);
  });

  it('fails a second load of the same city without changing the first', async () => {
    await expect(seedCity(databases, { persons: PERSONS, key: KEY })).rejects.toThrow();
    expect(await count('police', 'persons')).toBe(PERSONS);
    expect(await nonEmptyTables(databases)).toHaveLength(SEED_TABLES.length);
  });

  it('empties every seeded table with clearCity', async () => {
    await clearCity(databases);
    expect(await nonEmptyTables(databases)).toEqual([]);
    expect(await isCitySeeded(databases.police)).toBe(false);
  });

  it('rolls back only the department whose load fails part-way; the other departments still load', async () => {
    const city = createCity({ persons: 40, key: 'second-city' });
    const lastHouse = city.house(city.plan.houses - 1);
    await databases.housing.db.insert(housing.houses).values({
      id: lastHouse.id,
      code: '510104999999000000',
      address: 'an earlier registration',
      divisionCode: '510104',
      gridCode: '510104999999',
      ownerName: '张伟',
      use: 'RENTAL',
      rooms: 2,
    });
    await expect(seedCity(databases, { persons: 40, key: 'second-city' })).rejects.toThrow();
    expect(await count('police', 'persons')).toBe(40);
    expect(await count('housing', 'houses')).toBe(1);
    expect(await count('housing', 'tenancies')).toBe(0);
    expect(await count('labour', 'employers')).toBe(city.plan.employers);
    expect(await count('health', 'health_profiles')).toBe(40);

    await clearCity(databases);
    await seedCity(databases, { persons: 40, key: 'second-city' });
    expect(await count('housing', 'houses')).toBe(city.plan.houses);
    expect(await isCitySeeded(databases.police)).toBe(true);
  });
});

describe('COPY encoding', () => {
  const probe = pgTable('seed_csv_probe', {
    id: integer('id').primaryKey(),
    label: text('label_text'),
    note: text('note').notNull().default('default note'),
  });

  it('round-trips quotes, commas, newlines, backslashes, empty strings and nulls exactly', async () => {
    const database = databases.police;
    await database.db.execute(sql.raw('CREATE TABLE seed_csv_probe (id integer PRIMARY KEY, label_text text, note text NOT NULL DEFAULT \'default note\')'));
    const labels = ['plain', 'with "quotes"', 'a,b', 'line\nbreak\r\n', '\\.', 'back\\slash', '', null, ' padded ', '中文，标点'];
    const target = copyTarget(probe, { id: 0, label: '' });
    expect(target.target).toBe('"seed_csv_probe" ("id", "label_text")');
    const csv = labels.map((label, id) => csvLine({ id, label }, target.columns)).join('');
    if (database.pool) {
      const client = await database.pool.connect();
      try {
        await pipeline(Readable.from([csv]), client.query(copyFrom(`COPY ${target.target} FROM STDIN WITH (FORMAT csv)`)));
      } finally {
        client.release();
      }
    } else {
      await database.pglite!.query(`COPY ${target.target} FROM '/dev/blob' WITH (FORMAT csv)`, [], { blob: new Blob([csv]) });
    }
    const rows = await database.db.select().from(probe).orderBy(probe.id);
    expect(rows.map((r) => r.label)).toEqual(labels);
    expect(new Set(rows.map((r) => r.note))).toEqual(new Set(['default note']));
  });

  it('takes SQL column names from the drizzle table and refuses rows that do not match it', () => {
    expect(copyTarget(probe, { id: 1, label: 'x', note: 'y' }).columns).toEqual([
      { key: 'id', name: 'id' },
      { key: 'label', name: 'label_text' },
      { key: 'note', name: 'note' },
    ]);
    expect(() => copyTarget(probe, { id: 1, labelText: 'x' })).toThrow(/labelText/);
    expect(() => copyTarget(probe, { label: 'x' })).toThrow(/required column id/);
  });

  it('names every seeded table exactly as its drizzle definition does', () => {
    for (const table of SEED_TABLES) expect(getTableConfig(SEED_TABLE_SOURCES[table].table).name).toBe(table);
  });
});
