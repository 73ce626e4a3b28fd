import { describe, expect, it } from 'vitest';
import { PrincipalRateLimiter, rateLimitSettingsFromEnv } from '../../../gateway/rate-limit.js';
import { parseEnv } from '../../../hub/env.js';
import { principalForRole } from '../../support/tokens.js';

const refusal = (promise: Promise<void>) => promise.then(() => null, (error: { extensions?: Record<string, unknown> }) => error.extensions);

describe('the per-caller rate limit', () => {
  it('is on by default and off with RATE_LIMIT_POINTS=0', () => {
    expect(rateLimitSettingsFromEnv(parseEnv({}))).toEqual({ points: 100, windowSeconds: 1, burst: 200, burstWindowSeconds: 10 });
    expect(rateLimitSettingsFromEnv(parseEnv({ RATE_LIMIT_POINTS: '0' }))).toBeNull();
    expect(() => parseEnv({ RATE_LIMIT_BURST: '-1' })).toThrow(/RATE_LIMIT_BURST/);
  });

  it('grants the steady allowance, then the burst, then refuses with the seconds until the next request is allowed', async () => {
    const limiter = new PrincipalRateLimiter({ points: 2, windowSeconds: 30, burst: 1, burstWindowSeconds: 120 });
    const caller = principalForRole('labour');
    for (let i = 0; i < 3; i += 1) expect(await refusal(limiter.admit(caller))).toBeNull();
    const refused = await refusal(limiter.admit(caller));
    expect(refused).toMatchObject({ code: 'RATE_LIMITED', http: { status: 429 } });
    expect(refused?.retryAfterSeconds).toBeGreaterThanOrEqual(29);
    expect(refused?.retryAfterSeconds).toBeLessThanOrEqual(30);
  });

  it('keeps a separate allowance for every subject of every department', async () => {
    const limiter = new PrincipalRateLimiter({ points: 1, windowSeconds: 60, burst: 0, burstWindowSeconds: 60 });
    const police = principalForRole('police', { subject: 'shared-name' });
    expect(await refusal(limiter.admit(police))).toBeNull();
    expect(await refusal(limiter.admit(police))).toMatchObject({ code: 'RATE_LIMITED' });
    expect(await refusal(limiter.admit(principalForRole('housing', { subject: 'shared-name' })))).toBeNull();
    expect(await refusal(limiter.admit(principalForRole('police', { subject: 'other-name' })))).toBeNull();
  });
});
