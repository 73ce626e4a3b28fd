import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** A loopback pass-through in front of a server that keeps every request it forwarded, to see what travels on the wire. */
export async function startRecordingProxy(target: string): Promise<{ url: string; requests: RecordedRequest[]; close(): Promise<void> }> {
  const requests: RecordedRequest[] = [];
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      requests.push({ headers: request.headers, body });
      const headers = Object.fromEntries(
        Object.entries(request.headers).flatMap(([k, v]) => (v === undefined || ['host', 'connection', 'content-length'].includes(k) ? [] : [[k, Array.isArray(v) ? v.join(', ') : v]])),
      );
      fetch(target, { method: request.method ?? 'POST', headers, ...(request.method === 'GET' ? {} : { body }) })
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
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
