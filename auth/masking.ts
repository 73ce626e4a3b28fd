/**
 * How a masked field is shown: enough to recognise a record the caller
 * already knows, not enough to learn what they do not.
 */
export const MASKS = {
  /** `510107199001011234` → `5101**********1234`: region prefix and last four. */
  idNumber: (value: string) => (value.length > 8 ? `${value.slice(0, 4)}${'*'.repeat(value.length - 8)}${value.slice(-4)}` : '*'.repeat(value.length)),
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
} as const satisfies Record<string, (value: string) => string>;

export type MaskKind = keyof typeof MASKS;

export function applyMask(kind: MaskKind, value: unknown): unknown {
  return typeof value === 'string' ? MASKS[kind](value) : value;
}
