import { createHash } from 'node:crypto';
import { createWriteStream, type WriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import ExcelJS from 'exceljs';

/**
 * The error report of an import: one line per reason a row was refused,
 * with the row's number in the file, the column's header, the value it
 * held and the reason in plain words (and the hub's code and the record
 * rule, for whoever fixes many rows alike). Written as it goes, to a CSV
 * (UTF-8 with a byte-order mark, which spreadsheet programs read as such)
 * and an XLSX beside it; the CSV's sha256 is the report's digest, recorded
 * with the import.
 */

export const REPORT_HEADER = ['行号 row', '列 column', '值 value', '原因 reason', '代码 code', '规则 rule'] as const;

export interface ReportLine {
  rowNumber: number;
  column: string;
  value: string;
  reason: string;
  code: string;
  rule: string | null;
}

/** Where the reports of an import of `file` go: beside it, or where --errors says (a folder, or a file name whose stem both take). */
export function reportPaths(file: string, errors: string | undefined): { csv: string; xlsx: string } {
  const stem = (p: string) => p.replace(/\.(csv|xlsx)$/i, '');
  if (errors === undefined) {
    const base = stem(file);
    return { csv: `${base}.errors.csv`, xlsx: `${base}.errors.xlsx` };
  }
  if (errors.endsWith(path.sep) || errors.endsWith('/')) {
    const base = path.join(errors, path.basename(stem(file)));
    return { csv: `${base}.errors.csv`, xlsx: `${base}.errors.xlsx` };
  }
  return { csv: `${stem(errors)}.csv`, xlsx: `${stem(errors)}.xlsx` };
}

/**
 * A value from a legacy file, made safe to open in a spreadsheet: text that
 * starts like a formula is prefixed with a quote, so the report never runs
 * what a file held.
 */
function inert(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export class ErrorReport {
  private readonly hash = createHash('sha256');
  private csv!: WriteStream;
  private workbook!: ExcelJS.stream.xlsx.WorkbookWriter;
  private sheet!: ExcelJS.Worksheet;
  lines = 0;

  private constructor(readonly paths: { csv: string; xlsx: string }) {}

  static async open(paths: { csv: string; xlsx: string }): Promise<ErrorReport> {
    const report = new ErrorReport(paths);
    await mkdir(path.dirname(paths.csv), { recursive: true });
    await mkdir(path.dirname(paths.xlsx), { recursive: true });
    report.csv = createWriteStream(paths.csv);
    report.workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: paths.xlsx, useSharedStrings: false, useStyles: false });
    report.sheet = report.workbook.addWorksheet('refused');
    report.write('\uFEFF');
    report.add(REPORT_HEADER);
    return report;
  }

  /** One reason a row was refused. */
  line(line: ReportLine): void {
    this.lines += 1;
    this.add([String(line.rowNumber), line.column, inert(line.value), line.reason, line.code, line.rule ?? '']);
  }

  /** Closes both files; answers the CSV's sha256, hex. */
  async close(): Promise<string> {
    await new Promise<void>((resolve, reject) => this.csv.end((error?: Error | null) => (error ? reject(error) : resolve())));
    await this.workbook.commit();
    return this.hash.digest('hex');
  }

  private add(cells: readonly string[]): void {
    this.write(`${cells.map(csvField).join(',')}\r\n`);
    this.sheet.addRow([...cells]).commit();
  }

  private write(text: string): void {
    this.hash.update(text, 'utf8');
    this.csv.write(text, 'utf8');
  }
}
