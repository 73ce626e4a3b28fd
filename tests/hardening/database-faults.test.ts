import { and, eq, isNull } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { derivedDatabaseUrl } from '../../platform/db.js';
import { today } from '../../platform/input.js';
import { persons, residenceRegistrations } from '../../subgraphs/police/db/schema.js';
import { newRunId } from '../support/databases.js';
import { graphql, type GraphQLResponse } from '../support/graphql.js';
import { startTestHub, type TestHub } from '../support/hub.js';
import { startTcpProxy, type TcpProxy } from '../support/tcp-proxy.js';

/*
 * The police department's database is a real PostgreSQL database reached
 * through a TCP proxy on loopback, which the tests cut, blackhole and restore
 * while the hub serves requests; the server itself is never stopped. Without
 * DATABASE_URL the database is made on the local server, the rest of the hub
 * staying embedded.
 */

const SERVER_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/hub';
// Generous for a loaded machine, where a first connection to a new database can take a while.
const CONNECT_TIMEOUT_MS = 2_000;
const HOUSES = `{ houses(first: 3) { edges { node { code address residents(first: 3) { edges { node { name } } } } } } }`;
const MOVE_OUT = `mutation($input: RecordMoveOutInput!) { recordMoveOut(input: $input) { person { id status } } }`;
const UNREACHABLE = "The department's records cannot be reached right now; try again shortly";

let hub: TestHub;
let proxy: TcpProxy;
let directUrl: string;

const houses = () => graphql(hub.gatewayUrl, HOUSES, {}, hub.headers('police'));

/** The housing part whole, the police part (residents) missing with SERVICE_UNAVAILABLE and nothing about the database. */
function expectPolicePartMissing(response: GraphQLResponse<Record<string, any>>): void {
  expect(response.status).toBe(200);
  const edges = response.body.data?.houses.edges as { node: { code: string; address: string; residents: unknown } }[];
  expect(edges).toHaveLength(3);
  for (const { node } of edges) {
    expect(node.code).toMatch(/^\d{18}$/);
    expect(node.address.length).toBeGreaterThan(0);
    expect(node.residents).toBeNull();
  }
  const errors = response.body.errors ?? [];
  expect(errors.length).toBeGreaterThan(0);
  for (const error of errors) {
    expect(error.extensions?.code).toBe('SERVICE_UNAVAILABLE');
    expect(error.message).toBe(UNREACHABLE);
  }
  expectNoInternals(response);
}

function expectNoInternals(response: GraphQLResponse): void {
  const text = JSON.stringify(response.body);
  for (const internal of ['127.0.0.1', 'localhost', String(proxy.port), '5432', 'ECONN', 'terminated', 'timeout exceeded', 'postgres', 'SELECT', 'stack']) {
    expect(text).not.toContain(internal);
  }
}

function isWhole(response: GraphQLResponse<Record<string, any>>): boolean {
  return response.status === 200 && response.body.errors === undefined && (response.body.data?.houses.edges as unknown[]).length === 3;
}

/** Asks until the answer is whole again, for at most `withinMs`; returns how long that took. */
async function untilWhole(withinMs: number): Promise<number> {
  const started = performance.now();
  while (performance.now() - started < withinMs) {
    if (isWhole(await houses())) return performance.now() - started;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`the hub did not recover within ${withinMs} ms`);
}

beforeAll(async () => {
  const server = new URL(SERVER_URL);
  proxy = await startTcpProxy(server.hostname, Number(server.port || 5432));
  directUrl = derivedDatabaseUrl(SERVER_URL, `t${newRunId()}_police`);
  const proxied = new URL(directUrl);
  proxied.hostname = '127.0.0.1';
  proxied.port = String(proxy.port);
  hub = await startTestHub({
    persons: 60,
    key: 'database-faults',
    databaseTargets: { police: { kind: 'postgres', url: proxied.toString(), poolSize: 4, connectTimeoutMs: CONNECT_TIMEOUT_MS } },
  });
}, 120_000);

afterAll(async () => {
  // The database is dropped through the proxy, so it must let connections through by then.
  proxy?.restore();
  await hub?.close();
  await proxy?.close();
});

describe('a department whose database goes away', () => {
  it('answers whole while the database is there', async () => {
    const response = await houses();
    expect(isWhole(response)).toBe(true);
    expect(response.body.data?.houses.edges.some((e: { node: { residents: { edges: unknown[] } } }) => e.node.residents.edges.length > 0)).toBe(true);
  });

  it.each([
    ['is cut off (connections dropped and refused)', () => proxy.cut()],
    ['stops answering altogether (connections taken, never answered)', () => proxy.blackhole()],
  ])('gives the other departments’ data and SERVICE_UNAVAILABLE for its own within the connect timeout and a second, never a 500 or internals, when the database %s', async (_, fault) => {
    fault();
    try {
      const started = performance.now();
      const response = await houses();
      expectPolicePartMissing(response);
      expect(performance.now() - started).toBeLessThan(CONNECT_TIMEOUT_MS + 1_000);
    } finally {
      proxy.restore();
    }
    await untilWhole(10_000);
  });

  it('keeps answering through a run of requests while the database is cut and restored, and recovers by itself', async () => {
    const outcomes: ('whole' | 'partial')[] = [];
    for (let i = 0; i < 30; i += 1) {
      if (i === 10) proxy.cut();
      if (i === 20) proxy.restore();
      const response = await houses();
      if (isWhole(response)) {
        outcomes.push('whole');
      } else {
        expectPolicePartMissing(response);
        outcomes.push('partial');
      }
    }
    expect(outcomes.slice(0, 10)).toEqual(Array(10).fill('whole'));
    expect(outcomes.slice(10, 20)).toEqual(Array(10).fill('partial'));
    // Back without a restart: the pool replaces the connections it lost.
    expect(outcomes.slice(21)).toEqual(Array(9).fill('whole'));
  });
});

describe('a write cut off before it is committed', () => {
  it('leaves no part of it behind, and the same write succeeds once the database is back', async () => {
    const [open] = await hub.databases.police.db
      .select({ personId: residenceRegistrations.personId })
      .from(residenceRegistrations)
      .innerJoin(persons, eq(persons.id, residenceRegistrations.personId))
      .where(and(isNull(residenceRegistrations.until), eq(persons.status, 'REGISTERED')))
      .limit(1);
    const personId = open!.personId;
    const input = { personId, destinationDivisionCode: '500103', destinationAddress: '渝中区解放碑街道 1 号', movedOn: today() };
    const headers = hub.headers('police', 'population-management');

    // The move-out closes the residence, stores the destination and marks the person in one transaction: the connection is cut as COMMIT is sent.
    const cutAtCommit = proxy.cutWhenClientSends(Buffer.from('commit\0'));
    const response = await graphql(hub.gatewayUrl, MOVE_OUT, { input }, headers);
    await cutAtCommit;
    expect(response.status).toBe(200);
    expect(response.body.data?.recordMoveOut ?? null).toBeNull();
    expect(response.body.errors?.map((e) => e.extensions?.code)).toEqual(['SERVICE_UNAVAILABLE']);
    expectNoInternals(response);

    // Read straight from the server, not through the proxy or the hub.
    const direct = new pg.Client({ connectionString: directUrl });
    await direct.connect();
    try {
      const person = await direct.query('SELECT status FROM persons WHERE id = $1', [personId]);
      expect(person.rows[0]?.status).toBe('REGISTERED');
      const moveOuts = await direct.query('SELECT count(*)::int AS n FROM move_outs WHERE person_id = $1', [personId]);
      expect(moveOuts.rows[0]?.n).toBe(0);
      const openResidences = await direct.query('SELECT count(*)::int AS n FROM residence_registrations WHERE person_id = $1 AND until IS NULL', [personId]);
      expect(openResidences.rows[0]?.n).toBe(1);
    } finally {
      await direct.end();
    }

    const retried = await graphql(hub.gatewayUrl, MOVE_OUT, { input }, headers);
    expect(retried.body.errors).toBeUndefined();
    expect(retried.body.data?.recordMoveOut.person).toEqual({ id: personId, status: 'MOVED_OUT' });
  });

});
