import type { RunningServer } from './listen.js';
import type { Logger } from './logger.js';

export interface ShutdownParts {
  /** In the order they are to stop: the gateway before the subgraphs it calls. */
  servers: readonly RunningServer[];
  /** Audit writers: they take no more events, and commit those they hold. */
  writers: readonly { close(): Promise<void> }[];
  /** Closes databases (and anything else) once nothing can use them any more. */
  closeStores?: () => Promise<void>;
  /** How long requests in flight may take to finish. */
  graceMs: number;
  logger: Logger;
}

/**
 * Stops a process's part of the hub losing nothing: each server stops taking
 * requests and finishes those in flight (the gateway first, so its requests
 * still reach their subgraphs), then the audit writers commit what those
 * requests recorded, and only then do the stores close.
 */
export async function shutdownGracefully(parts: ShutdownParts): Promise<void> {
  for (const server of parts.servers) {
    await server.close(parts.graceMs).catch((error: unknown) => parts.logger.warn({ err: error, url: server.url }, 'a server did not stop cleanly'));
  }
  const flushed = await Promise.allSettled(parts.writers.map((writer) => writer.close()));
  for (const result of flushed) {
    if (result.status === 'rejected') parts.logger.error({ err: result.reason }, 'an audit writer could not commit what it held');
  }
  await parts.closeStores?.().catch((error: unknown) => parts.logger.warn({ err: error }, 'a store did not close cleanly'));
}

/**
 * Runs `stop` once on SIGINT or SIGTERM, then exits; a shutdown that outlasts
 * the grace period by `marginMs` (a stuck connection) exits anyway, so a
 * stopped hub never keeps holding its ports.
 */
export function stopOnSignals(stop: (signal: string) => Promise<void>, graceMs: number, marginMs = 5_000): void {
  let stopping = false;
  const onSignal = (signal: string) => {
    if (stopping) return;
    stopping = true;
    setTimeout(() => process.exit(1), graceMs + marginMs).unref();
    void stop(signal).then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', () => onSignal('SIGINT'));
  process.on('SIGTERM', () => onSignal('SIGTERM'));
}
