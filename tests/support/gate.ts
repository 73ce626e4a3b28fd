import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A loopback pass-through in front of a partner's inbox that a test can take
 * down (connections refused, as a stopped server refuses them) and bring
 * back on the same port, and that can damage what passes through it. It
 * keeps every body it forwarded.
 */
export interface Gate {
  url: string;
  /** Bodies forwarded, as sent. */
  forwarded: string[];
  /** When set, rewrites each body before it is forwarded. */
  tamper: ((body: string) => string) | null;
  down(): Promise<void>;
  up(): Promise<void>;
  close(): Promise<void>;
}

export async function startGate(target: string): Promise<Gate> {
  let server: http.Server | null = null;
  let port = 0;
  const gate: Gate = {
    url: '',
    forwarded: [],
    tamper: null,
    down: async () => {
      if (!server) return;
      const closing = server;
      server = null;
      await new Promise<void>((resolve) => {
        closing.close(() => resolve());
        closing.closeAllConnections();
      });
    },
    up: async () => {
      if (server) return;
      server = http.createServer((request, response) => {
        const chunks: Buffer[] = [];
        request.on('data', (chunk: Buffer) => chunks.push(chunk));
        request.on('end', () => {
          const original = Buffer.concat(chunks).toString('utf8');
          const body = gate.tamper ? gate.tamper(original) : original;
          gate.forwarded.push(body);
          fetch(target, { method: 'POST', headers: { 'content-type': request.headers['content-type'] ?? 'application/json' }, body })
            .then(async (answer) => {
              response.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'application/json' });
              response.end(await answer.text());
            })
            .catch(() => {
              response.writeHead(502);
              response.end();
            });
        });
      });
      await new Promise<void>((resolve) => server!.listen(port, '127.0.0.1', resolve));
      port = (server.address() as AddressInfo).port;
      gate.url = `http://127.0.0.1:${port}/exchange/v1/inbox`;
    },
    close: () => gate.down(),
  };
  await gate.up();
  return gate;
}

/** Changes one field of the first signed notice in a delivery without re-signing it: damage in transit. */
export function alterFirstNotice(body: string, field: string, value: string): string {
  const delivery = JSON.parse(body) as { messages: string[] };
  const [header, payload, signature] = delivery.messages[0]!.split('.') as [string, string, string];
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { data: Record<string, unknown> };
  claims.data[field] = value;
  delivery.messages[0] = `${header}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${signature}`;
  return JSON.stringify(delivery);
}
