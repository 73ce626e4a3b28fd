import { at } from '../../platform/arrays.js';
import { CHENGDU } from '../../seed/plan.js';
import { ensureCity, sampleResidents } from '../city.js';
import { DOSSIER, startBenchHub } from '../hub-load.js';
import { load, loadTable, pacedLoad, summarise, type LoadResult } from '../lib/load.js';
import { plan, profileFlags, type BenchContext, type Scenario } from './scenario.js';

const CONNECTIONS = 16;
const QUICK_PERSONS = 20_000;
const SAMPLE = 10_000;
/** The mean pause of a paced client between an answer and its next request. */
const THINK_MS = 1_000;

const count = (n: number) => Math.round(n).toLocaleString('en');

/**
 * A city at Chengdu's scale on PostgreSQL: 4.36 M persons, 6.73 M houses,
 * 0.915 M rentals, 38,700 employers, one database per department, seeded by
 * `npm run db:seed` once and reused (--reseed seeds again). Then the dossier
 * of residents drawn at random across the register, through the fully
 * protected hub, and the SQL statements each dossier costs.
 */
export const cityScenario: Scenario = {
  name: 'city',
  title: "Chengdu scale: the dossier on PostgreSQL with the whole city's register",
  async run(context: BenchContext): Promise<string> {
    const { note } = context;
    const persons = context.quick ? QUICK_PERSONS : CHENGDU.persons;
    const base = new URL(context.postgresUrl);
    base.pathname = context.quick ? '/bench_city_quick' : '/bench_chengdu';
    note(`city of ${count(persons)} persons under ${base.toString()}...`);
    let lastProgress = 0;
    const city = await ensureCity(base.toString(), persons, {
      reseed: context.reseed,
      progress: (line) => {
        if (Date.now() - lastProgress < 10_000 && !line.startsWith('Seeded')) return;
        lastProgress = Date.now();
        note(`  ${line.trim()}`);
      },
    });
    const { record } = city;
    const residents = await sampleResidents(city.baseUrl, SAMPLE);
    if (residents.length === 0) throw new Error(`the city under ${base.toString()} has no residents to draw from`);
    const hub = await startBenchHub({ policy: true, audit: true, databaseUrl: city.baseUrl }, profileFlags(context));
    try {
      const runPlan = plan(context);
      const options = {
        url: hub.ready.gatewayUrl,
        connections: CONNECTIONS,
        headers: hub.headers,
        query: DOSSIER,
        variables: () => ({ idNumber: at(residents, Math.floor(Math.random() * residents.length)) }),
      };
      note(`dossiers of ${count(residents.length)} random residents, ${CONNECTIONS} connections...`);
      await load({ ...options, seconds: runPlan.warmupSeconds });
      const before = (await hub.stats()).statements;
      const results: LoadResult[] = [];
      for (let run = 0; run < runPlan.runs; run += 1) {
        const result = await load({ ...options, seconds: runPlan.seconds });
        results.push(result);
        note(`  run ${run + 1}/${runPlan.runs}: ${result.rps.toFixed(0)} req/s, p99 ${result.p99.toFixed(1)} ms, ${result.errors} errors`);
      }
      const statements = (await hub.stats()).statements - before;
      const summary = summarise(results);
      // The same clients as people use them: each asking for another dossier about a second after the last.
      const paced: LoadResult[] = [];
      for (let run = 0; run < runPlan.runs; run += 1) {
        const result = await pacedLoad({ ...options, seconds: runPlan.seconds, thinkMs: THINK_MS });
        paced.push(result);
        note(`  paced run ${run + 1}/${runPlan.runs}: ${result.rps.toFixed(0)} req/s, p99 ${result.p99.toFixed(1)} ms, ${result.errors} errors`);
      }
      const pacedSummary = summarise(paced);
      const tables = record.tables.map((t) => `| ${t.table} | ${count(t.rows)} | ${t.seconds.toFixed(1)} |`);
      return [
        `${context.quick ? `A small city (quick profile: ${count(persons)} persons)` : "Chengdu's register"} in PostgreSQL, one database per department under \`${base.pathname.slice(1)}_*\`. ${
          city.reused ? `Seeded by an earlier run on ${record.at.slice(0, 16).replace('T', ' ')} UTC and reused (\`--reseed\` seeds again)` : 'Seeded by this run'
        }: **${count(record.rows)} rows in ${record.seconds.toFixed(0)} s** (${count(record.rows / record.seconds)} rows/s) by \`npm run db:seed\`, departments loading side by side.`,
        '',
        '| table | rows | seconds |',
        '|---|---:|---:|',
        ...tables,
        '',
        `The dossier (register, residence, tenancies, employments, health profile and vaccinations) of a resident drawn at random for every request from ${count(residents.length)} sampled across the register, through the fully protected hub (token, internal token, policy, masking, audit store on PostgreSQL); the gateway and subgraphs in one process, ${CONNECTIONS} connections, ${runPlan.seconds} s per run, median of ${runPlan.runs} runs after ${runPlan.warmupSeconds} s of warm-up.`,
        '',
        loadTable([
          [`dossier, ${count(persons)} persons, ${CONNECTIONS} clients flat out`, summary],
          [`dossier, ${count(persons)} persons, ${CONNECTIONS} clients pausing ~${THINK_MS / 1000} s between requests`, pacedSummary],
        ]),
        '',
        ...(context.quick ? [] : [context.figure('city.seed-seconds', record.seconds)]),
        context.figure('city.paced-p99-ms', pacedSummary.p99),
        context.figure('city.flat-out-rps', summary.rps),
        context.figure('city.flat-out-p99-ms', summary.p99),
        `  - flat out, each client sends its next request the moment its last is answered, so latency is about ${CONNECTIONS} / throughput: the queue in front of one hub process, not the database.`,
        `- SQL statements per dossier: **${(statements / summary.requests).toFixed(2)}** (${count(statements)} statements for ${count(summary.requests)} requests, counted by the department databases; audit writes not included)`,
      ].join('\n');
    } finally {
      await hub.stop();
    }
  },
};
