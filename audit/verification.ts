import type { KeyObject } from 'node:crypto';
import path from 'node:path';
import type { VerificationReport } from './api.js';
import { readArchives, type ArchiveLog } from './archive.js';
import { CHECKPOINT_FILE, describeCheckpointLogProblem, describeWitnessProblem, readCheckpointLog, type CheckpointLog, type SignedCheckpoint, type WitnessProblem } from './checkpoint.js';
import type { AuditDatabase } from './database.js';
import { describeProblem, verifyAuditStore } from './verify.js';
import { describeWitnessLogProblem, verifyWithWitnesses, WITNESS_FILE, type CheckedWitness, type WitnessLog, type WitnessLogReader } from './witnesses.js';

/**
 * Verification of the audit store held to the evidence kept outside it, the
 * one code path of both `npm run audit:verify` and the auditVerification
 * query: the signed checkpoints, the receipts of the partner cities that
 * witnessed them, and the signed archives of months taken out of the store.
 * Without the checkpoint public key none of these can be checked, and each
 * chain is held only to its own hashes, which the database's owner can
 * recompute.
 */

export interface EvidenceSources {
  /** checkpoints.jsonl */
  checkpointFile: string;
  /** witnesses.jsonl: the receipts partner cities signed for the checkpoints they witnessed. */
  witnessFile: string;
  /** How that file is read and its receipts checked: the exchange's own format (exchange/witness.ts's readWitnessLog). */
  readWitnessLog: WitnessLogReader;
  /** Where archived months are (audit-YYYY-MM.archive.json and their events). */
  archiveDir: string;
  /** The public half of the checkpoint key; null when there is none to check anything with. */
  publicKey: KeyObject | null;
}

/** The hub's own layout: checkpoints.jsonl, witnesses.jsonl and archives/ side by side in the checkpoint folder. */
export function evidenceIn(dir: string, publicKey: KeyObject | null, readWitnessLog: WitnessLogReader): EvidenceSources {
  return { checkpointFile: path.join(dir, CHECKPOINT_FILE), witnessFile: path.join(dir, WITNESS_FILE), readWitnessLog, archiveDir: path.join(dir, 'archives'), publicKey };
}

export interface HeldVerification {
  /** Every chain intact, and the checkpoints, receipts and archives check out and agree with each other. */
  ok: boolean;
  /** The chains, held to every signed head and continued from the archives. */
  report: VerificationReport;
  /** Null without a public key. */
  checkpoints: CheckpointLog | null;
  witnesses: WitnessLog | null;
  /** Witnessed checkpoints the checkpoint file no longer holds, or holds otherwise. */
  witnessProblems: WitnessProblem[];
  archives: ArchiveLog | null;
  /** The latest checkpoint of the file: what the chains were held to. */
  latest: SignedCheckpoint | null;
  /** Per partner city, the latest checkpoint it witnessed, by partner code. */
  latestWitnesses: CheckedWitness[];
  /**
   * What is wrong with the evidence itself, one line each as the command
   * prints them, files named as `name` gives them (the command gives paths,
   * the query bare file names).
   */
  evidenceProblems: string[];
  /** The chains' problems, one line each. */
  chainProblems: string[];
}

export interface HeldVerificationOptions {
  writerId?: string;
  pageSize?: number;
  /** How a file is named in a problem's line; the whole path by default. */
  name?: (file: string) => string;
}

export async function verifyHeldToEvidence(database: AuditDatabase, sources: EvidenceSources, options: HeldVerificationOptions = {}): Promise<HeldVerification> {
  const name = options.name ?? ((file: string) => file);
  const { publicKey } = sources;
  const [checkpoints, witnesses, archives] = publicKey
    ? await Promise.all([readCheckpointLog(sources.checkpointFile, publicKey), sources.readWitnessLog(sources.witnessFile, publicKey), readArchives(sources.archiveDir, publicKey)])
    : [null, null, null];
  const verifyOptions = {
    ...(options.writerId !== undefined ? { writerId: options.writerId } : {}),
    ...(options.pageSize !== undefined ? { pageSize: options.pageSize } : {}),
    ...(archives ? { archived: archives.ends } : {}),
  };
  // What partners witnessed anchors the chains too: a checkpoint cut from the file still holds them to what it signed.
  const checked = checkpoints ? await verifyWithWitnesses(database, checkpoints, witnesses?.witnesses ?? [], verifyOptions) : null;
  const report = checked?.report ?? (await verifyAuditStore(database, verifyOptions));
  const witnessProblems = checked?.witnessProblems ?? [];

  const latestByPartner = new Map<string, CheckedWitness>();
  for (const w of witnesses?.witnesses ?? []) {
    if ((latestByPartner.get(w.partner)?.line.checkpoint.seq ?? 0) < w.line.checkpoint.seq) latestByPartner.set(w.partner, w);
  }
  const evidenceProblems = [
    ...(checkpoints?.problems ?? []).map((p) => describeCheckpointLogProblem(name(sources.checkpointFile), p)),
    ...(witnesses?.problems ?? []).map((p) => describeWitnessLogProblem(name(sources.witnessFile), p)),
    ...witnessProblems.map((p) => describeWitnessProblem(name(sources.checkpointFile), p)),
    ...(archives?.problems ?? []),
  ];
  return {
    ok: report.ok && evidenceProblems.length === 0,
    report,
    checkpoints,
    witnesses,
    witnessProblems,
    archives,
    latest: checkpoints?.checkpoints.at(-1) ?? null,
    latestWitnesses: [...latestByPartner.values()].sort((a, b) => (a.partner < b.partner ? -1 : a.partner > b.partner ? 1 : 0)),
    evidenceProblems,
    chainProblems: report.problems.map(describeProblem),
  };
}

/** The command's closing line: how many events and chains, what they were held to. */
export function describeVerification(held: HeldVerification, sources: EvidenceSources): string {
  const { report } = held;
  const latest = held.latest?.checkpoint;
  const anchored = latest
    ? `; held to checkpoint ${latest.seq} of ${latest.at} (${latest.heads.length} chain heads signed)`
    : `; no signed checkpoint${held.checkpoints ? ` in ${sources.checkpointFile}` : ' key found'}: each chain was held only to its own hashes, which the database's owner can recompute`;
  const byPartners =
    held.latestWitnesses.length === 0
      ? '; no checkpoint witnessed by a partner city'
      : `; witnessed by ${held.latestWitnesses.map((w) => `city ${w.partner} (key ${w.partnerFingerprint}) up to checkpoint ${w.line.checkpoint.seq} (${w.line.hash})`).join(', ')}`;
  const months = held.archives?.archives ?? [];
  const first = months[0];
  const last = months.at(-1);
  const archived = first && last ? `; continuing ${months.length} archived months (${first.archive.month} to ${last.archive.month})` : '';
  return `${held.ok ? 'intact' : 'BROKEN'}: ${report.events.toLocaleString('en')} events in ${report.chains} chains, verified in ${report.ms} ms${anchored}${byPartners}${archived}`;
}
