import type http from 'node:http';
import type { AddressInfo } from 'node:net';
import { EnvError } from './env.js';

/** A server listening: where to reach it, and how to stop it. */
export interface RunningServer {
  url: string;
  port: number;
  /** Stops accepting requests and resolves once in-flight ones finished (or the grace period ran out). */
  close(graceMs?: number): Promise<void>;
}

/**
 * Another process listens on the port asked for. Whoever started the hub
 * chose that port, so an entry point reports it as it reports any other
 * configuration mistake: one line, no stack trace.
 */
export class PortInUseError extends EnvError {
  constructor(
    readonly port: number,
    readonly host: string,
    message = `port ${port} on ${host} is already in use`,
  ) {
    super(message);
  }
}

/**
 * Starts a node:http server on host:port and returns how to reach and stop
 * it. Closing stops new connections, lets in-flight requests finish within
 * the grace period, and never lets idle keep-alive connections hold the
 * process.
 */
export async function listen(server: http.Server, options: { host: string; port: number; path: string }): Promise<RunningServer> {
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(error.code === 'EADDRINUSE' ? new PortInUseError(options.port, options.host) : error),
    );
    server.listen(options.port, options.host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const host = options.host === '0.0.0.0' || options.host === '::' ? 'localhost' : options.host;
  return {
    url: `http://${host}:${port}${options.path}`,
    port,
    close: (graceMs = 5_000) =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
        const idle = setInterval(() => server.closeIdleConnections(), 100);
        const force = setTimeout(() => server.closeAllConnections(), graceMs);
        server.once('close', () => {
          clearInterval(idle);
          clearTimeout(force);
        });
      }),
  };
}
