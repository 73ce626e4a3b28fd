import { fork, type ChildProcess } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import os from 'node:os';
import { parseArgs } from 'node:util';
import { MESSAGE_FIELDS } from '../exchange/messages.js';
import { derivedDatabaseUrl, dropPostgresDatabase } from '../platform/db.js';
import { fromRoot } from '../platform/paths.js';
import type { CitySettings } from './exchange-city.js';
import { isEntryPoint } from '../platform/entry.js';

/**
 * Exchange throughput: two cities, each in its own process with its own
 * databases (in-memory PGlite, or PostgreSQL databases derived from
 * --postgres), exchange N outflow notices. The sender's relay moves
 * them from its police outbox into its queue, its worker signs each one
 * (Ed25519), records every batch in its audit store and delivers in batches;
 * the receiver verifies every signature against its partner registry,
 * de-duplicates, records in its own audit store and stores. The clock runs
 * from the first relay to the last acknowledged batch.
 *
 *   npx tsx bench/exchange.ts [--notices 100000] [--batch 500] [--postgres postgres://postgres@127.0.0.1:5432/bench] [--cpu-prof <dir>]
 */
interface City {
  child: ChildProcess;
  ask<T>(message: object): Promise<T>;
  ready: { inboxUrl: string; publicKey: object };
}

async function city(code: string, batch: number, cpuProfileDir: string | undefined): Promise<City> {
  const key = generateKeyPairSync('ed25519').privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
  const child = fork(fromRoot('bench', 'exchange-city.ts'), [], {
    execArgv: ['--import', 'tsx', ...(cpuProfileDir ? ['--cpu-prof', `--cpu-prof-dir=${cpuProfileDir}`] : [])],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const queue: ((reply: unknown) => void)[] = [];
  const ready = new Promise<City['ready']>((resolve, reject) => {
    child.once('exit', (c) => reject(new Error(`city ${code} exited (${c})`)));
    child.once('message', (m) => resolve(m as City['ready']));
  });
  // Over IPC, not the environment or the command line: the signing key is nobody else's to read.
  const settings: CitySettings = { code, keyPem: key, batch, ...(postgresUrl ? { databaseUrl: postgresUrl } : {}) };
  child.send(settings);
  await ready;
  child.on('message', (reply) => queue.shift()?.(reply));
  return {
    child,
    ready: await ready,
    ask: <T>(message: object) =>
      new Promise<T>((resolve, reject) => {
        queue.push((reply) => ((reply as { error?: string }).error ? reject(new Error((reply as { error: string }).error)) : resolve(reply as T)));
        child.send(message);
      }),
  };
}

export interface ExchangeRun {
  notices: number;
  batch: number;
  /** Writing the notices into the sender's police outbox, as registrations would. */
  outboxWrittenMs: number;
  /** From the first relay to the last acknowledged delivery. */
  exchangeMs: number;
  noticesPerSecond: number;
  delivered: number;
  received: number;
}

let postgresUrl: string | undefined;

/** One exchange of `notices` outflow notices between two city processes; PostgreSQL when a server URL is given, in-memory PGlite otherwise. */
export async function measureExchange(options: { notices: number; batch: number; postgresUrl?: string | undefined; cpuProfileDir?: string | undefined }): Promise<ExchangeRun> {
  postgresUrl = options.postgresUrl;
  const { notices, batch } = options;
  // Each run starts from empty databases.
  if (postgresUrl) {
    for (const code of ['510100', '330100']) {
      for (const name of ['police', 'exchange', 'audit']) await dropPostgresDatabase(derivedDatabaseUrl(postgresUrl, `${code}_${name}`));
    }
  }
  const [chengdu, hangzhou] = await Promise.all([city('510100', batch, options.cpuProfileDir), city('330100', batch, options.cpuProfileDir)]);
  try {
    const fields = [...MESSAGE_FIELDS.OUTFLOW_NOTICE];
    await chengdu.ask({ cmd: 'partner', code: '330100', inboxUrl: hangzhou.ready.inboxUrl, publicKey: hangzhou.ready.publicKey, fields });
    await hangzhou.ask({ cmd: 'partner', code: '510100', inboxUrl: chengdu.ready.inboxUrl, publicKey: chengdu.ready.publicKey, fields });
    const prepared = await chengdu.ask<{ ms: number }>({ cmd: 'outbox', count: notices, partner: '330100' });
    const sent = await chengdu.ask<{ ms: number; delivered: number }>({ cmd: 'deliver' });
    const received = await hangzhou.ask<{ received: number }>({ cmd: 'count' });
    return {
      notices,
      batch,
      outboxWrittenMs: Math.round(prepared.ms),
      exchangeMs: Math.round(sent.ms),
      noticesPerSecond: Math.round((sent.delivered / sent.ms) * 1000),
      delivered: sent.delivered,
      received: received.received,
    };
  } finally {
    await Promise.allSettled([chengdu.ask({ cmd: 'stop' }), hangzhou.ask({ cmd: 'stop' })]);
    if (postgresUrl) {
      for (const code of ['510100', '330100']) {
        for (const name of ['police', 'exchange', 'audit']) await dropPostgresDatabase(derivedDatabaseUrl(postgresUrl, `${code}_${name}`)).catch(() => undefined);
      }
    }
  }
}

if (isEntryPoint(import.meta.url)) {
  const { values } = parseArgs({
    options: {
      notices: { type: 'string', default: '100000' },
      batch: { type: 'string', default: '500' },
      postgres: { type: 'string' },
      'cpu-prof': { type: 'string' },
    },
  });
  const run = await measureExchange({ notices: Number(values.notices), batch: Number(values.batch), postgresUrl: values.postgres, cpuProfileDir: values['cpu-prof'] });
  process.stdout.write(`${JSON.stringify({ machine: `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, node ${process.version}`, databases: values.postgres ? 'PostgreSQL' : 'PGlite (in memory)', ...run }, null, 2)}\n`);
  if (run.delivered !== run.notices || run.received !== run.notices) process.exitCode = 1;
}
