import { describe, expect, it } from 'vitest';
import { checkQueryParameters, readJsonBody, resolveOperation } from '../../../platform/request-guards.js';

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

describe('resolving the operation of a document before the caller is known', () => {
  const limits = { maxTokens: 50, maxDepth: 3 };

  it('stops at the token limit, naming it', () => {
    const result = resolveOperation(`{ ${'__typename '.repeat(60)} }`, undefined, limits);
    expect(result).toEqual({
      refusal: { status: 400, code: 'GRAPHQL_PARSE_FAILED', message: expect.stringMatching(/more than 50 tokens/), extensions: { limit: 'maxTokens', max: 50 } },
    });
  });

  it('measures the depth of the operation to run only, fragments flattened, and survives a fragment cycle', () => {
    const deep = 'query Deep { a { b { c { d } } } } query Shallow { a }';
    expect(resolveOperation(deep, 'Shallow', limits)).toMatchObject({ resolved: { operation: { name: { value: 'Shallow' } } } });
    expect(resolveOperation(deep, 'Deep', limits)).toMatchObject({ refusal: { code: 'BAD_USER_INPUT', extensions: { limit: 'maxDepth', max: 3 } } });
    const cycle = '{ ...A } fragment A on Query { a { ...B } } fragment B on Query { b { ...A } }';
    expect(resolveOperation(cycle, undefined, { maxTokens: 100, maxDepth: 100 })).toHaveProperty('resolved');
  });

  it('does not repeat an operationName that is not a GraphQL name', () => {
    const result = resolveOperation('query A { a }', '<script>', limits);
    expect(result).toMatchObject({ refusal: { code: 'OPERATION_RESOLUTION_FAILURE' } });
    expect(JSON.stringify(result)).not.toContain('<script>');
  });
});
