import { auditServer, type AuditResult } from 'graphql-http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHub, type TestHub } from '../support/hub.js';

/*
 * The GraphQL over HTTP specification's own audit suite (graphql-http),
 * run against the real gateway by a caller with a valid token and purpose.
 */

let hub: TestHub;
let results: AuditResult[];
beforeAll(async () => {
  hub = await startTestHub({ persons: 0 });
  const callerHeaders = await hub.headers('police', 'population-management');
  const fetchFn = (input: string | URL | Request, init: RequestInit = {}) => {
    const headers = new Headers(init.headers);
    for (const [name, value] of Object.entries(callerHeaders)) headers.set(name, value);
    return fetch(input, { ...init, headers });
  };
  results = await auditServer({ url: hub.gatewayUrl, fetchFn });
});
afterAll(async () => {
  await hub?.close();
});

/**
 * Where the hub departs from a SHOULD on purpose: a document that does not
 * parse or validate, or variables that do not coerce, are the caller's
 * mistake and get HTTP 400 whatever the Accept header, so every refusal
 * reads the same to a client that only looks at the status.
 */
const DELIBERATE = new Set(['572B', 'FDE2', '7B9B']);

describe('the gateway under the GraphQL over HTTP audit', () => {
  it('ran the audit suite', () => {
    expect(results.length).toBeGreaterThan(40);
    expect(results.filter((r) => r.status === 'ok').length).toBeGreaterThan(30);
  });

  it('fails no MUST of the specification', () => {
    const failures = results.filter((r) => r.status === 'error').map((r) => `${r.id} ${r.name}: ${'reason' in r ? r.reason : ''}`);
    expect(failures).toEqual([]);
  });

  it('departs from a SHOULD only where it answers a caller mistake with 400', () => {
    const warnings = results.filter((r) => r.status === 'warn').map((r) => r.id);
    expect(warnings.filter((id) => !DELIBERATE.has(id))).toEqual([]);
  });
});
