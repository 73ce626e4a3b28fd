import { and, eq, isNull, ne } from 'drizzle-orm';
import { expect } from 'vitest';
import type { CallerTokenInput } from '../../auth/caller.js';
import type { Purpose } from '../../auth/purposes.js';
import * as housing from '../../subgraphs/housing/db/schema.js';
import * as labour from '../../subgraphs/labour/db/schema.js';
import * as police from '../../subgraphs/police/db/schema.js';
import { graphql, type GraphQLResponse } from './graphql.js';
import type { TestHub } from './hub.js';

/** Callers of collection at the source, as their identity provider would vouch for them. */
export const landlordOf = (houseCode: string, sub = `landlord-${houseCode}`): Partial<CallerTokenInput> => ({
  sub,
  dept: 'landlord',
  roles: ['landlord'],
  premises: { houses: [houseCode] },
});
export const employerOf = (creditCode: string, sub = `employer-${creditCode}`): Partial<CallerTokenInput> => ({
  sub,
  dept: 'employer',
  roles: ['employer'],
  premises: { employers: [creditCode] },
});
export const residentWith = (idNumber: string, sub = `resident-${idNumber}`): Partial<CallerTokenInput> => ({ sub, dept: 'resident', roles: ['resident'], idNumber });

/** A person on the register who lives in the city now, with a current residence. */
export interface Resident {
  id: string;
  idNumber: string;
  name: string;
  birthDate: string;
}

/** Adult residents of the seeded city living here now with no tenancy since 2024 (so a new one overlaps nothing), by identity number. */
export async function freeResidents(hub: TestHub, count: number): Promise<Resident[]> {
  const people = await hub.databases.police.db
    .select({ id: police.persons.id, idNumber: police.persons.idNumber, name: police.persons.name, birthDate: police.persons.birthDate })
    .from(police.persons)
    .innerJoin(police.residenceRegistrations, and(eq(police.residenceRegistrations.personId, police.persons.id), isNull(police.residenceRegistrations.until)))
    .where(ne(police.persons.status, 'MOVED_OUT'));
  const tenancies = await hub.databases.housing.db.select({ id: housing.tenancies.tenantId, end: housing.tenancies.end }).from(housing.tenancies);
  const renting = new Set(tenancies.filter((t) => t.end === null || t.end >= '2024-01-01').map((t) => t.id));
  const free = people.filter((p) => !renting.has(p.id) && p.birthDate <= '2000-01-01').sort((a, b) => a.idNumber.localeCompare(b.idNumber));
  if (free.length < count) throw new Error(`the seeded city has ${free.length} free adult residents, ${count} asked for`);
  return free.slice(0, count);
}

export async function aHouse(hub: TestHub, index = 0): Promise<housing.HouseRow> {
  const rows = await hub.databases.housing.db.select().from(housing.houses).orderBy(housing.houses.code);
  const house = rows[index];
  if (!house) throw new Error('the seeded city has too few houses');
  return house;
}

export async function anEmployer(hub: TestHub, index = 0): Promise<labour.EmployerRow> {
  const rows = await hub.databases.labour.db.select().from(labour.employers).orderBy(labour.employers.creditCode);
  const employer = rows[index];
  if (!employer) throw new Error('the seeded city has too few employers');
  return employer;
}

export const LINK_FIELDS = 'id url token expiresAt revokedAt qrSvg qrPngDataUrl premises { kind code label }';
export const DECLARATION_FIELDS =
  'id kind status idNumber name phone start room position landlordName monthlyRent socialInsurance address divisionCode gridCode premises { kind code } submittedAt decidedAt rejectionReason';

/** Sends a request as these claims (or role) for this purpose. */
export function as(hub: TestHub, who: Partial<CallerTokenInput> | Parameters<TestHub['headers']>[0], purpose: Purpose, query: string, variables: Record<string, unknown> = {}): Promise<GraphQLResponse> {
  return graphql(hub.gatewayUrl, query, variables, hub.headers(who, purpose));
}

export function accepted(response: GraphQLResponse): Record<string, any> {
  expect(response.body.errors, JSON.stringify(response.body.errors)).toBeUndefined();
  return response.body.data as Record<string, any>;
}

/** A premises link issued as `who`, returned whole. */
export async function issueLink(hub: TestHub, who: Partial<CallerTokenInput>, purpose: Purpose, kind: 'HOUSE' | 'EMPLOYER', code: string, validDays?: number): Promise<Record<string, any>> {
  const data = accepted(
    await as(hub, who, purpose, `mutation($input: IssuePremisesLinkInput!) { issuePremisesLink(input: $input) { link { ${LINK_FIELDS} } } }`, {
      input: { kind, code, ...(validDays === undefined ? {} : { validDays }) },
    }),
  );
  return data.issuePremisesLink.link as Record<string, any>;
}

export const SUBMIT = `mutation($input: SubmitDeclarationInput!) { submitDeclaration(input: $input) { duplicate declaration { ${DECLARATION_FIELDS} } } }`;

export function submit(hub: TestHub, who: Partial<CallerTokenInput>, input: Record<string, unknown>): Promise<GraphQLResponse> {
  return as(hub, who, 'declaration', SUBMIT, { input });
}

export const CONFIRM = `mutation($ids: [ID!]!) { confirmDeclarations(ids: $ids) { results { id done problems { field code message } declaration { id status recordId decidedBy } } } }`;
export const REJECT = `mutation($ids: [ID!]!, $reason: String!) { rejectDeclarations(ids: $ids, reason: $reason) { results { id done problems { field code message } declaration { id status rejectionReason } } } }`;

/** A tenancy declaration's fields for a resident, moving in `start`. */
export const tenancyOf = (person: Resident, link: string, start = '2025-03-01'): Record<string, unknown> => ({
  kind: 'TENANCY',
  link,
  idNumber: person.idNumber,
  name: person.name,
  phone: '13800138000',
  start,
  room: '302室',
  landlordName: '王建华',
  monthlyRent: 1500,
});

export const employmentOf = (person: Resident, link: string, start = '2025-03-01'): Record<string, unknown> => ({
  kind: 'EMPLOYMENT',
  link,
  idNumber: person.idNumber,
  name: person.name,
  phone: '13900139000',
  start,
  position: '厨师',
  socialInsurance: 'INSURED',
});
