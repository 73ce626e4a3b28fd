import { readFileSync, rmSync, writeFileSync, appendFileSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canonicalJson } from '../../audit/chain.js';
import { CHECKPOINT_FILE, Checkpointer, checkpointDirFromEnv, checkpointKeyFromEnv, type CheckpointKey, type SignedCheckpoint } from '../../audit/checkpoint.js';
import { openAuditDatabase, type AuditDatabase } from '../../audit/database.js';
import type { AuditWriter } from '../../audit/writer.js';
import { generateCityIdentity } from '../../exchange/identity.js';
import { signReceipt, type CityIdentity } from '../../exchange/signing.js';
import { WITNESS_FILE } from '../../audit/witnesses.js';
import { witnessMessageId, type WitnessLine } from '../../exchange/witness.js';
import { parseEnv } from '../../hub/env.js';
import { asOwnerWithoutTriggers, auditStoreForCommands, metaFor, testWriter } from '../support/audit.js';
import { testLogger } from '../support/servers.js';

/*
 * `npm run audit:verify` run as an operator runs it, over a checkpoint folder
 * holding a partner city's receipts (witnesses.jsonl) beside the checkpoints.
 * The receipts are signed here with a partner key made for the test, as the
 * partner's inbox signs them (tests/exchange/witness.test.ts sends them
 * between two real hubs).
 */

const audit = auditStoreForCommands('witnessed');
const { dataDir, target } = audit;
const config = parseEnv({ NODE_ENV: 'development', HUB_DATA_DIR: dataDir });
const dir = checkpointDirFromEnv(config);

let store: AuditDatabase;
let key: CheckpointKey;
let partner: CityIdentity;
let writer: AuditWriter;
const taken: SignedCheckpoint[] = [];

/** A line of witnesses.jsonl as the sending hub keeps it, with the partner's receipt for `signed`. */
async function witnessLine(signed: SignedCheckpoint, by: CityIdentity = partner): Promise<string> {
  const messageId = witnessMessageId(partner.code, signed.hash);
  const receipt = await signReceipt(by, '510100', [{ id: messageId, status: 'accepted', dropped: [], checkpoint: { seq: signed.checkpoint.seq, hash: signed.hash } }]);
  const line: WitnessLine = { city: '510100', partner: partner.code, partnerKey: partner.publicJwk, messageId, line: signed, receipt };
  return `${canonicalJson(line)}\n`;
}

const verify = () => audit.command('audit-verify.ts');

beforeAll(async () => {
  store = await openAuditDatabase(target, { migrate: true });
  key = await checkpointKeyFromEnv(config);
  partner = await generateCityIdentity('330100', '杭州市');
  const checkpointer = await Checkpointer.open(store, { dir, key, logger: testLogger, intervalMs: 0, onCheckpoint: (signed) => void taken.push(signed) });
  writer = testWriter(store, 'police');
  for (let round = 0; round < 2; round += 1) {
    await Promise.all(Array.from({ length: 3 }, (_, i) => writer.record(metaFor('police'), { type: 'Person', ids: [`resident-${round}-${i}`], fields: ['name'] })));
    await checkpointer.checkpoint('interval');
  }
  await checkpointer.stop();
  await writer.close();
  expect(taken).toHaveLength(2);
  writeFileSync(path.join(dir, WITNESS_FILE), (await witnessLine(taken[0]!)) + (await witnessLine(taken[1]!)));
}, 120_000);

afterAll(async () => {
  await store?.close().catch(() => undefined);
  await audit.remove();
});

describe('npm run audit:verify with checkpoints witnessed by a partner city', () => {
  it('names the partner’s witness and a rollback hidden by cutting the checkpoint file, and a receipt the partner did not sign', async () => {
    const [first] = taken as [SignedCheckpoint, SignedCheckpoint];
    const head = first.checkpoint.heads.find((h) => h.writerId === writer.writerId)!;
    await asOwnerWithoutTriggers(store, [
      sql`DELETE FROM audit_events WHERE writer_id = ${writer.writerId} AND seq > ${head.seq}`,
      sql`UPDATE audit_chain_heads SET last_seq = ${head.seq}, last_hash = ${head.hash} WHERE writer_id = ${writer.writerId}`,
    ]);
    const file = path.join(dir, CHECKPOINT_FILE);
    const lines = readFileSync(file, 'utf8').trimEnd().split('\n');
    writeFileSync(file, `${lines[0]}\n`);
    await store.close();

    const cut = await verify();
    expect(cut.code).toBe(1);
    expect(cut.stdout).toMatch(new RegExp(`^checkpoint-cut .*${CHECKPOINT_FILE}: city 330100 witnessed checkpoint 2 of .* but the file ends at checkpoint 1`, 'm'));
    expect(cut.stdout).toMatch(new RegExp(`^truncated ${writer.writerId} seq ${head.seq + 1}: checkpoint 2 signed this chain up to seq`, 'm'));
    expect(cut.stderr).toContain(`witnessed by city 330100 (key ${partner.fingerprint}) up to checkpoint 2`);

    // Without the receipts the same store and file pass: only the witness tells.
    const receipts = readFileSync(path.join(dir, WITNESS_FILE), 'utf8');
    rmSync(path.join(dir, WITNESS_FILE));
    const unwitnessed = await verify();
    expect(unwitnessed.code).toBe(0);
    expect(unwitnessed.stderr).toMatch(/^intact: .*no checkpoint witnessed by a partner city/m);

    // A receipt signed by a key other than the partner's it names proves nothing, and is named.
    const stranger = await generateCityIdentity('330100', '杭州市');
    writeFileSync(path.join(dir, WITNESS_FILE), receipts.split('\n')[0]! + '\n');
    appendFileSync(path.join(dir, WITNESS_FILE), (await witnessLine(first, stranger)));
    const forged = await verify();
    expect(forged.code).toBe(1);
    expect(forged.stdout).toMatch(new RegExp(`^witness-forged .*${WITNESS_FILE} line 2: the receipt of 330100 does not verify`, 'm'));
  }, 300_000);
});
