import { jurisdictionFilter } from '../../auth/jurisdiction.js';
import { ruleLine, type ImportKindRuntime, type RowProblem, type StoredRecord } from '../import/engine.js';
import { CREDIT_CODE_HEADERS, DIVISION_HEADERS, GRID_HEADERS, ID_NUMBER_HEADERS, NAME_HEADERS, type ImportKindDefinition } from '../import/kinds.js';
import { resolvePersons } from '../import/people.js';
import type { EmployerRow, EmploymentRow, NewEmployerRow, NewEmploymentRow } from './db/schema.js';
import { LABOUR_RECORD_RULES } from './record-rules.js';
import { LabourRules } from './rules.js';
import { LabourStore, type LabourTx } from './store.js';

/**
 * Labour's records an import loads: employers, held to `registerEmployer`'s
 * rules, and employments, held to `registerEmployment`'s. A worker is named
 * in old files by identity number and name, which the police confirm
 * through the hub; an employer by its credit code, which labour holds.
 * Every employment loaded causes the EmploymentRegistered event a single
 * registration causes, so the alert rules see imported jobs too.
 */

export const EMPLOYERS: ImportKindDefinition = {
  name: 'employers',
  department: 'labour',
  mutation: 'registerEmployer',
  title: 'employers (用人单位)',
  fields: [
    { name: 'creditCode', label: 'unified social credit code, 18 characters', required: true, type: 'code', headers: CREDIT_CODE_HEADERS },
    { name: 'name', label: 'name', required: true, type: 'text', headers: ['单位名称', '企业名称', '用人单位', '用人单位名称', 'employer name', 'employer', 'name'] },
    { name: 'industry', label: 'section of the national industry classification (GB/T 4754), e.g. 制造业', required: true, type: 'text', headers: ['行业', '所属行业', '行业门类', '行业类别', 'industry'] },
    { name: 'address', label: "address, naming the employer's district and a street", required: true, type: 'text', headers: ['单位地址', '注册地址', '经营地址', '地址', 'address'] },
    { name: 'divisionCode', label: 'district division code', required: true, type: 'code', headers: DIVISION_HEADERS },
    { name: 'gridCode', label: 'grid code', required: true, type: 'code', headers: GRID_HEADERS },
  ],
  naturalKey: ['creditCode'],
  naturalKeyWords: 'the unified social credit code',
  unconfinedOnly: false,
};

export const EMPLOYMENTS: ImportKindDefinition = {
  name: 'employments',
  department: 'labour',
  mutation: 'registerEmployment',
  title: 'employments of residents (就业登记)',
  fields: [
    { name: 'idNumber', label: "worker's identity number", required: true, type: 'code', headers: [...ID_NUMBER_HEADERS, '职工身份证号', '员工身份证号'] },
    { name: 'name', label: "worker's name", required: true, type: 'text', headers: [...NAME_HEADERS, '职工姓名', '员工姓名'] },
    { name: 'creditCode', label: "employer's unified social credit code, of an employer labour holds", required: true, type: 'code', headers: [...CREDIT_CODE_HEADERS, '用人单位统一社会信用代码', '单位信用代码', 'employer credit code'] },
    { name: 'position', label: 'position', required: true, type: 'text', headers: ['岗位', '职位', '工种', '岗位名称', 'position', 'job title'] },
    { name: 'start', label: 'first day of the employment', required: true, type: 'date', headers: ['入职日期', '开始日期', '用工开始日期', '参加工作日期', 'start', 'start date'] },
    { name: 'end', label: 'last day, when it has ended', required: false, type: 'date', headers: ['离职日期', '结束日期', '用工结束日期', 'end', 'end date'] },
    {
      name: 'socialInsurance',
      label: 'social insurance: insured, suspended or not insured',
      required: true,
      type: 'choice',
      choices: [
        ['已参保', 'INSURED'],
        ['参保', 'INSURED'],
        ['正常参保', 'INSURED'],
        ['正常', 'INSURED'],
        ['insured', 'INSURED'],
        ['暂停', 'SUSPENDED'],
        ['暂停参保', 'SUSPENDED'],
        ['中断', 'SUSPENDED'],
        ['suspended', 'SUSPENDED'],
        ['未参保', 'NOT_INSURED'],
        ['不参保', 'NOT_INSURED'],
        ['not insured', 'NOT_INSURED'],
      ],
      headers: ['社保状态', '参保状态', '社会保险', '社保', 'social insurance', 'socialinsurance'],
    },
  ],
  naturalKey: ['idNumber', 'name', 'creditCode', 'start'],
  naturalKeyWords: 'the worker (by identity number and name), the employer (by credit code) and the first day',
  unconfinedOnly: false,
};

interface EmployerInput {
  creditCode: string;
  name: string;
  industry: string;
  address: string;
  divisionCode: string;
  gridCode: string;
}

interface EmploymentInput {
  personId: string;
  employerId: string;
  position: string;
  start: string;
  end: string | null;
  socialInsurance: string;
}

const CREDIT_CODE_UNIQUE = ruleLine(LABOUR_RECORD_RULES, 'employer.credit-code-unique', 'conflict');
const PERSON_EXISTS = ruleLine(LABOUR_RECORD_RULES, 'employment.person-exists', 'reference');
const EMPLOYER_EXISTS = ruleLine(LABOUR_RECORD_RULES, 'employment.employer-exists', 'reference');
const NO_OVERLAP = ruleLine(LABOUR_RECORD_RULES, 'employment.no-overlap', 'conflict');

const text = (value: unknown): string => (typeof value === 'string' ? value : '');

/** A store whose employer and employment writes are the batch's: the rules run unchanged and hand their record to the import. */
class ImportingLabourStore extends LabourStore {
  constructor(
    store: LabourStore,
    private readonly write: (payload: unknown) => Promise<unknown>,
  ) {
    super(store.db);
  }

  override insertEmployer(row: NewEmployerRow): Promise<EmployerRow | null> {
    return this.write(row) as Promise<EmployerRow | null>;
  }

  override insertEmployment(row: NewEmploymentRow): Promise<EmploymentRow | null> {
    return this.write(row) as Promise<EmploymentRow | null>;
  }
}

const employerCompared = (employer: Omit<EmployerInput, 'creditCode'>): Record<string, unknown> => ({
  name: employer.name,
  industry: employer.industry,
  address: employer.address,
  divisionCode: employer.divisionCode,
  gridCode: employer.gridCode,
});

const employmentKey = (employment: Pick<EmploymentInput, 'personId' | 'employerId' | 'start'>) => `${employment.personId}|${employment.employerId}|${employment.start}`;
const employmentCompared = (employment: Pick<EmploymentInput, 'position' | 'end' | 'socialInsurance'>): Record<string, unknown> => ({
  position: employment.position,
  end: employment.end,
  socialInsurance: employment.socialInsurance,
});

/** Whether two periods share a day; an open end runs on without limit (as registerEmployment judges). */
const overlaps = (a: { start: string; end: string | null }, b: { start: string; end: string | null }): boolean =>
  (a.end === null || b.start <= a.end) && (b.end === null || a.start <= b.end);

/** Labour's import kinds, over its store. */
export function labourImportKinds(store: LabourStore): ImportKindRuntime<never, LabourTx>[] {
  const employers: ImportKindRuntime<EmployerInput, LabourTx> = {
    definition: EMPLOYERS,
    rules: LABOUR_RECORD_RULES.filter((line) => line.mutation === 'registerEmployer'),
    problemFields: new Map(),
    keyConflict: CREDIT_CODE_UNIQUE,
    async inputs(rows) {
      return rows.map((row) => ({
        creditCode: text(row.values.get('creditCode')),
        name: text(row.values.get('name')),
        industry: text(row.values.get('industry')),
        address: text(row.values.get('address')),
        divisionCode: text(row.values.get('divisionCode')),
        gridCode: text(row.values.get('gridCode')),
      }));
    },
    keyOf: (input) => input.creditCode,
    compared: employerCompared,
    async existing(inputs) {
      const stored = await store.employersByCreditCodes(inputs.map((input) => input.creditCode));
      return new Map(stored.map((employer): [string, StoredRecord] => [employer.creditCode, { recordId: employer.id, personId: null, values: employerCompared(employer) }]));
    },
    validate: (input, session, principal) => new LabourRules(new ImportingLabourStore(store, (row) => session.write(row))).registerEmployer(input, principal, session.checks),
    async write(tx, payloads) {
      const rows = payloads as NewEmployerRow[];
      const inserted = await store.insertEmployers(tx, rows);
      return rows.map((row, index) => {
        const employer = inserted[index] ?? null;
        return employer
          ? { written: true as const, recordId: employer.id, personId: null, answer: employer }
          : {
              written: false as const,
              problem: { field: 'creditCode', code: 'CONFLICT', message: `another employer is registered under this credit code: ${CREDIT_CODE_UNIQUE.says}`, rule: CREDIT_CODE_UNIQUE.id },
              answer: null,
            };
      });
    },
  };

  const employments: ImportKindRuntime<EmploymentInput, LabourTx> = {
    definition: EMPLOYMENTS,
    rules: LABOUR_RECORD_RULES.filter((line) => line.mutation === 'registerEmployment'),
    problemFields: new Map([
      ['input.personId', 'idNumber'],
      ['input.employerId', 'creditCode'],
    ]),
    keyConflict: NO_OVERLAP,
    async inputs(rows, ask, principal) {
      const [persons, found] = await Promise.all([
        resolvePersons(rows, { idNumber: 'idNumber', name: 'name', exists: PERSON_EXISTS }, ask),
        // The employer is labour's own, read within the caller's places: one outside reads as unknown, as registerEmployment has it.
        store.employersByCreditCodes([...new Set(rows.map((row) => text(row.values.get('creditCode'))))], jurisdictionFilter(principal)),
      ]);
      const employerOf = new Map(found.map((employer) => [employer.creditCode, employer.id]));
      return rows.map((row, index) => {
        const person = persons[index];
        const employerId = employerOf.get(text(row.values.get('creditCode')));
        const problems: RowProblem[] = Array.isArray(person) ? [...person] : [];
        if (employerId === undefined) {
          problems.push({ field: 'creditCode', code: 'NOT_FOUND', message: `names no employer registered with labour: ${EMPLOYER_EXISTS.says}`, rule: EMPLOYER_EXISTS.id });
        }
        if (problems.length > 0 || employerId === undefined || Array.isArray(person)) return problems;
        const end = row.values.get('end');
        return {
          personId: person ?? '',
          employerId,
          position: text(row.values.get('position')),
          start: text(row.values.get('start')),
          end: typeof end === 'string' ? end : null,
          socialInsurance: text(row.values.get('socialInsurance')),
        };
      });
    },
    keyOf: employmentKey,
    compared: employmentCompared,
    async existing(inputs) {
      const stored = await store.employmentKeysOf(inputs.map((input) => input.personId));
      return new Map(stored.map((employment): [string, StoredRecord] => [employmentKey(employment), { recordId: employment.id, personId: employment.personId, values: employmentCompared(employment) }]));
    },
    validate: (input, session, principal) => new LabourRules(new ImportingLabourStore(store, (row) => session.write(row))).registerEmployment(input, principal, session.checks),
    async write(tx, payloads) {
      const rows = payloads as NewEmploymentRow[];
      // Rows judged together did not see each other: one overlapping an earlier row of the batch at the same employer is refused, as it would be written after it.
      const kept: NewEmploymentRow[] = [];
      const clashing = new Set<NewEmploymentRow>();
      for (const row of rows) {
        const period = { start: row.start, end: row.end ?? null };
        if (kept.some((other) => other.personId === row.personId && other.employerId === row.employerId && overlaps({ start: other.start, end: other.end ?? null }, period))) clashing.add(row);
        else kept.push(row);
      }
      const inserted = new Map((await store.insertEmployments(tx, kept)).flatMap((employment) => (employment ? [[employment.id, employment] as const] : [])));
      return rows.map((row) => {
        const employment = inserted.get(row.id);
        return employment
          ? { written: true as const, recordId: employment.id, personId: employment.personId, answer: employment }
          : {
              written: false as const,
              problem: {
                field: 'start',
                code: 'CONFLICT',
                message: clashing.has(row) ? `another row of this file names an employment there over the same days: ${NO_OVERLAP.says}` : `the person holds an open employment there: ${NO_OVERLAP.says}`,
                rule: NO_OVERLAP.id,
              },
              answer: null,
            };
      });
    },
  };
  return [employers, employments] as ImportKindRuntime<never, LabourTx>[];
}
