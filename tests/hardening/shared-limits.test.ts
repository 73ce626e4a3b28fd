import { Redis } from 'ioredis';
import { RateLimiterRes } from 'rate-limiter-flexible';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallerTokenInput } from '../../auth/caller.js';
import { DEFAULT_SCOPES } from '../../auth/roles.js';
import { makeIdNumber } from '../../domain/index.js';
import { LOOKUP_CAP_CODE } from '../../gateway/lookup-cap.js';
import { sharedLimiter, sharedRedis, type SharedState } from '../../platform/shared-state.js';
import { createLogger } from '../../platform/logger.js';
import { newRunId } from '../support/databases.js';
import { graphql } from '../support/graphql.js';
import { startTestHub, type TestHub } from '../support/hub.js';

/*
 * Two gateways counting in one Redis, as two gateway workers or replicas
 * behind a load balancer do with REDIS_URL set: a caller's requests and its
 * look-ups by identity number are limited once for both, whichever gateway
 * each request reaches. And a gateway whose Redis does not answer still
 * limits, in its own memory.
 */

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const LIMIT = { points: 3, windowSeconds: 60, burst: 2, burstWindowSeconds: 60 };
const ALLOWED = LIMIT.points + LIMIT.burst;
// Fewer look-ups than the rate allows requests: the cap, not the rate, refuses the last two.
const CAP = { lookups: ALLOWED - 2, windowSeconds: 3_600 };
// Declarations a declarant may submit a minute, counted by the declarations subgraph of each hub.
const DECLARATIONS = { perDeclarantPerMinute: 3, perPremisesPerHour: 0 };
const logger = createLogger('test', 'silent');
const keyPrefix = `t${newRunId()}:`;

let hubs: TestHub[] = [];

const shared = (): SharedState => ({ redis: sharedRedis(REDIS_URL, logger), keyPrefix });

beforeAll(async () => {
  // One after the other: two hubs starting at once on two cores take longer than twice one.
  for (const key of ['shared-a', 'shared-b']) {
    hubs.push(await startTestHub({ persons: 20, key, rateLimit: LIMIT, lookupCap: CAP, declarationLimits: DECLARATIONS, sharedState: shared() }));
  }
}, 300_000);

afterAll(async () => {
  await Promise.all(hubs.map((hub) => hub.close()));
  hubs = [];
  // What this run kept in Redis, and nothing else.
  const redis = new Redis(REDIS_URL);
  const keys = await redis.keys(`${keyPrefix}*`);
  if (keys.length > 0) await redis.del(...keys);
  await redis.quit();
});

/** Sends `send` to each gateway in turn until `times` requests are answered; the statuses, in order. */
async function alternate(times: number, send: (hub: TestHub, i: number) => Promise<{ status: number; body: { errors?: { extensions?: Record<string, unknown> }[] } }>) {
  const answers: { status: number; code: unknown; limit: unknown }[] = [];
  for (let i = 0; i < times; i += 1) {
    const answer = await send(hubs[i % hubs.length]!, i);
    answers.push({ status: answer.status, code: answer.body.errors?.[0]?.extensions?.code, limit: answer.body.errors?.[0]?.extensions?.limit });
  }
  return answers;
}

describe('two gateways sharing one Redis', () => {
  it('allow a caller its rate once between them, not once each', async () => {
    const caller: Partial<CallerTokenInput> = { sub: 'system-behind-two-gateways' };
    const answers = await alternate(2 * ALLOWED, (hub) => graphql(hub.gatewayUrl, '{ persons(first: 1) { edges { node { id } } } }', {}, hub.headers(caller)));
    expect(answers.map((a) => a.status)).toEqual([...Array<number>(ALLOWED).fill(200), ...Array<number>(ALLOWED).fill(429)]);
    expect(new Set(answers.slice(ALLOWED).map((a) => a.code))).toEqual(new Set(['RATE_LIMITED']));
    // Another caller of the same department has its own allowance, on either gateway.
    for (const hub of hubs) expect((await graphql(hub.gatewayUrl, '{ persons(first: 1) { edges { node { id } } } }', {}, hub.headers({ sub: 'another-system' }))).status).toBe(200);
  });

  it('count a masked reader’s look-ups by identity number once between them', async () => {
    const housing: Partial<CallerTokenInput> = { sub: 'housing-behind-two-gateways', dept: 'housing', roles: ['housing'] };
    // A number of its own each time: a look-up is counted whether anybody holds the number or not.
    const answers = await alternate(CAP.lookups + 2, (hub, i) =>
      graphql(
        hub.gatewayUrl,
        'query($n: String!) { personByIdNumber(idNumber: $n) { id } }',
        { n: makeIdNumber('510104', `1990-03-${String(10 + i)}`, 300, 'FEMALE') },
        hub.headers(housing, 'housing-administration'),
      ),
    );
    expect(answers.map((a) => a.status)).toEqual([...Array<number>(CAP.lookups).fill(200), 429, 429]);
    expect(answers.slice(CAP.lookups).map((a) => a.limit)).toEqual([LOOKUP_CAP_CODE, LOOKUP_CAP_CODE]);
  });
});

describe('two declarations subgraphs sharing one Redis', () => {
  it('allow a declarant its declarations a minute once between them, not once each', async () => {
    const idNumber = makeIdNumber('510104', '1991-05-17', 412, 'MALE');
    const resident: Partial<CallerTokenInput> = { sub: 'resident-behind-two-hubs', dept: 'resident', roles: ['resident'], scope: DEFAULT_SCOPES.resident.join(' '), idNumber };
    // Refused declarations count too: each of these names the fields it lacks (address, grid…), until the limit refuses it whole.
    const answers = await alternate(DECLARATIONS.perDeclarantPerMinute + 2, async (hub) =>
      graphql(hub.gatewayUrl, 'mutation($input: SubmitDeclarationInput!) { submitDeclaration(input: $input) { declaration { id } } }', { input: { kind: 'RESIDENCE', name: '周明', start: '2026-01-05' } }, await hub.headers(resident, 'declaration')),
    );
    expect(answers.map((a) => a.code)).toEqual([...Array<string>(DECLARATIONS.perDeclarantPerMinute).fill('BAD_USER_INPUT'), 'RATE_LIMITED', 'RATE_LIMITED']);
  });
});

describe('a gateway whose Redis does not answer', () => {
  it('limits in its own memory meanwhile: a caller is never let through unlimited', async () => {
    // Nothing listens on port 1: every command fails at once.
    const unreachable: SharedState = { redis: sharedRedis('redis://127.0.0.1:1', logger), keyPrefix };
    try {
      const limiter = sharedLimiter(unreachable, 'rate:steady', LIMIT.points, LIMIT.windowSeconds);
      const results: string[] = [];
      for (let i = 0; i < LIMIT.points + 2; i += 1) {
        results.push(
          await limiter.consume('["police","a-system"]').then(
            () => 'admitted',
            (refusal: unknown) => (refusal instanceof RateLimiterRes ? 'refused' : 'failed'),
          ),
        );
      }
      expect(results).toEqual([...Array<string>(LIMIT.points).fill('admitted'), 'refused', 'refused']);
    } finally {
      unreachable.redis.disconnect();
    }
  });
});
