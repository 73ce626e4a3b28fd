import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { derivedDatabaseUrl } from '../../platform/db.js';
import { newRunId } from '../support/databases.js';
import { graphql, type GraphQLResponse } from '../support/graphql.js';
import { startTestHub, type TestHub } from '../support/hub.js';
import { SERVER_URL } from '../support/processes.js';

/*
 * The codes a caller acts on, as docs/operations.md promises them: a
 * department whose database refuses connections is SERVICE_UNAVAILABLE for
 * its part, never an internal error; every error a department's subgraph
 * raised names it as `extensions.service`, the one name for it; and the
 * gateway is not ready once its audit store is gone. The police database is
 * a real PostgreSQL database the test refuses connections to with ALTER
 * DATABASE (without DATABASE_URL it is made on the local server, the rest of
 * the hub staying embedded, as in the database-fault tests).
 */

const HOUSES = `{ houses(first: 3) { edges { node { code residents(first: 3) { edges { node { name } } } } } } }`;
const PERSONS = `{ persons(first: 3) { edges { node { name } } } }`;
const UNREACHABLE = "The department's records cannot be reached right now; try again shortly";

let hub: TestHub;
let admin: pg.Client;
let policeDatabase: string;

type Errors = NonNullable<GraphQLResponse['body']['errors']>;
const errorsOf = (response: GraphQLResponse): Errors => response.body.errors ?? [];

async function refuseConnections(refuse: boolean): Promise<void> {
  await admin.query(`ALTER DATABASE ${pg.escapeIdentifier(policeDatabase)} WITH ALLOW_CONNECTIONS ${refuse ? 'false' : 'true'}`);
  // The connections the pool holds end too, as a database taken out of service drops them.
  if (refuse) await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [policeDatabase]);
}

beforeAll(async () => {
  const policeUrl = derivedDatabaseUrl(SERVER_URL, `t${newRunId()}_police`);
  policeDatabase = decodeURIComponent(new URL(policeUrl).pathname.slice(1));
  hub = await startTestHub({ persons: 40, key: 'error-codes', databaseTargets: { police: { kind: 'postgres', url: policeUrl, poolSize: 4, connectTimeoutMs: 2_000 } } });
  const server = new URL(SERVER_URL);
  server.pathname = '/postgres';
  admin = new pg.Client({ connectionString: server.toString() });
  await admin.connect();
}, 400_000);

afterAll(async () => {
  if (admin) {
    await refuseConnections(false).catch(() => undefined);
    await admin.end();
  }
  await hub?.close();
});

describe('a department whose database refuses connections', () => {
  afterAll(() => refuseConnections(false));

  it('gives its part as SERVICE_UNAVAILABLE naming the department, the rest whole, never an internal error', async () => {
    await refuseConnections(true);
    const houses = await graphql(hub.gatewayUrl, HOUSES, {}, hub.headers('police'));
    expect(houses.status).toBe(200);
    const edges = houses.body.data?.houses.edges as { node: { code: string; residents: unknown } }[];
    expect(edges).toHaveLength(3);
    for (const { node } of edges) {
      expect(node.code).toMatch(/^\d{18}$/);
      expect(node.residents).toBeNull();
    }
    const persons = await graphql(hub.gatewayUrl, PERSONS, {}, hub.headers('police', 'population-management'));
    expect(persons.body.data?.persons ?? null).toBeNull();
    for (const response of [houses, persons]) {
      expect(errorsOf(response).length).toBeGreaterThan(0);
      for (const error of errorsOf(response)) {
        expect(error.extensions).toEqual({ code: 'SERVICE_UNAVAILABLE', service: 'police' });
        expect(error.message).toBe(UNREACHABLE);
      }
      expect(JSON.stringify(response.body)).not.toMatch(/accepting connections|55000|FATAL|postgres|hub_t/);
    }
  });

  it('is whole again once the database takes connections, with nothing restarted', async () => {
    await refuseConnections(false);
    const response = await graphql(hub.gatewayUrl, PERSONS, {}, hub.headers('police', 'population-management'));
    expect(response.body.errors).toBeUndefined();
    expect(response.body.data?.persons.edges).toHaveLength(3);
  });
});

describe('the name of the department an error comes from', () => {
  it('is extensions.service, as the gateway’s own SUBGRAPH_UNAVAILABLE says it, for errors the departments raise', async () => {
    const dossier = `{ persons(first: 1) { edges { node { name employments { edges { node { position } } } healthProfile { familyPlanningStatus } } } } }`;
    const response = await graphql(hub.gatewayUrl, dossier, {}, hub.headers('housing', 'housing-administration'));
    const errors = errorsOf(response);
    expect(errors.map((e) => e.extensions?.code).sort()).toEqual(['FORBIDDEN', 'FORBIDDEN']);
    expect(errors.map((e) => e.extensions?.service).sort()).toEqual(['health', 'labour']);
    for (const error of errors) expect(error.extensions).not.toHaveProperty('serviceName');
  });
});

describe('the gateway’s readiness', () => {
  it('is 200 while the audit store answers, and 503 once it is gone, when every read would be refused', async () => {
    const ready = () => fetch(new URL('/ready', hub.gatewayUrl)).then(async (r) => ({ status: r.status, body: (await r.json()) }));
    expect(await ready()).toEqual({ status: 200, body: { status: 'ready' } });
    await hub.audit.database.close();
    expect(await ready()).toEqual({ status: 503, body: { status: 'not ready' } });
    // Still alive: /health is the process, /ready whether it can serve.
    expect((await fetch(new URL('/health', hub.gatewayUrl))).status).toBe(200);
  });
});
