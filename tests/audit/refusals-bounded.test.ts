import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEvent, RefusalsEventInput } from '../../audit/api.js';
import { verifyAuditStore } from '../../audit/verify.js';
import { principalForRole } from '../support/tokens.js';
import { RefusalLedger, type RefusalSettings } from '../../gateway/refusals.js';
import { errorCodes, graphql, type GraphQLResponse } from '../support/graphql.js';
import { startTestHub, type TestHub } from '../support/hub.js';

/*
 * Refusals before execution cost the audit log a constant: the first of a
 * source and reason in a window is recorded as a request event, the rest are
 * counted and written as one `refusals` event when the window closes or the
 * gateway stops. A source refused too often is answered 429 at once.
 */

const LIST = `{ persons(first: 2) { edges { node { id name } } } }`;
const SETTINGS: RefusalSettings = { windowMs: 60_000, maxKeys: 100, throttleAfter: 200 };
const FLOOD = 300;
const PARALLEL = 20;
const HONEST = 10;

/** One refusal a request event stands for; a tally stands for its count. */
const refusalsIn = (events: readonly AuditEvent[], code: string): number =>
  events.filter((e) => e.errorCode === code).reduce((sum, e) => sum + (e.kind === 'refusals' ? (e.count ?? 0) : 1), 0);

describe('a flood of requests with an invalid token', () => {
  let hub: TestHub;
  const flood: GraphQLResponse[] = [];
  const honest: GraphQLResponse[] = [];
  let during: AuditEvent[] = [];
  let after: AuditEvent[] = [];

  beforeAll(async () => {
    hub = await startTestHub({ persons: 20, key: 'refusals-bounded', refusals: SETTINGS });
    const bad = { authorization: 'Bearer not-a-token-at-all', 'x-purpose': 'population-management' };
    for (let sent = 0; sent < FLOOD; sent += PARALLEL) {
      const batch = Array.from({ length: Math.min(PARALLEL, FLOOD - sent) }, () => graphql(hub.gatewayUrl, LIST, {}, bad));
      // An honest system on the same address, in parallel with the flood.
      if (honest.length < HONEST) batch.push(graphql(hub.gatewayUrl, LIST, {}, hub.headers('police')).then((r) => (honest.push(r), r)));
      flood.push(...(await Promise.all(batch)).filter((r) => !honest.includes(r)));
    }
    during = await hub.audit.events();
    // Stopping closes the open window: its count is written before the writers close.
    await hub.stop();
    after = await hub.audit.events();
  }, 240_000);

  afterAll(async () => {
    await hub?.close();
  });

  const gatewayRefusals = (events: readonly AuditEvent[]) =>
    events.filter((e) => e.writerId.startsWith('gateway:') && e.subject === null && (e.kind === 'refusals' || e.outcome === 'error'));

  it('is refused first as unauthenticated, then answered 429 once the source passed its share', () => {
    expect(flood).toHaveLength(FLOOD);
    const codes = flood.map((r) => errorCodes(r)[0]);
    expect(codes.filter((c) => c === 'UNAUTHENTICATED')).toHaveLength(SETTINGS.throttleAfter);
    expect(codes.filter((c) => c === 'RATE_LIMITED')).toHaveLength(FLOOD - SETTINGS.throttleAfter);
    for (const response of flood.filter((r) => errorCodes(r)[0] === 'RATE_LIMITED')) {
      expect(response.status).toBe(429);
      expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0);
    }
  });

  it('costs the log one event per reason while the window is open', () => {
    const refusals = gatewayRefusals(during);
    expect(refusals.map((e) => `${e.kind}:${e.errorCode}`).sort()).toEqual(['request:RATE_LIMITED', 'request:UNAUTHENTICATED']);
  });

  it('costs the log at most two events per reason and window, counting every refusal', () => {
    const refusals = gatewayRefusals(after);
    for (const code of ['UNAUTHENTICATED', 'RATE_LIMITED']) {
      const ofCode = refusals.filter((e) => e.errorCode === code);
      expect(ofCode.map((e) => e.kind).sort(), code).toEqual(['refusals', 'request']);
      expect(refusalsIn(ofCode, code), code).toBe(flood.filter((r) => errorCodes(r)[0] === code).length);
    }
    expect(refusals).toHaveLength(4);
  });

  it('writes tallies that name no request of a caller and verify in their chain', async () => {
    const tallies = after.filter((e) => e.kind === 'refusals');
    const requestIds = new Set(flood.map((r) => r.headers.get('x-request-id')));
    for (const tally of tallies) expect(requestIds.has(tally.requestId)).toBe(false);
    expect((await verifyAuditStore(hub.audit.database)).ok).toBe(true);
  });

  it('leaves an honest caller in parallel answered and recorded in full', () => {
    expect(honest).toHaveLength(HONEST);
    for (const response of honest) {
      expect(response.status).toBe(200);
      expect(response.body.errors).toBeUndefined();
      const id = response.headers.get('x-request-id');
      const own = after.filter((e) => e.requestId === id);
      expect(own.map((e) => e.kind).sort()).toEqual(['access', 'request']);
    }
  });
});

describe('the refusal ledger', () => {
  const WINDOW = 1_000;
  const police = principalForRole('police');

  function ledger(settings: Partial<RefusalSettings> = {}) {
    let now = 0;
    const written: Omit<RefusalsEventInput, 'kind'>[] = [];
    const l = new RefusalLedger({ windowMs: WINDOW, maxKeys: 4, throttleAfter: 0, ...settings }, (event) => written.push(event), () => now);
    return { l, written, advance: (ms: number) => (now += ms) };
  }

  it('records the first refusal of a window and counts the rest into one tally when the window closes', () => {
    const { l, written, advance } = ledger();
    const firsts = Array.from({ length: 50 }, () => l.note('10.0.0.1', null, 'UNAUTHENTICATED'));
    expect(firsts.filter(Boolean)).toHaveLength(1);
    expect(written).toEqual([]);
    advance(WINDOW);
    // The next refusal opens a new window and is recorded itself; the old window's count is written.
    expect(l.note('10.0.0.1', null, 'UNAUTHENTICATED')).toBe(true);
    expect(written).toHaveLength(1);
    expect(written[0]).toMatchObject({ errorCode: 'UNAUTHENTICATED', count: firsts.length - 1, durationMs: WINDOW });
    expect(written[0]?.meta.principal).toBeNull();
  });

  it('writes nothing more for a window that held one refusal', () => {
    const { l, written, advance } = ledger();
    l.note('10.0.0.1', null, 'UNAUTHENTICATED');
    advance(WINDOW);
    l.sweep();
    l.flush();
    expect(written).toEqual([]);
  });

  it('keeps sources, subjects, purposes and reasons apart', () => {
    const { l, written } = ledger({ maxKeys: 100 });
    const keys = [
      ['10.0.0.1', null, 'UNAUTHENTICATED', null],
      ['10.0.0.2', null, 'UNAUTHENTICATED', null],
      ['10.0.0.1', police, 'FORBIDDEN', 'statistics'],
      ['10.0.0.1', police, 'FORBIDDEN', 'case-investigation'],
      ['10.0.0.1', null, 'BAD_USER_INPUT', null],
    ] as const;
    for (const [source, principal, reason, purpose] of keys) {
      expect(l.note(source, principal, reason, source, purpose)).toBe(true);
      expect(l.note(source, principal, reason, source, purpose)).toBe(false);
    }
    l.flush();
    expect(written).toHaveLength(keys.length);
    const known = written.filter((e) => e.meta.principal !== null);
    expect(known.map((e) => e.meta.principal?.subject)).toEqual([police.subject, police.subject]);
    expect(known.map((e) => e.meta.purpose).sort()).toEqual(['case-investigation', 'statistics']);
  });

  it('holds at most maxKeys tallies, folding further sources into one tally per reason', () => {
    const { l, written } = ledger({ maxKeys: 4 });
    for (let i = 0; i < 1_000; i += 1) l.note(`10.0.${i >> 8}.${i & 255}`, null, 'UNAUTHENTICATED');
    expect(l.size).toBe(5);
    l.flush();
    expect(written.reduce((sum, e) => sum + e.count, 0)).toBe(1_000 - 5);
    expect(written).toHaveLength(1);
  });

  it('throttles a source past its share until its window closes, and no other source', () => {
    const { l, advance } = ledger({ throttleAfter: 3 });
    for (let i = 0; i < 3; i += 1) {
      expect(l.throttled('flooder')).toBe(false);
      l.note('10.0.0.1', null, 'UNAUTHENTICATED', 'flooder');
    }
    expect(l.throttled('flooder')).toBe(true);
    expect(l.retryAfterMs('flooder')).toBe(WINDOW);
    expect(l.throttled('neighbour')).toBe(false);
    advance(WINDOW);
    expect(l.throttled('flooder')).toBe(false);
  });
});
