import { verify } from 'node:crypto';
import { readTailLines } from '../../platform/file-tail.js';
import { canonicalJson, sha256Hex } from '../chain.js';
import type { SignedCheckpoint } from '../checkpoint.js';
import type { EvidenceSources } from '../verification.js';
import type { CheckedWitness } from '../witnesses.js';

/**
 * The log's integrity as the overview shows it, cheaply: the latest
 * checkpoint and the latest receipts of partner cities, read from the ends of
 * the checkpoint folder's files (which grow by a line a minute for years),
 * each line's signature checked. That the chains hold to them is what a
 * verification says (auditVerification, `npm run audit:verify`); the overview
 * shows the last one recorded.
 */

/** How much of the end of each file is read: the last checkpoint line, and a few hundred receipts. */
export const CHECKPOINT_TAIL_BYTES = 64 * 1024;
export const WITNESS_TAIL_BYTES = 512 * 1024;

export interface LatestEvidence {
  checkpoint: SignedCheckpoint | null;
  /** Per partner city, the latest checkpoint witnessed among the recent receipts, by partner code. */
  witnesses: CheckedWitness[];
}

/** The last line of the checkpoint file whose hash and signature hold, or null. */
async function latestCheckpoint(sources: EvidenceSources): Promise<SignedCheckpoint | null> {
  const { publicKey } = sources;
  if (!publicKey || sources.checkpointFile === '') return null;
  const lines = (await readTailLines(sources.checkpointFile, CHECKPOINT_TAIL_BYTES)) ?? [];
  for (const raw of lines.reverse()) {
    let line: SignedCheckpoint;
    try {
      line = JSON.parse(raw) as SignedCheckpoint;
    } catch {
      continue;
    }
    if (typeof line?.checkpoint !== 'object' || line.checkpoint === null || typeof line.hash !== 'string' || typeof line.signature !== 'string') continue;
    const text = canonicalJson(line.checkpoint);
    if (sha256Hex(text) === line.hash && verify(null, Buffer.from(text, 'utf8'), publicKey, Buffer.from(line.signature, 'base64url'))) return line;
  }
  return null;
}

export async function latestEvidence(sources: EvidenceSources): Promise<LatestEvidence> {
  const { publicKey } = sources;
  if (!publicKey) return { checkpoint: null, witnesses: [] };
  const [checkpoint, log] = await Promise.all([
    latestCheckpoint(sources),
    sources.witnessFile === '' ? null : sources.readWitnessLog(sources.witnessFile, publicKey, { tailBytes: WITNESS_TAIL_BYTES }),
  ]);
  const latest = new Map<string, CheckedWitness>();
  for (const witness of log?.witnesses ?? []) {
    if ((latest.get(witness.partner)?.line.checkpoint.seq ?? 0) < witness.line.checkpoint.seq) latest.set(witness.partner, witness);
  }
  return { checkpoint, witnesses: [...latest.values()].sort((a, b) => (a.partner < b.partner ? -1 : a.partner > b.partner ? 1 : 0)) };
}
