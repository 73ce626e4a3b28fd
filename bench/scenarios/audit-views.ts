import { createHash } from 'node:crypto';
import { getTableColumns, sql } from 'drizzle-orm';
import type { AuditEvent } from '../../audit/api.js';
import { GENESIS_HASH, sealEvent, type ChainContent } from '../../audit/chain.js';
import { openAuditDatabase, type AuditDatabase } from '../../audit/database.js';
import { auditChainHeads, auditEvents } from '../../audit/db/schema.js';
import { rowsOf } from '../../audit/read.js';
import { AuditStore } from '../../audit/store.js';
import { ViewStore } from '../../audit/views/store.js';
import { chinaDays, officerAgainstDepartment, overviewSeries } from '../../audit/views/summaries.js';
import { verifyAuditStore } from '../../audit/verify.js';
import { AuditWriter } from '../../audit/writer.js';
import type { RequestMeta } from '../../auth/principal.js';
import { at } from '../../platform/arrays.js';
import { createLogger } from '../../platform/logger.js';
import { jurisdictionFilter } from '../../auth/jurisdiction.js';
import { dropPostgresDatabase, type DatabaseTarget } from '../../platform/db.js';
import type { BenchContext, Scenario } from './scenario.js';

/**
 * The audit views on a full store: a million events of sixty days written
 * in the writers' own chain format (sealed, hashed, chain heads moved, the
 * hourly counts kept by the store's own trigger as each batch goes in), then
 * the time of each view as the audit subgraph runs it.
 */

const count = (n: number) => Math.round(n).toLocaleString('en');
const DAY_MS = 86_400_000;

/** A deterministic stream of numbers in [0, 1), so every run fills the same store. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** A uuid-shaped id made from a label, as the departments' ids look. */
function uuidOf(label: string): string {
  const h = createHash('sha256').update(label).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

const DISTRICTS = ['510104', '510105', '510106', '510107', '510108', '510112', '510113', '510114'];
const DEPARTMENTS: { name: string; officers: number; subgraph: string; purposes: string[]; share: number }[] = [
  { name: 'police', officers: 120, subgraph: 'police', purposes: ['population-management', 'public-security', 'case-investigation'], share: 0.45 },
  { name: 'housing', officers: 60, subgraph: 'housing', purposes: ['housing-administration'], share: 0.2 },
  { name: 'labour', officers: 50, subgraph: 'labour', purposes: ['labour-administration'], share: 0.15 },
  { name: 'health', officers: 40, subgraph: 'health', purposes: ['public-health', 'medical-care'], share: 0.1 },
  { name: 'grid', officers: 30, subgraph: 'police', purposes: ['community-service'], share: 0.1 },
];

export interface FilledStore {
  events: number;
  ms: number;
  residents: string[];
  /** A resident read far more than the others. */
  busyResident: string;
  officer: { subject: string; department: string };
  district: string;
}

const COLUMNS = Object.entries(getTableColumns(auditEvents)).map(([key, column]) => ({ key: key as keyof AuditEvent, name: column.name }));
const COLUMN_LIST = sql.raw(COLUMNS.map((c) => `"${c.name}"`).join(', '));

async function insertBatch(database: AuditDatabase, events: readonly AuditEvent[]): Promise<void> {
  const rows = events.map((event) => Object.fromEntries(COLUMNS.map(({ key, name }) => [name, event[key] ?? null])));
  await database.db.execute(sql`INSERT INTO ${auditEvents} (${COLUMN_LIST}) SELECT ${COLUMN_LIST} FROM jsonb_populate_recordset(NULL::audit_events, ${JSON.stringify(rows)}::jsonb)`);
}

/**
 * Fills the store with `total` events over the `days` before now: calls
 * through the gateway (one request event each, a few refused), each reading
 * one resident (now and then a list of twenty) through one or two
 * subgraphs, by officers of five departments under their purposes, a few
 * under one of 200 case investigations; one resident read 2,000 times.
 */
export async function fillAuditStore(database: AuditDatabase, total: number, days: number, note: (line: string) => void): Promise<FilledStore> {
  const next = random(20_261_201);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
  const residents = Array.from({ length: 50_000 }, (_, i) => uuidOf(`resident-${i}`));
  const placeOf = (id: string) => {
    const h = parseInt(id.slice(0, 6), 16);
    const district = DISTRICTS[h % DISTRICTS.length] as string;
    return `${district}/${district}${String(1 + (h % 12)).padStart(3, '0')}${String(1 + (h % 9)).padStart(3, '0')}`;
  };
  const busyResident = residents[7] as string;
  const officers = DEPARTMENTS.flatMap((d) => Array.from({ length: d.officers }, (_, i) => ({ subject: `${d.name}-officer-${i}`, department: d })));
  const byShare = (): (typeof officers)[number] => {
    let r = next();
    for (const d of DEPARTMENTS) {
      if ((r -= d.share) <= 0) return pick(officers.filter((o) => o.department === d));
    }
    return pick(officers);
  };
  const chains = new Map<string, { seq: number; prevHash: string }>();
  const seal = (content: Omit<ChainContent, 'seq'>): AuditEvent => {
    const chain = chains.get(content.writerId) ?? { seq: 0, prevHash: GENESIS_HASH };
    chain.seq += 1;
    const event = sealEvent(chain.prevHash, { ...content, seq: chain.seq });
    chain.prevHash = event.hash;
    chains.set(content.writerId, chain);
    return event;
  };
  const start = Date.now() - days * DAY_MS;
  for (let month = new Date(start); month.getTime() <= Date.now() + 31 * DAY_MS; month = new Date(Date.UTC(month.getUTCFullYear(), month.getUTCMonth() + 1, 1))) {
    await database.db.execute(sql`SELECT audit_ensure_partition(${month.toISOString().slice(0, 10)}::date)`);
  }
  const started = performance.now();
  let written = 0;
  let batch: AuditEvent[] = [];
  const flush = async () => {
    if (batch.length === 0) return;
    await insertBatch(database, batch);
    written += batch.length;
    batch = [];
    if (written % 100_000 < 5_000) note(`  ${count(written)} events written`);
  };
  let busyLeft = 2_000;
  for (let r = 0; written + batch.length < total; r += 1) {
    const occurredAt = new Date(start + ((written + batch.length) / total) * days * DAY_MS);
    const when = occurredAt.toISOString();
    const officer = byShare();
    const purpose = officer.department.name === 'police' && next() < 0.06 ? 'case-investigation' : pick(officer.department.purposes.filter((p) => p !== 'case-investigation'));
    const caseId = purpose === 'case-investigation' ? `CASE-2026-${String(1 + Math.floor(next() * 200)).padStart(3, '0')}` : null;
    const requestId = uuidOf(`request-${r}`);
    const common = { occurredAt: when, requestId, subject: officer.subject, department: officer.department.name, roles: [officer.department.name], purpose, caseId };
    const refused = next() < 0.01;
    const errorCode = refused ? pick(['UNAUTHENTICATED', 'FORBIDDEN', 'RATE_LIMITED', 'LOOKUP_CAP']) : null;
    batch.push(
      seal({
        ...common,
        writerId: 'gateway:1:bench0000',
        kind: 'request',
        subgraph: null,
        typeName: null,
        recordIds: [],
        fields: {},
        operationName: 'Dossier',
        documentHash: 'a'.repeat(64),
        outcome: refused ? 'error' : 'ok',
        errorCode,
        durationMs: 12,
      }),
    );
    if (refused && next() < 0.3) {
      batch.push(seal({ ...common, writerId: 'gateway:1:bench0000', kind: 'refusals', subgraph: null, typeName: null, recordIds: [], fields: {}, operationName: null, documentHash: null, outcome: 'error', errorCode: errorCode ?? 'FORBIDDEN', durationMs: 60_000, count: 1 + Math.floor(next() * 50) }));
    }
    if (!refused) {
      const list = next() < 0.03;
      const read = list ? Array.from({ length: 20 }, () => pick(residents)) : [busyLeft > 0 && next() < 0.005 ? busyResident : pick(residents)];
      if (read.includes(busyResident)) busyLeft -= 1;
      const denied = next() < 0.05;
      const masked = officer.department.name !== 'police';
      const fields: AuditEvent['fields'] = { id: 'full', name: 'full', idNumber: masked ? 'masked' : 'full', ...(denied ? { birthDate: 'denied' } : {}) };
      const places = [...new Set(read.map(placeOf))].sort();
      const access = (subgraph: string, typeName: string) =>
        seal({ ...common, writerId: `${subgraph}:1:bench0000`, kind: 'access', subgraph, typeName, recordIds: read, fields, operationName: null, documentHash: null, outcome: null, errorCode: null, durationMs: null, places, placesNonce: 'b'.repeat(32) });
      batch.push(access(officer.department.subgraph, officer.department.name === 'health' ? 'HealthProfile' : 'Person'));
      if (next() < 0.5) batch.push(access(officer.department.name === 'labour' ? 'labour' : 'housing', 'Person'));
    }
    if (batch.length >= 5_000) await flush();
  }
  await flush();
  for (const [writerId, chain] of chains) {
    await database.db.insert(auditChainHeads).values({ writerId, lastSeq: chain.seq, lastHash: chain.prevHash, updatedAt: new Date() });
  }
  const police = officers.find((o) => o.department.name === 'police') as (typeof officers)[number];
  return { events: written, ms: performance.now() - started, residents, busyResident, officer: { subject: police.subject, department: 'police' }, district: DISTRICTS[0] as string };
}

/** The median of `runs` timings of `work`, after one run that warms caches and plans. */
async function timed<T>(runs: number, work: () => Promise<T>): Promise<{ ms: number; result: T }> {
  let result = await work();
  const times: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const started = performance.now();
    result = await work();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return { ms: times[Math.floor(times.length / 2)] ?? 0, result };
}

function postgresTarget(context: BenchContext, name: string): Extract<DatabaseTarget, { kind: 'postgres' }> {
  const url = new URL(context.postgresUrl);
  url.pathname = `/${name}_${process.pid}`;
  return { kind: 'postgres', url: url.toString(), poolSize: 10 };
}

/** Each view on a filled store, as `| view | ms | what it answered |` rows. */
export async function measureViews(database: AuditDatabase, filled: FilledStore, runs: number): Promise<string[]> {
  const views = new ViewStore(database, null);
  const store = new AuditStore(database);
  const now = new Date();
  const to = new Date(Math.ceil(now.getTime() / DAY_MS) * DAY_MS - 8 * 3_600_000);
  const from = new Date(to.getTime() - 30 * DAY_MS);
  const days = chinaDays(from, to);
  const district = jurisdictionFilter({ subject: 'a', department: 'auditor', roles: ['auditor'], scopes: [], jurisdiction: { divisions: [filled.district], grids: [] } });
  const rows: string[] = [];
  const add = (view: string, ms: number, answered: string) => rows.push(`| ${view} | ${ms.toFixed(1)} | ${answered} |`);

  const overview = await timed(runs, async () => overviewSeries(await views.overviewCounts(from, to, null), days));
  add('overview, 30 days, from the hourly counts', overview.ms, `${count(overview.result.totals.requests)} requests, ${count(overview.result.totals.accesses)} accesses, ${count(overview.result.totals.refusals)} refusals`);
  // What the same overview costs counted from the events themselves: what the hourly counts save.
  const offHour = { from: new Date(from.getTime() + 60_000), to: new Date(to.getTime() - 60_000) };
  const raw = await timed(Math.min(runs, 3), async () =>
    rowsOf(
      await database.db.execute(sql`SELECT kind, department, purpose, audit_event_outcome(kind, fields, outcome) AS outcome, error_code, count(*), sum(cardinality(record_ids)), sum(count)
        FROM ${auditEvents} WHERE occurred_at >= ${offHour.from.toISOString()}::timestamptz AND occurred_at < ${offHour.to.toISOString()}::timestamptz GROUP BY 1, 2, 3, 4, 5`),
    ),
  );
  add('the same counted from the events (for comparison)', raw.ms, `${count(raw.result.length)} groups`);
  const edges = await timed(runs, async () => overviewSeries(await views.overviewCounts(offHour.from, offHour.to, null), chinaDays(offHour.from, offHour.to)));
  add('overview, 30 days not on the hour (hourly counts and two partial hours of events)', edges.ms, `${count(edges.result.totals.accesses)} accesses`);
  const confined = await timed(runs, async () => overviewSeries(await views.overviewCounts(from, to, district), days));
  add(`overview, 30 days, an auditor confined to district ${filled.district} (from the counts by region)`, confined.ms, `${count(confined.result.totals.accesses)} accesses`);
  const twoDistricts = jurisdictionFilter({ subject: 'a', department: 'auditor', roles: ['auditor'], scopes: [], jurisdiction: { divisions: [filled.district, DISTRICTS[1] as string], grids: [] } });
  const two = await timed(Math.min(runs, 3), async () => overviewSeries(await views.overviewCounts(from, to, twoDistricts), days));
  add('overview, 30 days, an auditor confined to two districts (from the events shown)', two.ms, `${count(two.result.totals.accesses)} accesses`);
  const cases = await timed(runs, () => views.caseAccesses(from, to, null));
  add('overview: accesses under case investigations, per case', cases.ms, `${count(cases.result.length)} cases`);

  const page = { size: 20, after: null };
  const typical = filled.residents[1234] as string;
  const history = await timed(runs, () => store.listEvents({ recordId: typical }, page, null));
  add("a resident's history, first page of 20", history.ms, `${count(Math.min(history.result.length, 20))} events`);
  const busy = await timed(runs, () => store.listEvents({ recordId: filled.busyResident }, page, null));
  add("a resident read 2,000 times: first page of 20", busy.ms, `${count(Math.min(busy.result.length, 20))} events`);
  const last = busy.result[19];
  if (last) {
    const after = { occurredAt: new Date(last.occurredAt).toISOString(), writerId: last.writerId, seq: Number(last.seq) };
    const second = await timed(runs, () => store.listEvents({ recordId: filled.busyResident }, { size: 20, after }, null));
    add('the same, a later page (keyset cursor)', second.ms, `${count(Math.min(second.result.length, 20))} events`);
  }
  const withheld = await timed(runs, () => views.withheldFor(filled.busyResident, now, null));
  add('the same: how many are withheld from the resident', withheld.ms, `${count(withheld.result)} withheld`);
  const report = await timed(runs, () => views.residentReport(filled.busyResident, { subject: 'resident-1', department: 'resident' }, now, page));
  add("the resident's own report, first page (withheld cases left out)", report.ms, `${count(Math.min(report.result.length, 20))} entries`);
  const exported = await timed(Math.min(runs, 3), () => views.recordEvents(filled.busyResident, new Date(0), now, 10_001));
  add("the events of a signed export of that resident's accesses", exported.ms, `${count(exported.result.length)} events`);

  const officer = await timed(Math.min(runs, 3), async () => {
    const [days30, hours, breakdown] = await Promise.all([
      views.officerDays(filled.officer.department, from, to, null),
      views.officerHours(filled.officer.subject, filled.officer.department, from, to, null),
      views.officerBreakdown(filled.officer.subject, filled.officer.department, from, to, null),
    ]);
    return { compared: officerAgainstDepartment(days30, filled.officer.subject, days), hours, breakdown };
  });
  add(`an officer's 30 days against the ${filled.officer.department} department`, officer.ms, `${officer.result.compared.departmentOfficers} other officers, ${count(officer.result.compared.departmentDistinctResidents.days)} officer-days`);
  return rows;
}

const META: RequestMeta = {
  requestId: 'bench',
  principal: { subject: 'bench-officer', department: 'police', roles: ['police'], scopes: ['person:read'], jurisdiction: { divisions: [], grids: [] } },
  purpose: 'population-management',
  caseId: null,
};

/** Events per second through 4 writers with 256 callers each awaiting their record, as resolvers do. */
async function appendRate(database: AuditDatabase, events: number): Promise<number> {
  const logger = createLogger('bench', 'silent');
  const writers = Array.from({ length: 4 }, (_, i) => new AuditWriter(database, { component: `bench-${i}`, logger }));
  let issued = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: 256 }, async (_, c) => {
      while (issued < events) {
        issued += 1;
        await at(writers, c % 4).record({ ...META, requestId: `r-${issued}` }, { type: 'Person', ids: [uuidOf(`p-${issued}`)], fields: ['id', 'name', 'idNumber'] });
      }
    }),
  );
  const ms = performance.now() - started;
  await Promise.all(writers.map((w) => w.close()));
  return issued / (ms / 1000);
}

/**
 * What keeping the hourly counts costs the writers: the same appends with the
 * trigger on and off, in turns, median of each. The counts are kept in the
 * batch's own statement, so this is all they cost a request.
 */
async function triggerCost(context: BenchContext, events: number, runs: number): Promise<string> {
  const target = postgresTarget(context, 'bench_audit_views_append');
  const database = await openAuditDatabase(target, { migrate: true });
  try {
    await appendRate(database, 2_000);
    const on: number[] = [];
    const off: number[] = [];
    for (let i = 0; i < runs; i += 1) {
      on.push(await appendRate(database, events));
      await database.db.execute(sql`ALTER TABLE audit_events DISABLE TRIGGER audit_events_count_hourly`);
      off.push(await appendRate(database, events));
      await database.db.execute(sql`ALTER TABLE audit_events ENABLE TRIGGER audit_events_count_hourly`);
    }
    const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
    return `Appending ${count(events)} events through 4 writers (256 callers awaiting their records), in turns, ${runs} runs each: **${count(median(on))} events/s** keeping the hourly counts, ${count(median(off))} without them (${((median(on) / median(off)) * 100).toFixed(0)} %).`;
  } finally {
    await database.close();
    await dropPostgresDatabase(target.url);
  }
}

export const auditViewsScenario: Scenario = {
  name: 'audit-views',
  title: 'Audit views: the overview and a resident\'s history with 1 M events',
  async run(context: BenchContext): Promise<string> {
    const total = context.quick ? 50_000 : 1_000_000;
    const target = postgresTarget(context, 'bench_audit_views');
    const database = await openAuditDatabase(target, { migrate: true });
    try {
      context.note(`filling the audit store with ${count(total)} events of 60 days...`);
      const filled = await fillAuditStore(database, total, 60, context.note);
      await database.db.execute(sql`ANALYZE`);
      const [counted] = rowsOf<{ rows: string; hours: string }>(await database.db.execute(sql`SELECT (SELECT count(*) FROM audit_events) AS rows, (SELECT count(*) FROM audit_hourly_counts) AS hours`));
      context.note('verifying the chains...');
      const report = await verifyAuditStore(database);
      context.note('measuring the views...');
      const rows = await measureViews(database, filled, context.quick ? 3 : 7);
      context.note('measuring what the hourly counts cost the writers...');
      const cost = await triggerCost(context, context.quick ? 10_000 : 50_000, context.quick ? 2 : 5);
      return [
        `A store of ${count(Number(counted?.rows ?? 0))} events over 60 days on PostgreSQL (loopback): calls through the gateway by 300 officers of five departments, each reading one resident of 50,000 (3 % a list of twenty) through one or two subgraphs, 1 % refused, 6 % of the police's under one of 200 case investigations. Written in the writers' chain format in batches of 5,000 in ${(filled.ms / 1000).toFixed(0)} s (${count(filled.events / (filled.ms / 1000))} events/s, the hourly counts kept by the store's trigger as they went in: ${count(Number(counted?.hours ?? 0))} rows); the chains verify ${report.ok ? 'intact' : 'BROKEN'}. Each figure is the median of several runs after one that warms caches, measured at the store as the audit subgraph queries it:`,
        '',
        '| view | ms | answered |',
        '|---|---:|---|',
        ...rows,
        '',
        cost,
      ].join('\n');
    } finally {
      await database.close();
      await dropPostgresDatabase(target.url);
    }
  },
};
