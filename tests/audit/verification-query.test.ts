import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { archiveMonths } from '../../audit/archive.js';
import { CHECKPOINT_FILE, Checkpointer, checkpointKeyFromEnv, readCheckpointLog, type CheckpointKey, type SignedCheckpoint } from '../../audit/checkpoint.js';
import { exportKeyFromEnv } from '../../audit/export.js';
import { rowsOf } from '../../audit/read.js';
import { parseEnv } from '../../hub/env.js';
import { asOwnerWithoutTriggers, monthOf, monthsAgo, writeChainAt } from '../support/audit.js';
import { graphql } from '../support/graphql.js';
import { startTestHub, type TestHub } from '../support/hub.js';
import { testLogger } from '../support/servers.js';

/*
 * The auditVerification query holds the store to the same evidence as
 * `npm run audit:verify`: the hub's signed checkpoints, its partners'
 * receipts and the archives of old months in its checkpoint folder. A hub
 * whose old months were archived verifies as intact, and a chain wound back
 * to before what a checkpoint signed is named, though on its own it hashes
 * as intact.
 */

const dataDir = mkdtempSync(path.join(tmpdir(), 'hub-verification-query-'));
const config = parseEnv({ NODE_ENV: 'development', HUB_DATA_DIR: dataDir });
const dir = path.join(dataDir, 'checkpoints');
const archiveDir = path.join(dir, 'archives');
const month = monthsAgo;
/** Chains written as writers wrote them in past months, and into this one. */
const CHAINS: Record<string, string[]> = {
  'police:101:aaaaaaaa': [month(3), month(2), month(2), month(0), month(0)],
  'housing:102:bbbbbbbb': [month(3), month(2)],
};

let hub: TestHub;
let key: CheckpointKey;
let signed: SignedCheckpoint;

const write = (writerId: string, times: string[]) => writeChainAt(hub.audit.database, writerId, times);

const VERIFICATION = `{ auditVerification { ok chains events problems { writerId seq problem detail }
  checkpoint { seq at hash chainHeads } witnesses { city checkpointSeq } archivedMonths evidenceProblems } }`;

async function verification() {
  const response = await graphql(hub.gatewayUrl, VERIFICATION, {}, hub.headers('auditor', 'audit'));
  expect(response.body.errors).toBeUndefined();
  return response.body.data?.auditVerification as {
    ok: boolean;
    chains: number;
    problems: { writerId: string; seq: string; problem: string; detail: string }[];
    checkpoint: { seq: number; at: string; hash: string; chainHeads: number } | null;
    witnesses: unknown[];
    archivedMonths: string[];
    evidenceProblems: string[];
  };
}

beforeAll(async () => {
  key = await checkpointKeyFromEnv(config);
  hub = await startTestHub({ persons: 20, key: 'verification-query', auditEvidence: { dir, publicKey: key.publicKey } });
  for (const [writerId, times] of Object.entries(CHAINS)) await write(writerId, times);
  // Live chains too, of the hub's own writers.
  await graphql(hub.gatewayUrl, `{ persons(first: 3) { edges { node { name } } } }`, {}, hub.headers('police'));
  await hub.audit.flush();
  const checkpointer = await Checkpointer.open(hub.audit.database, { dir, key, logger: testLogger, intervalMs: 0 });
  signed = (await checkpointer.checkpoint('interval'))!;
  await checkpointer.stop();
  const { checkpoints } = await readCheckpointLog(path.join(dir, CHECKPOINT_FILE), key.publicKey);
  const done = await archiveMonths(hub.audit.database, { before: monthOf(month(1)), dir: archiveDir, exportKey: await exportKeyFromEnv(config), checkpointKey: key, checkpoints });
  expect(done.map((d) => d.archive.month)).toEqual([monthOf(month(3)), monthOf(month(2))]);
}, 180_000);

afterAll(async () => {
  await hub?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('the auditVerification query', () => {
  it('continues chains from the archived months and says intact, naming the checkpoint it held the store to and the months archived', async () => {
    const answer = await verification();
    expect(answer.problems).toEqual([]);
    expect(answer.evidenceProblems).toEqual([]);
    expect(answer.ok).toBe(true);
    expect(answer.archivedMonths).toEqual([monthOf(month(3)), monthOf(month(2))]);
    expect(answer.checkpoint).toEqual({ seq: signed.checkpoint.seq, at: signed.checkpoint.at, hash: signed.hash, chainHeads: signed.checkpoint.heads.length });
    expect(answer.witnesses).toEqual([]);
  });

  it('names a chain wound back to before the head a checkpoint signed, which on its own hashes as intact', async () => {
    const writerId = 'police:101:aaaaaaaa';
    const head = signed.checkpoint.heads.find((h) => h.writerId === writerId)!;
    expect(head.seq).toBe(CHAINS[writerId]!.length);
    const [kept] = rowsOf<{ hash: string }>(await hub.audit.database.db.execute(sql`SELECT hash FROM audit_events WHERE writer_id = ${writerId} AND seq = ${head.seq - 1}`));
    await asOwnerWithoutTriggers(hub.audit.database, [
      sql`DELETE FROM audit_events WHERE writer_id = ${writerId} AND seq = ${head.seq}`,
      sql`UPDATE audit_chain_heads SET last_seq = ${head.seq - 1}, last_hash = ${kept!.hash} WHERE writer_id = ${writerId}`,
    ]);
    const answer = await verification();
    expect(answer.ok).toBe(false);
    expect(answer.problems).toEqual([
      { writerId, seq: String(head.seq), problem: 'TRUNCATED', detail: expect.stringMatching(new RegExp(`^checkpoint ${signed.checkpoint.seq} signed this chain up to seq ${head.seq} .*rolled back`)) },
    ]);
  });
});
