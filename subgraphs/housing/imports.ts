import { ruleLine, type ImportKindRuntime, type StoredRecord } from '../import/engine.js';
import { DIVISION_HEADERS, GRID_HEADERS, ID_NUMBER_HEADERS, type ImportKindDefinition } from '../import/kinds.js';
import { resolvePersons } from '../import/people.js';
import type { HouseRow, NewHouseRow } from './db/schema.js';
import { HOUSING_RECORD_RULES } from './record-rules.js';
import { HousingRules } from './rules.js';
import { HousingStore, type HousingTx } from './store.js';

/**
 * Housing's records an import loads: houses, each held to `registerHouse`'s
 * rules. An owner who is a resident is named by identity number and name,
 * which the police confirm through the hub; an owner with no number (a
 * company) is named only.
 */

export const HOUSES: ImportKindDefinition = {
  name: 'houses',
  department: 'housing',
  mutation: 'registerHouse',
  title: 'houses of the housing register (房屋登记)',
  fields: [
    { name: 'code', label: 'unified house code, 18 digits starting with the division code', required: true, type: 'code', headers: ['房屋编码', '统一房屋编码', '房屋编号', '房屋代码', 'house code', 'housecode', 'code'] },
    { name: 'address', label: "address, naming the house's district and a street", required: true, type: 'text', headers: ['房屋地址', '房屋坐落', '坐落', '详细地址', '地址', 'address'] },
    { name: 'divisionCode', label: 'district or county division code', required: true, type: 'code', headers: DIVISION_HEADERS },
    { name: 'gridCode', label: 'grid code', required: true, type: 'code', headers: GRID_HEADERS },
    {
      name: 'ownerIdNumber',
      label: "owner's identity number, when the owner is a resident",
      required: false,
      type: 'code',
      headers: [...ID_NUMBER_HEADERS.map((h) => `产权人${h}`), ...ID_NUMBER_HEADERS.map((h) => `房主${h}`), ...ID_NUMBER_HEADERS.map((h) => `owner ${h}`)],
    },
    { name: 'ownerName', label: "owner's name (a person or a company)", required: true, type: 'text', headers: ['产权人', '产权人姓名', '产权人名称', '房主', '房主姓名', 'owner', 'owner name'] },
    {
      name: 'use',
      label: 'use: owner-occupied, rental, group rental or dormitory',
      required: true,
      type: 'choice',
      choices: [
        ['自住', 'OWNER_OCCUPIED'],
        ['自用', 'OWNER_OCCUPIED'],
        ['owner-occupied', 'OWNER_OCCUPIED'],
        ['出租', 'RENTAL'],
        ['租赁', 'RENTAL'],
        ['rental', 'RENTAL'],
        ['群租', 'GROUP_RENTAL'],
        ['group rental', 'GROUP_RENTAL'],
        ['宿舍', 'DORMITORY'],
        ['集体宿舍', 'DORMITORY'],
        ['dormitory', 'DORMITORY'],
      ],
      headers: ['房屋用途', '用途', '使用性质', 'use', 'house use'],
    },
    { name: 'rooms', label: 'rooms, 1 to 500', required: true, type: 'integer', headers: ['房间数', '间数', '房间数量', 'rooms'] },
  ],
  naturalKey: ['code'],
  naturalKeyWords: 'the unified house code',
  unconfinedOnly: false,
};

interface HouseInput {
  code: string;
  address: string;
  divisionCode: string;
  gridCode: string;
  ownerId: string | null;
  ownerName: string;
  use: string;
  rooms: number;
}

const OWNER_EXISTS = ruleLine(HOUSING_RECORD_RULES, 'house.owner-exists', 'reference');
const CODE_UNIQUE = ruleLine(HOUSING_RECORD_RULES, 'house.code-unique', 'conflict');

const text = (value: unknown): string => (typeof value === 'string' ? value : '');

/** A store whose house write is the batch's: the rules run unchanged and hand their record to the import. */
class ImportingHousingStore extends HousingStore {
  constructor(
    store: HousingStore,
    private readonly write: (payload: unknown) => Promise<HouseRow | null>,
  ) {
    super(store.db);
  }

  override insertHouse(row: NewHouseRow): Promise<HouseRow | null> {
    return this.write(row);
  }
}

const comparedOf = (house: Omit<HouseInput, 'code'>): Record<string, unknown> => ({
  address: house.address,
  divisionCode: house.divisionCode,
  gridCode: house.gridCode,
  ownerId: house.ownerId,
  ownerName: house.ownerName,
  use: house.use,
  rooms: house.rooms,
});

/** Housing's import kinds, over its store. */
export function housingImportKinds(store: HousingStore, groupRentalFactor: number): ImportKindRuntime<HouseInput, HousingTx>[] {
  const houses: ImportKindRuntime<HouseInput, HousingTx> = {
    definition: HOUSES,
    rules: HOUSING_RECORD_RULES.filter((line) => line.mutation === 'registerHouse'),
    problemFields: new Map([['input.ownerId', 'ownerIdNumber']]),
    keyConflict: CODE_UNIQUE,
    async inputs(rows, ask) {
      const owners = await resolvePersons(rows, { idNumber: 'ownerIdNumber', name: 'ownerName', exists: OWNER_EXISTS, optional: true }, ask);
      return rows.map((row, index) => {
        const owner = owners[index];
        if (Array.isArray(owner)) return owner;
        const rooms = row.values.get('rooms');
        return {
          code: text(row.values.get('code')),
          address: text(row.values.get('address')),
          divisionCode: text(row.values.get('divisionCode')),
          gridCode: text(row.values.get('gridCode')),
          ownerId: owner ?? null,
          ownerName: text(row.values.get('ownerName')),
          use: text(row.values.get('use')),
          rooms: typeof rooms === 'number' ? rooms : Number.NaN,
        };
      });
    },
    keyOf: (input) => input.code,
    compared: comparedOf,
    async existing(inputs) {
      const stored = await store.housesByCodes(inputs.map((input) => input.code));
      return new Map(stored.map((house): [string, StoredRecord] => [house.code, { recordId: house.id, personId: null, values: comparedOf(house) }]));
    },
    validate: (input, session, principal) =>
      new HousingRules(new ImportingHousingStore(store, (row) => session.write(row)), groupRentalFactor).registerHouse(input, principal, session.checks),
    async write(tx, payloads) {
      const rows = payloads as NewHouseRow[];
      const inserted = await store.insertHouses(tx, rows);
      return rows.map((row, index) => {
        const house = inserted[index] ?? null;
        return house
          ? { written: true as const, recordId: house.id, personId: null, answer: house }
          : { written: false as const, problem: { field: 'code', code: 'CONFLICT', message: `${CODE_UNIQUE.says}: ${row.code} is already registered`, rule: CODE_UNIQUE.id }, answer: null };
      });
    },
  };
  return [houses];
}
