import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEvent } from '../../audit/api.js';
import { verifyAuditStore } from '../../audit/verify.js';
import { CORRELATION_ID_PATTERN } from '../../platform/http.js';
import { errorCodes, graphql, type GraphQLResponse } from '../support/graphql.js';
import { startTestHub, type TestHub } from '../support/hub.js';

/*
 * The hub's own request id keys the log. A caller's X-Request-Id is a
 * correlation id only: kept beside the request event, echoed back as
 * x-correlation-id, never the id under which events are filed, so a caller
 * reusing another's id cannot mix its events into the other's.
 */

const LIST = `{ persons(first: 2) { edges { node { id name } } } }`;
const EVENTS = `query Events($requestId: String) {
  auditEvents(first: 50, filter: { requestId: $requestId }) { edges { node { kind requestId correlationId subject count } } }
}`;

let hub: TestHub;

beforeAll(async () => {
  hub = await startTestHub({ persons: 20, key: 'request-ids', recordSubgraphRequests: true });
}, 240_000);

afterAll(async () => {
  await hub?.close();
});

const hubIdOf = (response: GraphQLResponse): string => response.headers.get('x-request-id') ?? '';

describe("a caller's X-Request-Id", () => {
  const shared = `shared-correlation-${Date.now()}`;
  const callers = [
    { role: 'police' as const, sub: 'police-system-one' },
    { role: 'police' as const, sub: 'police-system-two' },
  ];
  let responses: GraphQLResponse[] = [];
  let events: AuditEvent[] = [];

  beforeAll(async () => {
    responses = await Promise.all(
      callers.map(async ({ sub }) => graphql(hub.gatewayUrl, LIST, {}, { ...(await hub.headers({ sub })), 'x-request-id': shared })),
    );
    events = await hub.audit.events();
  });

  it('never becomes the request id: two callers sending the same one get distinct ids of the hub', () => {
    for (const response of responses) expect(response.status).toBe(200);
    const ids = responses.map(hubIdOf);
    expect(new Set(ids).size).toBe(callers.length);
    for (const id of ids) {
      expect(id).not.toBe(shared);
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    }
    expect(events.some((event) => event.requestId === shared)).toBe(false);
  });

  it('is echoed back as x-correlation-id', () => {
    for (const response of responses) expect(response.headers.get('x-correlation-id')).toBe(shared);
  });

  it("files each caller's events under its own request id only, with the correlation id on its request event", () => {
    callers.forEach(({ sub }, i) => {
      const own = events.filter((event) => event.requestId === hubIdOf(responses[i]!));
      // The request event and the police subgraph's access to the persons listed.
      expect(own.map((event) => event.kind).sort()).toEqual(['access', 'request']);
      expect(new Set(own.map((event) => event.subject))).toEqual(new Set([sub]));
      expect(own.find((event) => event.kind === 'request')?.correlationId).toBe(shared);
    });
  });

  it('leaves the subgraphs the request id of the hub, never the caller’s', () => {
    const sentIds = new Set(hub.subgraphRequests.map((request) => request.headers['x-request-id']));
    for (const response of responses) expect(sentIds.has(hubIdOf(response))).toBe(true);
    expect(sentIds.has(shared)).toBe(false);
  });

  it("is shown to auditors as correlationId, filtered by the hub's request id", async () => {
    const answer = await graphql(hub.gatewayUrl, EVENTS, { requestId: hubIdOf(responses[0]!) }, hub.headers('auditor'));
    expect(answer.body.errors).toBeUndefined();
    const nodes = (answer.body.data?.auditEvents.edges as { node: { kind: string; requestId: string; correlationId: string | null; subject: string } }[]).map((e) => e.node);
    expect(nodes.length).toBeGreaterThan(0);
    expect(new Set(nodes.map((node) => node.subject))).toEqual(new Set([callers[0]!.sub]));
    expect(nodes.find((node) => node.kind === 'REQUEST')?.correlationId).toBe(shared);
  });

  it('keeps the chains verifiable, events with a correlation id and events without alike', async () => {
    await hub.audit.flush();
    const report = await verifyAuditStore(hub.audit.database);
    expect(report.problems).toEqual([]);
    expect(report.ok).toBe(true);
  });
});

describe('a request without X-Request-Id', () => {
  it('gets a request id of the hub and no correlation id', async () => {
    const response = await graphql(hub.gatewayUrl, LIST, {}, hub.headers('police'));
    expect(response.status).toBe(200);
    expect(response.headers.get('x-correlation-id')).toBeNull();
    const recorded = (await hub.audit.events()).find((event) => event.kind === 'request' && event.requestId === hubIdOf(response));
    expect(recorded).toBeDefined();
    expect(recorded?.correlationId).toBeUndefined();
  });
});

describe('a malformed X-Request-Id', () => {
  const malformed = ['has spaces in it', 'x'.repeat(129), 'quote"d', 'semi;colon'];

  it.each(malformed)('is refused with 400 naming the header, and never stored: %s', async (value) => {
    expect(CORRELATION_ID_PATTERN.test(value)).toBe(false);
    const response = await graphql(hub.gatewayUrl, LIST, {}, { ...(await hub.headers('police')), 'x-request-id': value });
    expect(response.status).toBe(400);
    expect(errorCodes(response)).toEqual(['BAD_USER_INPUT']);
    expect(response.body.errors?.[0]?.message).toContain('X-Request-Id');
    expect(response.headers.get('x-correlation-id')).toBeNull();
    const events = await hub.audit.events();
    expect(events.some((event) => event.correlationId === value || event.requestId === value)).toBe(false);
    expect(events.some((event) => event.requestId === hubIdOf(response) && event.kind === 'access')).toBe(false);
  });
});
