// Mainland China mobile numbers: 11 digits, first two 13-19. Stored without
// country code or separators so that one subscriber has exactly one spelling.

export type PhoneCheck = { ok: true } | { ok: false; reason: string };

export function checkMobilePhone(value: string): PhoneCheck {
  if (typeof value !== 'string') {
    return { ok: false, reason: 'mobile phone number must be a string' };
  }
  const nonDigit = /\D/.exec(value);
  if (nonDigit) {
    return {
      ok: false,
      reason: `mobile phone number must contain only digits, found ${JSON.stringify(nonDigit[0])} at position ${nonDigit.index + 1}`,
    };
  }
  if (value.length !== 11) {
    return { ok: false, reason: `mobile phone number must be 11 digits, got ${value.length}` };
  }
  if (!/^1[3-9]/.test(value)) {
    return { ok: false, reason: `mobile phone number must start with 13-19, got ${value.slice(0, 2)}` };
  }
  return { ok: true };
}
