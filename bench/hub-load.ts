import type { BenchHubSettings } from './lib/hub-settings.js';
import { spawnReady, type Spawned } from './lib/process.js';
import { settingsArgs } from './lib/settings.js';

/** What the hub's load benchmarks share: the queries, and a whole hub started in a process of its own. */

export const DOSSIER = `query($idNumber: String!) { personByIdNumber(idNumber: $idNumber) {
  name idNumber sex birthDate status phone residence { address since grid { name } house { code } }
  tenancies { edges { node { start end monthlyRent house { address } } } }
  employments { edges { node { position employer { name } } } }
  healthProfile { familyPlanningStatus vaccinations { edges { node { vaccine administeredOn } } } } } }`;

export const LIST = `{ persons(first: 100) { edges { node {
  id name idNumber phone status residence { address grid { name } }
  tenancies { edges { node { start house { address } } } }
  employments { edges { node { position employer { name } } } } } } } }`;

/**
 * A write that names another department's record: a check-up names a person
 * on the police register, so each write asks the police, through the
 * gateway, whether the person exists and was born by that day.
 */
export const CHECKUP = `mutation($personId: ID!, $checkedOn: Date!) { recordCheckup(input: {
  personId: $personId, checkedOn: $checkedOn, institution: "成都市武侯区玉林社区卫生服务中心", result: NORMAL }) { personId } }`;

export interface HubStats {
  statements: number;
  cpuMs: number;
}

export interface BenchHub extends Spawned<{ gatewayUrl: string; token: string; idNumber: string; personId: string }> {
  /** The headers of the caller the benchmarks load the hub as: police and health together, for public health. */
  headers: Record<string, string>;
  /** SQL statements the hub's department databases have run, and the CPU time the hub used, so far. */
  stats(): Promise<HubStats>;
}

/**
 * Starts `bench/hub-process.ts` with the given settings and waits until it is
 * ready; `nodeArgs` such as `--cpu-prof` go to its node.
 */
export async function startBenchHub(settings: BenchHubSettings, nodeArgs: string[] = []): Promise<BenchHub> {
  const hub = await spawnReady<{ gatewayUrl: string; token: string; idNumber: string; personId: string }>(['bench', 'hub-process.ts'], { args: settingsArgs(settings), ipc: true, nodeArgs });
  return Object.assign(hub, {
    headers: { authorization: `Bearer ${hub.ready.token}`, 'x-purpose': 'public-health' },
    stats: () =>
      new Promise<HubStats>((resolve) => {
        hub.child.once('message', (message) => resolve(message as HubStats));
        hub.child.send('stats');
      }),
  });
}
