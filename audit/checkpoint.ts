import { createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, open, readFile } from 'node:fs/promises';
import path from 'node:path';
import { ensureAuditCheckpointKey } from '../auth/dev-keys.js';
import { lockDataFolder, type DataFolderLock } from '../platform/data-folder-lock.js';
import { EnvError, isDevelopment, type DeploymentEnv } from '../platform/env.js';
import type { Logger } from '../platform/logger.js';
import { canonicalJson, GENESIS_HASH, sha256Hex } from './chain.js';
import type { AuditDatabase } from './database.js';
import { readExportPublicKey, readExportSigningKey } from './export.js';
import { chainHeads } from './read.js';
import type { ChainAnchor, ChainAnchors } from './verify.js';

/**
 * Signed checkpoints of every chain head, kept outside the audit database.
 *
 * A hash chain proves only that events agree with each other: whoever may
 * write the audit database (its owner, with the append-only triggers turned
 * off) can edit an event, recompute every hash after it with audit/chain.ts
 * and move the head, or delete a chain's last events and wind its head back,
 * and the chain is intact again. A checkpoint pins each chain's head — writer,
 * seq, hash — under a signature by a key the database does not hold, in a
 * file the database owner cannot write. The verifier then holds every chain
 * to what was signed: events up to a signed seq must hash to the signed hash,
 * and no chain may end before its signed seq.
 *
 * Checkpoints form a chain of their own, one canonical-JSON line each in
 * `checkpoints.jsonl`:
 *
 *   { "checkpoint": { format, seq, at, prevHash, keyId, reason, heads: [{ writerId, seq, hash }] },
 *     "hash": sha256_hex(canonical_json(checkpoint)),
 *     "signature": base64url(Ed25519(canonical_json(checkpoint))) }
 *
 * where `seq` counts checkpoints from 1 and `prevHash` is the previous line's
 * `hash` (the genesis hash for the first), so a line removed from the middle
 * of the file, or two swapped, is named too.
 */

export const CHECKPOINT_FORMAT = 'population-data-hub/audit-checkpoint/1';
export const CHECKPOINT_FILE = 'checkpoints.jsonl';

export interface CheckpointHead {
  writerId: string;
  seq: number;
  hash: string;
}

export type CheckpointReason = 'start' | 'interval' | 'chain-end' | 'shutdown';

export interface Checkpoint {
  format: typeof CHECKPOINT_FORMAT;
  seq: number;
  at: string;
  prevHash: string;
  /** RFC 7638 thumbprint of the public key the signature verifies with. */
  keyId: string;
  reason: CheckpointReason;
  /** Every chain head known, sorted by writer id. */
  heads: CheckpointHead[];
}

export interface SignedCheckpoint {
  checkpoint: Checkpoint;
  hash: string;
  signature: string;
}

export interface CheckpointKey {
  privateKey: KeyObject;
  publicKey: KeyObject;
  keyId: string;
  /** Where the public half is, when the hub made the pair itself. */
  publicKeyFile?: string;
}

export function checkpointHash(checkpoint: Checkpoint): string {
  return sha256Hex(canonicalJson(checkpoint));
}

export function signCheckpoint(checkpoint: Checkpoint, privateKey: KeyObject): SignedCheckpoint {
  const text = canonicalJson(checkpoint);
  return { checkpoint, hash: sha256Hex(text), signature: sign(null, Buffer.from(text, 'utf8'), privateKey).toString('base64url') };
}

/** The variables naming the checkpoint folder and keys (hub/env.ts checks them). */
export interface CheckpointEnv extends DeploymentEnv {
  AUDIT_CHECKPOINT_DIR?: string | undefined;
  AUDIT_CHECKPOINT_KEY_FILE?: string | undefined;
  AUDIT_CHECKPOINT_PUBLIC_KEY_FILE?: string | undefined;
}

/** Where checkpoints go: AUDIT_CHECKPOINT_DIR, or in development the data folder's checkpoints/. */
export function checkpointDirFromEnv(env: CheckpointEnv): string {
  if (env.AUDIT_CHECKPOINT_DIR) return path.resolve(env.AUDIT_CHECKPOINT_DIR);
  if (!isDevelopment(env)) {
    throw new EnvError('AUDIT_CHECKPOINT_DIR is required in production: audit checkpoints must be kept outside the audit database, where its owner cannot write');
  }
  return path.resolve(env.HUB_DATA_DIR, 'checkpoints');
}

/** The signing key: AUDIT_CHECKPOINT_KEY_FILE, or in development a pair made on first use under the data folder's keys/. */
export async function checkpointKeyFromEnv(env: CheckpointEnv): Promise<CheckpointKey> {
  let file = env.AUDIT_CHECKPOINT_KEY_FILE;
  let publicKeyFile: string | undefined;
  if (!file) {
    if (!isDevelopment(env)) throw new EnvError('AUDIT_CHECKPOINT_KEY_FILE is required in production: the Ed25519 key audit checkpoints are signed with');
    ({ privateKeyFile: file, publicKeyFile } = await ensureAuditCheckpointKey(env.HUB_DATA_DIR));
  }
  try {
    const { privateKey, keyId } = await readExportSigningKey(file);
    return { privateKey, publicKey: createPublicKey(privateKey), keyId, ...(publicKeyFile ? { publicKeyFile } : {}) };
  } catch (error) {
    throw new EnvError(`Invalid environment variable AUDIT_CHECKPOINT_KEY_FILE=${JSON.stringify(file)}: ${(error as Error).message}`);
  }
}

/**
 * What the verifier checks signatures with, without ever making a key: a
 * public key file given to it, else AUDIT_CHECKPOINT_PUBLIC_KEY_FILE, else the
 * public half of AUDIT_CHECKPOINT_KEY_FILE, else the development public key if
 * the hub made one. Null when there is none.
 */
export async function checkpointPublicKey(env: CheckpointEnv, publicKeyFile?: string): Promise<KeyObject | null> {
  if (publicKeyFile) return readExportPublicKey(publicKeyFile);
  if (env.AUDIT_CHECKPOINT_PUBLIC_KEY_FILE) {
    try {
      return await readExportPublicKey(env.AUDIT_CHECKPOINT_PUBLIC_KEY_FILE);
    } catch (error) {
      throw new EnvError(`Invalid environment variable AUDIT_CHECKPOINT_PUBLIC_KEY_FILE=${JSON.stringify(env.AUDIT_CHECKPOINT_PUBLIC_KEY_FILE)}: ${(error as Error).message}`);
    }
  }
  if (env.AUDIT_CHECKPOINT_KEY_FILE) return createPublicKey((await readExportSigningKey(env.AUDIT_CHECKPOINT_KEY_FILE)).privateKey);
  const devPublic = path.resolve(env.HUB_DATA_DIR, 'keys', 'audit-checkpoint.public.jwk.json');
  return existsSync(devPublic) ? readExportPublicKey(devPublic) : null;
}

/** Something wrong with the checkpoint file itself. */
export interface CheckpointLogProblem {
  /** Line of the file, from 1. */
  line: number;
  problem: 'unreadable' | 'forged' | 'unlinked';
  detail: string;
}

export interface CheckpointLog {
  file: string;
  exists: boolean;
  /** Every line whose hash and signature hold, in file order: each is an anchor, whatever else is wrong with the file. */
  checkpoints: SignedCheckpoint[];
  problems: CheckpointLogProblem[];
}

function isCheckpointLine(value: unknown): value is SignedCheckpoint {
  const line = value as Partial<SignedCheckpoint> | null;
  const c = line?.checkpoint as Partial<Checkpoint> | undefined;
  return (
    typeof line === 'object' &&
    line !== null &&
    typeof line.hash === 'string' &&
    typeof line.signature === 'string' &&
    typeof c === 'object' &&
    c !== null &&
    Number.isSafeInteger(c.seq) &&
    typeof c.at === 'string' &&
    typeof c.prevHash === 'string' &&
    Array.isArray(c.heads) &&
    c.heads.every((h: Partial<CheckpointHead>) => typeof h?.writerId === 'string' && Number.isSafeInteger(h.seq) && typeof h.hash === 'string')
  );
}

/**
 * Reads and checks a checkpoint file against the public key: each line's
 * hash and signature, and that each line follows the one before (seq and
 * prevHash). A last line without its newline is one being written, not yet a
 * checkpoint.
 */
export async function readCheckpointLog(file: string, publicKey: KeyObject): Promise<CheckpointLog> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { file, exists: false, checkpoints: [], problems: [] };
    throw error;
  }
  const lines = text.split('\n');
  lines.pop(); // after the last newline: empty, or a line still being appended
  const checkpoints: SignedCheckpoint[] = [];
  const problems: CheckpointLogProblem[] = [];
  let previous: { seq: number; hash: string } = { seq: 0, hash: GENESIS_HASH };
  lines.forEach((raw, index) => {
    const line = index + 1;
    if (raw.trim() === '') {
      problems.push({ line, problem: 'unreadable', detail: 'an empty line stands where a checkpoint should be' });
      return;
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw);
    } catch {
      problems.push({ line, problem: 'unreadable', detail: 'not JSON' });
      return;
    }
    if (!isCheckpointLine(parsed)) {
      problems.push({ line, problem: 'unreadable', detail: 'not a signed checkpoint' });
      return;
    }
    const { checkpoint } = parsed;
    const text = canonicalJson(checkpoint);
    if (sha256Hex(text) !== parsed.hash) {
      problems.push({ line, problem: 'forged', detail: `checkpoint ${checkpoint.seq} does not match its hash: it was changed after signing` });
      return;
    }
    if (!verify(null, Buffer.from(text, 'utf8'), publicKey, Buffer.from(parsed.signature, 'base64url'))) {
      problems.push({ line, problem: 'forged', detail: `checkpoint ${checkpoint.seq} was not signed by the checkpoint key` });
      return;
    }
    if (checkpoint.seq !== previous.seq + 1 || checkpoint.prevHash !== previous.hash) {
      const missing = checkpoint.seq - previous.seq - 1;
      const what =
        missing === 1
          ? `checkpoint ${previous.seq + 1} is missing before it`
          : missing > 1
            ? `checkpoints ${previous.seq + 1}–${checkpoint.seq - 1} are missing before it`
            : `it does not follow checkpoint ${previous.seq}`;
      problems.push({ line, problem: 'unlinked', detail: `checkpoint ${checkpoint.seq}: ${what}: the file was cut or reordered` });
    }
    checkpoints.push(parsed);
    previous = { seq: checkpoint.seq, hash: parsed.hash };
  });
  return { file, exists: true, checkpoints, problems };
}

export function describeCheckpointLogProblem(file: string, problem: CheckpointLogProblem): string {
  return `checkpoint-${problem.problem} ${file} line ${problem.line}: ${problem.detail}`;
}

/** Every head each signed checkpoint vouches for, per chain: what the verifier holds the store to. */
export function anchorsOf(checkpoints: readonly SignedCheckpoint[]): ChainAnchors {
  const anchors = new Map<string, { bySeq: Map<number, ChainAnchor>; highest: ChainAnchor }>();
  for (const { checkpoint } of checkpoints) {
    for (const head of checkpoint.heads) {
      const anchor: ChainAnchor = { seq: head.seq, hash: head.hash, checkpoint: checkpoint.seq, at: checkpoint.at };
      const entry = anchors.get(head.writerId);
      if (!entry) {
        anchors.set(head.writerId, { bySeq: new Map([[head.seq, anchor]]), highest: anchor });
        continue;
      }
      // Two checkpoints disagreeing on one seq: the earlier signature stands, the later one is what the verifier will find wrong.
      if (!entry.bySeq.has(head.seq)) entry.bySeq.set(head.seq, anchor);
      if (head.seq > entry.highest.seq) entry.highest = anchor;
    }
  }
  return anchors;
}

/** A checkpoint a partner city signed a receipt for (exchange/witness.ts), as the verifier holds the file to it. */
export interface WitnessedCheckpoint {
  partner: string;
  line: SignedCheckpoint;
}

/** The checkpoint file disagrees with what a partner witnessed. */
export interface WitnessProblem {
  partner: string;
  /** The witnessed checkpoint's seq. */
  seq: number;
  problem: 'cut' | 'diverged';
  detail: string;
}

/**
 * Holds the checkpoint file to the checkpoints partners witnessed: a
 * witnessed checkpoint past the file's last one means the file's tail was
 * cut (what a rollback of the chains to an earlier checkpoint needs), and one
 * the file holds under another hash means the file was rewritten and
 * re-signed. Only the latest witness per partner is named: it covers the
 * ones before it.
 */
export function witnessProblems(log: CheckpointLog, witnessed: readonly WitnessedCheckpoint[]): WitnessProblem[] {
  const inFile = new Map(log.checkpoints.map((c) => [c.checkpoint.seq, c.hash]));
  const last = log.checkpoints.at(-1)?.checkpoint.seq ?? 0;
  const problems = new Map<string, WitnessProblem>();
  for (const { partner, line } of witnessed) {
    const { seq, at } = line.checkpoint;
    const held = inFile.get(seq);
    let problem: WitnessProblem | null = null;
    if (held === undefined && seq > last) {
      const ends = last === 0 ? 'the file holds no checkpoint' : `the file ends at checkpoint ${last}`;
      problem = { partner, seq, problem: 'cut', detail: `city ${partner} witnessed checkpoint ${seq} of ${at}, but ${ends}: its last checkpoints were deleted` };
    } else if (held !== undefined && held !== line.hash) {
      problem = { partner, seq, problem: 'diverged', detail: `city ${partner} witnessed checkpoint ${seq} of ${at} with another hash than the file holds: the file was rewritten` };
    }
    const earlier = problems.get(partner);
    if (problem && (!earlier || earlier.seq < seq)) problems.set(partner, problem);
  }
  return [...problems.values()].sort((a, b) => (a.partner < b.partner ? -1 : a.partner > b.partner ? 1 : 0));
}

export function describeWitnessProblem(file: string, problem: WitnessProblem): string {
  return `checkpoint-${problem.problem} ${file}: ${problem.detail}`;
}

export interface CheckpointerOptions {
  dir: string;
  key: CheckpointKey;
  logger: Logger;
  /** Between checkpoints; 0 takes them only when asked (a chain end, shutdown). */
  intervalMs: number;
  /** Told of each checkpoint once it is on disk, e.g. to have partner cities witness it. Errors are its own to handle. */
  onCheckpoint?: (signed: SignedCheckpoint) => void;
}

/** The checkpoint file holds a problem the checkpointer will not sign on top of. */
export class CheckpointLogBrokenError extends EnvError {}

/**
 * Takes checkpoints of the audit store's chain heads: at an interval, when
 * asked (a writer ended its chain), and when stopped. One process appends to
 * a checkpoint folder at a time (it holds the folder's lock), and each
 * checkpoint is appended and synced to disk before the next is taken.
 *
 * A head is never signed backwards: if the store's head of a chain is behind
 * (or differs from) what an earlier checkpoint signed, the earlier anchor is
 * kept and the discrepancy logged — the verifier will name the chain.
 */
export class Checkpointer {
  private queue: Promise<unknown> = Promise.resolve();
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;

  private constructor(
    private readonly database: AuditDatabase,
    private readonly options: CheckpointerOptions,
    private readonly lock: DataFolderLock,
    private latestCheckpoint: SignedCheckpoint | null,
    private readonly heads: Map<string, CheckpointHead>,
  ) {}

  /** The checkpoint file this checkpointer appends to. */
  get file(): string {
    return path.join(this.options.dir, CHECKPOINT_FILE);
  }

  get latest(): SignedCheckpoint | null {
    return this.latestCheckpoint;
  }

  /**
   * Takes the folder, reads the checkpoints already there and refuses to go
   * on from a file that does not check out: signing on top of a forged or cut
   * file would lend it the key's authority.
   */
  static async open(database: AuditDatabase, options: CheckpointerOptions): Promise<Checkpointer> {
    await mkdir(options.dir, { recursive: true, mode: 0o700 });
    const lock = lockDataFolder(options.dir);
    try {
      const file = path.join(options.dir, CHECKPOINT_FILE);
      const log = await readCheckpointLog(file, options.key.publicKey);
      const [problem] = log.problems;
      if (problem) {
        throw new CheckpointLogBrokenError(
          `${describeCheckpointLogProblem(file, problem)}. No checkpoint is signed on top of it: run npm run audit:verify to see every problem, keep the file as evidence and move it aside to start a new one`,
        );
      }
      const latest = log.checkpoints.at(-1) ?? null;
      const heads = new Map((latest?.checkpoint.heads ?? []).map((head) => [head.writerId, head]));
      return new Checkpointer(database, options, lock, latest, heads);
    } catch (error) {
      lock.release();
      throw error;
    }
  }

  /** Checkpoints every `intervalMs` from now on. */
  start(): void {
    if (this.options.intervalMs <= 0 || this.timer || this.stopped) return;
    this.timer = setInterval(() => void this.checkpoint('interval'), this.options.intervalMs);
    this.timer.unref();
  }

  /**
   * Signs and appends a checkpoint of every head, after whatever checkpoint
   * is being taken now. Resolves with it, or null when no head moved since the
   * last one (nothing new to vouch for) or the store could not be read (logged;
   * the next checkpoint takes it up).
   */
  checkpoint(reason: CheckpointReason): Promise<SignedCheckpoint | null> {
    if (this.stopped && reason !== 'shutdown') return Promise.resolve(null);
    const next = this.queue.then(() => this.take(reason));
    this.queue = next.catch(() => undefined);
    return next.catch((error: unknown) => {
      this.options.logger.error({ err: error, reason }, 'could not take an audit checkpoint; the next one will cover these chain heads');
      return null;
    });
  }

  /** Stops the interval, takes a last checkpoint and gives up the folder. */
  async stop(): Promise<SignedCheckpoint | null> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    if (this.stopped) return this.latestCheckpoint;
    const last = await this.checkpoint('shutdown');
    this.stopped = true;
    this.lock.release();
    return last;
  }

  private async take(reason: CheckpointReason): Promise<SignedCheckpoint | null> {
    let changed = false;
    for (const row of await chainHeads(this.database)) {
      const seq = Number(row.lastSeq);
      const signed = this.heads.get(row.writerId);
      if (signed && (seq < signed.seq || (seq === signed.seq && row.lastHash !== signed.hash))) {
        this.options.logger.error(
          { writerId: row.writerId, signedSeq: signed.seq, storeSeq: seq },
          'an audit chain head is behind, or differs from, what an earlier checkpoint signed: the chain was rewritten or rolled back; the signed head is kept',
        );
        continue;
      }
      if (signed && seq === signed.seq) continue;
      this.heads.set(row.writerId, { writerId: row.writerId, seq, hash: row.lastHash });
      changed = true;
    }
    if (!changed) return null;
    const previous = this.latestCheckpoint;
    const checkpoint: Checkpoint = {
      format: CHECKPOINT_FORMAT,
      seq: (previous?.checkpoint.seq ?? 0) + 1,
      at: new Date().toISOString(),
      prevHash: previous?.hash ?? GENESIS_HASH,
      keyId: this.options.key.keyId,
      reason,
      heads: [...this.heads.values()].sort((a, b) => (a.writerId < b.writerId ? -1 : a.writerId > b.writerId ? 1 : 0)),
    };
    const signed = signCheckpoint(checkpoint, this.options.key.privateKey);
    const handle = await open(this.file, 'a', 0o644);
    try {
      await handle.write(`${canonicalJson(signed)}\n`);
      await handle.sync();
    } finally {
      await handle.close();
    }
    this.latestCheckpoint = signed;
    try {
      this.options.onCheckpoint?.(signed);
    } catch (error) {
      this.options.logger.error({ err: error, checkpoint: checkpoint.seq }, 'a listener of audit checkpoints failed');
    }
    return signed;
  }
}
