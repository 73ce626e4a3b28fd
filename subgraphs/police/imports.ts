import { ETHNIC_GROUPS } from '../../domain/names.js';
import { ruleLine, type ImportKindRuntime, type StoredRecord } from '../import/engine.js';
import { DIVISION_HEADERS, ID_NUMBER_HEADERS, NAME_HEADERS, type ImportKindDefinition } from '../import/kinds.js';
import type { NewPersonRow, PersonRow } from './db/schema.js';
import { POLICE_RECORD_RULES } from './record-rules.js';
import { PoliceRules } from './rules.js';
import { PoliceStore, type PoliceTx } from './store.js';

/**
 * The police's records an import loads: the population register's persons
 * (a floating-population register kept in spreadsheets, say), each held to
 * `registerPerson`'s rules. The identity number is the natural key.
 */

export const PERSONS: ImportKindDefinition = {
  name: 'persons',
  department: 'police',
  mutation: 'registerPerson',
  title: 'residents of the population register (人口登记)',
  fields: [
    { name: 'idNumber', label: 'identity number', required: true, type: 'code', headers: ID_NUMBER_HEADERS },
    { name: 'name', label: 'name', required: true, type: 'text', headers: NAME_HEADERS },
    {
      name: 'sex',
      label: 'sex, when given: it must match the identity number',
      required: false,
      type: 'choice',
      choices: [
        ['男', 'MALE'],
        ['男性', 'MALE'],
        ['M', 'MALE'],
        ['male', 'MALE'],
        ['女', 'FEMALE'],
        ['女性', 'FEMALE'],
        ['F', 'FEMALE'],
        ['female', 'FEMALE'],
      ],
      headers: ['性别', 'sex', 'gender'],
    },
    { name: 'birthDate', label: 'birth date, when given: it must match the identity number', required: false, type: 'date', headers: ['出生日期', '出生年月日', 'birth date', 'birthdate', 'date of birth'] },
    { name: 'ethnicity', label: 'ethnic group of GB 3304 (汉族, 回族 …; 汉 is read as 汉族)', required: true, type: 'text', headers: ['民族', 'ethnicity', 'ethnic group'] },
    { name: 'householdDivisionCode', label: 'household registration division code (GB/T 2260)', required: true, type: 'code', headers: ['户籍地行政区划代码', '户籍地区划代码', '户籍区划代码', '户籍地代码', ...DIVISION_HEADERS.map((h) => `household ${h}`)] },
    { name: 'householdAddress', label: 'household registration address', required: true, type: 'text', headers: ['户籍地址', '户籍地详址', '户籍详细地址', '户籍所在地', 'household address'] },
    { name: 'phone', label: 'mobile phone, when given', required: false, type: 'code', headers: ['联系电话', '手机号码', '手机', '电话', 'phone', 'mobile'] },
  ],
  naturalKey: ['idNumber'],
  naturalKeyWords: 'the identity number',
  unconfinedOnly: true,
};

interface PersonInput {
  idNumber: string;
  name: string;
  sex: string | null;
  birthDate: string | null;
  ethnicity: string;
  householdDivisionCode: string;
  householdAddress: string;
  phone: string | null;
}

const ID_NUMBER_UNIQUE = ruleLine(POLICE_RECORD_RULES, 'person.id-number-unique', 'conflict');

const text = (value: unknown): string => (typeof value === 'string' ? value : '');
const optional = (value: unknown): string | null => (typeof value === 'string' ? value : null);

/** `汉` for `汉族`: old registers often leave the 族 off. */
function ethnicityOf(value: string): string {
  return !ETHNIC_GROUPS.includes(value) && ETHNIC_GROUPS.includes(`${value}族`) ? `${value}族` : value;
}

/** A store whose person write is the batch's: the rules run unchanged and hand their record to the import. */
class ImportingPoliceStore extends PoliceStore {
  constructor(
    store: PoliceStore,
    private readonly write: (payload: unknown) => Promise<PersonRow>,
  ) {
    super(store.db);
  }

  override insertPerson(row: NewPersonRow): Promise<PersonRow> {
    return this.write(row);
  }
}

/** What a row or a stored person holds of the compared fields; a field the row leaves empty is not compared. */
function comparedOf(person: Pick<PersonInput, 'name' | 'ethnicity' | 'householdDivisionCode' | 'householdAddress' | 'phone'>, given = true): Record<string, unknown> {
  return {
    name: person.name,
    ethnicity: person.ethnicity,
    householdDivisionCode: person.householdDivisionCode,
    householdAddress: person.householdAddress,
    ...(given && person.phone === null ? {} : { phone: person.phone }),
  };
}

/** The police's import kinds, over their store. */
export function policeImportKinds(store: PoliceStore, cityCode: string): ImportKindRuntime<PersonInput, PoliceTx>[] {
  const persons: ImportKindRuntime<PersonInput, PoliceTx> = {
    definition: PERSONS,
    rules: POLICE_RECORD_RULES.filter((line) => line.mutation === 'registerPerson'),
    problemFields: new Map(),
    keyConflict: ID_NUMBER_UNIQUE,
    async inputs(rows) {
      return rows.map((row) => ({
        idNumber: text(row.values.get('idNumber')),
        name: text(row.values.get('name')),
        sex: optional(row.values.get('sex')),
        birthDate: optional(row.values.get('birthDate')),
        ethnicity: ethnicityOf(text(row.values.get('ethnicity'))),
        householdDivisionCode: text(row.values.get('householdDivisionCode')),
        householdAddress: text(row.values.get('householdAddress')),
        phone: optional(row.values.get('phone')),
      }));
    },
    keyOf: (input) => input.idNumber,
    compared: (input) => comparedOf(input),
    async existing(inputs) {
      const stored = await store.personsByIdNumbers(inputs.map((input) => input.idNumber));
      return new Map(stored.map((person): [string, StoredRecord] => [person.idNumber, { recordId: person.id, personId: person.id, values: comparedOf(person, false) }]));
    },
    validate: (input, session, principal) => new PoliceRules(new ImportingPoliceStore(store, (row) => session.write(row)), cityCode).registerPerson(input, principal),
    async write(tx, payloads) {
      const rows = payloads as NewPersonRow[];
      const inserted = await store.insertPersons(tx, rows);
      return rows.map((row, index) => {
        const person = inserted[index] ?? null;
        return person
          ? { written: true as const, recordId: person.id, personId: person.id, answer: person }
          : {
              written: false as const,
              problem: { field: 'idNumber', code: 'CONFLICT', message: `a person with this identity number is already registered: ${ID_NUMBER_UNIQUE.says}`, rule: ID_NUMBER_UNIQUE.id },
              answer: null,
            };
      });
    },
  };
  return [persons];
}
