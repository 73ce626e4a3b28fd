import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import type net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { DEV_ISSUER, HUB_AUDIENCE, signCallerToken } from '../../auth/caller.js';
import { ensureDevKeys } from '../../auth/dev-keys.js';
import { readSigningKey } from '../../auth/keys.js';
import { DEFAULT_SCOPES } from '../../auth/roles.js';
import { DIVISIONS } from '../../domain/index.js';
import { InProcessTransport } from '../../events/transport.js';
import type { DomainEvent } from '../../events/types.js';
import { startRuleEngine } from '../../hub/rule-engines.js';
import { PORT_VARIABLES } from '../../hub/hub.js';
import { today } from '../../platform/input.js';
import { createLogger } from '../../platform/logger.js';
import { fromRoot } from '../../platform/paths.js';
import { seedCity } from '../../seed/index.js';
import { openSubgraphDatabase } from '../../subgraphs/databases.js';
import { DEPARTMENTS, type Department, type DepartmentDatabases } from '../../subgraphs/registry.js';
import { keyPersonFlags, persons } from '../../subgraphs/police/db/schema.js';
import { freePort } from '../lib/process.js';
import type { BenchContext, Scenario } from './scenario.js';

/**
 * Early warnings, measured as their users meet them. Latency: `npm start` as
 * a child process (in memory, then with its events over the NATS server on
 * 127.0.0.1:4222), the police register a residence for a key person through
 * the gateway, and the clock runs from the write's answer (its commit is
 * before it) to the alert being readable by the police of the place through
 * the gateway, and to a department webhook on loopback receiving it.
 * Throughput: the police's rule engine alone, handed events for a city in
 * which 1,000 persons carry key-person flags.
 */

const NATS_URL = process.env.BENCH_NATS_URL ?? 'nats://127.0.0.1:4222';


const percentile = (sorted: readonly number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;

interface Resident {
  id: string;
  status: string;
  keyPersonFlags: { category: string }[] | null;
  residence: { divisionCode: string; grid: { code: string } | null } | null;
}

interface Latencies {
  readable: number[];
  webhook: number[];
}

/** One `npm start` on a fresh data folder; `nats` routes its events through the NATS server under a prefix of its own. */
async function measureLatency(context: BenchContext, nats: boolean, samples: number): Promise<Latencies> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'hub-bench-alerts-'));
  const ports: Record<string, string> = {};
  for (const variable of Object.values(PORT_VARIABLES)) ports[variable] = String(await freePort());
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ...ports,
    HUB_DATA_DIR: dataDir,
    SEED_PERSONS: context.quick ? '1000' : '3000',
    LOG_LEVEL: 'error',
    ...(nats ? { EVENTS_NATS_URL: NATS_URL, EVENTS_NATS_PREFIX: `bench${randomUUID().slice(0, 8)}` } : {}),
  };
  delete env.DATABASE_URL;
  const hub: ChildProcess = spawn(process.execPath, ['--import', 'tsx', fromRoot('scripts', 'start.ts')], { env, stdio: ['ignore', 'pipe', 'inherit'] });
  const receiver = http.createServer((request, response) => {
    const id = request.headers['x-hub-alert-id'];
    if (typeof id === 'string' && !arrivals.has(id)) arrivals.set(id, performance.now());
    request.resume();
    response.end();
  });
  const arrivals = new Map<string, number>();
  try {
    const gatewayUrl = `http://127.0.0.1:${ports.GATEWAY_PORT}/graphql`;
    await new Promise<void>((resolve, reject) => {
      hub.once('exit', (code) => reject(new Error(`npm start exited (${code})`)));
      hub.stdout?.on('data', (chunk: Buffer) => {
        if (chunk.toString().includes(gatewayUrl.replace('127.0.0.1', 'localhost')) || chunk.toString().includes(gatewayUrl)) resolve();
      });
    });
    const keys = await ensureDevKeys(dataDir);
    const signer = await readSigningKey(keys.issuerPrivateKeyFile, 'EdDSA');
    const token = await signCallerToken(
      signer,
      { sub: 'bench-officer', dept: 'police', roles: ['police'], scope: DEFAULT_SCOPES.police.join(' ') },
      { issuer: DEV_ISSUER, audience: HUB_AUDIENCE, ttlSeconds: 3600 },
    );
    const ask = async (purpose: string, query: string, variables: Record<string, unknown> = {}) => {
      const response = await fetch(gatewayUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'x-purpose': purpose },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await response.json()) as { data?: unknown; errors?: { message: string }[] };
      if (body.errors || body.data === undefined) throw new Error(`${purpose}: ${body.errors?.[0]?.message ?? 'no data'}`);
      return body.data;
    };
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    const hookUrl = `http://127.0.0.1:${(receiver.address() as net.AddressInfo).port}/alerts`;
    await ask('public-security', 'mutation($url: String!) { registerAlertWebhook(input: { url: $url }) { webhook { id } } }', { url: hookUrl });
    // Key persons living in the city, and where: the police's own query for them.
    const flagged: { id: string; divisionCode: string; gridCode: string }[] = [];
    let after: string | null = null;
    for (let pages = 0; pages < 10 && flagged.length < 20; pages++) {
      const page = (await ask(
        'public-security',
        'query($after: String) { persons(first: 100, after: $after) { pageInfo { endCursor hasNextPage } edges { node { id status keyPersonFlags { category } residence { divisionCode grid { code } } } } } }',
        { after },
      )) as { persons: { pageInfo: { endCursor: string | null; hasNextPage: boolean }; edges: { node: Resident }[] } };
      for (const { node: p } of page.persons.edges) {
        if (p.status !== 'MOVED_OUT' && (p.keyPersonFlags?.length ?? 0) > 0 && p.residence?.grid) flagged.push({ id: p.id, divisionCode: p.residence.divisionCode, gridCode: p.residence.grid.code });
      }
      if (!page.persons.pageInfo.hasNextPage) break;
      after = page.persons.pageInfo.endCursor;
    }
    if (flagged.length === 0) throw new Error('the seeded city has no key person with a residence among its first 1,000 residents');
    const latencies: Latencies = { readable: [], webhook: [] };
    const seen = new Set<string>();
    const newest = async (): Promise<string | null> => {
      const data = (await ask('public-security', '{ alerts(filter: { kind: KEY_PERSON }, first: 1) { edges { node { id } } } }')) as { alerts: { edges: { node: { id: string } }[] } | null };
      return data.alerts?.edges[0]?.node.id ?? null;
    };
    const first = await newest();
    if (first) seen.add(first);
    const day = today();
    for (let i = 0; i < samples; i++) {
      const person = flagged[i % flagged.length];
      if (!person) break;
      const { divisionCode } = person;
      await ask(
        'population-management',
        'mutation($input: RegisterResidenceInput!) { registerResidence(input: $input) { registration { id } } }',
        { input: { personId: person.id, address: `成都市${DIVISIONS.get(divisionCode) ?? ''}大同路${i + 1}号`, divisionCode, gridCode: person.gridCode, since: day } },
      );
      const committed = performance.now();
      let id: string | null = null;
      while (performance.now() - committed < 10_000) {
        const latest = await newest();
        if (latest && !seen.has(latest)) {
          id = latest;
          break;
        }
        await new Promise((resolve) => setTimeout(resolve, 2));
      }
      if (!id) throw new Error(`no alert within 10 s of write ${i + 1}`);
      seen.add(id);
      latencies.readable.push(performance.now() - committed);
      while (!arrivals.has(id) && performance.now() - committed < 15_000) await new Promise((resolve) => setTimeout(resolve, 2));
      const arrived = arrivals.get(id);
      if (arrived !== undefined) latencies.webhook.push(arrived - committed);
    }
    return latencies;
  } finally {
    hub.kill('SIGTERM');
    await new Promise((resolve) => {
      hub.once('exit', resolve);
      setTimeout(resolve, 15_000);
    });
    receiver.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** The police's rule engine alone, in memory: how many events and alerts per second it gets through. */
async function measureEngine(context: BenchContext): Promise<{ events: number; alerts: number; seconds: number; flagged: number; persons: number }> {
  const logger = createLogger('bench', 'silent');
  const opened = {} as Record<Department, unknown>;
  for (const department of DEPARTMENTS) opened[department] = await openSubgraphDatabase(department, { kind: 'pglite' }, { migrate: true });
  const databases = opened as DepartmentDatabases;
  const database = databases.police;
  try {
    const size = context.quick ? 5_000 : 20_000;
    await seedCity(databases, { persons: size, key: 'bench-alerts' });
    const people = await database.db.select({ id: persons.id, birthDate: persons.birthDate }).from(persons);
    const already = new Set((await database.db.select({ personId: keyPersonFlags.personId }).from(keyPersonFlags)).map((f) => f.personId));
    // Exactly 1,000 flagged persons: the seed's, topped up with flags of the same shape.
    const toFlag = people.filter((p) => !already.has(p.id)).slice(0, Math.max(0, 1_000 - already.size));
    for (let i = 0; i < toFlag.length; i += 500) {
      await database.db.insert(keyPersonFlags).values(
        toFlag.slice(i, i + 500).map((p) => ({ id: randomUUID(), personId: p.id, category: '刑满释放人员', level: 2, reason: '刑满释放后安置帮教期内', since: p.birthDate > '2000-01-01' ? p.birthDate : '2020-01-01' })),
      );
    }
    const flagged = new Set([...already, ...toFlag.map((p) => p.id)]);
    const transport = new InProcessTransport();
    let alerts = 0;
    await transport.consumeAlerts('bench-count', async () => {
      alerts += 1;
    });
    const engine = await startRuleEngine({ owner: 'police', database }, transport, { cityCode: '510100', passIntervalMs: 0 }, logger);
    const count = context.quick ? 20_000 : 100_000;
    const day = today();
    const started = performance.now();
    for (let i = 0; i < count; i++) {
      const person = people[(i * 7919) % people.length];
      if (!person) break;
      const event: DomainEvent = {
        id: randomUUID(),
        type: 'EmploymentRegistered',
        source: 'labour',
        occurredAt: new Date().toISOString(),
        payload: { employmentId: randomUUID(), employerId: randomUUID(), gridCode: '510107001001', divisionCode: '510107', personId: person.id, start: day },
      };
      await transport.publishEvent(event);
    }
    const seconds = (performance.now() - started) / 1000;
    await engine.stop();
    return { events: count, alerts, seconds, flagged: flagged.size, persons: people.length };
  } finally {
    await Promise.all(DEPARTMENTS.map((department) => databases[department].close()));
  }
}

export const alertsScenario: Scenario = {
  name: 'alerts',
  title: 'Early warnings: from a write to the officer, and rules per second',
  async run(context: BenchContext): Promise<string> {
    const samples = context.quick ? 20 : 100;
    const rows: string[] = ['| transport | samples | commit → readable p50 | p99 | commit → webhook received p50 | p99 |', '|---|---|---|---|---|---|'];
    for (const nats of [false, true]) {
      context.note(`alert latency, ${nats ? 'over NATS' : 'in memory'}, ${samples} writes...`);
      const { readable, webhook } = await measureLatency(context, nats, samples);
      const r = [...readable].sort((a, b) => a - b);
      const w = [...webhook].sort((a, b) => a - b);
      const ms = (value: number) => (Number.isFinite(value) ? `${value.toFixed(1)} ms` : '-');
      rows.push(`| ${nats ? 'NATS JetStream (127.0.0.1:4222)' : 'in memory (one process)'} | ${r.length} | ${ms(percentile(r, 50))} | ${ms(percentile(r, 99))} | ${ms(percentile(w, 50))} | ${ms(percentile(w, 99))} |`);
    }
    context.note('the police rule engine alone...');
    const engine = await measureEngine(context);
    return [
      `The police register a residence for a key person through the gateway of an \`npm start\` hub (a city of ${context.quick ? '1,000' : '3,000'} residents, in memory or with its events over NATS), one write at a time; the clock runs from the write's answer to the alert being readable by the police through the gateway (polled every few milliseconds) and to a department webhook on loopback receiving it. The commit comes before the answer and wakes the relay at once, so a webhook can arrive before the answer is back through the gateway: a negative figure.`,
      '',
      ...rows,
      '',
      `The police's rule engine alone, in memory, handed ${engine.events.toLocaleString('en')} employment events one after another, each naming one of ${engine.persons.toLocaleString('en')} residents of whom ${engine.flagged.toLocaleString('en')} carry key-person flags: **${Math.round(engine.events / engine.seconds).toLocaleString('en')} events/s**, ${engine.alerts.toLocaleString('en')} alerts raised (**${Math.round(engine.alerts / engine.seconds).toLocaleString('en')} alerts/s**), ${engine.seconds.toFixed(1)} s.`,
    ].join('\n');
  },
};
