import { closeSync, mkdirSync, openSync, readFileSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import path from 'node:path';
import { EnvError } from './env.js';

/**
 * One process per data folder. Embedded (PGlite) stores are plain files: two
 * processes opening them each see only their own writes, and whichever closes
 * last overwrites the other's registrations and audit events. So the first
 * process to open anything embedded under a data folder takes `hub.lock` in
 * it — created with O_EXCL, which the file system grants to exactly one — and
 * every other process is refused, naming the holder, until it exits.
 *
 * Within one process the lock is counted: the hub opens six embedded stores
 * under one folder, and the folder is free again when the last one closes.
 */

export const LOCK_FILE = 'hub.lock';

export interface LockHolder {
  pid: number;
  /** ISO 8601: when the holder took the lock. */
  since: string;
  /** What holds it: `npm start`, `audit:verify`, … as the process named itself. */
  command: string;
}

/** Refused: another live process holds the folder. One line, for the person at the terminal. */
export class DataFolderInUseError extends EnvError {
  constructor(
    readonly dir: string,
    readonly holder: LockHolder,
  ) {
    super(
      `${dir} is in use by another hub process (pid ${holder.pid}, ${holder.command}, since ${holder.since}): ` +
        'what it holds there (embedded databases, audit checkpoints) is kept by one process at a time. ' +
        'Stop that process first (while it runs, auditors verify through its API: auditVerification), or use another HUB_DATA_DIR, or PostgreSQL (DATABASE_URL)',
    );
  }
}

export interface DataFolderLock {
  readonly dir: string;
  readonly file: string;
  /** Gives up this hold; the file goes when the process's last hold does. */
  release(): void;
}

interface Held {
  file: string;
  holds: number;
}

const held = new Map<string, Held>();
let exitHookInstalled = false;

/** What this process calls itself in a lock file: the npm script, or the script's file name. */
function commandName(): string {
  const script = process.env.npm_lifecycle_event;
  if (script) return `npm run ${script}`;
  return path.basename(process.argv[1] ?? process.argv0);
}

function readHolder(file: string): LockHolder | null {
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as Partial<LockHolder>;
    if (typeof parsed.pid !== 'number' || !Number.isInteger(parsed.pid) || parsed.pid <= 0) return null;
    return { pid: parsed.pid, since: String(parsed.since ?? 'an unknown time'), command: String(parsed.command ?? 'unknown command') };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw error;
    // Half-written by a process that died between create and write: nobody holds it.
    return null;
  }
}

/** True while a process with this pid exists (EPERM: it exists, it is just not ours to signal). */
export function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function tryCreate(file: string): boolean {
  let fd: number;
  try {
    fd = openSync(file, 'wx', 0o644);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
  try {
    const holder: LockHolder = { pid: process.pid, since: new Date().toISOString(), command: commandName() };
    writeSync(fd, `${JSON.stringify(holder)}\n`);
  } finally {
    closeSync(fd);
  }
  return true;
}

/**
 * Takes the data folder `dir` for this process, or throws
 * DataFolderInUseError naming the live process that has it. A lock left by a
 * process that is gone (killed, crashed) is taken over.
 */
export function lockDataFolder(dir: string): DataFolderLock {
  const resolved = path.resolve(dir);
  let entry = held.get(resolved);
  if (!entry) {
    mkdirSync(resolved, { recursive: true });
    const file = path.join(resolved, LOCK_FILE);
    for (let attempt = 0; ; attempt += 1) {
      if (tryCreate(file)) break;
      let holder: LockHolder | null;
      try {
        holder = readHolder(file);
      } catch {
        continue; // released between our create and our read: try again
      }
      if (holder && holder.pid === process.pid) break; // ours, from a hold this module lost track of (never expected)
      if (holder && processIsAlive(holder.pid)) throw new DataFolderInUseError(resolved, holder);
      if (attempt >= 5) throw new DataFolderInUseError(resolved, holder ?? { pid: 0, since: 'now', command: 'a process starting at the same moment' });
      // Stale. Moved aside rather than deleted, so of two processes taking it over at once only one removes it.
      const aside = `${file}.stale.${process.pid}`;
      try {
        renameSync(file, aside);
        unlinkSync(aside);
      } catch {
        // Someone else moved it first; the next attempt sees what is there now.
      }
    }
    entry = { file, holds: 0 };
    held.set(resolved, entry);
    if (!exitHookInstalled) {
      exitHookInstalled = true;
      // However the process ends short of SIGKILL, the lock goes with it; SIGKILL leaves a stale one, which the next process takes over.
      process.on('exit', releaseAll);
    }
  }
  entry.holds += 1;
  const taken = entry;
  let released = false;
  return {
    dir: resolved,
    file: taken.file,
    release: () => {
      if (released) return;
      released = true;
      taken.holds -= 1;
      if (taken.holds === 0 && held.get(resolved) === taken) {
        held.delete(resolved);
        removeIfOurs(taken.file);
      }
    },
  };
}

function removeIfOurs(file: string): void {
  try {
    if (readHolder(file)?.pid === process.pid) unlinkSync(file);
  } catch {
    // Already gone.
  }
}

function releaseAll(): void {
  for (const [dir, entry] of held) {
    held.delete(dir);
    removeIfOurs(entry.file);
  }
}

/** Who holds `dir` now, if a live process does. */
export function dataFolderHolder(dir: string): LockHolder | null {
  try {
    const holder = readHolder(path.join(path.resolve(dir), LOCK_FILE));
    return holder && processIsAlive(holder.pid) ? holder : null;
  } catch {
    return null;
  }
}
