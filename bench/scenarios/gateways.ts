import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { signCallerToken } from '../../auth/caller.js';
import { ensureDevKeys } from '../../auth/dev-keys.js';
import { readSigningKey } from '../../auth/keys.js';
import { DEFAULT_SCOPES } from '../../auth/roles.js';
import { dropPostgresDatabase, derivedDatabaseUrl } from '../../platform/db.js';
import { BENCHMARK_QUERY } from '../gateways/data.js';
import { composeFixtureSupergraph } from '../gateways/supergraph.js';
import { FIXTURE_NAMES, type FixtureName } from '../gateways/subgraphs.js';
import { compare, loadTable, pairedRatio, summaryOf } from '../lib/load.js';
import { freePort, processTreeCpuMs, spawnReady, type Spawned } from '../lib/process.js';
import { plan, profileFlags, ratio, type BenchContext, type Scenario } from './scenario.js';

const CONNECTIONS = 50;

/** The gateway's CPU time, workers included, where /proc tells it. */
function cpuOf(server: Spawned<unknown>): { cpuMs?: () => Promise<number> } {
  const pid = server.child.pid;
  if (pid === undefined || processTreeCpuMs(pid) === undefined) return {};
  return { cpuMs: async () => processTreeCpuMs(pid) ?? 0 };
}
const ISSUER = 'urn:population-data-hub:bench-issuer';
const AUDIENCE = 'population-data-hub';

/** Asks a gateway the benchmark query once; its data, or an error saying what came back instead. */
async function answer(url: string, headers: Record<string, string>): Promise<unknown> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query: BENCHMARK_QUERY }) });
  const body = (await response.json()) as { data?: unknown; errors?: unknown };
  if (!response.ok || body.errors) throw new Error(`${url} answered ${response.status}: ${JSON.stringify(body.errors ?? body).slice(0, 300)}`);
  return body.data;
}

/**
 * The gateway engine: the public federation-gateways benchmark's query and
 * subgraphs (bench/gateways/), through a stock single-process @apollo/gateway
 * and through this hub's gateway as deployed (GATEWAY_WORKERS=auto, caller
 * token and purpose checked, internal token signed, every request recorded
 * in the audit store on PostgreSQL). Each gateway and each subgraph is a
 * process of its own; the load comes from this one.
 */
export const gatewaysScenario: Scenario = {
  name: 'gateways',
  title: 'Gateway engine: stock @apollo/gateway vs the hub gateway',
  async run(context: BenchContext): Promise<string> {
    const { note } = context;
    const started: Spawned<unknown>[] = [];
    const dir = mkdtempSync(path.join(os.tmpdir(), 'bench-gateways-'));
    const auditBase = new URL(context.postgresUrl);
    auditBase.pathname = '/bench_gateways';
    const auditUrl = derivedDatabaseUrl(auditBase.toString(), 'audit');
    try {
      note('starting the four fixture subgraphs...');
      const subgraphs = await Promise.all(
        FIXTURE_NAMES.map((name) => spawnReady<{ name: FixtureName; url: string }>(['bench', 'gateways', 'serve-subgraph.ts'], { args: [name] })),
      );
      started.push(...subgraphs);
      const urls = Object.fromEntries(subgraphs.map((s) => [s.ready.name, s.ready.url])) as Record<FixtureName, string>;
      const supergraphFile = path.join(dir, 'supergraph.graphql');
      writeFileSync(supergraphFile, composeFixtureSupergraph(urls));

      note('starting the stock gateway and the hub gateway...');
      const keys = await ensureDevKeys(dir);
      const port = await freePort();
      const workers = os.availableParallelism();
      const [stock, hub] = await Promise.all([
        spawnReady<{ url: string }>(['bench', 'gateways', 'stock-gateway.ts'], { args: [supergraphFile], nodeArgs: profileFlags(context) }),
        // Deployed as production runs it: named keys, an issuer of its own, no introspection, audit on PostgreSQL.
        spawnReady<{ msg: string }>(['scripts', 'gateway-cluster.ts'], {
          nodeArgs: profileFlags(context),
          env: {
            NODE_ENV: 'production',
            LOG_LEVEL: 'info',
            HUB_HOST: '127.0.0.1',
            GATEWAY_PORT: String(port),
            GATEWAY_WORKERS: 'auto',
            SUPERGRAPH_PATH: supergraphFile,
            AUDIT_DATABASE_URL: auditUrl,
            AUTH_JWKS_FILE: keys.issuerJwksFile,
            AUTH_ISSUER: ISSUER,
            AUTH_AUDIENCE: AUDIENCE,
            INTERNAL_TOKEN_PRIVATE_KEY_FILE: keys.internalPrivateKeyFile,
          },
          readyWhen: (line) => line.includes('"gateway cluster ready"') || (workers === 1 && line.includes('"gateway ready"')),
        }),
      ]);
      started.push(stock, hub);
      const hubUrl = `http://127.0.0.1:${port}/graphql`;
      const signer = await readSigningKey(keys.issuerPrivateKeyFile, 'EdDSA');
      const token = await signCallerToken(
        signer,
        { sub: 'bench', dept: 'police', roles: ['police'], scope: DEFAULT_SCOPES.police.join(' ') },
        { issuer: ISSUER, audience: AUDIENCE, ttlSeconds: 3600 },
      );
      const hubHeaders = { authorization: `Bearer ${token}`, 'x-purpose': 'case-investigation', 'x-case-id': 'BENCH-2026-1' };

      const [stockData, hubData] = await Promise.all([answer(stock.ready.url, {}), answer(hubUrl, hubHeaders)]);
      if (JSON.stringify(stockData) !== JSON.stringify(hubData)) throw new Error('the two gateways answer the benchmark query differently');

      note(`measuring, ${CONNECTIONS} connections...`);
      const stockLabel = 'stock @apollo/gateway, 1 process';
      const hubLabel = `hub gateway, ${workers} workers, token + purpose + audit`;
      const runPlan = plan(context);
      const results = await compare(
        [
          { label: stockLabel, options: { url: stock.ready.url, connections: CONNECTIONS, query: BENCHMARK_QUERY }, ...cpuOf(stock) },
          { label: hubLabel, options: { url: hubUrl, connections: CONNECTIONS, query: BENCHMARK_QUERY, headers: hubHeaders }, ...cpuOf(hub) },
        ],
        runPlan,
        note,
      );
      const stockResult = summaryOf(results, stockLabel);
      const hubResult = summaryOf(results, hubLabel);
      const speedup = pairedRatio(hubResult, stockResult);
      return [
        `The public federation-gateways benchmark's query (users, their reviews and products, nested authors; top products) over its accounts / products / inventory / reviews subgraphs, rebuilt on @apollo/subgraph with the same static data (bench/gateways/). ${CONNECTIONS} connections, ${runPlan.seconds} s per run, median of ${runPlan.runs} runs after ${runPlan.warmupSeconds} s of warm-up each; the two gateways measured in turns. Every gateway and subgraph is a process of its own; both gateways answered the query identically before the load.`,
        '',
        loadTable([
          [stockLabel, stockResult],
          [hubLabel, hubResult],
        ]),
        '',
        `- hub / stock, req/s: ${ratio(hubResult.rps, stockResult.rps)} as a ratio of the medians; p99 hub / stock: ${ratio(hubResult.p99, stockResult.p99)}`,
        context.figure('gateways.throughput-ratio', speedup),
        ...(hubResult.cpuMsPerRequest !== undefined && stockResult.cpuMsPerRequest !== undefined
          ? [`${context.figure('gateways.cpu-ratio', stockResult.cpuMsPerRequest / hubResult.cpuMsPerRequest)}; above 1 the hub gateway does the same work for less`]
          : []),
        `- the machine's ${context.machine.cores} cores are shared by the load generator, the gateway and the four subgraph processes, so a gateway can use only what they leave it.`,
      ].join('\n');
    } finally {
      await Promise.all(started.map((s) => s.stop()));
      rmSync(dir, { recursive: true, force: true });
      await dropPostgresDatabase(auditUrl).catch(() => undefined);
    }
  },
};
