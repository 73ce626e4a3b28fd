import { describe, it, expect } from 'vitest';
import {
  CREDIT_CODE_ALPHABET,
  NATIONAL_DIVISION_CODE,
  checkCreditCode,
  creditCodeCheckChar,
  makeCreditCode,
} from '../../../domain/credit-code.js';
import { DIVISIONS } from '../../../domain/divisions.js';

function lcg(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

function expectRejected(value: string, pattern: RegExp): void {
  const result = checkCreditCode(value);
  expect(result.ok).toBe(false);
  if (!result.ok) expect(result.reason).toMatch(pattern);
}

// Publicly cited codes; a misremembered code would match the computed check
// character only by a 1-in-31 chance, so agreement here also vouches for the weights.
const REAL_CODES: readonly (readonly [string, string])[] = [
  ['91350100M000100Y43', '350100'], // widely cited example
  ['91440300708461136T', '440300'],
  ['914403001922038216', '440300'],
  ['91110000710925243K', '110000'],
  ['91330100716105852F', '330100'],
];

describe('creditCodeCheckChar', () => {
  it('computes 3 for the example 91350100M000100Y43', () => {
    // 9·1 + 1·3 + 3·9 + 5·27 + 1·26 + M(21)·20 + 1·8 + Y(30)·30 + 4·28 = 1640;
    // 1640 mod 31 = 28; (31 − 28) mod 31 = 3.
    expect(creditCodeCheckChar('91350100M000100Y4')).toBe('3');
  });

  it('uses 0 rather than 31 when the weighted sum is already a multiple of 31', () => {
    expect(creditCodeCheckChar('00000000000000000')).toBe('0');
  });

  it('refuses characters outside the alphabet and input of the wrong length', () => {
    expect(() => creditCodeCheckChar('91350100I000100Y4')).toThrow(/"I" at position 9/);
    expect(() => creditCodeCheckChar('91350100M000100Y')).toThrow(RangeError);
  });
});

describe('checkCreditCode', () => {
  it('accepts published codes of real organisations and returns their registering division', () => {
    for (const [code, divisionCode] of REAL_CODES) {
      expect(checkCreditCode(code)).toEqual({ ok: true, divisionCode });
    }
  });

  it('accepts central-level bodies registered under the national code 100000', () => {
    expect(checkCreditCode('12100000400002259P')).toEqual({ ok: true, divisionCode: NATIONAL_DIVISION_CODE });
  });

  it('rejects a code that is not 18 characters long', () => {
    expectRejected('91350100M000100Y4', /must be 18 characters, got 17/);
    expectRejected('91350100M000100Y433', /must be 18 characters, got 19/);
  });

  it.each(['I', 'O', 'Z', 'S', 'V'])('rejects the excluded letter %s and names its position', (letter) => {
    expectRejected(`9135${letter}100M000100Y43`, new RegExp(`illegal character "${letter}" at position 5`));
  });

  it('rejects lowercase letters and says letters must be uppercase', () => {
    expectRejected('91350100m000100Y43', /illegal character "m" at position 9 \(letters must be uppercase\)/);
  });

  it('rejects punctuation and spaces', () => {
    expectRejected('91350100-000100Y43', /illegal character "-" at position 9/);
    expectRejected('91350100 000100Y43', /illegal character " " at position 9/);
  });

  it('rejects a wrong check character and says which one was expected', () => {
    expectRejected('91350100M000100Y44', /check character should be 3, got 4/);
  });

  it('rejects a registering division whose province does not exist', () => {
    const first17 = '919901000000100Y4';
    expectRejected(first17 + creditCodeCheckChar(first17), /division 990100 is not a known division/);
  });

  it('rejects a registering division that is structurally impossible', () => {
    const first17 = '91510001M000100Y4';
    expectRejected(first17 + creditCodeCheckChar(first17), /division 510001 is not a known division/);
  });
});

describe('makeCreditCode', () => {
  it('reproduces the example code from its parts', () => {
    expect(makeCreditCode('350100', 'M000100Y4')).toBe('91350100M000100Y43');
    expect(makeCreditCode('100000', '400002259', '1', '2')).toBe('12100000400002259P');
  });

  it('produces codes that checkCreditCode accepts with the same division', () => {
    const random = lcg(32100);
    const codes = [...DIVISIONS.keys()];
    const pick = (): string => CREDIT_CODE_ALPHABET[Math.floor(random() * CREDIT_CODE_ALPHABET.length)]!;
    for (let i = 0; i < 2000; i++) {
      const divisionCode = codes[Math.floor(random() * codes.length)]!;
      const organisationCode = Array.from({ length: 9 }, pick).join('');
      const code = makeCreditCode(divisionCode, organisationCode, pick(), pick());
      expect(code).toHaveLength(18);
      expect(checkCreditCode(code)).toEqual({ ok: true, divisionCode });
    }
  });

  it('defaults to a market-regulation registered company (authority 9, category 1)', () => {
    expect(makeCreditCode('510104', '000000000').slice(0, 2)).toBe('91');
  });

  it('refuses parts that could not yield a valid code', () => {
    expect(() => makeCreditCode('990100', '000000000')).toThrow(/99/);
    expect(() => makeCreditCode('510104', '00000000')).toThrow(/9 characters/);
    expect(() => makeCreditCode('510104', '00000000I')).toThrow(/"I"/);
    expect(() => makeCreditCode('510104', '000000000', 'O')).toThrow(/authority/);
    expect(() => makeCreditCode('510104', '000000000', '9', '12')).toThrow(/category/);
  });
});
