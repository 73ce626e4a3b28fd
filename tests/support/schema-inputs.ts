import { buildSubgraphSchema } from '@apollo/subgraph';
import {
  getNamedType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isScalarType,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLNamedInputType,
  type GraphQLSchema,
} from 'graphql';
import { SUBGRAPH_NAMES, typeDefsOf, type SubgraphName } from '../../subgraphs/registry.js';

/*
 * The subgraphs' own SDL, walked: every argument of every query and mutation
 * and every leaf inside it. Tests of input handling are built from this, so a
 * field added to an SDL is covered without anyone adding it to a list.
 */

export const SUBGRAPHS = SUBGRAPH_NAMES;
export type { SubgraphName };

export interface RootField {
  subgraph: SubgraphName;
  operation: 'query' | 'mutation';
  field: GraphQLField<unknown, unknown>;
}

/** One value inside an argument: its path as GraphQL prints it (`input.agreements[0].messageType`) and its type. */
export interface InputLeaf {
  path: string;
  /** Keys and list indexes from the argument down, the argument's name first. */
  steps: (string | number)[];
  type: GraphQLNamedInputType;
}

const schemas = new Map<SubgraphName, GraphQLSchema>();

export function subgraphSchema(subgraph: SubgraphName): GraphQLSchema {
  let schema = schemas.get(subgraph);
  if (!schema) {
    schema = buildSubgraphSchema({ typeDefs: typeDefsOf(subgraph) });
    schemas.set(subgraph, schema);
  }
  return schema;
}

/** Every query and mutation field the subgraphs define, federation's own (`_entities`, `_service`) left out. */
export function rootFields(): RootField[] {
  const fields: RootField[] = [];
  for (const subgraph of SUBGRAPHS) {
    const schema = subgraphSchema(subgraph);
    for (const [operation, type] of [
      ['query', schema.getQueryType()],
      ['mutation', schema.getMutationType()],
    ] as const) {
      for (const field of Object.values(type?.getFields() ?? {})) {
        if (!field.name.startsWith('_')) fields.push({ subgraph, operation, field });
      }
    }
  }
  return fields;
}

/** Every scalar or enum leaf of an argument, lists entered at their first item. */
export function leavesOf(argument: GraphQLArgument): InputLeaf[] {
  const leaves: InputLeaf[] = [];
  const walk = (type: GraphQLInputType, steps: (string | number)[], depth: number): void => {
    if (depth > 6) return;
    const inner = isNonNullType(type) ? type.ofType : type;
    if (isListType(inner)) return walk(inner.ofType, [...steps, 0], depth + 1);
    const named = getNamedType(inner);
    if (isInputObjectType(named)) {
      for (const field of Object.values(named.getFields())) walk(field.type, [...steps, field.name], depth + 1);
      return;
    }
    leaves.push({ path: printSteps(steps), steps, type: named });
  };
  walk(argument.type, [argument.name], 0);
  return leaves;
}

export function printSteps(steps: readonly (string | number)[]): string {
  return steps.map((step, i) => (typeof step === 'number' ? `[${step}]` : i === 0 ? step : `.${step}`)).join('');
}

/** A well-formed value of each scalar the subgraphs use, for the parts of an input a test is not about. */
const GOOD_SCALARS: Record<string, unknown> = {
  String: 'x',
  ID: '00000000-0000-4000-8000-000000000000',
  Int: 1,
  Float: 1.5,
  Boolean: true,
  Date: '2020-01-01',
  DateTime: '2020-01-01T00:00:00Z',
};

/** A value of `type` well formed for GraphQL (not necessarily for the rules), every optional field filled. */
export function wellFormed(type: GraphQLInputType, depth = 0): unknown {
  const inner = isNonNullType(type) ? type.ofType : type;
  if (isListType(inner)) return [wellFormed(inner.ofType, depth + 1)];
  const named = getNamedType(inner);
  if (isEnumType(named)) return named.getValues()[0]!.value;
  if (isInputObjectType(named)) {
    const value: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
    if (depth > 6) return value;
    for (const field of Object.values(named.getFields())) value[field.name] = wellFormed(field.type, depth + 1);
    return value;
  }
  if (isScalarType(named) && Object.hasOwn(GOOD_SCALARS, named.name)) return GOOD_SCALARS[named.name];
  throw new Error(`no well-formed sample for scalar ${named.name}`);
}

/** `value` with the leaf at `steps` (below the argument's own name) replaced. */
export function withLeaf(value: unknown, steps: readonly (string | number)[], leaf: unknown): unknown {
  if (steps.length === 0) return leaf;
  const [step, ...rest] = steps;
  if (typeof step === 'number') {
    const list = [...(value as unknown[])];
    list[step] = withLeaf(list[step], rest, leaf);
    return list;
  }
  const object = { ...(value as Record<string, unknown>) };
  object[step!] = withLeaf(object[step!], rest, leaf);
  return object;
}

/** A marker for an enum value written bare in a GraphQL document. */
export class EnumLiteral {
  constructor(readonly name: string) {}
}

/** `value` written as a GraphQL literal; enum fields of `type` are written bare. */
export function toLiteral(value: unknown, type: GraphQLInputType): string {
  if (value instanceof EnumLiteral) return value.name;
  if (value === null || value === undefined) return 'null';
  const inner = isNonNullType(type) ? type.ofType : type;
  if (isListType(inner) && Array.isArray(value)) return `[${value.map((item) => toLiteral(item, inner.ofType)).join(', ')}]`;
  const named = getNamedType(inner);
  if (isInputObjectType(named) && typeof value === 'object' && !Array.isArray(value)) {
    const fields = named.getFields();
    const parts = Object.entries(value as Record<string, unknown>).map(([key, item]) => `${key}: ${toLiteral(item, fields[key]?.type ?? named)}`);
    return `{ ${parts.join(', ')} }`;
  }
  if (isEnumType(named) && typeof value === 'string' && named.getValue(value)) return value;
  return JSON.stringify(value);
}

/** The selection a field needs: none for a scalar or enum, `__typename` otherwise. */
export function selectionFor(field: GraphQLField<unknown, unknown>): string {
  const named = getNamedType(field.type);
  return isScalarType(named) || isEnumType(named) ? '' : ' { __typename }';
}
