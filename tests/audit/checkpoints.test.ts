import { generateKeyPairSync } from 'node:crypto';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ChainProblem } from '../../audit/api.js';
import { canonicalJson, eventHash } from '../../audit/chain.js';
import {
  anchorsOf,
  CHECKPOINT_FILE,
  Checkpointer,
  checkpointDirFromEnv,
  checkpointKeyFromEnv,
  readCheckpointLog,
  signCheckpoint,
  type CheckpointKey,
  type SignedCheckpoint,
} from '../../audit/checkpoint.js';
import { openAuditDatabase, type AuditDatabase } from '../../audit/database.js';
import { chainEvents } from '../../audit/read.js';
import { verifyAuditStore } from '../../audit/verify.js';
import type { AuditWriter } from '../../audit/writer.js';
import { parseEnv } from '../../hub/env.js';
import { asOwnerWithoutTriggers, auditStoreForCommands, metaFor, testWriter } from '../support/audit.js';
import { testLogger } from '../support/servers.js';

/*
 * The attacks an owner of the audit database can make on its hash chains,
 * with the triggers off and the hub's own hash function: rewrite a chain and
 * recompute it, or drop its last event and wind its head back. The chains
 * then agree with themselves; only a checkpoint signed outside the database
 * can tell. The store lives where `npm run audit:verify` finds it, so the
 * command is run once as an operator would.
 */

const audit = auditStoreForCommands('checkpoints');
const { dataDir, target } = audit;
const config = parseEnv({ NODE_ENV: 'development', HUB_DATA_DIR: dataDir });
const EVENTS = 9;

let store: AuditDatabase;
let key: CheckpointKey;
let checkpointer: Checkpointer;
const writers = new Map<string, AuditWriter>();

async function fill(writer: AuditWriter, events = EVENTS): Promise<void> {
  // Three batches, so a chain crosses commit boundaries.
  for (let batch = 0; batch < 3; batch += 1) {
    await Promise.all(
      Array.from({ length: events / 3 }, (_, i) => writer.record(metaFor('police'), { type: 'Person', ids: [`resident-${batch}-${i}`], fields: ['name'] })),
    );
  }
}

async function eventsOf(writerId: string) {
  const events = [];
  for await (const event of chainEvents(store, writerId)) events.push(event);
  return events;
}

/** Edits one event and recomputes every hash after it, as the hub would have, then moves the head to the new last hash. */
async function rewrite(writerId: string, fromSeq: number): Promise<void> {
  const events = await eventsOf(writerId);
  const statements = [];
  let prevHash = events[fromSeq - 2]!.hash;
  for (const event of events.slice(fromSeq - 1)) {
    const content = event.seq === fromSeq ? { ...event, subject: 'someone-else' } : event;
    const hash = eventHash(prevHash, content);
    statements.push(
      sql`UPDATE audit_events SET subject = ${content.subject}, prev_hash = ${prevHash}, hash = ${hash} WHERE writer_id = ${writerId} AND seq = ${event.seq}`,
    );
    prevHash = hash;
  }
  statements.push(sql`UPDATE audit_chain_heads SET last_hash = ${prevHash}, updated_at = now() WHERE writer_id = ${writerId}`);
  await asOwnerWithoutTriggers(store, statements);
}

/** Deletes a chain's last event and winds its head back onto the one before. */
async function rollBack(writerId: string): Promise<void> {
  const events = await eventsOf(writerId);
  const last = events.at(-1)!;
  const before = events.at(-2)!;
  await asOwnerWithoutTriggers(store, [
    sql`DELETE FROM audit_events WHERE writer_id = ${writerId} AND seq = ${last.seq}`,
    sql`UPDATE audit_chain_heads SET last_seq = ${before.seq}, last_hash = ${before.hash} WHERE writer_id = ${writerId}`,
  ]);
}

const checkpointFile = () => path.join(checkpointDirFromEnv(config), CHECKPOINT_FILE);

async function verifyAgainstCheckpoints() {
  const log = await readCheckpointLog(checkpointFile(), key.publicKey);
  return verifyAuditStore(store, { anchors: anchorsOf(log.checkpoints), pageSize: 4 });
}

const problemOf = (problems: ChainProblem[], scenario: string) => problems.find((p) => p.writerId === writers.get(scenario)?.writerId);

beforeAll(async () => {
  store = await openAuditDatabase(target, { migrate: true });
  key = await checkpointKeyFromEnv(config);
  checkpointer = await Checkpointer.open(store, { dir: checkpointDirFromEnv(config), key, logger: testLogger, intervalMs: 0 });
  for (const scenario of ['untouched-ended', 'untouched-live', 'rewritten-ended', 'rewritten-live', 'rolled-back-ended', 'rolled-back-live']) {
    const writer = testWriter(store, scenario, { onChainEnd: () => void checkpointer.checkpoint('chain-end') });
    await fill(writer);
    writers.set(scenario, writer);
  }
  // Ended chains are anchored by the hook the writer calls as it closes; live ones by the next checkpoint.
  for (const [scenario, writer] of writers) if (scenario.endsWith('-ended')) await writer.close();
  await checkpointer.checkpoint('interval');
}, 120_000);

afterAll(async () => {
  await checkpointer?.stop().catch(() => undefined);
  await store?.close().catch(() => undefined);
  await audit.remove();
});

describe('audit checkpoints', () => {
  it('are signed with a key kept in the data folder, readable by its owner alone, never in the audit database', () => {
    expect(key.publicKeyFile).toBe(path.join(dataDir, 'keys', 'audit-checkpoint.public.jwk.json'));
    expect(statSync(path.join(dataDir, 'keys', 'audit-checkpoint.private.jwk.json')).mode & 0o777).toBe(0o600);
  });

  it('need a folder and a key named in production, where nothing is made on first use', async () => {
    const production = parseEnv({ NODE_ENV: 'production', HUB_DATA_DIR: dataDir });
    expect(() => checkpointDirFromEnv(production)).toThrow(/^AUDIT_CHECKPOINT_DIR is required in production/);
    await expect(checkpointKeyFromEnv(production)).rejects.toThrow(/^AUDIT_CHECKPOINT_KEY_FILE is required in production/);
    const missing = parseEnv({ NODE_ENV: 'production', AUDIT_CHECKPOINT_KEY_FILE: path.join(dataDir, 'no-such-key.jwk.json') });
    await expect(checkpointKeyFromEnv(missing)).rejects.toThrow(/^Invalid environment variable AUDIT_CHECKPOINT_KEY_FILE=/);
  });

  it('anchor every chain head, ended and live, in a signed chain of checkpoints', async () => {
    const log = await readCheckpointLog(checkpointFile(), key.publicKey);
    expect(log.problems).toEqual([]);
    expect(log.checkpoints.map((c) => c.checkpoint.seq)).toEqual(log.checkpoints.map((_, i) => i + 1));
    const latest = log.checkpoints.at(-1)!.checkpoint;
    for (const writer of writers.values()) {
      const events = await eventsOf(writer.writerId);
      expect(latest.heads).toContainEqual({ writerId: writer.writerId, seq: events.at(-1)!.seq, hash: events.at(-1)!.hash });
    }
    // One per ended chain, taken as it ended, then one for the live ones.
    expect(log.checkpoints.filter((c) => c.checkpoint.reason === 'chain-end').length).toBeGreaterThanOrEqual(1);
  });

  it('find an untouched store intact', async () => {
    const report = await verifyAgainstCheckpoints();
    expect(report).toMatchObject({ ok: true, problems: [] });
    expect(report.chains).toBe(writers.size);
  });

  it('name chains rewritten with the hub’s own hash function and rolled back by their last event, ended or live, which their hashes alone no longer reveal', async () => {
    await rewrite(writers.get('rewritten-ended')!.writerId, 4);
    await rewrite(writers.get('rewritten-live')!.writerId, 2);
    await rollBack(writers.get('rolled-back-ended')!.writerId);
    await rollBack(writers.get('rolled-back-live')!.writerId);

    // The attacks are complete: held only to themselves, the chains are intact.
    expect((await verifyAuditStore(store)).problems).toEqual([]);

    const report = await verifyAgainstCheckpoints();
    expect(report.ok).toBe(false);
    expect(problemOf(report.problems, 'rewritten-ended')).toMatchObject({ problem: 'rewritten', seq: EVENTS });
    expect(problemOf(report.problems, 'rewritten-live')).toMatchObject({ problem: 'rewritten', seq: EVENTS });
    expect(problemOf(report.problems, 'rolled-back-ended')).toMatchObject({ problem: 'truncated', seq: EVENTS });
    expect(problemOf(report.problems, 'rolled-back-live')).toMatchObject({ problem: 'truncated', seq: EVENTS });
    expect(problemOf(report.problems, 'untouched-ended')).toBeUndefined();
    expect(problemOf(report.problems, 'untouched-live')).toBeUndefined();
    expect(report.problems).toHaveLength(4);
    for (const problem of report.problems) expect(problem.detail).toMatch(/checkpoint \d+/);
  });

  it('never sign a head that went back or changed: the next checkpoint keeps what was signed', async () => {
    await writers.get('untouched-live')!.record(metaFor('police'), { type: 'Person', ids: ['one-more'], fields: ['name'] });
    const next = await checkpointer.checkpoint('interval');
    expect(next).not.toBeNull();
    const signed = new Map(next!.checkpoint.heads.map((h) => [h.writerId, h.seq]));
    expect(signed.get(writers.get('rolled-back-ended')!.writerId)).toBe(EVENTS);
    expect(signed.get(writers.get('untouched-live')!.writerId)).toBe(EVENTS + 1);
    const rewrittenHead = next!.checkpoint.heads.find((h) => h.writerId === writers.get('rewritten-ended')!.writerId);
    expect(rewrittenHead?.hash).not.toBe((await eventsOf(writers.get('rewritten-ended')!.writerId)).at(-1)!.hash);
  });

  it('take one when a writer’s chain ends and, running, at their interval', async () => {
    const dir = path.join(dataDir, 'checkpoints-interval');
    const timed = await Checkpointer.open(store, { dir, key, logger: testLogger, intervalMs: 50 });
    try {
      const writer = testWriter(store, 'timed');
      await fill(writer, 3);
      timed.start();
      await vi.waitFor(() => expect(timed.latest?.checkpoint.heads.some((h) => h.writerId === writer.writerId && h.seq === 3)).toBe(true), { timeout: 10_000 });
      expect(timed.latest?.checkpoint.reason).toBe('interval');

      const ending = testWriter(store, 'ending', { onChainEnd: () => void timed.checkpoint('chain-end') });
      await fill(ending, 3);
      await ending.close();
      await vi.waitFor(() => expect(timed.latest?.checkpoint.heads.some((h) => h.writerId === ending.writerId && h.seq === 3)).toBe(true), { timeout: 10_000 });
    } finally {
      await timed.stop();
    }
  });

  it('refuse a second process on their folder, and sign nothing on top of a file that does not check out', async () => {
    const dir = path.join(dataDir, 'checkpoints-broken');
    const first = await Checkpointer.open(store, { dir, key, logger: testLogger, intervalMs: 0 });
    await writers.get('untouched-live')!.record(metaFor('police'), { type: 'Person', ids: ['another'], fields: ['name'] });
    expect(await first.checkpoint('interval')).not.toBeNull();
    await first.stop();
    const file = path.join(dir, CHECKPOINT_FILE);
    const [line] = readFileSync(file, 'utf8').trimEnd().split('\n');
    const parsed = JSON.parse(line!) as SignedCheckpoint;
    parsed.checkpoint.heads[0]!.seq += 1;
    writeFileSync(file, `${canonicalJson(parsed)}\n`);
    await expect(Checkpointer.open(store, { dir, key, logger: testLogger, intervalMs: 0 })).rejects.toThrow(/line 1: checkpoint 1 does not match its hash/);
  });

  it('name a checkpoint file whose lines were altered, signed by another key, or removed', async () => {
    // Four checkpoints chained as the checkpointer chains them.
    const chained: SignedCheckpoint[] = [];
    for (let seq = 1; seq <= 4; seq += 1) {
      const previous = chained.at(-1);
      chained.push(
        signCheckpoint(
          {
            format: 'population-data-hub/audit-checkpoint/1',
            seq,
            at: new Date().toISOString(),
            prevHash: previous?.hash ?? '0'.repeat(64),
            keyId: key.keyId,
            reason: 'interval',
            heads: [{ writerId: 'police:test', seq: seq * 10, hash: 'a'.repeat(64) }],
          },
          key.privateKey,
        ),
      );
    }
    const [first, second, , fourth] = chained as [SignedCheckpoint, SignedCheckpoint, SignedCheckpoint, SignedCheckpoint];
    const file = path.join(dataDir, 'tampered.jsonl');
    writeFileSync(file, chained.map((c) => `${canonicalJson(c)}\n`).join(''));
    expect(await readCheckpointLog(file, key.publicKey)).toMatchObject({ problems: [], checkpoints: chained });

    const altered = { ...first, checkpoint: { ...first.checkpoint, heads: [] } };
    const foreign = signCheckpoint(second.checkpoint, generateKeyPairSync('ed25519').privateKey);
    // Line 1 altered, line 2 re-signed by a stranger, the third checkpoint left out.
    writeFileSync(file, [altered, foreign, fourth].map((c) => `${canonicalJson(c)}\n`).join(''));
    const tampered = await readCheckpointLog(file, key.publicKey);
    expect(tampered.problems).toEqual([
      { line: 1, problem: 'forged', detail: expect.stringMatching(/does not match its hash/) },
      { line: 2, problem: 'forged', detail: expect.stringMatching(/not signed by the checkpoint key/) },
      { line: 3, problem: 'unlinked', detail: expect.stringMatching(/checkpoints 1–3 are missing/) },
    ]);
    // Only what still carries a valid signature anchors anything.
    expect(tampered.checkpoints).toEqual([fourth]);
  });

  it('are checked by npm run audit:verify, which names the rewritten and rolled-back chains and a broken checkpoint file', async () => {
    await checkpointer.stop();
    await store.close();
    const verify = () => audit.command('audit-verify.ts');
    const first = await verify();
    expect(first.code).toBe(1);
    for (const scenario of ['rewritten-ended', 'rewritten-live']) expect(first.stdout).toContain(`rewritten ${writers.get(scenario)!.writerId} seq`);
    for (const scenario of ['rolled-back-ended', 'rolled-back-live']) expect(first.stdout).toContain(`truncated ${writers.get(scenario)!.writerId} seq`);
    expect(first.stdout).not.toContain(writers.get('untouched-ended')!.writerId);
    expect(first.stderr).toMatch(/^BROKEN: /m);
    expect(first.stderr).toMatch(/checkpoint \d+ of /);

    // The first checkpoint cut from the file.
    const lines = readFileSync(checkpointFile(), 'utf8').trimEnd().split('\n');
    expect(lines.length).toBeGreaterThanOrEqual(2);
    writeFileSync(checkpointFile(), `${lines.slice(1).join('\n')}\n`);
    const second = await verify();
    expect(second.code).toBe(1);
    expect(second.stdout).toMatch(new RegExp(`^checkpoint-unlinked .*${CHECKPOINT_FILE} line 1: checkpoint 2: checkpoint 1 is missing before it`, 'm'));
    // Two processes that each load the hub's modules and open the store: minutes on a busy machine.
  }, 300_000);
});
