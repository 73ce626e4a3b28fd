import { fork, type ChildProcess } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import os from 'node:os';
import { MESSAGE_FIELDS } from '../exchange/messages.js';
import { derivedDatabaseUrl, dropPostgresDatabase } from '../platform/db.js';
import { fromRoot } from '../platform/paths.js';

/**
 * Exchange throughput: two cities, each in its own process with its own
 * databases (in-memory PGlite, or PostgreSQL databases derived from
 * BENCH_DATABASE_URL), exchange N outflow notices. The sender's relay moves
 * them from its police outbox into its queue, its worker signs each one
 * (Ed25519), records every batch in its audit store and delivers in batches;
 * the receiver verifies every signature against its partner registry,
 * de-duplicates, records in its own audit store and stores. The clock runs
 * from the first relay to the last acknowledged batch.
 *
 *   npx tsx bench/exchange.ts [--notices 100000] [--batch 200]
 */
const args = new Map<string, string>();
for (let i = 2; i < process.argv.length; i += 2) args.set(process.argv[i]!.replace(/^--/, ''), process.argv[i + 1] ?? '');
const notices = Number(args.get('notices') ?? 100_000);
const batch = args.get('batch') ?? '200';

interface City {
  child: ChildProcess;
  ask<T>(message: object): Promise<T>;
  ready: { inboxUrl: string; publicKey: object };
}

async function city(code: string): Promise<City> {
  const key = generateKeyPairSync('ed25519').privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
  const child = fork(fromRoot('bench', 'exchange-city.ts'), [], {
    execArgv: ['--import', 'tsx', ...(process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : [])],
    env: { ...process.env, CITY_CODE: code, CITY_KEY_PEM: key, BATCH: batch },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const queue: ((reply: any) => void)[] = [];
  const ready = await new Promise<City['ready']>((resolve, reject) => {
    child.once('exit', (c) => reject(new Error(`city ${code} exited (${c})`)));
    child.once('message', (m) => resolve(m as City['ready']));
  });
  child.on('message', (reply) => queue.shift()?.(reply));
  return {
    child,
    ready,
    ask: <T>(message: object) =>
      new Promise<T>((resolve, reject) => {
        queue.push((reply) => ((reply as { error?: string }).error ? reject(new Error((reply as { error: string }).error)) : resolve(reply as T)));
        child.send(message);
      }),
  };
}

// Each run starts from empty databases.
const base = process.env.BENCH_DATABASE_URL;
if (base) {
  for (const code of ['510100', '330100']) {
    for (const name of ['police', 'exchange', 'audit']) await dropPostgresDatabase(derivedDatabaseUrl(base, `${code}_${name}`));
  }
}
const [chengdu, hangzhou] = await Promise.all([city('510100'), city('330100')]);
try {
  const fields = [...MESSAGE_FIELDS.OUTFLOW_NOTICE];
  await chengdu.ask({ cmd: 'partner', code: '330100', inboxUrl: hangzhou.ready.inboxUrl, publicKey: hangzhou.ready.publicKey, fields });
  await hangzhou.ask({ cmd: 'partner', code: '510100', inboxUrl: chengdu.ready.inboxUrl, publicKey: chengdu.ready.publicKey, fields });
  const prepared = await chengdu.ask<{ ms: number }>({ cmd: 'outbox', count: notices, partner: '330100' });
  const sent = await chengdu.ask<{ ms: number; rounds: number; delivered: number }>({ cmd: 'deliver' });
  const received = await hangzhou.ask<{ received: number; auditEvents: number }>({ cmd: 'count' });
  const result = {
    machine: `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, node ${process.version}`,
    databases: process.env.BENCH_DATABASE_URL ? 'PostgreSQL' : 'PGlite (in memory)',
    notices,
    batch: Number(batch),
    outboxWrittenMs: Math.round(prepared.ms),
    exchangeMs: Math.round(sent.ms),
    noticesPerSecond: Math.round((sent.delivered / sent.ms) * 1000),
    delivered: sent.delivered,
    received: received.received,
    receiverAuditEvents: received.auditEvents,
  };
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  if (result.delivered !== notices || result.received !== notices) process.exitCode = 1;
} finally {
  await Promise.allSettled([chengdu.ask({ cmd: 'stop' }), hangzhou.ask({ cmd: 'stop' })]);
}
