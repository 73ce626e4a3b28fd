import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../platform/logger.js';
import { persons } from '../../subgraphs/police/db/schema.js';
import { graphql, type GraphQLResponse } from '../support/graphql.js';
import { startTestHub, type TestHub } from '../support/hub.js';
import { jointServiceClaims } from '../support/tokens.js';

/*
 * Real internal failures behind the gateway: a department's table gone, its
 * database closed, a subgraph nobody answers at. The caller learns that
 * something failed and where in the answer, nothing more; the server's log
 * holds the cause under the request id the caller was given.
 */

const logLines: Record<string, unknown>[] = [];
const logSink = new Writable({
  write(chunk: Buffer, _encoding, done) {
    for (const line of chunk.toString('utf8').split('\n')) if (line.trim()) logLines.push(JSON.parse(line) as Record<string, unknown>);
    done();
  },
});

/** A loopback port nothing listens on: taken from the system, then let go. */
async function deadPort(): Promise<number> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

let hub: TestHub;
beforeAll(async () => {
  hub = await startTestHub({
    persons: 40,
    // The hub's own loggers: every line written while a request is served carries its id.
    logger: createLogger('hub', 'error', logSink),
    subgraphUrlOverrides: { labour: `http://127.0.0.1:${await deadPort()}/graphql` },
  });
});
afterAll(async () => {
  await hub?.close();
});

/** What no response may carry: addresses, connection errors, SQL, source paths, stack frames. */
const INTERNALS = [/127\.0\.0\.1/, /localhost/i, /ECONNREFUSED/, /\bSELECT\b/i, /\/work/, /\.ts:/, /\bat /, /stack/i, /relation/i, /PGlite|pool/i];

function expectNothingInternal(response: GraphQLResponse): void {
  const text = JSON.stringify(response.body);
  for (const pattern of INTERNALS) expect(text, `the response shows ${pattern}`).not.toMatch(pattern);
}

/** Sends a query with a correlation id and returns the response with the log lines written under the request id the hub gave it. */
async function ask(correlationId: string, query: string, claims = jointServiceClaims()) {
  const response = await graphql(hub.gatewayUrl, query, {}, { ...(await hub.headers(claims, 'public-health')), 'x-request-id': correlationId });
  expect(response.headers.get('x-correlation-id')).toBe(correlationId);
  const requestId = response.headers.get('x-request-id');
  expect(requestId).not.toBe(correlationId);
  await hub.audit.flush();
  return { response, logged: logLines.filter((line) => line.requestId === requestId) };
}

describe('internal errors behind the gateway', () => {
  it('masks a failed SQL statement in a subgraph and logs the statement under the request id', async () => {
    await hub.databases.police.db.execute(sql`ALTER TABLE grids RENAME TO grids_moved_away`);
    try {
      const { response, logged } = await ask('masking-sql-000001', `{ grids(first: 2) { edges { node { name } } } }`);
      expect(response.body.data).toEqual({ grids: null });
      expect(response.body.errors).toEqual([{ message: 'Internal server error', path: ['grids'], extensions: { code: 'INTERNAL_SERVER_ERROR', service: 'police' } }]);
      expectNothingInternal(response);
      const detail = logged.map((line) => JSON.stringify(line)).find((line) => /select/i.test(line) && line.includes('grids'));
      expect(detail, 'the failed statement is logged under the request id').toBeDefined();
    } finally {
      await hub.databases.police.db.execute(sql`ALTER TABLE grids_moved_away RENAME TO grids`);
    }
  });

  it('masks a failure inside an entity fetch, keeping the rest of the answer', async () => {
    await hub.databases.housing.db.execute(sql`ALTER TABLE tenancies RENAME TO tenancies_moved_away`);
    try {
      const { response, logged } = await ask('masking-entity-0001', `{ persons(first: 3) { edges { node { name tenancies { edges { node { start } } } } } } }`);
      const edges = response.body.data?.persons.edges as { node: { name: string; tenancies: unknown } }[];
      expect(edges).toHaveLength(3);
      for (const { node } of edges) {
        expect(node.name).toBeTruthy();
        expect(node.tenancies).toBeNull();
      }
      expect(new Set(response.body.errors?.map((e) => e.extensions?.code))).toEqual(new Set(['INTERNAL_SERVER_ERROR']));
      expect(new Set(response.body.errors?.map((e) => e.message))).toEqual(new Set(['Internal server error']));
      expectNothingInternal(response);
      expect(logged.some((line) => line.subgraph === 'housing' && JSON.stringify(line).includes('tenancies'))).toBe(true);
    } finally {
      await hub.databases.housing.db.execute(sql`ALTER TABLE tenancies_moved_away RENAME TO tenancies`);
    }
  });

  it('says nothing of a subgraph that cannot be reached but that part of the answer is missing', async () => {
    const [resident] = await hub.databases.police.db.select().from(persons).limit(1);
    const { response } = await ask('masking-down-000001', `{ person(id: "${resident!.id}") { name employments { edges { node { position } } } } }`);
    expect(response.body.data?.person).toEqual({ name: resident!.name, employments: null });
    expect(response.body.errors?.length).toBeGreaterThan(0);
    expectNothingInternal(response);
  });

  it('masks a closed department database and logs its cause under the request id', async () => {
    await hub.databases.police.close();
    const { response, logged } = await ask('masking-closed-0001', `{ persons(first: 2) { edges { node { name } } } }`);
    expect(response.body.data).toEqual({ persons: null });
    expect(response.body.errors).toEqual([{ message: 'Internal server error', path: ['persons'], extensions: { code: 'INTERNAL_SERVER_ERROR', service: 'police' } }]);
    expectNothingInternal(response);
    const fromPolice = logged.filter((line) => line.subgraph === 'police');
    expect(fromPolice.length).toBeGreaterThan(0);
    const cause = fromPolice.map((line) => (line.err as { message?: string } | undefined)?.message ?? '');
    expect(cause.some((message) => message !== '' && message !== 'Internal server error')).toBe(true);
  });
});
