import { asc, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { domainEventsTable } from '../../events/outbox.js';
import { EVENT_PAYLOADS } from '../../events/types.js';
import { today } from '../../platform/input.js';
import * as declarationsDb from '../../subgraphs/declarations/db/schema.js';
import type * as housing from '../../subgraphs/housing/db/schema.js';
import * as labour from '../../subgraphs/labour/db/schema.js';
import * as police from '../../subgraphs/police/db/schema.js';
import { startTestHub, type TestHub } from '../support/hub.js';
import { accepted, aHouse, anEmployer, as, CONFIRM, employerOf, employmentOf, freeResidents, issueLink, landlordOf, REJECT, residentWith, submit, tenancyOf, type Resident } from '../support/declarations.js';

/*
 * An employer declares a worker and labour confirms it; a resident declares
 * their own new address and the police confirm it; the figures count what
 * came in and how it was decided; every submission and decision leaves an
 * event in the declarations' outbox.
 */

let hub: TestHub;
let employer: labour.EmployerRow;
let house: housing.HouseRow;
let people: Resident[];
let workplace: Record<string, any>;

const FIGURES = `query($filter: CollectionFiguresFilter) { collectionFigures(filter: $filter) {
  total { received confirmed rejected pending medianSecondsToConfirm }
  byGrid { gridCode counts { received confirmed rejected pending medianSecondsToConfirm } }
  byPremises { premises { kind code } counts { received confirmed rejected pending } }
} }`;

const residenceOf = (person: Resident, gridCode: string, houseCode: string | null = null) => ({
  kind: 'RESIDENCE',
  name: person.name,
  phone: '13700137000',
  start: today(),
  address: `${gridCode.startsWith('510107') ? '武侯区' : '锦江区'}玉林南路${people.indexOf(person) + 1}号`,
  divisionCode: gridCode.slice(0, 6),
  gridCode,
  ...(houseCode ? { houseCode } : {}),
});

beforeAll(async () => {
  hub = await startTestHub({ persons: 60, key: 'declared-jobs-homes', subgraphTimeoutMs: 30_000 });
  employer = await anEmployer(hub);
  house = await aHouse(hub);
  people = await freeResidents(hub, 4);
  workplace = await issueLink(hub, { sub: 'labour-officer-zhang', dept: 'labour', roles: ['labour'] }, 'labour-administration', 'EMPLOYER', employer.creditCode);
}, 600_000);

afterAll(async () => {
  await hub?.close();
});

describe('an employer declaring a worker', () => {
  it('is confirmed by labour into an employment at the workplace of the link, by its credit code', async () => {
    expect(workplace.premises).toEqual({ kind: 'EMPLOYER', code: employer.creditCode, label: employer.name });
    const declared = accepted(await submit(hub, employerOf(employer.creditCode), employmentOf(people[0]!, workplace.token))).submitDeclaration.declaration;
    expect(declared).toMatchObject({ kind: 'EMPLOYMENT', status: 'PENDING', position: '厨师', socialInsurance: 'INSURED', premises: { kind: 'EMPLOYER', code: employer.creditCode } });
    // Housing and the police confirm no employment.
    const housingTry = accepted(await as(hub, 'housing', 'housing-administration', CONFIRM, { ids: [declared.id] })).confirmDeclarations.results[0];
    expect(housingTry).toMatchObject({ done: false, declaration: null });
    const [result] = accepted(await as(hub, 'labour', 'labour-administration', CONFIRM, { ids: [declared.id] })).confirmDeclarations.results;
    expect(result).toMatchObject({ done: true, declaration: { status: 'CONFIRMED' } });
    const [employment] = await hub.databases.labour.db.select().from(labour.employments).where(eq(labour.employments.id, result.declaration.recordId));
    expect(employment).toMatchObject({ personId: people[0]!.id, employerId: employer.id, position: '厨师', start: '2025-03-01', socialInsurance: 'INSURED' });
  });

  it('lets a resident declare their own job at the workplace of a link, never someone else’s', async () => {
    const resident = residentWith(people[1]!.idNumber);
    const declared = accepted(await submit(hub, resident, { ...employmentOf(people[1]!, workplace.token), idNumber: undefined })).submitDeclaration.declaration;
    expect(declared).toMatchObject({ kind: 'EMPLOYMENT', idNumber: people[1]!.idNumber, status: 'PENDING' });
    // A resident sees the premises' code, not what they are called.
    const told = await as(hub, resident, 'declaration', `query($t: String!) { premisesLink(token: $t) { valid premises { code label } } }`, { t: workplace.token });
    expect(told.body.data?.premisesLink).toMatchObject({ valid: true, premises: { code: employer.creditCode, label: null } });
    expect(told.body.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
  });
});

describe('a resident declaring their own new address', () => {
  it('is confirmed by the police into a residence registration at the declared address and grid', async () => {
    const [grid] = await hub.databases.police.db.select().from(police.grids).where(eq(police.grids.code, house.gridCode));
    const person = people[2]!;
    const resident = residentWith(person.idNumber);
    const declared = accepted(await submit(hub, resident, { ...residenceOf(person, grid!.code, house.code), address: `${house.address}` })).submitDeclaration.declaration;
    expect(declared).toMatchObject({ kind: 'RESIDENCE', idNumber: person.idNumber, gridCode: grid!.code, premises: { kind: 'HOUSE', code: house.code } });
    const [result] = accepted(await as(hub, 'police', 'population-management', CONFIRM, { ids: [declared.id] })).confirmDeclarations.results;
    expect(result, JSON.stringify(result)).toMatchObject({ done: true, declaration: { status: 'CONFIRMED' } });
    const read = accepted(await as(hub, 'police', 'population-management', `query($id: ID!) { person(id: $id) { residence { id address since grid { code } house { code } } } }`, { id: person.id }));
    expect(read.person.residence).toMatchObject({ id: result.declaration.recordId, address: house.address, since: today(), grid: { code: grid!.code }, house: { code: house.code } });
  });

  it('stays pending with the police’s problems when the police refuse the address', async () => {
    const person = people[3]!;
    // A grid the city does not have: the police's own rule refuses it, naming the field.
    const declared = accepted(await submit(hub, residentWith(person.idNumber), { ...residenceOf(person, '510107999999'), address: '武侯区玉林南路99号' })).submitDeclaration.declaration;
    const [result] = accepted(await as(hub, 'police', 'population-management', CONFIRM, { ids: [declared.id] })).confirmDeclarations.results;
    expect(result).toMatchObject({ done: false, declaration: { status: 'PENDING' } });
    expect(result.problems).toContainEqual(expect.objectContaining({ field: 'gridCode', code: 'NOT_FOUND' }));
    const [rejected] = accepted(await as(hub, 'police', 'population-management', REJECT, { ids: [declared.id], reason: '网格编码有误' })).rejectDeclarations.results;
    expect(rejected).toMatchObject({ done: true, declaration: { status: 'REJECTED', rejectionReason: '网格编码有误' } });
  });
});

describe('collection figures', () => {
  it('count received, confirmed, rejected and pending per grid and premises, with the median time to confirm', async () => {
    // Two tenancies at the house, one confirmed after a known wait; decided times set to measure the median exactly.
    const link = await issueLink(hub, landlordOf(house.code), 'declaration', 'HOUSE', house.code);
    const first = accepted(await submit(hub, landlordOf(house.code), tenancyOf(people[3]!, link.token, '2025-06-01'))).submitDeclaration.declaration;
    accepted(await submit(hub, landlordOf(house.code), tenancyOf(people[0]!, link.token, '2025-06-01')));
    const [confirmed] = accepted(await as(hub, 'housing', 'housing-administration', CONFIRM, { ids: [first.id] })).confirmDeclarations.results;
    expect(confirmed.done).toBe(true);
    const { declarations } = declarationsDb;
    await hub.declarations.database.db.execute(sql`UPDATE declarations SET submitted_at = decided_at - interval '90 minutes' WHERE id = ${first.id}`);

    const rows = await hub.declarations.database.db.select().from(declarations).orderBy(asc(declarations.seq));
    const expected = (filter: (row: (typeof rows)[number]) => boolean) => {
      const chosen = rows.filter(filter);
      const waits = chosen.filter((r) => r.status === 'CONFIRMED').map((r) => (r.decidedAt!.getTime() - r.submittedAt.getTime()) / 1000).sort((a, b) => a - b);
      const mid = waits.length / 2;
      const median = waits.length === 0 ? null : waits.length % 2 ? waits[Math.floor(mid)]! : (waits[mid - 1]! + waits[mid]!) / 2;
      return {
        received: chosen.length,
        confirmed: chosen.filter((r) => r.status === 'CONFIRMED').length,
        rejected: chosen.filter((r) => r.status === 'REJECTED').length,
        pending: chosen.filter((r) => r.status === 'PENDING').length,
        median,
      };
    };

    // Housing counts tenancies; at this house: two received, one confirmed after 90 minutes.
    const atHouse = accepted(await as(hub, 'housing', 'housing-administration', FIGURES, { filter: { premisesCode: house.code } })).collectionFigures;
    const own = expected((r) => r.kind === 'TENANCY' && r.premisesCode === house.code);
    expect(atHouse.total).toMatchObject({ received: own.received, confirmed: own.confirmed, rejected: own.rejected, pending: own.pending });
    expect(atHouse.total.medianSecondsToConfirm).toBeCloseTo(own.median!, 3);
    expect(own).toMatchObject({ received: 2, confirmed: 1, pending: 1 });
    expect(atHouse.byPremises).toEqual([{ premises: { kind: 'HOUSE', code: house.code }, counts: { received: 2, confirmed: 1, rejected: 0, pending: 1 } }]);

    // A grid office counts every kind in its grid; a statistics purpose reads the same counts.
    const gridOffice = { sub: 'grid-worker', dept: 'grid', roles: ['grid'], jurisdiction: { grids: [house.gridCode] } };
    const inGrid = accepted(await as(hub, gridOffice, 'community-service', FIGURES)).collectionFigures;
    const all = expected((r) => r.gridCode === house.gridCode);
    expect(inGrid.total).toMatchObject({ received: all.received, confirmed: all.confirmed, rejected: all.rejected, pending: all.pending });
    expect(inGrid.byGrid.map((g: any) => g.gridCode)).toEqual([house.gridCode]);
    const police = accepted(await as(hub, 'police', 'statistics', FIGURES)).collectionFigures;
    expect(police.total.received).toBe(expected((r) => r.kind === 'RESIDENCE').received);
    // A day range that holds none of them counts none.
    const empty = accepted(await as(hub, 'housing', 'housing-administration', FIGURES, { filter: { from: '2020-01-01', to: '2020-01-31' } })).collectionFigures;
    expect(empty.total).toEqual({ received: 0, confirmed: 0, rejected: 0, pending: 0, medianSecondsToConfirm: null });
    // Declarants read no figures.
    const refused = await as(hub, landlordOf(house.code), 'declaration', FIGURES);
    expect(refused.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});

describe('the declarations outbox', () => {
  it('holds one DeclarationSubmitted per declaration and one DeclarationDecided per decision, each valid against its schema, naming nobody', async () => {
    await hub.eventsHandedOn();
    const events = await hub.declarations.database.db.select().from(domainEventsTable());
    const rows = await hub.declarations.database.db.select().from(declarationsDb.declarations);
    const submitted = events.filter((e) => e.type === 'DeclarationSubmitted');
    const decided = events.filter((e) => e.type === 'DeclarationDecided');
    expect(submitted.map((e) => e.payload.declarationId).sort()).toEqual(rows.map((r) => r.id).sort());
    expect(decided.map((e) => e.payload.declarationId).sort()).toEqual(rows.filter((r) => r.status !== 'PENDING').map((r) => r.id).sort());
    for (const event of events) {
      expect(EVENT_PAYLOADS[event.type as 'DeclarationSubmitted' | 'DeclarationDecided'].safeParse(event.payload).success).toBe(true);
      expect(event.publishedAt).not.toBeNull();
      // No identity number, name or phone travels with an event.
      for (const row of rows) expect(JSON.stringify(event.payload)).not.toContain(row.idNumber);
    }
  });
});
