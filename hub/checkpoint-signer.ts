import { Checkpointer, type CheckpointKey, type SignedCheckpoint } from '../audit/checkpoint.js';
import type { AuditDatabase } from '../audit/database.js';
import type { CityIdentity } from '../exchange/signing.js';
import type { ExchangeStore } from '../exchange/store.js';
import { CheckpointWitnesses } from '../exchange/witness.js';
import type { Logger } from '../platform/logger.js';

/**
 * The checkpoint signer, for the hub in one process (`npm start`) and for a
 * deployment whose writers run as processes of their own
 * (scripts/audit-checkpoint.ts, docker compose's `audit-checkpoint`): signs
 * every chain head at an interval and when stopped, and, where there are
 * partner cities, has each checkpoint witnessed by them — the partners from
 * the exchange store, each sent the checkpoint over the signed exchange under
 * this city's key, their receipts kept beside the checkpoints.
 */

export interface CheckpointSignerOptions {
  /** The audit store, read: the chain heads. */
  database: AuditDatabase;
  /** The checkpoint folder this signer holds alone. */
  dir: string;
  key: CheckpointKey;
  logger: Logger;
  /** Between checkpoints, and between sending the latest again to partners that missed it; 0: only at start and stop. */
  intervalMs: number;
  /** This city's exchange identity and store; without them no partner witnesses the checkpoints. */
  witnessing?: { identity: CityIdentity; store: ExchangeStore; timeoutMs?: number };
}

export interface RunningCheckpointSigner {
  checkpointer: Checkpointer;
  /** Null where there is no exchange to reach partners through. */
  witnesses: CheckpointWitnesses | null;
  /** Takes a last checkpoint, waits until partners had their chance to witness it, and gives the folder up. */
  stop(): Promise<SignedCheckpoint | null>;
}

export async function startCheckpointSigner(options: CheckpointSignerOptions): Promise<RunningCheckpointSigner> {
  const { witnessing } = options;
  const witnesses = witnessing
    ? new CheckpointWitnesses({
        identity: witnessing.identity,
        store: witnessing.store,
        dir: options.dir,
        checkpointPublicKey: options.key.publicKey,
        logger: options.logger,
        ...(witnessing.timeoutMs === undefined ? {} : { timeoutMs: witnessing.timeoutMs }),
      })
    : null;
  const checkpointer = await Checkpointer.open(options.database, {
    dir: options.dir,
    key: options.key,
    logger: options.logger,
    intervalMs: options.intervalMs,
    onCheckpoint: (signed) => void witnesses?.witness(signed),
  });
  // Anchors chains that ended while no signer ran, before anything else.
  const started = await checkpointer.checkpoint('start');
  checkpointer.start();
  // Nothing new to sign: the latest checkpoint may still be one a partner has not witnessed (it was down, or the signer was).
  if (!started && checkpointer.latest) void witnesses?.witness(checkpointer.latest);
  // A partner that was down, or registered since, is sent the latest checkpoint at the checkpoint interval.
  const retry = witnesses && options.intervalMs > 0 ? setInterval(() => void witnesses.retry(), options.intervalMs) : null;
  retry?.unref();
  return {
    checkpointer,
    witnesses,
    stop: async () => {
      if (retry) clearInterval(retry);
      const last = await checkpointer.stop();
      await witnesses?.idle();
      return last;
    },
  };
}
