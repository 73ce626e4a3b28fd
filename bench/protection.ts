import os from 'node:os';
import { DOSSIER, LIST, loadHub, median, startBenchHub } from './hub-load.js';

/**
 * What the field-level policy costs: the same hub with graphql-shield on and
 * off, each in its own process, loaded over loopback by autocannon from this
 * one. Both runs carry the same token and internal token; only the policy
 * differs. Prints requests/s and latency per query, and the ratio.
 *
 *   npx tsx bench/protection.ts [--seconds 10] [--connections 16] [--runs 3]
 */
const args = new Map<string, string>();
for (let i = 2; i < process.argv.length; i += 2) args.set(process.argv[i]!.replace(/^--/, ''), process.argv[i + 1] ?? '');
const seconds = Number(args.get('seconds') ?? 10);
const connections = Number(args.get('connections') ?? 16);
const runs = Number(args.get('runs') ?? 3);

const results: Record<string, Record<'on' | 'off', { rps: number[]; p50: number[]; p99: number[]; errors: number }>> = {};
for (let run = 0; run < runs; run += 1) {
  for (const policy of ['on', 'off'] as const) {
    // The audit store stays out of it: only the policy differs between the two hubs.
    const hub = await startBenchHub({ BENCH_POLICY: policy, BENCH_AUDIT: 'off' });
    try {
      for (const [name, query] of [['dossier', DOSSIER], ['100-resident list', LIST]] as const) {
        await loadHub(hub, query, { connections, duration: 2 }); // warm-up: JIT, query plans, caches
        const measured = await loadHub(hub, query, { connections, duration: seconds });
        const slot = ((results[name] ??= {} as never)[policy] ??= { rps: [], p50: [], p99: [], errors: 0 });
        slot.rps.push(measured.rps);
        slot.p50.push(measured.p50);
        slot.p99.push(measured.p99);
        slot.errors += measured.errors;
        process.stderr.write(`run ${run + 1} policy ${policy} ${name}: ${measured.rps.toFixed(0)} req/s p99 ${measured.p99} ms\n`);
      }
    } finally {
      hub.child.kill('SIGTERM');
    }
  }
}

process.stdout.write(`\n${os.cpus().length} cores, node ${process.version}; ${connections} connections, ${seconds} s per run, median of ${runs} runs\n\n`);
process.stdout.write('| query | policy | req/s | p50 ms | p99 ms | errors |\n|---|---|---|---|---|---|\n');
for (const [name, byPolicy] of Object.entries(results)) {
  for (const policy of ['on', 'off'] as const) {
    const r = byPolicy[policy];
    process.stdout.write(`| ${name} | ${policy} | ${median(r.rps).toFixed(0)} | ${median(r.p50)} | ${median(r.p99)} | ${r.errors} |\n`);
  }
}
process.stdout.write('\n');
for (const [name, byPolicy] of Object.entries(results)) {
  process.stdout.write(`${name}: protected / unprotected = ${(median(byPolicy.on.rps) / median(byPolicy.off.rps)).toFixed(2)}\n`);
}
process.exit(0);
