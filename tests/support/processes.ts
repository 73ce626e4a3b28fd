import { spawn, type ChildProcess } from 'node:child_process';
import net, { type AddressInfo } from 'node:net';
import { derivedDatabaseUrl, dropPostgresDatabase } from '../../platform/db.js';
import { fromRoot } from '../../platform/paths.js';

/**
 * The hub's entry points as an operator starts them: real processes, real
 * signals, real ports on loopback.
 */

/**
 * The PostgreSQL server for the parts that cannot run on an embedded store
 * (a gateway or a subgraph as a process of its own shares the audit store with
 * the others): DATABASE_URL's, else the local one (HUB_TEST_POSTGRES_URL to
 * name another), as the database-fault tests do.
 */
export const SERVER_URL = process.env.DATABASE_URL ?? process.env.HUB_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/hub';

/** A database of its own on SERVER_URL's server, dropped by `dropServerDatabases`. */
const made: string[] = [];
export function serverDatabase(name: string): string {
  const url = derivedDatabaseUrl(SERVER_URL, name);
  made.push(url);
  return url;
}

export async function dropServerDatabases(): Promise<void> {
  await Promise.allSettled(made.splice(0).map((url) => dropPostgresDatabase(url)));
}

/** The environment a process gets: this one's, without what the test runner or the machine set for the hub. */
export function cleanEnv(overrides: Record<string, string>): Record<string, string> {
  const env: Record<string, string | undefined> = { ...process.env };
  for (const name of Object.keys(env)) {
    if (name.endsWith('DATABASE_URL') || name === 'LOG_LEVEL' || name === 'NODE_OPTIONS' || /^(EVENTS_NATS_URL|AUTH_|INTERNAL_TOKEN_|AUDIT_|EXCHANGE_)/.test(name)) delete env[name];
  }
  return { ...(env as Record<string, string>), NODE_ENV: 'development', LOG_LEVEL: 'info', ...overrides };
}

/** A free loopback port (taken and let go: nothing else on the machine asks for it in between). */
export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export interface Started {
  child: ChildProcess;
  /** The process group: the started process and everything it started. */
  pgid: number;
  stdout(): string;
  stderr(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

const started: Started[] = [];

/** Starts `command` in the repository, in a process group of its own, as an operator's shell would. */
export function startCommand(command: string, args: readonly string[], env: Record<string, string>): Started {
  const child = spawn(command, args, { cwd: fromRoot(), env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  const entry: Started = { child, pgid: child.pid!, stdout: () => stdout, stderr: () => stderr, exited };
  started.push(entry);
  return entry;
}

/** Kills whatever a test left running, group by group. */
export function killLeftovers(): void {
  for (const entry of started.splice(0)) {
    try {
      process.kill(-entry.pgid, 'SIGKILL');
    } catch {
      // Already gone.
    }
  }
}

/** Whether any process of the group is still there. */
export function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Resolves once every process of the group has ended; rejects naming what is left after `timeoutMs`. */
export async function groupEnded(pgid: number, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (groupAlive(pgid)) {
    if (Date.now() > deadline) throw new Error(`process group ${pgid} still running after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Polls `url` until it answers `status`; fails with the process's output if it exits or takes longer than `timeoutMs`. */
export async function untilAnswers(url: string, process: Started, timeoutMs = 240_000, status = 200): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let exited = false;
  void process.exited.then(() => (exited = true));
  for (;;) {
    const answered = await fetch(url, { signal: AbortSignal.timeout(5_000) })
      .then(async (response) => {
        await response.arrayBuffer();
        return response.status;
      })
      .catch(() => null);
    if (answered === status) return;
    if (exited || Date.now() > deadline) {
      throw new Error(`${url} did not answer ${status} (${exited ? 'the process exited' : 'timed out'}):\n${process.stdout().slice(-3000)}\n${process.stderr().slice(-3000)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** Whether a connection to the loopback port is refused: nothing listens there any more. */
export function portRefuses(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code === 'ECONNREFUSED'));
  });
}
