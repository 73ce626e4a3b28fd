import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import autocannon from 'autocannon';
import { fromRoot } from '../platform/paths.js';

/** What the load benchmarks share: a hub in its own process, the queries, and one autocannon run. */

export const DOSSIER = `query($idNumber: String!) { personByIdNumber(idNumber: $idNumber) {
  name idNumber sex birthDate status phone residence { address since grid { name } house { code } }
  tenancies { edges { node { start end monthlyRent house { address } } } }
  employments { edges { node { position employer { name } } } }
  healthProfile { familyPlanningStatus vaccinations { edges { node { vaccine administeredOn } } } } } }`;

export const LIST = `{ persons(first: 100) { edges { node {
  id name idNumber phone status residence { address grid { name } }
  tenancies { edges { node { start house { address } } } }
  employments { edges { node { position employer { name } } } } } } } }`;

export interface BenchHub {
  child: ChildProcess;
  gatewayUrl: string;
  token: string;
  idNumber: string;
}

/** Starts `bench/hub-process.ts` with the given switches and waits for its ready line. */
export async function startBenchHub(switches: { BENCH_POLICY: 'on' | 'off'; BENCH_AUDIT: 'on' | 'off' }): Promise<BenchHub> {
  const child = spawn(process.execPath, ['--import', 'tsx', fromRoot('bench', 'hub-process.ts')], {
    cwd: fromRoot(),
    env: { ...process.env, ...switches, LOG_LEVEL: 'silent' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const line = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`hub exited with ${code}`)));
  });
  return { child, ...(JSON.parse(line) as Omit<BenchHub, 'child'>) };
}

/** One autocannon run of a query against a bench hub, as the joint police and health caller. */
export async function loadHub(hub: BenchHub, query: string, options: { connections: number; duration: number }) {
  const result = await autocannon({
    url: hub.gatewayUrl,
    method: 'POST',
    connections: options.connections,
    duration: options.duration,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${hub.token}`, 'x-purpose': 'public-health' },
    body: JSON.stringify({ query, variables: { idNumber: hub.idNumber } }),
  });
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, errors: result.errors + result.non2xx };
}

export const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
