import { describe, expect, it } from 'vitest';
import { createCity } from '../../seed/generate.js';
import { CHENGDU, SEED_TABLES, planCity } from '../../seed/plan.js';
import { populationOf } from '../../seed/population.js';

describe('planCity', () => {
  it("keeps Chengdu's ratios of houses, rentals and employers to persons", () => {
    const plan = planCity({ persons: 200_000, key: 'ratios' });
    expect(plan.houses).toBe(Math.round((200_000 * 6.73) / 4.36));
    expect(plan.rentals).toBe(Math.round((200_000 * 0.915) / 4.36));
    expect(plan.employers).toBe(Math.round((200_000 * 38_700) / 4.36e6));
    expect(plan.grids).toBe(800);
    expect(plan.rows.health_profiles).toBe(200_000);
    expect(plan.rows.tenancies).toBe(plan.rentals);
  });

  it('scales per-person records: 60% of working age employed, 2 vaccinations each, check-ups for 40%, maternal care for 3%', () => {
    const persons = 100_000;
    const plan = planCity({ persons, key: 'ratios' });
    const population = populationOf(plan);
    let workingAge = 0;
    let mothers = 0;
    let checked = 0;
    let floating = 0;
    for (let i = 0; i < persons; i++) {
      const person = population.core(i);
      if (person.status !== 'MOVED_OUT' && person.age >= 18 && person.age <= 60) workingAge += 1;
      if (population.maternalEpisode(person)) mothers += 1;
      if (population.checkupCount(person) > 0) checked += 1;
      if (person.status === 'FLOATING') floating += 1;
    }
    expect(plan.rows.employments / workingAge).toBeCloseTo(0.6, 2);
    expect(plan.rows.vaccinations / persons).toBeCloseTo(2, 1);
    expect(mothers / persons).toBeCloseTo(0.03, 2);
    expect(checked / persons).toBeCloseTo(0.4, 1);
    expect(plan.rows.residence_permits / floating).toBeCloseTo(0.7, 1);
    expect(plan.rows.key_person_flags / persons).toBeCloseTo(0.005, 2);
    expect(plan.rows.move_outs / persons).toBeCloseTo(0.01, 2);
    expect(plan.rentals).toBeLessThan(plan.tenantPool);
  });

  it('gives even a tiny city four grids and five employers', () => {
    const plan = planCity({ persons: 20, key: 'tiny' });
    expect(plan.grids).toBe(4);
    expect(plan.employers).toBe(5);
    expect(plan.houses).toBe(31);
  });

  it("plans Chengdu's full register: 4.36 M persons, 6.73 M houses, 0.915 M rentals, 38,700 employers", () => {
    const plan = planCity({ persons: CHENGDU.persons, key: 'chengdu-demo' });
    expect(plan).toMatchObject({ persons: 4_360_000, houses: 6_730_000, rentals: 915_000, employers: 38_700, grids: 17_440 });
    expect(plan.rows.residence_registrations).toBeGreaterThan(plan.persons);
  });

  it('counts exactly the rows the generators produce, for every table', () => {
    const city = createCity({ persons: 4_000, key: 'exact-counts' });
    for (const table of SEED_TABLES) {
      let rows = 0;
      for (const _row of city.rows(table)) rows += 1;
      expect(rows, table).toBe(city.plan.rows[table]);
    }
  });

  it('is a pure function of its options', () => {
    expect(planCity({ persons: 5_000, key: 'pure' })).toEqual(planCity({ persons: 5_000, key: 'pure' }));
    expect(planCity({ persons: 5_000, key: 'pure' }).rows).not.toEqual(planCity({ persons: 5_000, key: 'other' }).rows);
  });

  it('refuses a size that is not a positive whole number', () => {
    expect(() => planCity({ persons: 0, key: 'k' })).toThrow(RangeError);
    expect(() => planCity({ persons: 10.5, key: 'k' })).toThrow(RangeError);
    expect(() => planCity({ persons: 2 ** 27, key: 'k' })).toThrow(RangeError);
    expect(() => planCity({ persons: 10, key: '' })).toThrow(RangeError);
    expect(() => planCity({ persons: 10, key: 'k', cityCode: '510104' })).toThrow(/prefecture/);
  });
});
