import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reviewDigest } from '../../audit/anomalies/flags.js';
import { ANOMALY_RULES, ANOMALY_SETTINGS, ANOMALY_VARIABLES, DEFAULT_ANOMALY_SETTINGS, type AnomalySettings } from '../../audit/anomalies/rules.js';
import type { AuditWriter } from '../../audit/writer.js';
import type { CallerTokenInput } from '../../auth/caller.js';
import { decide } from '../../auth/decide.js';
import type { Purpose } from '../../auth/purposes.js';
import { DEFAULT_SCOPES, type Role } from '../../auth/roles.js';
import { makeIdNumber } from '../../domain/index.js';
import { persons } from '../../subgraphs/police/db/schema.js';
import { metaFor, testWriter } from '../support/audit.js';
import { graphql, type GraphQLResponse } from '../support/graphql.js';
import { startTestHub, type TestHub } from '../support/hub.js';
import { principalForRole } from '../support/tokens.js';

/*
 * Anomaly flags end to end, through the real gateway of a test hub: a
 * housing system harvests the register — pages of residents, then look-ups
 * by full identity number, which it sees masked, until the look-up cap stops
 * it — and the detector's next pass raises a bulk-lookup flag and an
 * enumeration flag with the numbers the harvest made; ordinary work raises
 * none. Auditors list, open and review flags; every read and review is in the
 * log, and nobody else may do either. The hub works around the clock here, so
 * the hour a test runs at plays no part (out-of-hours flags are tested with
 * pinned clocks in anomalies-detector.test.ts).
 */

const SETTINGS: AnomalySettings = { ...DEFAULT_ANOMALY_SETTINGS, workHours: { start: 0, end: 24 * 60 }, workDays: [1, 2, 3, 4, 5, 6, 7] };
const CAP = 60;
const HARVESTER = 'harvesting-system';

let hub: TestHub;
let numbers: string[] = [];
/** What the harvest was served and asked, as its responses say. */
const harvest = { residents: new Set<string>(), lookups: 0, capRefusals: 0, lookupRequests: [] as string[], requests: 0 };

const callerOf = (role: Role, sub: string, extra: Partial<CallerTokenInput> = {}): Partial<CallerTokenInput> => ({ sub, dept: role, roles: [role], scope: DEFAULT_SCOPES[role].join(' '), ...extra });
const PURPOSE: Partial<Record<Role, Purpose>> = { housing: 'housing-administration', police: 'population-management', labour: 'labour-administration', auditor: 'audit' };

async function ask(who: Partial<CallerTokenInput>, query: string, variables: Record<string, unknown> = {}): Promise<GraphQLResponse> {
  const role = who.roles?.[0] as Role;
  return graphql(hub.gatewayUrl, query, variables, hub.headers(who, PURPOSE[role]));
}

const auditor = callerOf('auditor', 'chief-auditor');
const asAuditor = (query: string, variables: Record<string, unknown> = {}) => ask(auditor, query, variables);

const FLAG_FIELDS = `id rule title titleZh summary status subject department roles caseId windowStart windowEnd observed baseline departmentBaseline threshold
  measures { name value meaning } exampleRecordIds exampleRequestIds raisedAt updatedAt
  reviews { id verdict note addressedTo reviewer reviewerDepartment reviewedAt requestId observedAtReview }`;

interface Flag {
  id: string;
  rule: string;
  status: string;
  observed: number;
  threshold: number;
  baseline: number | null;
  measures: { name: string; value: number; meaning: string }[];
  exampleRecordIds: string[];
  exampleRequestIds: string[];
  reviews: { id: string; verdict: string; note: string | null; addressedTo: string | null; reviewer: string; reviewerDepartment: string; reviewedAt: string; requestId: string; observedAtReview: number }[];
  [field: string]: unknown;
}

async function flagsOf(subject: string, who: Partial<CallerTokenInput> = auditor): Promise<Flag[]> {
  const response = await ask(who, `query($subject: String) { anomalyFlags(filter: { subject: $subject }, first: 100) { totalCount edges { node { ${FLAG_FIELDS} } } } }`, { subject });
  expect(response.body.errors).toBeUndefined();
  const connection = response.body.data?.anomalyFlags as { totalCount: number; edges: { node: Flag }[] };
  expect(connection.totalCount).toBe(connection.edges.length);
  return connection.edges.map((edge) => edge.node);
}

const measure = (flag: Flag, name: string) => flag.measures.find((m) => m.name === name)?.value;

beforeAll(async () => {
  hub = await startTestHub({ persons: 200, key: 'anomalies', lookupCap: { lookups: CAP, windowSeconds: 3_600 }, anomalies: { settings: SETTINGS } });
  numbers = (await hub.databases.police.db.select({ idNumber: persons.idNumber }).from(persons).limit(30)).map((row) => row.idNumber);

  const harvester = callerOf('housing', HARVESTER);
  // Pages of the register, as fast as it answers.
  let after: string | null = null;
  for (let page = 0; page < 2; page += 1) {
    const response: GraphQLResponse = await ask(harvester, 'query($after: String) { persons(first: 100, after: $after) { edges { node { id name } } pageInfo { endCursor } } }', { after });
    expect(response.body.errors).toBeUndefined();
    const connection = response.body.data?.persons as { edges: { node: { id: string } }[]; pageInfo: { endCursor: string | null } };
    for (const edge of connection.edges) harvest.residents.add(edge.node.id);
    after = connection.pageInfo.endCursor;
    harvest.requests += 1;
  }
  // Then guesses at numbers, ten to a request, a few of them real, until the cap refuses.
  for (let request = 0; request < 7; request += 1) {
    const count = request < 6 ? 10 : 5;
    const guesses = Array.from({ length: count }, (_, i) =>
      i < 3 ? numbers[(request * 3 + i) % numbers.length]! : makeIdNumber('510104', `1990-0${1 + (i % 9)}-1${request}`, 100 + i, i % 2 ? 'MALE' : 'FEMALE'),
    );
    const query = `query Guess { ${guesses.map((n, i) => `g${i}: personByIdNumber(idNumber: "${n}") { id }`).join(' ')} }`;
    const response = await ask(harvester, query);
    harvest.requests += 1;
    harvest.lookups += count;
    const requestId = response.headers.get('x-request-id') ?? '';
    harvest.lookupRequests.push(requestId);
    if (response.status === 429) {
      expect(response.body.errors?.[0]?.extensions?.limit).toBe('LOOKUP_CAP');
      harvest.capRefusals += 1;
      continue;
    }
    expect(response.body.errors).toBeUndefined();
    for (const person of Object.values(response.body.data ?? {})) if (person) harvest.residents.add((person as { id: string }).id);
  }

  // Ordinary work: a desk officer reads three dossiers; a labour clerk looks at a few employers.
  const officer = callerOf('police', 'desk-officer');
  for (const idNumber of numbers.slice(0, 3)) {
    const response = await ask(officer, 'query($n: String!) { personByIdNumber(idNumber: $n) { name residence { address } } }', { n: idNumber });
    expect(response.body.errors).toBeUndefined();
  }
  const clerk = callerOf('labour', 'labour-clerk');
  expect((await ask(clerk, '{ employers(first: 5) { edges { node { name } } } }')).body.errors).toBeUndefined();

  await hub.audit.flush();
  await hub.anomalies.runOnce();
}, 300_000);

afterAll(async () => {
  await hub?.close();
});

describe('a scripted harvest of the register through the gateway', () => {
  it('is recorded with the look-ups by number it asked, as the gateway counted them, refused ones included', async () => {
    const requests = (await hub.audit.events()).filter((e) => e.kind === 'request' && e.subject === HARVESTER);
    expect(requests).toHaveLength(harvest.requests);
    expect(requests.reduce((sum, e) => sum + (e.lookups ?? 0), 0)).toBe(harvest.lookups);
    expect(requests.filter((e) => e.errorCode === 'LOOKUP_CAP')).toHaveLength(harvest.capRefusals);
    // The police read numbers in full: their look-ups test no guess and are not counted.
    const police = (await hub.audit.events()).filter((e) => e.kind === 'request' && e.subject === 'desk-officer');
    expect(police.length).toBeGreaterThan(0);
    for (const event of police) expect(event.lookups).toBeUndefined();
  });

  it('raises a bulk-lookup flag and an enumeration flag, and no other', async () => {
    expect(harvest.capRefusals).toBe(1);
    const flags = await flagsOf(HARVESTER);
    expect(flags.map((f) => f.rule).sort()).toEqual(['bulk-lookups', 'identity-enumeration']);
    for (const flag of flags) expect(flag).toMatchObject({ status: 'OPEN', subject: HARVESTER, department: 'housing', roles: ['housing'], reviews: [] });
  });

  it('states the bulk look-ups in numbers: the distinct residents served, against the floor a principal without history is held to', async () => {
    const [bulk] = (await flagsOf(HARVESTER)).filter((f) => f.rule === 'bulk-lookups');
    expect(bulk).toMatchObject({ observed: harvest.residents.size, threshold: SETTINGS.bulkMinResidents, baseline: null });
    expect(measure(bulk!, 'residents')).toBe(harvest.residents.size);
    expect(measure(bulk!, 'requests')).toBe(harvest.requests);
    for (const id of bulk!.exampleRecordIds) expect(harvest.residents.has(id)).toBe(true);
    expect(bulk!.exampleRecordIds).toHaveLength(10);
  });

  it('states the enumeration in numbers: look-ups asked, those the cap refused, the requests to open', async () => {
    const [enumeration] = (await flagsOf(HARVESTER)).filter((f) => f.rule === 'identity-enumeration');
    expect(enumeration).toMatchObject({ observed: harvest.lookups, threshold: SETTINGS.enumerationMinLookups });
    expect(measure(enumeration!, 'lookups')).toBe(harvest.lookups);
    expect(measure(enumeration!, 'capRefusals')).toBe(harvest.capRefusals);
    expect(new Set(enumeration!.exampleRequestIds)).toEqual(new Set(harvest.lookupRequests));
    // The housing department reads the numbers it looked up masked: that is what makes the look-ups guesses.
    const decision = decide(metaFor('housing', { purpose: 'housing-administration' }), 'Person.idNumber');
    expect(decision).toMatchObject({ allowed: true, access: 'masked' });
  });

  it('says why in one line, with the rule’s title in English and Chinese, and every measure with its meaning from the table', async () => {
    const [bulk] = (await flagsOf(HARVESTER)).filter((f) => f.rule === 'bulk-lookups');
    const rule = ANOMALY_RULES.find((r) => r.id === 'bulk-lookups')!;
    expect(bulk).toMatchObject({ title: rule.title, titleZh: rule.titleZh });
    expect(bulk!.summary).toContain(`${harvest.residents.size} distinct residents in one hour`);
    expect(bulk!.measures).toEqual(rule.measures.map((m) => ({ name: m.name, meaning: m.meaning, value: expect.any(Number) as number })));
  });

  it('raises nothing for ordinary work', async () => {
    for (const subject of ['desk-officer', 'labour-clerk', 'chief-auditor']) expect(await flagsOf(subject)).toEqual([]);
  });

  it('records each read of the flags, as any read of the log', async () => {
    const flags = await flagsOf(HARVESTER);
    const reads = (await hub.audit.events()).filter((e) => e.kind === 'access' && e.typeName === 'AnomalyFlag' && e.subject === 'chief-auditor');
    const read = new Set(reads.flatMap((e) => e.recordIds));
    for (const flag of flags) expect(read.has(flag.id)).toBe(true);
  });
});

describe('the rules as auditors read them', () => {
  it('are the table, with the settings in force', async () => {
    const response = await asAuditor('{ anomalyRules { id title titleZh raisedWhen measures { name } settings { variable value default meaning } } }');
    expect(response.body.errors).toBeUndefined();
    const rules = response.body.data?.anomalyRules as { id: string; settings: { variable: string; value: string; default: string }[] }[];
    expect(rules.map((r) => r.id)).toEqual(ANOMALY_RULES.map((r) => r.id));
    const hours = rules.flatMap((r) => r.settings).find((s) => s.variable === 'ANOMALY_WORK_HOURS');
    expect(hours).toMatchObject({ value: '00:00-24:00', default: ANOMALY_SETTINGS.ANOMALY_WORK_HOURS.default });
    for (const setting of rules.flatMap((r) => r.settings)) expect(ANOMALY_VARIABLES).toContain(setting.variable);
  });
});

describe('reviewing a flag', () => {
  let flag: Flag;

  beforeAll(async () => {
    [flag] = (await flagsOf(HARVESTER)).filter((f) => f.rule === 'identity-enumeration') as [Flag];
  });

  const review = (who: Partial<CallerTokenInput>, input: Record<string, unknown>) =>
    ask(who, `mutation($input: ReviewAnomalyFlagInput!) { reviewAnomalyFlag(input: $input) { flag { ${FLAG_FIELDS} } } }`, { input });

  it('refuses to question a flag without a note, naming the field, and keeps nothing', async () => {
    const response = await review(auditor, { id: flag.id, verdict: 'QUESTIONED' });
    expect(response.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(JSON.stringify(response.body.errors?.[0]?.extensions)).toContain('input.note');
    const [again] = (await flagsOf(HARVESTER)).filter((f) => f.id === flag.id);
    expect(again).toMatchObject({ status: 'OPEN', reviews: [] });
  });

  it('questions a flag with a note to the flagged officer’s department, recorded in the log under the review’s digest', async () => {
    const note = '请住房部门说明该系统在一小时内按身份证号查询的业务依据。';
    const response = await review(auditor, { id: flag.id, verdict: 'QUESTIONED', note });
    expect(response.body.errors).toBeUndefined();
    const reviewed = (response.body.data?.reviewAnomalyFlag as { flag: Flag }).flag;
    const requestId = response.headers.get('x-request-id');
    expect(reviewed.status).toBe('QUESTIONED');
    expect(reviewed.reviews).toHaveLength(1);
    const [done] = reviewed.reviews;
    expect(done).toMatchObject({ verdict: 'QUESTIONED', note, addressedTo: 'housing', reviewer: 'chief-auditor', reviewerDepartment: 'auditor', requestId, observedAtReview: flag.observed });
    expect(
      reviewDigest({
        flagId: flag.id,
        verdict: 'questioned',
        note,
        addressedTo: 'housing',
        reviewer: 'chief-auditor',
        reviewerDepartment: 'auditor',
        requestId: requestId!,
        observedAtReview: flag.observed,
        reviewedAt: new Date(done!.reviewedAt),
      }),
    ).toBe(done!.id);
    const recorded = (await hub.audit.events()).filter((e) => e.typeName === 'AnomalyReview' && e.requestId === requestId);
    expect(recorded).toHaveLength(1);
    expect(recorded[0]).toMatchObject({ kind: 'access', subject: 'chief-auditor', department: 'auditor', purpose: 'audit', recordIds: [flag.id, done!.id] });
  });

  it('escalates it afterwards, the flag’s history keeping both reviews, oldest first', async () => {
    const response = await review(auditor, { id: flag.id, verdict: 'ESCALATED', note: 'Handed to the inspection office.' });
    expect(response.body.errors).toBeUndefined();
    const reviewed = (response.body.data?.reviewAnomalyFlag as { flag: Flag }).flag;
    expect(reviewed.status).toBe('ESCALATED');
    expect(reviewed.reviews.map((r) => r.verdict)).toEqual(['QUESTIONED', 'ESCALATED']);
    expect((await flagsOf(HARVESTER)).find((f) => f.id === flag.id)?.status).toBe('ESCALATED');
    const listed = await asAuditor('{ anomalyFlags(filter: { status: ESCALATED }) { totalCount edges { node { id } } } }');
    expect((listed.body.data?.anomalyFlags as { edges: { node: { id: string } }[] }).edges.map((e) => e.node.id)).toEqual([flag.id]);
  });

  it('answers NOT_FOUND for a flag nobody raised, and BAD_USER_INPUT naming the field for an id that is none', async () => {
    const unknown = await review(auditor, { id: '00000000-0000-4000-8000-000000000000', verdict: 'JUSTIFIED' });
    expect(unknown.body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const malformed = await review(auditor, { id: 'flag-1', verdict: 'JUSTIFIED' });
    expect(malformed.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(JSON.stringify(malformed.body.errors?.[0]?.extensions)).toContain('input.id');
  });

  it('is refused to every role but the auditor’s, and to an auditor whose token does not carry audit:review', async () => {
    for (const role of ['police', 'housing', 'labour'] as const) {
      const who = callerOf(role, `${role}-curious`);
      const listed = await ask(who, '{ anomalyFlags { totalCount } }');
      expect(listed.body.errors?.[0]?.extensions?.code, role).toBe('FORBIDDEN');
      const reviewed = await review(who, { id: flag.id, verdict: 'JUSTIFIED', note: 'fine' });
      expect(reviewed.body.errors?.[0]?.extensions?.code, role).toBe('FORBIDDEN');
    }
    const readOnly = callerOf('auditor', 'read-only-auditor', { scope: 'audit:read' });
    expect((await ask(readOnly, '{ anomalyFlags { totalCount } }')).body.errors).toBeUndefined();
    const refused = await review(readOnly, { id: flag.id, verdict: 'JUSTIFIED', note: 'fine' });
    expect(refused.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await flagsOf(HARVESTER)).find((f) => f.id === flag.id)?.reviews).toHaveLength(2);
  });
});

describe('the list of flags', () => {
  it('pages newest window first, the cursor resuming where the page ended', async () => {
    const all = await flagsOf(HARVESTER);
    const firstPage = await asAuditor(`query { anomalyFlags(filter: { subject: "${HARVESTER}" }, first: 1) { edges { node { id } } pageInfo { hasNextPage endCursor } } }`);
    const page = firstPage.body.data?.anomalyFlags as { edges: { node: { id: string } }[]; pageInfo: { hasNextPage: boolean; endCursor: string } };
    expect(page.pageInfo.hasNextPage).toBe(true);
    const next = await asAuditor(`query($after: String) { anomalyFlags(filter: { subject: "${HARVESTER}" }, first: 1, after: $after) { edges { node { id } } pageInfo { hasNextPage } } }`, {
      after: page.pageInfo.endCursor,
    });
    const second = next.body.data?.anomalyFlags as { edges: { node: { id: string } }[]; pageInfo: { hasNextPage: boolean } };
    expect([...page.edges, ...second.edges].map((e) => e.node.id).sort()).toEqual(all.map((f) => f.id).sort());
    expect(second.pageInfo.hasNextPage).toBe(false);
  });

  it('refuses a rule no table names and a cursor it never issued, naming the argument', async () => {
    const rule = await asAuditor('{ anomalyFlags(filter: { rule: "curiosity" }) { totalCount } }');
    expect(rule.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(JSON.stringify(rule.body.errors?.[0]?.extensions)).toContain('filter.rule');
    const cursor = await asAuditor('{ anomalyFlags(after: "bm90LWEtY3Vyc29y") { totalCount } }');
    expect(cursor.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('filters by rule, department and window', async () => {
    const byRule = await asAuditor('{ anomalyFlags(filter: { rule: "bulk-lookups", department: "housing" }) { edges { node { rule subject } } } }');
    const edges = (byRule.body.data?.anomalyFlags as { edges: { node: { rule: string; subject: string } }[] }).edges;
    expect(edges.map((e) => e.node)).toEqual([{ rule: 'bulk-lookups', subject: HARVESTER }]);
    const past = await asAuditor('{ anomalyFlags(filter: { to: "2020-01-01T00:00:00Z" }) { totalCount } }');
    expect((past.body.data?.anomalyFlags as { totalCount: number }).totalCount).toBe(0);
  });
});

describe('a district auditor', () => {
  let writer: AuditWriter;
  const JINJIANG = { divisionCode: '510104', gridCode: '510104001001' };

  beforeAll(async () => {
    // A district officer reads many residents of its own district (written through the hub's writer, at the hour it is now).
    writer = testWriter(hub.audit.database, 'police');
    const meta = metaFor('police', { principal: principalForRole('police', { subject: 'district-officer' }) });
    const ids = Array.from({ length: SETTINGS.bulkMinResidents + 1 }, (_, i) => `district-resident-${i}`);
    await Promise.all(ids.map((id) => writer.record({ ...meta, requestId: `district-${id}` }, { type: 'Person', ids: [id], fields: ['name'], places: [JINJIANG] })));
    await writer.flush();
    await hub.anomalies.runOnce();
  });

  afterAll(async () => {
    await writer?.close();
  });

  it('is shown the flags whose records all lie in its district, and no flag about look-ups or the whole city', async () => {
    const district = callerOf('auditor', 'jinjiang-auditor', { jurisdiction: { divisions: ['510104'] } });
    const shown = await flagsOf('district-officer', district);
    expect(shown.map((f) => f.rule)).toEqual(['bulk-lookups']);
    expect(await flagsOf(HARVESTER, district)).toEqual([]);
    const elsewhere = callerOf('auditor', 'wuhou-auditor', { jurisdiction: { divisions: ['510107'] } });
    expect(await flagsOf('district-officer', elsewhere)).toEqual([]);
    expect((await flagsOf('district-officer')).map((f) => f.rule)).toEqual(['bulk-lookups']);
  });

  it('may review only what it is shown: another flag answers as one nobody raised', async () => {
    const district = callerOf('auditor', 'jinjiang-auditor-2', { jurisdiction: { divisions: ['510104'] } });
    const [harvested] = await flagsOf(HARVESTER);
    const response = await ask(district, 'mutation($input: ReviewAnomalyFlagInput!) { reviewAnomalyFlag(input: $input) { flag { id } } }', {
      input: { id: harvested!.id, verdict: 'JUSTIFIED', note: 'ok' },
    });
    expect(response.body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const single = await ask(district, 'query($id: ID!) { anomalyFlag(id: $id) { id } }', { id: harvested!.id });
    expect(single.body.errors).toBeUndefined();
    expect(single.body.data?.anomalyFlag).toBeNull();
  });
});
