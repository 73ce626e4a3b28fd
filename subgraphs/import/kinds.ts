import type { Department } from '../registry.js';

/**
 * What a kind of legacy record is to an import: the department that owns
 * it, the single write whose rules every row goes through, the fields a row
 * gives, the headers a department's old system may have written for each,
 * and the natural key that makes a second run load only what is new.
 *
 * Pure data: the command line reads it to map a file's headers, the
 * documentation lists it, and each department's subgraph pairs it with the
 * code that runs a row through its rules (subgraphs/<department>/imports.ts).
 */

/** How a cell's text is read before the department's rules see it. */
export type ImportFieldType =
  /** Text as given, trimmed. */
  | 'text'
  /** A code: full-width characters and spaces folded, letters in capitals (a final `x` of an identity number). */
  | 'code'
  /** A whole number, full-width digits allowed. */
  | 'integer'
  /** A calendar day: 2024-03-05, 2024/3/5, 2024.3.5, 20240305 or 2024年3月5日, read as YYYY-MM-DD. */
  | 'date'
  /** One of a closed list, with the spellings old systems use for each (`choices`). */
  | 'choice';

export interface ImportField {
  /** The field's name in the import API, e.g. `administeredOn`. */
  name: string;
  /** What it holds, in plain words, for the documentation and the error report. */
  label: string;
  required: boolean;
  type: ImportFieldType;
  /** For `choice`: each accepted spelling (compared without case and spaces) and the value it stands for; the value itself is taken too, other text refused naming the spellings. */
  choices?: readonly (readonly [spelling: string, value: string])[];
  /**
   * Headers old systems write for it, Chinese and English, compared without
   * case, spaces and punctuation. A file whose header is none of these maps
   * it with a mapping file (docs/import.md).
   */
  headers: readonly string[];
}

export interface ImportKindDefinition {
  /** What `--kind` names, e.g. `vaccinations`. */
  name: string;
  department: Department;
  /** The department's single write whose rules each row is held to, e.g. `recordVaccination`. */
  mutation: string;
  /** One line for the documentation. */
  title: string;
  fields: readonly ImportField[];
  /** The fields whose values together name one record: a row whose key is stored already loads nothing. */
  naturalKey: readonly string[];
  /** How the key is read, in words, for the documentation (the person is named by identity number and name). */
  naturalKeyWords: string;
  /** Only callers confined to no grid or district may import it (the single write refuses them too). */
  unconfinedOnly: boolean;
}

/** The most rows one batch may hold; the command line sends 500 unless told otherwise. */
export const MAX_BATCH_ROWS = 1_000;
export const DEFAULT_BATCH_ROWS = 500;

/** Headers that name a resident's identity number, shared by every kind that names a person by it. */
export const ID_NUMBER_HEADERS = ['身份证号', '身份证号码', '公民身份号码', '身份证件号码', '证件号码', '身份证', 'id number', 'identity number', 'id card number', 'idnumber', 'id_number'] as const;
/** Headers that name a resident's name. */
export const NAME_HEADERS = ['姓名', '名字', '人员姓名', 'name', 'full name', 'person name'] as const;
export const DIVISION_HEADERS = ['行政区划代码', '区划代码', '所在区县代码', '区县代码', 'division code', 'divisioncode', 'division_code', 'district code'] as const;
export const GRID_HEADERS = ['网格编码', '网格代码', '所属网格', '网格编号', 'grid code', 'gridcode', 'grid_code', 'grid'] as const;
export const CREDIT_CODE_HEADERS = ['统一社会信用代码', '社会信用代码', '信用代码', 'credit code', 'creditcode', 'credit_code', 'unified social credit code'] as const;

/**
 * A header as compared: without case, spaces, punctuation and the
 * full-width forms old systems mix in, so `身份证号码：` and `ID Number`
 * find their fields.
 */
export function headerKey(header: string): string {
  return header
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s\p{P}\p{S}]/gu, '');
}

/** A field of a kind by name, looked up in the kind's own list (never on an object a caller's string could reach into). */
export function fieldOf(kind: ImportKindDefinition, name: string): ImportField | undefined {
  return kind.fields.find((field) => field.name === name);
}
