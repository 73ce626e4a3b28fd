import { createPublicKey, generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { calculateJwkThumbprint } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEvent } from '../../audit/api.js';
import { canonicalJson } from '../../audit/chain.js';
import { Checkpointer, type SignedCheckpoint } from '../../audit/checkpoint.js';
import { verifyExportFile } from '../../audit/export.js';
import { WITNESS_FILE } from '../../audit/witnesses.js';
import { divisionCovers } from '../../auth/jurisdiction.js';
import { makeIdNumber } from '../../domain/index.js';
import { generateCityIdentity } from '../../exchange/identity.js';
import { signReceipt } from '../../exchange/signing.js';
import { witnessMessageId, type WitnessLine } from '../../exchange/witness.js';
import { graphql, type GraphQLResponse } from '../support/graphql.js';

/** A response whose data is read as the query shapes it. */
type Answer = GraphQLResponse<Record<string, any>>;
import { startTestHub, type TestHub } from '../support/hub.js';
import { callerIn, seededPlaces, type SeededPlaces } from '../support/jurisdiction.js';
import { testLogger } from '../support/servers.js';

/*
 * The auditors' views, through the gateway with real tokens, after a scripted
 * activity: officers of three departments reading a few residents, one field
 * refused, a caller with a bad token, a police officer reading many residents
 * in a day. Every figure a view gives is worked out again here from the events
 * the store holds (tests/support/audit.ts reads them back), by the rules the
 * views document: China's calendar day, an access's decision from its fields,
 * a refusal as a request that ended with no data or what a tally stands for.
 */

const checkpointDir = mkdtempSync(path.join(tmpdir(), 'hub-views-checkpoints-'));
const checkpointKey = generateKeyPairSync('ed25519').privateKey;
let hub: TestHub;
let places: SeededPlaces;
let signed: SignedCheckpoint;

const cityAuditor = callerIn('auditor', null);
let districtAuditor: ReturnType<typeof callerIn>;
const policeOfficer = callerIn('police', null);
const heavyOfficer = callerIn('police', null);
const lightOfficers = [callerIn('police', null), callerIn('police', null)];
const housingOfficer = callerIn('housing', null);
const healthOfficer = callerIn('health', null);
const twoHats = { sub: 'shared-subject', dept: 'housing', roles: ['housing'] };
const twoHatsPolice = { sub: 'shared-subject', dept: 'police', roles: ['police'] };

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const chinaDay = (iso: string | number) => new Date((typeof iso === 'number' ? iso : Date.parse(iso)) + 8 * HOUR).toISOString().slice(0, 10);

const ask = (who: object, query: string, variables: Record<string, unknown> = {}) => graphql(hub.gatewayUrl, query, variables, hub.headers(who as never, 'audit'));

async function send(who: object, purpose: string, query: string, variables: Record<string, unknown> = {}): Promise<GraphQLResponse> {
  return graphql(hub.gatewayUrl, query, variables, hub.headers(who as never, purpose as never));
}

/** A well-formed identity number of someone born in Beijing: nobody in the seeded city holds it. */
const UNHELD = makeIdNumber('110105', '1949-12-31', 2, 'FEMALE');
/** The same with a wrong check character. */
const MISCHECKED = `${UNHELD.slice(0, 17)}${UNHELD.endsWith('0') ? '1' : '0'}`;

const PERSON = `query($id: ID!) { person(id: $id) { id name idNumber residence { address } } }`;

beforeAll(async () => {
  const key = { privateKey: checkpointKey, publicKey: createPublicKey(checkpointKey), keyId: await calculateJwkThumbprint(createPublicKey(checkpointKey).export({ format: 'jwk' })) };
  hub = await startTestHub({ persons: 150, key: 'audit-views', auditEvidence: { dir: checkpointDir, publicKey: key.publicKey } });
  places = await seededPlaces(hub);
  districtAuditor = callerIn('auditor', [places.district]);
  const [a, b, c, d] = places.persons.inside;
  const [x, y] = places.persons.outside;

  const ok = async (response: Promise<GraphQLResponse>) => {
    const answered = await response;
    expect(answered.body.errors, JSON.stringify(answered.body.errors)).toBeUndefined();
  };
  // Officers of three departments read a few residents.
  for (const p of [a, b, x]) await ok(send(policeOfficer, 'population-management', PERSON, { id: p!.id }));
  await ok(send(housingOfficer, 'housing-administration', `query($id: ID!) { person(id: $id) { name idNumber tenancies { edges { node { start } } } } }`, { id: a!.id }));
  await ok(send(healthOfficer, 'public-health', `query($id: ID!) { healthProfile(personId: $id) { familyPlanningStatus } }`, { id: b!.id }));
  // A field the housing officer may not read: refused and recorded as such.
  const refused = await send(housingOfficer, 'housing-administration', `query($id: ID!) { person(id: $id) { name birthDate } }`, { id: c!.id });
  expect(refused.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  // A caller without a valid token.
  const anonymous = await graphql(hub.gatewayUrl, `{ persons(first: 1) { edges { node { id } } } }`, {}, { authorization: 'Bearer not-a-token', 'x-purpose': 'population-management' });
  expect(anonymous.status).toBe(401);
  // A police officer reading many residents in a day, two others a few.
  for (const p of [...places.persons.inside.slice(0, 4), ...places.persons.outside.slice(0, 3)]) await ok(send(heavyOfficer, 'population-management', PERSON, { id: p.id }));
  await ok(send(lightOfficers[0]!, 'population-management', PERSON, { id: d!.id }));
  for (const p of [c, y]) await ok(send(lightOfficers[1]!, 'population-management', PERSON, { id: p!.id }));
  // One subject used in two departments.
  await ok(send(twoHats, 'housing-administration', PERSON.replace('idNumber ', ''), { id: a!.id }));
  await ok(send(twoHatsPolice, 'population-management', PERSON, { id: a!.id }));
  // Under a case investigation.
  await ok(graphql(hub.gatewayUrl, PERSON, { id: x!.id }, hub.headers(policeOfficer as never, 'case-investigation', 'CASE-2026-201')));
  // A list naming floating residents (each lives somewhere) of every district: one access whose records lie in several.
  await ok(send(housingOfficer, 'housing-administration', `{ persons(first: 60, filter: { status: FLOATING }) { edges { node { id name } } } }`));
  await hub.audit.flush();

  // A signed checkpoint of the chains, witnessed by a partner city.
  const checkpointer = await Checkpointer.open(hub.audit.database, { dir: checkpointDir, key, logger: testLogger, intervalMs: 0 });
  signed = (await checkpointer.checkpoint('interval'))!;
  await checkpointer.stop();
  const partner = await generateCityIdentity('330100', '杭州市');
  const messageId = witnessMessageId('330100', signed.hash);
  const receipt = await signReceipt(partner, '510100', [{ id: messageId, status: 'accepted', dropped: [], checkpoint: { seq: signed.checkpoint.seq, hash: signed.hash } }]);
  const witness: WitnessLine = { city: '510100', partner: '330100', partnerKey: partner.publicJwk, messageId, line: signed, receipt };
  writeFileSync(path.join(checkpointDir, WITNESS_FILE), `${canonicalJson(witness)}\n`);
}, 1_500_000);

afterAll(async () => {
  await hub?.close();
  rmSync(checkpointDir, { recursive: true, force: true });
});

/** Every stored event, with nothing pending. */
async function stored(): Promise<AuditEvent[]> {
  await hub.audit.flush();
  return hub.audit.events();
}

const decisionOf = (event: AuditEvent) => {
  const decisions = Object.values(event.fields);
  return decisions.includes('denied') ? 'DENIED' : decisions.includes('masked') ? 'MASKED' : 'FULL';
};

/** A refusal as the overview counts it: a request that ended with no data is one, a tally as many as it counted. */
const refusalsOf = (event: AuditEvent) => (event.kind === 'request' && event.outcome === 'error' ? 1 : event.kind === 'refusals' ? (event.count ?? 0) : 0);

/** Per key, one count per day: the overview's series worked out from events. */
function series(events: readonly AuditEvent[], days: readonly string[], keyOf: (e: AuditEvent) => string | null, countOf: (e: AuditEvent) => number = () => 1) {
  const out = new Map<string | null, number[]>();
  for (const event of events) {
    const n = countOf(event);
    if (n === 0) continue;
    const key = keyOf(event);
    const counts = out.get(key) ?? days.map(() => 0);
    counts[days.indexOf(chinaDay(event.occurredAt))]! += n;
    out.set(key, counts);
  }
  return Object.fromEntries([...out].map(([key, counts]) => [String(key), counts]));
}

const asMap = (list: { key: string | null; counts: number[]; total: number }[]) => {
  for (const s of list) expect(s.total).toBe(s.counts.reduce((x, y) => x + y, 0));
  return Object.fromEntries(list.map((s) => [String(s.key), s.counts]));
};

const OVERVIEW = `query($from: DateTime!, $to: DateTime!) { auditOverview(from: $from, to: $to) {
  from to days
  totals { requests accesses recordsServed fullAccesses maskedAccesses deniedAccesses refusals rateLimitHits }
  accessesByDepartment { key counts total } accessesByPurpose { key counts total } accessesByDecision { key counts total }
  requestsByOutcome { key counts total } refusalsByReason { key counts total } rateLimitHits { key counts total }
  withheldFromResidents { accesses cases { caseId accesses discloseAfter } }
  integrity { lastVerification { verifiedAt ok chains events problems evidenceProblems durationMs checkpointSeq ranBy }
    latestCheckpoint { seq at hash chainHeads } witnesses { city keyFingerprint checkpointSeq checkpointHash } latestWitnessed }
} }`;

/** The overview of [from, to) as the store's events say it should be. */
function expectedOverview(events: readonly AuditEvent[], from: Date, to: Date) {
  const within = events.filter((e) => Date.parse(e.occurredAt) >= from.getTime() && Date.parse(e.occurredAt) < to.getTime());
  const days: string[] = [];
  for (let day = chinaDay(from.getTime()); day <= chinaDay(to.getTime() - 1); day = new Date(Date.parse(`${day}T00:00:00Z`) + DAY).toISOString().slice(0, 10)) days.push(day);
  const accesses = within.filter((e) => e.kind === 'access');
  const requests = within.filter((e) => e.kind === 'request');
  const limited = (e: AuditEvent) => (e.errorCode === 'RATE_LIMITED' || e.errorCode === 'LOOKUP_CAP' ? refusalsOf(e) : 0);
  const sum = (list: readonly AuditEvent[], f: (e: AuditEvent) => number) => list.reduce((t, e) => t + f(e), 0);
  return {
    days,
    totals: {
      requests: requests.length,
      accesses: accesses.length,
      recordsServed: sum(accesses, (e) => e.recordIds.length),
      fullAccesses: accesses.filter((e) => decisionOf(e) === 'FULL').length,
      maskedAccesses: accesses.filter((e) => decisionOf(e) === 'MASKED').length,
      deniedAccesses: accesses.filter((e) => decisionOf(e) === 'DENIED').length,
      refusals: sum(within, refusalsOf),
      rateLimitHits: sum(within, limited),
    },
    accessesByDepartment: series(accesses, days, (e) => e.department),
    accessesByPurpose: series(accesses, days, (e) => e.purpose),
    accessesByDecision: series(accesses, days, decisionOf),
    requestsByOutcome: series(requests, days, (e) => e.outcome?.toUpperCase() ?? null),
    refusalsByReason: series(within, days, (e) => e.errorCode, refusalsOf),
    rateLimitHits: series(within, days, (e) => e.errorCode, limited),
  };
}

async function overviewOf(who: object, from: Date, to: Date) {
  const response = await ask(who, OVERVIEW, { from: from.toISOString(), to: to.toISOString() });
  expect(response.body.errors, JSON.stringify(response.body.errors)).toBeUndefined();
  const o = response.body.data?.auditOverview;
  return {
    raw: o,
    days: o.days,
    totals: o.totals,
    accessesByDepartment: asMap(o.accessesByDepartment),
    accessesByPurpose: asMap(o.accessesByPurpose),
    accessesByDecision: asMap(o.accessesByDecision),
    requestsByOutcome: asMap(o.requestsByOutcome),
    refusalsByReason: asMap(o.refusalsByReason),
    rateLimitHits: asMap(o.rateLimitHits),
  };
}

describe('the overview', () => {
  it('counts, day by day, exactly the events the store holds: accesses by department, purpose and decision, requests, refusals', async () => {
    // Not on the hour at either end: the minutes at the ends are counted from the events, the hours between from the hourly counts.
    const events = await stored();
    const to = new Date(Date.now() + 7 * 60_000 + 13_000);
    const from = new Date(to.getTime() - 3 * DAY + 17 * 60_000);
    const overview = await overviewOf(cityAuditor, from, to);
    const expected = expectedOverview(events, from, to);
    const { raw: _raw, ...answered } = overview;
    expect(answered).toEqual(expected);
    // The activity is there to be counted: three departments, a refused field, a refused token.
    expect(Object.keys(expected.accessesByDepartment)).toEqual(expect.arrayContaining(['police', 'housing', 'health']));
    expect(expected.totals.deniedAccesses).toBeGreaterThan(0);
    expect(expected.refusalsByReason.UNAUTHENTICATED).toBeDefined();
  });

  it('gives the same counts for a period on China midnight, from the hourly counts alone', async () => {
    const events = await stored();
    const midnight = Date.parse(`${chinaDay(Date.now())}T00:00:00+08:00`);
    const from = new Date(midnight - DAY);
    const to = new Date(midnight + DAY);
    const overview = await overviewOf(cityAuditor, from, to);
    const { raw: _raw, ...answered } = overview;
    expect(answered).toEqual(expectedOverview(events, from, to));
    expect(answered.days).toEqual([chinaDay(from.getTime()), chinaDay(midnight)]);
  });

  it("shows an auditor confined to a district, a city or two districts only counts of the accesses it is shown, and no requests, refusals or integrity", async () => {
    const other = places.persons.outside[0]!.divisionCode;
    const auditors: [string, ReturnType<typeof callerIn>, string[]][] = [
      ['one district', districtAuditor, [places.district]],
      ['the city', callerIn('auditor', ['510100']), ['510100']],
      ['two districts', callerIn('auditor', [places.district, other]), [places.district, other]],
    ];
    const events = await stored();
    // Not on the hour: the hours between from the counts by region where they serve, the ends from the events.
    const to = new Date(Date.now() + 11 * 60_000);
    const from = new Date(to.getTime() - 2 * DAY - 23 * 60_000);
    const city = await overviewOf(cityAuditor, from, to);
    for (const [what, auditor, divisions] of auditors) {
      const overview = await overviewOf(auditor, from, to);
      const shown = events.filter(
        (e) => e.kind === 'access' && e.places !== undefined && e.places.length > 0 && e.places.every((p) => divisions.some((d) => divisionCovers(d, p.split('/')[0]!))),
      );
      const { raw, ...answered } = overview;
      expect(answered, what).toEqual(expectedOverview(shown, from, to));
      expect(answered.totals.accesses, what).toBeGreaterThan(0);
      expect(answered.totals.requests, what).toBe(0);
      expect(raw.integrity, what).toBeNull();
      expect(city.totals.accesses, what).toBeGreaterThan(answered.totals.accesses);
    }
    // The list naming residents of every district is the city's, not a district's.
    const list = events.find((e) => e.typeName === 'Person' && e.recordIds.length > 10)!;
    expect(new Set(list.places!.map((p) => p.slice(0, 6))).size).toBeGreaterThan(1);
  });

  it("shows the log's integrity: the last verification as it was recorded, the latest checkpoint and the partner that witnessed it", async () => {
    const to = new Date(Date.now() + HOUR);
    const from = new Date(to.getTime() - DAY);
    const before = await overviewOf(cityAuditor, from, to);
    expect(before.raw.integrity.latestCheckpoint).toEqual({ seq: signed.checkpoint.seq, at: signed.checkpoint.at, hash: signed.hash, chainHeads: signed.checkpoint.heads.length });
    expect(before.raw.integrity.witnesses).toEqual([expect.objectContaining({ city: '330100', checkpointSeq: signed.checkpoint.seq, checkpointHash: signed.hash })]);
    expect(before.raw.integrity.latestWitnessed).toBe(true);

    const verification = await ask(cityAuditor, `{ auditVerification { ok chains events verifiedAt durationMs problems { seq } evidenceProblems checkpoint { seq } } }`);
    expect(verification.body.errors).toBeUndefined();
    const run = verification.body.data?.auditVerification;
    const after = await overviewOf(cityAuditor, from, to);
    expect(after.raw.integrity.lastVerification).toEqual({
      verifiedAt: run.verifiedAt,
      ok: run.ok,
      chains: run.chains,
      events: run.events,
      problems: run.problems.length,
      evidenceProblems: run.evidenceProblems.length,
      durationMs: run.durationMs,
      checkpointSeq: run.checkpoint.seq,
      ranBy: cityAuditor.sub,
    });
    expect(run.ok).toBe(true);
  });

  it('shows accesses under a case investigation with no disclosure date as withheld from residents', async () => {
    const to = new Date(Date.now() + HOUR);
    const overview = await overviewOf(cityAuditor, new Date(to.getTime() - DAY), to);
    const underCase = (await stored()).filter((e) => e.kind === 'access' && e.caseId === 'CASE-2026-201' && e.recordIds.length > 0);
    expect(underCase.length).toBeGreaterThan(0);
    expect(overview.raw.withheldFromResidents.cases).toContainEqual({ caseId: 'CASE-2026-201', accesses: underCase.length, discloseAfter: null });
  });

  it('is recorded as a read of the log by the auditor who asked', async () => {
    const to = new Date(Date.now() + HOUR);
    const response = await ask(cityAuditor, `query($from: DateTime!, $to: DateTime!) { auditOverview(from: $from, to: $to) { days } }`, { from: new Date(to.getTime() - DAY).toISOString(), to: to.toISOString() });
    const requestId = response.headers.get('x-request-id');
    const events = (await stored()).filter((e) => e.requestId === requestId && e.kind === 'access');
    expect(events.map((e) => [e.subgraph, e.typeName, e.subject, e.fields])).toEqual([['audit', 'AuditOverview', cityAuditor.sub, { days: 'full' }]]);
  });
});

const HISTORY = `query($n: String!, $first: Int, $after: String) { residentHistory(idNumber: $n, first: $first, after: $after) {
  personId withheldFromResident
  accesses { edges { cursor node { id occurredAt subject department purpose caseId subgraph typeName fields { field decision } withheldFromResident withheldUntil } } pageInfo { hasNextPage endCursor } }
} }`;

describe("a resident's history by identity number", () => {
  it('is every access naming the resident the number names, newest first, with who, when, what and why, page by page', async () => {
    const resident = places.persons.inside[0]!;
    const before = (await stored()).filter((e) => e.recordIds.includes(resident.id));
    const pages: { id: string; occurredAt: string; subject: string; department: string; typeName: string }[] = [];
    let after: string | null = null;
    let personId: string | undefined;
    for (;;) {
      const response: Answer = await ask(cityAuditor, HISTORY, { n: resident.idNumber, first: 3, after });
      expect(response.body.errors).toBeUndefined();
      const history = response.body.data?.residentHistory;
      personId = history.personId;
      pages.push(...history.accesses.edges.map((e: { node: (typeof pages)[number] }) => e.node));
      if (!history.accesses.pageInfo.hasNextPage) break;
      after = history.accesses.pageInfo.endCursor;
    }
    expect(personId).toBe(resident.id);
    const served = pages.map((p) => p.id);
    expect(new Set(served).size).toBe(served.length);
    // Every access there was when the paging began, and beyond them only the first page's own look-up at the register.
    expect(served).toEqual(expect.arrayContaining(before.map((e) => `${e.writerId}/${e.seq}`)));
    const since = pages.filter((p) => !before.some((e) => `${e.writerId}/${e.seq}` === p.id));
    expect(since.map((p) => [p.typeName, p.subject])).toEqual([['AuditedResident', cityAuditor.sub]]);
    // Newest first.
    const times = pages.map((p) => p.occurredAt);
    expect(times).toEqual([...times].sort().reverse());
    // Who read them: the officers of the scripted activity, by subject and department.
    expect(pages).toEqual(expect.arrayContaining([expect.objectContaining({ subject: policeOfficer.sub, department: 'police' }), expect.objectContaining({ subject: housingOfficer.sub, department: 'housing' })]));
  });

  it('answers the same events as residentAccessHistory by hub id, with the same cursors', async () => {
    const resident = places.persons.inside[1]!;
    const byNumber = await ask(cityAuditor, HISTORY, { n: resident.idNumber, first: 50 });
    const byId = await ask(cityAuditor, `query($id: ID!) { residentAccessHistory(personId: $id, first: 50) { edges { cursor node { id } } } }`, { id: resident.id });
    const numbered = byNumber.body.data?.residentHistory.accesses.edges.map((e: { cursor: string; node: { id: string } }) => [e.cursor, e.node.id]);
    const ided = byId.body.data?.residentAccessHistory.edges.map((e: { cursor: string; node: { id: string } }) => [e.cursor, e.node.id]);
    // The second question was asked later: its answer holds the first's, after the reads the first one made.
    expect(ided.slice(-numbered.length)).toEqual(numbered);
  });

  it('is found by asking the police register as the auditor, a look-up recorded under the auditor and purpose audit', async () => {
    const resident = places.persons.inside[2]!;
    const response = await ask(cityAuditor, HISTORY, { n: resident.idNumber, first: 1 });
    expect(response.body.data?.residentHistory.personId).toBe(resident.id);
    const lookups = (await stored()).filter((e) => e.subgraph === 'police' && e.typeName === 'AuditedResident' && e.recordIds.includes(resident.id));
    expect(lookups.map((e) => [e.subject, e.department, e.purpose, e.fields])).toContainEqual([cityAuditor.sub, 'auditor', 'audit', { personId: 'full' }]);
    // And the auditor's look at the resident shows in the resident's own history.
    const looked = (await stored()).filter((e) => e.subgraph === 'audit' && e.typeName === 'Query' && e.recordIds.includes(resident.id));
    expect(looked.map((e) => [e.subject, e.fields])).toContainEqual([cityAuditor.sub, { residentHistory: 'full' }]);
  });

  it('marks the accesses residents do not see yet, and counts them', async () => {
    const resident = places.persons.outside[0]!;
    const response = await ask(cityAuditor, HISTORY, { n: resident.idNumber, first: 100 });
    const history = response.body.data?.residentHistory;
    const nodes = history.accesses.edges.map((e: { node: Record<string, unknown> }) => e.node);
    const underCase = nodes.filter((n: Record<string, unknown>) => n.caseId === 'CASE-2026-201');
    expect(underCase.length).toBeGreaterThan(0);
    for (const node of nodes) expect(node.withheldFromResident, JSON.stringify(node)).toBe(node.caseId === 'CASE-2026-201');
    expect(underCase.every((n: Record<string, unknown>) => n.withheldUntil === null)).toBe(true);
    expect(history.withheldFromResident).toBe(underCase.length);
  });

  it('answers null for a well-formed number nobody holds, and names idNumber for one that is not a number', async () => {
    const unknown = await ask(cityAuditor, HISTORY, { n: UNHELD });
    expect(unknown.body).toEqual({ data: { residentHistory: null } });
    for (const n of ['123', MISCHECKED, 'not a number at all']) {
      const bad = await ask(cityAuditor, HISTORY, { n });
      expect(bad.body.errors?.[0]?.extensions, n).toEqual(expect.objectContaining({ code: 'BAD_USER_INPUT', field: 'idNumber' }));
      expect(bad.body.data?.residentHistory ?? null).toBeNull();
    }
  });

  it('is shown to a district auditor only for residents inside its district', async () => {
    const inside = await ask(districtAuditor, HISTORY, { n: places.persons.inside[0]!.idNumber, first: 5 });
    expect(inside.body.data?.residentHistory.personId).toBe(places.persons.inside[0]!.id);
    const outside = await ask(districtAuditor, HISTORY, { n: places.persons.outside[0]!.idNumber, first: 5 });
    expect(outside.body).toEqual({ data: { residentHistory: null } });
  });

  it('exports as a signed file that checks offline, holding every access naming the resident, without where they live', async () => {
    const resident = places.persons.inside[0]!;
    const response = await ask(cityAuditor, `query($id: ID!) { residentAccessExport(personId: $id) { fileName content events keyId } }`, { id: resident.id });
    expect(response.body.errors).toBeUndefined();
    const exported = response.body.data?.residentAccessExport;
    const file = path.join(checkpointDir, exported.fileName);
    writeFileSync(file, exported.content);
    const check = await verifyExportFile(file, hub.auditExportPublicKey);
    expect(check.problems).toEqual([]);
    expect(check.manifest?.selection).toEqual({ recordId: resident.id });
    const lines = (exported.content as string).trim().split('\n').slice(0, -1).map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines.length).toBe(exported.events);
    expect(lines.every((e) => (e.recordIds as string[]).includes(resident.id))).toBe(true);
    expect(lines.some((e) => 'places' in e || 'placesNonce' in e)).toBe(false);
    const named = (await stored()).filter((e) => e.recordIds.includes(resident.id) && Date.parse(e.occurredAt) < Date.parse(check.manifest!.to));
    expect(new Set(lines.map((e) => `${e.writerId as string}/${e.seq as number}`))).toEqual(new Set(named.map((e) => `${e.writerId}/${e.seq}`)));

    // A line changed after signing is found.
    const tampered = exported.content.replace(`"subject":"${policeOfficer.sub}"`, '"subject":"someone-else"');
    expect(tampered).not.toBe(exported.content);
    writeFileSync(file, tampered);
    const broken = await verifyExportFile(file, hub.auditExportPublicKey);
    expect(broken.ok).toBe(false);
    expect(broken.problems.join('\n')).toMatch(/digest/);

    const confined = await ask(districtAuditor, `query($id: ID!) { residentAccessExport(personId: $id) { events } }`, { id: resident.id });
    expect(confined.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});

const OFFICER = `query($s: String!, $d: String, $from: DateTime!, $to: DateTime!) { officerActivity(subject: $s, department: $d, from: $from, to: $to) {
  subject department days accessesPerDay distinctResidentsPerDay deniedPerDay accessesByHour
  byPurpose { purpose accesses distinctResidents } byType { typeName accesses records }
  distinctResidents { days median p90 max } departmentDistinctResidents { days median p90 max }
  accesses { days median p90 max } departmentAccesses { days median p90 max }
  departmentOfficers daysAboveDepartmentP90
} }`;

/** Linear interpolation between the neighbours of sorted values, as PostgreSQL's percentile_cont. */
function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return 0;
  const at = (sorted.length - 1) * q;
  const low = sorted[Math.floor(at)]!;
  return low + (sorted[Math.ceil(at)]! - low) * (at - Math.floor(at));
}
const spreadOf = (values: number[]) => ({ days: values.length, median: quantile(values, 0.5), p90: quantile(values, 0.9), max: values.length ? Math.max(...values) : 0 });

describe("an officer's activity", () => {
  it('is counted per day and hour from their accesses, against the other officers of their department over the same days', async () => {
    const to = new Date();
    const from = new Date(to.getTime() - 2 * DAY);
    const response = await ask(cityAuditor, OFFICER, { s: heavyOfficer.sub, from: from.toISOString(), to: to.toISOString() });
    expect(response.body.errors).toBeUndefined();
    const activity = response.body.data?.officerActivity;
    const events = await stored();
    const accesses = events.filter((e) => e.kind === 'access' && e.department === 'police' && Date.parse(e.occurredAt) >= from.getTime() && Date.parse(e.occurredAt) < to.getTime());
    // Per officer-day: accesses that served records, distinct residents served.
    const perDay = new Map<string, { accesses: number; residents: Set<string> }>();
    for (const e of accesses) {
      const key = `${e.subject}|${chinaDay(e.occurredAt)}`;
      const entry = perDay.get(key) ?? { accesses: 0, residents: new Set<string>() };
      if (e.recordIds.length > 0) entry.accesses += 1;
      if (['Person', 'HealthProfile'].includes(e.typeName!)) for (const id of e.recordIds) entry.residents.add(id);
      perDay.set(key, entry);
    }
    const own = [...perDay].filter(([key, v]) => key.startsWith(`${heavyOfficer.sub}|`) && v.accesses > 0).map(([, v]) => v);
    const others = [...perDay].filter(([key, v]) => !key.startsWith(`${heavyOfficer.sub}|`) && v.accesses > 0);
    expect(activity.department).toBe('police');
    expect(activity.accessesPerDay.reduce((a: number, b: number) => a + b, 0)).toBe(own.reduce((t, v) => t + v.accesses, 0));
    expect(activity.distinctResidentsPerDay).toEqual(activity.days.map((day: string) => perDay.get(`${heavyOfficer.sub}|${day}`)?.residents.size ?? 0));
    expect(activity.distinctResidents).toEqual(spreadOf(own.map((v) => v.residents.size)));
    expect(activity.departmentDistinctResidents).toEqual(spreadOf(others.map(([, v]) => v.residents.size)));
    expect(activity.departmentAccesses).toEqual(spreadOf(others.map(([, v]) => v.accesses)));
    expect(activity.departmentOfficers).toBe(new Set(others.map(([key]) => key.split('|')[0])).size);
    expect(activity.accessesByHour.reduce((a: number, b: number) => a + b, 0)).toBe(own.reduce((t, v) => t + v.accesses, 0));
    // Seven residents in a day, where the others read one to four: above the department's 90th percentile that day.
    expect(activity.distinctResidents.max).toBe(7);
    const p90 = spreadOf(others.map(([, v]) => v.residents.size)).p90;
    expect(p90).toBeLessThan(7);
    expect(activity.daysAboveDepartmentP90).toEqual(
      [...perDay].filter(([key, v]) => key.startsWith(`${heavyOfficer.sub}|`) && v.accesses > 0 && v.residents.size > p90).map(([key]) => key.split('|')[1]).sort(),
    );
    expect(activity.daysAboveDepartmentP90.length).toBeGreaterThan(0);
    expect(activity.byPurpose).toEqual([{ purpose: 'population-management', accesses: own.reduce((t, v) => t + v.accesses, 0), distinctResidents: 7 }]);
  });

  it('asks which department when a subject acts for more than one, and answers for the one named', async () => {
    const period = { from: new Date(Date.now() - DAY).toISOString(), to: new Date(Date.now() + HOUR).toISOString() };
    const unnamed = await ask(cityAuditor, OFFICER, { s: twoHats.sub, ...period });
    expect(unnamed.body.errors?.[0]?.extensions).toEqual(expect.objectContaining({ code: 'BAD_USER_INPUT', field: 'department' }));
    expect(unnamed.body.errors?.[0]?.message).toContain('housing, police');
    const named = await ask(cityAuditor, OFFICER, { s: twoHats.sub, d: 'housing', ...period });
    expect(named.body.data?.officerActivity.department).toBe('housing');
    // Its housing reads alone: one resident, under housing's purpose.
    expect(named.body.data?.officerActivity.byType).toEqual(expect.arrayContaining([expect.objectContaining({ typeName: 'Person', accesses: 1 })]));
    expect(named.body.data?.officerActivity.byPurpose).toEqual([{ purpose: 'housing-administration', accesses: expect.any(Number), distinctResidents: 1 }]);
  });

  it('answers null for a subject with no access in the period', async () => {
    const response = await ask(cityAuditor, OFFICER, { s: 'nobody-at-all', from: new Date(Date.now() - DAY).toISOString(), to: new Date().toISOString() });
    expect(response.body).toEqual({ data: { officerActivity: null } });
  });
});

describe('bad input', () => {
  const now = Date.now();
  const cases: [string, string, Record<string, unknown>, string][] = [
    ['an overview ending before it starts', OVERVIEW, { from: new Date(now).toISOString(), to: new Date(now - HOUR).toISOString() }, 'to'],
    ['an overview longer than 366 days', OVERVIEW, { from: new Date(now - 400 * DAY).toISOString(), to: new Date(now).toISOString() }, 'to'],
    ['an overview from an instant without a time zone', OVERVIEW, { from: '2026-03-01T00:00:00', to: new Date(now).toISOString() }, 'from'],
    ["an officer's activity longer than 92 days", OFFICER, { s: 'x', from: new Date(now - 100 * DAY).toISOString(), to: new Date(now).toISOString() }, 'to'],
    ["an officer's activity of an empty subject", OFFICER, { s: ' ', from: new Date(now - DAY).toISOString(), to: new Date(now).toISOString() }, 'subject'],
    ['a history page of 1,000', HISTORY, { n: UNHELD, first: 1000 }, 'first'],
    ['a history cursor no list issued', HISTORY, { n: UNHELD, after: 'bm90IGEgY3Vyc29y' }, 'after'],
  ];
  for (const [what, query, variables, field] of cases) {
    it(`refuses ${what}, naming ${field}`, async () => {
      const response = await ask(cityAuditor, query, variables);
      expect(response.status).toBe(200);
      expect(response.body.errors?.[0]?.extensions).toEqual(expect.objectContaining({ code: 'BAD_USER_INPUT', field }));
    });
  }
});
