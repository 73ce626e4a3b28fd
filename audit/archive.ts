import { createHash, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import { mkdir, readdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { canonicalJson, GENESIS_HASH } from './chain.js';
import { anchorsOf, type SignedCheckpoint } from './checkpoint.js';
import type { AuditDatabase } from './database.js';
import { exportAuditRange, verifyExportFile, type ChainSegment, type ExportSigningKey } from './export.js';
import { rowsOf } from './read.js';
import { verifyAuditStore } from './verify.js';

/**
 * Archives of whole months of the audit log, taken out of the store.
 *
 * Audit events are partitioned by month (migration 0001,
 * `audit_ensure_partition`). A month is archived as a signed export of its
 * events (audit/export.ts: `audit-YYYY-MM.jsonl`, every chain segment with the
 * hash its first event follows and the hash of its last) and a manifest
 * beside it, `audit-YYYY-MM.archive.json`, signed with the checkpoint key:
 *
 *   { "archive": { format, month, file, fileSha256, chains: [segments], checkpoint: { seq, hash, at } },
 *     "signature": base64url(Ed25519(canonical_json(archive))) }
 *
 * where `checkpoint` is a signed checkpoint whose heads reach past every
 * segment: the archived events are vouched for by the same chain of
 * checkpoints as the store. Only then is the month's partition detached and
 * dropped. The verifier starts each chain where the archives left it: the
 * first remaining event must follow the last archived hash.
 */

export const ARCHIVE_FORMAT = 'population-data-hub/audit-archive/1';

export interface ArchiveManifest {
  format: typeof ARCHIVE_FORMAT;
  /** YYYY-MM */
  month: string;
  file: string;
  fileSha256: string;
  chains: ChainSegment[];
  checkpoint: { seq: number; hash: string; at: string };
}

export interface SignedArchive {
  archive: ArchiveManifest;
  signature: string;
}

export const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

const monthStart = (month: string): Date => new Date(`${month}-01T00:00:00.000Z`);
const nextMonth = (month: string): Date => {
  const d = monthStart(month);
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1));
};

/** A month the store cannot archive, or a store that must not be archived from; the message says why. */
export class ArchiveRefused extends Error {}

/** The month partitions before `before` (YYYY-MM), oldest first. */
export async function monthPartitionsBefore(database: AuditDatabase, before: string): Promise<string[]> {
  const result = await database.db.execute<{ name: string }>(sql`
    SELECT c.relname AS name FROM pg_inherits i
    JOIN pg_class c ON c.oid = i.inhrelid
    JOIN pg_class p ON p.oid = i.inhparent
    WHERE p.relname = 'audit_events' AND c.relname ~ '^audit_events_[0-9]{4}_[0-9]{2}$'`);
  return rowsOf<{ name: string }>(result)
    .map((r) => r.name.slice('audit_events_'.length).replace('_', '-'))
    .filter((month) => month < before)
    .sort();
}

export interface ArchiveOptions {
  /** Months strictly before this one (YYYY-MM) are archived. */
  before: string;
  /** Where archives are written. */
  dir: string;
  /** Signs the events file, as an export. */
  exportKey: ExportSigningKey;
  /** Signs the archive manifest: the checkpoint key. */
  checkpointKey: { privateKey: KeyObject; publicKey: KeyObject };
  /** The signed checkpoints (checked): the latest must cover every archived segment. */
  checkpoints: readonly SignedCheckpoint[];
}

/**
 * Archives and drops every month partition before `before`. Refuses, having
 * dropped nothing, when the store does not verify against the checkpoints,
 * when events of those months sit in the default partition (they could not
 * be dropped with their month), or when no checkpoint covers a month yet.
 */
export async function archiveMonths(database: AuditDatabase, options: ArchiveOptions): Promise<SignedArchive[]> {
  if (!MONTH.test(options.before)) throw new ArchiveRefused(`--before must be a month as YYYY-MM, not ${JSON.stringify(options.before).slice(0, 40)}`);
  const months = await monthPartitionsBefore(database, options.before);
  if (months.length === 0) return [];
  const stray = rowsOf<{ n: number }>(
    await database.db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM audit_events_default WHERE occurred_at < ${monthStart(options.before).toISOString()}::timestamptz`),
  )[0]?.n;
  if (stray) throw new ArchiveRefused(`${stray} events before ${options.before} are in the default partition, not a month's: archiving would leave a hole in their chains`);
  const latest = options.checkpoints.at(-1);
  if (!latest) throw new ArchiveRefused('there is no signed checkpoint to vouch for the archives: wait for the next one');
  const archived = await readArchives(options.dir, options.checkpointKey.publicKey);
  const report = await verifyAuditStore(database, { anchors: anchorsOf(options.checkpoints), archived: archived.ends });
  if (!report.ok) throw new ArchiveRefused(`the audit store does not verify (${report.problems.length} problems; run npm run audit:verify): nothing is archived from a broken log`);

  await mkdir(options.dir, { recursive: true, mode: 0o700 });
  const heads = new Map(latest.checkpoint.heads.map((h) => [h.writerId, h.seq]));
  const done: SignedArchive[] = [];
  for (const month of months) {
    const name = `audit-${month}.jsonl`;
    const file = path.join(options.dir, name);
    const partial = `${file}.partial`;
    const exported = await exportAuditRange(database, { from: monthStart(month), to: nextMonth(month), out: partial, key: options.exportKey });
    const uncovered = exported.chains.find((c) => (heads.get(c.writerId) ?? 0) < c.lastSeq);
    if (uncovered) throw new ArchiveRefused(`checkpoint ${latest.checkpoint.seq} does not reach ${uncovered.writerId} seq ${uncovered.lastSeq} of ${month}: wait for the next checkpoint`);
    const check = await verifyExportFile(partial, createPublicKey(options.exportKey.privateKey));
    if (!check.ok) throw new ArchiveRefused(`the archive of ${month} does not verify: ${check.problems[0]}`);
    const manifest: ArchiveManifest = {
      format: ARCHIVE_FORMAT,
      month,
      file: name,
      fileSha256: createHash('sha256').update(await readFile(partial)).digest('hex'),
      chains: exported.chains,
      checkpoint: { seq: latest.checkpoint.seq, hash: latest.hash, at: latest.checkpoint.at },
    };
    const signed: SignedArchive = { archive: manifest, signature: sign(null, Buffer.from(canonicalJson(manifest), 'utf8'), options.checkpointKey.privateKey).toString('base64url') };
    await rename(partial, file);
    await writeFile(path.join(options.dir, `audit-${month}.archive.json`), `${canonicalJson(signed)}\n`, { mode: 0o644 });
    // Written and signed first; only then is the month taken out of the store.
    const partition = `audit_events_${month.replace('-', '_')}`;
    await database.db.execute(sql.raw(`ALTER TABLE audit_events DETACH PARTITION "${partition}"`));
    await database.db.execute(sql.raw(`DROP TABLE "${partition}"`));
    done.push(signed);
  }
  return done;
}


export interface ArchiveLog {
  archives: SignedArchive[];
  problems: string[];
  /** Per chain, where the archives end: the verifier starts the chain after it. */
  ends: Map<string, { seq: number; hash: string }>;
}

/**
 * Reads the archive manifests of a folder: each must verify with the
 * checkpoint key and its events file must have the hash it names. The
 * segments of one chain must follow each other month after month.
 */
export async function readArchives(dir: string, publicKey: KeyObject): Promise<ArchiveLog> {
  let names: string[];
  try {
    names = (await readdir(dir)).filter((n) => /^audit-\d{4}-\d{2}\.archive\.json$/.test(n)).sort();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { archives: [], problems: [], ends: new Map() };
    throw error;
  }
  const archives: SignedArchive[] = [];
  const problems: string[] = [];
  const ends = new Map<string, { seq: number; hash: string }>();
  for (const name of names) {
    let signed: SignedArchive;
    try {
      signed = JSON.parse(await readFile(path.join(dir, name), 'utf8')) as SignedArchive;
      if (typeof signed.signature !== 'string' || signed.archive?.format !== ARCHIVE_FORMAT || !Array.isArray(signed.archive.chains)) throw new Error();
    } catch {
      problems.push(`archive-unreadable ${name}: not a signed archive manifest`);
      continue;
    }
    if (!verify(null, Buffer.from(canonicalJson(signed.archive), 'utf8'), publicKey, Buffer.from(signed.signature, 'base64url'))) {
      problems.push(`archive-forged ${name}: the manifest was not signed by the checkpoint key, or was changed after signing`);
      continue;
    }
    let content: Buffer;
    try {
      content = await readFile(path.join(dir, path.basename(signed.archive.file)));
    } catch {
      problems.push(`archive-missing ${name}: its events file ${signed.archive.file} is gone`);
      continue;
    }
    if (createHash('sha256').update(content).digest('hex') !== signed.archive.fileSha256) {
      problems.push(`archive-forged ${name}: ${signed.archive.file} is not the file the manifest signed`);
      continue;
    }
    for (const segment of signed.archive.chains) {
      const before = ends.get(segment.writerId);
      if (before && (segment.firstSeq !== before.seq + 1 || segment.firstPrevHash !== before.hash)) {
        problems.push(`archive-unlinked ${name}: ${segment.writerId} seq ${segment.firstSeq} does not follow the archived seq ${before.seq}`);
      } else if (!before && (segment.firstSeq !== 1 || segment.firstPrevHash !== GENESIS_HASH)) {
        problems.push(`archive-unlinked ${name}: ${segment.writerId} starts at seq ${segment.firstSeq}, but no archive holds the events before it`);
      }
      ends.set(segment.writerId, { seq: segment.lastSeq, hash: segment.lastHash });
    }
    archives.push(signed);
  }
  return { archives, problems, ends };
}
