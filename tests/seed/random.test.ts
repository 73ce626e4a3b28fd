import { describe, expect, it } from 'vitest';
import { Random, Seed, WeightedTable, dayNumber, entityId, isoDay, yearsAfter, yearsBefore } from '../../seed/random.js';

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

function draws(random: Random, n: number): number[] {
  return Array.from({ length: n }, () => random.uint32());
}

describe('seeded randomness', () => {
  it('gives the same numbers for the same key, kind and index, and different numbers otherwise', () => {
    const a = new Seed('chengdu-demo');
    const b = new Seed('chengdu-demo');
    expect(draws(a.random('person', 7), 20)).toEqual(draws(b.random('person', 7), 20));
    expect(draws(a.random('person', 7), 20)).not.toEqual(draws(a.random('person', 8), 20));
    expect(draws(a.random('person', 7), 20)).not.toEqual(draws(a.random('house', 7), 20));
    expect(draws(a.random('person', 7), 20)).not.toEqual(draws(new Seed('other-city').random('person', 7), 20));
    expect(a.unit('flag', 3)).toBe(b.unit('flag', 3));
  });

  it('produces uniform numbers in [0, 1) with a mean near one half', () => {
    const random = Random.fromKey('uniformity');
    let sum = 0;
    let min = 1;
    let max = 0;
    for (let i = 0; i < 100_000; i++) {
      const u = random.next();
      sum += u;
      min = Math.min(min, u);
      max = Math.max(max, u);
    }
    expect(min).toBeGreaterThanOrEqual(0);
    expect(max).toBeLessThan(1);
    expect(sum / 100_000).toBeCloseTo(0.5, 2);
  });

  it('keeps int() within its inclusive bounds and reaches both ends', () => {
    const random = Random.fromKey('bounds');
    const seen = new Set<number>();
    for (let i = 0; i < 10_000; i++) seen.add(random.int(3, 7));
    expect([...seen].sort()).toEqual([3, 4, 5, 6, 7]);
    expect(() => random.int(5, 4)).toThrow(RangeError);
  });

  it('picks from a weighted table in proportion to the weights', () => {
    const table = new WeightedTable([
      ['rare', 1],
      ['common', 3],
      ['never', 0],
    ]);
    const random = Random.fromKey('weights');
    const counts: Record<string, number> = { rare: 0, common: 0, never: 0 };
    for (let i = 0; i < 40_000; i++) counts[random.weightedPick(table)]! += 1;
    expect(counts.never).toBe(0);
    expect(counts.rare! / 40_000).toBeCloseTo(0.25, 1);
    expect(counts.common! / 40_000).toBeCloseTo(0.75, 1);
  });

  it('draws dates between two ISO dates, both inclusive', () => {
    const random = Random.fromKey('dates');
    const seen = new Set<string>();
    for (let i = 0; i < 2_000; i++) seen.add(random.date('2024-02-28', '2024-03-01'));
    expect([...seen].sort()).toEqual(['2024-02-28', '2024-02-29', '2024-03-01']);
  });
});

describe('deterministic ids', () => {
  it('are UUID v4-shaped pure functions of key, kind and index', () => {
    const id = entityId('chengdu-demo', 'person', 12);
    expect(id).toMatch(UUID_V4);
    expect(entityId('chengdu-demo', 'person', 12)).toBe(id);
    expect(entityId('chengdu-demo', 'house', 12)).not.toBe(id);
    expect(entityId('another-key', 'person', 12)).not.toBe(id);
  });

  it('never repeat within one kind', () => {
    const seed = new Seed('uniqueness');
    const ids = new Set<string>();
    for (let i = 0; i < 200_000; i++) ids.add(seed.id('vaccination', i));
    expect(ids.size).toBe(200_000);
    // The leading word is a bijection of the index, so far-apart indices cannot collide either.
    expect(seed.id('vaccination', 4_294_967_295)).toMatch(UUID_V4);
  });

  it('ascend with the index, so rows generated in order append to their indexes', () => {
    const seed = new Seed('ordering');
    const ids = [0, 1, 2, 65_535, 65_536, 65_537, 1_000_000, 4_360_000, 4_294_967_295].map((i) => seed.id('person', i));
    expect([...ids].sort()).toEqual(ids);
  });

  it('refuse an index outside [0, 2^32)', () => {
    expect(() => entityId('k', 'person', -1)).toThrow(RangeError);
    expect(() => entityId('k', 'person', 1.5)).toThrow(RangeError);
    expect(() => entityId('k', 'person', 2 ** 32)).toThrow(RangeError);
  });
});

describe('day numbers', () => {
  it('round-trip through ISO dates and count calendar years', () => {
    expect(dayNumber('1970-01-01')).toBe(0);
    expect(isoDay(dayNumber('2026-11-01'))).toBe('2026-11-01');
    expect(isoDay(yearsBefore(dayNumber('2026-11-01'), 18))).toBe('2008-11-01');
    expect(isoDay(yearsAfter(dayNumber('2008-02-29'), 18))).toBe('2026-03-01');
    expect(() => dayNumber('2026-02-30')).toThrow(RangeError);
  });
});
