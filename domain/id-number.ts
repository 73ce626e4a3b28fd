// PRC resident identity number, GB 11643-1999:
//   RRRRRR YYYYMMDD SSS C
// region (GB/T 2260), birth date, sequence (odd = male), check character.
import { checkDivisionCode } from './divisions.js';

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARS = '10X98765432';

// Birth dates are recorded in Beijing time; comparing against UTC would let a
// baby born this morning in China look like a future birth for eight hours.
const CHINA_UTC_OFFSET_MS = 8 * 60 * 60 * 1000;

// Nobody alive or recently deceased was born before this; earlier years are
// almost certainly a mistyped century.
const EARLIEST_BIRTH_YEAR = 1800;

export type Sex = 'MALE' | 'FEMALE';

export type IdNumberCheck =
  | { ok: true; divisionCode: string; birthDate: string /* YYYY-MM-DD */; sex: Sex }
  | { ok: false; reason: string };

export function idNumberCheckChar(first17: string): string {
  if (!/^\d{17}$/.test(first17)) {
    throw new RangeError(`expected 17 digits to compute an ID number check character, got ${JSON.stringify(first17)}`);
  }
  let sum = 0;
  WEIGHTS.forEach((weight, i) => {
    sum += Number(first17.charAt(i)) * weight;
  });
  return CHECK_CHARS.charAt(sum % 11);
}

/** Today's date in China as YYYY-MM-DD. */
export function chinaDateOf(instant: Date): string {
  return new Date(instant.getTime() + CHINA_UTC_OFFSET_MS).toISOString().slice(0, 10);
}

type BirthDateCheck = { ok: true; isoDate: string } | { ok: false; reason: string };

function checkBirthDate(yyyymmdd: string, today: Date): BirthDateCheck {
  const year = Number(yyyymmdd.slice(0, 4));
  const month = Number(yyyymmdd.slice(4, 6));
  const day = Number(yyyymmdd.slice(6, 8));
  const date = new Date(Date.UTC(year, month - 1, day));
  if (
    month < 1 ||
    month > 12 ||
    date.getUTCFullYear() !== year ||
    date.getUTCMonth() !== month - 1 ||
    date.getUTCDate() !== day
  ) {
    return { ok: false, reason: `birth date ${yyyymmdd} is not a real date` };
  }
  const isoDate = `${yyyymmdd.slice(0, 4)}-${yyyymmdd.slice(4, 6)}-${yyyymmdd.slice(6, 8)}`;
  if (year < EARLIEST_BIRTH_YEAR) {
    return { ok: false, reason: `birth date ${isoDate} is before ${EARLIEST_BIRTH_YEAR}` };
  }
  if (isoDate > chinaDateOf(today)) {
    return { ok: false, reason: `birth date ${isoDate} is in the future` };
  }
  return { ok: true, isoDate };
}

/**
 * `today` exists so callers (and tests) can pin the clock; the future-date
 * rule otherwise depends on when the check runs.
 */
export function checkIdNumber(value: string, today: Date = new Date()): IdNumberCheck {
  if (typeof value !== 'string') {
    return { ok: false, reason: 'ID number must be a string' };
  }
  if (value.length !== 18) {
    return { ok: false, reason: `ID number must be 18 characters, got ${value.length}` };
  }
  for (let i = 0; i < 17; i++) {
    const c = value.charAt(i);
    if (c < '0' || c > '9') {
      return { ok: false, reason: `ID number character ${JSON.stringify(c)} at position ${i + 1} must be a digit` };
    }
  }
  const first17 = value.slice(0, 17);
  const given = value.charAt(17);
  if (given === 'x') {
    // Lowercase is a common data-entry slip; storing it would make the same
    // person appear under two different keys.
    return { ok: false, reason: "ID number check character must be an uppercase 'X', not lowercase 'x'" };
  }
  if (!/^[0-9X]$/.test(given)) {
    return { ok: false, reason: `ID number check character ${JSON.stringify(given)} must be a digit or 'X'` };
  }
  const expected = idNumberCheckChar(first17);
  if (given !== expected) {
    return { ok: false, reason: `ID number check character should be ${expected}, got ${given}` };
  }

  const divisionCode = value.slice(0, 6);
  const division = checkDivisionCode(divisionCode);
  if (!division.ok) {
    return { ok: false, reason: `region code ${divisionCode} is not a known division: ${division.reason}` };
  }

  const birth = checkBirthDate(value.slice(6, 14), today);
  if (!birth.ok) return birth;

  const sex: Sex = Number(value[16]) % 2 === 1 ? 'MALE' : 'FEMALE';
  return { ok: true, divisionCode, birthDate: birth.isoDate, sex };
}

/**
 * Builds a valid ID number. The sequence's last digit carries the sex, so it
 * is nudged by one (within the same ten) when its parity disagrees with `sex`.
 */
export function makeIdNumber(divisionCode: string, birthDate: string, sequence: number, sex: Sex): string {
  const division = checkDivisionCode(divisionCode);
  if (!division.ok) throw new RangeError(division.reason);

  const dateMatch = /^(\d{4})-(\d{2})-(\d{2})$/.exec(birthDate);
  if (!dateMatch) {
    throw new RangeError(`birth date must be YYYY-MM-DD, got ${JSON.stringify(birthDate)}`);
  }
  const yyyymmdd = `${dateMatch[1]}${dateMatch[2]}${dateMatch[3]}`;
  const birth = checkBirthDate(yyyymmdd, new Date());
  if (!birth.ok) throw new RangeError(birth.reason);

  if (!Number.isInteger(sequence) || sequence < 0 || sequence > 999) {
    throw new RangeError(`sequence must be an integer from 0 to 999, got ${sequence}`);
  }
  if (sex !== 'MALE' && sex !== 'FEMALE') {
    throw new RangeError(`sex must be MALE or FEMALE, got ${JSON.stringify(sex)}`);
  }
  const wantOdd = sex === 'MALE';
  const isOdd = sequence % 2 === 1;
  const adjusted = isOdd === wantOdd ? sequence : isOdd ? sequence - 1 : sequence + 1;

  const first17 = `${divisionCode}${yyyymmdd}${String(adjusted).padStart(3, '0')}`;
  return first17 + idNumberCheckChar(first17);
}
