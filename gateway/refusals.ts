import { randomUUID } from 'node:crypto';
import type { RefusalsEventInput } from '../audit/api.js';
import type { Principal } from '../auth/principal.js';

/**
 * How refusals before execution are kept from growing the audit log, and
 * from costing the hub work, without bound.
 */
export interface RefusalSettings {
  /** How long one window of counting lasts, in milliseconds; 0 records every refusal as its own event. */
  windowMs: number;
  /** How many (source, subject, reason) tallies and throttled sources are held in memory at most. */
  maxKeys: number;
  /** Refusals one source may earn in a window before its requests are answered 429 without further work; 0 turns this off. */
  throttleAfter: number;
}

export const DEFAULT_REFUSAL_SETTINGS: RefusalSettings = { windowMs: 60_000, maxKeys: 10_000, throttleAfter: 100 };

export function refusalSettingsFromEnv(env: { REFUSAL_WINDOW_S: number; REFUSAL_MAX_KEYS: number; REFUSAL_THROTTLE: number }): RefusalSettings {
  return { windowMs: env.REFUSAL_WINDOW_S * 1_000, maxKeys: env.REFUSAL_MAX_KEYS, throttleAfter: env.REFUSAL_THROTTLE };
}

/** Where the tallies go when a window closes; the gateway's audit writer takes them. */
export type RefusalsSink = (event: Omit<RefusalsEventInput, 'kind'>) => void;

interface Tally {
  principal: Principal | null;
  /** A purpose of the registry the refused caller declared, or null. */
  purpose: string | null;
  reason: string;
  opened: number;
  /** Refusals after the first, which was recorded as a request event of its own. */
  repeats: number;
}

interface SourceCount {
  opened: number;
  refusals: number;
}

/** The subject, when known, named as the rate limiter names it: unique only within its department. */
const subjectKey = (principal: Principal | null): string => (principal ? JSON.stringify([principal.department, principal.subject]) : '');

/**
 * Counts refusals per source (remote address, and subject when known),
 * reason (error code) and window, and apart per declared purpose when the
 * caller is known: who tried to declare which purpose stays answered. The first of a window is recorded as it
 * always was; the rest are counted here, and one `refusals` event with the
 * count is written when the window closes or the gateway stops. Memory is
 * bounded: past `maxKeys` tallies, new sources fold into one tally per
 * reason, and reasons are the hub's own error codes.
 *
 * Keys are caller-influenced text, so they live in Maps only.
 */
export class RefusalLedger {
  private readonly tallies = new Map<string, Tally>();
  private readonly sources = new Map<string, SourceCount>();
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly settings: RefusalSettings,
    private readonly sink: RefusalsSink,
    private readonly now: () => number = Date.now,
  ) {
    // Windows close on this sweep even when their source went quiet; unref'd so it never holds the process open.
    this.timer = setInterval(() => this.sweep(), Math.max(1_000, Math.min(settings.windowMs, 60_000)));
    this.timer.unref();
  }

  /** Tallies held now, overflow included; at most maxKeys plus one a reason. */
  get size(): number {
    return this.tallies.size;
  }

  /**
   * Notes one refusal. True when it opens its window, and so is to be
   * recorded as an event of its own; false when it was only counted.
   */
  note(source: string, principal: Principal | null, reason: string, throttleKey: string = source, purpose: string | null = null): boolean {
    const now = this.now();
    this.countSource(throttleKey, now);
    let key = JSON.stringify([source, subjectKey(principal), purpose ?? '', reason]);
    let tally = this.tallies.get(key);
    if (tally && now - tally.opened >= this.settings.windowMs) {
      this.close(key, tally, now);
      tally = undefined;
    }
    if (!tally && this.tallies.size >= this.settings.maxKeys) {
      this.sweep();
      if (this.tallies.size >= this.settings.maxKeys) {
        // Full of live windows: counted in the reason's overflow tally, no subject named.
        key = JSON.stringify(['', '', '', reason]);
        principal = null;
        purpose = null;
        tally = this.tallies.get(key);
      }
    }
    if (tally) {
      tally.repeats += 1;
      return false;
    }
    this.tallies.set(key, { principal, purpose, reason, opened: now, repeats: 0 });
    return true;
  }

  /**
   * Whether a source has earned more refusals this window than it may:
   * answered 429 before its token is even looked at.
   */
  throttled(throttleKey: string): boolean {
    if (this.settings.throttleAfter <= 0) return false;
    const count = this.sources.get(throttleKey);
    if (!count) return false;
    if (this.now() - count.opened >= this.settings.windowMs) {
      this.sources.delete(throttleKey);
      return false;
    }
    return count.refusals >= this.settings.throttleAfter;
  }

  /** Milliseconds until a throttled source's window closes. */
  retryAfterMs(throttleKey: string): number {
    const count = this.sources.get(throttleKey);
    return count ? Math.max(0, count.opened + this.settings.windowMs - this.now()) : 0;
  }

  /** Writes the tallies of every closed window. */
  sweep(): void {
    const now = this.now();
    for (const [key, tally] of this.tallies) if (now - tally.opened >= this.settings.windowMs) this.close(key, tally, now);
    for (const [key, count] of this.sources) if (now - count.opened >= this.settings.windowMs) this.sources.delete(key);
  }

  /** Closes every window now, writing what was counted: at shutdown, before the audit writer closes. */
  flush(): void {
    clearInterval(this.timer);
    const now = this.now();
    for (const [key, tally] of this.tallies) this.close(key, tally, now);
    this.sources.clear();
  }

  private close(key: string, tally: Tally, now: number): void {
    this.tallies.delete(key);
    if (tally.repeats === 0) return;
    this.sink({
      meta: { requestId: randomUUID(), principal: tally.principal, purpose: tally.purpose, caseId: null },
      errorCode: tally.reason,
      count: tally.repeats,
      durationMs: now - tally.opened,
    });
  }

  private countSource(throttleKey: string, now: number): void {
    if (this.settings.throttleAfter <= 0) return;
    const count = this.sources.get(throttleKey);
    if (count && now - count.opened < this.settings.windowMs) {
      count.refusals += 1;
      return;
    }
    if (!count && this.sources.size >= this.settings.maxKeys) {
      this.sweep();
      // Still full: this source is not throttled this window; its refusals are still counted in the log's tallies.
      if (this.sources.size >= this.settings.maxKeys) return;
    }
    this.sources.set(throttleKey, { opened: now, refusals: 1 });
  }
}
