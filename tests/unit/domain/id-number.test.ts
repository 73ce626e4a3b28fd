import { describe, it, expect } from 'vitest';
import { checkIdNumber, idNumberCheckChar, makeIdNumber } from '../../../domain/id-number.js';
import { CHENGDU_DISTRICTS, DIVISIONS } from '../../../domain/divisions.js';

const TODAY = new Date('2024-06-15T04:00:00Z');

// Small deterministic generator so failures reproduce.
function lcg(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

function expectRejected(value: string, pattern: RegExp, today: Date = TODAY): void {
  const result = checkIdNumber(value, today);
  expect(result.ok).toBe(false);
  if (!result.ok) expect(result.reason).toMatch(pattern);
}

describe('idNumberCheckChar', () => {
  it('computes X for the GB 11643-1999 example 11010519491231002X', () => {
    expect(idNumberCheckChar('11010519491231002')).toBe('X');
  });

  it('computes 4 for the widely cited example 440524188001010014', () => {
    expect(idNumberCheckChar('44052418800101001')).toBe('4');
  });

  it('maps each weighted sum remainder onto "10X98765432"', () => {
    // A single 1 in the last position contributes weight 2, so remainder = 2 → 'X';
    // a single 1 in position 8 contributes weight 1 → '0'.
    expect(idNumberCheckChar('00000000000000001')).toBe('X');
    expect(idNumberCheckChar('00000001000000000')).toBe('0');
    expect(idNumberCheckChar('00000000000000000')).toBe('1');
  });

  it('refuses input that is not exactly 17 digits', () => {
    expect(() => idNumberCheckChar('1101051949123100')).toThrow(RangeError);
    expect(() => idNumberCheckChar('1101051949123100A')).toThrow(RangeError);
  });
});

describe('checkIdNumber', () => {
  it('accepts the GB 11643-1999 example and reads region, birth date and sex from it', () => {
    expect(checkIdNumber('11010519491231002X', TODAY)).toEqual({
      ok: true,
      divisionCode: '110105',
      birthDate: '1949-12-31',
      sex: 'FEMALE',
    });
  });

  it('accepts a real region code that the curated table does not list', () => {
    const result = checkIdNumber('440524188001010014', TODAY);
    expect(result).toEqual({ ok: true, divisionCode: '440524', birthDate: '1880-01-01', sex: 'MALE' });
  });

  it('treats an odd 17th digit as male and an even one as female', () => {
    const male = makeIdNumber('510104', '1990-01-01', 123, 'MALE');
    const female = makeIdNumber('510104', '1990-01-01', 124, 'FEMALE');
    expect(checkIdNumber(male, TODAY)).toMatchObject({ ok: true, sex: 'MALE' });
    expect(checkIdNumber(female, TODAY)).toMatchObject({ ok: true, sex: 'FEMALE' });
  });

  it('rejects a number that is not 18 characters long', () => {
    expectRejected('11010519491231002', /must be 18 characters, got 17/);
    expectRejected('11010519491231002X1', /must be 18 characters, got 19/);
    expectRejected('', /must be 18 characters, got 0/);
  });

  it('rejects a non-digit among the first 17 characters and names its position', () => {
    expectRejected('1101051949A231002X', /"A" at position 11 must be a digit/);
    expectRejected(' 1010519491231002X', /position 1 must be a digit/);
  });

  it('rejects a lowercase x check character and asks for uppercase', () => {
    expectRejected('11010519491231002x', /uppercase 'X'/);
  });

  it('rejects a check character that is neither a digit nor X', () => {
    expectRejected('11010519491231002Y', /must be a digit or 'X'/);
  });

  it('rejects a wrong check character and says which one was expected', () => {
    expectRejected('110105194912310021', /check character should be X, got 1/);
    expectRejected('44052418800101001X', /check character should be 4, got X/);
  });

  it('rejects an impossible birth date', () => {
    const first17 = '51010419990231123';
    expectRejected(first17 + idNumberCheckChar(first17), /birth date 19990231 is not a real date/);
    const month13 = '51010419991301123';
    expectRejected(month13 + idNumberCheckChar(month13), /birth date 19991301 is not a real date/);
    const day00 = '51010419990100123';
    expectRejected(day00 + idNumberCheckChar(day00), /birth date 19990100 is not a real date/);
  });

  it('accepts 29 February only in leap years', () => {
    const leap = '51010420000229123';
    expect(checkIdNumber(leap + idNumberCheckChar(leap), TODAY)).toMatchObject({ ok: true, birthDate: '2000-02-29' });
    const notLeap = '51010419000229123';
    expectRejected(notLeap + idNumberCheckChar(notLeap), /19000229 is not a real date/);
  });

  it('rejects a birth date in the future', () => {
    const first17 = '51010420990101123';
    expectRejected(first17 + idNumberCheckChar(first17), /birth date 2099-01-01 is in the future/);
  });

  it('judges "today" by Beijing time, so a birth early on the Chinese calendar day is not in the future', () => {
    const first17 = '51010420240616123';
    const id = first17 + idNumberCheckChar(first17);
    // 2024-06-15T17:00Z is already 2024-06-16 01:00 in Beijing.
    expect(checkIdNumber(id, new Date('2024-06-15T17:00:00Z')).ok).toBe(true);
    expectRejected(id, /in the future/, new Date('2024-06-15T15:00:00Z'));
  });

  it('rejects a birth year before 1800 as a mistyped century', () => {
    const first17 = '51010417990101123';
    expectRejected(first17 + idNumberCheckChar(first17), /before 1800/);
  });

  it('rejects a region code whose province does not exist', () => {
    const first17 = '99010119900101123';
    expectRejected(first17 + idNumberCheckChar(first17), /region code 990101 is not a known division/);
  });

  it('rejects the all-zero region code', () => {
    const first17 = '00000019900101123';
    expectRejected(first17 + idNumberCheckChar(first17), /region code 000000 is not a known division/);
  });
});

describe('makeIdNumber', () => {
  it('produces numbers that checkIdNumber accepts with the same region, date and sex', () => {
    const random = lcg(11643);
    const codes = [...DIVISIONS.keys()];
    for (let i = 0; i < 2000; i++) {
      const divisionCode = codes[Math.floor(random() * codes.length)]!;
      const birth = new Date(Date.UTC(1920, 0, 1) + Math.floor(random() * 100 * 365.25) * 86_400_000);
      const birthDate = birth.toISOString().slice(0, 10);
      const sequence = Math.floor(random() * 1000);
      const sex = random() < 0.5 ? 'MALE' : 'FEMALE';
      const id = makeIdNumber(divisionCode, birthDate, sequence, sex);
      expect(id).toMatch(/^\d{17}[\dX]$/);
      expect(checkIdNumber(id)).toEqual({ ok: true, divisionCode, birthDate, sex });
    }
  });

  it('covers every Chengdu district', () => {
    for (const code of CHENGDU_DISTRICTS) {
      expect(checkIdNumber(makeIdNumber(code, '1985-07-01', 42, 'MALE'))).toMatchObject({ ok: true, divisionCode: code });
    }
  });

  it('keeps a sequence whose parity already matches the sex', () => {
    expect(makeIdNumber('110105', '1949-12-31', 2, 'FEMALE')).toBe('11010519491231002X');
  });

  it('nudges the sequence by one within the same ten when parity disagrees with the sex', () => {
    expect(makeIdNumber('510104', '1990-01-01', 0, 'MALE').slice(14, 17)).toBe('001');
    expect(makeIdNumber('510104', '1990-01-01', 999, 'FEMALE').slice(14, 17)).toBe('998');
    expect(makeIdNumber('510104', '1990-01-01', 998, 'MALE').slice(14, 17)).toBe('999');
    expect(makeIdNumber('510104', '1990-01-01', 1, 'FEMALE').slice(14, 17)).toBe('000');
  });

  it('refuses inputs that could not yield a valid number', () => {
    expect(() => makeIdNumber('990101', '1990-01-01', 1, 'MALE')).toThrow(/99/);
    expect(() => makeIdNumber('510104', '1990-02-30', 1, 'MALE')).toThrow(/not a real date/);
    expect(() => makeIdNumber('510104', '19900101', 1, 'MALE')).toThrow(/YYYY-MM-DD/);
    expect(() => makeIdNumber('510104', '2999-01-01', 1, 'MALE')).toThrow(/future/);
    expect(() => makeIdNumber('510104', '1990-01-01', 1000, 'MALE')).toThrow(/0 to 999/);
    expect(() => makeIdNumber('510104', '1990-01-01', -1, 'MALE')).toThrow(/0 to 999/);
    expect(() => makeIdNumber('510104', '1990-01-01', 1.5, 'MALE')).toThrow(/0 to 999/);
  });
});
