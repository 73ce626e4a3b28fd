import { measureExchange, type ExchangeRun } from '../exchange.js';
import { median } from '../lib/load.js';
import type { BenchContext, Scenario } from './scenario.js';

const count = (n: number) => Math.round(n).toLocaleString('en');

/**
 * Two cities, each a process of its own with its own PostgreSQL databases
 * (police with its outbox, exchange store, audit store), exchange outflow
 * notices: the sender relays them from its outbox, records each batch in its
 * audit trail, signs each notice (Ed25519) and delivers in batches, in order;
 * the receiver verifies every signature against its partner registry,
 * de-duplicates, records and stores, and answers with a signed receipt.
 */
export const exchangeScenario: Scenario = {
  name: 'exchange',
  title: 'Exchange: notices between two local hubs, signed and verified',
  async run(context: BenchContext): Promise<string> {
    const notices = context.quick ? 10_000 : 100_000;
    const runs = context.quick ? 1 : 3;
    const batch = 500;
    const base = new URL(context.postgresUrl);
    base.pathname = '/bench_exchange';
    const results: ExchangeRun[] = [];
    for (let i = 0; i < runs; i += 1) {
      context.note(`exchanging ${count(notices)} notices, run ${i + 1} of ${runs}...`);
      const run = await measureExchange({ notices, batch, postgresUrl: base.toString(), cpuProfileDir: context.cpuProfileDir });
      if (run.delivered !== notices || run.received !== notices) throw new Error(`delivered ${run.delivered} and received ${run.received} of ${notices} notices`);
      results.push(run);
    }
    const seconds = median(results.map((r) => r.exchangeMs)) / 1000;
    return [
      '| notices | batch | runs | time to exchange (median) | notices/s | per run (s) | outbox written (s) |',
      '|---:|---:|---:|---:|---:|---|---:|',
      `| ${count(notices)} | ${batch} | ${runs} | ${seconds.toFixed(1)} s | ${count(notices / seconds)} | ${results.map((r) => (r.exchangeMs / 1000).toFixed(1)).join(', ')} | ${(median(results.map((r) => r.outboxWrittenMs)) / 1000).toFixed(1)} |`,
      '',
      context.figure('exchange.seconds', seconds),
      '',
      'Every notice delivered was acknowledged by the receiver\'s signed receipt, and every one received was verified and stored once; both sides recorded each batch in their audit stores.',
    ].join('\n');
  },
};
