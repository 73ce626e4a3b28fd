import { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { Logger } from '../platform/logger.js';

/**
 * What a component's replicas keep in common: with a Redis server, every
 * gateway worker and replica counts one caller's requests and look-ups in one
 * place, so a limit configured at 20/s is 20/s for the whole hub rather than
 * 20/s per process, and every declarations replica counts a declarant's and a
 * premises' declarations so. Without one (a single process, `npm start`), each
 * counts in its own memory.
 */
export interface SharedState {
  redis: Redis;
  /** Put before every key this hub keeps there, so hubs can share a server. */
  keyPrefix: string;
}

/** A Redis client for REDIS_URL, or null when it is unset; errors are logged by their code alone, once a change. */
export function sharedStateFromEnv(env: { REDIS_URL?: string | undefined; REDIS_KEY_PREFIX: string }, logger: Logger): SharedState | null {
  if (!env.REDIS_URL) return null;
  return { redis: sharedRedis(env.REDIS_URL, logger), keyPrefix: env.REDIS_KEY_PREFIX };
}

/**
 * A client that never queues a command while disconnected (a limiter then
 * falls back to counting in memory at once, instead of holding the request)
 * and reconnects on its own.
 */
export function sharedRedis(url: string, logger: Logger): Redis {
  const redis = new Redis(url, { enableOfflineQueue: false, maxRetriesPerRequest: 1, connectTimeout: 2_000, retryStrategy: (times) => Math.min(times * 200, 5_000) });
  let lastCode: string | null = null;
  redis.on('error', (error: Error & { code?: string }) => {
    // The code, never the message: it names the server's address.
    const code = typeof error.code === 'string' ? error.code : 'ERROR';
    if (code === lastCode) return;
    lastCode = code;
    logger.warn({ reason: code }, 'the shared state (Redis) does not answer: limits are counted in this process until it does');
  });
  redis.on('ready', () => {
    if (lastCode !== null) logger.info('the shared state (Redis) answers again: limits are counted for every replica again');
    lastCode = null;
  });
  return redis;
}

/**
 * A limiter of `points` per `durationSeconds` named `name`: in the shared
 * state when there is one — with one of this process's memory standing in
 * while Redis does not answer, so a caller is never let through unlimited —
 * else in memory.
 */
export function sharedLimiter(shared: SharedState | null | undefined, name: string, points: number, durationSeconds: number): RateLimiterAbstract {
  const memory = new RateLimiterMemory({ keyPrefix: name, points, duration: durationSeconds });
  if (!shared) return memory;
  return new RateLimiterRedis({ storeClient: shared.redis, keyPrefix: `${shared.keyPrefix}${name}`, points, duration: durationSeconds, insuranceLimiter: memory });
}
