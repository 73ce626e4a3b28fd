import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BreakerSettings } from '../../gateway/breaker.js';
import { BREAKER_STATE_VALUE } from '../../platform/metrics.js';
import { createLogger } from '../../platform/logger.js';
import { residentWithHealthProfile, startHubWithFaultyUpstream, type FaultyUpstream } from '../support/faults.js';
import { graphql, type GraphQLResponse } from '../support/graphql.js';
import type { TestHub } from '../support/hub.js';
import { jointServiceClaims } from '../support/tokens.js';

/*
 * The health subgraph sits behind a loopback stand-in that the test freezes:
 * it takes connections and never answers, as a hung process does. While
 * health's breaker is closed each dossier waits out the subgraph timeout;
 * after the configured failures in a row the breaker opens, and dossiers come
 * back with the police part and SUBGRAPH_UNAVAILABLE for health without health
 * being called at all; after the cool-down one probe goes through, and once
 * health answers again the breaker closes. Every count and wait is derived
 * from the settings below.
 */

const TIMEOUT_MS = 2_500;
const BREAKER: BreakerSettings = { failures: 3, cooldownMs: 5_000, maxCooldownMs: 7_500 };
/** What the breaker waits after a failed probe: the cool-down doubled, up to its ceiling. */
const SECOND_COOLDOWN_MS = Math.min(BREAKER.cooldownMs * 2, BREAKER.maxCooldownMs);
const SHORT_CIRCUITED = BREAKER.failures * 2;
const DOSSIER = `query($id: ID!) { person(id: $id) { name status healthProfile { familyPlanningStatus } } }`;

let hub: TestHub;
let upstream: FaultyUpstream;
let resident: { id: string; name: string; familyPlanningStatus: string };
const logLines: Record<string, unknown>[] = [];
/** Time each dossier took, by phase, for whoever reads the run (not asserted on beyond the timeout). */
const timings: [string, number][] = [];

interface Timed {
  response: GraphQLResponse<Record<string, any>>;
  elapsed: number;
  requestId: string;
}

async function dossier(phase: string): Promise<Timed> {
  const started = performance.now();
  const response = await graphql(hub.gatewayUrl, DOSSIER, { id: resident.id }, hub.headers(jointServiceClaims(), 'public-health'));
  const elapsed = performance.now() - started;
  timings.push([phase, Math.round(elapsed)]);
  return { response, elapsed, requestId: response.headers.get('x-request-id') ?? '' };
}

const base = () => hub.gatewayUrl.replace(/\/graphql$/, '');

/** The value of one series at /metrics, 0 when it has no sample yet. */
async function sample(series: string): Promise<number> {
  const text = await (await fetch(`${base()}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line ? Number(line.slice(series.length + 1)) : 0;
}

const breakerState = () => sample('hub_subgraph_breaker_state{subgraph="health"}');
const transitionsTo = (state: string) => sample(`hub_subgraph_breaker_transitions_total{subgraph="health",state="${state}"}`);

function expectWholeAnswer({ response }: Timed): void {
  expect(response.status).toBe(200);
  expect(response.body.errors).toBeUndefined();
  expect(response.body.data?.person).toEqual({ name: resident.name, status: expect.any(String), healthProfile: { familyPlanningStatus: resident.familyPlanningStatus } });
}

/** The police part intact, health's null with the one SUBGRAPH_UNAVAILABLE a failed call gives. */
function expectHealthMissing({ response }: Timed): void {
  expect(response.status).toBe(200);
  expect(response.body.data?.person).toEqual({ name: resident.name, status: expect.any(String), healthProfile: null });
  expect(response.body.errors).toEqual([
    {
      message: 'The health service gave no usable answer; the fields it provides are missing from this response',
      extensions: { code: 'SUBGRAPH_UNAVAILABLE', service: 'health' },
    },
  ]);
}

const breakerLines = () => logLines.filter((l) => l.subgraph === 'health' && typeof l.msg === 'string' && l.msg.includes('circuit breaker'));

beforeAll(async () => {
  ({ hub, upstream } = await startHubWithFaultyUpstream('health', {
    persons: 40,
    key: 'circuit-breaker',
    subgraphTimeoutMs: TIMEOUT_MS,
    breaker: BREAKER,
    logger: createLogger('breaker-test', 'debug', { write: (line: string) => void logLines.push(JSON.parse(line) as Record<string, unknown>) }),
  }));
  resident = await residentWithHealthProfile(hub);
}, 120_000);

afterAll(async () => {
  await hub?.close();
  await upstream?.close();
  if (process.env.BREAKER_TEST_TIMINGS) process.stdout.write(`${timings.map(([phase, ms]) => `${phase}\t${ms} ms`).join('\n')}\n`);
});

describe('the gateway’s circuit breaker for a department that hangs', () => {
  it('calls health for every dossier while it answers, with its breaker closed', async () => {
    for (let i = 0; i < BREAKER.failures + 1; i += 1) expectWholeAnswer(await dossier('answering'));
    expect(await breakerState()).toBe(BREAKER_STATE_VALUE.closed);
  });

  it('keeps calling a health service that refuses each request with a 4xx: a refused request is no failure of the service', async () => {
    await upstream.behave({ kind: 'status', status: 400 });
    try {
      const calls = upstream.graphqlCalls;
      for (let i = 0; i < BREAKER.failures * 2; i += 1) expectHealthMissing(await dossier('answering 400'));
      expect(upstream.graphqlCalls).toBe(calls + BREAKER.failures * 2);
      expect(await breakerState()).toBe(BREAKER_STATE_VALUE.closed);
    } finally {
      await upstream.behave({ kind: 'pass' });
    }
    expectWholeAnswer(await dossier('answering'));
  });

  let lastFailureSent = 0;

  it('waits out the timeout for each dossier while the breaker is closed, and opens it after the configured failures in a row', async () => {
    await upstream.behave({ kind: 'hang' });
    const calls = upstream.graphqlCalls;
    for (let i = 0; i < BREAKER.failures; i += 1) {
      lastFailureSent = performance.now();
      const timed = await dossier('frozen, breaker closed');
      expectHealthMissing(timed);
      // The call was made and given up at the timeout (a little slack for timers rounding to the millisecond).
      expect(timed.elapsed).toBeGreaterThanOrEqual(TIMEOUT_MS - 20);
      expect(upstream.graphqlCalls).toBe(calls + i + 1);
    }
  });

  const shortCircuited: Timed[] = [];

  it('answers at once while open — the police part, SUBGRAPH_UNAVAILABLE for health — and calls health no more', async () => {
    const calls = upstream.graphqlCalls;
    // The breaker opened no earlier than the timeout after the last failure was sent; until the cool-down after that, nothing may reach health.
    const coolDownEnds = lastFailureSent + TIMEOUT_MS + BREAKER.cooldownMs;
    for (let i = 0; i < SHORT_CIRCUITED; i += 1) {
      const timed = await dossier('frozen, breaker open');
      expect(performance.now(), 'the cool-down passed before the dossiers were asked: lengthen it').toBeLessThan(coolDownEnds);
      expectHealthMissing(timed);
      expect(timed.elapsed).toBeLessThan(TIMEOUT_MS);
      shortCircuited.push(timed);
    }
    expect(upstream.graphqlCalls).toBe(calls);
    expect(await breakerState()).toBe(BREAKER_STATE_VALUE.open);
    expect(await transitionsTo('open')).toBe(1);
    expect(await sample('hub_subgraph_short_circuited_total{subgraph="health"}')).toBe(SHORT_CIRCUITED);
    expect(upstream.graphqlCalls).toBe(calls);
  });

  it('logs the opening once, naming the department and not where it runs, and nothing above debug per refused call', () => {
    const opened = breakerLines().filter((l) => l.level === 40);
    expect(opened).toHaveLength(1);
    expect(opened[0]).toMatchObject({ subgraph: 'health', failures: BREAKER.failures, cooldownMs: BREAKER.cooldownMs });
    const text = JSON.stringify(opened[0]);
    for (const where of ['127.0.0.1', 'localhost', `:${upstream.port}`, 'url', 'http']) expect(text).not.toContain(where);
    for (const { requestId } of shortCircuited) {
      const lines = logLines.filter((l) => l.requestId === requestId && l.subgraph === 'health');
      expect(lines.map((l) => l.level)).toEqual([20]);
    }
  });

  it('records a refused call’s request as any partial answer: the police access, no health access', async () => {
    const events = await hub.audit.events();
    for (const { requestId } of shortCircuited) {
      const of = events.filter((e) => e.requestId === requestId);
      expect(of.filter((e) => e.kind === 'request')).toEqual([expect.objectContaining({ outcome: 'partial', errorCode: 'SUBGRAPH_UNAVAILABLE' })]);
      expect(of.some((e) => e.kind === 'access' && e.subgraph === 'police')).toBe(true);
      expect(of.some((e) => e.subgraph === 'health')).toBe(false);
    }
  });

  let probeFailed = 0;

  it('lets one probe through after the cool-down; its failure opens the breaker again for a longer cool-down', async () => {
    await sleep(Math.max(0, lastFailureSent + TIMEOUT_MS + BREAKER.cooldownMs - performance.now()) + 100);
    const calls = upstream.graphqlCalls;
    const probe = await dossier('frozen, probe');
    probeFailed = performance.now();
    expectHealthMissing(probe);
    expect(probe.elapsed).toBeGreaterThanOrEqual(TIMEOUT_MS - 20);
    expect(upstream.graphqlCalls).toBe(calls + 1);

    const after = await dossier('frozen, breaker open again');
    expectHealthMissing(after);
    expect(after.elapsed).toBeLessThan(TIMEOUT_MS);
    expect(upstream.graphqlCalls).toBe(calls + 1);
    expect(await transitionsTo('half-open')).toBe(1);
    expect(await transitionsTo('open')).toBe(2);
    expect(breakerLines().filter((l) => l.level === 40).at(-1)).toMatchObject({ subgraph: 'health', cooldownMs: SECOND_COOLDOWN_MS });
  });

  it('closes on its own once health answers again and the cool-down has passed: the next dossier is whole, and health is called for each', async () => {
    await upstream.behave({ kind: 'pass' });
    await sleep(Math.max(0, probeFailed + SECOND_COOLDOWN_MS - performance.now()) + 100);
    const calls = upstream.graphqlCalls;
    expectWholeAnswer(await dossier('unfrozen, probe'));
    expect(await breakerState()).toBe(BREAKER_STATE_VALUE.closed);
    for (let i = 0; i < BREAKER.failures; i += 1) expectWholeAnswer(await dossier('unfrozen, breaker closed'));
    expect(upstream.graphqlCalls).toBe(calls + BREAKER.failures + 1);
    expect(await transitionsTo('closed')).toBe(1);
    const closed = breakerLines().filter((l) => l.level === 30);
    expect(closed).toEqual([expect.objectContaining({ subgraph: 'health' })]);
  });
});
