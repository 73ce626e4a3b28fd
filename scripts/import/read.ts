import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import path from 'node:path';
import { parse as parseCsv } from 'csv-parse';
import chardet from 'chardet';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';

/**
 * Reads a file of legacy records as rows of cell text, streaming: a CSV in
 * whatever encoding its system wrote (UTF-8 with or without a byte-order
 * mark, GB18030/GBK; detected, or named with --encoding), or the first sheet
 * of an XLSX workbook. Memory holds a row at a time, whatever the file's size.
 *
 * The kind of file is told by its first bytes, not its name: a workbook
 * saved as .csv is still read as one, and a PDF named .csv is refused.
 */

/** Why a file cannot be read at all: one line for the person running the import; nothing was sent. */
export class ImportFileError extends Error {}

/** A row of the file: its number as a spreadsheet shows it, and its cells' text (null when empty). */
export interface SheetRow {
  rowNumber: number;
  cells: (string | null)[];
}

export interface Sheet {
  kind: 'csv' | 'xlsx';
  /** The encoding a CSV is read in, as iconv-lite names it; null for a workbook. */
  encoding: string | null;
  /** How the encoding was chosen: named on the command line, a byte-order mark, valid UTF-8, or detected (chardet). */
  encodingSource: 'given' | 'bom' | 'utf-8' | 'detected' | null;
  /** Every row in order, read from the start each time it is asked for. */
  rows(): AsyncIterable<SheetRow>;
}

/** How much of a file is looked at to tell its kind and encoding. */
const SAMPLE_BYTES = 64 * 1024;

const ZIP = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const OLE2 = Buffer.from([0xd0, 0xcf, 0x11, 0xe0]);
const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);
const UTF16LE_BOM = Buffer.from([0xff, 0xfe]);
const UTF16BE_BOM = Buffer.from([0xfe, 0xff]);

/** The encodings chardet may name for Chinese text, as iconv-lite reads them; GB18030 is a superset of GBK and GB2312. */
const CHINESE = new Map([
  ['GB18030', 'gb18030'],
  ['GBK', 'gb18030'],
  ['GB2312', 'gb18030'],
  ['Big5', 'big5'],
]);

async function sampleOf(file: string): Promise<Buffer> {
  const handle = await open(file, 'r');
  try {
    const buffer = Buffer.alloc(SAMPLE_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, SAMPLE_BYTES, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/** Whether the bytes are UTF-8, allowing a character cut off at the sample's end. */
function isUtf8(bytes: Buffer): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream: true });
    return true;
  } catch {
    return false;
  }
}

/** The encoding of a CSV: the one named, a byte-order mark's, UTF-8 when the bytes are, else what chardet finds among the encodings Chinese systems write. */
export function csvEncoding(sample: Buffer, given: string | undefined): { encoding: string; source: Sheet['encodingSource'] } {
  if (given !== undefined) {
    const name: string = given;
    if (!iconv.encodingExists(given)) throw new ImportFileError(`--encoding ${name} is not an encoding this reader knows; try utf-8 or gb18030`);
    return { encoding: given, source: 'given' };
  }
  if (sample.subarray(0, 3).equals(UTF8_BOM)) return { encoding: 'utf-8', source: 'bom' };
  if (sample.subarray(0, 2).equals(UTF16LE_BOM)) return { encoding: 'utf-16le', source: 'bom' };
  if (sample.subarray(0, 2).equals(UTF16BE_BOM)) return { encoding: 'utf-16be', source: 'bom' };
  if (isUtf8(sample)) return { encoding: 'utf-8', source: 'utf-8' };
  for (const match of chardet.analyse(sample)) {
    const encoding = CHINESE.get(match.name);
    if (encoding) return { encoding, source: 'detected' };
  }
  // Not UTF-8 and nothing recognisably Chinese: the city's older systems wrote GB18030's subsets.
  return { encoding: 'gb18030', source: 'detected' };
}

/** The separator a CSV's first line uses most: comma, tab, semicolon or bar. */
export function separatorOf(firstLine: string): string {
  const counts = [',', '\t', ';', '|'].map((separator) => ({ separator, count: firstLine.split(separator).length - 1 }));
  const best = counts.reduce((a, b) => (b.count > a.count ? b : a));
  return best.count > 0 ? best.separator : ',';
}

/** Opens a file of records: tells CSV from XLSX by its first bytes, and a CSV's encoding and separator. */
export async function openSheet(file: string, options: { encoding?: string } = {}): Promise<Sheet> {
  let size: number;
  try {
    const info = await stat(file);
    if (!info.isFile()) throw new ImportFileError(`${file} is not a file`);
    size = info.size;
  } catch (error) {
    if (error instanceof ImportFileError) throw error;
    throw new ImportFileError(`${file} cannot be read: ${(error as NodeJS.ErrnoException).code ?? 'unknown error'}`);
  }
  if (size === 0) throw new ImportFileError(`${path.basename(file)} is empty`);
  const sample = await sampleOf(file);
  if (sample.subarray(0, 4).equals(OLE2)) throw new ImportFileError(`${path.basename(file)} is an Excel 97-2003 (.xls) workbook, which is not read: save it as .xlsx or .csv`);
  if (sample.subarray(0, 4).equals(ZIP)) return { kind: 'xlsx', encoding: null, encodingSource: null, rows: () => xlsxRows(file) };
  const { encoding, source } = csvEncoding(sample, options.encoding);
  if (!encoding.startsWith('utf-16') && sample.includes(0)) {
    throw new ImportFileError(`${path.basename(file)} is neither a CSV nor an XLSX file (it holds binary data)`);
  }
  const firstLine = iconv.decode(sample, encoding).replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
  const delimiter = separatorOf(firstLine);
  return { kind: 'csv', encoding, encodingSource: source, rows: () => csvRows(file, encoding, delimiter) };
}

async function* csvRows(file: string, encoding: string, delimiter: string): AsyncGenerator<SheetRow> {
  const parser = createReadStream(file)
    .pipe(iconv.decodeStream(encoding, { stripBOM: true }))
    .pipe(parseCsv({ delimiter, relax_column_count: true, relax_quotes: true, skip_empty_lines: false, bom: true }));
  let rowNumber = 0;
  try {
    for await (const record of parser as AsyncIterable<string[]>) {
      rowNumber += 1;
      yield { rowNumber, cells: record.map((cell) => (cell.trim() === '' ? null : cell)) };
    }
  } catch (error) {
    const line = (error as { lines?: number }).lines;
    throw new ImportFileError(`the CSV cannot be read past row ${line ?? rowNumber + 1}: ${(error as Error).message.replace(/\s+/g, ' ').slice(0, 200)}`);
  }
}

const pad = (n: number): string => String(n).padStart(2, '0');

/** A workbook cell's value as text: dates as YYYY-MM-DD (with the time when it has one), formulas by their result, rich text joined. */
export function cellText(value: ExcelJS.CellValue): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return Number.isInteger(value) ? value.toFixed(0) : String(value);
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return null;
    const day = `${value.getUTCFullYear()}-${pad(value.getUTCMonth() + 1)}-${pad(value.getUTCDate())}`;
    const time = value.getUTCHours() + value.getUTCMinutes() + value.getUTCSeconds() === 0 ? '' : ` ${pad(value.getUTCHours())}:${pad(value.getUTCMinutes())}`;
    return `${day}${time}`;
  }
  if ('richText' in value) return value.richText.map((part) => part.text).join('');
  if ('result' in value) return cellText((value.result ?? null));
  if ('text' in value && typeof value.text === 'string') return value.text;
  if ('error' in value) return String(value.error);
  return null;
}

/**
 * The rows `read` yields, read once more from the start when the first read
 * fails before yielding any: exceljs's streaming reader now and then ends
 * its pass over the zip before the workbook's own part (its stream iteration
 * races the unzipping), and then fails on a complete file as if it had none.
 * A file that fails twice, or after rows were handed on, fails as it is.
 */
export async function* againIfNothingRead<T>(read: () => AsyncGenerator<T>): AsyncGenerator<T> {
  let yielded = false;
  try {
    for await (const item of read()) {
      yielded = true;
      yield item;
    }
    return;
  } catch (error) {
    if (yielded) throw error;
  }
  yield* read();
}

function xlsxRows(file: string): AsyncGenerator<SheetRow> {
  return againIfNothingRead(() => firstSheetRows(file));
}

async function* firstSheetRows(file: string): AsyncGenerator<SheetRow> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, { sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', worksheets: 'emit', entries: 'ignore' });
  try {
    for await (const sheet of reader) {
      for await (const row of sheet) {
        const values = Array.isArray(row.values) ? row.values : [];
        // exceljs numbers columns from 1: the first slot is always empty.
        yield { rowNumber: row.number, cells: values.slice(1).map((value) => cellText(value)) };
      }
      // The first sheet holds the records; others (notes, lists of codes) are not read.
      break;
    }
  } catch (error) {
    if (error instanceof ImportFileError) throw error;
    throw new ImportFileError(`the workbook cannot be read: ${(error as Error).message.replace(/\s+/g, ' ').slice(0, 200)}`);
  }
}

/** sha256 of a file's bytes, hex, streaming. */
export async function fileDigest(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}
