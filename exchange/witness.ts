import { createHash, createPublicKey, verify as verifySignature, type KeyObject } from 'node:crypto';
import { mkdir, open, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { JWK } from 'jose';
import { z } from 'zod';
import { canonicalJson, sha256Hex } from '../audit/chain.js';
import { CHECKPOINT_FORMAT, type SignedCheckpoint } from '../audit/checkpoint.js';
import { WITNESS_FILE, type CheckedWitness, type WitnessLog, type WitnessLogProblem } from '../audit/witnesses.js';
import type { Logger } from '../platform/logger.js';
import { readTailLines } from '../platform/file-tail.js';
import type { PartnerRow } from './db/schema.js';
import { publicKeyFingerprint, signNotice, verifyReceipt, type CityIdentity } from './signing.js';
import type { ExchangeStore } from './store.js';

/**
 * Partner cities as witnesses of this city's audit checkpoints.
 *
 * A checkpoint file kept outside the audit database stops its owner from
 * rewriting a chain quietly, but whoever can write the checkpoint folder can
 * still cut the file's last lines and roll the chains back to the checkpoint
 * left at its end. So each checkpoint is also sent to every active partner
 * over the signed exchange, as an AUDIT_CHECKPOINT message carrying the
 * signed checkpoint line and the checkpoint public key (no resident data:
 * chain heads name writers, sequence numbers and hashes). The partner checks
 * the line's signature, keeps it in its own store, and answers with its
 * signed receipt naming the checkpoint's seq and hash. The receipt is kept
 * here, beside the checkpoint, in `witnesses.jsonl`:
 *
 *   { "city", "partner", "partnerKey": <the partner's public JWK>, "messageId",
 *     "line": <the signed checkpoint line>, "receipt": <the partner's signed receipt> }
 *
 * `npm run audit:verify` holds the checkpoint file to these receipts: a
 * witnessed checkpoint the file no longer holds means its tail was cut, and
 * the witnessed heads are anchors the store must still reach. Cutting this
 * file too hides nothing from the partner, whose copy an auditor asks for.
 */

export const AUDIT_CHECKPOINT = 'AUDIT_CHECKPOINT' as const;
/**
 * A bound on what a partner may make this city store. A checkpoint names every chain head the hub
 * has known (a new one per writer per process start), about 175 characters each once signed; this
 * many fit the inbox's per-message limit.
 */
const MAX_HEADS = 5_000;

const zHex64 = z.string().regex(/^[0-9a-f]{64}$/, 'must be 64 hex digits');
const zWriterId = z.string().min(1).max(200).regex(/^[\x21-\x7e]+$/, 'must be printable ASCII without spaces');

/** An AUDIT_CHECKPOINT message's data, as a partner's inbox checks it. */
export const WitnessPayload = z
  .object({
    line: z
      .object({
        checkpoint: z
          .object({
            format: z.literal(CHECKPOINT_FORMAT),
            seq: z.number().int().positive().max(Number.MAX_SAFE_INTEGER),
            at: z.iso.datetime(),
            prevHash: zHex64,
            keyId: z.string().min(1).max(100),
            reason: z.enum(['start', 'interval', 'chain-end', 'shutdown']),
            heads: z.array(z.object({ writerId: zWriterId, seq: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER), hash: zHex64 }).strict()).max(MAX_HEADS),
          })
          .strict(),
        hash: zHex64,
        signature: z.string().regex(/^[A-Za-z0-9_-]{86}$/, 'must be a base64url Ed25519 signature'),
      })
      .strict(),
    publicKey: z.object({ kty: z.literal('OKP'), crv: z.literal('Ed25519'), x: z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'must be a base64url Ed25519 public key') }),
  })
  .strict();

export type WitnessPayload = z.infer<typeof WitnessPayload>;

/** What the recipient's receipt says of a witnessed checkpoint. */
export interface WitnessedEntry {
  seq: number;
  hash: string;
}

/**
 * Checks an AUDIT_CHECKPOINT message's data: its shape, that the line hashes
 * to its hash, that the key is the one the line names, and that the
 * signature holds. Returns the checked payload, or the field at fault.
 */
export async function checkWitnessPayload(data: unknown): Promise<{ ok: true; payload: WitnessPayload } | { ok: false; field: string; reason: string }> {
  const parsed = WitnessPayload.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, field: issue?.path.join('.') || 'data', reason: issue?.message ?? 'is invalid' };
  }
  const { line, publicKey } = parsed.data;
  const text = canonicalJson(line.checkpoint);
  if (sha256Hex(text) !== line.hash) return { ok: false, field: 'line.hash', reason: 'is not the hash of the checkpoint' };
  if ((await publicKeyFingerprint(publicKey)) !== line.checkpoint.keyId) return { ok: false, field: 'publicKey', reason: 'is not the key the checkpoint names (keyId)' };
  let key: KeyObject;
  try {
    key = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: publicKey.x }, format: 'jwk' });
  } catch {
    return { ok: false, field: 'publicKey', reason: 'is not a usable Ed25519 public key' };
  }
  if (!verifySignature(null, Buffer.from(text, 'utf8'), key, Buffer.from(line.signature, 'base64url'))) {
    return { ok: false, field: 'line.signature', reason: 'does not verify with the checkpoint key' };
  }
  return { ok: true, payload: parsed.data };
}

/** One checkpoint sent to one partner is one message id: sending it again is a duplicate the partner acknowledges and ignores. */
export function witnessMessageId(partnerCode: string, checkpointHash: string): string {
  const hex = createHash('sha256').update(`audit-checkpoint:${partnerCode}:${checkpointHash}`).digest('hex');
  // Shaped as a version-8 (custom) UUID, which the exchange's message ids must be.
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${((parseInt(hex.charAt(16), 16) & 0x3) | 0x8).toString(16)}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** A line of the witnesses file. */
export interface WitnessLine {
  city: string;
  partner: string;
  partnerKey: JWK;
  messageId: string;
  line: SignedCheckpoint;
  receipt: string;
}

export interface WitnessOptions {
  identity: CityIdentity;
  store: ExchangeStore;
  /** The checkpoint folder: the receipts are kept beside checkpoints.jsonl. */
  dir: string;
  /** The public half of the checkpoint key, sent with each checkpoint so the partner can check its signature. */
  checkpointPublicKey: KeyObject;
  logger: Logger;
  timeoutMs?: number;
}

export interface WitnessReport {
  /** Partners whose receipt for the checkpoint is now kept. */
  witnessed: string[];
  /** Partners that did not answer with a receipt this time; the next call tries again. */
  failed: string[];
}

/**
 * Sends checkpoints to every active partner and keeps their receipts. Only
 * the latest checkpoint needs witnessing (each names the one before by its
 * hash), so a partner that was down is sent the latest one when it is back,
 * and nothing is queued: the checkpoint file and the receipts are the state.
 */
export class CheckpointWitnesses {
  private queue: Promise<unknown> = Promise.resolve();
  /** The highest checkpoint seq each partner's receipt is kept for. */
  private highest: Map<string, number> | null = null;
  private latest: SignedCheckpoint | null = null;

  constructor(private readonly options: WitnessOptions) {}

  get file(): string {
    return path.join(this.options.dir, WITNESS_FILE);
  }

  /** Has `signed` witnessed by every active partner that has not witnessed it (or a later one) yet. Calls run one after another. */
  witness(signed: SignedCheckpoint): Promise<WitnessReport> {
    if (!this.latest || signed.checkpoint.seq > this.latest.checkpoint.seq) this.latest = signed;
    const next = this.queue.then(() => this.send(signed));
    this.queue = next.catch(() => undefined);
    // Never rejects: a checkpoint is taken whether or not partners can witness it now, and the next call tries again.
    return next.catch((error: unknown) => {
      this.options.logger.error({ err: error, checkpoint: signed.checkpoint.seq }, 'could not send an audit checkpoint to partner cities; will send again');
      return { witnessed: [], failed: [] };
    });
  }

  /** Resolves once the sending in progress is over: before the exchange store closes. */
  async idle(): Promise<void> {
    await this.queue;
  }

  /** Sends the latest checkpoint seen again to partners that have no receipt for it (a partner that was down, or added since). */
  retry(): Promise<WitnessReport> {
    return this.latest ? this.witness(this.latest) : Promise.resolve({ witnessed: [], failed: [] });
  }

  private async send(signed: SignedCheckpoint): Promise<WitnessReport> {
    const highest = (this.highest ??= await this.readHighest());
    const report: WitnessReport = { witnessed: [], failed: [] };
    const partners = (await this.options.store.activePartners()).filter((p) => (highest.get(p.code) ?? 0) < signed.checkpoint.seq);
    await Promise.all(
      partners.map(async (partner) => {
        try {
          await this.sendTo(partner, signed);
          highest.set(partner.code, Math.max(highest.get(partner.code) ?? 0, signed.checkpoint.seq));
          report.witnessed.push(partner.code);
        } catch (error) {
          report.failed.push(partner.code);
          this.options.logger.warn({ partner: partner.code, checkpoint: signed.checkpoint.seq, reason: (error as Error).message }, 'audit checkpoint not witnessed by partner; will send again');
        }
      }),
    );
    return report;
  }

  private async sendTo(partner: PartnerRow, signed: SignedCheckpoint): Promise<void> {
    const { identity } = this.options;
    const id = witnessMessageId(partner.code, signed.hash);
    const { x } = exportJwk(this.options.checkpointPublicKey);
    // The key is the public half of the one checkpoints are signed with, which was read as Ed25519: without `x` the hub was wired wrongly.
    if (x === undefined) throw new Error('the audit checkpoint public key is not an Ed25519 key');
    const payload: WitnessPayload = { line: signed, publicKey: { kty: 'OKP', crv: 'Ed25519', x } };
    const message = await signNotice(identity, partner.code, { id, type: AUDIT_CHECKPOINT, occurredAt: new Date(signed.checkpoint.at), payload });
    let response: Response;
    try {
      response = await fetch(partner.inboxUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ messages: [message] }),
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 10_000),
      });
    } catch (error) {
      const cause = (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).name;
      throw new Error(`partner inbox unreachable (${cause})`, { cause: error });
    }
    const body = (await response.json().catch(() => null)) as { receipt?: unknown; error?: { code?: string; message?: string } } | null;
    if (!response.ok) throw new Error(`partner refused (HTTP ${response.status}${body?.error?.code ? ` ${body.error.code}` : ''}): ${body?.error?.message ?? 'no reason given'}`.slice(0, 500));
    if (typeof body?.receipt !== 'string') throw new Error('no receipt');
    const entries = await verifyReceipt(body.receipt, partner.publicKey, { partner: partner.code, sender: identity.code });
    const entry = entries.find((e) => e.id === id);
    if (entry?.checkpoint?.seq !== signed.checkpoint.seq || entry.checkpoint.hash !== signed.hash) throw new Error('the receipt does not name the checkpoint sent');
    const line: WitnessLine = { city: identity.code, partner: partner.code, partnerKey: partner.publicKey, messageId: id, line: signed, receipt: body.receipt };
    await mkdir(this.options.dir, { recursive: true, mode: 0o700 });
    const handle = await open(this.file, 'a', 0o644);
    try {
      await handle.write(`${canonicalJson(line)}\n`);
      await handle.sync();
    } finally {
      await handle.close();
    }
  }

  private async readHighest(): Promise<Map<string, number>> {
    const highest = new Map<string, number>();
    let text = '';
    try {
      text = await readFile(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    for (const raw of text.split('\n')) {
      try {
        const line = JSON.parse(raw) as Partial<WitnessLine>;
        const seq = line.line?.checkpoint?.seq;
        if (typeof line.partner === 'string' && typeof seq === 'number') highest.set(line.partner, Math.max(highest.get(line.partner) ?? 0, seq));
      } catch {
        // A line that does not read is the verifier's to name; here it only means that partner is sent the checkpoint again.
      }
    }
    return highest;
  }
}

/**
 * Reads a witnesses file: each line's receipt must verify with the partner
 * key it carries and name the line's checkpoint, and the checkpoint must be
 * signed by the checkpoint key. What passes is evidence that the checkpoint
 * existed when the partner signed; a forged line could only claim more
 * checkpoints than there were, never hide one.
 */
export async function readWitnessLog(file: string, checkpointKey: KeyObject, options: { tailBytes?: number } = {}): Promise<WitnessLog> {
  let lines: string[];
  if (options.tailBytes !== undefined) {
    // Only the latest receipts (the audit overview's): line numbers then count from the start of the tail.
    const tail = await readTailLines(file, options.tailBytes);
    if (tail === null) return { file, exists: false, witnesses: [], problems: [] };
    lines = tail;
  } else {
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { file, exists: false, witnesses: [], problems: [] };
      throw error;
    }
    lines = text.split('\n');
    lines.pop(); // after the last newline: empty, or a line still being appended
  }
  const witnesses: CheckedWitness[] = [];
  const problems: WitnessLogProblem[] = [];
  for (const [index, raw] of lines.entries()) {
    const line = index + 1;
    let parsed: WitnessLine;
    try {
      parsed = JSON.parse(raw) as WitnessLine;
      if (typeof parsed.partner !== 'string' || typeof parsed.city !== 'string' || typeof parsed.receipt !== 'string' || typeof parsed.messageId !== 'string') throw new Error();
    } catch {
      problems.push({ line, problem: 'unreadable', detail: 'not a witness line' });
      continue;
    }
    const checked = await checkWitnessPayload({ line: parsed.line, publicKey: exportJwk(checkpointKey) });
    if (!checked.ok) {
      problems.push({ line, problem: 'forged', detail: `the checkpoint witnessed by ${parsed.partner}: ${checked.field} ${checked.reason}` });
      continue;
    }
    let entries;
    try {
      entries = await verifyReceipt(parsed.receipt, parsed.partnerKey, { partner: parsed.partner, sender: parsed.city });
    } catch {
      problems.push({ line, problem: 'forged', detail: `the receipt of ${parsed.partner} does not verify with the partner key it carries` });
      continue;
    }
    const entry = entries.find((e) => e.id === parsed.messageId);
    if (entry?.checkpoint?.seq !== parsed.line.checkpoint.seq || entry.checkpoint.hash !== parsed.line.hash) {
      problems.push({ line, problem: 'forged', detail: `the receipt of ${parsed.partner} does not name checkpoint ${parsed.line.checkpoint.seq}` });
      continue;
    }
    witnesses.push({ partner: parsed.partner, partnerFingerprint: await publicKeyFingerprint(parsed.partnerKey), line: parsed.line, fileLine: line });
  }
  return { file, exists: true, witnesses, problems };
}

/**
 * The checkpoint key as a witness payload carries it. A key that is not
 * Ed25519 has no `x`, and the payload's own check then names that field.
 */
function exportJwk(key: KeyObject): { kty: 'OKP'; crv: 'Ed25519'; x: string | undefined } {
  const { x } = key.export({ format: 'jwk' }) as JWK;
  return { kty: 'OKP', crv: 'Ed25519', x };
}

