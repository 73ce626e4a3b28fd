import { SingleBar } from 'cli-progress';

/**
 * How far an import is: a bar with rows per second and the time left on a
 * terminal (cli-progress), a plain line every few seconds otherwise (a log,
 * a pipe, a CI job), or nothing at all.
 */
export interface Progress {
  start(total: number, done: number): void;
  update(done: number): void;
  stop(): void;
}

export const NO_PROGRESS: Progress = { start: () => undefined, update: () => undefined, stop: () => undefined };

/** Rows per second over the run so far, as the bar shows it. */
function rate(done: number, from: number, startedAt: number): string {
  const seconds = (performance.now() - startedAt) / 1000;
  return seconds > 0 ? Math.round((done - from) / seconds).toLocaleString('en-US') : '-';
}

export function progressOn(stream: NodeJS.WriteStream): Progress {
  const tty = stream.isTTY;
  const bar = new SingleBar({
    stream,
    format: tty ? '{bar} {percentage}% | {value}/{total} rows | {speed} rows/s | ETA {eta_formatted}' : 'import: {value} of {total} rows ({percentage}%), {speed} rows/s, ETA {eta_formatted}',
    barCompleteChar: '█',
    barIncompleteChar: '░',
    hideCursor: tty,
    noTTYOutput: !tty,
    notTTYSchedule: 5_000,
    etaBuffer: 50,
    gracefulExit: false,
  });
  let from = 0;
  let startedAt = performance.now();
  let last = { done: 0, total: 0 };
  return {
    start(total, done) {
      from = done;
      startedAt = performance.now();
      last = { done, total };
      bar.start(total, done, { speed: '-' });
    },
    update(done) {
      last.done = done;
      bar.update(done, { speed: rate(done, from, startedAt) });
    },
    stop() {
      bar.stop();
      // Off a terminal the bar prints on a schedule; the last line is always said.
      if (!tty) stream.write(`import: ${last.done} of ${last.total} rows (${last.total > 0 ? Math.floor((100 * last.done) / last.total) : 100}%), ${rate(last.done, from, startedAt)} rows/s\n`);
    },
  };
}
