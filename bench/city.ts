import { spawn } from 'node:child_process';
import pg from 'pg';
import { at } from '../platform/arrays.js';
import { derivedDatabaseUrl } from '../platform/db.js';
import { DEPARTMENTS } from '../subgraphs/registry.js';
import { fromRoot } from '../platform/paths.js';

/**
 * A seeded city on PostgreSQL for the load benchmarks: one database per
 * department under a base URL, seeded by `npm run db:seed` as an operator
 * would, and reused by later runs. What the seed took is kept in a comment
 * on the police database, so a reused city still reports its load time.
 */

export interface SeedRecord {
  persons: number;
  key: string;
  rows: number;
  seconds: number;
  /** Per table: rows and seconds, as the seed command printed them. */
  tables: { table: string; rows: number; seconds: number }[];
  at: string;
}

export interface City {
  baseUrl: string;
  record: SeedRecord;
  reused: boolean;
}

const SEED_KEY = 'bench-city';

async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

const databaseName = (url: string) => decodeURIComponent(new URL(url).pathname.slice(1));

/** The record of an earlier seed, if the police database holds the city it describes. */
async function existingSeed(baseUrl: string, persons: number): Promise<SeedRecord | undefined> {
  const policeUrl = derivedDatabaseUrl(baseUrl, 'police');
  const admin = new URL(policeUrl);
  admin.pathname = '/postgres';
  const comment = await withClient(admin.toString(), async (client) => {
    const found = await client.query<{ comment: string | null }>(
      'SELECT shobj_description(oid, $2) AS comment FROM pg_database WHERE datname = $1',
      [databaseName(policeUrl), 'pg_database'],
    );
    return found.rows[0]?.comment ?? undefined;
  });
  if (!comment) return undefined;
  let record: SeedRecord;
  try {
    record = JSON.parse(comment) as SeedRecord;
  } catch {
    return undefined;
  }
  if (record.persons !== persons || record.key !== SEED_KEY) return undefined;
  const held = await withClient(policeUrl, (client) => client.query<{ n: string }>('SELECT count(*) AS n FROM persons'));
  return Number(held.rows[0]?.n) === persons ? record : undefined;
}

/** The seeding command: what `npm run db:seed` runs. */
export const SEED_COMMAND = fromRoot('scripts', 'seed.ts');

/** Runs the seed command and reads its closing lines: rows and seconds per table, and in all. */
async function runSeed(baseUrl: string, persons: number, progress: (line: string) => void): Promise<SeedRecord> {
  const args = ['--import', 'tsx', SEED_COMMAND, '--persons', String(persons), '--key', SEED_KEY, '--force'];
  const child = spawn(process.execPath, args, {
    cwd: fromRoot(),
    env: { ...process.env, DATABASE_URL: baseUrl, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => {
    output += chunk.toString();
    for (const line of chunk.toString().split('\n')) if (line.trim()) progress(line);
  });
  let errors = '';
  child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  if (code !== 0) throw new Error(`seeding failed (exit ${code}): ${errors.trim() || output.slice(-500)}`);
  const total = /Seeded ([\d,]+) rows in ([\d.]+) s/.exec(output);
  if (!total) throw new Error('the seed command did not report its total');
  const tables = [...output.matchAll(/^\s+([a-z_]+)\s+([\d,]+) rows\s+([\d.]+) s$/gm)].map((m) => ({
    table: at(m, 1),
    rows: Number(at(m, 2).replace(/,/g, '')),
    seconds: Number(m[3]),
  }));
  return { persons, key: SEED_KEY, rows: Number(at(total, 1).replace(/,/g, '')), seconds: Number(total[2]), tables, at: new Date().toISOString() };
}

/**
 * Fresh statistics for the planner: COPY leaves none, and a dossier planned
 * on an empty-table guess is not the dossier a city would see.
 */
async function analyze(baseUrl: string): Promise<void> {
  await Promise.all(DEPARTMENTS.map((department) => withClient(derivedDatabaseUrl(baseUrl, department), (client) => client.query('ANALYZE'))));
}

/** The city of `persons` residents under `baseUrl`, seeded unless an identical one is there (or `reseed`). */
export async function ensureCity(baseUrl: string, persons: number, options: { reseed: boolean; progress: (line: string) => void }): Promise<City> {
  if (!options.reseed) {
    const record = await existingSeed(baseUrl, persons).catch(() => undefined);
    if (record) return { baseUrl, record, reused: true };
  }
  const record = await runSeed(baseUrl, persons, options.progress);
  await analyze(baseUrl);
  const policeUrl = derivedDatabaseUrl(baseUrl, 'police');
  const admin = new URL(policeUrl);
  admin.pathname = '/postgres';
  // COMMENT takes no parameters; the record is JSON of numbers and fixed words, quoted as a literal.
  await withClient(admin.toString(), (client) =>
    client.query(`COMMENT ON DATABASE "${databaseName(policeUrl)}" IS ${client.escapeLiteral(JSON.stringify(record))}`),
  );
  return { baseUrl, record, reused: false };
}

/** Residents drawn at random across the whole register, so no cache sees the same few. */
export async function sampleResidents(baseUrl: string, count: number): Promise<string[]> {
  return withClient(derivedDatabaseUrl(baseUrl, 'police'), async (client) => {
    const result = await client.query<{ id_number: string }>('SELECT id_number FROM persons ORDER BY random() LIMIT $1', [count]);
    return result.rows.map((row) => row.id_number);
  });
}
