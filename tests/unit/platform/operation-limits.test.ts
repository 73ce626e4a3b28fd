import { readFileSync } from 'node:fs';
import { Supergraph } from '@apollo/federation-internals';
import { Kind, parse, print, type OperationDefinitionNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { DOSSIER, LIST } from '../../../bench/hub-load.js';
import { checkOperation, DEFAULT_OPERATION_LIMITS, measureOperation, withServedPageSizes } from '../../../platform/operation-limits.js';
import { operationLimitsOf, parseEnv } from '../../../hub/env.js';
import { EnvError } from '../../../platform/env.js';
import { SUPERGRAPH_PATH } from '../../../schema/compose.js';

const schema = Supergraph.build(readFileSync(SUPERGRAPH_PATH, 'utf8')).apiSchema().toGraphQLJSSchema();

const check = (query: string, variables: Record<string, unknown> = {}) => {
  const document = parse(query);
  const operation = document.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)!;
  return checkOperation(schema, document, operation, variables, DEFAULT_OPERATION_LIMITS);
};

describe('operation limits', () => {
  it("keep the hub's own queries within every limit, with room to spare", () => {
    for (const query of [DOSSIER, LIST]) {
      const measured = measureOperation(schema, parse(query));
      expect(measured.maxDepth).toBeLessThan(DEFAULT_OPERATION_LIMITS.maxDepth);
      expect(measured.maxCost).toBeLessThan(DEFAULT_OPERATION_LIMITS.maxCost / 2);
      expect(check(query)).toBeUndefined();
    }
  });

  it('write into every connection the page size it will be served at: its own, a variable, a default, or the default page', () => {
    const query = `query($n: Int, $m: Int = 7) { persons(first: $n) { edges { node { tenancies { edges { node { start } } } employments(first: $m) { edges { node { position } } } } } } grids(first: 3) { edges { node { name } } } }`;
    const served = print(withServedPageSizes(schema, parse(query), { n: 40 }).document);
    expect(served).toContain('persons(first: 40)');
    expect(served).toContain('tenancies(first: 20)');
    expect(served).toContain('employments(first: 7)');
    expect(served).toContain('grids(first: 3)');
  });

  it('count a page size that is not a number at all as the largest page, leaving its refusal to variable coercion', () => {
    const served = withServedPageSizes(schema, parse(`query($n: Int) { persons(first: $n) { edges { node { id } } } }`), { n: 'ten' });
    expect(served.problem).toBeUndefined();
    expect(print(served.document)).toContain('persons(first: 100)');
  });

  it('name the broken limit and its value, and a bad page size by its argument', () => {
    expect(check(`{ persons(first: 100) { edges { node { tenancies(first: 100) { edges { node { start end monthlyRent landlordName house { address code } } } } } } } }`)?.extensions)
      .toMatchObject({ code: 'BAD_USER_INPUT', limit: 'maxCost', max: DEFAULT_OPERATION_LIMITS.maxCost });
    expect(check(`query($n: Int) { persons(first: $n) { edges { node { id } } } }`, { n: 2.5 })?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
  });

  it('check only the operation that runs, not another one in the same document', () => {
    const deep = `query Deep { persons(first: 1) { edges { node { tenancies { edges { node { house { residents { edges { node { name } } } } } } } } } } }`;
    const document = parse(`${deep} query Shallow { __typename }`);
    const [deepOperation, shallow] = document.definitions as OperationDefinitionNode[];
    expect(checkOperation(schema, document, shallow!, {}, DEFAULT_OPERATION_LIMITS)).toBeUndefined();
    expect(checkOperation(schema, document, deepOperation!, {}, DEFAULT_OPERATION_LIMITS)?.extensions).toMatchObject({ limit: 'maxDepth' });
  });

  it('come from GRAPHQL_MAX_* settings, which refuse values the hub’s own queries would not fit', () => {
    expect(operationLimitsOf(parseEnv({}))).toEqual(DEFAULT_OPERATION_LIMITS);
    expect(operationLimitsOf(parseEnv({ GRAPHQL_MAX_DEPTH: '12', GRAPHQL_MAX_COST: '2000000' }))).toMatchObject({ maxDepth: 12, maxCost: 2_000_000 });
    expect(() => parseEnv({ GRAPHQL_MAX_DEPTH: '5' })).toThrow(EnvError);
    expect(() => parseEnv({ GRAPHQL_MAX_COST: 'lots' })).toThrow(/^Invalid environment variable GRAPHQL_MAX_COST="lots"/);
  });
});
