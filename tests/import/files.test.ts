import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { badFiles, FIXTURES_DIR, importFixtures, OWN_HEADERS_MAPPING, type Fixture } from '../../scripts/import-fixtures.js';
import { mapColumns, readMappingFile } from '../../scripts/import/mapping.js';
import { ImportFileError, openSheet, separatorOf, type SheetRow } from '../../scripts/import/read.js';
import { ErrorReport, REPORT_HEADER, reportPaths } from '../../scripts/import/report.js';
import { IMPORT_KINDS, importKindsOf } from '../../subgraphs/import-kinds.js';
import { readCell, readDate } from '../../subgraphs/import/values.js';
import { RECORD_RULES } from '../../subgraphs/record-rules.js';

/**
 * The file side of an import, without a hub: the committed test files are
 * what the script makes of the synthetic city and hold a broken row for
 * every record rule; encodings are detected; headers are found, two rows
 * deep under merged cells or through a mapping file; cells are read as old
 * systems write them; files that are not records are refused by name.
 */

let fixtures: Fixture[];
let dir: string;

beforeAll(async () => {
  fixtures = await importFixtures();
  dir = mkdtempSync(path.join(tmpdir(), 'import-files-'));
});

afterAll(() => undefined);

async function allRows(file: string, encoding?: string): Promise<SheetRow[]> {
  const sheet = await openSheet(file, encoding === undefined ? {} : { encoding });
  const rows: SheetRow[] = [];
  for await (const row of sheet.rows()) rows.push(row);
  return rows;
}

async function cellsOf(bytes: Buffer): Promise<unknown[][]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  const rows: unknown[][] = [];
  workbook.worksheets[0]?.eachRow({ includeEmpty: true }, (row) => rows.push(JSON.parse(JSON.stringify(row.values)) as unknown[]));
  const merges = (workbook.worksheets[0] as unknown as { model: { merges: string[] } }).model.merges;
  return [...rows, merges];
}

describe('the committed test files', () => {
  it('are what npm run import:fixtures makes of the synthetic city', async () => {
    for (const item of fixtures) {
      const committed = readFileSync(path.join(FIXTURES_DIR, item.file));
      if (item.file.endsWith('.xlsx')) expect(await cellsOf(committed), item.file).toEqual(await cellsOf(item.bytes));
      else expect(committed.equals(item.bytes), `${item.file} differs from what npm run import:fixtures writes`).toBe(true);
    }
    for (const bad of badFiles()) expect(readFileSync(path.join(FIXTURES_DIR, bad.file)).equals(bad.bytes), bad.file).toBe(true);
    expect(JSON.parse(readFileSync(path.join(FIXTURES_DIR, 'vaccinations.mapping.json'), 'utf8'))).toEqual(OWN_HEADERS_MAPPING);
  });

  it('hold, for every kind, a row broken against each line of its single write’s record rules', () => {
    for (const kind of IMPORT_KINDS) {
      const lines = RECORD_RULES.filter((line) => line.mutation === kind.mutation);
      const broken = new Set(fixtures.filter((f) => f.kind.name === kind.name).flatMap((f) => f.rows.flatMap((row) => row.problems.map((p) => p.rule))));
      expect(lines.length, kind.name).toBeGreaterThan(0);
      for (const line of lines) expect(broken.has(line.id), `${kind.name}: no row broken against ${line.id}`).toBe(true);
    }
  });

  it('cover every department, and refused rows beside rows that load and rows stored already', () => {
    for (const kind of IMPORT_KINDS) {
      const statuses = new Set(fixtures.filter((f) => f.kind.name === kind.name).flatMap((f) => f.rows.map((row) => row.status)));
      expect([...statuses].sort(), kind.name).toEqual(['LOADED', 'REFUSED', 'UNCHANGED']);
    }
    expect(new Set(IMPORT_KINDS.map((kind) => kind.department))).toEqual(new Set(['police', 'housing', 'labour', 'health']));
  });
});

describe('reading a file', () => {
  it('detects a GBK-encoded CSV and reads its Chinese, and reads it as mojibake when told it is UTF-8', async () => {
    const file = path.join(FIXTURES_DIR, 'vaccinations.gbk.csv');
    const sheet = await openSheet(file);
    expect(sheet).toMatchObject({ kind: 'csv', encoding: 'gb18030', encodingSource: 'detected' });
    const rows = await allRows(file);
    expect(rows[0]?.cells.slice(0, 3)).toEqual(['身份证号', '姓名', '疫苗名称']);
    const text = iconv.decode(readFileSync(file), 'gbk').split('\r\n');
    expect(rows.map((row) => row.cells.map((cell) => cell ?? '').join(','))).toEqual(text.filter((line) => line !== ''));
    const misread = await allRows(file, 'utf-8');
    expect(misread[0]?.cells[0]).toContain('\uFFFD');
  });

  it('reads a UTF-8 CSV with a byte-order mark without the mark, and one without as UTF-8', async () => {
    const bom = await openSheet(path.join(FIXTURES_DIR, 'persons.utf8-bom.csv'));
    expect(bom).toMatchObject({ encoding: 'utf-8', encodingSource: 'bom' });
    expect((await allRows(path.join(FIXTURES_DIR, 'persons.utf8-bom.csv')))[0]?.cells[0]).toBe('ID number');
    expect(await openSheet(path.join(FIXTURES_DIR, 'employers.csv'))).toMatchObject({ encoding: 'utf-8', encodingSource: 'utf-8' });
  });

  it('refuses an encoding it does not know, naming it', async () => {
    await expect(openSheet(path.join(FIXTURES_DIR, 'employers.csv'), { encoding: 'klingon-8' })).rejects.toThrow(/klingon-8 is not an encoding/);
  });

  it('reads a tab-separated file, and the separator a first line uses most', async () => {
    expect(separatorOf('a\tb\tc')).toBe('\t');
    expect(separatorOf('a;b;c')).toBe(';');
    expect(separatorOf('a,b;c,d')).toBe(',');
    const rows = await allRows(path.join(FIXTURES_DIR, 'vaccinations-own-headers.csv'));
    expect(rows[0]?.cells[0]).toBe('受种人证件号码');
    expect(rows[0]?.cells).toHaveLength(7);
  });

  it('reads a workbook’s dates as days and its numbers as digits', async () => {
    const rows = await allRows(path.join(FIXTURES_DIR, 'employments.xlsx'));
    const row = rows[1];
    expect(row?.cells[4]).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(row?.cells[0]).toMatch(/^\d{17}[\dXx]$/);
  });

  it('refuses what is no file of records, naming why', async () => {
    for (const bad of badFiles().filter((b) => /not-a-spreadsheet|empty/.test(b.file))) {
      await expect(openSheet(path.join(FIXTURES_DIR, bad.file)), bad.file).rejects.toThrow(bad.says);
    }
    const xls = path.join(dir, 'old.csv');
    writeFileSync(xls, Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(600)]));
    await expect(openSheet(xls)).rejects.toThrow(/Excel 97-2003/);
    await expect(openSheet(path.join(dir, 'absent.csv'))).rejects.toThrow(ImportFileError);
  });
});

describe('mapping a header', () => {
  it('finds the header under a title row, two rows deep, a group label over merged cells read into each column', async () => {
    const rows = await allRows(path.join(FIXTURES_DIR, 'houses.merged-header.xlsx'));
    const mapping = mapColumns(rows.slice(0, 10), importKindsOf('housing'), undefined, null);
    expect(mapping.kind.name).toBe('houses');
    expect(mapping.headerRows).toEqual([2, 3]);
    expect(mapping.columns.map((c) => [c.header, c.field])).toEqual([
      ['房屋信息/房屋编码', 'code'],
      ['房屋信息/房屋坐落', 'address'],
      ['房屋信息/行政区划代码', 'divisionCode'],
      ['房屋信息/网格编码', 'gridCode'],
      ['房屋信息/用途', 'use'],
      ['房屋信息/房间数', 'rooms'],
      ['产权人/身份证号', 'ownerIdNumber'],
      ['产权人/姓名', 'ownerName'],
    ]);
  });

  it('picks the department’s kind whose fields a header names, and maps English headers', async () => {
    const labour = await allRows(path.join(FIXTURES_DIR, 'employments.xlsx'));
    expect(mapColumns(labour.slice(0, 10), importKindsOf('labour'), undefined, null).kind.name).toBe('employments');
    const persons = await allRows(path.join(FIXTURES_DIR, 'persons.utf8-bom.csv'));
    expect(mapColumns(persons.slice(0, 10), importKindsOf('police'), undefined, null).columns.map((c) => c.field)).toEqual([
      'idNumber',
      'name',
      'sex',
      'ethnicity',
      'householdDivisionCode',
      'householdAddress',
      'phone',
    ]);
  });

  it('maps a department’s own headers through a mapping file, and without it names the columns missing', async () => {
    const rows = await allRows(path.join(FIXTURES_DIR, 'vaccinations-own-headers.csv'));
    const mappingFile = await readMappingFile(path.join(FIXTURES_DIR, 'vaccinations.mapping.json'));
    const mapped = mapColumns(rows.slice(0, 10), importKindsOf('health'), undefined, mappingFile);
    expect(mapped.columns.map((c) => c.field)).toEqual(['idNumber', 'name', 'vaccine', 'dose', 'administeredOn', 'institution']);
    expect(mapped.ignored).toEqual(['联系电话']);
    expect(() => mapColumns(rows.slice(0, 10), importKindsOf('health'), 'vaccinations', null)).toThrow(/no column for idNumber .*name .*vaccine/);
  });

  it('refuses a header missing a required column, naming it and how to map it', async () => {
    const bad = badFiles().find((b) => b.file === 'missing-column.csv');
    const rows = await allRows(path.join(FIXTURES_DIR, 'missing-column.csv'));
    expect(() => mapColumns(rows, importKindsOf('health'), undefined, null)).toThrow(bad?.says ?? /never/);
  });

  it('refuses a kind of another department, and a mapping file naming a field the kind lacks or __proto__', async () => {
    const rows = await allRows(path.join(FIXTURES_DIR, 'vaccinations.gbk.csv'));
    expect(() => mapColumns(rows.slice(0, 10), importKindsOf('health'), 'persons', null)).toThrow(/persons is not a kind of record this department imports; it imports vaccinations/);
    const wrong = path.join(dir, 'wrong.json');
    writeFileSync(wrong, JSON.stringify({ columns: { 身份证号: 'passport' } }));
    expect(() => mapColumns(rows.slice(0, 10), importKindsOf('health'), undefined, { columns: new Map([['身份证号', 'passport']]) })).toThrow(/maps 身份证号 to passport, which is not a field/);
    const proto = path.join(dir, 'proto.json');
    writeFileSync(proto, '{"columns": {"__proto__": {"polluted": true}}}');
    await expect(readMappingFile(proto)).rejects.toThrow(/names __proto__/);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('reading cells', () => {
  it('reads days in the spellings old systems write, and refuses days that are none', () => {
    for (const text of ['2024-03-05', '2024/3/5', '2024.3.5', '20240305', '2024年3月5日', '２０２４－０３－０５', '2024-03-05 00:00']) expect(readDate(text), text).toBe('2024-03-05');
    for (const text of ['2024-02-30', '5/3/2024', '2024-13-01', 'yesterday']) expect(readDate(text), text).toBeNull();
  });

  it('folds codes, whole numbers and the choices’ spellings, and refuses a choice none of them spells, naming the spellings taken', () => {
    const [persons] = importKindsOf('police');
    const sex = persons?.fields.find((f) => f.name === 'sex');
    const id = persons?.fields.find((f) => f.name === 'idNumber');
    if (!sex || !id) throw new Error('persons lacks sex or idNumber');
    expect(readCell(sex, ' 女 ')).toEqual({ ok: true, value: 'FEMALE' });
    expect(readCell(sex, 'Male')).toEqual({ ok: true, value: 'MALE' });
    expect(readCell(sex, 'FEMALE')).toEqual({ ok: true, value: 'FEMALE' });
    expect(readCell(sex, '未知')).toEqual({ ok: false, message: `must be one of ${(sex.choices ?? []).map(([spelling]) => spelling).join(', ')}` });
    expect(readCell(id, '51010819900101123x')).toEqual({ ok: true, value: '51010819900101123X' });
    const [vaccinations] = importKindsOf('health');
    const dose = vaccinations?.fields.find((f) => f.name === 'dose');
    if (!dose) throw new Error('vaccinations lacks dose');
    expect(readCell(dose, '2.0')).toEqual({ ok: true, value: 2 });
    expect(readCell(dose, '第二剂')).toEqual({ ok: false, message: 'must be a whole number' });
    expect(readCell(dose, '  ')).toEqual({ ok: true, value: null });
  });
});

describe('the error report', () => {
  it('goes beside the file, or where --errors says, as CSV with a byte-order mark and XLSX, values that look like formulas made inert', async () => {
    expect(reportPaths('/data/vaccinations.csv', undefined)).toEqual({ csv: '/data/vaccinations.errors.csv', xlsx: '/data/vaccinations.errors.xlsx' });
    expect(reportPaths('/data/v.xlsx', '/out/')).toEqual({ csv: '/out/v.errors.csv', xlsx: '/out/v.errors.xlsx' });
    expect(reportPaths('/data/v.xlsx', '/out/report.csv')).toEqual({ csv: '/out/report.csv', xlsx: '/out/report.xlsx' });
    const paths = reportPaths(path.join(dir, 'r.csv'), undefined);
    const report = await ErrorReport.open(paths);
    report.line({ rowNumber: 7, column: '接种单位', value: '=HYPERLINK("http://x")', reason: 'is required, "really"', code: 'BAD_USER_INPUT', rule: null });
    const digest = await report.close();
    const csv = readFileSync(paths.csv);
    expect(csv.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(csv.toString('utf8').slice(1).split('\r\n')).toEqual([REPORT_HEADER.join(','), `7,接种单位,"'=HYPERLINK(""http://x"")","is required, ""really""",BAD_USER_INPUT,`, '']);
    const { createHash } = await import('node:crypto');
    expect(digest).toBe(createHash('sha256').update(csv).digest('hex'));
    const cells = await cellsOf(readFileSync(paths.xlsx));
    // The empty rule is an empty cell, which a workbook does not keep.
    expect(cells[1]).toEqual([null, '7', '接种单位', '\'=HYPERLINK("http://x")', 'is required, "really"', 'BAD_USER_INPUT']);
  });
});
