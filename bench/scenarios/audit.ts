import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { openAuditDatabase, type AuditDatabase } from '../../audit/database.js';
import { verifyAuditStore } from '../../audit/verify.js';
import { AuditWriter } from '../../audit/writer.js';
import type { RequestMeta } from '../../auth/principal.js';
import { at } from '../../platform/arrays.js';
import { dropPostgresDatabase, type DatabaseTarget } from '../../platform/db.js';
import { createLogger } from '../../platform/logger.js';
import type { BenchContext, Scenario } from './scenario.js';

const logger = createLogger('bench', 'silent');
const count = (n: number) => Math.round(n).toLocaleString('en');

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
      const writer = at(pool, c % writers);
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

const rate = (r: AppendResult) => r.events / (r.ms / 1000);

function postgresTarget(context: BenchContext, name: string): Extract<DatabaseTarget, { kind: 'postgres' }> {
  const url = new URL(context.postgresUrl);
  url.pathname = `/${name}_${process.pid}`;
  return { kind: 'postgres', url: url.toString(), poolSize: 10 };
}

async function appendPart(context: BenchContext, events: number): Promise<string> {
  const lines = [
    '| store | callers | writers | events | events/s | mean batch | mean wait per record |',
    '|---|---:|---:|---:|---:|---:|---:|',
  ];
  const dir = mkdtempSync(path.join(os.tmpdir(), 'bench-audit-'));
  const stores: [string, DatabaseTarget][] = [
    ['PGlite, in memory', { kind: 'pglite' }],
    ['PGlite, on disk', { kind: 'pglite', dir }],
    ['PostgreSQL, loopback', postgresTarget(context, 'bench_audit_append')],
  ];
  try {
    for (const [label, target] of stores) {
      context.note(`appending to ${label}...`);
      const database = await openAuditDatabase(target, { migrate: true });
      try {
        await append(database, 2_000, 64, 1); // warm-up: JIT, partitions, plans
        for (const [concurrency, writers, n] of [
          [1, 1, Math.min(events, 5_000)],
          [64, 1, events],
          [256, 4, events],
        ] as const) {
          const result = await append(database, n, concurrency, writers);
          const wait = (result.ms / (result.events / concurrency)).toFixed(2);
          lines.push(`| ${label} | ${concurrency} | ${writers} | ${count(result.events)} | ${count(rate(result))} | ${(result.events / result.batches).toFixed(1)} | ${wait} ms |`);
        }
      } finally {
        await database.close();
        if (target.kind === 'postgres') await dropPostgresDatabase(target.url);
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return lines.join('\n');
}

async function verifyPart(context: BenchContext, events: number): Promise<string> {
  const target = postgresTarget(context, 'bench_audit_verify');
  const database = await openAuditDatabase(target, { migrate: true });
  try {
    context.note(`writing ${count(events)} events through 4 writers...`);
    const written = await append(database, events, 2_000, 4);
    const size = await database.db.execute(sql`SELECT pg_size_pretty(pg_total_relation_size('audit_events_' || to_char(now() AT TIME ZONE 'UTC', 'YYYY_MM'))) AS size`);
    const tableSize = ((size as { rows?: { size: string }[] }).rows ?? [])[0]?.size ?? '?';
    context.note('verifying...');
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
    return [
      `- written through the writers: ${count(written.events)} events in ${(written.ms / 1000).toFixed(1)} s (${count(rate(written))} events/s, mean batch ${(written.events / written.batches).toFixed(0)}); this month's partition with its indexes: ${tableSize}`,
      `- verified: ${report.ok ? 'intact' : 'BROKEN'}, **${count(report.events)} events in ${(report.ms / 1000).toFixed(1)} s** (${count(report.events / (report.ms / 1000))} events/s) across ${report.chains} chains`,
      context.figure('audit.verify-seconds', report.ms / 1000),
      `- memory while verifying: peak RSS ${(peakRss / 2 ** 20).toFixed(0)} MB (${((peakRss - baseline.rss) / 2 ** 20).toFixed(0)} MB above the start), peak heap ${(peakHeap / 2 ** 20).toFixed(0)} MB`,
    ].join('\n');
  } finally {
    await database.close();
    await dropPostgresDatabase(target.url);
  }
}

/**
 * The audit trail's own costs: appending through AuditWriter (hash chain,
 * group commit) on the three stores the hub runs on, and verifying a million
 * events on PostgreSQL end to end.
 */
export const auditScenario: Scenario = {
  name: 'audit',
  title: 'Audit trail: append throughput and verifying 1 M events',
  async run(context: BenchContext): Promise<string> {
    const appendEvents = context.quick ? 5_000 : 100_000;
    const verifyEvents = context.quick ? 50_000 : 1_000_000;
    const appendTable = await appendPart(context, appendEvents);
    const verify = await verifyPart(context, verifyEvents);
    return [
      'Appending: callers each await their record before making the next, as resolvers do; a writer commits a batch at 500 events or after 2 ms, each event sealed into its writer\'s hash chain. Each store in this process.',
      '',
      appendTable,
      '',
      `Verifying ${count(verifyEvents)} events on PostgreSQL (loopback), every chain recomputed from its first event:`,
      '',
      verify,
    ].join('\n');
  },
};
