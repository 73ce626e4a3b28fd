import type { BreakerState } from '../platform/metrics.js';

/**
 * When the gateway stops calling a subgraph that keeps failing, and how it
 * finds out that the subgraph is back.
 */
export interface BreakerSettings {
  /** Failed calls in a row that open the breaker; 0 switches breakers off. */
  failures: number;
  /** How long an opened breaker refuses calls before it lets one probe through. */
  cooldownMs: number;
  /** The longest cool-down: each failed probe doubles the last one, up to this. */
  maxCooldownMs: number;
}

export const DEFAULT_BREAKER: BreakerSettings = { failures: 5, cooldownMs: 5_000, maxCooldownMs: 60_000 };

/** The settings from the environment, or null when BREAKER_FAILURES=0 switches breakers off. */
export function breakerSettingsFromEnv(env: { BREAKER_FAILURES: number; BREAKER_COOLDOWN_MS: number; BREAKER_MAX_COOLDOWN_MS: number }): BreakerSettings | null {
  if (env.BREAKER_FAILURES === 0) return null;
  return { failures: env.BREAKER_FAILURES, cooldownMs: env.BREAKER_COOLDOWN_MS, maxCooldownMs: env.BREAKER_MAX_COOLDOWN_MS };
}

/**
 * How one call ended, as the breaker counts it. `failed`: the subgraph is
 * unwell (it timed out, refused or dropped the connection, answered 5xx or
 * something that is no GraphQL answer). `answered`: it gave a GraphQL answer,
 * errors in it included, or refused the caller's input with a 4xx — the
 * caller's mistakes say nothing about the subgraph's health. `neither`: the
 * call never reached it (the gateway could not make it).
 */
export type CallResult = 'answered' | 'failed' | 'neither';

/** A call the breaker let through; its result is reported with `settle`. */
export interface BreakerTicket {
  /** True for the one call let through after a cool-down to see whether the subgraph is back. */
  readonly probe: boolean;
}

export interface BreakerTransition {
  from: BreakerState;
  to: BreakerState;
  /** While open: how long until the next probe. */
  cooldownMs?: number;
  /** On opening from closed: the failures in a row that opened it. */
  failures?: number;
}

/**
 * One subgraph's circuit breaker, as pure state driven by an injected clock:
 *
 * - closed: every call goes through; `failures` failed calls in a row open it
 *   (an answered call starts the count over);
 * - open: every call is refused at once, until the cool-down has passed;
 * - half-open: the first call after the cool-down goes through as a probe, and
 *   the others are refused while it is under way. Its answer closes the
 *   breaker and resets the cool-down; its failure opens it again for twice the
 *   last cool-down, up to `maxCooldownMs`; a probe that never reached the
 *   subgraph leaves the next call to probe.
 *
 * Calls let through before the breaker opened and ending while it is open or
 * half-open change nothing: only the probe says whether the subgraph is back.
 * The breaker only ever refuses calls the gateway would otherwise make; it
 * never makes one that would not have been made.
 */
export class CircuitBreaker {
  private current: BreakerState = 'closed';
  private failuresInARow = 0;
  private cooldownMs: number;
  private retryAt = 0;
  private probing = false;
  private readonly probeTicket: BreakerTicket = Object.freeze({ probe: true });
  private static readonly callTicket: BreakerTicket = Object.freeze({ probe: false });

  constructor(
    private readonly settings: BreakerSettings,
    private readonly now: () => number = Date.now,
    private readonly onTransition: (transition: BreakerTransition) => void = () => {},
  ) {
    this.cooldownMs = settings.cooldownMs;
  }

  get state(): BreakerState {
    return this.current;
  }

  /** A ticket for a call that may be made, or null when the call is refused. */
  admit(): BreakerTicket | null {
    switch (this.current) {
      case 'closed':
        return CircuitBreaker.callTicket;
      case 'open':
        if (this.now() < this.retryAt) return null;
        this.move('half-open');
        this.probing = true;
        return this.probeTicket;
      case 'half-open':
        if (this.probing) return null;
        this.probing = true;
        return this.probeTicket;
    }
  }

  /** How the call of `ticket` ended. */
  settle(ticket: BreakerTicket, result: CallResult): void {
    if (ticket.probe) {
      if (this.current !== 'half-open' || !this.probing) return;
      this.probing = false;
      if (result === 'answered') {
        this.failuresInARow = 0;
        this.cooldownMs = this.settings.cooldownMs;
        this.move('closed');
      } else if (result === 'failed') {
        this.cooldownMs = Math.min(this.cooldownMs * 2, this.settings.maxCooldownMs);
        this.open();
      }
      return;
    }
    if (this.current !== 'closed' || result === 'neither') return;
    if (result === 'answered') {
      this.failuresInARow = 0;
      return;
    }
    this.failuresInARow += 1;
    if (this.failuresInARow >= this.settings.failures) {
      const failures = this.failuresInARow;
      this.failuresInARow = 0;
      this.open(failures);
    }
  }

  private open(failures?: number): void {
    this.retryAt = this.now() + this.cooldownMs;
    this.move('open', { cooldownMs: this.cooldownMs, ...(failures === undefined ? {} : { failures }) });
  }

  private move(to: BreakerState, detail: Omit<BreakerTransition, 'from' | 'to'> = {}): void {
    const from = this.current;
    this.current = to;
    this.onTransition({ from, to, ...detail });
  }
}
