import { DIVISIONS, cityCodeOf, provinceCodeOf } from './divisions.js';

/**
 * What makes a Chinese address an address rather than a word: a place at
 * district level (a 区, 县, 旗 or county-level 市, or the district named by the
 * record's division code) and, after it, a street part (a road, street, lane,
 * village, group or house number). `"x"` and `"成都"` are not addresses;
 * `四川省成都市武侯区科华北路65号` and `重庆市万州区新田镇光明村3组` are.
 */

/** Words that end the name of a district-level place. */
const DISTRICT_SUFFIXES = ['区', '县', '旗', '市'] as const;

/** Words that mark a street part: a road, street, avenue, lane, alley, village, village group, compound or number. */
export const STREET_MARKERS = ['路', '街', '道', '巷', '弄', '胡同', '里', '村', '组', '号', '院', '小区', '社区'] as const;

export type AddressCheck = { ok: true } | { ok: false; reason: string };

/** The names an address in `divisionCode` may call its district by: the district itself and, for a known code, nothing else. */
function districtNamesOf(divisionCode: string): string[] {
  const name = DIVISIONS.get(divisionCode);
  return name ? [name] : [];
}

/** Where the district-level place ends in `address`: after the division's own name when known, else after the first district-level suffix past a city. */
function districtEnd(address: string, divisionCode: string | null): number {
  if (divisionCode !== null) {
    for (const name of districtNamesOf(divisionCode)) {
      const at = address.indexOf(name);
      if (at >= 0) return at + name.length;
    }
    // A code the hub has no name for (a district outside the tables): any district-level word will do.
    if (DIVISIONS.has(divisionCode)) return -1;
  }
  // The first district-level suffix after at least one other character: "市" in "成都市武侯区" ends the city, so keep looking.
  let end = -1;
  for (let i = 1; i < address.length; i++) {
    const char = address.charAt(i);
    if ((DISTRICT_SUFFIXES as readonly string[]).includes(char)) {
      end = i + 1;
      if (char !== '市') break;
    }
  }
  return end;
}

/**
 * Checks an address. With `divisionCode` (a district or county), the address
 * must name that district; without one, any district-level place will do.
 */
export function checkAddress(address: string, divisionCode: string | null = null): AddressCheck {
  const county = divisionCode !== null && divisionCode.slice(4) !== '00' ? divisionCode : null;
  const end = districtEnd(address, county);
  if (end < 0) {
    const named = county ? DIVISIONS.get(county) : undefined;
    return {
      ok: false,
      reason: named
        ? `must name its district (${named}), e.g. ${exampleIn(county ?? '')}`
        : 'must name a district-level place (a 区, 县, 旗 or county-level 市), e.g. 四川省成都市武侯区科华北路65号',
    };
  }
  const street = address.slice(end);
  if (!STREET_MARKERS.some((marker) => street.includes(marker))) {
    return { ok: false, reason: 'must have a street part after the district: a road, street, lane or village and a number, e.g. 科华北路65号' };
  }
  return { ok: true };
}

/** An example address in a district, for error messages. */
function exampleIn(divisionCode: string): string {
  const district = DIVISIONS.get(divisionCode) ?? '';
  const city = DIVISIONS.get(cityCodeOf(divisionCode)) ?? '';
  const province = DIVISIONS.get(provinceCodeOf(divisionCode)) ?? '';
  return `${province === city ? '' : province}${city}${district}人民路1号`;
}
