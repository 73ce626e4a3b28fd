import { createHash } from 'node:crypto';
import { and, gte, lte, ne } from 'drizzle-orm';
import { expect } from 'vitest';
import type { CallerTokenInput } from '../../auth/caller.js';
import { WRITE_POLICY } from '../../auth/policy.js';
import type { Purpose } from '../../auth/purposes.js';
import type { Role } from '../../auth/roles.js';
import { DIVISIONS, makeCreditCode, makeIdNumber } from '../../domain/index.js';
import { importKindsOf } from '../../subgraphs/import-kinds.js';
import type { ImportKindDefinition } from '../../subgraphs/import/kinds.js';
import { grids, persons } from '../../subgraphs/police/db/schema.js';
import { DEPARTMENTS, type Department } from '../../subgraphs/registry.js';
import { graphql } from './graphql.js';
import type { TestHub } from './hub.js';

/*
 * The import-job API of each department (docs/import.md), as the tests that
 * are built from the schema and the policy need it: each department's entry
 * points by name, the purpose the policy lets it import for, and a job of
 * its first kind started through the gateway with rows that load or are
 * refused. Everything is read from the kinds' table (subgraphs/import-kinds.ts)
 * and the policy, so a department or a kind added there is covered here.
 */

export interface DepartmentImport {
  department: Department;
  /** The kind a test imports: the department's first. */
  kind: ImportKindDefinition;
  /** Its administrative purpose: the one the policy lets it import for. */
  purpose: Purpose;
  start: string;
  rows: string;
  finish: string;
  job: string;
  jobs: string;
}

const capital = (name: string) => `${name.charAt(0).toUpperCase()}${name.slice(1)}`;

export const DEPARTMENT_IMPORTS: readonly DepartmentImport[] = DEPARTMENTS.map((department) => {
  const start = `start${capital(department)}Import`;
  const purpose = WRITE_POLICY[`Mutation.${start}`]?.purposes?.[0];
  const kind = importKindsOf(department)[0];
  if (!purpose || !kind) throw new Error(`the policy or the kinds' table has no import for ${department}`);
  return { department, kind, purpose, start, rows: `import${capital(department)}Rows`, finish: `finish${capital(department)}Import`, job: `${department}ImportJob`, jobs: `${department}ImportJobs` };
});

export function importOf(department: string): DepartmentImport {
  const found = DEPARTMENT_IMPORTS.find((entry) => entry.department === department);
  if (!found) throw new Error(`${department} imports nothing`);
  return found;
}

/** The department whose import-job entry point or write this is, and which of them it is. */
export function importEntry(field: string): { entry: DepartmentImport; step: 'start' | 'rows' | 'finish' | 'job' | 'jobs' } | null {
  for (const entry of DEPARTMENT_IMPORTS) {
    for (const step of ['start', 'rows', 'finish', 'job', 'jobs'] as const) if (entry[step] === field) return { entry, step };
  }
  return null;
}

/** A sha256 in hex, of the text given: what a file's or a report's digest looks like. */
export const digestOf = (text: string) => createHash('sha256').update(text).digest('hex');

let files = 0;

/** A start of a job of the kind for a file of `rowCount` rows giving every field of the kind, in the table's order. */
export function startInput(kind: ImportKindDefinition, options: { rowCount?: number; dryRun?: boolean; batchSize?: number } = {}) {
  files += 1;
  return {
    kind: kind.name,
    fileName: `${kind.name}-${files}.csv`,
    fileDigest: digestOf(`${kind.name} file ${files} ${Date.now()}`),
    rowCount: options.rowCount ?? 1,
    fields: kind.fields.map((field) => field.name),
    batchSize: options.batchSize ?? 10,
    dryRun: options.dryRun ?? false,
  };
}

/** A row's values in the order of the kind's fields; a field not given is an empty cell. */
export function valuesOf(kind: ImportKindDefinition, values: Readonly<Record<string, string | null>>): (string | null)[] {
  return kind.fields.map((field) => (Object.hasOwn(values, field.name) ? (values[field.name] ?? null) : null));
}

/** A row of empty cells: refused for every required field, and asking no department anything. */
export const emptyRow = (kind: ImportKindDefinition, rowNumber = 2) => ({ rowNumber, values: valuesOf(kind, {}) });

/** Who imports for a department: its own role, or claims of a caller of it. */
type Caller = Role | Partial<CallerTokenInput>;

/** Starts a job through the gateway as the caller (the department's own role unless given) and answers its id. */
export async function startedJob(hub: TestHub, department: string, options: { rowCount?: number; dryRun?: boolean; caller?: Caller } = {}): Promise<string> {
  const entry = importOf(department);
  const started = await graphql(
    hub.gatewayUrl,
    `mutation($input: StartImportInput!) { ${entry.start}(input: $input) { job { id } } }`,
    { input: startInput(entry.kind, options) },
    hub.headers(options.caller ?? (department as Role), entry.purpose),
  );
  expect(started.body.errors, JSON.stringify(started.body.errors)).toBeUndefined();
  return started.body.data?.[entry.start].job.id as string;
}

/** Sends one batch of rows to a job through the gateway as the caller and answers what each row became. */
export async function sentRows(hub: TestHub, department: string, jobId: string, rows: { rowNumber: number; values: (string | null)[] }[], caller?: Caller) {
  const entry = importOf(department);
  const sent = await graphql(
    hub.gatewayUrl,
    `mutation($input: ImportRowsInput!) { ${entry.rows}(input: $input) { loaded refused rows { rowNumber status recordId problems { field code } } } }`,
    { input: { jobId, batch: 0, rows } },
    hub.headers(caller ?? (department as Role), entry.purpose),
  );
  expect(sent.body.errors, JSON.stringify(sent.body.errors)).toBeUndefined();
  return sent.body.data?.[entry.rows] as { loaded: number; refused: number; rows: { rowNumber: number; status: string; recordId: string | null; problems: { field: string; code: string }[] }[] };
}

let serials = 0;

/**
 * The values of a row of the department's kind that its rules accept, new
 * each call: a resident new to the register, a house or an employer new to
 * the grid given (one of the city's otherwise), a dose given to a resident
 * on the register.
 */
export async function loadableRow(hub: TestHub, department: string, options: { gridCode?: string } = {}): Promise<Record<string, string | null>> {
  serials += 1;
  const serial = serials;
  const gridCode = options.gridCode ?? (await hub.databases.police.db.select().from(grids).limit(1))[0]?.code;
  if (!gridCode) throw new Error('the test city has no grid');
  const district = gridCode.slice(0, 6);
  const street = `${DIVISIONS.get(district) ?? ''}玉林南路${serial}号`;
  switch (department) {
    case 'police':
      return {
        idNumber: makeIdNumber('511302', '1986-04-12', 2 * (serial % 450) + 1, 'MALE'),
        name: '张伟',
        ethnicity: '汉族',
        householdDivisionCode: '511302',
        householdAddress: '南充市顺庆区人民路1号',
      };
    case 'housing':
      return { code: `${district}${String(880_000_000_000 + serial * 7919 + (Date.now() % 7919))}`, address: street, divisionCode: district, gridCode, ownerName: '王芳', use: '出租', rooms: '3' };
    case 'labour':
      return {
        creditCode: makeCreditCode(district, `MA${String((Date.now() + serial) % 10_000_000).padStart(7, '0')}`),
        name: '成都玉林导入机械有限公司',
        industry: '制造业',
        address: street,
        divisionCode: district,
        gridCode,
      };
    case 'health': {
      const [resident] = await hub.databases.police.db
        .select()
        .from(persons)
        .where(and(ne(persons.status, 'MOVED_OUT'), gte(persons.birthDate, '1960-01-01'), lte(persons.birthDate, '2005-01-01')))
        .offset(serial % 20)
        .limit(1);
      if (!resident) throw new Error('the test city holds no adult resident');
      // A day of its own for each row: the natural key is the person, the vaccine, the dose and the day.
      const day = new Date(Date.UTC(2025, 0, 1) + serial * 86_400_000).toISOString().slice(0, 10);
      return { idNumber: resident.idNumber, name: resident.name, vaccine: '流感疫苗', dose: '1', administeredOn: day, institution: '武侯区社区卫生服务中心' };
    }
    default:
      throw new Error(`${department} imports nothing`);
  }
}
