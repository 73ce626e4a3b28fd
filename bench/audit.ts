import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { openAuditDatabase, type AuditDatabase } from '../audit/database.js';
import { verifyAuditStore } from '../audit/verify.js';
import { AuditWriter } from '../audit/writer.js';
import type { RequestMeta } from '../auth/principal.js';
import { dropPostgresDatabase, type DatabaseTarget } from '../platform/db.js';
import { createLogger } from '../platform/logger.js';
import { DOSSIER, loadHub, median, startBenchHub } from './hub-load.js';

/**
 * What the audit trail costs, measured:
 *
 *  append   events/s through AuditWriter (hash chain, group commit) on
 *           in-memory PGlite, PGlite on disk, and PostgreSQL;
 *  verify   the time to verify 1,000,000 events on PostgreSQL, written
 *           through the writer, and the memory the verifier holds meanwhile;
 *  dossier  the resident dossier through the gateway with every access
 *           recorded in the audit store, against the same hub recording to
 *           the log only (as bench/protection.ts measures the policy).
 *
 *   npx tsx bench/audit.ts [--part append|verify|dossier|all] [--events 100000] [--verify-events 1000000]
 *                          [--seconds 10] [--runs 3] [--connections 16]
 *
 * PostgreSQL is BENCH_POSTGRES_URL's server (default postgres://postgres@127.0.0.1:5432);
 * each run uses a database of its own and drops it afterwards.
 */
const args = new Map<string, string>();
for (let i = 2; i < process.argv.length; i += 2) args.set(process.argv[i]!.replace(/^--/, ''), process.argv[i + 1] ?? '');
const part = args.get('part') ?? 'all';
const appendEvents = Number(args.get('events') ?? 100_000);
const verifyEvents = Number(args.get('verify-events') ?? 1_000_000);
const seconds = Number(args.get('seconds') ?? 10);
const runs = Number(args.get('runs') ?? 3);
const connections = Number(args.get('connections') ?? 16);
const postgresBase = process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const logger = createLogger('bench', 'silent');
const say = (line: string) => process.stdout.write(`${line}\n`);
const note = (line: string) => process.stderr.write(`${line}\n`);

const postgresTarget = (name: string): Extract<DatabaseTarget, { kind: 'postgres' }> => {
  const url = new URL(postgresBase);
  url.pathname = `/${name}_${process.pid}`;
  return { kind: 'postgres', url: url.toString(), poolSize: 10 };
};

/** A typical access: one resident, the fields of a dossier's register part. */
const META: RequestMeta = {
  requestId: 'bench',
  principal: { subject: 'bench-officer', department: 'police', roles: ['police'], scopes: ['person:read'], jurisdiction: { divisions: [], grids: [] } },
  purpose: 'case-investigation',
  caseId: 'BENCH-1',
};
const FIELDS = ['id', 'name', 'idNumber', 'sex', 'birthDate', 'phone', 'status'];

interface AppendResult {
  events: number;
  ms: number;
  batches: number;
}

/** `concurrency` callers, each awaiting its record before making the next, as resolvers do. */
async function append(database: AuditDatabase, events: number, concurrency: number, writers: number): Promise<AppendResult> {
  const pool = Array.from({ length: writers }, (_, i) => new AuditWriter(database, { component: `bench-${i}`, logger }));
  let issued = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async (_, c) => {
      const writer = pool[c % writers]!;
      while (issued < events) {
        issued += 1;
        await writer.record({ ...META, requestId: `bench-${issued}` }, { type: 'Person', ids: [randomUUID()], fields: FIELDS });
      }
    }),
  );
  const ms = performance.now() - started;
  await Promise.all(pool.map((w) => w.close()));
  return { events: issued, ms, batches: pool.reduce((sum, w) => sum + w.stats.batches, 0) };
}

const rate = (r: AppendResult) => Math.round(r.events / (r.ms / 1000));

async function appendPart(): Promise<void> {
  say('## Append throughput through AuditWriter (hash chain, group commit: 500 events or 2 ms)\n');
  say('| store | callers | writers | events | events/s | mean batch | mean wait per record |');
  say('|---|---|---|---|---|---|---|');
  const dir = mkdtempSync(path.join(os.tmpdir(), 'bench-audit-'));
  const stores: [string, DatabaseTarget][] = [
    ['PGlite, in memory', { kind: 'pglite' }],
    ['PGlite, on disk', { kind: 'pglite', dir }],
    ['PostgreSQL 127.0.0.1', postgresTarget('bench_audit_append')],
  ];
  try {
    for (const [label, target] of stores) {
      const database = await openAuditDatabase(target, { migrate: true });
      try {
        await append(database, 2_000, 64, 1); // warm-up: JIT, partitions, plans
        for (const [concurrency, writers, events] of [
          [1, 1, Math.min(appendEvents, 5_000)],
          [64, 1, appendEvents],
          [256, 4, appendEvents],
        ] as const) {
          const result = await append(database, events, concurrency, writers);
          const wait = (result.ms / (result.events / concurrency)).toFixed(2);
          say(`| ${label} | ${concurrency} | ${writers} | ${result.events.toLocaleString('en')} | ${rate(result).toLocaleString('en')} | ${(result.events / result.batches).toFixed(1)} | ${wait} ms |`);
        }
      } finally {
        await database.close();
        if (target.kind === 'postgres') await dropPostgresDatabase(target.url);
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  say('');
}

async function verifyPart(): Promise<void> {
  const target = postgresTarget('bench_audit_verify');
  const database = await openAuditDatabase(target, { migrate: true });
  try {
    note(`writing ${verifyEvents.toLocaleString('en')} events through 4 writers...`);
    const written = await append(database, verifyEvents, 2_000, 4);
    const size = await database.db.execute(sql`SELECT pg_size_pretty(pg_total_relation_size('audit_events_' || to_char(now() AT TIME ZONE 'UTC', 'YYYY_MM'))) AS size`);
    const tableSize = ((size as { rows?: { size: string }[] }).rows ?? [])[0]?.size ?? '?';
    const baseline = process.memoryUsage();
    let peakRss = baseline.rss;
    let peakHeap = baseline.heapUsed;
    const sampler = setInterval(() => {
      const now = process.memoryUsage();
      peakRss = Math.max(peakRss, now.rss);
      peakHeap = Math.max(peakHeap, now.heapUsed);
    }, 50);
    const report = await verifyAuditStore(database);
    clearInterval(sampler);
    say('## Verifying 1,000,000 events on PostgreSQL\n');
    say(`written through the writer: ${written.events.toLocaleString('en')} events in ${(written.ms / 1000).toFixed(1)} s (${rate(written).toLocaleString('en')} events/s, mean batch ${(written.events / written.batches).toFixed(0)}); this month's partition with its indexes: ${tableSize}`);
    say(`verified: ${report.ok ? 'intact' : 'BROKEN'}, ${report.events.toLocaleString('en')} events in ${report.chains} chains in ${(report.ms / 1000).toFixed(1)} s (${Math.round(report.events / (report.ms / 1000)).toLocaleString('en')} events/s)`);
    say(`memory while verifying: peak RSS ${(peakRss / 2 ** 20).toFixed(0)} MB (${((peakRss - baseline.rss) / 2 ** 20).toFixed(0)} MB above the start), peak heap ${(peakHeap / 2 ** 20).toFixed(0)} MB\n`);
  } finally {
    await database.close();
    await dropPostgresDatabase(target.url);
  }
}

async function dossierPart(): Promise<void> {
  const results: Record<'on' | 'off', { rps: number[]; p50: number[]; p99: number[]; errors: number }> = {
    on: { rps: [], p50: [], p99: [], errors: 0 },
    off: { rps: [], p50: [], p99: [], errors: 0 },
  };
  for (let run = 0; run < runs; run += 1) {
    for (const audit of ['on', 'off'] as const) {
      const hub = await startBenchHub({ BENCH_POLICY: 'on', BENCH_AUDIT: audit });
      try {
        await loadHub(hub, DOSSIER, { connections, duration: 2 });
        const measured = await loadHub(hub, DOSSIER, { connections, duration: seconds });
        results[audit].rps.push(measured.rps);
        results[audit].p50.push(measured.p50);
        results[audit].p99.push(measured.p99);
        results[audit].errors += measured.errors;
        note(`run ${run + 1} audit ${audit}: ${measured.rps.toFixed(0)} req/s p99 ${measured.p99} ms`);
      } finally {
        hub.child.kill('SIGTERM');
      }
    }
  }
  say(`## The dossier with and without the audit store (${connections} connections, ${seconds} s per run, median of ${runs})\n`);
  say('| recorder | req/s | p50 ms | p99 ms | errors |\n|---|---|---|---|---|');
  for (const audit of ['on', 'off'] as const) {
    const r = results[audit];
    say(`| ${audit === 'on' ? 'audit store (in-memory PGlite)' : 'log only'} | ${median(r.rps).toFixed(0)} | ${median(r.p50)} | ${median(r.p99)} | ${r.errors} |`);
  }
  say(`\ndossier: audited / log only = ${(median(results.on.rps) / median(results.off.rps)).toFixed(2)}\n`);
}

say(`${os.cpus().length} cores, node ${process.version}\n`);
if (part === 'append' || part === 'all') await appendPart();
if (part === 'verify' || part === 'all') await verifyPart();
if (part === 'dossier' || part === 'all') await dossierPart();
process.exit(0);
