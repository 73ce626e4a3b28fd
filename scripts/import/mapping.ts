import { readFile } from 'node:fs/promises';
import secureJson from 'secure-json-parse';
import { z } from 'zod';
import { headerKey, type ImportKindDefinition } from '../../subgraphs/import/kinds.js';
import { ImportFileError, type SheetRow } from './read.js';

/**
 * Which column of a file is which field of a kind of record. The header is
 * found among the first rows (old exports put a title above it), and may be
 * two rows deep: a group label over merged cells (`产权人` over `身份证号` and
 * `姓名`) is read into each column under it. Each column is matched by the
 * mapping file first, then by the kind's own vocabulary of headers, Chinese
 * and English; a column matching nothing is not imported.
 */

/**
 * A mapping file: the department's own headers and the fields they hold
 * (null: a column not to import), and the kind when it is not on the
 * command line.
 *
 *   { "kind": "vaccinations", "columns": { "受种人证件号": "idNumber", "备注": null } }
 */
const MappingFileShape = z.object({
  kind: z.string().trim().min(1).optional(),
  columns: z.record(z.string().trim().min(1), z.string().trim().min(1).nullable()),
});

export interface MappingFile {
  kind?: string | undefined;
  /** Header → field (null: not imported); a Map, so no header of a file is ever a key of a plain object. */
  columns: ReadonlyMap<string, string | null>;
}

export interface ColumnMapping {
  kind: ImportKindDefinition;
  /** The rows the header takes; data rows follow. */
  headerRows: number[];
  /** The field each mapped column holds, by column index. */
  columns: { index: number; header: string; field: string }[];
  /** Headers of the columns not imported. */
  ignored: string[];
}

/** How many rows from the top the header is looked for in. */
const HEADER_SEARCH_ROWS = 10;

export async function readMappingFile(file: string): Promise<MappingFile> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new ImportFileError(`the mapping file ${file} cannot be read: ${(error as NodeJS.ErrnoException).code ?? 'unknown error'}`);
  }
  let json: unknown;
  try {
    // A header named __proto__ is refused, not read into the object it describes.
    json = secureJson.parse(text.replace(/^\uFEFF/, ''), undefined, { protoAction: 'error', constructorAction: 'error' });
  } catch {
    throw new ImportFileError(`the mapping file ${file} is not JSON (or names __proto__ or constructor)`);
  }
  const parsed = MappingFileShape.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ImportFileError(`the mapping file ${file}: ${issue?.path.join('.') || 'its content'} ${issue?.message ?? 'is invalid'}; it looks like {"kind": "vaccinations", "columns": {"受种人证件号": "idNumber"}}`);
  }
  return { kind: parsed.data.kind, columns: new Map(Object.entries(parsed.data.columns)) };
}

/** The names a header cell may be matched by: its own text, and under a group label the two together. */
function candidatesOf(top: string | null, bottom: string | null): string[] {
  if (bottom !== null && top !== null && top !== bottom) return [`${top}${bottom}`, `${top} ${bottom}`, bottom];
  return [bottom ?? top].filter((name): name is string => name !== null);
}

/** The field a header names for a kind: the mapping file's word first, then the kind's vocabulary. */
function fieldFor(kind: ImportKindDefinition, names: readonly string[], mapping: MappingFile | null): { field: string | null; mapped: boolean } | null {
  for (const name of names) {
    const key = headerKey(name);
    const entry = [...(mapping?.columns ?? new Map<string, string | null>())].find(([header]) => headerKey(header) === key);
    if (entry) return { field: entry[1], mapped: true };
  }
  for (const name of names) {
    const key = headerKey(name);
    const field = kind.fields.find((f) => f.headers.some((header) => headerKey(header) === key) || headerKey(f.name) === key);
    if (field) return { field: field.name, mapped: false };
  }
  return null;
}

/** How well a row reads as a header of the kind: how many of its cells name a field. */
function score(kind: ImportKindDefinition, row: SheetRow, mapping: MappingFile | null): number {
  return row.cells.filter((cell) => cell !== null && fieldFor(kind, [cell], mapping)?.field != null).length;
}

/**
 * Maps the first rows of a file to the columns of a kind: the kind named,
 * else the one of the department's kinds whose fields the header names
 * best. Throws an ImportFileError naming what is missing.
 */
export function mapColumns(first: readonly SheetRow[], kinds: readonly ImportKindDefinition[], named: string | undefined, mapping: MappingFile | null): ColumnMapping {
  const rows = first.slice(0, HEADER_SEARCH_ROWS).filter((row) => row.cells.some((cell) => cell !== null));
  if (rows.length === 0) throw new ImportFileError('the file holds no rows');
  const wanted = named ?? mapping?.kind;
  let candidates = kinds;
  if (wanted !== undefined) {
    const kind = kinds.find((k) => k.name === wanted);
    if (!kind) throw new ImportFileError(`${wanted} is not a kind of record this department imports; it imports ${kinds.map((k) => k.name).join(', ')}`);
    candidates = [kind];
  }
  // The kind and the header row that match best; a header names at least two fields.
  let best: { kind: ImportKindDefinition; at: number; score: number } | null = null;
  for (const kind of candidates) {
    rows.forEach((row, at) => {
      const found = score(kind, row, mapping);
      if (found >= 2 && (best === null || found > best.score)) best = { kind, at, score: found };
    });
  }
  const chosen = best as { kind: ImportKindDefinition; at: number; score: number } | null;
  if (chosen === null) {
    const kind = candidates.length === 1 ? candidates[0] : undefined;
    throw new ImportFileError(
      kind
        ? `no header row naming the fields of ${kind.name} was found in the first ${HEADER_SEARCH_ROWS} rows; its headers are e.g. ${kind.fields.map((f) => f.headers[0]).join(', ')} (a mapping file names others)`
        : `no header row naming the fields of ${candidates.map((k) => k.name).join(' or ')} was found: name the kind with --kind, or map the headers with --mapping`,
    );
  }
  const { kind, at } = chosen;
  const header = rows[at] as SheetRow;
  // A header two rows deep: group labels (written once over merged cells) above the columns' own headers, or sub-headers below.
  const labels = (row: SheetRow | undefined, next: number): row is SheetRow =>
    row !== undefined && row.rowNumber === next && row.cells.some((cell) => cell !== null) && row.cells.every((cell) => cell === null || !looksLikeData(cell));
  const above = rows[at - 1];
  const below = rows[at + 1];
  const [top, bottom] = labels(above, header.rowNumber - 1)
    ? [above, header]
    : labels(below, header.rowNumber + 1) && score(kind, below, mapping) > 0
      ? [header, below]
      : [null, header];
  const width = Math.max(bottom.cells.length, top?.cells.length ?? 0);
  const columns: ColumnMapping['columns'] = [];
  const ignored: string[] = [];
  let group: string | null = null;
  for (let index = 0; index < width; index++) {
    const topCell = top?.cells[index] ?? null;
    // A label over merged cells is written in the first of them only: it stands over the empty ones after it.
    if (topCell !== null) group = topCell;
    const bottomCell = bottom.cells[index] ?? null;
    const names = top ? candidatesOf(topCell ?? group, bottomCell) : candidatesOf(null, bottomCell);
    if (names.length === 0) continue;
    const label = top && bottomCell !== null && (topCell ?? group) !== null ? `${topCell ?? group}/${bottomCell}` : (names[0] ?? '');
    const found = fieldFor(kind, names, mapping);
    if (!found || found.field === null) {
      ignored.push(label);
      continue;
    }
    if (!kind.fields.some((f) => f.name === found.field)) {
      throw new ImportFileError(`the mapping file maps ${label} to ${found.field}, which is not a field of ${kind.name}: its fields are ${kind.fields.map((f) => f.name).join(', ')}`);
    }
    const twice = columns.find((column) => column.field === found.field);
    if (twice) throw new ImportFileError(`the columns ${twice.header} and ${label} both read as ${found.field}: map one of them to null in a mapping file`);
    columns.push({ index, header: label, field: found.field });
  }
  const missing = kind.fields.filter((field) => field.required && !columns.some((column) => column.field === field.name));
  if (missing.length > 0) {
    throw new ImportFileError(
      `the header has no column for ${missing.map((f) => `${f.name} (${f.label}; e.g. ${f.headers[0] ?? f.name})`).join(', ')}: add the column${missing.length > 1 ? 's' : ''}, or map ${missing.length > 1 ? 'them' : 'it'} in a mapping file (--mapping)`,
    );
  }
  return { kind, headerRows: top ? [top.rowNumber, bottom.rowNumber] : [bottom.rowNumber], columns, ignored };
}

/** Cells that are data, not a header's words: numbers, codes, dates. */
function looksLikeData(cell: string): boolean {
  return /^[\d\s./:-]+[Xx]?$/.test(cell.trim());
}
