// Unified social credit code, GB 32100-2015:
//   A C DDDDDD OOOOOOOOO K
// registration authority, organisation category, registering division
// (GB/T 2260), organisation code (GB 11714), check character.
import { checkDivisionCode } from './divisions.js';

// I, O, Z, S and V are excluded because they are easily confused with 1, 0, 2, 5 and U.
export const CREDIT_CODE_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

// 3^i mod 31 for i = 0..16.
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;

// Central-level bodies (ministries, national public institutions) register
// under the national code rather than a province, so it must be accepted here
// even though it is not a GB/T 2260 province.
export const NATIONAL_DIVISION_CODE = '100000';

export type CreditCodeCheck = { ok: true; divisionCode: string } | { ok: false; reason: string };

function describeIllegal(c: string, position: number): string {
  const hint = /[a-z]/.test(c) && CREDIT_CODE_ALPHABET.includes(c.toUpperCase())
    ? ' (letters must be uppercase)'
    : ` (allowed: ${CREDIT_CODE_ALPHABET})`;
  return `illegal character ${JSON.stringify(c)} at position ${position}${hint}`;
}

export function creditCodeCheckChar(first17: string): string {
  if (typeof first17 !== 'string' || first17.length !== 17) {
    throw new RangeError(`expected 17 characters to compute a credit code check character, got ${JSON.stringify(first17)}`);
  }
  let sum = 0;
  WEIGHTS.forEach((weight, i) => {
    const c = first17.charAt(i);
    const value = CREDIT_CODE_ALPHABET.indexOf(c);
    if (value < 0) throw new RangeError(describeIllegal(c, i + 1));
    sum += value * weight;
  });
  return CREDIT_CODE_ALPHABET.charAt((31 - (sum % 31)) % 31);
}

export function checkCreditCode(value: string): CreditCodeCheck {
  if (typeof value !== 'string') {
    return { ok: false, reason: 'credit code must be a string' };
  }
  if (value.length !== 18) {
    return { ok: false, reason: `credit code must be 18 characters, got ${value.length}` };
  }
  for (let i = 0; i < 18; i++) {
    const c = value.charAt(i);
    if (!CREDIT_CODE_ALPHABET.includes(c)) {
      return { ok: false, reason: `credit code has ${describeIllegal(c, i + 1)}` };
    }
  }
  const expected = creditCodeCheckChar(value.slice(0, 17));
  const given = value.charAt(17);
  if (given !== expected) {
    return { ok: false, reason: `credit code check character should be ${expected}, got ${given}` };
  }

  const divisionCode = value.slice(2, 8);
  if (divisionCode === NATIONAL_DIVISION_CODE) return { ok: true, divisionCode };
  const division = checkDivisionCode(divisionCode);
  if (!division.ok) {
    return { ok: false, reason: `credit code division ${divisionCode} is not a known division: ${division.reason}` };
  }
  return { ok: true, divisionCode };
}

/**
 * Authority '9' / category '1' is a company registered with market
 * regulation, by far the most common kind of employer.
 */
export function makeCreditCode(
  divisionCode: string,
  organisationCode: string,
  authority = '9',
  category = '1',
): string {
  if (divisionCode !== NATIONAL_DIVISION_CODE) {
    const division = checkDivisionCode(divisionCode);
    if (!division.ok) throw new RangeError(division.reason);
  }
  if (typeof organisationCode !== 'string' || organisationCode.length !== 9) {
    throw new RangeError(`organisation code must be 9 characters, got ${JSON.stringify(organisationCode)}`);
  }
  for (const [label, part] of [['authority', authority], ['category', category]] as const) {
    if (typeof part !== 'string' || part.length !== 1 || !CREDIT_CODE_ALPHABET.includes(part)) {
      throw new RangeError(`${label} must be a single character from ${CREDIT_CODE_ALPHABET}, got ${JSON.stringify(part)}`);
    }
  }
  // creditCodeCheckChar rejects any organisation-code character outside the alphabet.
  const first17 = `${authority}${category}${divisionCode}${organisationCode}`;
  return first17 + creditCodeCheckChar(first17);
}
