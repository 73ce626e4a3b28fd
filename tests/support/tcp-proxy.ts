import net from 'node:net';

export interface TcpProxy {
  port: number;
  /** Connections open through the proxy now. */
  readonly open: number;
  /** Drops every connection and refuses new ones, as a database that restarts or becomes unreachable does. */
  cut(): void;
  /** Drops every connection and takes new ones without ever answering, as a server lost behind a dead network does. */
  blackhole(): void;
  /** Drops every connection and stops listening, so new ones are refused by the system (ECONNREFUSED), as a stopped server's port does. */
  refuse(): Promise<void>;
  /** Lets connections through again. */
  restore(): void;
  /** After `refuse`: listens again on the same port and lets connections through. */
  reopen(): Promise<void>;
  /**
   * Drops the connection whose client next sends `pattern`, before those bytes
   * reach the server: a write cut off at exactly that point. Resolves once it
   * happened.
   */
  cutWhenClientSends(pattern: Buffer): Promise<void>;
  close(): Promise<void>;
}

/**
 * A loopback TCP proxy between a connection pool and its database server, so
 * a test can take the database away and give it back without touching the
 * server itself (which others on the machine use).
 */
export async function startTcpProxy(targetHost: string, targetPort: number): Promise<TcpProxy> {
  let state: 'open' | 'cut' | 'blackhole' = 'open';
  let listening = true;
  const pairs = new Set<{ client: net.Socket; server: net.Socket | null }>();
  let trap: { pattern: Buffer; sprung: () => void } | null = null;

  const drop = (pair: { client: net.Socket; server: net.Socket | null }) => {
    pair.client.destroy();
    pair.server?.destroy();
    pairs.delete(pair);
  };

  const proxy = net.createServer((client) => {
    if (state === 'cut') {
      client.destroy();
      return;
    }
    const pair: { client: net.Socket; server: net.Socket | null } = { client, server: null };
    pairs.add(pair);
    client.on('error', () => drop(pair));
    client.on('close', () => drop(pair));
    if (state === 'blackhole') return;
    const server = net.connect(targetPort, targetHost);
    pair.server = server;
    server.on('error', () => drop(pair));
    server.on('close', () => drop(pair));
    server.on('data', (chunk: Buffer) => client.write(chunk));
    client.on('data', (chunk: Buffer) => {
      if (trap && chunk.includes(trap.pattern)) {
        const sprung = trap.sprung;
        trap = null;
        drop(pair);
        sprung();
        return;
      }
      server.write(chunk);
    });
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  const { port } = proxy.address() as net.AddressInfo;
  const listenAgain = async () => {
    if (listening) return;
    await new Promise<void>((resolve, reject) => {
      proxy.once('error', reject);
      proxy.listen(port, '127.0.0.1', () => {
        proxy.off('error', reject);
        resolve();
      });
    });
    listening = true;
  };
  const dropAll = () => {
    for (const pair of [...pairs]) drop(pair);
  };
  return {
    port,
    get open() {
      return pairs.size;
    },
    cut() {
      state = 'cut';
      dropAll();
    },
    blackhole() {
      state = 'blackhole';
      dropAll();
    },
    async refuse() {
      state = 'open';
      dropAll();
      if (!listening) return;
      listening = false;
      await new Promise<void>((resolve) => proxy.close(() => resolve()));
    },
    restore() {
      state = 'open';
      dropAll();
    },
    reopen: listenAgain,
    cutWhenClientSends(pattern) {
      return new Promise<void>((resolve) => {
        trap = { pattern, sprung: resolve };
      });
    },
    close: () =>
      new Promise<void>((resolve) => {
        dropAll();
        if (!listening) return resolve();
        proxy.close(() => resolve());
      }),
  };
}
