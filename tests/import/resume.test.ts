import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { derivedDatabaseUrl } from '../../platform/db.js';
import { fromRoot } from '../../platform/paths.js';
import { FIXTURE_CITY, FIXTURES_DIR } from '../../scripts/import-fixtures.js';
import { ImportInterrupted, runImport, type ImportSummary } from '../../scripts/import/run.js';
import * as health from '../../subgraphs/health/db/schema.js';
import { newRunId } from '../support/databases.js';
import { startTestHub, type TestHub } from '../support/hub.js';
import { startTcpProxy, type TcpProxy } from '../support/tcp-proxy.js';
import { claimsForRole } from '../support/tokens.js';

/**
 * An import interrupted ends, once resumed, exactly as one that ran
 * through: the same records, the same counts, the same report to the byte.
 * One hub takes the file straight through; another is interrupted every way
 * an import can be: stopped between batches, its process killed mid-way,
 * its department's database taken away under it; each time it is resumed.
 */

const SERVER_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/hub';
const FILE = 'vaccinations.gbk.csv';
const BATCH = 5;

let dir: string;
let straight: { summary: ImportSummary; report: Buffer; records: unknown[] };
let hub: TestHub | undefined;
let proxy: TcpProxy | undefined;

const startHub = (options: Parameters<typeof startTestHub>[0] = {}) =>
  startTestHub({ persons: FIXTURE_CITY.persons, key: FIXTURE_CITY.key, cityCode: FIXTURE_CITY.cityCode, asOf: FIXTURE_CITY.asOf, ...options });

/** What the health department holds of vaccinations, without the ids each hub draws itself. */
async function vaccinationsOf(on: TestHub): Promise<unknown[]> {
  return on.databases.health.db
    .select({ personId: health.vaccinations.personId, vaccine: health.vaccinations.vaccine, dose: health.vaccinations.dose, on: health.vaccinations.administeredOn, institution: health.vaccinations.institution })
    .from(health.vaccinations)
    .orderBy(asc(health.vaccinations.personId), asc(health.vaccinations.vaccine), asc(health.vaccinations.dose), asc(health.vaccinations.administeredOn));
}

async function importOn(on: TestHub, options: { resume?: boolean; stopAfterBatches?: number; errors: string; onRows?: () => void }): Promise<ImportSummary> {
  return runImport({
    department: 'health',
    file: path.join(dir, FILE),
    gatewayUrl: on.gatewayUrl,
    token: await on.token(claimsForRole('health')),
    batchSize: BATCH,
    errors: options.errors,
    resume: options.resume ?? false,
    retry: { attempts: 2, ms: 100 },
    ...(options.stopAfterBatches === undefined ? {} : { stopAfterBatches: options.stopAfterBatches }),
    ...(options.onRows ? { onRows: options.onRows } : {}),
  });
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'import-resume-'));
  writeFileSync(path.join(dir, FILE), readFileSync(path.join(FIXTURES_DIR, FILE)));
  const first = await startHub();
  try {
    const summary = await importOn(first, { errors: path.join(dir, 'straight.csv') });
    straight = { summary, report: readFileSync(summary.report.csv), records: await vaccinationsOf(first) };
  } finally {
    await first.close();
  }
  // The second hub's health database lies behind a proxy, so the test can take it away.
  const server = new URL(SERVER_URL);
  proxy = await startTcpProxy(server.hostname, Number(server.port || 5432));
  const proxied = new URL(derivedDatabaseUrl(SERVER_URL, `t${newRunId()}_health`));
  proxied.hostname = '127.0.0.1';
  proxied.port = String(proxy.port);
  hub = await startHub({ databaseTargets: { health: { kind: 'postgres', url: proxied.toString(), poolSize: 4, connectTimeoutMs: 2_000 } } });
}, 900_000);

afterAll(async () => {
  proxy?.restore();
  await hub?.close();
  await proxy?.close();
});

/** Rows of the running job of the file committed so far, as its ledger says. */
async function rowsDone(on: TestHub): Promise<number> {
  const [job] = await on.databases.health.db.select().from(health.importJobs).where(eq(health.importJobs.status, 'RUNNING'));
  return job?.rowsDone ?? 0;
}

describe('an interrupted import, resumed', () => {
  it('ends exactly as one that ran through, however it was interrupted: stopped between batches, killed mid-way, its database gone', async () => {
    const on = hub as TestHub;
    const errors = path.join(dir, 'resumed.csv');
    const total = straight.summary.read;

    // Stopped between batches (as Ctrl-C stops it: the batch in flight is answered first).
    await expect(importOn(on, { stopAfterBatches: 2, errors })).rejects.toThrow(ImportInterrupted);
    expect(await rowsDone(on)).toBe(2 * BATCH);

    // The command line killed outright while batches are in flight.
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', fromRoot('scripts', 'import.ts'), '--dept', 'health', '--file', path.join(dir, FILE), '--resume', '--batch-size', String(BATCH), '--errors', errors, '--gateway', on.gatewayUrl, '--token', await on.token(claimsForRole('health'))],
      { cwd: fromRoot(), env: { ...process.env, LOG_LEVEL: 'silent' }, stdio: ['ignore', 'ignore', 'pipe'] },
    );
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
    for (;;) {
      if ((await rowsDone(on)) >= 4 * BATCH) break;
      if (child.exitCode !== null) throw new Error(`the command line ended before it was killed: ${stderr}`);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');
    expect(stderr).toMatch(/resuming job .*: 2 batches committed before/);
    const afterKill = await rowsDone(on);
    expect(afterKill).toBeLessThan(total);

    // The department's database taken away after the next batch: the import stops, to be resumed.
    let cut = false;
    await expect(
      importOn(on, {
        resume: true,
        errors,
        onRows: () => {
          if (!cut) proxy?.cut();
          cut = true;
        },
      }),
    ).rejects.toThrow(/run it again with --resume/);
    proxy?.restore();
    expect(await rowsDone(on)).toBeLessThan(total);

    const resumed = await importOn(on, { resume: true, errors });
    expect(resumed.resumedBatches).toBeGreaterThan(4);
    expect({ read: resumed.read, loaded: resumed.loaded, unchanged: resumed.unchanged, refused: resumed.refused }).toEqual({
      read: straight.summary.read,
      loaded: straight.summary.loaded,
      unchanged: straight.summary.unchanged,
      refused: straight.summary.refused,
    });
    expect(readFileSync(resumed.report.csv).equals(straight.report), 'the reports differ').toBe(true);
    expect(resumed.report.digest).toBe(straight.summary.report.digest);
    expect(await vaccinationsOf(on)).toEqual(straight.records);
  });
});
