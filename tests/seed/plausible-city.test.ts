// Every record of the synthetic city is held to the rules the departments
// hold a write to, through the same domain functions: a seeded city is data a
// department could have written, so nothing in it is refused or flagged
// except the group rentals it makes on purpose.
import { describe, expect, it } from 'vitest';
import {
  ETHNIC_GROUPS,
  INDUSTRIES,
  MATERNAL_CARE_AGES,
  MINIMUM_WORKING_AGE,
  VACCINES,
  checkAddress,
  chinaDateOf,
  personProblems,
  type PersonCondition,
  type PersonFacts,
} from '../../domain/index.js';
import { createCity, type SeedRows, type SyntheticCity } from '../../seed/generate.js';
import { SEED_TABLES, type SeedTable } from '../../seed/plan.js';
import { DEFAULT_AS_OF, seedingDay } from '../../seed/population.js';

const PERSONS = 4_000;
const KEY = 'plausible-city';
/** The hub flags a house whose open tenancies exceed its rooms times this factor (1 unless configured). */
const GROUP_RENTAL_FACTOR = 1;

type Tables = { [T in SeedTable]: SeedRows[T][] };

interface Generated {
  city: SyntheticCity;
  tables: Tables;
  facts: Map<string, PersonFacts>;
  /** Person id to register index, for the per-person decisions of the population. */
  indexOf: Map<string, number>;
}

function generate(asOf: string): Generated {
  const city = createCity({ persons: PERSONS, key: KEY, asOf });
  const tables = Object.fromEntries(SEED_TABLES.map((table) => [table, [...city.rows(table)]])) as unknown as Tables;
  const lastMove = new Map<string, string>();
  for (const move of tables.move_outs) {
    const previous = lastMove.get(move.personId);
    if (previous === undefined || move.movedOn > previous) lastMove.set(move.personId, move.movedOn);
  }
  const facts = new Map<string, PersonFacts>(
    tables.persons.map((p) => [
      p.id,
      { birthDate: p.birthDate, sex: p.sex, movedOutOn: p.status === 'MOVED_OUT' ? (lastMove.get(p.id) ?? null) : null },
    ]),
  );
  const indexOf = new Map(tables.persons.map((p, i) => [p.id, i]));
  return { city, tables, facts, indexOf };
}

/** Offences are listed as `what: record`, so a failure shows the first few records that break a rule. */
class Offences {
  private readonly found: string[] = [];
  private readonly rules = new Map<string, number>();
  add(rule: string, record: unknown): void {
    this.found.push(`${rule}: ${JSON.stringify(record)}`);
    this.rules.set(rule, (this.rules.get(rule) ?? 0) + 1);
  }
  check(rule: string, ok: boolean, record: unknown): void {
    if (!ok) this.add(rule, record);
  }
  /** What a person's record is judged by; unknown persons are an offence of their own. */
  person(facts: Map<string, PersonFacts>, id: string, condition: PersonCondition, record: unknown, ignore: readonly string[] = []): void {
    const person = facts.get(id);
    if (!person) return this.add('names a person the register does not hold', record);
    const problems = personProblems(person, condition).filter((p) => !ignore.includes(p));
    if (problems.length > 0) this.add(`person problems ${problems.join(',')}`, record);
  }
  expectNone(): void {
    const byRule = [...this.rules].map(([rule, count]) => `${count} × ${rule}`);
    expect({ count: this.found.length, byRule, first: this.found.slice(0, 5) }).toEqual({ count: 0, byRule: [], first: [] });
  }
}

const countyLevel = (code: string): boolean => code.slice(4) !== '00';

describe.each([
  ['seeded today', () => seedingDay()],
  ['generated on the fixed reference date', () => DEFAULT_AS_OF],
])('a synthetic city %s', (_, asOfOf) => {
  const asOf = asOfOf();
  const { city, tables, facts, indexOf } = generate(asOf);
  const today = chinaDateOf(new Date());
  const notFuture = (date: string | null | undefined): boolean => date == null || date <= today;
  const gridCodes = new Set(tables.grids.map((g) => g.code));
  const housesByCode = new Map(tables.houses.map((h) => [h.code, h]));
  const housesById = new Map(tables.houses.map((h) => [h.id, h]));
  const employerIds = new Set(tables.employers.map((e) => e.id));
  const personsById = new Map(tables.persons.map((p) => [p.id, p]));
  const residencesByPerson = new Map<string, SeedRows['residence_registrations'][]>();
  for (const r of tables.residence_registrations) residencesByPerson.set(r.personId, [...(residencesByPerson.get(r.personId) ?? []), r]);
  for (const list of residencesByPerson.values()) list.sort((a, b) => (a.since < b.since ? -1 : a.since > b.since ? 1 : 0));

  it('is dated no later than today in China', () => {
    expect(asOf <= today).toBe(true);
  });

  it('lays grids out within their districts', () => {
    const offences = new Offences();
    for (const grid of tables.grids) offences.check('grid code outside its district', grid.code.startsWith(grid.districtCode), grid);
    offences.check('grid codes repeat', gridCodes.size === tables.grids.length, tables.grids.length);
    offences.expectNone();
  });

  it('registers persons of a recognised ethnic group with a household address naming their district and a street part', () => {
    const offences = new Offences();
    for (const person of tables.persons) {
      offences.check('ethnicity outside GB 3304', ETHNIC_GROUPS.includes(person.ethnicity), person);
      const code = person.householdDivisionCode;
      const address = checkAddress(person.householdAddress, countyLevel(code) ? code : null);
      offences.check(`household address ${address.ok ? '' : address.reason}`, address.ok, person);
      offences.check('born in the future', notFuture(person.birthDate), person);
    }
    offences.expectNone();
  });

  it('registers residences in a known grid and house of their district, one after another, after birth and up to any move-out', () => {
    const offences = new Offences();
    for (const r of tables.residence_registrations) {
      const address = checkAddress(r.address, r.divisionCode);
      offences.check(`address ${address.ok ? '' : address.reason}`, address.ok, r);
      offences.check('unknown grid', gridCodes.has(r.gridCode), r);
      offences.check('grid outside the division', r.gridCode.startsWith(r.divisionCode), r);
      if (r.houseCode != null) {
        const house = housesByCode.get(r.houseCode);
        offences.check('unknown house', house !== undefined, r);
        if (house) offences.check("house in another grid than the residence's", house.gridCode === r.gridCode, r);
      }
      offences.check('ends before it begins', r.until == null || r.until >= r.since, r);
      offences.check('dated in the future', notFuture(r.since) && notFuture(r.until), r);
      // A moved-out person's residences are judged against the move-out below.
      offences.person(facts, r.personId, { on: r.since, until: r.until }, r, ['MOVED_OUT']);
    }
    for (const [personId, list] of residencesByPerson) {
      for (let k = 1; k < list.length; k++) {
        const previous = list[k - 1]!;
        const next = list[k]!;
        offences.check('overlaps the residence before it', previous.until != null && next.since >= previous.until, { previous, next });
      }
      const person = facts.get(personId);
      const last = list[list.length - 1]!;
      if (person?.movedOutOn != null) {
        offences.check('a moved-out person still lives here', last.until != null && last.until <= person.movedOutOn, last);
        offences.check('moved out before the last residence began', person.movedOutOn >= last.since, { last, movedOn: person.movedOutOn });
        offences.check('moved out before birth', person.birthDate === null || person.movedOutOn >= person.birthDate, { personId, ...person });
      }
    }
    offences.expectNone();
  });

  it('records move-outs of moved-out persons only, after birth and not in the future', () => {
    const offences = new Offences();
    for (const move of tables.move_outs) {
      offences.check('move-out of a person not recorded as moved out', personsById.get(move.personId)?.status === 'MOVED_OUT', move);
      offences.person(facts, move.personId, { on: move.movedOn }, move);
      offences.check('dated in the future', notFuture(move.movedOn), move);
    }
    offences.expectNone();
  });

  it('issues residence permits with 18-character numbers to floating residents, after their current residence began, current unless meant to have lapsed', () => {
    const offences = new Offences();
    const numbers = new Set<string>();
    let current = 0;
    for (const permit of tables.residence_permits) {
      const person = personsById.get(permit.personId);
      offences.check('issued to a person who is not floating', person?.status === 'FLOATING', permit);
      offences.check('number not city code + year + 8 digits', /^\d{18}$/.test(permit.permitNumber), permit);
      offences.check('number not of this city', permit.permitNumber.startsWith(city.population.cityCode), permit);
      offences.check('number not of the year of issue', permit.permitNumber.slice(6, 10) === permit.issuedOn.slice(0, 4), permit);
      offences.check('number repeats', !numbers.has(permit.permitNumber), permit);
      numbers.add(permit.permitNumber);
      offences.check('valid until before issued', permit.issuedOn <= permit.validUntil, permit);
      offences.check('issued in the future', notFuture(permit.issuedOn), permit);
      offences.person(facts, permit.personId, { on: permit.issuedOn }, permit);
      const residence = residencesByPerson.get(permit.personId)?.find((r) => r.until == null);
      offences.check('issued to a person with no current residence', residence !== undefined, permit);
      if (residence) offences.check('issued before the current residence began', permit.issuedOn >= residence.since, { permit, residence });
      const valid = permit.issuedOn <= asOf && asOf <= permit.validUntil;
      if (valid) current += 1;
      const index = indexOf.get(permit.personId);
      const lapses = index !== undefined && city.population.permitLapses(city.population.core(index));
      offences.check('lapsed though meant to be current', valid || lapses, permit);
    }
    offences.expectNone();
    expect(current).toBeGreaterThan(tables.residence_permits.length / 2);
  });

  it('flags key persons from a day after birth and before any move-out', () => {
    const offences = new Offences();
    for (const flag of tables.key_person_flags) {
      offences.person(facts, flag.personId, { on: flag.since }, flag);
      offences.check('dated in the future', notFuture(flag.since), flag);
    }
    offences.expectNone();
  });

  it('keeps houses at addresses naming their district, in known grids, owned by registered persons', () => {
    const offences = new Offences();
    for (const house of tables.houses) {
      const address = checkAddress(house.address, house.divisionCode);
      offences.check(`address ${address.ok ? '' : address.reason}`, address.ok, house);
      offences.check('unknown grid', gridCodes.has(house.gridCode), house);
      offences.check('owned by a person the register does not hold', house.ownerId == null || personsById.has(house.ownerId), house);
    }
    offences.expectNone();
  });

  it('rents known houses to known persons after birth, one tenancy at a time, within the rooms except for the group rentals it makes on purpose', () => {
    const offences = new Offences();
    const open = new Map<string, number>();
    const byTenant = new Map<string, SeedRows['tenancies'][]>();
    for (const t of tables.tenancies) {
      offences.check('unknown house', housesById.has(t.houseId), t);
      offences.check('landlord the register does not hold', t.landlordId == null || personsById.has(t.landlordId), t);
      offences.person(facts, t.tenantId, { on: t.start, until: t.end }, t);
      offences.check('ends before it begins', t.end == null || t.end >= t.start, t);
      offences.check('dated in the future', notFuture(t.start) && notFuture(t.end), t);
      if (t.end == null) open.set(t.houseId, (open.get(t.houseId) ?? 0) + 1);
      byTenant.set(t.tenantId, [...(byTenant.get(t.tenantId) ?? []), t]);
    }
    for (const list of byTenant.values()) {
      list.sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
      for (let k = 1; k < list.length; k++) {
        const previous = list[k - 1]!;
        const next = list[k]!;
        offences.check('overlaps another tenancy of the same tenant', previous.end != null && next.start >= previous.end, { previous, next });
      }
    }
    const overfull = new Set<string>();
    for (const [houseId, count] of open) {
      const house = housesById.get(houseId);
      if (house && count > house.rooms * GROUP_RENTAL_FACTOR) overfull.add(houseId);
    }
    const groupRentals = city.groupRentalHouses();
    for (const houseId of overfull) offences.check('more open tenancies than rooms', groupRentals.has(houseId), { houseId, open: open.get(houseId) });
    for (const houseId of groupRentals) offences.check('a group rental within its rooms', overfull.has(houseId), { houseId, open: open.get(houseId) });
    offences.expectNone();
    expect(groupRentals.size).toBeGreaterThan(0);
  });

  it('keeps employers of known industries at addresses naming their district, in grids of that district', () => {
    const offences = new Offences();
    for (const employer of tables.employers) {
      offences.check('industry outside GB/T 4754', INDUSTRIES.includes(employer.industry), employer);
      const address = checkAddress(employer.address, employer.divisionCode);
      offences.check(`address ${address.ok ? '' : address.reason}`, address.ok, employer);
      offences.check('unknown grid', gridCodes.has(employer.gridCode), employer);
      offences.check('grid outside the division', employer.gridCode.startsWith(employer.divisionCode), employer);
    }
    offences.expectNone();
  });

  it('employs known persons of working age at known employers, ended after it began, never in the future', () => {
    const offences = new Offences();
    for (const e of tables.employments) {
      offences.check('unknown employer', employerIds.has(e.employerId), e);
      offences.person(facts, e.personId, { on: e.start, until: e.end, minimumAge: MINIMUM_WORKING_AGE }, e);
      offences.check('ends before it begins', e.end == null || e.end >= e.start, e);
      offences.check('dated in the future', notFuture(e.start) && notFuture(e.end), e);
    }
    offences.expectNone();
  });

  it('gives every known person one health profile', () => {
    const offences = new Offences();
    const profiled = new Set<string>();
    for (const profile of tables.health_profiles) {
      offences.check('profile of a person the register does not hold', personsById.has(profile.personId), profile);
      offences.check('second profile', !profiled.has(profile.personId), profile);
      profiled.add(profile.personId);
    }
    offences.expectNone();
  });

  it('vaccinates known persons with known vaccines after birth and before any move-out', () => {
    const offences = new Offences();
    for (const v of tables.vaccinations) {
      offences.check('vaccine outside the table', VACCINES.includes(v.vaccine), v);
      offences.person(facts, v.personId, { on: v.administeredOn }, v);
      offences.check('dated in the future', notFuture(v.administeredOn), v);
    }
    offences.expectNone();
  });

  it('records maternal care of women of plausible age, before any move-out', () => {
    const offences = new Offences();
    for (const m of tables.maternal_care_records) {
      offences.person(facts, m.personId, { on: m.visitOn, sex: 'FEMALE', minimumAge: MATERNAL_CARE_AGES.minimum, maximumAge: MATERNAL_CARE_AGES.maximum }, m);
      offences.check('dated in the future', notFuture(m.visitOn), m);
    }
    offences.expectNone();
  });

  it('records check-ups after birth and before any move-out', () => {
    const offences = new Offences();
    for (const c of tables.checkups) {
      offences.person(facts, c.personId, { on: c.checkedOn }, c);
      offences.check('dated in the future', notFuture(c.checkedOn), c);
    }
    offences.expectNone();
  });
});
