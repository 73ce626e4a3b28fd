import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { newRunId } from '../support/databases.js';
import { cleanEnv, dropServerDatabases, freePort, groupEnded, killLeftovers, serverDatabase, startCommand, untilAnswers } from '../support/processes.js';

/*
 * `npm run gateway` with two workers sharing one port: a scrape of /metrics,
 * whichever worker takes it, shows the series of both, each labelled with its
 * worker, and the counts add up to what the cluster did — the same in every
 * scrape, not one worker's share this time and the other's the next.
 */

const WORKERS = 2;
const REFUSED = 12;
const runId = newRunId();
const dataDir = mkdtempSync(path.join(tmpdir(), 'hub-cluster-metrics-'));

afterAll(async () => {
  killLeftovers();
  rmSync(dataDir, { recursive: true, force: true });
  await dropServerDatabases();
});

/** The value of each series of `name` in a Prometheus text exposition, by its label set. */
function series(text: string, name: string): { labels: string; value: number }[] {
  return text
    .split('\n')
    .filter((line) => line.startsWith(`${name}{`) || line.startsWith(`${name} `))
    .map((line) => {
      const match = /^[^{ ]+(\{[^}]*\})?\s+(\S+)$/.exec(line);
      return { labels: match?.[1] ?? '', value: Number(match?.[2]) };
    });
}

const workerOf = (labels: string) => /worker="(\d+)"/.exec(labels)?.[1];

describe('npm run gateway, two workers', () => {
  it('answers /metrics with every worker’s series, labelled, adding up to what the cluster did, in every scrape', async () => {
    const port = await freePort();
    const started = startCommand(
      'npm',
      ['run', 'gateway'],
      cleanEnv({ HUB_DATA_DIR: dataDir, AUDIT_DATABASE_URL: serverDatabase(`t${runId}_metrics_audit`), GATEWAY_PORT: String(port), GATEWAY_WORKERS: String(WORKERS) }),
    );
    await untilAnswers(`http://127.0.0.1:${port}/ready`, started);
    const url = `http://127.0.0.1:${port}`;
    const scrape = async () => {
      const response = await fetch(`${url}/metrics`, { headers: { connection: 'close' } });
      expect(response.status).toBe(200);
      return response.text();
    };
    const workersIn = (text: string) => new Set(series(text, 'hub_process_cpu_user_seconds_total').map((s) => workerOf(s.labels)));
    const all = new Set(Array.from({ length: WORKERS }, (_, slot) => String(slot)));
    // The first worker ready is not the last: until every worker has started, a scrape shows those that have.
    const deadline = Date.now() + 120_000;
    while (workersIn(await scrape()).size < WORKERS) {
      if (Date.now() > deadline) throw new Error('not every worker started within two minutes');
      await new Promise((resolve) => setTimeout(resolve, 500));
    }

    // Requests without a token, each on a connection of its own so the cluster spreads them: refused with 401, and counted.
    for (let i = 0; i < REFUSED; i += 1) {
      const response = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', connection: 'close' },
        body: JSON.stringify({ query: '{ __typename }' }),
      });
      expect(response.status).toBe(401);
      await response.arrayBuffer();
    }

    for (let i = 0; i < 4; i += 1) {
      const text = await scrape();
      // Every worker is there, by its slot.
      expect(workersIn(text)).toEqual(all);
      // And the refusals of all of them add up, whichever worker answered.
      const refused = series(text, 'hub_gateway_requests_total').filter((s) => s.labels.includes('outcome="refused"'));
      expect(refused.every((s) => workerOf(s.labels) !== undefined)).toBe(true);
      expect(refused.reduce((sum, s) => sum + s.value, 0)).toBe(REFUSED);
    }

    process.kill(started.child.pid!, 'SIGTERM');
    await started.exited;
    await groupEnded(started.pgid, 60_000);
  }, 300_000);
});
