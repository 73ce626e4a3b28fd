import { readFileSync } from 'node:fs';
import type { buildSubgraphSchema } from '@apollo/subgraph';
import { GraphQLError, GraphQLScalarType, Kind, parse, type DocumentNode } from 'graphql';
import { isIsoDate } from './input.js';

/**
 * What every subgraph is built from, whoever owns it: its SDL, the scalars
 * they share, and the compile-time check that every field is served. What a
 * subgraph's context carries and how it is guarded is auth's
 * (auth/subgraph.ts); how it is served, the subgraphs' (subgraphs/server.ts).
 */

/** One module as `buildSubgraphSchema` takes it, read from its public signature. */
type SchemaModule = Exclude<Extract<Parameters<typeof buildSubgraphSchema>[0], readonly unknown[]>[number], DocumentNode>;

/**
 * Resolvers in the form `buildSubgraphSchema` accepts. Each subgraph types
 * its own with the `Resolvers` generated from its SDL, which fit this.
 */
export type SubgraphResolvers = NonNullable<SchemaModule['resolvers']>;

/** What a field resolver answers, once awaited. */
type Answer<F> = F extends (...args: never[]) => infer R ? Awaited<R> : F extends { resolve: (...args: never[]) => infer R } ? Awaited<R> : never;

/**
 * The fields of one type that no written resolver answers and that its parent
 * does not hold under the field's name with a value the SDL allows. A field
 * the parent lacks counts even when nullable: it would always answer null.
 */
type UnservedFields<FieldResolvers, Parent, Written> = {
  [K in keyof FieldResolvers]-?: K extends `__${string}` | keyof Written
    ? never
    : K extends keyof Parent
      ? [Exclude<Parent[K], undefined>] extends [never]
        ? K // a root type's parent holds nothing: its every field needs a resolver
        : Exclude<Parent[K], undefined> extends Answer<NonNullable<FieldResolvers[K]>>
          ? never
          : K
      : K;
}[keyof FieldResolvers];

/**
 * Per object type, the fields nobody serves as the SDL says; empty when all
 * are. The generated `Resolvers` type checks the resolvers written; a field
 * without one is read from its parent by name, which the generator does not
 * check against the mapper, so each subgraph's resolvers.ts asserts this is
 * empty: `type _ = EveryFieldServed<FieldsUnserved<Resolvers, ResolversParentTypes, typeof resolvers>>`.
 */
export type FieldsUnserved<All, Parents, Written> = {
  [T in keyof All & keyof Parents as NonNullable<All[T]> extends GraphQLScalarType
    ? never
    : [UnservedFields<NonNullable<All[T]>, Parents[T], T extends keyof Written ? Written[T] : Record<never, never>>] extends [never]
      ? never
      : T]: UnservedFields<NonNullable<All[T]>, Parents[T], T extends keyof Written ? Written[T] : Record<never, never>>;
};

/** Fails to compile, naming the type and its fields, unless every field of every type is served. */
export type EveryFieldServed<Unserved extends Record<string, never>> = Unserved;

/**
 * A subgraph's SDL, read from beside the module that serves it
 * (`new URL('./schema.graphql', import.meta.url)`): the file its registry
 * entry names and composition reads (tests/unit/subgraphs/registry.test.ts
 * holds the two to each other).
 */
export function loadTypeDefs(sdl: URL): DocumentNode {
  return parse(readFileSync(sdl, 'utf8'));
}

/** The `Date` scalar every subgraph shares: a real calendar date, YYYY-MM-DD. */
export const DateScalar = new GraphQLScalarType<string, string>({
  name: 'Date',
  description: 'A calendar date written YYYY-MM-DD.',
  serialize(value) {
    if (typeof value === 'string' && isIsoDate(value)) return value;
    if (value instanceof Date && !Number.isNaN(value.getTime())) return value.toISOString().slice(0, 10);
    throw new GraphQLError('Date cannot represent this value');
  },
  parseValue(value) {
    if (typeof value === 'string' && isIsoDate(value)) return value;
    throw new GraphQLError('must be a real date written YYYY-MM-DD', { extensions: { code: 'BAD_USER_INPUT' } });
  },
  // A plain error, not a GraphQLError: validation then reports it on the literal's node, which is how the argument it sits in gets named.
  parseLiteral(ast) {
    if (ast.kind === Kind.STRING && isIsoDate(ast.value)) return ast.value;
    throw new TypeError('must be a real date written YYYY-MM-DD');
  },
});

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})$/;

/** Reads an ISO 8601 instant; a time zone is required, so no instant depends on where the server runs. */
export function parseInstant(value: unknown): Date | null {
  if (typeof value !== 'string' || !ISO_INSTANT.test(value)) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

/**
 * The `DateTime` scalar: an instant with its time zone in, UTC out. It takes
 * any string and the rules that read the argument check it: a value the
 * scalar itself refused would fail the subgraph's whole request, which the
 * gateway can only pass on as an internal error, while a rule's refusal is a
 * BAD_USER_INPUT naming the argument.
 */
export const DateTimeScalar = new GraphQLScalarType<string, string>({
  name: 'DateTime',
  description: 'An instant written in ISO 8601 with a time zone; answers are given in UTC.',
  serialize(value) {
    const date = value instanceof Date ? value : typeof value === 'string' ? new Date(value) : null;
    if (date && !Number.isNaN(date.getTime())) return date.toISOString();
    throw new GraphQLError('DateTime cannot represent this value');
  },
  parseValue(value) {
    if (typeof value === 'string') return value;
    throw new GraphQLError('must be a string: an ISO 8601 instant with a time zone', { extensions: { code: 'BAD_USER_INPUT' } });
  },
  parseLiteral(ast) {
    if (ast.kind === Kind.STRING) return ast.value;
    throw new TypeError('must be a string: an ISO 8601 instant with a time zone');
  },
});
