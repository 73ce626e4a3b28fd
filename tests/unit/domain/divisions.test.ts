import { describe, it, expect } from 'vitest';
import {
  CHENGDU_CITY_CODE,
  CHENGDU_DISTRICTS,
  DIVISIONS,
  PROVINCES,
  checkDivisionCode,
  cityCodeOf,
  divisionName,
  provinceCodeOf,
} from '../../../domain/divisions.js';
import {
  ETHNICITIES,
  GIVEN_NAME_CHARS,
  IMMUNISATION_PROGRAMME_VACCINES,
  INDUSTRIES,
  INDUSTRY_SECTIONS,
  POSITIONS,
  STREET_NAMES,
  SURNAMES,
  VACCINES,
} from '../../../domain/names.js';

function expectRejected(code: string, pattern: RegExp): void {
  const result = checkDivisionCode(code);
  expect(result.ok).toBe(false);
  if (!result.ok) expect(result.reason).toMatch(pattern);
}

function duplicates(values: readonly string[]): string[] {
  return values.filter((value, index) => values.indexOf(value) !== index);
}

describe('PROVINCES', () => {
  it('lists all 34 provincial-level divisions', () => {
    expect(Object.keys(PROVINCES)).toHaveLength(34);
    expect(PROVINCES['11']).toBe('北京市');
    expect(PROVINCES['51']).toBe('四川省');
    expect(PROVINCES['65']).toBe('新疆维吾尔自治区');
    expect(PROVINCES['71']).toBe('台湾省');
    expect(PROVINCES['81']).toBe('香港特别行政区');
    expect(PROVINCES['82']).toBe('澳门特别行政区');
  });

  it('uses two-digit keys and distinct names', () => {
    for (const key of Object.keys(PROVINCES)) expect(key).toMatch(/^\d{2}$/);
    expect(duplicates(Object.values(PROVINCES))).toEqual([]);
  });
});

describe('DIVISIONS', () => {
  it('passes every listed code through checkDivisionCode with its own name', () => {
    for (const [code, name] of DIVISIONS) {
      const result = checkDivisionCode(code);
      expect(result, code).toMatchObject({ ok: true, name });
    }
  });

  it('contains every province at provincial level', () => {
    for (const [prefix, name] of Object.entries(PROVINCES)) {
      expect(DIVISIONS.get(`${prefix}0000`)).toBe(name);
      expect(checkDivisionCode(`${prefix}0000`)).toEqual({ ok: true, name, level: 'province' });
    }
  });

  it('contains all 21 prefecture-level divisions of Sichuan', () => {
    const sichuanPrefectures = [...DIVISIONS.keys()].filter((code) => /^51\d{2}00$/.test(code) && code !== '510000');
    expect(sichuanPrefectures).toHaveLength(21);
    expect(DIVISIONS.get('510100')).toBe('成都市');
    expect(DIVISIONS.get('513400')).toBe('凉山彝族自治州');
  });

  it('lists a parent city or province for every district it contains', () => {
    for (const code of DIVISIONS.keys()) {
      expect(DIVISIONS.has(provinceCodeOf(code)), code).toBe(true);
      expect(DIVISIONS.has(cityCodeOf(code)), code).toBe(true);
    }
  });
});

describe('Chengdu', () => {
  it('has the city code 510100', () => {
    expect(CHENGDU_CITY_CODE).toBe('510100');
    expect(divisionName(CHENGDU_CITY_CODE)).toBe('成都市');
  });

  it('has 20 distinct county-level divisions, all named and all inside Chengdu', () => {
    expect(CHENGDU_DISTRICTS).toHaveLength(20);
    expect(duplicates(CHENGDU_DISTRICTS)).toEqual([]);
    for (const code of CHENGDU_DISTRICTS) {
      expect(checkDivisionCode(code)).toMatchObject({ ok: true, level: 'county' });
      expect(divisionName(code)).not.toBeNull();
      expect(cityCodeOf(code)).toBe(CHENGDU_CITY_CODE);
    }
    expect(divisionName('510107')).toBe('武侯区');
    expect(divisionName('510185')).toBe('简阳市');
  });
});

describe('checkDivisionCode', () => {
  it('reports the level of a listed code', () => {
    expect(checkDivisionCode('510000')).toEqual({ ok: true, name: '四川省', level: 'province' });
    expect(checkDivisionCode('511300')).toEqual({ ok: true, name: '南充市', level: 'prefecture' });
    expect(checkDivisionCode('511302')).toEqual({ ok: true, name: '顺庆区', level: 'county' });
  });

  it('accepts a structurally valid code the table does not list, with no name', () => {
    // 510122 was 双流县 before it became 双流区; older ID numbers still carry it.
    expect(checkDivisionCode('510122')).toEqual({ ok: true, name: null, level: 'county' });
    expect(checkDivisionCode('429004')).toEqual({ ok: true, name: null, level: 'county' });
    expect(checkDivisionCode('513200')).toMatchObject({ ok: true, level: 'prefecture' });
  });

  it('rejects anything that is not exactly six digits', () => {
    expectRejected('5101', /exactly 6 digits/);
    expectRejected('5101040', /exactly 6 digits/);
    expectRejected('51010A', /exactly 6 digits/);
    expectRejected('', /exactly 6 digits/);
  });

  it('rejects an unknown province prefix', () => {
    expectRejected('000000', /starts with 00, which is not a provincial-level division/);
    expectRejected('990101', /starts with 99, which is not a provincial-level division/);
    expectRejected('100000', /starts with 10/);
    expectRejected('830000', /starts with 83/);
  });

  it('rejects a county part under an empty prefecture part', () => {
    expectRejected('510001', /county part 01 under prefecture part 00/);
  });

  it('rejects subdivisions of Taiwan, Hong Kong and Macao, which the standard does not subdivide', () => {
    expectRejected('810100', /subdivides 香港特别行政区/);
    expectRejected('710001', /subdivides 台湾省/);
    expectRejected('820101', /subdivides 澳门特别行政区/);
  });
});

describe('divisionName', () => {
  it('returns the Chinese name of a listed code and null otherwise', () => {
    expect(divisionName('500103')).toBe('渝中区');
    expect(divisionName('510122')).toBeNull();
    expect(divisionName('garbage')).toBeNull();
  });
});

describe('cityCodeOf and provinceCodeOf', () => {
  it('maps a district to its prefecture-level city and province', () => {
    expect(cityCodeOf('510107')).toBe('510100');
    expect(provinceCodeOf('510107')).toBe('510000');
    expect(cityCodeOf('511302')).toBe('511300');
  });

  it('maps a district of a municipality to the municipality itself', () => {
    expect(cityCodeOf('110105')).toBe('110000');
    expect(cityCodeOf('120101')).toBe('120000');
    expect(cityCodeOf('310115')).toBe('310000');
    expect(cityCodeOf('500103')).toBe('500000');
  });

  it('leaves city and province codes at their own level', () => {
    expect(cityCodeOf('510100')).toBe('510100');
    expect(cityCodeOf('510000')).toBe('510000');
    expect(provinceCodeOf('510000')).toBe('510000');
  });

  it('refuses input that is not six digits', () => {
    expect(() => cityCodeOf('5101')).toThrow(RangeError);
    expect(() => provinceCodeOf('51010x')).toThrow(RangeError);
  });
});

describe('synthetic population tables', () => {
  const stringTables: Record<string, readonly string[]> = {
    SURNAMES: SURNAMES.map(([surname]) => surname),
    GIVEN_NAME_CHARS,
    ETHNICITIES: ETHNICITIES.map(([name]) => name),
    INDUSTRIES,
    STREET_NAMES,
    VACCINES,
    POSITIONS,
  };

  it.each(Object.entries(stringTables))('%s is non-empty, has no blanks and no duplicates', (_name, table) => {
    expect(table.length).toBeGreaterThan(0);
    for (const entry of table) expect(entry.trim()).toBe(entry);
    for (const entry of table) expect(entry).not.toBe('');
    expect(duplicates(table)).toEqual([]);
  });

  it('has roughly the expected sizes', () => {
    expect(SURNAMES.length).toBeGreaterThanOrEqual(100);
    expect(GIVEN_NAME_CHARS.length).toBeGreaterThanOrEqual(200);
    expect(ETHNICITIES).toHaveLength(56);
    expect(INDUSTRY_SECTIONS).toHaveLength(20);
    expect(STREET_NAMES.length).toBeGreaterThanOrEqual(60);
    expect(POSITIONS.length).toBeGreaterThanOrEqual(40);
  });

  it('uses single characters for surnames in this table and for given-name characters', () => {
    for (const [surname] of SURNAMES) expect([...surname]).toHaveLength(1);
    for (const c of GIVEN_NAME_CHARS) expect([...c]).toHaveLength(1);
  });

  it('gives every weighted entry a positive weight, most common first', () => {
    for (const [, weight] of [...SURNAMES, ...ETHNICITIES]) expect(weight).toBeGreaterThan(0);
    expect(SURNAMES.slice(0, 5).map(([s]) => s)).toEqual(['王', '李', '张', '刘', '陈']);
    for (let i = 1; i < SURNAMES.length; i++) {
      expect(SURNAMES[i]![1]).toBeLessThanOrEqual(SURNAMES[i - 1]![1]);
    }
  });

  it('weights Han at about 91% and lists 彝, 藏 and 羌 ahead of most minorities', () => {
    const total = ETHNICITIES.reduce((sum, [, weight]) => sum + weight, 0);
    const weightOf = (name: string): number => ETHNICITIES.find(([n]) => n === name)?.[1] ?? 0;
    expect(weightOf('汉族') / total).toBeGreaterThan(0.88);
    expect(weightOf('汉族') / total).toBeLessThan(0.93);
    const minorities = ETHNICITIES.filter(([n]) => n !== '汉族').sort((a, b) => b[1] - a[1]);
    expect(minorities.slice(0, 3).map(([n]) => n).sort()).toEqual(['彝族', '羌族', '藏族'].sort());
  });

  it('derives industries from GB/T 4754 sections A to T in order', () => {
    expect(INDUSTRY_SECTIONS.map(([letter]) => letter).join('')).toBe('ABCDEFGHIJKLMNOPQRST');
    expect(INDUSTRIES).toContain('制造业');
    expect(INDUSTRIES).toContain('信息传输、软件和信息技术服务业');
  });

  it('treats the national immunisation programme vaccines as a subset of all vaccines', () => {
    for (const vaccine of IMMUNISATION_PROGRAMME_VACCINES) expect(VACCINES).toContain(vaccine);
    expect(IMMUNISATION_PROGRAMME_VACCINES).toContain('乙肝疫苗');
    expect(IMMUNISATION_PROGRAMME_VACCINES).not.toContain('新冠病毒疫苗');
  });
});
