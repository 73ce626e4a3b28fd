import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents } from '../../audit/db/schema.js';
import { residentWithHealthProfile, startHubWithFaultyUpstream, type FaultyUpstream } from '../support/faults.js';
import { graphql, type GraphQLResponse } from '../support/graphql.js';
import type { TestHub } from '../support/hub.js';
import { jointServiceClaims } from '../support/tokens.js';

/*
 * The hub is stopped the way a signal stops `npm start` while a request is
 * still waiting on a slow subgraph: the request is answered in full, and the
 * audit trail holds everything it read and the request itself.
 */

const SLOW_MS = 1_500;
const DOSSIER = `query($id: ID!) { person(id: $id) { name healthProfile { familyPlanningStatus } } }`;

let hub: TestHub;
let upstream: FaultyUpstream;
let resident: { id: string; name: string; familyPlanningStatus: string };

beforeAll(async () => {
  ({ hub, upstream } = await startHubWithFaultyUpstream('health', { persons: 40, key: 'graceful-shutdown' }));
  resident = await residentWithHealthProfile(hub);
}, 120_000);

afterAll(async () => {
  await hub?.close();
  await upstream?.close();
});

describe('a hub stopped while a request is in flight', () => {
  let requestId = '';
  let answer: GraphQLResponse<Record<string, any>>;

  beforeAll(async () => {
    await upstream.behave({ kind: 'pass', delayMs: SLOW_MS });
    const headers = await hub.headers(jointServiceClaims(), 'public-health');
    const inFlight = graphql(hub.gatewayUrl, DOSSIER, { id: resident.id }, headers);
    // Stop only once the request is waiting on the slow health subgraph.
    while (upstream.received === 0) await new Promise((resolve) => setTimeout(resolve, 10));
    const stopping = hub.stop();
    answer = await inFlight;
    requestId = answer.headers.get('x-request-id') ?? '';
    await stopping;
  });

  it('finishes the request with its whole answer', () => {
    expect(answer.status).toBe(200);
    expect(answer.body.errors).toBeUndefined();
    expect(answer.body.data?.person).toEqual({ name: resident.name, healthProfile: { familyPlanningStatus: resident.familyPlanningStatus } });
  });

  it('has committed the request and every access it made to the audit store before stopping', async () => {
    const events = await hub.audit.database.db.select().from(auditEvents).where(eq(auditEvents.requestId, requestId));
    expect(events.filter((e) => e.kind === 'request')).toEqual([expect.objectContaining({ outcome: 'ok', subject: 'joint-service-test-user' })]);
    const accessed = events.filter((e) => e.kind === 'access').map((e) => `${e.subgraph}:${e.typeName}:${e.recordIds.join(',')}`);
    expect(accessed).toEqual(expect.arrayContaining([`police:Person:${resident.id}`, `health:HealthProfile:${resident.id}`]));
  });

  it('takes no new requests once stopped', async () => {
    await expect(fetch(hub.gatewayUrl, { method: 'POST' })).rejects.toThrow();
  });
});
