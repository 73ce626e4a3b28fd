import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { archiveMonths, ArchiveRefused, monthPartitionsBefore, readArchives, type SignedArchive } from '../../audit/archive.js';
import { canonicalJson } from '../../audit/chain.js';
import { anchorsOf, CHECKPOINT_FILE, Checkpointer, checkpointDirFromEnv, checkpointKeyFromEnv, readCheckpointLog, type CheckpointKey } from '../../audit/checkpoint.js';
import { openAuditDatabase, type AuditDatabase } from '../../audit/database.js';
import { exportKeyFromEnv } from '../../audit/export.js';
import { chainEvents, rowsOf } from '../../audit/read.js';
import { verifyAuditStore } from '../../audit/verify.js';
import { parseEnv } from '../../hub/env.js';
import { auditStoreForCommands, monthOf, monthsAgo, writeChainAt } from '../support/audit.js';
import { testLogger } from '../support/servers.js';

/*
 * Months of audit events archived out of their partitions. Events are
 * written for past months as a writer would have written them then (hashed
 * with the hub's own function, through the partition function the writers
 * call), so whole months lie behind the current one. On PGlite the same
 * partitions, detach and drop run as on PostgreSQL.
 */

const audit = auditStoreForCommands('archive');
const { dataDir, target } = audit;
const config = parseEnv({ NODE_ENV: 'development', HUB_DATA_DIR: dataDir });
const archiveDir = path.join(checkpointDirFromEnv(config), 'archives');
/** Per chain, the months its events fall in, oldest first; the last month is the current one. */
const month = monthsAgo;
const CHAINS: Record<string, string[]> = {
  'police:archive-test:1:aaaaaaaa': [month(3), month(3), month(2), month(2), month(2), month(0), month(0)],
  'housing:archive-test:1:bbbbbbbb': [month(3), month(2)],
  'labour:archive-test:1:cccccccc': [month(2), month(0)],
};
const BEFORE = monthOf(month(1));

let store: AuditDatabase;
let key: CheckpointKey;

const write = (writerId: string, times: string[]) => writeChainAt(store, writerId, times);

const archived = async () => (await readArchives(archiveDir, key.publicKey)).ends;
const checkpoints = async () => (await readCheckpointLog(path.join(checkpointDirFromEnv(config), CHECKPOINT_FILE), key.publicKey)).checkpoints;

beforeAll(async () => {
  store = await openAuditDatabase(target, { migrate: true });
  key = await checkpointKeyFromEnv(config);
  for (const [writerId, times] of Object.entries(CHAINS)) await write(writerId, times);
}, 120_000);

afterAll(async () => {
  await store?.close().catch(() => undefined);
  await audit.remove();
});

describe('audit archives', () => {
  it('refuse to archive months no checkpoint vouches for yet, dropping nothing', async () => {
    const exportKey = await exportKeyFromEnv(config);
    await expect(archiveMonths(store, { before: BEFORE, dir: archiveDir, exportKey, checkpointKey: key, checkpoints: [] })).rejects.toThrow(ArchiveRefused);
    expect(await monthPartitionsBefore(store, BEFORE)).toEqual([monthOf(month(3)), monthOf(month(2))]);
  });

  it('write each whole month before the given one as a signed file with a manifest under a checkpoint, then drop its partition', async () => {
    const checkpointer = await Checkpointer.open(store, { dir: checkpointDirFromEnv(config), key, logger: testLogger, intervalMs: 0 });
    const signed = await checkpointer.checkpoint('interval');
    await checkpointer.stop();
    const done = await archiveMonths(store, { before: BEFORE, dir: archiveDir, exportKey: await exportKeyFromEnv(config), checkpointKey: key, checkpoints: await checkpoints() });
    expect(done.map((d) => d.archive.month)).toEqual([monthOf(month(3)), monthOf(month(2))]);
    expect(await monthPartitionsBefore(store, BEFORE)).toEqual([]);

    // Each month's manifest names, per chain, exactly the events of that month: expected from the table above.
    for (const { archive } of done) {
      const expected = Object.entries(CHAINS)
        .map(([writerId, times]) => ({ writerId, seqs: times.map((t, i) => (monthOf(t) === archive.month ? i + 1 : 0)).filter((s) => s > 0) }))
        .filter((c) => c.seqs.length > 0)
        .map((c) => ({ writerId: c.writerId, events: c.seqs.length, firstSeq: c.seqs[0], lastSeq: c.seqs.at(-1) }));
      expect(archive.chains.map(({ writerId, events, firstSeq, lastSeq }) => ({ writerId, events, firstSeq, lastSeq })).sort((a, b) => a.writerId.localeCompare(b.writerId))).toEqual(
        expected.sort((a, b) => a.writerId.localeCompare(b.writerId)),
      );
      expect(archive.checkpoint).toEqual({ seq: signed!.checkpoint.seq, hash: signed!.hash, at: signed!.checkpoint.at });
      const lines = readFileSync(path.join(archiveDir, archive.file), 'utf8').trimEnd().split('\n');
      expect(lines).toHaveLength(archive.chains.reduce((n, c) => n + c.events, 0) + 1);
    }

    // What remains is only the current month's events.
    const remaining = rowsOf<{ n: number }>(await store.db.execute(sql`SELECT count(*)::int AS n FROM audit_events`))[0]!.n;
    expect(remaining).toBe(Object.values(CHAINS).flat().filter((t) => monthOf(t) >= BEFORE).length);
  });

  it('leave chains that verify from where the archives end, and that without the archives read as events deleted', async () => {
    const anchors = anchorsOf(await checkpoints());
    const held = await verifyAuditStore(store, { anchors, archived: await archived() });
    expect(held).toMatchObject({ ok: true, problems: [] });
    expect(held.chains).toBe(Object.keys(CHAINS).length);

    const alone = await verifyAuditStore(store, { anchors });
    expect(alone.ok).toBe(false);
    expect(alone.problems.map((p) => [p.writerId, p.problem]).sort()).toEqual([
      ['housing:archive-test:1:bbbbbbbb', 'truncated'],
      ['labour:archive-test:1:cccccccc', 'gap'],
      ['police:archive-test:1:aaaaaaaa', 'gap'],
    ]);

    // The first remaining event of each chain follows the last archived hash.
    const ends = await archived();
    for await (const event of chainEvents(store, 'police:archive-test:1:aaaaaaaa')) {
      expect(event.prevHash).toBe(ends.get('police:archive-test:1:aaaaaaaa')!.hash);
      break;
    }
  });

  it('name an archive manifest that was altered, and a remaining event that does not follow its archive', async () => {
    const name = `audit-${monthOf(month(2))}.archive.json`;
    const file = path.join(archiveDir, name);
    const original = readFileSync(file, 'utf8');
    const manifest = JSON.parse(original) as SignedArchive;
    manifest.archive.chains[0]!.lastSeq += 1;
    writeFileSync(file, `${canonicalJson(manifest)}\n`);
    expect((await readArchives(archiveDir, key.publicKey)).problems).toEqual([expect.stringMatching(new RegExp(`^archive-forged ${name}: `))]);
    writeFileSync(file, original);

    const ends = new Map(await archived());
    ends.set('police:archive-test:1:aaaaaaaa', { ...ends.get('police:archive-test:1:aaaaaaaa')!, hash: 'f'.repeat(64) });
    const report = await verifyAuditStore(store, { archived: ends });
    expect(report.problems).toEqual([expect.objectContaining({ writerId: 'police:archive-test:1:aaaaaaaa', seq: 6 })]);
  });

  it('are made and checked by npm run audit:archive and npm run audit:verify', async () => {
    await store.close();
    const command = audit.command;
    const bad = await command('audit-archive.ts', ['--before', '2026-13']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^--before must be a month as YYYY-MM/);
    const nothing = await command('audit-archive.ts', ['--before', BEFORE]);
    expect(nothing).toMatchObject({ code: 0 });
    expect(nothing.stderr).toContain(`nothing to archive before ${BEFORE}`);
    const verified = await command('audit-verify.ts');
    expect(verified.code).toBe(0);
    expect(verified.stderr).toMatch(/^intact: .*continuing 2 archived months/m);
    expect(existsSync(path.join(archiveDir, `audit-${monthOf(month(3))}.jsonl`))).toBe(true);
  }, 300_000);
});
