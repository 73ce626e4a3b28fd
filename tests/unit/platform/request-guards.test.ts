import { describe, expect, it } from 'vitest';
import { checkQueryParameters, readJsonBody } from '../../../platform/request-guards.js';

describe('request guards', () => {
  it('read one operation as a JSON object, and an empty body as none', () => {
    expect(readJsonBody('{"query":"{ __typename }","variables":{"constructor":"x"}}')).toEqual({ body: { query: '{ __typename }', variables: { constructor: 'x' } } });
    expect(readJsonBody('')).toEqual({ body: undefined });
  });

  it('refuse a batch, text that is not JSON, and prototype keys at any depth', () => {
    expect(readJsonBody('[{"query":"{ __typename }"}]')).toMatchObject({ refusal: { status: 400, message: expect.stringMatching(/batch/) } });
    expect(readJsonBody('{"query":')).toMatchObject({ refusal: { status: 400, message: 'Request body is not valid JSON' } });
    expect(readJsonBody('{"variables":{"a":[{"b":{"__proto__":{"x":1}}}]}}')).toMatchObject({ refusal: { status: 400 } });
    expect(readJsonBody('{"variables":{"constructor":{"prototype":{"x":1}}}}')).toMatchObject({ refusal: { status: 400 } });
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });

  it('check the JSON parameters of a GET for prototype keys and leave the rest to GraphQL', () => {
    expect(checkQueryParameters(new URLSearchParams({ query: '{ __typename }', variables: '{"__proto__":{}}' }))?.message).toMatch(/^The variables parameter/);
    expect(checkQueryParameters(new URLSearchParams({ extensions: '{"constructor":{"prototype":{}}}' }))?.message).toMatch(/^The extensions parameter/);
    expect(checkQueryParameters(new URLSearchParams({ query: '{ __typename }', variables: 'not json' }))).toBeUndefined();
  });
});
