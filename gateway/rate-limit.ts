import { createRequire } from 'node:module';
import { HeaderMap } from '@apollo/server';
import type { GraphQLError as GraphQLErrorType } from 'graphql';
import { BurstyRateLimiter, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { Principal } from '../auth/principal.js';
import { sharedLimiter, type SharedState } from '../platform/shared-state.js';

// The copy of graphql Apollo Server checks context errors against (see auth/errors.ts).
const { GraphQLError } = createRequire(import.meta.url)('graphql') as { GraphQLError: typeof GraphQLErrorType };

export interface RateLimitSettings {
  /** Requests one caller may send per window. */
  points: number;
  windowSeconds: number;
  /** Requests above the steady rate, from an allowance refilled every `burstWindowSeconds`. */
  burst: number;
  burstWindowSeconds: number;
}

/** The limits from the environment, or null when RATE_LIMIT_POINTS=0 switches them off. */
export function rateLimitSettingsFromEnv(env: {
  RATE_LIMIT_POINTS: number;
  RATE_LIMIT_WINDOW_S: number;
  RATE_LIMIT_BURST: number;
  RATE_LIMIT_BURST_WINDOW_S: number;
}): RateLimitSettings | null {
  if (env.RATE_LIMIT_POINTS === 0) return null;
  return {
    points: env.RATE_LIMIT_POINTS,
    windowSeconds: env.RATE_LIMIT_WINDOW_S,
    burst: env.RATE_LIMIT_BURST,
    burstWindowSeconds: env.RATE_LIMIT_BURST_WINDOW_S,
  };
}

/** HTTP 429 with Retry-After: the caller sent more than its share and may try again after that many seconds. */
export function rateLimited(retryAfterSeconds: number): GraphQLErrorType {
  const headers = new HeaderMap();
  headers.set('retry-after', String(retryAfterSeconds));
  return new GraphQLError(`Too many requests from this caller: try again in ${retryAfterSeconds} s`, {
    extensions: { code: 'RATE_LIMITED', retryAfterSeconds, http: { status: 429, headers } },
  });
}

/**
 * Limits how fast each verified caller — a token subject within its
 * department — may send requests, so one department's system cannot flood
 * the hub for everyone else. Counted in the shared state (Redis) when there
 * is one, so every gateway worker and replica allows the configured rate
 * between them; else in this process's memory, each instance allowing it.
 */
export class PrincipalRateLimiter {
  private readonly limiter: BurstyRateLimiter | RateLimiterAbstract;

  constructor(settings: RateLimitSettings, shared?: SharedState | null) {
    const steady = sharedLimiter(shared, 'rate:steady', settings.points, settings.windowSeconds);
    this.limiter = settings.burst > 0 ? new BurstyRateLimiter(steady, sharedLimiter(shared, 'rate:burst', settings.burst, settings.burstWindowSeconds)) : steady;
  }

  /** Takes one request from the caller's allowance, or throws RATE_LIMITED when none is left. */
  async admit(principal: Principal): Promise<void> {
    // Subject and department together: a subject name is unique only within the department that issued it.
    // The limiter keeps counts in a Map (or Redis) under a prefixed key, so no subject can name an inherited property.
    const key = JSON.stringify([principal.department, principal.subject]);
    try {
      await this.limiter.consume(key);
    } catch (refusal) {
      if (!(refusal instanceof RateLimiterRes)) throw refusal;
      throw rateLimited(Math.max(1, Math.ceil(refusal.msBeforeNext / 1000)));
    }
  }
}
