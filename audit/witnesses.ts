import type { KeyObject } from 'node:crypto';
import type { VerificationReport } from './api.js';
import { anchorsOf, witnessProblems, type CheckpointLog, type SignedCheckpoint, type WitnessProblem } from './checkpoint.js';
import type { AuditDatabase } from './database.js';
import { verifyAuditStore, type VerifyOptions } from './verify.js';

/**
 * What partner cities witnessed of this city's checkpoints, as the audit
 * verifier holds the store to it. The receipts themselves are the exchange's
 * (exchange/witness.ts sends checkpoints to partners, keeps their signed
 * receipts in the witnesses file and reads them back): the verifier is handed
 * a reader for that file and relies only on what it returns.
 */

/** Kept beside checkpoints.jsonl in the checkpoint folder. */
export const WITNESS_FILE = 'witnesses.jsonl';

/** A witness a verifier can rely on: the partner's receipt verifies and names this checkpoint. */
export interface CheckedWitness {
  partner: string;
  /** The partner's key fingerprint, for the auditor to confirm with the partner. */
  partnerFingerprint: string;
  line: SignedCheckpoint;
  /** Line of the witnesses file, from 1. */
  fileLine: number;
}

export interface WitnessLogProblem {
  line: number;
  problem: 'unreadable' | 'forged';
  detail: string;
}

export interface WitnessLog {
  file: string;
  exists: boolean;
  witnesses: CheckedWitness[];
  problems: WitnessLogProblem[];
}

/**
 * Reads a witnesses file, keeping only witnesses whose receipts verify and
 * name a checkpoint signed by `checkpointKey` (exchange/witness.ts's
 * readWitnessLog); with `tailBytes`, only its latest lines.
 */
export type WitnessLogReader = (file: string, checkpointKey: KeyObject, options?: { tailBytes?: number }) => Promise<WitnessLog>;

/** For a deployment with no partner cities, or nothing to check receipts against: no witnesses at all. */
export const noWitnessLog: WitnessLogReader = async (file) => ({ file, exists: false, witnesses: [], problems: [] });

export function describeWitnessLogProblem(file: string, problem: WitnessLogProblem): string {
  return `witness-${problem.problem} ${file} line ${problem.line}: ${problem.detail}`;
}

export interface AnchoredVerification {
  report: VerificationReport;
  /** Witnessed checkpoints the file no longer holds, or holds otherwise. */
  witnessProblems: WitnessProblem[];
  ok: boolean;
}

/**
 * Verifies the audit store held to its checkpoint file and to what partners
 * witnessed: a witnessed checkpoint anchors the chains even once it is cut
 * from the file, so a rollback to the file's last checkpoint is still named.
 */
export async function verifyWithWitnesses(
  database: AuditDatabase,
  log: CheckpointLog,
  witnesses: readonly { partner: string; line: SignedCheckpoint }[],
  options: Omit<VerifyOptions, 'anchors'> = {},
): Promise<AnchoredVerification> {
  const report = await verifyAuditStore(database, { ...options, anchors: anchorsOf([...log.checkpoints, ...witnesses.map((w) => w.line)]) });
  const problems = witnessProblems(log, witnesses);
  return { report, witnessProblems: problems, ok: report.ok && problems.length === 0 && log.problems.length === 0 };
}
