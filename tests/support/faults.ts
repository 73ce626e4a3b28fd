import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { eq } from 'drizzle-orm';
import type { Department } from '../../subgraphs/registry.js';
import { healthProfiles } from '../../subgraphs/health/db/schema.js';
import { persons } from '../../subgraphs/police/db/schema.js';
import { startTestHub, type TestHub, type TestHubOptions } from './hub.js';

/**
 * How the stand-in answers: passing requests on to the real subgraph (after
 * a delay, if given), never answering, answering with something that is not
 * a GraphQL response, or not listening at all.
 */
export type UpstreamBehaviour =
  | { kind: 'pass'; delayMs?: number }
  | { kind: 'hang' }
  | { kind: 'status'; status: number }
  | { kind: 'html' }
  | { kind: 'truncated-json' }
  | { kind: 'down' };

/** Text a failing upstream puts in its answers, none of which may reach a caller. */
export const UPSTREAM_SECRETS = ['db-7.health.internal', '10.20.30.40:6543', '/srv/health/app.js', 'nginx/1.25.3'];

export interface FaultyUpstream {
  /** Where the gateway is pointed instead of the subgraph. */
  url: string;
  port: number;
  /** Requests that reached the stand-in so far. */
  readonly received: number;
  /** Of those, the GraphQL calls (POST to /graphql), without the readiness checks /metrics makes. */
  readonly graphqlCalls: number;
  behave(behaviour: UpstreamBehaviour): Promise<void>;
  /** Where passed requests go (a subgraph started after the stand-in). */
  forwardTo(url: string): void;
  close(): Promise<void>;
}

const HTML = `<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1>
<p>upstream db-7.health.internal (10.20.30.40:6543) failed</p><hr><center>nginx/1.25.3</center></body></html>`;
const ERROR_TEXT = 'Error: connect ECONNREFUSED 10.20.30.40:6543\n    at TCPConnectWrap.afterConnect (/srv/health/app.js:12:7) on db-7.health.internal';

/**
 * A real HTTP server on loopback standing in front of (or instead of) a
 * subgraph, whose behaviour a test switches: the faults a gateway meets when
 * a department's service is down, slow, or answers with an error page.
 */
export async function startFaultyUpstream(initialTarget?: string): Promise<FaultyUpstream> {
  let target = initialTarget ?? '';
  let behaviour: UpstreamBehaviour = { kind: 'pass' };
  let received = 0;
  let graphqlCalls = 0;
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      received += 1;
      if (request.method === 'POST' && request.url?.split('?')[0] === '/graphql') graphqlCalls += 1;
      void answer(behaviour, request, Buffer.concat(chunks).toString('utf8'), response);
    });
  });

  async function answer(current: UpstreamBehaviour, request: http.IncomingMessage, body: string, response: http.ServerResponse): Promise<void> {
    switch (current.kind) {
      case 'hang':
        return;
      case 'status':
        response.writeHead(current.status, { 'content-type': 'text/plain' });
        response.end(ERROR_TEXT);
        return;
      case 'html':
        response.writeHead(200, { 'content-type': 'text/html' });
        response.end(HTML);
        return;
      case 'truncated-json':
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end('{"data":');
        return;
      // A down upstream has stopped listening; a request still arriving is passed on.
      case 'pass':
      case 'down': {
        if (current.kind === 'pass' && current.delayMs) await new Promise((resolve) => setTimeout(resolve, current.delayMs));
        const headers = Object.fromEntries(
          Object.entries(request.headers).flatMap(([k, v]) => (v === undefined || ['host', 'connection', 'content-length'].includes(k) ? [] : [[k, Array.isArray(v) ? v.join(', ') : v]])),
        );
        try {
          const upstream = await fetch(new URL(request.url ?? '/', target), { method: request.method ?? 'POST', headers, ...(request.method === 'GET' ? {} : { body }) });
          response.writeHead(upstream.status, { 'content-type': upstream.headers.get('content-type') ?? 'application/json' });
          response.end(await upstream.text());
        } catch {
          response.destroy();
        }
      }
    }
  }

  const listen = (port: number) => new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const stopListening = () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });

  await listen(0);
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    port,
    get received() {
      return received;
    },
    get graphqlCalls() {
      return graphqlCalls;
    },
    async behave(next) {
      const wasDown = behaviour.kind === 'down';
      behaviour = next;
      if (next.kind === 'down' && !wasDown) await stopListening();
      if (next.kind !== 'down' && wasDown) await listen(port);
    },
    forwardTo(url) {
      target = url;
    },
    close: async () => {
      if (behaviour.kind !== 'down') await stopListening();
    },
  };
}

/**
 * A test hub whose `department` subgraph is reached through a faulty
 * stand-in: the stand-in is made first so the gateway is pointed at it, and
 * learns where the real subgraph is once the hub is up.
 */
export async function startHubWithFaultyUpstream(department: Department, options: TestHubOptions): Promise<{ hub: TestHub; upstream: FaultyUpstream }> {
  const upstream = await startFaultyUpstream();
  const hub = await startTestHub({ ...options, subgraphUrlOverrides: { ...options.subgraphUrlOverrides, [department]: upstream.url } });
  upstream.forwardTo(hub.subgraphUrls[department]);
  return { hub, upstream };
}

/** A resident the health department holds a profile of, with what a dossier should show of them. */
export async function residentWithHealthProfile(hub: TestHub): Promise<{ id: string; name: string; familyPlanningStatus: string }> {
  const [profile] = await hub.databases.health.db.select().from(healthProfiles).limit(1);
  const [person] = await hub.databases.police.db.select().from(persons).where(eq(persons.id, profile!.personId));
  return { id: person!.id, name: person!.name, familyPlanningStatus: profile!.familyPlanningStatus };
}
