import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallerTokenInput } from '../../auth/caller.js';
import { graphql } from '../support/graphql.js';
import { startTestHub, type TestHub } from '../support/hub.js';

/*
 * A gateway allowing each caller 3 requests a minute plus a burst of 2: the
 * sixth request of a minute is refused, before anything is executed, and
 * only for the caller who sent it.
 */

const LIMIT = { points: 3, windowSeconds: 60, burst: 2, burstWindowSeconds: 60 };
const ALLOWED = LIMIT.points + LIMIT.burst;
const LIST = `{ persons(first: 2) { edges { node { id name } } } }`;

let hub: TestHub;

const ask = (claims: Partial<CallerTokenInput>) => graphql(hub.gatewayUrl, LIST, {}, hub.headers(claims));

beforeAll(async () => {
  hub = await startTestHub({ persons: 30, key: 'rate-limits', rateLimit: LIMIT, recordSubgraphRequests: true });
}, 120_000);

afterAll(async () => {
  await hub?.close();
});

describe('the per-caller rate limit', () => {
  const flooder: Partial<CallerTokenInput> = { sub: 'flooding-system' };
  let refusedId = '';
  let refused: Awaited<ReturnType<typeof ask>>;
  let statementsBefore: Record<string, number>;

  beforeAll(async () => {
    for (let i = 0; i < ALLOWED; i += 1) {
      const response = await ask(flooder);
      expect(response.status).toBe(200);
      expect(response.body.errors).toBeUndefined();
    }
    statementsBefore = hub.statements();
    refused = await ask(flooder);
    refusedId = refused.headers.get('x-request-id') ?? '';
  });

  it('lets a caller send its allowance and burst, then answers HTTP 429 with RATE_LIMITED and a Retry-After in seconds', () => {
    expect(refused.status).toBe(429);
    expect(refused.body.data).toBeUndefined();
    expect(refused.body.errors).toHaveLength(1);
    expect(refused.body.errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
    expect(refused.body.errors?.[0]?.message).toMatch(/^Too many requests from this caller: try again in \d+ s$/);
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(Number.isInteger(retryAfter)).toBe(true);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(LIMIT.windowSeconds);
    expect(refused.body.errors?.[0]?.extensions?.retryAfterSeconds).toBe(retryAfter);
  });

  it('executes nothing of a refused request: no subgraph call, no statement', () => {
    expect(hub.subgraphRequests.filter((r) => r.headers['x-request-id'] === refusedId)).toEqual([]);
    expect(hub.statements()).toEqual(statementsBefore);
  });

  it('records the refusal in the audit trail as a refused request of that caller', async () => {
    const events = (await hub.audit.events()).filter((e) => e.requestId === refusedId);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ kind: 'request', subject: 'flooding-system', department: 'police', outcome: 'error', errorCode: 'RATE_LIMITED' });
  });

  it('keeps refusing the same caller within the window', async () => {
    const again = await ask(flooder);
    expect(again.status).toBe(429);
    expect(again.body.errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
  });

  it('does not limit another caller of the same department', async () => {
    const other = await ask({ sub: 'another-police-system' });
    expect(other.status).toBe(200);
    expect(other.body.errors).toBeUndefined();
    expect(other.body.data?.persons.edges).toHaveLength(2);
  });

  it('does not limit a caller of another department that happens to bear the same subject name', async () => {
    const namesake = await ask({ sub: 'flooding-system', roles: ['housing'] });
    expect(namesake.status).toBe(200);
    expect(namesake.body.errors).toBeUndefined();
  });

  it('counts the refusals by department in the metrics', async () => {
    const { body } = await hub.metrics.expose();
    const line = body.split('\n').find((l) => l.startsWith('hub_rate_limited_total{department="police"}'));
    expect(Number(line?.split(' ')[1])).toBeGreaterThanOrEqual(2);
  });
});
