import { DOSSIER, LIST, startBenchHub, type BenchHub } from '../hub-load.js';
import { compare, loadTable, type Summary } from '../lib/load.js';
import { goal, plan, ratio, type BenchContext, type Scenario } from './scenario.js';

const CONNECTIONS = 16;

/**
 * What protection costs: the same hub twice, each a process of its own on
 * in-memory PGlite (bench/hub-process.ts). Protected: caller token, internal
 * token, field-level policy with masking, every access recorded in the audit
 * store. Unprotected: the same tokens, no policy, accesses to the log only.
 */
export const protectionScenario: Scenario = {
  name: 'protection',
  title: 'Protection cost: policy, masking and audit on vs off',
  async run(context: BenchContext): Promise<string> {
    const { note } = context;
    const hubs: BenchHub[] = [];
    try {
      note('starting a protected and an unprotected hub...');
      const [on, off] = await Promise.all([
        startBenchHub({ BENCH_POLICY: 'on', BENCH_AUDIT: 'on' }),
        startBenchHub({ BENCH_POLICY: 'off', BENCH_AUDIT: 'off' }),
      ]);
      hubs.push(on, off);
      const runPlan = plan(context);
      const rows: [string, Summary][] = [];
      const ratios: string[] = [];
      for (const [name, query] of [
        ['dossier', DOSSIER],
        ['100-resident list', LIST],
      ] as const) {
        note(`${name}, ${CONNECTIONS} connections...`);
        const contender = (hub: BenchHub) => ({
          url: hub.ready.gatewayUrl,
          connections: CONNECTIONS,
          headers: hub.headers,
          query,
          variables: () => ({ idNumber: hub.ready.idNumber }),
        });
        const results = await compare(
          [
            { label: `${name}, protected`, options: contender(on), cpuMs: async () => (await on.stats()).cpuMs },
            { label: `${name}, unprotected`, options: contender(off), cpuMs: async () => (await off.stats()).cpuMs },
          ],
          runPlan,
          note,
        );
        const protectedResult = results.get(`${name}, protected`)!;
        const bare = results.get(`${name}, unprotected`)!;
        rows.push([`${name}, protected`, protectedResult], [`${name}, unprotected`, bare]);
        const value = protectedResult.rps / bare.rps;
        ratios.push(goal(`${name}: protected / unprotected req/s`, value, '>= 0.85', value >= 0.85));
        const cpuRatio = bare.cpuMsPerRequest! / protectedResult.cpuMsPerRequest!;
        ratios.push(`  - CPU per request, unprotected / protected: ${cpuRatio.toFixed(2)} (what the throughput ratio tends to when the hub has a core to itself); p99 protected / unprotected: ${ratio(protectedResult.p99, bare.p99)}`);
      }
      return [
        `The resident dossier (register, residence, tenancies, employments, health: all four departments) and a 100-resident list, through the gateway as the joint police and health caller for public health. Protected: caller token, internal token, field-level policy with masking, every access recorded in the audit store (in-memory PGlite). Unprotected: the same tokens, no policy, accesses logged only. Each hub is a whole hub in one process on in-memory PGlite with 2,000 residents; ${CONNECTIONS} connections, ${runPlan.seconds} s per run, median of ${runPlan.runs} runs after ${runPlan.warmupSeconds} s of warm-up, the two hubs measured in turns.`,
        '',
        loadTable(rows),
        '',
        ...ratios,
      ].join('\n');
    } finally {
      await Promise.all(hubs.map((hub) => hub.stop()));
    }
  },
};
