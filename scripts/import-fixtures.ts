import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { DIVISIONS, idNumberCheckChar, INDUSTRIES, makeCreditCode, makeIdNumber } from '../domain/index.js';
import { isEntryPoint } from '../platform/entry.js';
import { fromRoot } from '../platform/paths.js';
import type { RecordRule } from '../platform/record-rules.js';
import { createCity, DEFAULT_AS_OF, type SeedRows } from '../seed/index.js';
import { RECORD_RULES } from '../subgraphs/record-rules.js';
import { VACCINATIONS } from '../subgraphs/health/imports.js';
import { HOUSES } from '../subgraphs/housing/imports.js';
import type { ImportKindDefinition } from '../subgraphs/import/kinds.js';
import { EMPLOYERS, EMPLOYMENTS } from '../subgraphs/labour/imports.js';
import { PERSONS } from '../subgraphs/police/imports.js';
import type { Department } from '../subgraphs/registry.js';

/**
 * `npm run import:fixtures`: the files the import tests load, generated
 * from the synthetic city the tests seed (FIXTURE_CITY), and written under
 * tests/fixtures/import/. Each names residents, grids, houses and employers
 * of that city as old systems would: a GBK-encoded CSV with Chinese headers,
 * a UTF-8 CSV with a byte-order mark and English headers, an XLSX under a
 * title row with a two-row header of merged cells, a file of the health
 * department's own headers with its mapping file, and files that cannot be
 * imported at all.
 *
 * Beside rows that load, every file holds rows broken in each way the
 * department's rules know: one per line of the record-rule table of the
 * kind's single write (subgraphs/<department>/record-rules.ts), found from
 * the table, so a new line fails this script until it is taught how to
 * break it; and rows whose own values are malformed. Each row says what the
 * import must make of it, and, where it is broken, how it is fixed, which
 * the tests use to run a corrected file again.
 */

/** The city the tests seed, which the files name. */
export const FIXTURE_CITY = { persons: 200, key: 'import-city', cityCode: '510100', asOf: DEFAULT_AS_OF } as const;

export const FIXTURES_DIR = fromRoot('tests', 'fixtures', 'import');

/** What the import must make of a row: its status and, when refused, a problem for each of these fields and codes. */
export interface ExpectedRow {
  rowNumber: number;
  status: 'LOADED' | 'UNCHANGED' | 'REFUSED';
  problems: { field: string; code: string; rule: string | null }[];
  /** What the row is there to show, in a few words. */
  why: string;
}

/** A row of a fixture by field, what it must become, and its corrected values when it is broken. */
interface FixtureRow {
  values: Record<string, string | null>;
  expect: Omit<ExpectedRow, 'rowNumber'>;
  fixed?: Record<string, string | null>;
  /** What the corrected row becomes: LOADED, or UNCHANGED when the correction is the record stored already. */
  fixedStatus?: 'LOADED' | 'UNCHANGED';
}

export interface Fixture {
  file: string;
  department: Department;
  kind: ImportKindDefinition;
  /** The mapping file the fixture needs, if any. */
  mapping?: string;
  bytes: Buffer;
  rows: ExpectedRow[];
  /** The same file with every broken row corrected (absent for files that are not meant to be fixed). */
  fixed?: Buffer;
  /** The rows of the corrected file, as they load after this file was imported. */
  fixedRows?: ExpectedRow[];
}

type Person = SeedRows['persons'];

const DAY = 86_400_000;
const day = (date: string, days: number): string => new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);
const ageOn = (birth: string, on: string): number => Number(on.slice(0, 4)) - Number(birth.slice(0, 4)) - (on.slice(5) < birth.slice(5) ? 1 : 0);
const INSTITUTIONS = ['武侯区妇幼保健院', '锦江区疾病预防控制中心', '青羊区社区卫生服务中心', '成华区人民医院', '金牛区第一人民医院'];

/** Identity numbers with a check character that is not theirs. */
function wrongCheck(idNumber: string): string {
  const right = idNumberCheckChar(idNumber.slice(0, 17));
  return `${idNumber.slice(0, 17)}${right === '0' ? '1' : '0'}`;
}

/** The lines of a kind's single write, each of which must have a broken row. */
const linesOf = (kind: ImportKindDefinition): RecordRule[] => RECORD_RULES.filter((line) => line.mutation === kind.mutation);

/** A broken row for every line, from the breakers given; a line none breaks stops the script. */
function brokenRows(kind: ImportKindDefinition, breakers: ReadonlyMap<string, () => FixtureRow>): FixtureRow[] {
  return linesOf(kind).map((line) => {
    const breaker = breakers.get(line.id);
    if (!breaker) throw new Error(`no broken row for the line ${line.id} of ${kind.mutation}: teach scripts/import-fixtures.ts how to break it`);
    return breaker();
  });
}

function refused(field: string, code: string, rule: string | null, why: string): FixtureRow['expect'] {
  return { status: 'REFUSED', problems: [{ field, code, rule }], why };
}

/** The synthetic city, read once. */
function cityData() {
  const city = createCity(FIXTURE_CITY);
  const persons = [...city.rows('persons')];
  const grids = [...city.rows('grids')];
  const houses = [...city.rows('houses')];
  const employers = [...city.rows('employers')];
  const employments = [...city.rows('employments')];
  const vaccinations = [...city.rows('vaccinations')];
  const flagged = new Set([...city.rows('key_person_flags')].map((flag) => flag.personId));
  const living = persons.filter((p) => p.status !== 'MOVED_OUT');
  const adults = living.filter((p) => ageOn(p.birthDate, FIXTURE_CITY.asOf) >= 25 && ageOn(p.birthDate, FIXTURE_CITY.asOf) <= 60);
  const children = living.filter((p) => ageOn(p.birthDate, FIXTURE_CITY.asOf) >= 4 && ageOn(p.birthDate, FIXTURE_CITY.asOf) <= 12);
  const byId = new Map(persons.map((p) => [p.id, p]));
  const idNumbers = new Set(persons.map((p) => p.idNumber));
  return { persons, grids, houses, employers, employments, vaccinations, living, adults, children, byId, idNumbers, flagged };
}
type City = ReturnType<typeof cityData>;

function pick<T>(list: readonly T[], at: number, what: string): T {
  const item = list[at];
  if (item === undefined) throw new Error(`the fixture city has too few ${what} (wanted #${at + 1} of ${list.length})`);
  return item;
}

// ── health: vaccinations ──

function vaccinationRows(city: City): FixtureRow[] {
  const rows: FixtureRow[] = [];
  const row = (person: Person, vaccine: string, dose: number, on: string, institution: string | null): Record<string, string | null> => ({
    idNumber: person.idNumber,
    name: person.name,
    vaccine,
    dose: String(dose),
    administeredOn: on,
    institution,
    phone: person.phone ?? null,
  });
  // Loads: a dose of a vaccine the city's seed never gives, on days written the ways old systems write them.
  const spellings = [(d: string) => d, (d: string) => d.replace(/-0?/g, '/'), (d: string) => `${Number(d.slice(0, 4))}年${Number(d.slice(5, 7))}月${Number(d.slice(8))}日`, (d: string) => d.replace(/-/g, '')];
  for (let i = 0; i < 30; i++) {
    const person = pick(city.adults, i, 'adults');
    const on = day('2025-01-06', i * 9);
    const values = row(person, i % 2 === 0 ? '带状疱疹疫苗' : '出血热疫苗', 1 + (i % 3), pick(spellings, i % spellings.length, 'spellings')(on), pick(INSTITUTIONS, i % INSTITUTIONS.length, 'institutions'));
    // An identity number's final x is often written in lower case.
    if (values.idNumber?.endsWith('X') && i % 2 === 1) values.idNumber = values.idNumber.toLowerCase();
    rows.push({ values, expect: { status: 'LOADED', problems: [], why: 'a new dose' } });
  }
  // Unchanged: doses the city has recorded already, as recorded.
  const recorded = city.vaccinations.filter((v) => city.byId.get(v.personId)?.status !== 'MOVED_OUT');
  for (let i = 0; i < 3; i++) {
    const dose = pick(recorded, i * 7, 'vaccinations');
    const person = city.byId.get(dose.personId) as Person;
    rows.splice(4 + i * 9, 0, { values: row(person, dose.vaccine, dose.dose, dose.administeredOn, dose.institution), expect: { status: 'UNCHANGED', problems: [], why: 'a dose recorded already' } });
  }
  // A row repeating an earlier one of the file.
  rows.splice(12, 0, { values: { ...(rows[0]?.values ?? {}) }, expect: { status: 'UNCHANGED', problems: [], why: 'a row repeated' } });

  const person = (at: number) => pick(city.adults, 40 + at, 'adults');
  const stored = pick(recorded, 30, 'vaccinations');
  const storedPerson = city.byId.get(stored.personId) as Person;
  const breakers = new Map<string, () => FixtureRow>([
    [
      'vaccination.person-exists',
      () => ({
        values: { ...row(person(0), '带状疱疹疫苗', 1, '2025-05-05', '成华区人民医院'), name: '查无此人' },
        expect: refused('idNumber', 'NOT_FOUND', 'vaccination.person-exists', 'a name the register does not hold for the number'),
        fixed: row(person(0), '带状疱疹疫苗', 1, '2025-05-05', '成华区人民医院'),
      }),
    ],
    [
      'vaccination.vaccine',
      () => ({
        values: row(person(1), '火星疫苗', 1, '2025-05-06', '成华区人民医院'),
        expect: refused('vaccine', 'BAD_USER_INPUT', 'vaccination.vaccine', 'a vaccine the hub does not list'),
        fixed: row(person(1), '出血热疫苗', 1, '2025-05-06', '成华区人民医院'),
      }),
    ],
    [
      'vaccination.once',
      () => ({
        values: row(storedPerson, stored.vaccine, stored.dose, stored.administeredOn, '另一家接种门诊'),
        expect: refused('dose', 'CONFLICT', 'vaccination.once', 'the same dose on the same day from another clinic'),
        fixed: row(storedPerson, '带状疱疹疫苗', 3, '2025-05-07', '另一家接种门诊'),
      }),
    ],
    [
      'vaccination.person-then',
      () => ({
        values: row(person(2), '带状疱疹疫苗', 1, day(person(2).birthDate, -1), '武侯区妇幼保健院'),
        expect: refused('administeredOn', 'BAD_USER_INPUT', 'vaccination.person-then', 'a dose before the person was born'),
        fixed: row(person(2), '带状疱疹疫苗', 1, '2025-05-08', '武侯区妇幼保健院'),
      }),
    ],
  ]);
  const broken = [
    ...brokenRows(VACCINATIONS, breakers),
    {
      values: { ...row(person(3), '出血热疫苗', 2, '2025-05-09', '锦江区疾病预防控制中心'), idNumber: wrongCheck(person(3).idNumber) },
      expect: refused('idNumber', 'BAD_USER_INPUT', null, 'an identity number whose check character is wrong'),
      fixed: row(person(3), '出血热疫苗', 2, '2025-05-09', '锦江区疾病预防控制中心'),
    },
    {
      values: { ...row(person(4), '出血热疫苗', 1, '2025-05-10', '锦江区疾病预防控制中心'), dose: '第二剂' },
      expect: refused('dose', 'BAD_USER_INPUT', null, 'a dose that is not a number'),
      fixed: row(person(4), '出血热疫苗', 2, '2025-05-10', '锦江区疾病预防控制中心'),
    },
    {
      values: row(person(5), '出血热疫苗', 12, '2025-05-11', '锦江区疾病预防控制中心'),
      expect: refused('dose', 'BAD_USER_INPUT', null, 'a dose past the tenth'),
      fixed: row(person(5), '出血热疫苗', 1, '2025-05-11', '锦江区疾病预防控制中心'),
    },
    {
      values: row(person(6), '出血热疫苗', 1, '2025-02-30', '锦江区疾病预防控制中心'),
      expect: refused('administeredOn', 'BAD_USER_INPUT', null, 'a day that does not exist'),
      fixed: row(person(6), '出血热疫苗', 1, '2025-02-28', '锦江区疾病预防控制中心'),
    },
    {
      values: row(person(7), '出血热疫苗', 1, '2099-01-01', '锦江区疾病预防控制中心'),
      expect: refused('administeredOn', 'BAD_USER_INPUT', null, 'a day in the future'),
      fixed: row(person(7), '出血热疫苗', 1, '2025-05-12', '锦江区疾病预防控制中心'),
    },
    {
      values: row(person(8), '出血热疫苗', 1, '2025-05-13', null),
      expect: refused('institution', 'BAD_USER_INPUT', null, 'no clinic given'),
      fixed: row(person(8), '出血热疫苗', 1, '2025-05-13', '青羊区社区卫生服务中心'),
    },
  ];
  // Broken rows among the good ones, so batches mix both.
  broken.forEach((item, i) => rows.splice(2 + i * 3, 0, item));
  return rows;
}

// ── police: persons ──

function personRows(city: City): FixtureRow[] {
  const divisions = ['510104', '510105', '510106', '510107', '510108', '511302', '500103', '420106'];
  const surnames = ['赵', '钱', '孙', '李', '周', '吴', '郑', '王', '冯', '陈'];
  const given = ['子涵', '浩然', '雨桐', '梓轩', '欣怡', '宇航', '诗涵', '俊杰', '佳怡', '明轩'];
  let sequence = 0;
  const newPerson = (i: number) => {
    const division = pick(divisions, i % divisions.length, 'divisions');
    const sex = i % 2 === 0 ? 'MALE' : 'FEMALE';
    const birth = day('1975-03-01', (i % 40) * 331 + Math.floor(i / 40));
    let idNumber: string;
    do {
      sequence += 1;
      idNumber = makeIdNumber(division, birth, 700 + (sequence % 290), sex);
    } while (city.idNumbers.has(idNumber));
    return {
      idNumber,
      name: `${pick(surnames, i % surnames.length, 'surnames')}${pick(given, (i * 3) % given.length, 'names')}`,
      sex: sex === 'MALE' ? '男' : '女',
      ethnicity: i % 3 === 0 ? '汉' : '汉族',
      householdDivisionCode: division,
      householdAddress: `${DIVISIONS.get(division) ?? ''}人民南路${10 + i}号`,
      phone: i % 4 === 0 ? null : `1390280${String(1000 + i).padStart(4, '0')}`,
    };
  };
  const rows: FixtureRow[] = [];
  for (let i = 0; i < 20; i++) rows.push({ values: newPerson(i), expect: { status: 'LOADED', problems: [], why: 'a resident new to the register' } });
  const asRegistered = (person: Person) => ({
    idNumber: person.idNumber,
    name: person.name,
    sex: person.sex === 'MALE' ? '男' : '女',
    ethnicity: person.ethnicity,
    householdDivisionCode: person.householdDivisionCode,
    householdAddress: person.householdAddress,
    phone: person.phone ?? null,
  });
  for (let i = 0; i < 2; i++) rows.splice(3 + i * 7, 0, { values: asRegistered(pick(city.living, 10 + i, 'persons')), expect: { status: 'UNCHANGED', problems: [], why: 'a resident registered already, alike' } });
  const fresh = (i: number) => newPerson(100 + i);
  const breakers = new Map<string, () => FixtureRow>([
    [
      'person.ethnicity',
      () => {
        const values = fresh(0);
        return { values: { ...values, ethnicity: '火星族' }, expect: refused('ethnicity', 'BAD_USER_INPUT', 'person.ethnicity', 'an ethnic group not of GB 3304'), fixed: values };
      },
    ],
    [
      'person.household-address',
      () => {
        const values = fresh(1);
        return { values: { ...values, householdAddress: '人民南路' }, expect: refused('householdAddress', 'BAD_USER_INPUT', 'person.household-address', 'an address naming no district'), fixed: values };
      },
    ],
    [
      'person.id-number-unique',
      () => {
        const registered = asRegistered(pick(city.living, 20, 'persons'));
        return {
          values: { ...registered, name: `${registered.name}改` },
          expect: refused('idNumber', 'CONFLICT', 'person.id-number-unique', 'a registered number with another name'),
          fixed: registered,
          fixedStatus: 'UNCHANGED',
        };
      },
    ],
  ]);
  const broken = [
    ...brokenRows(PERSONS, breakers),
    (() => {
      const values = fresh(3);
      return { values: { ...values, idNumber: wrongCheck(values.idNumber) }, expect: refused('idNumber', 'BAD_USER_INPUT', null, 'a wrong check character'), fixed: values };
    })(),
    (() => {
      const values = fresh(4);
      return { values: { ...values, sex: values.sex === '男' ? '女' : '男' }, expect: refused('sex', 'BAD_USER_INPUT', null, 'a sex the number contradicts'), fixed: values };
    })(),
    (() => {
      const values = fresh(5);
      return { values: { ...values, householdDivisionCode: '999999' }, expect: refused('householdDivisionCode', 'BAD_USER_INPUT', null, 'a division code of no province'), fixed: values };
    })(),
  ];
  broken.forEach((item, i) => rows.splice(1 + i * 4, 0, item));
  return rows;
}

// ── housing: houses ──

function houseRows(city: City): FixtureRow[] {
  const rows: FixtureRow[] = [];
  const taken = new Set(city.houses.map((h) => h.code));
  let serial = 0;
  const newHouse = (i: number, owner: Person | null) => {
    const grid = pick(city.grids, i % city.grids.length, 'grids');
    let code: string;
    do {
      serial += 1;
      code = `${grid.code}${String(900_000 + serial).slice(-6)}`;
    } while (taken.has(code));
    taken.add(code);
    const division = grid.code.slice(0, 6);
    return {
      code,
      address: `成都市${DIVISIONS.get(division) ?? ''}蜀都大道${100 + i}号${1 + (i % 5)}栋`,
      divisionCode: division,
      gridCode: grid.code,
      ownerIdNumber: owner?.idNumber ?? null,
      ownerName: owner?.name ?? '成都安居物业管理有限公司',
      use: ['自住', '出租', '宿舍', '群租'][i % 4] ?? '自住',
      rooms: String(1 + (i % 6)),
    };
  };
  for (let i = 0; i < 20; i++) rows.push({ values: newHouse(i, i % 3 === 2 ? null : pick(city.adults, i, 'adults')), expect: { status: 'LOADED', problems: [], why: 'a house new to the register' } });
  const uses = new Map([
    ['OWNER_OCCUPIED', '自住'],
    ['RENTAL', '出租'],
    ['GROUP_RENTAL', '群租'],
    ['DORMITORY', '宿舍'],
  ]);
  const asRegistered = (house: SeedRows['houses']) => {
    const owner = house.ownerId ? city.byId.get(house.ownerId) : undefined;
    return {
      code: house.code,
      address: house.address,
      divisionCode: house.divisionCode,
      gridCode: house.gridCode,
      ownerIdNumber: owner?.idNumber ?? null,
      ownerName: house.ownerName,
      use: uses.get(house.use) ?? house.use,
      rooms: String(house.rooms),
    };
  };
  const keptHouses = city.houses.filter((h) => !h.ownerId || city.byId.get(h.ownerId)?.status !== 'MOVED_OUT');
  for (let i = 0; i < 2; i++) rows.splice(2 + i * 6, 0, { values: asRegistered(pick(keptHouses, i, 'houses')), expect: { status: 'UNCHANGED', problems: [], why: 'a house registered already, alike' } });
  const fresh = (i: number) => newHouse(40 + i, pick(city.adults, 60 + i, 'adults'));
  const breakers = new Map<string, () => FixtureRow>([
    [
      'house.grid-exists',
      () => {
        const values = fresh(0);
        return { values: { ...values, gridCode: `${values.divisionCode}999999` }, expect: refused('gridCode', 'NOT_FOUND', 'house.grid-exists', 'a grid the police do not hold'), fixed: values };
      },
    ],
    [
      'house.owner-exists',
      () => {
        const values = fresh(1);
        return { values: { ...values, ownerName: '查无此人' }, expect: refused('ownerIdNumber', 'NOT_FOUND', 'house.owner-exists', 'an owner the register does not confirm'), fixed: values };
      },
    ],
    [
      'house.address',
      () => {
        const values = fresh(2);
        return { values: { ...values, address: '蜀都大道' }, expect: refused('address', 'BAD_USER_INPUT', 'house.address', 'an address naming no district'), fixed: values };
      },
    ],
    [
      'house.code-unique',
      () => {
        const registered = asRegistered(pick(keptHouses, 5, 'houses'));
        return { values: { ...registered, rooms: String(Number(registered.rooms) + 1) }, expect: refused('code', 'CONFLICT', 'house.code-unique', 'a registered code with other rooms'), fixed: registered, fixedStatus: 'UNCHANGED' };
      },
    ],
  ]);
  const broken = [
    ...brokenRows(HOUSES, breakers),
    (() => {
      const values = fresh(4);
      return { values: { ...values, rooms: '0' }, expect: refused('rooms', 'BAD_USER_INPUT', null, 'no rooms'), fixed: values };
    })(),
    (() => {
      const values = fresh(5);
      return { values: { ...values, use: '别墅' }, expect: refused('use', 'BAD_USER_INPUT', null, 'a use that is none of the four'), fixed: values };
    })(),
    (() => {
      const values = fresh(6);
      return { values: { ...values, code: values.code.slice(0, 17) }, expect: refused('code', 'BAD_USER_INPUT', null, 'a code one digit short'), fixed: values };
    })(),
  ];
  broken.forEach((item, i) => rows.splice(1 + i * 4, 0, item));
  // Rows the registered ones share keys with must not clash: a registered house's fixed row is identical to it.
  return rows;
}

// ── labour: employers and employments ──

function employerRows(city: City): FixtureRow[] {
  const rows: FixtureRow[] = [];
  const taken = new Set(city.employers.map((e) => e.creditCode));
  let serial = 0;
  const newEmployer = (i: number) => {
    const grid = pick(city.grids, (i * 3) % city.grids.length, 'grids');
    const division = grid.code.slice(0, 6);
    let creditCode: string;
    do {
      serial += 1;
      creditCode = makeCreditCode(division, `MA${String(6_100_000 + serial).padStart(7, '0')}`);
    } while (taken.has(creditCode));
    taken.add(creditCode);
    return {
      creditCode,
      name: `成都${['锦程', '天府', '蓉城', '芙蓉', '银杏'][i % 5] ?? ''}${['餐饮', '物流', '科技', '建筑', '物业'][i % 5] ?? ''}有限公司${i}`,
      industry: pick(INDUSTRIES, (i * 5) % INDUSTRIES.length, 'industries'),
      address: `成都市${DIVISIONS.get(division) ?? ''}天府大道${200 + i}号`,
      divisionCode: division,
      gridCode: grid.code,
    };
  };
  for (let i = 0; i < 15; i++) rows.push({ values: newEmployer(i), expect: { status: 'LOADED', problems: [], why: 'an employer new to labour' } });
  const asRegistered = (employer: SeedRows['employers']) => ({
    creditCode: employer.creditCode,
    name: employer.name,
    industry: employer.industry,
    address: employer.address,
    divisionCode: employer.divisionCode,
    gridCode: employer.gridCode,
  });
  rows.splice(5, 0, { values: asRegistered(pick(city.employers, 0, 'employers')), expect: { status: 'UNCHANGED', problems: [], why: 'an employer registered already, alike' } });
  const fresh = (i: number) => newEmployer(30 + i);
  const breakers = new Map<string, () => FixtureRow>([
    [
      'employer.grid-exists',
      () => {
        const values = fresh(0);
        return { values: { ...values, gridCode: `${values.divisionCode}999999` }, expect: refused('gridCode', 'NOT_FOUND', 'employer.grid-exists', 'a grid the police do not hold'), fixed: values };
      },
    ],
    [
      'employer.industry',
      () => {
        const values = fresh(1);
        return { values: { ...values, industry: '星际贸易' }, expect: refused('industry', 'BAD_USER_INPUT', 'employer.industry', 'an industry not of GB/T 4754'), fixed: values };
      },
    ],
    [
      'employer.address',
      () => {
        const values = fresh(2);
        return { values: { ...values, address: '天府大道1号' }, expect: refused('address', 'BAD_USER_INPUT', 'employer.address', 'an address naming no district'), fixed: values };
      },
    ],
    [
      'employer.credit-code-unique',
      () => {
        const registered = asRegistered(pick(city.employers, 1, 'employers'));
        return { values: { ...registered, name: `${registered.name}（新）` }, expect: refused('creditCode', 'CONFLICT', 'employer.credit-code-unique', 'a registered code with another name'), fixed: registered, fixedStatus: 'UNCHANGED' };
      },
    ],
  ]);
  const broken = [
    ...brokenRows(EMPLOYERS, breakers),
    (() => {
      const values = fresh(4);
      const right = values.creditCode;
      return { values: { ...values, creditCode: `${right.slice(0, 17)}${right.endsWith('0') ? '1' : '0'}` }, expect: refused('creditCode', 'BAD_USER_INPUT', null, 'a wrong check character'), fixed: values };
    })(),
  ];
  broken.forEach((item, i) => rows.splice(1 + i * 3, 0, item));
  return rows;
}

function employmentRows(city: City): FixtureRow[] {
  const rows: FixtureRow[] = [];
  const labels = new Map([
    ['INSURED', '已参保'],
    ['SUSPENDED', '暂停参保'],
    ['NOT_INSURED', '未参保'],
  ]);
  const employed = new Set(city.employments.map((e) => e.personId));
  const workers = city.adults.filter((p) => !employed.has(p.id));
  const row = (person: Person, employer: SeedRows['employers'], start: string, end: string | null, insured = 'INSURED') => ({
    idNumber: person.idNumber,
    name: person.name,
    creditCode: employer.creditCode,
    position: ['厨师', '快递员', '软件工程师', '保安', '会计'][start.charCodeAt(9) % 5] ?? '职员',
    start,
    end,
    socialInsurance: labels.get(insured) ?? insured,
  });
  for (let i = 0; i < 15; i++) {
    rows.push({
      values: row(pick(workers, i, 'workers'), pick(city.employers, i % city.employers.length, 'employers'), day('2023-02-01', i * 11), i % 4 === 3 ? day('2024-06-30', i) : null, ['INSURED', 'SUSPENDED', 'NOT_INSURED'][i % 3]),
      expect: { status: 'LOADED', problems: [], why: 'a job new to labour' },
    });
  }
  // A key person's new job: the police of the employer's grid are told, as of a job registered on its own.
  const keyPerson = city.adults.find((p) => city.flagged.has(p.id) && !employed.has(p.id));
  if (!keyPerson) throw new Error('the fixture city has no key person without a job');
  rows.splice(7, 0, { values: row(keyPerson, pick(city.employers, 2, 'employers'), '2025-09-01', null), expect: { status: 'LOADED', problems: [], why: 'a key person’s new job' } });
  const recorded = city.employments.filter((e) => city.byId.get(e.personId)?.status !== 'MOVED_OUT');
  const asRecorded = (employment: SeedRows['employments']) => {
    const person = city.byId.get(employment.personId) as Person;
    const employer = city.employers.find((e) => e.id === employment.employerId) as SeedRows['employers'];
    return { ...row(person, employer, employment.start, employment.end ?? null, employment.socialInsurance), position: employment.position };
  };
  rows.splice(4, 0, { values: asRecorded(pick(recorded, 0, 'employments')), expect: { status: 'UNCHANGED', problems: [], why: 'a job recorded already, alike' } });
  const worker = (i: number) => pick(workers, 30 + i, 'workers');
  const employer = (i: number) => pick(city.employers, (i * 7) % city.employers.length, 'employers');
  const open = pick(
    recorded.filter((e) => e.end === null),
    0,
    'open employments',
  );
  const openRow = asRecorded(open);
  const breakers = new Map<string, () => FixtureRow>([
    [
      'employment.person-exists',
      () => ({
        values: { ...row(worker(0), employer(0), '2024-03-01', null), name: '查无此人' },
        expect: refused('idNumber', 'NOT_FOUND', 'employment.person-exists', 'a worker the register does not confirm'),
        fixed: row(worker(0), employer(0), '2024-03-01', null),
      }),
    ],
    [
      'employment.working-age',
      () => ({
        values: row(pick(city.children, 0, 'children'), employer(1), '2024-03-02', null),
        expect: refused('idNumber', 'BAD_USER_INPUT', 'employment.working-age', 'a child as the worker'),
        fixed: row(worker(1), employer(1), '2024-03-02', null),
      }),
    ],
    [
      'employment.employer-exists',
      () => {
        const unknown = makeCreditCode('510107', 'MA9999999');
        return {
          values: { ...row(worker(2), employer(2), '2024-03-03', null), creditCode: unknown },
          expect: refused('creditCode', 'NOT_FOUND', 'employment.employer-exists', 'an employer labour does not hold'),
          fixed: row(worker(2), employer(2), '2024-03-03', null),
        };
      },
    ],
    [
      'employment.end-after-start',
      () => ({
        values: row(worker(3), employer(3), '2024-03-04', '2024-01-04'),
        expect: refused('end', 'BAD_USER_INPUT', 'employment.end-after-start', 'an end before the start'),
        fixed: row(worker(3), employer(3), '2024-03-04', '2024-09-04'),
      }),
    ],
    [
      'employment.no-overlap',
      () => ({
        values: { ...openRow, start: day(open.start, 10) },
        expect: refused('start', 'CONFLICT', 'employment.no-overlap', 'a second job at the same employer over the same days'),
        fixed: openRow,
        fixedStatus: 'UNCHANGED',
      }),
    ],
  ]);
  const broken = [
    ...brokenRows(EMPLOYMENTS, breakers),
    {
      values: { ...row(worker(5), employer(5), '2024-03-05', null), socialInsurance: '不知道' },
      expect: refused('socialInsurance', 'BAD_USER_INPUT', null, 'an insurance status that is none of the three'),
      fixed: row(worker(5), employer(5), '2024-03-05', null),
    },
  ];
  broken.forEach((item, i) => rows.splice(1 + i * 3, 0, item));
  return rows;
}

// ── writing the files ──

interface Layout {
  /** Header per field, in column order; a field not listed is not written. */
  columns: readonly (readonly [field: string, header: string])[];
}

function csvText(layout: Layout, rows: readonly FixtureRow[], use: 'values' | 'fixed', separator = ','): string {
  const quote = (value: string) => (/[",\r\n]/.test(value) || value.includes(separator) ? `"${value.replace(/"/g, '""')}"` : value);
  const lines = [layout.columns.map(([, header]) => quote(header)).join(separator)];
  for (const row of rows) {
    const values = use === 'fixed' ? (row.fixed ?? row.values) : row.values;
    lines.push(layout.columns.map(([field]) => quote(values[field] ?? '')).join(separator));
  }
  return `${lines.join('\r\n')}\r\n`;
}

function expected(rows: readonly FixtureRow[], firstRow: number): ExpectedRow[] {
  return rows.map((row, i) => ({ rowNumber: firstRow + i, ...row.expect }));
}

/** After the file was imported, its corrected copy: broken rows fixed load, the rest are stored already. */
function expectedAfterFix(rows: readonly FixtureRow[], firstRow: number): ExpectedRow[] {
  return rows.map((row, i) => ({
    rowNumber: firstRow + i,
    status: row.fixed && row.expect.status === 'REFUSED' ? (row.fixedStatus ?? 'LOADED') : 'UNCHANGED',
    problems: [],
    why: row.fixed ? `${row.expect.why}, fixed` : row.expect.why,
  }));
}

/** A workbook the import tests read: a title row merged across, then a header two rows deep with merged group labels. */
async function mergedWorkbook(title: string, groups: readonly (readonly [label: string, columns: readonly (readonly [field: string, header: string])[]])[], rows: readonly FixtureRow[], use: 'values' | 'fixed'): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  // Fixed dates, so the same rows make the same workbook content.
  workbook.created = new Date(Date.UTC(2026, 0, 1));
  workbook.modified = new Date(Date.UTC(2026, 0, 1));
  const sheet = workbook.addWorksheet('房屋');
  const columns = groups.flatMap(([, cols]) => cols);
  sheet.addRow([title]);
  sheet.mergeCells(1, 1, 1, columns.length);
  sheet.addRow(groups.flatMap(([label, cols]) => [label, ...cols.slice(1).map(() => null)]));
  sheet.addRow(columns.map(([, header]) => header));
  let at = 1;
  for (const [, cols] of groups) {
    if (cols.length > 1) sheet.mergeCells(2, at, 2, at + cols.length - 1);
    at += cols.length;
  }
  for (const row of rows) {
    const values = use === 'fixed' ? (row.fixed ?? row.values) : row.values;
    sheet.addRow(columns.map(([field]) => values[field] ?? null));
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

async function plainWorkbook(layout: Layout, rows: readonly FixtureRow[], use: 'values' | 'fixed'): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.created = new Date(Date.UTC(2026, 0, 1));
  workbook.modified = new Date(Date.UTC(2026, 0, 1));
  const sheet = workbook.addWorksheet('就业登记');
  sheet.addRow(layout.columns.map(([, header]) => header));
  for (const row of rows) {
    const values = use === 'fixed' ? (row.fixed ?? row.values) : row.values;
    // Days as the spreadsheet's own dates, as an export from a system would hold them.
    sheet.addRow(layout.columns.map(([field]) => (/^(start|end)$/.test(field) && values[field] && /^\d{4}-\d{2}-\d{2}$/.test(values[field] ?? '') ? new Date(`${values[field]}T00:00:00Z`) : (values[field] ?? null))));
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

const VACCINATION_LAYOUT: Layout = {
  columns: [
    ['idNumber', '身份证号'],
    ['name', '姓名'],
    ['vaccine', '疫苗名称'],
    ['dose', '剂次'],
    ['administeredOn', '接种日期'],
    ['institution', '接种单位'],
    ['phone', '联系电话'],
  ],
};

/** The health department's own headers, some no vocabulary knows: the mapping file names them. */
const OWN_HEADERS_LAYOUT: Layout = {
  columns: [
    ['idNumber', '受种人证件号码'],
    ['name', '受种人姓名'],
    ['vaccine', '苗种'],
    ['dose', '针次'],
    ['administeredOn', '接种时间'],
    ['institution', '接种门诊'],
    ['phone', '联系电话'],
  ],
};

const PERSON_LAYOUT: Layout = {
  columns: [
    ['idNumber', 'ID number'],
    ['name', 'Name'],
    ['sex', 'Sex'],
    ['ethnicity', 'Ethnicity'],
    ['householdDivisionCode', 'Household division code'],
    ['householdAddress', 'Household address'],
    ['phone', 'Phone'],
  ],
};

const EMPLOYER_LAYOUT: Layout = {
  columns: [
    ['creditCode', '统一社会信用代码'],
    ['name', '单位名称'],
    ['industry', '所属行业'],
    ['address', '单位地址'],
    ['divisionCode', '行政区划代码'],
    ['gridCode', '网格编码'],
  ],
};

const EMPLOYMENT_LAYOUT: Layout = {
  columns: [
    ['idNumber', '身份证号码'],
    ['name', '姓名'],
    ['creditCode', '用人单位统一社会信用代码'],
    ['position', '岗位'],
    ['start', '入职日期'],
    ['end', '离职日期'],
    ['socialInsurance', '参保状态'],
  ],
};

const HOUSE_GROUPS = [
  [
    '房屋信息',
    [
      ['code', '房屋编码'],
      ['address', '房屋坐落'],
      ['divisionCode', '行政区划代码'],
      ['gridCode', '网格编码'],
      ['use', '用途'],
      ['rooms', '房间数'],
    ],
  ],
  [
    '产权人',
    [
      ['ownerIdNumber', '身份证号'],
      ['ownerName', '姓名'],
    ],
  ],
] as const;

/** Every fixture, built in memory from the synthetic city. */
export async function importFixtures(): Promise<Fixture[]> {
  const city = cityData();
  const vaccinations = vaccinationRows(city);
  const persons = personRows(city);
  const houses = houseRows(city);
  const employers = employerRows(city);
  const employments = employmentRows(city);
  const gbk = (text: string) => iconv.encode(text, 'gbk');
  const bom = (text: string) => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
  // Doses of their own, so the file loads whatever was imported before it.
  const ownRows: FixtureRow[] = Array.from({ length: 6 }, (_, i) => {
    const person = pick(city.adults, 50 + i, 'adults');
    return {
      values: { idNumber: person.idNumber, name: person.name, vaccine: '肺炎球菌疫苗', dose: '1', administeredOn: day('2025-06-02', i), institution: pick(INSTITUTIONS, i % INSTITUTIONS.length, 'institutions'), phone: person.phone ?? null },
      expect: { status: 'LOADED', problems: [], why: 'a new dose, under the department’s own headers' },
    };
  });
  return [
    {
      file: 'vaccinations.gbk.csv',
      department: 'health',
      kind: VACCINATIONS,
      bytes: gbk(csvText(VACCINATION_LAYOUT, vaccinations, 'values')),
      rows: expected(vaccinations, 2),
      fixed: gbk(csvText(VACCINATION_LAYOUT, vaccinations, 'fixed')),
      fixedRows: expectedAfterFix(vaccinations, 2),
    },
    {
      file: 'vaccinations-own-headers.csv',
      department: 'health',
      kind: VACCINATIONS,
      mapping: 'vaccinations.mapping.json',
      bytes: Buffer.from(csvText(OWN_HEADERS_LAYOUT, ownRows, 'values').replace(/,/g, '\t').replace(/\r\n/g, '\n'), 'utf8'),
      rows: expected(ownRows, 2),
    },
    {
      file: 'persons.utf8-bom.csv',
      department: 'police',
      kind: PERSONS,
      bytes: bom(csvText(PERSON_LAYOUT, persons, 'values')),
      rows: expected(persons, 2),
      fixed: bom(csvText(PERSON_LAYOUT, persons, 'fixed')),
      fixedRows: expectedAfterFix(persons, 2),
    },
    {
      file: 'houses.merged-header.xlsx',
      department: 'housing',
      kind: HOUSES,
      bytes: await mergedWorkbook('成都市房屋登记信息（历史数据导出）', HOUSE_GROUPS, houses, 'values'),
      rows: expected(houses, 4),
      fixed: await mergedWorkbook('成都市房屋登记信息（历史数据导出）', HOUSE_GROUPS, houses, 'fixed'),
      fixedRows: expectedAfterFix(houses, 4),
    },
    {
      file: 'employers.csv',
      department: 'labour',
      kind: EMPLOYERS,
      bytes: Buffer.from(csvText(EMPLOYER_LAYOUT, employers, 'values'), 'utf8'),
      rows: expected(employers, 2),
      fixed: Buffer.from(csvText(EMPLOYER_LAYOUT, employers, 'fixed'), 'utf8'),
      fixedRows: expectedAfterFix(employers, 2),
    },
    {
      file: 'employments.xlsx',
      department: 'labour',
      kind: EMPLOYMENTS,
      bytes: await plainWorkbook(EMPLOYMENT_LAYOUT, employments, 'values'),
      rows: expected(employments, 2),
      fixed: await plainWorkbook(EMPLOYMENT_LAYOUT, employments, 'fixed'),
      fixedRows: expectedAfterFix(employments, 2),
    },
  ];
}

/** Files no import can take: each is refused whole, naming why, and nothing is stored. */
export function badFiles(): { file: string; bytes: Buffer; says: RegExp }[] {
  const png = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');
  return [
    { file: 'not-a-spreadsheet.csv', bytes: png, says: /neither a CSV nor an XLSX/ },
    { file: 'empty.csv', bytes: Buffer.alloc(0), says: /is empty/ },
    { file: 'header-only.csv', bytes: Buffer.from('身份证号,姓名,疫苗名称,剂次,接种日期,接种单位\r\n', 'utf8'), says: /no rows of records/ },
    {
      file: 'missing-column.csv',
      bytes: Buffer.from('身份证号,姓名,疫苗名称,剂次,接种单位\r\n110101199003070011,张三,乙肝疫苗,1,武侯区妇幼保健院\r\n', 'utf8'),
      says: /no column for administeredOn/,
    },
  ];
}

/** The mapping file of the health department's own headers. */
export const OWN_HEADERS_MAPPING = {
  kind: 'vaccinations',
  columns: Object.fromEntries(OWN_HEADERS_LAYOUT.columns.map(([field, header]) => [header, field === 'phone' ? null : field])),
};

async function main(): Promise<void> {
  mkdirSync(FIXTURES_DIR, { recursive: true });
  const write = (file: string, bytes: Buffer | string) => {
    writeFileSync(path.join(FIXTURES_DIR, file), bytes);
    process.stdout.write(`wrote tests/fixtures/import/${file}\n`);
  };
  for (const fixture of await importFixtures()) write(fixture.file, fixture.bytes);
  for (const bad of badFiles()) write(bad.file, bad.bytes);
  write('vaccinations.mapping.json', `${JSON.stringify(OWN_HEADERS_MAPPING, null, 2)}\n`);
}

if (isEntryPoint(import.meta.url)) await main();
