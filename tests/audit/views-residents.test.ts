import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEvent } from '../../audit/api.js';
import { auditCaseDisclosures } from '../../audit/db/schema.js';
import { PURPOSE_REGISTRY, isPurpose } from '../../auth/purposes.js';
import { makeIdNumber } from '../../domain/index.js';
import { persons } from '../../subgraphs/police/db/schema.js';
import { graphql, type GraphQLResponse } from '../support/graphql.js';

/** A response whose data is read as the query shapes it. */
type Answer = GraphQLResponse<Record<string, any>>;
import { startTestHub, type TestHub } from '../support/hub.js';
import { callerIn } from '../support/jurisdiction.js';

/*
 * Residents' own access report, and the case register that withholds case
 * investigations from it, through the gateway with real tokens: a resident
 * signs in with a token naming their identity number and reads which
 * departments read records naming them, when and why. What each report must
 * hold is worked out here from the events the store holds and the disclosure
 * instants the police set, by the rule the report documents.
 */

let hub: TestHub;
const residents: { id: string; idNumber: string }[] = [];
const officer = callerIn('police', null);
const housingOfficer = callerIn('housing', null);
const auditor = callerIn('auditor', null);
const DAY = 86_400_000;
const past = new Date(Date.now() - 30 * DAY).toISOString();
const future = new Date(Date.now() + 30 * DAY).toISOString();

const PERSON = `query($id: ID!) { person(id: $id) { id name idNumber } }`;
const REPORT = `query($first: Int, $after: String) { myAccessReport(first: $first, after: $after) {
  edges { cursor node { occurredAt department purpose purposeMeaning source record fields } } pageInfo { hasNextPage endCursor }
} }`;
const DISCLOSE = `mutation($caseId: String!, $at: DateTime) { setCaseDisclosure(caseId: $caseId, discloseAfter: $at) { caseDisclosure { caseId discloseAfter setAt withheldNow } } }`;

const residentClaims = (resident: { idNumber: string }, sub = `resident-${resident.idNumber.slice(-6)}`) => ({ sub, dept: 'resident', roles: ['resident'], idNumber: resident.idNumber });
const asResident = (resident: { idNumber: string }, query: string, variables: Record<string, unknown> = {}) => graphql(hub.gatewayUrl, query, variables, hub.headers(residentClaims(resident) as never, 'own-record'));
const underCase = (caseId: string, query: string, variables: Record<string, unknown>) => graphql(hub.gatewayUrl, query, variables, hub.headers(officer as never, 'case-investigation', caseId));

async function ok(response: Promise<Answer>): Promise<Answer> {
  const answered = await response;
  expect(answered.body.errors, JSON.stringify(answered.body.errors)).toBeUndefined();
  return answered;
}

beforeAll(async () => {
  hub = await startTestHub({ persons: 60, key: 'audit-views-residents' });
  residents.push(...(await hub.databases.police.db.select({ id: persons.id, idNumber: persons.idNumber }).from(persons).limit(4)));
  const [a, b, c] = residents;
  for (const p of [a, b, c]) await ok(graphql(hub.gatewayUrl, PERSON, { id: p!.id }, hub.headers(officer as never, 'population-management')));
  // Housing asks for a field it may not read: refused, and so no field read.
  const refused = await graphql(hub.gatewayUrl, `query($id: ID!) { person(id: $id) { name idNumber birthDate } }`, { id: a!.id }, hub.headers(housingOfficer as never, 'housing-administration'));
  expect(refused.body.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
  // Case investigations: one never given a date, one disclosed since, one disclosed only in a month, one given a date later.
  await ok(underCase('CASE-2026-301', PERSON, { id: c!.id }));
  await ok(underCase('CASE-2026-302', PERSON, { id: a!.id }));
  await ok(underCase('CASE-2026-303', PERSON, { id: b!.id }));
  await ok(underCase('CASE-2026-304', PERSON, { id: b!.id }));
  await ok(underCase('CASE-2026-302', DISCLOSE, { caseId: 'CASE-2026-302', at: past }));
  await ok(underCase('CASE-2026-303', DISCLOSE, { caseId: 'CASE-2026-303', at: future }));
  // An auditor looks at the first resident's accesses.
  await ok(graphql(hub.gatewayUrl, `query($n: String!) { residentHistory(idNumber: $n) { personId } }`, { n: a!.idNumber }, hub.headers(auditor as never, 'audit')));
  await hub.audit.flush();
}, 1_500_000);

afterAll(async () => {
  await hub?.close();
});

async function stored(): Promise<AuditEvent[]> {
  await hub.audit.flush();
  return hub.audit.events();
}

/** Every entry of a resident's report, page after page of `first`. */
async function report(resident: { idNumber: string }, first = 2): Promise<{ text: string; entries: Record<string, unknown>[] }> {
  const entries: Record<string, unknown>[] = [];
  let text = '';
  let after: string | null = null;
  for (;;) {
    const response: Answer = await asResident(resident, REPORT, { first, after });
    expect(response.body.errors, JSON.stringify(response.body.errors)).toBeUndefined();
    text += JSON.stringify(response.body);
    const connection = response.body.data?.myAccessReport;
    entries.push(...connection.edges.map((e: { node: Record<string, unknown> }) => e.node));
    if (!connection.pageInfo.hasNextPage) return { text, entries };
    after = connection.pageInfo.endCursor;
  }
}

/** The case settings as the police made them, latest per case. */
async function disclosures(): Promise<Map<string, Date | null>> {
  const rows = await hub.audit.database.db.select().from(auditCaseDisclosures).orderBy(auditCaseDisclosures.id);
  return new Map(rows.map((row) => [row.caseId, row.discloseAfter]));
}

/** What a resident's report must hold, from the events: accesses naming them by others, none under a case not yet disclosed. */
async function expectedReport(resident: { id: string; idNumber: string }, events: readonly AuditEvent[]) {
  const cases = await disclosures();
  const now = Date.now();
  const self = residentClaims(resident);
  return events
    .filter((e) => e.kind === 'access' && e.recordIds.includes(resident.id))
    .filter((e) => !(e.subject === self.sub && e.department === 'resident'))
    .filter((e) => {
      if (e.purpose !== 'case-investigation') return true;
      const at = e.caseId === null ? null : (cases.get(e.caseId) ?? null);
      return at !== null && at.getTime() <= now;
    })
    .sort((x, y) => y.occurredAt.localeCompare(x.occurredAt) || y.writerId.localeCompare(x.writerId) || y.seq - x.seq)
    .map((e) => ({
      occurredAt: e.occurredAt,
      department: e.department,
      purpose: e.purpose,
      purposeMeaning: isPurpose(e.purpose) ? PURPOSE_REGISTRY.get(e.purpose)!.meaning : null,
      source: e.subgraph,
      record: e.typeName === 'Query' ? null : e.typeName,
      fields: Object.entries(e.fields)
        .filter(([, d]) => d !== 'denied')
        .map(([f]) => f)
        .sort(),
    }));
}

describe("a resident's own access report", () => {
  it('lists which departments read records naming the resident, when and for what purpose, page by page, never who', async () => {
    const [a] = residents;
    const events = await stored();
    const { text, entries } = await report(a!);
    // The report is answered as the first page was asked: what the resident's own reads added since is theirs, and left out.
    expect(entries).toEqual(await expectedReport(a!, events));
    expect(new Set(entries.map((e) => e.department))).toEqual(new Set(['police', 'housing', 'auditor']));
    // Nobody's name: no subject of any officer or auditor, no case number, anywhere in the answer.
    for (const who of [officer.sub, housingOfficer.sub, auditor.sub, 'CASE-2026-30']) expect(text).not.toContain(who);
    // A refused field is no field read.
    expect(entries.find((e) => e.department === 'housing')?.fields).toEqual(['idNumber', 'name']);
  });

  it('withholds, without a trace, what a case investigation read until the case says it may be shown', async () => {
    const [a, b, c] = residents;
    const purposes = async (resident: { idNumber: string }) => (await report(resident, 1)).entries.map((e) => e.purpose);
    // Disclosed a month ago: shown.
    expect(await purposes(a!)).toContain('case-investigation');
    // Never given a date: not there at all.
    expect(await purposes(c!)).not.toContain('case-investigation');
    expect((await report(c!)).entries).toEqual(await expectedReport(c!, await stored()));
    // One case disclosed in a month, one with no date yet: neither there.
    expect(await purposes(b!)).not.toContain('case-investigation');
    // The police give the second case a date already past: its read appears, the other stays withheld.
    await ok(underCase('CASE-2026-304', DISCLOSE, { caseId: 'CASE-2026-304', at: past }));
    const events = await stored();
    const shown = (await report(b!, 1)).entries;
    expect(shown.filter((e) => e.purpose === 'case-investigation')).toHaveLength(1);
    expect(shown).toEqual(await expectedReport(b!, events));
  });

  it("is recorded as the resident's read of their own record, and their look-up at the register too", async () => {
    const [, , , d] = residents;
    const response = await asResident(d!, REPORT, { first: 5 });
    expect(response.body.errors).toBeUndefined();
    const requestId = response.headers.get('x-request-id');
    const events = await stored();
    const theirs = events.filter((e) => e.kind === 'access' && e.subject === residentClaims(d!).sub);
    expect(theirs.map((e) => [e.subgraph, e.typeName, e.department, e.purpose, e.recordIds, e.fields])).toEqual(
      expect.arrayContaining([
        ['police', 'OwnRecord', 'resident', 'own-record', [d!.id], { personId: 'full' }],
        ['audit', 'Query', 'resident', 'own-record', [d!.id], { myAccessReport: 'full' }],
      ]),
    );
    expect(events.some((e) => e.requestId === requestId && e.typeName === 'Query' && e.recordIds.includes(d!.id))).toBe(true);
  });

  it('is empty for a resident the register does not hold', async () => {
    const stranger = { idNumber: makeIdNumber('110105', '1980-02-02', 7, 'MALE') };
    const response = await asResident(stranger, REPORT);
    expect(response.body).toEqual({ data: { myAccessReport: { edges: [], pageInfo: { hasNextPage: false, endCursor: null } } } });
  });
});

describe('who may read a report', () => {
  it('refuses everyone but a resident reading their own, under own-record, before anything is read', async () => {
    const resident = residents[0]!;
    const refusals: [string, Promise<Record<string, string>>][] = [
      ['an auditor', hub.headers(auditor, 'audit')],
      ['a police officer', hub.headers(officer, 'population-management')],
      ['a resident declaring another purpose', hub.headers(residentClaims(resident), 'declaration')],
      ['a resident whose token names no identity number', hub.headers({ sub: 'resident-nobody', dept: 'resident', roles: ['resident'] }, 'own-record')],
    ];
    for (const [who, headers] of refusals) {
      const response = await graphql(hub.gatewayUrl, REPORT, {}, headers);
      expect(response.body.data?.myAccessReport ?? null, who).toBeNull();
      expect(response.body.errors?.[0]?.extensions?.code, who).toBe('FORBIDDEN');
    }
  });

  it("refuses a resident the auditors' views and the register's look-up by number", async () => {
    const resident = residents[0]!;
    for (const query of [
      `{ auditEvents(first: 1) { edges { node { id } } } }`,
      `query { residentHistory(idNumber: "${resident.idNumber}") { personId } }`,
      `query { auditedResident(idNumber: "${resident.idNumber}") { personId } }`,
      `query { auditOverview(from: "${past}", to: "${future.slice(0, 10)}T00:00:00Z") { days } }`,
    ]) {
      const response = await asResident(resident, query);
      expect(response.body.errors?.[0]?.extensions?.code, query).toBe('FORBIDDEN');
    }
    // What the register tells a resident of themselves is their own hub id, and nothing else.
    const own = await asResident(resident, `{ ownRecord { personId } }`);
    expect(own.body).toEqual({ data: { ownRecord: { personId: resident.id } } });
  });
});

describe('the case register', () => {
  it("shows auditors which accesses residents do not see yet, until when, and counts them in the overview", async () => {
    const response = await graphql(
      hub.gatewayUrl,
      `{ auditEvents(filter: { purpose: "case-investigation", kind: ACCESS }, first: 50) { edges { node { caseId withheldFromResident withheldUntil } } } }`,
      {},
      hub.headers(auditor as never, 'audit'),
    );
    const nodes = response.body.data?.auditEvents.edges.map((e: { node: Record<string, unknown> }) => e.node) as { caseId: string; withheldFromResident: boolean; withheldUntil: string | null }[];
    const byCase = (id: string) => nodes.filter((n) => n.caseId === id);
    expect(byCase('CASE-2026-301').every((n) => n.withheldFromResident && n.withheldUntil === null)).toBe(true);
    expect(byCase('CASE-2026-302').every((n) => !n.withheldFromResident && n.withheldUntil === past)).toBe(true);
    expect(byCase('CASE-2026-303').every((n) => n.withheldFromResident && n.withheldUntil === future)).toBe(true);
    expect(byCase('CASE-2026-303').length).toBeGreaterThan(0);

    const overview = await graphql(
      hub.gatewayUrl,
      `query($from: DateTime!, $to: DateTime!) { auditOverview(from: $from, to: $to) { withheldFromResidents { accesses cases { caseId accesses discloseAfter } } } }`,
      { from: new Date(Date.now() - DAY).toISOString(), to: new Date(Date.now() + 60_000).toISOString() },
      hub.headers(auditor as never, 'audit'),
    );
    const withheld = overview.body.data?.auditOverview.withheldFromResidents;
    const events = (await stored()).filter((e) => e.kind === 'access' && e.purpose === 'case-investigation' && e.recordIds.length > 0);
    const count = (id: string) => events.filter((e) => e.caseId === id).length;
    expect(withheld.cases).toEqual(expect.arrayContaining([{ caseId: 'CASE-2026-301', accesses: count('CASE-2026-301'), discloseAfter: null }, { caseId: 'CASE-2026-303', accesses: count('CASE-2026-303'), discloseAfter: future }]));
    expect(withheld.cases.map((c: { caseId: string }) => c.caseId)).not.toContain('CASE-2026-302');
    expect(withheld.accesses).toBe(withheld.cases.reduce((t: number, c: { accesses: number }) => t + c.accesses, 0));
  });

  it('keeps every setting, the latest holding, each recorded under the officer who made it before it was stored', async () => {
    const first = await ok(underCase('CASE-2026-305', DISCLOSE, { caseId: 'CASE-2026-305', at: future }));
    expect(first.body.data?.setCaseDisclosure.caseDisclosure).toEqual(expect.objectContaining({ caseId: 'CASE-2026-305', discloseAfter: future, withheldNow: true }));
    const second = await ok(underCase('CASE-2026-305', DISCLOSE, { caseId: 'CASE-2026-305', at: null }));
    expect(second.body.data?.setCaseDisclosure.caseDisclosure).toEqual(expect.objectContaining({ discloseAfter: null, withheldNow: true }));
    const rows = await hub.audit.database.db.select().from(auditCaseDisclosures).where(eq(auditCaseDisclosures.caseId, 'CASE-2026-305')).orderBy(auditCaseDisclosures.id);
    expect(rows.map((r) => [r.discloseAfter?.toISOString() ?? null, r.subject, r.department])).toEqual([
      [future, officer.sub, 'police'],
      [null, officer.sub, 'police'],
    ]);
    const recorded = (await stored()).filter((e) => e.typeName === 'CaseDisclosure' && e.recordIds.includes('CASE-2026-305'));
    expect(recorded.map((e) => [e.subject, e.purpose, e.caseId, e.fields])).toEqual([
      [officer.sub, 'case-investigation', 'CASE-2026-305', { caseId: 'full', discloseAfter: 'full' }],
      [officer.sub, 'case-investigation', 'CASE-2026-305', { caseId: 'full', discloseAfter: 'full' }],
    ]);
    // The register refuses to change what was set: a new setting is a new row.
    await expect(hub.audit.database.db.execute(sql`UPDATE audit_case_disclosures SET disclose_after = now() WHERE case_id = 'CASE-2026-305'`)).rejects.toThrow();
    await expect(hub.audit.database.db.execute(sql`DELETE FROM audit_case_disclosures WHERE case_id = 'CASE-2026-305'`)).rejects.toThrow();
  });

  it('lets the police set only the case they declare they work under, and nobody else set any', async () => {
    const other = await underCase('CASE-2026-306', DISCLOSE, { caseId: 'CASE-2026-307', at: past });
    expect(other.body.errors?.[0]?.extensions).toEqual(expect.objectContaining({ code: 'BAD_USER_INPUT', field: 'caseId' }));
    const malformed = await underCase('CASE-2026-306', DISCLOSE, { caseId: 'case 306', at: past });
    expect(malformed.body.errors?.[0]?.extensions).toEqual(expect.objectContaining({ code: 'BAD_USER_INPUT', field: 'caseId' }));
    const badInstant = await underCase('CASE-2026-306', DISCLOSE, { caseId: 'CASE-2026-306', at: 'next week' });
    expect(badInstant.body.errors?.[0]?.extensions).toEqual(expect.objectContaining({ code: 'BAD_USER_INPUT', field: 'discloseAfter' }));
    const forbidden = [
      graphql(hub.gatewayUrl, DISCLOSE, { caseId: 'CASE-2026-306', at: past }, hub.headers(officer as never, 'population-management')),
      graphql(hub.gatewayUrl, DISCLOSE, { caseId: 'CASE-2026-306', at: past }, hub.headers(housingOfficer as never, 'housing-administration')),
      graphql(hub.gatewayUrl, DISCLOSE, { caseId: 'CASE-2026-306', at: past }, hub.headers(auditor as never, 'audit')),
    ];
    for (const response of await Promise.all(forbidden)) expect(response.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const cases = [...(await disclosures()).keys()];
    expect(cases).not.toContain('CASE-2026-306');
    expect(cases).not.toContain('CASE-2026-307');
  });
});
