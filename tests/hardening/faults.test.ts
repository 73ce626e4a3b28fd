import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../platform/logger.js';
import { graphql, type GraphQLResponse } from '../support/graphql.js';
import { residentWithHealthProfile, startHubWithFaultyUpstream, UPSTREAM_SECRETS, type FaultyUpstream, type UpstreamBehaviour } from '../support/faults.js';
import type { TestHub } from '../support/hub.js';
import { jointServiceClaims } from '../support/tokens.js';

/*
 * The health subgraph sits behind a real HTTP server on loopback that a test
 * switches between passing requests on and failing in each way a department's
 * service fails. Whatever it does, the caller gets the police part of the
 * answer, one generic error for the health part, nothing about where or how
 * it failed, and within the subgraph timeout plus a second.
 */

const TIMEOUT_MS = 1_000;
const MARGIN_MS = 1_000;
const DOSSIER = `query($id: ID!) { person(id: $id) { name status healthProfile { familyPlanningStatus } } }`;

let hub: TestHub;
let upstream: FaultyUpstream;
let resident: { id: string; name: string; familyPlanningStatus: string };
const logLines: Record<string, unknown>[] = [];

const dossier = () => graphql(hub.gatewayUrl, DOSSIER, { id: resident.id }, hub.headers(jointServiceClaims(), 'public-health'));

function expectWholeAnswer(response: GraphQLResponse<Record<string, any>>): void {
  expect(response.status).toBe(200);
  expect(response.body.errors).toBeUndefined();
  expect(response.body.data?.person).toEqual({ name: resident.name, status: expect.any(String), healthProfile: { familyPlanningStatus: resident.familyPlanningStatus } });
}

/** The police part is there, the health part is null with one SUBGRAPH_UNAVAILABLE naming the service, and nothing else is said. */
function expectHealthMissing(response: GraphQLResponse<Record<string, any>>): void {
  expect(response.status).toBe(200);
  expect(response.body.data?.person.name).toBe(resident.name);
  expect(response.body.data?.person.healthProfile).toBeNull();
  expect(response.body.errors).toEqual([
    {
      message: 'The health service gave no usable answer; the fields it provides are missing from this response',
      extensions: { code: 'SUBGRAPH_UNAVAILABLE', service: 'health' },
    },
  ]);
  const text = JSON.stringify(response.body);
  for (const secret of [...UPSTREAM_SECRETS, '127.0.0.1', 'localhost', `:${upstream.port}`, 'ECONNREFUSED', 'html', 'stack', 'Unexpected end']) {
    expect(text).not.toContain(secret);
  }
}

beforeAll(async () => {
  const lines = { write: (line: string) => void logLines.push(JSON.parse(line) as Record<string, unknown>) };
  ({ hub, upstream } = await startHubWithFaultyUpstream('health', {
    persons: 60,
    key: 'subgraph-faults',
    subgraphTimeoutMs: TIMEOUT_MS,
    logger: createLogger('faults-test', 'warn', lines),
  }));
  resident = await residentWithHealthProfile(hub);
}, 120_000);

afterAll(async () => {
  await hub?.close();
  await upstream?.close();
});

describe('a gateway whose health subgraph fails', () => {
  it('answers the whole dossier while the health service answers', async () => {
    expectWholeAnswer(await dossier());
  });

  const faults: [string, UpstreamBehaviour][] = [
    ['is down (connection refused)', { kind: 'down' }],
    ['answers HTTP 500 with an error text', { kind: 'status', status: 500 }],
    ['answers HTTP 503', { kind: 'status', status: 503 }],
    ['answers an HTML error page', { kind: 'html' }],
    ['answers JSON cut off in the middle', { kind: 'truncated-json' }],
    ['never answers', { kind: 'hang' }],
    ['answers only after the timeout', { kind: 'pass', delayMs: TIMEOUT_MS + 1_500 }],
  ];

  it.each(faults)('gives the police part and SUBGRAPH_UNAVAILABLE for the health part, within the timeout and a second, when the service %s; the next request is whole again', async (_, behaviour) => {
    await upstream.behave(behaviour);
    const started = performance.now();
    const response = await dossier();
    const elapsed = performance.now() - started;
    expectHealthMissing(response);
    expect(elapsed).toBeLessThan(TIMEOUT_MS + MARGIN_MS);

    await upstream.behave({ kind: 'pass' });
    expectWholeAnswer(await dossier());
  });

  it('keeps answering every caller while the service hangs, each within the bound', async () => {
    await upstream.behave({ kind: 'hang' });
    try {
      const started = performance.now();
      const responses = await Promise.all(Array.from({ length: 8 }, () => dossier()));
      const elapsed = performance.now() - started;
      for (const response of responses) expectHealthMissing(response);
      expect(elapsed).toBeLessThan(TIMEOUT_MS + MARGIN_MS);
    } finally {
      await upstream.behave({ kind: 'pass' });
    }
    expectWholeAnswer(await dossier());
  });

  it('logs what the caller is not told — the subgraph, its address and the status — under the request id, but not the body, which may hold residents\' data', async () => {
    await upstream.behave({ kind: 'status', status: 500 });
    let requestId: string | null = null;
    try {
      const response = await dossier();
      expectHealthMissing(response);
      requestId = response.headers.get('x-request-id');
      expect(requestId).toBeTruthy();
    } finally {
      await upstream.behave({ kind: 'pass' });
    }
    const line = logLines.find((l) => l.requestId === requestId && l.subgraph === 'health');
    expect(line).toMatchObject({ failure: 'http_status', status: 500, url: upstream.url });
    expect(JSON.stringify(line)).not.toContain('db-7.health.internal');
  });
});
