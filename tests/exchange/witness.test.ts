import { generateKeyPairSync, createPublicKey } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import type { JWK } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHECKPOINT_FILE, Checkpointer, readCheckpointLog, signCheckpoint, type CheckpointKey, type SignedCheckpoint } from '../../audit/checkpoint.js';
import { chainEvents } from '../../audit/read.js';
import type { AuditWriter } from '../../audit/writer.js';
import { inboundMessages, witnessedCheckpoints } from '../../exchange/db/schema.js';
import { publicKeyFingerprint, signNotice, verifyReceipt } from '../../exchange/signing.js';
import { verifyWithWitnesses, WITNESS_FILE } from '../../audit/witnesses.js';
import { AUDIT_CHECKPOINT, CheckpointWitnesses, readWitnessLog, witnessMessageId, type WitnessLine } from '../../exchange/witness.js';
import { asOwnerWithoutTriggers, metaFor, testWriter } from '../support/audit.js';
import { graphql } from '../support/graphql.js';
import { startTestHub, type TestHub } from '../support/hub.js';
import { testLogger } from '../support/servers.js';

/**
 * Two hubs as two cities (Chengdu 510100, Hangzhou 330100), partners of each
 * other. Chengdu signs checkpoints of its audit chains and has Hangzhou
 * witness them over the signed exchange; then Chengdu's database owner rolls
 * a chain back and cuts the checkpoint file to hide it.
 */

let chengdu: TestHub;
let hangzhou: TestHub;
let dir: string;
let key: CheckpointKey;
let checkpointer: Checkpointer;
let witnesses: CheckpointWitnesses;
let writer: AuditWriter;
const taken: SignedCheckpoint[] = [];

const AGREEMENTS = [{ messageType: 'INFLOW_NOTICE', fields: ['idNumber', 'name'] }];

async function register(hub: TestHub, partner: TestHub) {
  const response = await graphql(
    hub.gatewayUrl,
    `mutation($input: AddExchangePartnerInput!) { addExchangePartner(input: $input) { partner { code status } } }`,
    { input: { code: partner.exchange.identity.code, name: partner.exchange.identity.name, inboxUrl: partner.exchange.inboxUrl, publicKey: JSON.stringify(partner.exchange.identity.publicJwk), agreements: AGREEMENTS } },
    await hub.headers('admin', 'inter-city-exchange'),
  );
  expect(response.body.errors).toBeUndefined();
}

async function record(count: number) {
  await Promise.all(Array.from({ length: count }, (_, i) => writer.record(metaFor('police'), { type: 'Person', ids: [`resident-${i}`], fields: ['name'] })));
}

/** Takes a checkpoint and waits until the partners had their chance to witness it. */
async function checkpoint(): Promise<SignedCheckpoint> {
  const signed = await checkpointer.checkpoint('interval');
  expect(signed).not.toBeNull();
  await witnesses.idle();
  taken.push(signed!);
  return signed!;
}

const witnessLines = (): WitnessLine[] =>
  readFileSync(path.join(dir, WITNESS_FILE), 'utf8')
    .trimEnd()
    .split('\n')
    .map((line) => JSON.parse(line) as WitnessLine);

const publicJwk = () => {
  const { kty, crv, x } = key.publicKey.export({ format: 'jwk' }) as JWK;
  return { kty, crv, x };
};

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'hub-witness-'));
  [chengdu, hangzhou] = await Promise.all([
    startTestHub({ cityCode: '510100', key: 'witness-chengdu', persons: 20 }),
    startTestHub({ cityCode: '330100', key: 'witness-hangzhou', persons: 20 }),
  ]);
  await register(chengdu, hangzhou);
  await register(hangzhou, chengdu);
  const privateKey = generateKeyPairSync('ed25519').privateKey;
  const publicKey = createPublicKey(privateKey);
  key = { privateKey, publicKey, keyId: await publicKeyFingerprint(publicKey.export({ format: 'jwk' })) };
  witnesses = new CheckpointWitnesses({ identity: chengdu.exchange.identity, store: chengdu.exchange.store, dir, checkpointPublicKey: key.publicKey, logger: testLogger });
  checkpointer = await Checkpointer.open(chengdu.audit.database, { dir, key, logger: testLogger, intervalMs: 0, onCheckpoint: (signed) => void witnesses.witness(signed) });
  writer = testWriter(chengdu.audit.database, 'police');
}, 300_000);

afterAll(async () => {
  await checkpointer?.stop().catch(() => undefined);
  await writer?.close().catch(() => undefined);
  await Promise.all([chengdu?.close(), hangzhou?.close()]);
  rmSync(dir, { recursive: true, force: true });
});

describe('partner cities witnessing audit checkpoints', () => {
  it('sends each checkpoint to the partner city, which keeps it, and keeps the partner’s signed receipt beside the checkpoint', async () => {
    await record(4);
    const signed = await checkpoint();

    const [kept] = await hangzhou.exchange.database.db.select().from(witnessedCheckpoints);
    expect(kept).toMatchObject({ partnerCode: '510100', checkpointSeq: signed.checkpoint.seq, checkpointHash: signed.hash, keyId: key.keyId, messageId: witnessMessageId('330100', signed.hash) });
    expect(kept!.line).toEqual(signed);
    // A checkpoint is no notice about a resident: nothing of it lands among them.
    expect(await hangzhou.exchange.database.db.select().from(inboundMessages)).toEqual([]);

    const [line] = witnessLines();
    expect(line).toMatchObject({ city: '510100', partner: '330100', line: signed });
    const entries = await verifyReceipt(line!.receipt, hangzhou.exchange.identity.publicJwk, { partner: '330100', sender: '510100' });
    expect(entries).toEqual([{ id: line!.messageId, status: 'accepted', dropped: [], checkpoint: { seq: signed.checkpoint.seq, hash: signed.hash } }]);

    const log = await readWitnessLog(path.join(dir, WITNESS_FILE), key.publicKey);
    expect(log.problems).toEqual([]);
    expect(log.witnesses).toEqual([{ partner: '330100', partnerFingerprint: hangzhou.exchange.identity.fingerprint, line: signed, fileLine: 1 }]);
  });

  it('sends the partner chain heads named without the host any writer runs on', async () => {
    const rows = await hangzhou.exchange.database.db.select().from(witnessedCheckpoints);
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      const { heads } = (row.line as unknown as SignedCheckpoint).checkpoint;
      // The test's own writer and the hub's gateway and exchange writers, which recorded the partnership.
      expect(heads.length).toBeGreaterThanOrEqual(2);
      for (const { writerId } of heads) {
        expect(writerId).toMatch(/^[a-z]+:\d+:[0-9a-f]{8}$/);
        expect(writerId.split(':')).not.toContain(hostname());
      }
    }
  });

  it('sends a checkpoint a partner already witnessed only once, and a repeated delivery changes nothing at the partner', async () => {
    const [signed] = taken as [SignedCheckpoint];
    // A hub restarted over the same folder reads the receipts it kept and does not send again.
    const restarted = new CheckpointWitnesses({ identity: chengdu.exchange.identity, store: chengdu.exchange.store, dir, checkpointPublicKey: key.publicKey, logger: testLogger });
    expect(await restarted.witness(signed)).toEqual({ witnessed: [], failed: [] });
    expect(witnessLines()).toHaveLength(1);

    const message = await signNotice(chengdu.exchange.identity, '330100', {
      id: witnessMessageId('330100', signed.hash),
      type: AUDIT_CHECKPOINT,
      occurredAt: new Date(signed.checkpoint.at),
      payload: { line: signed, publicKey: publicJwk() },
    });
    const response = await fetch(hangzhou.exchange.inboxUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ messages: [message] }) });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { results: unknown[] };
    expect(body.results).toEqual([{ id: witnessMessageId('330100', signed.hash), status: 'duplicate', dropped: [], checkpoint: { seq: signed.checkpoint.seq, hash: signed.hash } }]);
    expect(await hangzhou.exchange.database.db.select().from(witnessedCheckpoints)).toHaveLength(1);
  });

  it('refuses a checkpoint whose line does not match its signature, naming the field, and keeps nothing', async () => {
    const [signed] = taken as [SignedCheckpoint];
    const cases: [string, unknown][] = [
      ['line.hash', { line: { ...signed, checkpoint: { ...signed.checkpoint, heads: [] } }, publicKey: publicJwk() }],
      ['line.signature', { line: { ...signed, signature: signed.signature.replace(/^./, (c) => (c === 'A' ? 'B' : 'A')) }, publicKey: publicJwk() }],
      ['publicKey', { line: signed, publicKey: { ...publicJwk(), x: (createPublicKey(generateKeyPairSync('ed25519').privateKey).export({ format: 'jwk' }) as JWK).x } }],
      ['line.checkpoint.heads.0.seq', { line: { ...signed, checkpoint: { ...signed.checkpoint, heads: [{ writerId: 'police:x', seq: -1, hash: signed.hash }] } }, publicKey: publicJwk() }],
    ];
    for (const [field, payload] of cases) {
      const message = await signNotice(chengdu.exchange.identity, '330100', { id: crypto.randomUUID(), type: AUDIT_CHECKPOINT, occurredAt: new Date(), payload: payload as Record<string, unknown> });
      const response = await fetch(hangzhou.exchange.inboxUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ messages: [message] }) });
      expect(response.status).toBe(400);
      const body = (await response.json()) as { error: { code: string; field: string } };
      expect(body.error).toMatchObject({ code: 'BAD_NOTICE', field: `messages[0].data.${field}` });
    }
    expect(await hangzhou.exchange.database.db.select().from(witnessedCheckpoints)).toHaveLength(1);
  });

  it('names a chain rolled back together with the checkpoint file’s cut tail, which without the witness verifies as intact', async () => {
    await record(3);
    const second = await checkpoint();
    expect(witnessLines().map((l) => l.line.checkpoint.seq)).toEqual([1, second.checkpoint.seq]);

    // The attack: the chain wound back to what checkpoint 1 signed, and checkpoint 2 cut from the file.
    const first = taken[0]!;
    const signedHead = first.checkpoint.heads.find((h) => h.writerId === writer.writerId)!;
    await asOwnerWithoutTriggers(chengdu.audit.database, [
      sql`DELETE FROM audit_events WHERE writer_id = ${writer.writerId} AND seq > ${signedHead.seq}`,
      sql`UPDATE audit_chain_heads SET last_seq = ${signedHead.seq}, last_hash = ${signedHead.hash} WHERE writer_id = ${writer.writerId}`,
    ]);
    const file = path.join(dir, CHECKPOINT_FILE);
    const lines = readFileSync(file, 'utf8').trimEnd().split('\n');
    writeFileSync(file, `${lines.slice(0, -1).join('\n')}\n`);
    const remaining = [];
    for await (const event of chainEvents(chengdu.audit.database, writer.writerId)) remaining.push(event.seq);
    expect(remaining.at(-1)).toBe(signedHead.seq);

    // Without witnesses the cut file checks out and the store agrees with it.
    const log = await readCheckpointLog(file, key.publicKey);
    expect(log.problems).toEqual([]);
    const alone = await verifyWithWitnesses(chengdu.audit.database, log, []);
    expect(alone.ok).toBe(true);

    // The receipts kept beside the checkpoints name it.
    const kept = await readWitnessLog(path.join(dir, WITNESS_FILE), key.publicKey);
    const held = await verifyWithWitnesses(chengdu.audit.database, log, kept.witnesses);
    expect(held.ok).toBe(false);
    expect(held.witnessProblems).toEqual([
      { partner: '330100', seq: second.checkpoint.seq, problem: 'cut', detail: expect.stringMatching(/witnessed checkpoint 2 .* but the file ends at checkpoint 1/) },
    ]);
    expect(held.report.problems).toEqual([expect.objectContaining({ writerId: writer.writerId, problem: 'truncated', seq: signedHead.seq + 1 })]);

    // So does the partner's own copy, should the receipts have been cut as well.
    const rows = await hangzhou.exchange.store.witnessedCheckpointsOf('510100');
    const theirs = await verifyWithWitnesses(
      chengdu.audit.database,
      log,
      rows.map((row) => ({ partner: '330100', line: row.line as unknown as SignedCheckpoint })),
    );
    expect(theirs.witnessProblems.map((p) => [p.problem, p.seq])).toEqual([['cut', second.checkpoint.seq]]);
    expect(theirs.report.problems.map((p) => [p.writerId, p.problem])).toEqual([[writer.writerId, 'truncated']]);
  });

  it('witnesses a checkpoint of a hub that has known a thousand chains, larger than any notice', async () => {
    const heads = Array.from({ length: 1_000 }, (_, i) => ({ writerId: `police:hub-${String(i).padStart(4, '0')}:4242:9f2c01ab`, seq: i + 1, hash: 'c'.repeat(64) }));
    const large = signCheckpoint({ ...taken[0]!.checkpoint, seq: 1_000, heads }, key.privateKey);
    const message = await signNotice(chengdu.exchange.identity, '330100', { id: witnessMessageId('330100', large.hash), type: AUDIT_CHECKPOINT, occurredAt: new Date(), payload: { line: large, publicKey: publicJwk() } });
    expect(message.length).toBeGreaterThan(64_000);
    const response = await fetch(hangzhou.exchange.inboxUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ messages: [message] }) });
    expect(response.status).toBe(200);
    const [kept] = await hangzhou.exchange.store.witnessedCheckpointsOf('510100', 1);
    expect(kept).toMatchObject({ checkpointSeq: 1_000, checkpointHash: large.hash });
  });

  it('keeps no receipt from a partner that could not be reached, and sends it the latest checkpoint once it is back', async () => {
    const detour = { inboxUrl: hangzhou.exchange.inboxUrl };
    await chengdu.exchange.store.updatePartner('330100', { inboxUrl: 'http://127.0.0.1:9/exchange/v1/inbox' });
    const fresh = new CheckpointWitnesses({ identity: chengdu.exchange.identity, store: chengdu.exchange.store, dir: path.join(dir, 'elsewhere'), checkpointPublicKey: key.publicKey, logger: testLogger });
    const latest = taken.at(-1)!;
    expect(await fresh.witness(latest)).toEqual({ witnessed: [], failed: ['330100'] });
    await chengdu.exchange.store.updatePartner('330100', detour);
    expect(await fresh.retry()).toEqual({ witnessed: ['330100'], failed: [] });
    const [line] = readFileSync(path.join(dir, 'elsewhere', WITNESS_FILE), 'utf8').trimEnd().split('\n');
    expect((JSON.parse(line!) as WitnessLine).line.hash).toBe(latest.hash);
  });
});
