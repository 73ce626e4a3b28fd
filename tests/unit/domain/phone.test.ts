import { describe, it, expect } from 'vitest';
import { checkMobilePhone } from '../../../domain/phone.js';

function expectRejected(value: string, pattern: RegExp): void {
  const result = checkMobilePhone(value);
  expect(result.ok).toBe(false);
  if (!result.ok) expect(result.reason).toMatch(pattern);
}

describe('checkMobilePhone', () => {
  it.each(['13800138000', '14512345678', '15012345678', '16612345678', '17712345678', '18628001234', '19912345678'])(
    'accepts the mainland mobile number %s',
    (value) => {
      expect(checkMobilePhone(value)).toEqual({ ok: true });
    },
  );

  it('rejects numbers that are not 11 digits long', () => {
    expectRejected('1380013800', /must be 11 digits, got 10/);
    expectRejected('138001380001', /must be 11 digits, got 12/);
    expectRejected('', /must be 11 digits, got 0/);
  });

  it('rejects numbers whose first two digits are outside 13-19', () => {
    expectRejected('12345678901', /must start with 13-19, got 12/);
    expectRejected('10086000000', /must start with 13-19, got 10/);
    expectRejected('28612345678', /must start with 13-19, got 28/);
  });

  it('rejects separators, a country code and other non-digits, naming the first offender', () => {
    expectRejected('138-0013-8000', /only digits, found "-" at position 4/);
    expectRejected('+8613800138000', /only digits, found "\+" at position 1/);
    expectRejected('138 0013 8000', /only digits, found " " at position 4/);
    expectRejected('１３８００１３８０００', /only digits/);
  });
});
