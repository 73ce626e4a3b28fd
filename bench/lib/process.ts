import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import net, { type AddressInfo } from 'node:net';
import { createInterface } from 'node:readline';
import { at } from '../../platform/arrays.js';
import { fromRoot } from '../../platform/paths.js';

/** A server the benchmark started in a process of its own, and what it announced when ready. */
export interface Spawned<T> {
  child: ChildProcess;
  ready: T;
  stop(): Promise<void>;
}

/** Every server still running, stopped with the runner however it ends, so none is left behind listening. */
const running = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of running) child.kill('SIGTERM');
});

/**
 * Runs a TypeScript entry point under tsx in its own process and waits for the
 * line on stdout that says it is ready: JSON saying where it listens.
 * Each server has its own event loop, apart from the load generator's.
 */
export async function spawnReady<T>(
  entry: string[],
  options: {
    env?: Record<string, string>;
    args?: string[];
    nodeArgs?: string[];
    ipc?: boolean;
    /** Which stdout line says the server is ready (default: the first JSON object); it must be JSON. */
    readyWhen?: (line: string) => boolean;
  } = {},
): Promise<Spawned<T>> {
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), '--import', 'tsx', fromRoot(...entry), ...(options.args ?? [])], {
    cwd: fromRoot(),
    env: { ...process.env, LOG_LEVEL: 'silent', ...options.env },
    stdio: options.ipc ? ['ignore', 'pipe', 'inherit', 'ipc'] : ['ignore', 'pipe', 'inherit'],
  });
  running.add(child);
  const { stdout } = child;
  // Piped above; a child without it could never say it is ready.
  if (!stdout) throw new Error(`${entry.join('/')} was started without a stdout pipe`);
  const exited = new Promise<void>((resolve) =>
    child.once('exit', () => {
      running.delete(child);
      resolve();
    }),
  );
  const line = await new Promise<string>((resolve, reject) => {
    const lines = createInterface({ input: stdout });
    lines.on('line', (line) => {
      if (!(options.readyWhen ?? ((l: string) => l.startsWith('{')))(line)) return;
      lines.removeAllListeners('line');
      // Whatever the server prints later is read and dropped, so a full pipe never stalls it.
      lines.on('line', () => undefined);
      resolve(line);
    });
    child.once('exit', (code) => reject(new Error(`${entry.join('/')} exited with ${code} before it was ready`)));
  });
  return {
    child,
    ready: JSON.parse(line) as T,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

/** A loopback port free right now, for a server that cannot report the one it chose (a cluster). */
export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

const TICKS_PER_SECOND = 100;

function descendants(pid: number): number[] {
  const children: number[] = [];
  try {
    for (const task of readdirSync(`/proc/${pid}/task`)) {
      const listed = readFileSync(`/proc/${pid}/task/${task}/children`, 'utf8').trim();
      if (listed) children.push(...listed.split(/\s+/).map(Number));
    }
  } catch {
    return [];
  }
  return children.flatMap((child) => [child, ...descendants(child)]);
}

/**
 * CPU time (user + system, ms) used so far by a process and every process it
 * started (a gateway's cluster workers), from /proc; undefined where there is
 * no /proc. Per request, it says what a server costs whatever else the
 * machine is doing.
 */
export function processTreeCpuMs(pid: number): number | undefined {
  if (!existsSync(`/proc/${pid}/stat`)) return undefined;
  let ticks = 0;
  for (const id of [pid, ...descendants(pid)]) {
    try {
      // The command name may hold spaces; the fields after its closing parenthesis do not.
      const fields = at(readFileSync(`/proc/${id}/stat`, 'utf8').split(') '), 1).split(' ');
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // gone meanwhile
    }
  }
  return (ticks * 1000) / TICKS_PER_SECOND;
}

/**
 * The resident set (bytes) of a process and every process it started, or of
 * its descendants alone (`withRoot: false`: what `npm start` runs, without npm),
 * from /proc; undefined where there is no /proc.
 */
export function processTreeRssBytes(pid: number, options: { withRoot: boolean } = { withRoot: true }): number | undefined {
  if (!existsSync(`/proc/${pid}/status`)) return undefined;
  let bytes = 0;
  for (const id of [...(options.withRoot ? [pid] : []), ...descendants(pid)]) {
    try {
      const kib = /^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${id}/status`, 'utf8'))?.[1];
      if (kib) bytes += Number(kib) * 1024;
    } catch {
      // gone meanwhile
    }
  }
  return bytes;
}
