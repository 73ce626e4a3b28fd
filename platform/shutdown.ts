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

export interface StopSignals {
  /**
   * How to stop, given once the process has started; a signal that came
   * while it was starting runs it at once.
   */
  stopWith(stop: (signal: string) => Promise<void>): void;
}

/**
 * Takes SIGINT and SIGTERM from the first line of a process's start, so that
 * no signal finds it between answering `/ready` and knowing how to stop (a
 * signal with no listener ends a node process on the spot: nothing drained,
 * no store closed, the data folder left locked). A signal that comes while
 * it starts is held: the process finishes starting and then stops. It runs
 * the stop once, then exits; a stop (or a start) still going `graceMs` plus
 * `marginMs` after the signal exits anyway, so a stopped process never keeps
 * holding its ports.
 */
export function catchStopSignals(graceMs: number, marginMs = 5_000): StopSignals {
  let stop: ((signal: string) => Promise<void>) | undefined;
  let received: string | undefined;
  const run = (how: (signal: string) => Promise<void>, signal: string) =>
    void how(signal).then(
      () => process.exit(0),
      () => process.exit(1),
    );
  const onSignal = (signal: string) => {
    if (received) return;
    received = signal;
    setTimeout(() => process.exit(1), graceMs + marginMs).unref();
    if (stop) run(stop, signal);
  };
  process.on('SIGINT', () => onSignal('SIGINT'));
  process.on('SIGTERM', () => onSignal('SIGTERM'));
  return {
    stopWith(how) {
      if (stop) throw new Error('a process stops one way');
      stop = how;
      if (received) run(how, received);
    },
  };
}
