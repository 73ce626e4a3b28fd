import { dropPostgresDatabase } from '../../platform/db.js';
import { CHECKUP, DOSSIER, LIST, startBenchHub, type BenchHub } from '../hub-load.js';
import { today } from '../../platform/input.js';
import { compare, loadTable, pairedRatio, summaryOf, type Summary } from '../lib/load.js';
import { goal, plan, profileFlags, ratio, type BenchContext, type Scenario } from './scenario.js';

const CONNECTIONS = 16;

/**
 * What protection costs: the same hub, each a process of its own on
 * in-memory PGlite (bench/hub-process.ts). Protected: caller token, internal
 * token, field-level policy with masking, every access recorded in the audit
 * store (in-memory PGlite in the hub's own process, and, as deployed, on a
 * PostgreSQL server). Unprotected: the same tokens, no policy, accesses to the
 * log only.
 */
export const protectionScenario: Scenario = {
  name: 'protection',
  title: 'Protection cost: policy, masking and audit on vs off',
  async run(context: BenchContext): Promise<string> {
    const { note } = context;
    const hubs: BenchHub[] = [];
    const auditUrl = new URL(context.postgresUrl);
    auditUrl.pathname = '/bench_protection_audit';
    try {
      note('starting two protected hubs and an unprotected one...');
      const [on, onPostgres, off] = await Promise.all([
        startBenchHub({ policy: true, audit: true }, profileFlags(context)),
        startBenchHub({ policy: true, audit: true, auditDatabaseUrl: auditUrl.toString() }, profileFlags(context)),
        startBenchHub({ policy: false, audit: false }, profileFlags(context)),
      ]);
      hubs.push(on, onPostgres, off);
      const runPlan = plan(context);
      const rows: [string, Summary][] = [];
      const ratios: string[] = [];
      const checkedOn = today();
      for (const [name, query] of [
        ['dossier', DOSSIER],
        ['100-resident list', LIST],
        ['check-up write', CHECKUP],
      ] as const) {
        note(`${name}, ${CONNECTIONS} connections...`);
        const contender = (hub: BenchHub) => ({
          url: hub.ready.gatewayUrl,
          connections: CONNECTIONS,
          headers: hub.headers,
          query,
          variables: () => (query === CHECKUP ? { personId: hub.ready.personId, checkedOn } : { idNumber: hub.ready.idNumber }),
        });
        const labels = { on: `${name}, protected`, onPostgres: `${name}, protected, audit store on PostgreSQL`, off: `${name}, unprotected` };
        const results = await compare(
          [
            { label: labels.on, options: contender(on), cpuMs: async () => (await on.stats()).cpuMs },
            { label: labels.onPostgres, options: contender(onPostgres), cpuMs: async () => (await onPostgres.stats()).cpuMs },
            { label: labels.off, options: contender(off), cpuMs: async () => (await off.stats()).cpuMs },
          ],
          runPlan,
          note,
        );
        const bare = summaryOf(results, labels.off);
        for (const label of [labels.on, labels.onPostgres]) {
          const protectedResult = summaryOf(results, label);
          rows.push([label, protectedResult]);
          const value = pairedRatio(protectedResult, bare);
          ratios.push(goal(`${label} / unprotected req/s, median of the runs taken side by side`, value, '>= 0.90', value >= 0.9));
          if (label === labels.on) {
            const { cpuMsPerRequest: bareCpu } = bare;
            const { cpuMsPerRequest: protectedCpu } = protectedResult;
            const cpuRatio = bareCpu === undefined || protectedCpu === undefined ? '-' : ratio(bareCpu, protectedCpu);
            ratios.push(`  - CPU per request, unprotected / protected: ${cpuRatio} (what the throughput ratio tends to when the hub has a core to itself); p99 protected / unprotected: ${ratio(protectedResult.p99, bare.p99)}`);
          }
        }
        rows.push([labels.off, bare]);
      }
      return [
        `The resident dossier (register, residence, tenancies, employments, health: all four departments), a 100-resident list, and a check-up write (health asks the police through the gateway whether the person exists and was born by then, then stores the record), through the gateway as the joint police and health caller for public health. Protected: caller token, internal token, field-level policy with masking, every access recorded in the audit store — in-memory PGlite in the hub's own process, or a PostgreSQL server on loopback as deployed (its CPU is not in the hub's CPU column). Unprotected: the same tokens, no policy, accesses logged only. Each hub is a whole hub in one process on in-memory PGlite with 2,000 residents; ${CONNECTIONS} connections, ${runPlan.seconds} s per run, median of ${runPlan.runs} runs after ${runPlan.warmupSeconds} s of warm-up, the hubs measured in turns.`,
        '',
        loadTable(rows),
        '',
        ...ratios,
      ].join('\n');
    } finally {
      await Promise.all(hubs.map((hub) => hub.stop()));
      await dropPostgresDatabase(auditUrl.toString()).catch(() => undefined);
    }
  },
};
