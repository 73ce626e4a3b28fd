import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCheckpointSigner } from '../../hub/checkpoint-signer.js';
import { CHECKPOINT_FILE, checkpointKeyFromEnv, readCheckpointLog, type CheckpointKey, type SignedCheckpoint } from '../../audit/checkpoint.js';
import { verifyHeldToEvidence } from '../../audit/verification.js';
import { auditEvidence } from '../../hub/config.js';
import type { AuditWriter } from '../../audit/writer.js';
import { exchangeSchema } from '../../exchange/database.js';
import { witnessedCheckpoints } from '../../exchange/db/schema.js';
import { generateCityIdentity } from '../../exchange/identity.js';
import type { CityIdentity } from '../../exchange/signing.js';
import { ExchangeStore } from '../../exchange/store.js';
import { WITNESS_FILE } from '../../audit/witnesses.js';
import { readWitnessLog } from '../../exchange/witness.js';
import { parseEnv } from '../../hub/env.js';
import { metaFor, openTestAuditStore, testWriter, type TestAuditStore } from '../support/audit.js';
import { openTestDatabase, type TestDatabase } from '../support/databases.js';
import { graphql } from '../support/graphql.js';
import { startTestHub, type TestHub } from '../support/hub.js';
import { testLogger } from '../support/servers.js';

/*
 * The checkpoint signer of a deployment whose writers run as processes of
 * their own (docker compose's `audit-checkpoint`), started in-process on real
 * databases: this city's audit store and exchange store. It has every
 * checkpoint it signs witnessed by the partner cities in the exchange store,
 * as the hub in one process does; the partner is a whole hub of its own.
 */

const dataDir = mkdtempSync(path.join(tmpdir(), 'hub-checkpoint-signer-'));
const config = parseEnv({ NODE_ENV: 'development', HUB_DATA_DIR: dataDir });
const dir = path.join(dataDir, 'checkpoints');

let hangzhou: TestHub;
let audit: TestAuditStore;
let exchange: TestDatabase<typeof exchangeSchema>;
let chengdu: CityIdentity;
let key: CheckpointKey;
let writer: AuditWriter;

const AGREEMENTS = [{ messageType: 'INFLOW_NOTICE', fields: ['idNumber', 'name'] }];

async function record(count: number): Promise<void> {
  await Promise.all(Array.from({ length: count }, (_, i) => writer.record(metaFor('police'), { type: 'Person', ids: [`resident-${i}`], fields: ['name'] })));
}

const witnessedAtPartner = async () => (await hangzhou.exchange.database.db.select().from(witnessedCheckpoints)).map((row) => [row.checkpointSeq, row.checkpointHash]);

beforeAll(async () => {
  [hangzhou, audit, exchange, chengdu, key] = await Promise.all([
    startTestHub({ cityCode: '330100', key: 'signer-hangzhou', persons: 5 }),
    openTestAuditStore(),
    openTestDatabase('exchange', exchangeSchema),
    generateCityIdentity('510100', '成都市'),
    checkpointKeyFromEnv(config),
  ]);
  // Each city registers the other, as administrators do.
  await new ExchangeStore(exchange.db).insertPartner({
    code: '330100',
    name: '杭州市',
    inboxUrl: hangzhou.exchange.inboxUrl,
    publicKey: hangzhou.exchange.identity.publicJwk,
    keyFingerprint: hangzhou.exchange.identity.fingerprint,
    status: 'ACTIVE',
    agreement: { INFLOW_NOTICE: ['idNumber', 'name'] },
  });
  const response = await graphql(
    hangzhou.gatewayUrl,
    `mutation($input: AddExchangePartnerInput!) { addExchangePartner(input: $input) { partner { code } } }`,
    { input: { code: chengdu.code, name: chengdu.name, inboxUrl: 'https://hub.chengdu.example/exchange/v1/inbox', publicKey: JSON.stringify(chengdu.publicJwk), agreements: AGREEMENTS } },
    await hangzhou.headers('admin', 'inter-city-exchange'),
  );
  expect(response.body.errors).toBeUndefined();
  writer = testWriter(audit, 'police');
  await record(3);
}, 240_000);

afterAll(async () => {
  await writer?.close().catch(() => undefined);
  await Promise.all([hangzhou?.close(), audit?.destroy(), exchange?.destroy()]);
  rmSync(dataDir, { recursive: true, force: true });
});

describe('the checkpoint signer run as a process of its own', () => {
  it('has the checkpoint it signs on start witnessed by the partner city, and keeps the receipt beside the checkpoints', async () => {
    const signer = await startCheckpointSigner({ database: audit, dir, key, logger: testLogger, intervalMs: 0, witnessing: { identity: chengdu, store: new ExchangeStore(exchange.db) } });
    const first = signer.checkpointer.latest!;
    expect(first.checkpoint.reason).toBe('start');
    await signer.witnesses!.idle();
    expect(await witnessedAtPartner()).toEqual([[first.checkpoint.seq, first.hash]]);

    // What it signs when stopped is witnessed before it is done stopping.
    await record(2);
    const last = await signer.stop();
    expect(last?.checkpoint.reason).toBe('shutdown');
    expect(await witnessedAtPartner()).toEqual([
      [first.checkpoint.seq, first.hash],
      [last!.checkpoint.seq, last!.hash],
    ]);

    const receipts = await readWitnessLog(path.join(dir, WITNESS_FILE), key.publicKey);
    expect(receipts.problems).toEqual([]);
    expect(receipts.witnesses.map((w) => [w.partner, w.line.checkpoint.seq])).toEqual([
      ['330100', first.checkpoint.seq],
      ['330100', last!.checkpoint.seq],
    ]);
    // And the verifier holds the store to them.
    const held = await verifyHeldToEvidence(audit, auditEvidence(dir, key.publicKey));
    expect(held.ok).toBe(true);
    expect(held.latestWitnesses.map((w) => [w.partner, w.line.checkpoint.seq])).toEqual([['330100', last!.checkpoint.seq]]);
  });

  it('sends a partner that missed a checkpoint the latest one when started again', async () => {
    const store = new ExchangeStore(exchange.db);
    await store.updatePartner('330100', { inboxUrl: 'http://127.0.0.1:9/exchange/v1/inbox' });
    await record(1);
    const unreachable = await startCheckpointSigner({ database: audit, dir, key, logger: testLogger, intervalMs: 0, witnessing: { identity: chengdu, store } });
    await unreachable.witnesses!.idle();
    const missed: SignedCheckpoint = unreachable.checkpointer.latest!;
    await unreachable.stop();
    expect((await witnessedAtPartner()).map(([seq]) => seq)).not.toContain(missed.checkpoint.seq);

    await store.updatePartner('330100', { inboxUrl: hangzhou.exchange.inboxUrl });
    const again = await startCheckpointSigner({ database: audit, dir, key, logger: testLogger, intervalMs: 0, witnessing: { identity: chengdu, store } });
    await again.witnesses!.idle();
    await again.stop();
    expect((await witnessedAtPartner()).map(([seq]) => seq)).toContain(missed.checkpoint.seq);
  });

  it('still signs where the deployment has no exchange to reach partners through', async () => {
    const alone = path.join(dataDir, 'alone');
    await record(1);
    const signer = await startCheckpointSigner({ database: audit, dir: alone, key, logger: testLogger, intervalMs: 0 });
    expect(signer.witnesses).toBeNull();
    await signer.stop();
    const log = await readCheckpointLog(path.join(alone, CHECKPOINT_FILE), key.publicKey);
    expect(log.checkpoints.map((c) => c.checkpoint.reason)).toEqual(['start']);
    expect(existsSync(path.join(alone, WITNESS_FILE))).toBe(false);
    expect(readFileSync(path.join(alone, CHECKPOINT_FILE), 'utf8')).not.toBe('');
  });
});
