import { ruleLine, type ImportKindRuntime, type StoredRecord } from '../import/engine.js';
import { ID_NUMBER_HEADERS, NAME_HEADERS, type ImportKindDefinition } from '../import/kinds.js';
import { resolvePersons } from '../import/people.js';
import type { HealthProfileRow } from './db/schema.js';
import { HEALTH_RECORD_RULES } from './record-rules.js';
import { HealthRules } from './rules.js';
import { HealthStore, type HealthTx, type NewVaccinationRow } from './store.js';

/**
 * The health department's records an import loads: vaccinations, each held
 * to `recordVaccination`'s rules. The person is named in old files by
 * identity number and name, which the police confirm through the hub.
 */

export const VACCINATIONS: ImportKindDefinition = {
  name: 'vaccinations',
  department: 'health',
  mutation: 'recordVaccination',
  title: 'vaccine doses given to residents (预防接种记录)',
  fields: [
    { name: 'idNumber', label: 'identity number of the person vaccinated', required: true, type: 'code', headers: [...ID_NUMBER_HEADERS, '受种者身份证号', '受种者证件号码'] },
    { name: 'name', label: 'name of the person vaccinated', required: true, type: 'text', headers: [...NAME_HEADERS, '受种者姓名', '受种者', '受种人'] },
    { name: 'vaccine', label: 'vaccine, as the hub lists it (乙肝疫苗, 麻腮风疫苗, HPV疫苗 …)', required: true, type: 'text', headers: ['疫苗名称', '疫苗', '疫苗种类', '疫苗品种', 'vaccine', 'vaccine name'] },
    { name: 'dose', label: 'dose number within the course, 1 to 10', required: true, type: 'integer', headers: ['剂次', '针次', '第几剂', '接种剂次', 'dose', 'dose number'] },
    { name: 'administeredOn', label: 'day the dose was given', required: true, type: 'date', headers: ['接种日期', '接种时间', 'date given', 'administered on', 'administeredon', 'vaccination date'] },
    { name: 'institution', label: 'clinic or hospital that gave the dose', required: true, type: 'text', headers: ['接种单位', '接种机构', '接种门诊', '接种点', 'institution', 'clinic'] },
  ],
  naturalKey: ['idNumber', 'name', 'vaccine', 'dose', 'administeredOn'],
  naturalKeyWords: 'the person (by identity number and name), the vaccine, the dose and the day',
  unconfinedOnly: true,
};

interface VaccinationInput {
  personId: string;
  vaccine: string;
  dose: number;
  administeredOn: string;
  institution: string;
}

const PERSON_EXISTS = ruleLine(HEALTH_RECORD_RULES, 'vaccination.person-exists', 'reference');
const ONCE = ruleLine(HEALTH_RECORD_RULES, 'vaccination.once', 'conflict');

const text = (value: unknown): string => (typeof value === 'string' ? value : '');

/** A store whose vaccination write is the batch's: the rules run unchanged and hand their record to the import. */
class ImportingHealthStore extends HealthStore {
  constructor(
    store: HealthStore,
    private readonly write: (payload: unknown) => Promise<HealthProfileRow | null>,
  ) {
    super(store.db);
  }

  override insertVaccination(row: NewVaccinationRow): Promise<HealthProfileRow | null> {
    return this.write(row);
  }
}

const keyOf = (input: { personId: string; vaccine: string; dose: number; administeredOn: string }) => `${input.personId}|${input.vaccine}|${input.dose}|${input.administeredOn}`;

/** The health department's import kinds, over its store. */
export function healthImportKinds(store: HealthStore): ImportKindRuntime<VaccinationInput, HealthTx>[] {
  const vaccinations: ImportKindRuntime<VaccinationInput, HealthTx> = {
    definition: VACCINATIONS,
    rules: HEALTH_RECORD_RULES.filter((line) => line.mutation === 'recordVaccination'),
    problemFields: new Map([['input.personId', 'idNumber']]),
    keyConflict: ONCE,
    async inputs(rows, ask) {
      const persons = await resolvePersons(rows, { idNumber: 'idNumber', name: 'name', exists: PERSON_EXISTS }, ask);
      return rows.map((row, index) => {
        const person = persons[index];
        if (Array.isArray(person)) return person;
        const dose = row.values.get('dose');
        return {
          personId: person ?? '',
          vaccine: text(row.values.get('vaccine')),
          dose: typeof dose === 'number' ? dose : Number.NaN,
          administeredOn: text(row.values.get('administeredOn')),
          institution: text(row.values.get('institution')),
        };
      });
    },
    keyOf,
    compared: (input) => ({ institution: input.institution }),
    async existing(inputs) {
      const stored = await store.vaccinationsByKeys(inputs);
      return new Map(stored.map((row): [string, StoredRecord] => [keyOf(row), { recordId: row.id, personId: row.personId, values: { institution: row.institution } }]));
    },
    validate: (input, session, principal) => new HealthRules(new ImportingHealthStore(store, (row) => session.write(row))).recordVaccination(input, principal, session.checks),
    async write(tx, payloads) {
      const rows = payloads as NewVaccinationRow[];
      const profiles = await store.insertVaccinations(tx, rows);
      return rows.map((row, index) => {
        const profile = profiles[index] ?? null;
        return profile
          ? { written: true as const, recordId: row.id, personId: row.personId, answer: profile }
          : { written: false as const, problem: { field: 'dose', code: 'CONFLICT', message: `this dose is recorded already: ${ONCE.says}`, rule: ONCE.id }, answer: null };
      });
    },
  };
  return [vaccinations];
}
