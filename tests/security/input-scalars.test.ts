import { getNamedType, isEnumType } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql, type GraphQLResponse } from '../support/graphql.js';
import { startTestHub, type TestHub } from '../support/hub.js';
import {
  EnumLiteral,
  leavesOf,
  rootFields,
  selectionFor,
  toLiteral,
  wellFormed,
  withLeaf,
  type InputLeaf,
  type RootField,
} from '../support/schema-inputs.js';

/*
 * A malformed value in any argument of any query or mutation, sent as a
 * variable or written in the document, is the caller's mistake: it comes back
 * as BAD_USER_INPUT naming where it is, whichever of gateway or subgraph
 * caught it, and never as a department being unavailable. The cases are
 * every leaf of every argument in the subgraphs' SDL.
 */

let hub: TestHub;
let headers: Record<string, string>;

beforeAll(async () => {
  hub = await startTestHub({ persons: 5, key: 'input-scalars' });
  headers = await hub.headers('police', 'population-management');
});
afterAll(async () => {
  await hub?.close();
});

/** One wrong value for a leaf's type, as a variable and as a literal, or none when the type takes anything. */
function malformedFor(leaf: InputLeaf): { variable: unknown; literal: unknown } | undefined {
  if (isEnumType(leaf.type)) return { variable: 'NOT_A_VALUE', literal: new EnumLiteral('NOT_A_VALUE') };
  switch (leaf.type.name) {
    case 'Date':
      return { variable: '1992-13-45', literal: '1992-13-45' };
    // DateTime takes any string (its rules check it and name the argument); a number it refuses itself.
    case 'DateTime':
      return { variable: 5, literal: 5 };
    case 'Int':
      return { variable: 'ten', literal: 'ten' };
    case 'Float':
      return { variable: 'x', literal: 'x' };
    case 'Boolean':
      return { variable: 'yes', literal: 'yes' };
    case 'String':
      return { variable: 5, literal: 5 };
    case 'ID':
      return { variable: true, literal: true };
    default:
      return undefined;
  }
}

interface Case {
  name: string;
  root: RootField;
  leaf: InputLeaf;
  malformed: { variable: unknown; literal: unknown };
}

const cases: Case[] = rootFields().flatMap((root) =>
  root.field.args.flatMap((argument) =>
    leavesOf(argument).flatMap((leaf) => {
      const malformed = malformedFor(leaf);
      return malformed ? [{ name: `${root.field.name}(${leaf.path}: ${leaf.type.name})`, root, leaf, malformed }] : [];
    }),
  ),
);

/** The operation with every argument as a variable; optional arguments only when the case is about them. */
function asVariables(c: Case): { query: string; variables: Record<string, unknown> } {
  const used = c.root.field.args.filter((a) => a.name === c.leaf.steps[0] || a.type.toString().endsWith('!'));
  const variables: Record<string, unknown> = {};
  for (const argument of used) {
    const value = wellFormed(argument.type);
    variables[argument.name] = argument.name === c.leaf.steps[0] ? withLeaf(value, c.leaf.steps.slice(1), c.malformed.variable) : value;
  }
  const declared = used.map((a) => `$${a.name}: ${a.type.toString()}`).join(', ');
  const passed = used.map((a) => `${a.name}: $${a.name}`).join(', ');
  const query = `${c.root.operation}${declared ? `(${declared})` : ''} { ${c.root.field.name}${passed ? `(${passed})` : ''}${selectionFor(c.root.field)} }`;
  return { query, variables };
}

/** The same operation with every value written in the document. */
function asLiterals(c: Case): string {
  const used = c.root.field.args.filter((a) => a.name === c.leaf.steps[0] || a.type.toString().endsWith('!'));
  const passed = used
    .map((argument) => {
      const value = wellFormed(argument.type);
      const written = argument.name === c.leaf.steps[0] ? withLeaf(value, c.leaf.steps.slice(1), c.malformed.literal) : value;
      return `${argument.name}: ${toLiteral(written, argument.type)}`;
    })
    .join(', ');
  return `${c.root.operation} { ${c.root.field.name}${passed ? `(${passed})` : ''}${selectionFor(c.root.field)} }`;
}

function expectNamedInputError(response: GraphQLResponse, c: Case): void {
  const errors = response.body.errors ?? [];
  const summary = JSON.stringify(errors);
  expect(errors.length, summary).toBeGreaterThan(0);
  for (const error of errors) expect(error.extensions?.code, summary).toBe('BAD_USER_INPUT');
  expect(
    errors.some((e) => e.extensions?.field === c.leaf.path),
    `an error names ${c.leaf.path}: ${summary}`,
  ).toBe(true);
}

/** Every failure the gateway has counted against any subgraph. */
async function subgraphFailures(): Promise<number> {
  const text = await (await fetch(hub.gatewayUrl.replace(/\/graphql$/, '/metrics'))).text();
  return text
    .split('\n')
    .filter((line) => line.startsWith('hub_subgraph_failures_total{'))
    .reduce((sum, line) => sum + Number(line.slice(line.lastIndexOf(' ') + 1)), 0);
}

describe('malformed scalar and enum values', () => {
  it('are found in the SDL: dates, enums and numbers in mutation inputs among them', () => {
    const names = new Set(cases.map((c) => c.name));
    expect(names).toContain('registerPerson(input.birthDate: Date)');
    expect(names).toContain('registerPerson(input.sex: Sex)');
    expect(names).toContain('registerHouse(input.rooms: Int)');
    expect(cases.some((c) => getNamedType(c.leaf.type).name === 'DateTime')).toBe(true);
  });

  for (const c of cases) {
    it(`as a variable, ${c.name} is refused as BAD_USER_INPUT naming ${c.leaf.path}`, async () => {
      const { query, variables } = asVariables(c);
      expectNamedInputError(await graphql(hub.gatewayUrl, query, variables, headers), c);
    });
    it(`written in the document, ${c.name} is refused as BAD_USER_INPUT naming ${c.leaf.path}`, async () => {
      expectNamedInputError(await graphql(hub.gatewayUrl, asLiterals(c), {}, headers), c);
    });
  }

  it('are not counted as subgraph failures in the metrics', async () => {
    const before = await subgraphFailures();
    const date = cases.find((c) => c.name === 'registerPerson(input.birthDate: Date)')!;
    const { query, variables } = asVariables(date);
    expectNamedInputError(await graphql(hub.gatewayUrl, query, variables, headers), date);
    expectNamedInputError(await graphql(hub.gatewayUrl, asLiterals(date), {}, headers), date);
    expect(await subgraphFailures()).toBe(before);
  });
});
