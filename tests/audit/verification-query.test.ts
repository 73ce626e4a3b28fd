import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { archiveMonths } from '../../audit/archive.js';
import { eventHash, GENESIS_HASH } from '../../audit/chain.js';
import { CHECKPOINT_FILE, Checkpointer, checkpointKeyFromEnv, readCheckpointLog, type CheckpointKey, type SignedCheckpoint } from '../../audit/checkpoint.js';
import { auditChainHeads, auditEvents } from '../../audit/db/schema.js';
import { exportKeyFromEnv } from '../../audit/export.js';
import { rowsOf } from '../../audit/read.js';
import { parseEnv } from '../../hub/env.js';
import { asOwnerWithoutTriggers } from '../support/audit.js';
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
const now = new Date();
const month = (back: number) => new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - back, 10, 8)).toISOString();
const monthOf = (iso: string) => iso.slice(0, 7);
/** Chains written as writers wrote them in past months, and into this one. */
const CHAINS: Record<string, string[]> = {
  'police:101:aaaaaaaa': [month(3), month(2), month(2), month(0), month(0)],
  'housing:102:bbbbbbbb': [month(3), month(2)],
};

let hub: TestHub;
let key: CheckpointKey;
let signed: SignedCheckpoint;

async function write(writerId: string, times: string[]): Promise<void> {
  let prevHash = GENESIS_HASH;
  let seq = 0;
  for (const occurredAt of times) {
    seq += 1;
    await hub.audit.database.db.execute(sql`SELECT audit_ensure_partition(${`${monthOf(occurredAt)}-01`}::date)`);
    const content = {
      writerId, seq, occurredAt, kind: 'access' as const, requestId: `r-${writerId}-${seq}`, subject: 'officer-1', department: 'police', roles: ['police'],
      purpose: 'population-management', caseId: null, subgraph: 'police', typeName: 'Person', recordIds: [`resident-${seq}`], fields: { name: 'full' as const },
      operationName: null, documentHash: null, outcome: null, errorCode: null, durationMs: null,
    };
    const hash = eventHash(prevHash, content);
    await hub.audit.database.db.insert(auditEvents).values({ ...content, occurredAt: new Date(occurredAt), prevHash, hash });
    prevHash = hash;
  }
  await hub.audit.database.db.insert(auditChainHeads).values({ writerId, lastSeq: seq, lastHash: prevHash, updatedAt: new Date() });
}

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
