import { randomUUID } from 'node:crypto';
import { and, eq, isNull } from 'drizzle-orm';
import type { CallerTokenInput } from '../../auth/caller.js';
import { makeCreditCode } from '../../domain/index.js';
import type { Role } from '../../auth/roles.js';
import * as housing from '../../subgraphs/housing/db/schema.js';
import * as labour from '../../subgraphs/labour/db/schema.js';
import * as police from '../../subgraphs/police/db/schema.js';
import type { GraphQLResponse } from './graphql.js';
import type { TestHub } from './hub.js';
import { TEST_PURPOSES } from './tokens.js';

/** The purpose each role declares for its own work: one its rules release. */
export const OWN_PURPOSE = TEST_PURPOSES;

let callers = 0;

/**
 * Claims of a caller in `role`, confined to `divisions` (or unconfined with
 * null), under a subject of its own, so each call's audit events can be told
 * apart from every other's by subject alone.
 */
export function callerIn(role: Role, divisions: string[] | null): Partial<CallerTokenInput> & { sub: string } {
  const sub = `${role}-${divisions ? divisions.join('+') : 'city'}-${++callers}`;
  return { sub, dept: role, roles: [role], ...(divisions ? { jurisdiction: { divisions } } : {}) };
}

type PersonAt = { id: string; idNumber: string; status: string; gridCode: string; divisionCode: string };

/**
 * A district of the seeded city and records on both sides of its border,
 * taken from the departments' own databases: "outside" is any other district.
 */
export interface SeededPlaces {
  district: string;
  persons: { inside: PersonAt[]; outside: PersonAt[] };
  grids: { inside: string[]; outside: string[] };
  houses: { inside: housing.HouseRow[]; outside: housing.HouseRow[] };
  /** Open tenancies, by where their house is. */
  tenancies: { inside: housing.TenancyRow[]; outside: housing.TenancyRow[] };
  employers: { inside: labour.EmployerRow[]; outside: labour.EmployerRow[] };
  /** Open employments, by where their employer is. */
  employments: { inside: labour.EmploymentRow[]; outside: labour.EmploymentRow[] };
}

const split = <T>(rows: T[], inside: (row: T) => boolean) => ({ inside: rows.filter(inside), outside: rows.filter((r) => !inside(r)) });

export async function seededPlaces(hub: TestHub): Promise<SeededPlaces> {
  const residents = await hub.databases.police.db
    .select({
      id: police.persons.id,
      idNumber: police.persons.idNumber,
      status: police.persons.status,
      gridCode: police.residenceRegistrations.gridCode,
      divisionCode: police.residenceRegistrations.divisionCode,
    })
    .from(police.persons)
    .innerJoin(police.residenceRegistrations, and(eq(police.residenceRegistrations.personId, police.persons.id), isNull(police.residenceRegistrations.until)));
  const counts = new Map<string, number>();
  for (const r of residents) counts.set(r.divisionCode, (counts.get(r.divisionCode) ?? 0) + 1);

  const grids = await hub.databases.police.db.select({ code: police.grids.code, district: police.grids.districtCode }).from(police.grids);
  const houses = await hub.databases.housing.db.select().from(housing.houses);
  const houseDistrict = new Map(houses.map((h) => [h.id, h.divisionCode]));
  const tenancies = await hub.databases.housing.db.select().from(housing.tenancies).where(isNull(housing.tenancies.end));

  // The most populous district that has every kind of record on both sides of its border.
  for (const [district] of [...counts.entries()].sort((a, b) => b[1] - a[1])) {
    const gridsBySide = split(grids, (g) => g.district === district);
    if (gridsBySide.inside.length === 0 || gridsBySide.outside.length === 0) continue;
    // A small city has a handful of employers (Chengdu's ratio), maybe none in a given district: two are added on each side.
    await addEmployers(hub, [gridsBySide.inside[0]!.code, gridsBySide.inside[0]!.code, gridsBySide.outside[0]!.code, gridsBySide.outside[0]!.code]);
    const employers = await hub.databases.labour.db.select().from(labour.employers);
    const employerDistrict = new Map(employers.map((e) => [e.id, e.divisionCode]));
    const employments = await hub.databases.labour.db.select().from(labour.employments).where(isNull(labour.employments.end));
    const places: SeededPlaces = {
      district,
      persons: split(residents, (r) => r.divisionCode === district),
      grids: (({ inside, outside }) => ({ inside: inside.map((g) => g.code), outside: outside.map((g) => g.code) }))(split(grids, (g) => g.district === district)),
      houses: split(houses, (h) => h.divisionCode === district),
      tenancies: split(tenancies, (t) => houseDistrict.get(t.houseId) === district),
      employers: split(employers, (e) => e.divisionCode === district),
      employments: split(employments, (e) => employerDistrict.get(e.employerId) === district),
    };
    // Tests take up to four residents and two of anything else from each side (a small city has one grid per district).
    const enough = (side: { inside: unknown[]; outside: unknown[] }, n: number) => side.inside.length >= n && side.outside.length >= n;
    if (enough(places.persons, 4) && [places.houses, places.tenancies, places.employers, places.employments].every((side) => enough(side, 2))) return places;
  }
  throw new Error('the seeded city has no district with records of every kind on both sides of its border');
}

let employerSerial = 0;

/** Employers in the given grids, each with one open employment of someone on no register. */
async function addEmployers(hub: TestHub, gridCodes: string[]): Promise<void> {
  const rows = gridCodes.map((gridCode) => ({
    id: randomUUID(),
    creditCode: makeCreditCode(gridCode.slice(0, 6), `JX${String(++employerSerial).padStart(7, '0')}`),
    name: `辖区测试单位${employerSerial}`,
    industry: '住宿和餐饮业',
    address: `${gridCode} 某路${employerSerial}号`,
    divisionCode: gridCode.slice(0, 6),
    gridCode,
  }));
  await hub.databases.labour.db.insert(labour.employers).values(rows);
  await hub.databases.labour.db.insert(labour.employments).values(
    rows.map((e) => ({ id: randomUUID(), personId: randomUUID(), employerId: e.id, position: '服务员', start: '2024-01-01', end: null, socialInsurance: 'INSURED' as const })),
  );
}

/** An id nobody holds. */
export const unknownId = (): string => randomUUID();

/**
 * A response with every occurrence of the given keys replaced by one
 * placeholder: two answers about different keys are "the same answer" when
 * they are equal after this, e.g. `Person <key> was not found` twice.
 */
export function withoutKeys(response: GraphQLResponse, ...keys: string[]): string {
  let text = JSON.stringify({ status: response.status, body: response.body });
  for (const key of keys) text = text.split(key).join('<key>');
  return text;
}
