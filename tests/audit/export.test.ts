import { generateKeyPairSync } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GENESIS_HASH } from '../../audit/chain.js';
import { openAuditDatabase } from '../../audit/database.js';
import { exportAuditRange, verifyExportFile, type ExportManifest, type ExportSigningKey } from '../../audit/export.js';
import type { AuditWriter } from '../../audit/writer.js';
import { asOwnerWithoutTriggers, auditStoreForCommands, metaFor, testWriter } from '../support/audit.js';

/*
 * The store lives where the commands find it — a PGlite folder under a data
 * folder of its own, or a fresh PostgreSQL database — so `npm run audit:export`
 * and `npm run audit:verify` are run as an operator would run them.
 */

const audit = auditStoreForCommands('export', { poolSize: 2 });
const { dataDir, target } = audit;
const command = audit.command;

const { privateKey, publicKey } = generateKeyPairSync('ed25519');
const signingKey: ExportSigningKey = { privateKey, keyId: 'test-key' };
const wholeDay = { from: new Date(Date.now() - 86_400_000), to: new Date(Date.now() + 86_400_000) };
let middle: Date;
const writerIds: string[] = [];

const file = (name: string) => path.join(dataDir, name);
const lines = (name: string) => readFileSync(file(name), 'utf8').trimEnd().split('\n');
const writeLines = (name: string, content: string[]) => writeFileSync(file(name), `${content.join('\n')}\n`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

beforeAll(async () => {
  const store = await openAuditDatabase(target, { migrate: true });
  const writers: AuditWriter[] = ['police', 'housing', 'gateway'].map((component) => testWriter(store, component));
  const burst = () =>
    Promise.all(writers.flatMap((writer) => Array.from({ length: 10 }, (_, i) => writer.record(metaFor('police'), { type: 'Person', ids: [`r-${i}`], fields: ['name'] }))));
  await burst();
  await sleep(10);
  middle = new Date();
  await sleep(10);
  await burst();
  writerIds.push(...writers.map((w) => w.writerId));
  await Promise.all(writers.map((w) => w.close()));
  await store.close();
}, 60_000);

afterAll(async () => {
  await audit.remove();
});

describe('an audit export', () => {
  let manifest: ExportManifest;

  beforeAll(async () => {
    const store = await openAuditDatabase(target, { migrate: false });
    try {
      manifest = await exportAuditRange(store, { ...wholeDay, out: file('whole.jsonl'), key: signingKey, pageSize: 7 });
      await exportAuditRange(store, { from: middle, to: wholeDay.to, out: file('later.jsonl'), key: signingKey });
    } finally {
      await store.close();
    }
  });

  it('holds every event of the range chain by chain, in seq order, then a signed manifest that verifies offline', async () => {
    const content = lines('whole.jsonl');
    expect(content).toHaveLength(61);
    const events = content.slice(0, -1).map((line) => JSON.parse(line) as { writerId: string; seq: number });
    for (const writerId of writerIds) {
      const seqs = events.filter((e) => e.writerId === writerId).map((e) => e.seq);
      expect(seqs).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    }
    expect(manifest.events).toBe(60);
    expect(manifest.chains.map((c) => [c.writerId, c.events, c.firstSeq, c.lastSeq, c.firstPrevHash])).toEqual(
      [...writerIds].sort().map((id) => [id, 20, 1, 20, GENESIS_HASH]),
    );
    const check = await verifyExportFile(file('whole.jsonl'), publicKey);
    expect(check).toMatchObject({ ok: true, events: 60, chains: 3, problems: [] });
  });

  it('verifies a range that starts mid-chain: each segment links up from the hash it follows', async () => {
    const check = await verifyExportFile(file('later.jsonl'), publicKey);
    expect(check.problems).toEqual([]);
    expect(check.events).toBe(30);
    for (const chain of check.manifest!.chains) {
      expect(chain).toMatchObject({ events: 10, firstSeq: 11, lastSeq: 20 });
      expect(chain.firstPrevHash).not.toBe(GENESIS_HASH);
    }
  });

  it('fails when one event line is changed: the digest and the chain both say so', async () => {
    const content = lines('whole.jsonl');
    content[4] = content[4]!.replace('"r-', '"x-');
    writeLines('edited.jsonl', content);
    const check = await verifyExportFile(file('edited.jsonl'), publicKey);
    expect(check.ok).toBe(false);
    expect(check.problems).toEqual(expect.arrayContaining([expect.stringMatching(/^digest:/), expect.stringMatching(/^line 5: edited .* seq 5/)]));
  });

  it('fails when a line is removed', async () => {
    const content = lines('whole.jsonl');
    content.splice(2, 1);
    writeLines('removed.jsonl', content);
    const check = await verifyExportFile(file('removed.jsonl'), publicKey);
    expect(check.problems).toEqual(expect.arrayContaining([expect.stringMatching(/^digest:/), expect.stringMatching(/^count:/), expect.stringMatching(/gap .* seq 3/)]));
  });

  it('fails when the signature is changed, the manifest is changed, or another key is used', async () => {
    const content = lines('whole.jsonl');
    const trailer = JSON.parse(content.at(-1)!) as { manifest: ExportManifest; signature: string };
    const flipped = `${trailer.signature[0] === 'A' ? 'B' : 'A'}${trailer.signature.slice(1)}`;
    writeLines('signature.jsonl', [...content.slice(0, -1), JSON.stringify({ ...trailer, signature: flipped })]);
    expect((await verifyExportFile(file('signature.jsonl'), publicKey)).problems).toEqual([expect.stringMatching(/^signature:/)]);

    writeLines('manifest.jsonl', [...content.slice(0, -1), JSON.stringify({ ...trailer, manifest: { ...trailer.manifest, to: new Date().toISOString() } })]);
    expect((await verifyExportFile(file('manifest.jsonl'), publicKey)).problems).toEqual([expect.stringMatching(/^signature:/)]);

    const stranger = generateKeyPairSync('ed25519').publicKey;
    expect((await verifyExportFile(file('whole.jsonl'), stranger)).problems).toEqual([expect.stringMatching(/^signature:/)]);
  });
});

describe('the audit commands', () => {
  it('export a range signed with the development key, and verify it offline: 0 when intact, 1 with one line per problem when not', async () => {
    const exported = await command('audit-export.ts', ['--from', wholeDay.from.toISOString(), '--to', wholeDay.to.toISOString(), '--out', file('cli.jsonl')]);
    expect(exported.stderr).toBe('');
    expect(exported.code).toBe(0);
    expect(exported.stdout).toContain('Wrote 60 events of 3 chains');
    const key = path.join(dataDir, 'keys', 'audit-export.public.jwk.json');
    expect(exported.stdout).toContain(key);
    expect(JSON.parse(readFileSync(key, 'utf8'))).not.toHaveProperty('d');

    const intact = await command('audit-verify.ts', ['--file', file('cli.jsonl'), '--key', key]);
    expect(intact).toMatchObject({ code: 0, stdout: '' });
    expect(intact.stderr).toMatch(/^intact: 60 events in 3 chain segments/);

    const content = lines('cli.jsonl');
    content[10] = content[10]!.replace('"police-test-user"', '"someone-else"');
    writeLines('cli-edited.jsonl', content);
    const broken = await command('audit-verify.ts', ['--file', file('cli-edited.jsonl'), '--key', key]);
    expect(broken.code).toBe(1);
    expect(broken.stdout.trimEnd().split('\n')).toEqual([expect.stringMatching(/^line 11: edited /), expect.stringMatching(/^digest:/)]);
  });

  it('verify the store: 0 when intact, 1 naming the writer and seq when an event was edited', async () => {
    const intact = await command('audit-verify.ts', []);
    expect(intact).toMatchObject({ code: 0, stdout: '' });
    expect(intact.stderr).toMatch(/^intact: 60 events in 3 chains/);

    const store = await openAuditDatabase(target, { migrate: false });
    try {
      await asOwnerWithoutTriggers(store, [sql`UPDATE audit_events SET record_ids = ARRAY['someone-else'] WHERE writer_id = ${writerIds[1]!} AND seq = 12`]);
    } finally {
      await store.close();
    }
    const broken = await command('audit-verify.ts', []);
    expect(broken.code).toBe(1);
    expect(broken.stdout).toBe(`edited ${writerIds[1]} seq 12: seq 12 no longer matches its hash: its content was changed\n`);
  });

  it('refuses a malformed command line with status 2 and one line saying what is wrong', async () => {
    const result = await command('audit-export.ts', ['--from', 'yesterday', '--to', wholeDay.to.toISOString(), '--out', file('x.jsonl')]);
    expect(result.code).toBe(2);
    expect(result.stderr.split('\n')[0]).toMatch(/^--from must be an ISO 8601 instant/);
  });
});
