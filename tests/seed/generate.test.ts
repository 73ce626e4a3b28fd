import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  CHENGDU_DISTRICTS,
  DIVISIONS,
  ETHNICITIES,
  INDUSTRIES,
  POSITIONS,
  VACCINES,
  checkCreditCode,
  checkDivisionCode,
  checkIdNumber,
  checkMobilePhone,
} from '../../domain/index.js';
import { createCity, demoResidents, personId, type SeedRows, type SyntheticCity } from '../../seed/generate.js';
import { SEED_TABLES, type SeedTable } from '../../seed/plan.js';
import { DEFAULT_AS_OF, UNIVERSE, populationOf } from '../../seed/population.js';

const KEY = 'generator-test';
// The data's own "today": nothing may be dated after it.
const TODAY = new Date('2026-11-21T00:00:00Z');
const AS_OF = DEFAULT_AS_OF;

type Tables = { [T in SeedTable]: SeedRows[T][] };

function materialise(city: SyntheticCity): Tables {
  return Object.fromEntries(SEED_TABLES.map((table) => [table, [...city.rows(table)]])) as unknown as Tables;
}

function digest(city: SyntheticCity): string {
  const hash = createHash('sha256');
  for (const table of SEED_TABLES) {
    hash.update(`${table}\n`);
    for (const row of city.rows(table)) hash.update(`${JSON.stringify(row)}\n`);
  }
  return hash.digest('hex');
}

const city = createCity({ persons: 3_000, key: KEY });
const tables = materialise(city);
const personsById = new Map(tables.persons.map((p) => [p.id, p]));

describe('synthetic city generator', () => {
  it('produces byte-identical tables for the same key and size, and different tables for another key', () => {
    const first = digest(createCity({ persons: 1_500, key: 'same-key' }));
    const second = digest(createCity({ persons: 1_500, key: 'same-key' }));
    const other = digest(createCity({ persons: 1_500, key: 'other-key' }));
    expect(second).toBe(first);
    expect(other).not.toBe(first);
  });

  it('keeps a person the same whatever the size of the city, so demo residents are stable', () => {
    const small = [...createCity({ persons: 50, key: KEY }).rows('persons')];
    expect(small).toEqual(tables.persons.slice(0, 50));
    expect(demoResidents(KEY, 3)).toEqual(tables.persons.slice(0, 3).map(({ id, idNumber, name }) => ({ id, idNumber, name })));
    expect(personId(KEY, 2)).toBe(tables.persons[2]!.id);
  });

  it('gives every person a valid, unique identity number that agrees with sex, birth date and household division', () => {
    const seen = new Set<string>();
    for (const person of tables.persons) {
      const check = checkIdNumber(person.idNumber, TODAY);
      expect(check, person.idNumber).toMatchObject({
        ok: true,
        sex: person.sex,
        birthDate: person.birthDate,
        divisionCode: person.householdDivisionCode,
      });
      seen.add(person.idNumber);
    }
    expect(seen.size).toBe(tables.persons.length);
  });

  it('leaves room for unique identity numbers in the largest city the layout supports', () => {
    // Persons sharing a division and birth date take consecutive sequences; 500 per sex fit in three digits.
    expect(populationOf({ key: KEY }).largestBirthCell()).toBeLessThanOrEqual(500);
    const population = populationOf({ key: 'uniqueness-at-scale' });
    const seen = new Set<string>();
    // Indices spread over the whole universe, including its very end.
    for (let i = 0; i < 100_000; i++) {
      const person = population.core(UNIVERSE - 1 - i * 613);
      seen.add(`${person.division.code}${person.birthDay}${person.sequence}`);
    }
    expect(seen.size).toBe(100_000);
  });

  it('uses realistic names, ethnicities, phones and household places', () => {
    const ethnicities = new Set(ETHNICITIES.map(([name]) => name));
    let phones = 0;
    for (const person of tables.persons) {
      expect(person.name).toMatch(/^\p{Script=Han}{2,3}$/u);
      expect(ethnicities.has(person.ethnicity)).toBe(true);
      expect(person.householdAddress.length).toBeGreaterThan(6);
      if (person.phone) {
        phones += 1;
        expect(checkMobilePhone(person.phone)).toEqual({ ok: true });
      }
    }
    expect(phones / tables.persons.length).toBeGreaterThan(0.85);
    expect(phones / tables.persons.length).toBeLessThan(0.95);
    const han = tables.persons.filter((p) => p.ethnicity === '汉族').length / tables.persons.length;
    expect(han).toBeGreaterThan(0.85);
  });

  it('registers about 65% in Chengdu districts, 35% as floating residents from elsewhere and 1% as moved out', () => {
    const share = (status: string): number => tables.persons.filter((p) => p.status === status).length / tables.persons.length;
    expect(share('REGISTERED') + share('MOVED_OUT')).toBeCloseTo(0.65, 1);
    expect(share('FLOATING')).toBeCloseTo(0.35, 1);
    expect(share('MOVED_OUT')).toBeGreaterThan(0.003);
    expect(share('MOVED_OUT')).toBeLessThan(0.02);
    for (const person of tables.persons) {
      const local = CHENGDU_DISTRICTS.includes(person.householdDivisionCode);
      expect(local, person.householdDivisionCode).toBe(person.status !== 'FLOATING');
      if (!local) expect(DIVISIONS.has(person.householdDivisionCode)).toBe(true);
    }
    const floating = tables.persons.filter((p) => p.status === 'FLOATING');
    const nearby = floating.filter((p) => p.householdDivisionCode.startsWith('51') || p.householdDivisionCode.startsWith('50'));
    expect(nearby.length / floating.length).toBeGreaterThan(0.6);
  });

  it('uses only valid division codes everywhere', () => {
    const codes = [
      ...tables.persons.map((p) => p.householdDivisionCode),
      ...tables.grids.map((g) => g.districtCode),
      ...tables.residence_registrations.map((r) => r.divisionCode),
      ...tables.move_outs.map((m) => m.destinationDivisionCode),
      ...tables.houses.map((h) => h.divisionCode),
      ...tables.employers.map((e) => e.divisionCode),
    ];
    for (const code of new Set(codes)) expect(checkDivisionCode(code), code).toMatchObject({ ok: true });
    for (const move of tables.move_outs) expect(CHENGDU_DISTRICTS.includes(move.destinationDivisionCode)).toBe(false);
  });

  it('lays grids out as district + street + grid codes with street names and a 10/20/70 class mix', () => {
    const big = [...createCity({ persons: 250_000, key: KEY }).rows('grids')];
    expect(new Set(big.map((g) => g.code)).size).toBe(big.length);
    for (const grid of big) {
      expect(grid.code).toMatch(/^\d{12}$/);
      expect(grid.code.startsWith(grid.districtCode)).toBe(true);
      expect(CHENGDU_DISTRICTS.includes(grid.districtCode)).toBe(true);
      expect(grid.name).toMatch(/^\p{Script=Han}+(街道|镇)第\d+网格$/u);
      expect(grid.officerName).toMatch(/^\p{Script=Han}{2,3}$/u);
    }
    const share = (c: string): number => big.filter((g) => g.class === c).length / big.length;
    expect(share('ENHANCED')).toBeCloseTo(0.1, 1);
    expect(share('KEY')).toBeCloseTo(0.2, 1);
    expect(share('REGULAR')).toBeCloseTo(0.7, 1);
  });

  it('gives houses unique 18-digit codes and addresses in their grid and district, owned by registered residents of that name', () => {
    const gridCodes = new Set(tables.grids.map((g) => g.code));
    expect(new Set(tables.houses.map((h) => h.code)).size).toBe(tables.houses.length);
    expect(new Set(tables.houses.map((h) => h.address)).size).toBe(tables.houses.length);
    for (const house of tables.houses) {
      expect(house.code).toMatch(/^\d{18}$/);
      expect(house.code.startsWith(house.gridCode)).toBe(true);
      expect(house.gridCode.startsWith(house.divisionCode)).toBe(true);
      expect(gridCodes.has(house.gridCode)).toBe(true);
      expect(house.address).toContain(DIVISIONS.get(house.divisionCode)!);
      expect(house.rooms).toBeGreaterThanOrEqual(1);
      expect(house.rooms).toBeLessThanOrEqual(6);
      const owner = personsById.get(house.ownerId!);
      expect(owner, house.code).toBeDefined();
      expect(owner!.status).toBe('REGISTERED');
      expect(house.ownerName).toBe(owner!.name);
    }
    const share = (use: string): number => tables.houses.filter((h) => h.use === use).length / tables.houses.length;
    expect(share('OWNER_OCCUPIED')).toBeCloseTo(0.7, 1);
    expect(share('RENTAL')).toBeCloseTo(0.22, 1);
    expect(share('GROUP_RENTAL')).toBeCloseTo(0.05, 1);
    expect(share('DORMITORY')).toBeCloseTo(0.03, 1);
  });

  it('registers each present person at exactly one current address, in a grid, at a real house', () => {
    const housesByCode = new Map(tables.houses.map((h) => [h.code, h]));
    const current = new Map<string, number>();
    for (const residence of tables.residence_registrations) {
      const house = housesByCode.get(residence.houseCode!);
      expect(house, residence.houseCode!).toBeDefined();
      expect(residence.address).toBe(house!.address);
      expect(residence.gridCode).toBe(house!.gridCode);
      expect(residence.divisionCode).toBe(house!.divisionCode);
      if (residence.until === null) current.set(residence.personId, (current.get(residence.personId) ?? 0) + 1);
    }
    for (const person of tables.persons) {
      expect(current.get(person.id) ?? 0, person.id).toBe(person.status === 'MOVED_OUT' ? 0 : 1);
    }
    const withPast = new Set(tables.residence_registrations.filter((r) => r.until !== null).map((r) => r.personId));
    expect(withPast.size).toBeGreaterThan(tables.persons.length * 0.1);
  });

  it('records a move-out and a closed residence for every moved-out person', () => {
    const movedOut = tables.persons.filter((p) => p.status === 'MOVED_OUT');
    const moves = new Map(tables.move_outs.map((m) => [m.personId, m]));
    expect(tables.move_outs.length).toBe(movedOut.length);
    for (const person of movedOut) {
      const move = moves.get(person.id);
      expect(move).toBeDefined();
      const residences = tables.residence_registrations.filter((r) => r.personId === person.id);
      expect(residences.length).toBeGreaterThan(0);
      for (const residence of residences) expect(residence.until).not.toBeNull();
      expect(residences.some((r) => r.until === move!.movedOn)).toBe(true);
    }
  });

  it('rents only rental, group-rental and dormitory houses, mostly to floating residents, from the owner', () => {
    const housesById = new Map(tables.houses.map((h) => [h.id, h]));
    expect(tables.tenancies.length).toBe(city.plan.rentals);
    for (const tenancy of tables.tenancies) {
      const house = housesById.get(tenancy.houseId)!;
      expect(['RENTAL', 'GROUP_RENTAL', 'DORMITORY']).toContain(house.use);
      expect(tenancy.landlordId).toBe(house.ownerId);
      expect(tenancy.landlordName).toBe(house.ownerName);
      expect(personsById.get(tenancy.tenantId)?.status).toBe('FLOATING');
      expect(tenancy.monthlyRent).toBeGreaterThanOrEqual(500);
      expect(tenancy.monthlyRent).toBeLessThanOrEqual(8000);
    }
    const currentShare = tables.tenancies.filter((t) => t.end === null).length / tables.tenancies.length;
    expect(currentShare).toBeCloseTo(0.8, 1);
  });

  it("points every current tenant's residence at the rented house, as housing records it", () => {
    const housesById = new Map(tables.houses.map((h) => [h.id, h]));
    const currentResidence = new Map(tables.residence_registrations.filter((r) => r.until === null).map((r) => [r.personId, r]));
    const current = tables.tenancies.filter((t) => t.end === null);
    expect(current.length).toBeGreaterThan(0);
    for (const tenancy of current) {
      const house = housesById.get(tenancy.houseId)!;
      const residence = currentResidence.get(tenancy.tenantId)!;
      expect(residence.houseCode).toBe(house.code);
      expect(residence.address).toBe(house.address);
      expect(residence.since).toBe(tenancy.start);
    }
  });

  it('gives employers valid, unique credit codes in their district, Chinese company names and known industries', () => {
    const employers = [...createCity({ persons: 120_000, key: KEY }).rows('employers')];
    expect(employers.length).toBeGreaterThan(1_000);
    expect(new Set(employers.map((e) => e.creditCode)).size).toBe(employers.length);
    for (const employer of employers) {
      expect(checkCreditCode(employer.creditCode), employer.creditCode).toEqual({ ok: true, divisionCode: employer.divisionCode });
      expect(employer.gridCode.startsWith(employer.divisionCode)).toBe(true);
      expect(INDUSTRIES).toContain(employer.industry);
      expect(employer.name).toMatch(/^成都\p{Script=Han}+(有限公司|服务中心)$/u);
    }
  });

  it('employs about 60% of working-age persons at generated employers, most of them insured', () => {
    const employerIds = new Set(tables.employers.map((e) => e.id));
    const working = tables.persons.filter((p) => {
      const age = ageOn(p.birthDate, AS_OF);
      return p.status !== 'MOVED_OUT' && age >= 18 && age <= 60;
    });
    expect(tables.employments.length / working.length).toBeCloseTo(0.6, 1);
    for (const employment of tables.employments) {
      expect(personsById.has(employment.personId)).toBe(true);
      expect(employerIds.has(employment.employerId)).toBe(true);
      expect(POSITIONS).toContain(employment.position);
    }
    const insured = tables.employments.filter((e) => e.socialInsurance === 'INSURED').length / tables.employments.length;
    expect(insured).toBeCloseTo(0.8, 1);
  });

  it('keeps health records on generated persons: one profile each, vaccines from the reference table, maternal care for women 20-45', () => {
    expect(tables.health_profiles.map((h) => h.personId)).toEqual(tables.persons.map((p) => p.id));
    for (const vaccination of tables.vaccinations) {
      expect(personsById.has(vaccination.personId)).toBe(true);
      expect(VACCINES).toContain(vaccination.vaccine);
      expect(vaccination.dose).toBeGreaterThan(0);
    }
    expect(tables.vaccinations.length / tables.persons.length).toBeCloseTo(2, 0);
    const mothers = new Set(tables.maternal_care_records.map((m) => m.personId));
    for (const id of mothers) {
      const person = personsById.get(id)!;
      expect(person.sex).toBe('FEMALE');
      const age = ageOn(person.birthDate, AS_OF);
      expect(age).toBeGreaterThanOrEqual(20);
      expect(age).toBeLessThanOrEqual(45);
    }
    expect(mothers.size / tables.persons.length).toBeCloseTo(0.03, 1);
    const checked = new Set(tables.checkups.map((c) => c.personId));
    expect(checked.size / tables.persons.length).toBeCloseTo(0.4, 1);
  });

  it('keeps family-planning status plausible for age and sex', () => {
    const profiles = new Map(tables.health_profiles.map((h) => [h.personId, h.familyPlanningStatus]));
    for (const person of tables.persons) {
      const status = profiles.get(person.id);
      if (ageOn(person.birthDate, AS_OF) < 18) expect(status).toBe('NONE');
      if (status === 'PREGNANT') {
        expect(person.sex).toBe('FEMALE');
        const visits = tables.maternal_care_records.filter((m) => m.personId === person.id);
        expect(visits.length).toBeGreaterThan(0);
        expect(visits.some((v) => v.kind === 'DELIVERY')).toBe(false);
      }
    }
  });

  it('dates everything on or before the reference date, after birth, with every range in order', () => {
    const born = new Map(tables.persons.map((p) => [p.id, p.birthDate]));
    const past = (date: string | null | undefined, personIdValue: string): void => {
      if (date === null || date === undefined) return;
      expect(date <= AS_OF, date).toBe(true);
      expect(date >= born.get(personIdValue)!, date).toBe(true);
    };
    for (const p of tables.persons) expect(p.birthDate < AS_OF).toBe(true);
    for (const r of tables.residence_registrations) {
      past(r.since, r.personId);
      past(r.until, r.personId);
      if (r.until) expect(r.until >= r.since).toBe(true);
    }
    for (const permit of tables.residence_permits) {
      past(permit.issuedOn, permit.personId);
      expect(permit.validUntil > permit.issuedOn).toBe(true);
    }
    for (const flag of tables.key_person_flags) past(flag.since, flag.personId);
    for (const move of tables.move_outs) past(move.movedOn, move.personId);
    for (const t of tables.tenancies) {
      past(t.start, t.tenantId);
      past(t.end, t.tenantId);
      if (t.end) expect(t.end >= t.start).toBe(true);
    }
    for (const e of tables.employments) {
      past(e.start, e.personId);
      past(e.end, e.personId);
      if (e.end) expect(e.end >= e.start).toBe(true);
    }
    for (const v of tables.vaccinations) past(v.administeredOn, v.personId);
    for (const m of tables.maternal_care_records) past(m.visitOn, m.personId);
    for (const c of tables.checkups) past(c.checkedOn, c.personId);
  });

  it('holds residence permits for about 70% of floating residents, each with a unique number', () => {
    const floating = tables.persons.filter((p) => p.status === 'FLOATING');
    expect(tables.residence_permits.length / floating.length).toBeCloseTo(0.7, 1);
    expect(new Set(tables.residence_permits.map((p) => p.permitNumber)).size).toBe(tables.residence_permits.length);
    for (const permit of tables.residence_permits) expect(personsById.get(permit.personId)?.status).toBe('FLOATING');
    const flagged = tables.key_person_flags.length / tables.persons.length;
    expect(flagged).toBeGreaterThan(0.002);
    expect(flagged).toBeLessThan(0.01);
  });
});

function ageOn(birthDate: string, on: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [y, m, d] = on.split('-').map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}
