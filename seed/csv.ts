// CSV for PostgreSQL's COPY ... WITH (FORMAT csv): a NULL is an unquoted empty
// field, so an empty string must be quoted; quotes are doubled inside quotes.
import { getTableColumns } from 'drizzle-orm';
import { getTableConfig, type PgTable } from 'drizzle-orm/pg-core';
import { at } from '../platform/arrays.js';

export interface CopyColumn {
  /** Property name of the row object (camelCase, as in the drizzle table). */
  readonly key: string;
  /** SQL column name. */
  readonly name: string;
}

export interface CopyTarget {
  /** SQL table name, as declared in the drizzle table. */
  readonly table: string;
  readonly columns: readonly CopyColumn[];
  /** `"schema"."table" ("a", "b")`, ready to follow COPY. */
  readonly target: string;
}

const quoteIdentifier = (name: string): string => `"${name.replace(/"/g, '""')}"`;

/**
 * The columns to copy, read from the drizzle table so that a renamed SQL
 * column is followed automatically and a new required column, or a row
 * property the table does not have, fails loudly instead of loading wrong data.
 * Columns the rows leave out keep their database defaults.
 */
export function copyTarget(table: PgTable, sample: Record<string, unknown>): CopyTarget {
  const config = getTableConfig(table);
  const keyOf = new Map(Object.entries(getTableColumns(table)).map(([key, column]) => [column, key]));
  const known = new Set(keyOf.values());
  for (const key of Object.keys(sample)) {
    if (!known.has(key)) throw new Error(`seed rows for ${config.name} have a property "${key}" that the table does not define`);
  }
  const columns: CopyColumn[] = [];
  for (const column of config.columns) {
    const key = keyOf.get(column);
    if (key === undefined) continue;
    if (key in sample) {
      columns.push({ key, name: column.name });
    } else if (column.notNull && !column.hasDefault) {
      throw new Error(`seed rows for ${config.name} lack the required column ${column.name} ("${key}")`);
    }
  }
  const qualified = config.schema ? `${quoteIdentifier(config.schema)}.${quoteIdentifier(config.name)}` : quoteIdentifier(config.name);
  return { table: config.name, columns, target: `${qualified} (${columns.map((c) => quoteIdentifier(c.name)).join(', ')})` };
}

// A backslash is quoted too: an unquoted `\.` alone on a line ends the data.
const NEEDS_QUOTES = /[",\r\n\\]/;

export function csvField(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') {
    return value === '' || NEEDS_QUOTES.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
  }
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new RangeError(`cannot copy the number ${value}`);
    return String(value);
  }
  if (typeof value === 'boolean') return value ? 't' : 'f';
  if (typeof value === 'bigint') return value.toString();
  if (value instanceof Date) return value.toISOString();
  return csvField(JSON.stringify(value));
}

export function csvLine(row: Record<string, unknown>, columns: readonly CopyColumn[]): string {
  let line = csvField(row[at(columns, 0).key]);
  for (let c = 1; c < columns.length; c++) line += `,${csvField(row[at(columns, c).key])}`;
  return `${line}\n`;
}

export interface CsvChunk {
  readonly csv: string;
  readonly rows: number;
}

/** Consecutive rows as CSV text of at most `rowsPerChunk` lines each. */
export function* csvChunks(
  rows: Iterator<Record<string, unknown>>,
  columns: readonly CopyColumn[],
  rowsPerChunk: number,
): Generator<CsvChunk> {
  let csv = '';
  let count = 0;
  for (let next = rows.next(); !next.done; next = rows.next()) {
    csv += csvLine(next.value, columns);
    count += 1;
    if (count === rowsPerChunk) {
      yield { csv, rows: count };
      csv = '';
      count = 0;
    }
  }
  if (count > 0) yield { csv, rows: count };
}
