import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { afterAll, describe, expect, it } from 'vitest';
import { prepareEmbeddedClusters } from '../../platform/db.js';

/*
 * A first `npm start` makes eight embedded stores. Each starts from a copy of
 * one cluster made by one initdb, instead of an initdb of its own: the copies
 * must be whole clusters, independent of each other, and a folder that
 * already holds something must be left exactly as it is.
 */

const base = mkdtempSync(path.join(os.tmpdir(), 'hub-clusters-'));
afterAll(() => rmSync(base, { recursive: true, force: true }));

async function withCluster<T>(dir: string, use: (db: PGlite) => Promise<T>): Promise<T> {
  const db = new PGlite(dir);
  try {
    await db.waitReady;
    return await use(db);
  } finally {
    await db.close();
  }
}

describe('making the embedded stores’ clusters from one initdb', () => {
  it('gives every absent or empty folder a cluster of its own, leaves a folder holding anything alone, and keeps no template behind', async () => {
    const parent = path.join(base, 'pglite');
    const [absent, empty, held] = ['police', 'housing', 'audit'].map((name) => path.join(parent, name)) as [string, string, string];
    mkdirSync(empty, { recursive: true });
    mkdirSync(held, { recursive: true });
    writeFileSync(path.join(held, 'keep.txt'), 'not a cluster');

    const made = await prepareEmbeddedClusters([absent, empty, held]);

    expect(made.sort()).toEqual([absent, empty].sort());
    expect(readdirSync(held)).toEqual(['keep.txt']);
    expect(readdirSync(parent).sort()).toEqual(['audit', 'housing', 'police']);
    for (const dir of made) expect(existsSync(path.join(dir, 'PG_VERSION')), dir).toBe(true);
    // Whole clusters, each its own: a table made in one is not in the other.
    await withCluster(absent, (db) => db.exec('CREATE TABLE residents (id int); INSERT INTO residents VALUES (1)'));
    await withCluster(empty, async (db) => {
      const tables = await db.query<{ n: number }>("SELECT count(*)::int AS n FROM pg_tables WHERE tablename = 'residents'");
      expect(tables.rows[0]?.n).toBe(0);
    });
    await withCluster(absent, async (db) => {
      expect((await db.query<{ id: number }>('SELECT id FROM residents')).rows).toEqual([{ id: 1 }]);
    });
  }, 120_000);

  it('makes the data folder itself on a first start, where nothing of it exists yet', async () => {
    const parent = path.join(base, 'fresh', 'pglite');
    const dirs = [path.join(parent, 'police'), path.join(parent, 'housing')];
    expect((await prepareEmbeddedClusters(dirs)).sort()).toEqual([...dirs].sort());
    expect(readdirSync(parent).sort()).toEqual(['housing', 'police']);
  }, 120_000);

  it('does nothing where fewer than two clusters are to be made, or a folder already holds one', async () => {
    const parent = path.join(base, 'single');
    const only = path.join(parent, 'police');
    expect(await prepareEmbeddedClusters([only])).toEqual([]);
    expect(existsSync(only)).toBe(false);
    // The folders of the first case hold clusters now: a second start makes none.
    const first = path.join(base, 'pglite');
    expect(await prepareEmbeddedClusters([path.join(first, 'police'), path.join(first, 'housing')])).toEqual([]);
  });
});
