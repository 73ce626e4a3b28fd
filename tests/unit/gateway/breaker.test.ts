import { describe, expect, it } from 'vitest';
import { breakerSettingsFromEnv, CircuitBreaker, DEFAULT_BREAKER, type BreakerSettings, type BreakerTransition, type CallResult } from '../../../gateway/breaker.js';
import { breakerResultOf } from '../../../gateway/data-source.js';
import { parseEnv } from '../../../hub/env.js';

const SETTINGS: BreakerSettings = { failures: 3, cooldownMs: 1_000, maxCooldownMs: 3_500 };

/** A breaker on a clock the test moves, with every transition it made. */
function breaker(settings: BreakerSettings = SETTINGS) {
  const clock = { now: 10_000 };
  const transitions: BreakerTransition[] = [];
  const b = new CircuitBreaker(settings, () => clock.now, (t) => transitions.push(t));
  /** Admits one call and settles it with `result`; false when the call was refused. */
  const call = (result: CallResult): boolean => {
    const ticket = b.admit();
    if (!ticket) return false;
    b.settle(ticket, result);
    return true;
  };
  const open = () => {
    for (let i = 0; i < settings.failures; i += 1) expect(call('failed')).toBe(true);
    expect(b.state).toBe('open');
  };
  return { b, clock, transitions, call, open };
}

describe('the circuit breaker of one subgraph', () => {
  it('is on by default, off with BREAKER_FAILURES=0, and refuses a cool-down ceiling below the first cool-down', () => {
    expect(breakerSettingsFromEnv(parseEnv({}))).toEqual(DEFAULT_BREAKER);
    expect(breakerSettingsFromEnv(parseEnv({ BREAKER_FAILURES: '0' }))).toBeNull();
    expect(breakerSettingsFromEnv(parseEnv({ BREAKER_FAILURES: '2', BREAKER_COOLDOWN_MS: '250', BREAKER_MAX_COOLDOWN_MS: '250' }))).toEqual({ failures: 2, cooldownMs: 250, maxCooldownMs: 250 });
    expect(() => parseEnv({ BREAKER_COOLDOWN_MS: '20000', BREAKER_MAX_COOLDOWN_MS: '10000' })).toThrow(/BREAKER_MAX_COOLDOWN_MS.*at least BREAKER_COOLDOWN_MS/);
    expect(() => parseEnv({ BREAKER_FAILURES: '-1' })).toThrow(/BREAKER_FAILURES/);
    expect(() => parseEnv({ BREAKER_COOLDOWN_MS: 'soon' })).toThrow(/BREAKER_COOLDOWN_MS/);
  });

  it('lets every call through while the subgraph answers, and opens after the configured failures in a row', () => {
    const { b, transitions, call } = breaker();
    for (let i = 0; i < SETTINGS.failures - 1; i += 1) expect(call('failed')).toBe(true);
    expect(b.state).toBe('closed');
    expect(call('failed')).toBe(true);
    expect(b.state).toBe('open');
    expect(transitions).toEqual([{ from: 'closed', to: 'open', failures: SETTINGS.failures, cooldownMs: SETTINGS.cooldownMs }]);
    expect(call('answered')).toBe(false);
  });

  it('counts failures in a row only: an answer in between starts the count over', () => {
    const { b, call } = breaker();
    for (let round = 0; round < 5; round += 1) {
      for (let i = 0; i < SETTINGS.failures - 1; i += 1) call('failed');
      call('answered');
    }
    expect(b.state).toBe('closed');
  });

  it('does not count calls that never reached the subgraph', () => {
    const { b, call } = breaker();
    for (let i = 0; i < SETTINGS.failures * 3; i += 1) call(i % 2 === 0 ? 'failed' : 'neither');
    expect(b.state).toBe('open');
    const other = breaker();
    for (let i = 0; i < SETTINGS.failures * 3; i += 1) other.call('neither');
    expect(other.b.state).toBe('closed');
  });

  it('refuses every call during the cool-down, then lets exactly one probe through while the others are still refused', () => {
    const { b, clock, call, open } = breaker();
    open();
    clock.now += SETTINGS.cooldownMs - 1;
    expect(b.admit()).toBeNull();
    clock.now += 1;
    const probe = b.admit();
    expect(probe).toEqual({ probe: true });
    expect(b.state).toBe('half-open');
    expect(b.admit()).toBeNull();
    expect(call('answered')).toBe(false);
    b.settle(probe!, 'answered');
    expect(b.state).toBe('closed');
  });

  it('closes on an answered probe and starts from the first cool-down again', () => {
    const { b, clock, transitions, open } = breaker();
    open();
    clock.now += SETTINGS.cooldownMs;
    b.settle(b.admit()!, 'failed');
    clock.now += SETTINGS.cooldownMs * 2;
    b.settle(b.admit()!, 'answered');
    expect(b.state).toBe('closed');
    open();
    expect(transitions.at(-1)).toMatchObject({ to: 'open', cooldownMs: SETTINGS.cooldownMs });
  });

  it('opens again on a failed probe, doubling the cool-down up to its ceiling', () => {
    const { b, clock, transitions, open } = breaker();
    open();
    const cooldowns: number[] = [];
    let expected = SETTINGS.cooldownMs;
    for (let i = 0; i < 4; i += 1) {
      clock.now += expected - 1;
      expect(b.admit()).toBeNull();
      clock.now += 1;
      b.settle(b.admit()!, 'failed');
      expect(b.state).toBe('open');
      expected = Math.min(expected * 2, SETTINGS.maxCooldownMs);
      cooldowns.push(transitions.at(-1)!.cooldownMs!);
    }
    expect(cooldowns).toEqual([2_000, 3_500, 3_500, 3_500]);
    expect(transitions.filter((t) => t.to === 'half-open')).toHaveLength(4);
  });

  it('leaves the next call to probe when the probe never reached the subgraph', () => {
    const { b, clock, open } = breaker();
    open();
    clock.now += SETTINGS.cooldownMs;
    b.settle(b.admit()!, 'neither');
    expect(b.state).toBe('half-open');
    const next = b.admit();
    expect(next?.probe).toBe(true);
    b.settle(next!, 'answered');
    expect(b.state).toBe('closed');
  });

  it('takes no account of calls made before it opened that end while it is open or probing', () => {
    const { b, clock } = breaker();
    const inFlight = Array.from({ length: SETTINGS.failures + 2 }, () => b.admit()!);
    for (const ticket of inFlight.slice(0, SETTINGS.failures)) b.settle(ticket, 'failed');
    expect(b.state).toBe('open');
    b.settle(inFlight[SETTINGS.failures]!, 'answered');
    expect(b.state).toBe('open');
    clock.now += SETTINGS.cooldownMs;
    const probe = b.admit()!;
    b.settle(inFlight[SETTINGS.failures + 1]!, 'answered');
    expect(b.state).toBe('half-open');
    b.settle(probe, 'failed');
    expect(b.state).toBe('open');
  });

  it('counts timeouts, lost connections, 5xx and answers that are no GraphQL answer, and not the 4xx of a refused request or a call never made', () => {
    expect(breakerResultOf('timeout', undefined)).toBe('failed');
    expect(breakerResultOf('unreachable', undefined)).toBe('failed');
    expect(breakerResultOf('bad_body', 200)).toBe('failed');
    for (const status of [500, 502, 503, 504]) expect(breakerResultOf('http_status', status)).toBe('failed');
    for (const status of [400, 401, 403, 404, 413, 429]) expect(breakerResultOf('http_status', status)).toBe('answered');
    expect(breakerResultOf('internal', undefined)).toBe('neither');
  });
});
