import { isIsoDate } from '../../platform/input.js';
import { headerKey, type ImportField } from './kinds.js';

/**
 * Reads a cell's text as its field's type says, before the department's own
 * rules see the row. Only the spellings old systems use are folded here
 * (2024/3/5 for a date, 男 for MALE, a lower-case x ending an identity
 * number); whether a value is right is the department's rules' to say, in
 * their own words, so text that is no known spelling is passed on as it is.
 */

/** A cell's value once read: text, a whole number, or nothing given. */
export type CellValue = string | number | null;

export type ReadCell = { ok: true; value: CellValue } | { ok: false; message: string };

const DATE_FORMATS = 'a date such as 2024-03-05 (also 2024/3/5, 2024.3.5, 20240305 or 2024年3月5日)';

const pad = (value: string): string => value.padStart(2, '0');

/** A calendar day in any of the spellings old systems write, as YYYY-MM-DD; null when it is none. */
export function readDate(text: string): string | null {
  const normal = text.normalize('NFKC').trim();
  const folded = normal.replace(/\s+/g, '');
  const match =
    /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(folded) ??
    /^(\d{4})年(\d{1,2})月(\d{1,2})日?$/.exec(folded) ??
    /^(\d{4})(\d{2})(\d{2})$/.exec(folded) ??
    // An export that wrote a timestamp at midnight: the day is what it names.
    /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})[T ]0{1,2}:00(?::00(?:\.0+)?)?Z?$/.exec(normal);
  if (!match) return null;
  const [, year, month, day] = match;
  if (year === undefined || month === undefined || day === undefined) return null;
  const iso = `${year}-${pad(month)}-${pad(day)}`;
  return isIsoDate(iso) ? iso : null;
}

/** Reads one cell's text for its field; null and blank text are "nothing given". */
export function readCell(field: ImportField, raw: string | null | undefined): ReadCell {
  const text = raw?.trim() ?? '';
  if (text === '') return { ok: true, value: null };
  switch (field.type) {
    case 'text':
      return { ok: true, value: text };
    case 'code':
      return { ok: true, value: text.normalize('NFKC').replace(/\s+/g, '').toUpperCase() };
    case 'integer': {
      const digits = text.normalize('NFKC').replace(/\s+/g, '');
      // A spreadsheet may hold 2 as 2.0.
      const match = /^(\d{1,9})(?:\.0+)?$/.exec(digits);
      return match?.[1] === undefined ? { ok: false, message: 'must be a whole number' } : { ok: true, value: Number(match[1]) };
    }
    case 'date': {
      const day = readDate(text);
      return day === null ? { ok: false, message: `must be ${DATE_FORMATS}` } : { ok: true, value: day };
    }
    case 'choice': {
      // A spelling old systems use, or the value itself (RENTAL); anything else is named back with what is taken.
      const key = headerKey(text);
      const choices = field.choices ?? [];
      const chosen = choices.find(([spelling, value]) => headerKey(spelling) === key || headerKey(value) === key);
      return chosen ? { ok: true, value: chosen[1] } : { ok: false, message: `must be one of ${choices.map(([spelling]) => spelling).join(', ')}` };
    }
  }
}
