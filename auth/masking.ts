/**
 * How a masked field is shown: enough to recognise a record the caller
 * already knows, not enough to learn what they do not.
 */
export const MASKS = {
  /**
   * `510107199001011234` → `510107********1234`: the region and the last four
   * (sequence and check character), hiding the birth date. The region is the
   * district every reader of a masked number already has from the household
   * division code; hiding it as well would pretend to a secret that is not one
   * (auth/disclosure.ts).
   */
  idNumber: (value: string) => (value.length > 10 ? `${value.slice(0, 6)}${'*'.repeat(value.length - 10)}${value.slice(-4)}` : '*'.repeat(value.length)),
  /** `13812345678` → `138****5678`. */
  phone: (value: string) => (value.length >= 7 ? `${value.slice(0, 3)}${'*'.repeat(value.length - 7)}${value.slice(-4)}` : '*'.repeat(value.length)),
  /** An address cut after its district or county, e.g. `成都市武侯区玉林南路1号` → `成都市武侯区`. */
  address: (value: string) => {
    const match = /^(?:[^省]{2,8}省)?(?:[^市州盟]{2,10}?(?:市|自治州|地区|盟))?(?:[^市区县旗]{1,8}?(?:区|县|旗|市))?/u.exec(value);
    const prefix = match?.[0] ?? '';
    return prefix.length > 0 && prefix.length < value.length ? prefix : '***';
  },
  /** A serial number reduced to its last four characters. */
  serial: (value: string) => `${'*'.repeat(Math.max(0, value.length - 4))}${value.slice(-4)}`,
  /**
   * A residence permit number (city code, year of issue, serial) →
   * `5101002025****5678`: city and year are no secret beside the permit's
   * issue date, so only the serial's first half is hidden. A number of
   * another form is reduced to its last four characters.
   */
  permitNumber: (value: string) =>
    value.length >= 18 ? `${value.slice(0, 10)}${'*'.repeat(value.length - 14)}${value.slice(-4)}` : `${'*'.repeat(Math.max(0, value.length - 4))}${value.slice(-4)}`,
} as const satisfies Record<string, (value: string) => string>;

export type MaskKind = keyof typeof MASKS;

export function applyMask(kind: MaskKind, value: unknown): unknown {
  return typeof value === 'string' ? MASKS[kind](value) : value;
}
