import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { count, eq, inArray, ne } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_QUESTIONS } from '../../auth/reference-checks.js';
import { fromRoot } from '../../platform/paths.js';
import { badFiles, FIXTURE_CITY, FIXTURES_DIR, importFixtures, type ExpectedRow, type Fixture } from '../../scripts/import-fixtures.js';
import type { RowResult } from '../../scripts/import/client.js';
import { ImportFileError } from '../../scripts/import/read.js';
import { REPORT_HEADER } from '../../scripts/import/report.js';
import { runImport, type ImportSummary } from '../../scripts/import/run.js';
import * as health from '../../subgraphs/health/db/schema.js';
import * as housing from '../../subgraphs/housing/db/schema.js';
import * as labour from '../../subgraphs/labour/db/schema.js';
import * as police from '../../subgraphs/police/db/schema.js';
import type { Department } from '../../subgraphs/registry.js';
import { graphql } from '../support/graphql.js';
import { startTestHub, type TestHub } from '../support/hub.js';
import { claimsForRole } from '../support/tokens.js';

/**
 * Imports of each department's legacy records through the whole hub: the
 * committed files load as their rows say, through each department's own
 * rules; a second run loads nothing new, a corrected one only what was
 * corrected; a dry run writes nothing; loaded employments raise the events
 * (and alerts) single registrations do; every import is in the audit
 * trail; the policy keeps each department to its own kinds and purpose;
 * files that are no records are refused whole.
 */

let hub: TestHub;
let dir: string;
let fixtures: Fixture[];
/** What the first import of each file made of each row, by file and row number. */
const firstRun = new Map<string, { summary: ImportSummary; rows: Map<number, RowResult> }>();

/** Each kind's records, to find what an import wrote. */
const TABLES: Readonly<Record<string, { department: Department; table: PgTable; id: PgColumn }>> = {
  vaccinations: { department: 'health', table: health.vaccinations, id: health.vaccinations.id },
  persons: { department: 'police', table: police.persons, id: police.persons.id },
  houses: { department: 'housing', table: housing.houses, id: housing.houses.id },
  employers: { department: 'labour', table: labour.employers, id: labour.employers.id },
  employments: { department: 'labour', table: labour.employments, id: labour.employments.id },
};

/** The order the files load in; each stands on the seeded city alone. */
const ORDER = ['persons.utf8-bom.csv', 'houses.merged-header.xlsx', 'employers.csv', 'employments.xlsx', 'vaccinations.gbk.csv', 'vaccinations-own-headers.csv'];

beforeAll(async () => {
  hub = await startTestHub({ persons: FIXTURE_CITY.persons, key: FIXTURE_CITY.key, cityCode: FIXTURE_CITY.cityCode, asOf: FIXTURE_CITY.asOf });
  dir = mkdtempSync(path.join(tmpdir(), 'import-'));
  fixtures = await importFixtures();
}, 600_000);

afterAll(async () => {
  await hub?.close();
});

const fixture = (file: string): Fixture => {
  const found = fixtures.find((f) => f.file === file);
  if (!found) throw new Error(`no fixture ${file}`);
  return found;
};

async function records(kind: string): Promise<number> {
  const target = TABLES[kind];
  if (!target) throw new Error(`no table for ${kind}`);
  const [row] = await hub.databases[target.department].db.select({ n: count() }).from(target.table);
  return row?.n ?? 0;
}

/** Imports a file (the committed one, or `bytes` written under `name`), remembering what each row became. */
async function importFile(item: Fixture, options: { bytes?: Buffer; name?: string; dryRun?: boolean; batchSize?: number } = {}) {
  const file = path.join(dir, options.name ?? item.file);
  writeFileSync(file, options.bytes ?? readFileSync(path.join(FIXTURES_DIR, item.file)));
  const rows = new Map<number, RowResult>();
  const summary = await runImport({
    department: item.department,
    file,
    mapping: item.mapping ? path.join(FIXTURES_DIR, item.mapping) : undefined,
    dryRun: options.dryRun ?? false,
    gatewayUrl: hub.gatewayUrl,
    token: await hub.token(claimsForRole(item.department)),
    batchSize: options.batchSize ?? 5,
    retry: { attempts: 2, ms: 200 },
    onRows: (results) => results.forEach((result) => rows.set(result.rowNumber, result)),
  });
  return { summary, rows, file };
}

function expectRows(file: string, expected: readonly ExpectedRow[], rows: ReadonlyMap<number, RowResult>): void {
  for (const row of expected) {
    const got = rows.get(row.rowNumber);
    expect(got?.status, `${file} row ${row.rowNumber} (${row.why})`).toBe(row.status);
    for (const problem of row.problems) {
      expect(
        got?.problems.map((p) => ({ field: p.field, code: p.code, rule: p.rule })),
        `${file} row ${row.rowNumber} (${row.why})`,
      ).toContainEqual(problem);
    }
  }
  expect(rows.size, file).toBe(expected.length);
}

const tally = (rows: readonly ExpectedRow[]) => ({
  loaded: rows.filter((r) => r.status === 'LOADED').length,
  unchanged: rows.filter((r) => r.status === 'UNCHANGED').length,
  refused: rows.filter((r) => r.status === 'REFUSED').length,
});

describe('importing legacy records', () => {
  it('a dry run judges every row as the rules would and writes nothing', async () => {
    const item = fixture('vaccinations.gbk.csv');
    const before = await records('vaccinations');
    const { summary, rows } = await importFile(item, { dryRun: true, batchSize: 1_000, name: 'dry-run.csv' });
    expectRows(item.file, item.rows, rows);
    expect(summary).toMatchObject({ dryRun: true, read: item.rows.length, ...tally(item.rows) });
    expect(await records('vaccinations')).toBe(before);
    // Nothing written, no record to name; a row stored already names the record it matched.
    for (const row of rows.values()) if (row.status === 'LOADED') expect(row.recordId).toBeNull();
  });

  it('loads each department’s file through its own rules: every row as the file says, every refusal in the report with its row, column, value and reason', async () => {
    for (const file of ORDER) {
      const item = fixture(file);
      const before = await records(item.kind.name);
      const { summary, rows } = await importFile(item);
      firstRun.set(file, { summary, rows });
      expectRows(file, item.rows, rows);
      expect(summary, file).toMatchObject({ kind: item.kind.name, read: item.rows.length, ...tally(item.rows) });
      expect(await records(item.kind.name), file).toBe(before + summary.loaded);
      const loaded = [...rows.values()].filter((r) => r.status === 'LOADED').map((r) => r.recordId ?? '');
      const target = TABLES[item.kind.name];
      if (!target) throw new Error(`no table for ${item.kind.name}`);
      const found = await hub.databases[target.department].db.select({ n: count() }).from(target.table).where(inArray(target.id, loaded));
      expect(found[0]?.n, file).toBe(loaded.length);

      // The report: a line per problem of every refused row, naming the row, the column's header, the cell's value and why.
      const lines = readFileSync(summary.report.csv, 'utf8').replace(/^\uFEFF/, '').trimEnd().split('\r\n');
      expect(lines[0]).toBe(REPORT_HEADER.join(','));
      const problems = [...rows.values()].flatMap((r) => r.problems.map((p) => ({ row: r.rowNumber, ...p })));
      expect(lines.length - 1, file).toBe(problems.length);
      for (const row of item.rows.filter((r) => r.status === 'REFUSED')) {
        const mine = lines.filter((line) => line.startsWith(`${row.rowNumber},`));
        expect(mine.length, `${file} row ${row.rowNumber}`).toBeGreaterThan(0);
        for (const line of mine) expect(line.split(',')[3], `${file} row ${row.rowNumber}: a reason`).not.toBe('');
      }
      const { body } = await graphql(
        hub.gatewayUrl,
        `query($id: ID!) { ${item.department}ImportJob(id: $id) { status reportDigest fileDigest rowCount loaded unchanged refused committedBatches } }`,
        { id: summary.jobId },
        hub.headers(item.department, purposeOf(item.department)),
      );
      expect(body.errors).toBeUndefined();
      expect(body.data?.[`${item.department}ImportJob`]).toMatchObject({
        status: 'FINISHED',
        reportDigest: summary.report.digest,
        fileDigest: summary.fileDigest,
        rowCount: item.rows.length,
        committedBatches: Array.from({ length: Math.ceil(item.rows.length / 5) }, (_, i) => i),
      });
    }
  });

  it('runs the same files again and loads nothing new: what loaded is unchanged, what was refused is refused again', async () => {
    for (const file of ORDER) {
      const item = fixture(file);
      const first = firstRun.get(file)?.summary;
      if (!first) throw new Error(`${file} was not imported first`);
      const before = await records(item.kind.name);
      const { summary } = await importFile(item, { name: `again-${file}` });
      expect(summary, file).toMatchObject({ loaded: 0, unchanged: first.loaded + first.unchanged, refused: first.refused });
      expect(await records(item.kind.name), file).toBe(before);
    }
  });

  it('loads only the corrected rows of a file fixed and run again', async () => {
    for (const file of ORDER) {
      const item = fixture(file);
      if (!item.fixed || !item.fixedRows) continue;
      const before = await records(item.kind.name);
      const { summary, rows } = await importFile(item, { bytes: item.fixed, name: `fixed-${file}` });
      expectRows(`fixed ${file}`, item.fixedRows, rows);
      expect(summary.refused, file).toBe(0);
      expect(await records(item.kind.name), file).toBe(before + tally(item.fixedRows).loaded);
    }
  });

  it('every employment loaded causes the event a registration causes, and the police of the employer’s grid hear of the key person among them', async () => {
    const run = firstRun.get('employments.xlsx');
    if (!run) throw new Error('employments were not imported');
    const loaded = [...run.rows.values()].filter((r) => r.status === 'LOADED').map((r) => r.recordId ?? '');
    const events = await hub.databases.labour.db.select().from(labour.domainEvents).where(eq(labour.domainEvents.type, 'EmploymentRegistered'));
    const raised = events.map((event) => String(event.payload.employmentId));
    for (const id of loaded) expect(raised.filter((raisedId) => raisedId === id), id).toHaveLength(1);

    const keyRow = fixture('employments.xlsx').rows.find((row) => row.why.startsWith('a key person'));
    const employment = (await hub.databases.labour.db.select().from(labour.employments).where(eq(labour.employments.id, run.rows.get(keyRow?.rowNumber ?? 0)?.recordId ?? '')))[0];
    if (!employment) throw new Error('the key person’s employment was not loaded');
    const [employer] = await hub.databases.labour.db.select().from(labour.employers).where(eq(labour.employers.id, employment.employerId));
    await hub.eventsHandedOn();
    const { body } = await graphql(
      hub.gatewayUrl,
      `query($filter: AlertFilter) { alerts(filter: $filter, first: 100) { edges { node { rule person { id } employer { id } } } } }`,
      { filter: { kind: 'KEY_PERSON', gridCode: employer?.gridCode } },
      hub.headers('police', 'public-security'),
    );
    expect(body.errors).toBeUndefined();
    const alerts = (body.data?.alerts.edges ?? []).map((edge: { node: unknown }) => edge.node);
    expect(alerts).toContainEqual({ rule: 'key-person.employment', person: { id: employment.personId }, employer: { id: employment.employerId } });
  });

  it('records each import in the audit trail when it starts and ends: who, the file’s digest, its rows and counts, the report’s digest; and each row loaded under the resident it names', async () => {
    const run = firstRun.get('vaccinations.gbk.csv');
    if (!run) throw new Error('vaccinations were not imported');
    const { summary, rows } = run;
    const events = await hub.audit.events();
    const imports = events.filter((event) => event.kind === 'access' && event.typeName === 'ImportJob' && event.recordIds.includes(`import:${summary.jobId}`));
    expect(imports).toHaveLength(2);
    for (const event of imports) expect(event).toMatchObject({ subject: 'health-test-user', department: 'health', purpose: 'public-health', subgraph: 'health' });
    const [started, finished] = imports;
    expect(started?.recordIds).toEqual([`import:${summary.jobId}`, `file:sha256:${summary.fileDigest}`, `rows:${summary.read}`]);
    expect(finished?.recordIds).toEqual([
      `import:${summary.jobId}`,
      `file:sha256:${summary.fileDigest}`,
      `report:sha256:${summary.report.digest}`,
      `rows:${summary.read}`,
      `loaded:${summary.loaded}`,
      `unchanged:${summary.unchanged}`,
      `refused:${summary.refused}`,
    ]);
    const vaccinated = await hub.databases.health.db
      .select({ personId: health.vaccinations.personId })
      .from(health.vaccinations)
      .where(inArray(health.vaccinations.id, [...rows.values()].filter((r) => r.status === 'LOADED').map((r) => r.recordId ?? '')));
    const recordedRows = new Set(events.filter((event) => event.typeName === 'ImportRowResult' && event.subgraph === 'health').flatMap((event) => event.recordIds));
    for (const { personId } of vaccinated) expect(recordedRows.has(personId), personId).toBe(true);
  });

  it('asks the police about a whole batch in one request of each kind, every answer recorded under the importing caller', async () => {
    // More residents than one of a write's own checks may name (MAX_QUESTIONS): a batch is not split into requests of a write's size.
    const residents = await hub.databases.police.db
      .select({ id: police.persons.id, idNumber: police.persons.idNumber, name: police.persons.name })
      .from(police.persons)
      .where(ne(police.persons.status, 'MOVED_OUT'))
      .orderBy(police.persons.id)
      .limit(3 * MAX_QUESTIONS);
    expect(residents.length).toBeGreaterThan(2 * MAX_QUESTIONS);
    const fields = ['idNumber', 'name', 'vaccine', 'dose', 'administeredOn', 'institution'];
    const headers = hub.headers('health', 'public-health');
    const started = await graphql(
      hub.gatewayUrl,
      'mutation($input: StartImportInput!) { startHealthImport(input: $input) { job { id } } }',
      { input: { kind: 'vaccinations', fileName: 'one-batch.csv', fileDigest: 'b'.repeat(64), rowCount: residents.length, fields, batchSize: residents.length } },
      headers,
    );
    expect(started.body.errors).toBeUndefined();
    const before = new Set((await hub.audit.events()).map((event) => event.requestId));
    const sent = await graphql(
      hub.gatewayUrl,
      'mutation($input: ImportRowsInput!) { importHealthRows(input: $input) { loaded refused } }',
      {
        input: {
          jobId: started.body.data?.startHealthImport.job.id,
          batch: 0,
          rows: residents.map((resident, at) => ({ rowNumber: at + 2, values: [resident.idNumber, resident.name, '流感疫苗', '1', '2026-10-20', '武侯区社区卫生服务中心'] })),
        },
      },
      headers,
    );
    expect(sent.body.errors).toBeUndefined();
    expect(sent.body.data?.importHealthRows.loaded).toBeGreaterThan(2 * MAX_QUESTIONS);
    const checks = (await hub.audit.events()).filter((event) => event.kind === 'access' && !before.has(event.requestId) && (event.typeName === 'IdentityCheck' || event.typeName === 'PersonCheck'));
    for (const typeName of ['IdentityCheck', 'PersonCheck']) {
      const asked = checks.filter((event) => event.typeName === typeName);
      expect(new Set(asked.map((event) => event.requestId)).size, typeName).toBe(1);
      const recorded = new Set(asked.flatMap((event) => event.recordIds));
      for (const resident of residents) expect(recorded.has(resident.id), `${typeName} of ${resident.id}`).toBe(true);
      for (const event of asked) expect(event).toMatchObject({ subject: 'health-test-user', department: 'health', purpose: 'public-health' });
    }
  });

  it('keeps each department to its own kinds, for its administrative purpose, and stores nothing it refuses', async () => {
    const input = { kind: 'vaccinations', fileName: 'x.csv', fileDigest: 'a'.repeat(64), rowCount: 1, fields: ['idNumber', 'name', 'vaccine', 'dose', 'administeredOn', 'institution'], batchSize: 5 };
    const start = (department: string) => `mutation($input: StartImportInput!) { start${department}Import(input: $input) { job { id } } }`;
    const codes = (body: { errors?: { extensions?: { code?: string; field?: string } }[] }) => (body.errors ?? []).map((e) => [e.extensions?.code, e.extensions?.field]);
    const jobs = async () =>
      (await graphql(hub.gatewayUrl, '{ healthImportJobs(first: 100) { edges { node { id } } } }', {}, hub.headers('health', 'public-health'))).body.data?.healthImportJobs.edges.length;
    const before = await jobs();
    // Another department's entry point, another department's kind, a purpose not the department's administrative one.
    expect(codes((await graphql(hub.gatewayUrl, start('Police'), { input: { ...input, kind: 'persons' } }, hub.headers('health', 'public-health'))).body)).toEqual([['FORBIDDEN', undefined]]);
    expect(codes((await graphql(hub.gatewayUrl, start('Health'), { input: { ...input, kind: 'persons' } }, hub.headers('health', 'public-health'))).body)).toEqual([['BAD_USER_INPUT', 'input.kind']]);
    expect(codes((await graphql(hub.gatewayUrl, start('Health'), { input }, hub.headers('health', 'medical-care'))).body)).toEqual([['FORBIDDEN', undefined]]);
    expect(codes((await graphql(hub.gatewayUrl, start('Health'), { input }, hub.headers('police', 'population-management'))).body)).toEqual([['FORBIDDEN', undefined]]);
    // Health records are written only by callers confined to no place, and so imported.
    expect(codes((await graphql(hub.gatewayUrl, start('Health'), { input }, hub.headers(claimsForRole('health', { jurisdiction: { divisions: ['510107'] } }), 'public-health'))).body)).toEqual([
      ['FORBIDDEN', undefined],
    ]);
    // A header missing a required field is refused by the hub too, naming what is missing.
    const missing = await graphql(hub.gatewayUrl, start('Health'), { input: { ...input, fields: ['idNumber', 'name', 'vaccine'] } }, hub.headers('health', 'public-health'));
    expect(codes(missing.body)).toEqual([['BAD_USER_INPUT', 'input.fields']]);
    expect(missing.body.errors?.[0]?.message).toMatch(/dose, administeredOn, institution missing/);
    expect(await jobs()).toBe(before);
    // Another department's job cannot be fed rows: it is as unknown.
    const job = firstRun.get('vaccinations.gbk.csv')?.summary.jobId;
    const rows = await graphql(
      hub.gatewayUrl,
      'mutation($input: ImportRowsInput!) { importLabourRows(input: $input) { batch } }',
      { input: { jobId: job, batch: 99, rows: [{ rowNumber: 2, values: [] }] } },
      hub.headers('labour', 'labour-administration'),
    );
    expect(codes(rows.body)).toEqual([['NOT_FOUND', 'input.jobId']]);
  });

  it('refuses files that are no records, naming why, and starts no job', async () => {
    const count = async () =>
      (await graphql(hub.gatewayUrl, '{ healthImportJobs(first: 100) { edges { node { id } } } }', {}, hub.headers('health', 'public-health'))).body.data?.healthImportJobs.edges.length;
    const before = await count();
    for (const bad of badFiles()) {
      const file = path.join(dir, bad.file);
      writeFileSync(file, bad.bytes);
      const attempt = runImport({ department: 'health', file, gatewayUrl: hub.gatewayUrl, token: await hub.token(claimsForRole('health')) });
      await expect(attempt, bad.file).rejects.toThrow(ImportFileError);
      await expect(attempt, bad.file).rejects.toThrow(bad.says);
    }
    expect(await count()).toBe(before);
  });

  it('npm run import prints plain progress lines off a terminal, then the summary, and exits 0', async () => {
    const item = fixture('vaccinations-own-headers.csv');
    const file = path.join(dir, 'cli.csv');
    writeFileSync(file, readFileSync(path.join(FIXTURES_DIR, item.file)));
    const token = await hub.token(claimsForRole('health'));
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', fromRoot('scripts', 'import.ts'), '--dept', 'health', '--file', file, '--mapping', path.join(FIXTURES_DIR, item.mapping ?? ''), '--gateway', hub.gatewayUrl, '--token', token, '--errors', `${dir}/`],
      { cwd: fromRoot(), env: { ...process.env, LOG_LEVEL: 'silent' }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(code, stderr).toBe(0);
    expect(stderr).toMatch(/^import: 6 of 6 rows \(100%\)/m);
    expect(stderr).toContain('受种人证件号码 → idNumber');
    expect(stdout).toMatch(/read\s+6 rows/);
    expect(stdout).toMatch(/unchanged\s+6/);
    expect(stdout).toContain(path.join(dir, 'cli.errors.csv'));
  });
});

function purposeOf(department: Department): 'population-management' | 'housing-administration' | 'labour-administration' | 'public-health' {
  return ({ police: 'population-management', housing: 'housing-administration', labour: 'labour-administration', health: 'public-health' } as const)[department];
}
