import { readFileSync } from 'node:fs';
import type { CodegenConfig } from '@graphql-codegen/cli';
import { Kind, parse } from 'graphql';

/**
 * Resolver types generated from each subgraph's SDL, so a resolver that no
 * longer matches its schema fails to compile (`npm run codegen` writes them;
 * tests/schema/codegen.test.ts fails while a committed file is stale).
 *
 * Each subgraph folder declares, in `mappers.ts`, what every GraphQL type is
 * before its fields resolve: `export type PersonMapper = PersonRow` maps the
 * `Person` type. Its context type lives in `context.ts`, named after the
 * folder (`PoliceContext`).
 */

interface Target {
  name: string;
  /** The folder holding its schema.graphql, mappers.ts and context.ts, and where generated/ is written. */
  folder: string;
  /** `path#Type` of the context, relative to the generated file. */
  contextType: string;
  /** GraphQL type name to `path#Type`, relative to the generated file. */
  mappers: Record<string, string>;
}

const GENERATED = 'generated/resolvers.ts';

const schemaPath = (folder: string) => `${folder}/schema.graphql`;

/** The object and input types an SDL declares: a mapper must name one of them. */
function typeNames(folder: string): Set<string> {
  const document = parse(readFileSync(schemaPath(folder), 'utf8'));
  const names = new Set<string>();
  for (const definition of document.definitions) {
    if ('name' in definition && definition.name && definition.kind !== Kind.DIRECTIVE_DEFINITION) names.add(definition.name.value);
  }
  return names;
}

/** `export type XMapper` / `export interface XMapper` in the folder's mappers.ts maps the GraphQL type X. */
function mappersOf(folder: string): Record<string, string> {
  const source = readFileSync(`${folder}/mappers.ts`, 'utf8');
  const declared = typeNames(folder);
  const mappers: Record<string, string> = Object.create(null) as Record<string, string>;
  // The name is the whole match (the rest is looked around), so it is always there.
  for (const [typeName] of source.matchAll(/(?<=^export (?:type|interface) )\w+(?=Mapper\b)/gm)) {
    if (!declared.has(typeName)) throw new Error(`${folder}/mappers.ts: ${typeName}Mapper names no type of ${schemaPath(folder)}`);
    mappers[typeName] = `../mappers.js#${typeName}Mapper`;
  }
  return mappers;
}

const capitalised = (name: string) => `${name.charAt(0).toUpperCase()}${name.slice(1)}`;

/**
 * A subgraph laid out as subgraphs/README.md describes: a department's in
 * `subgraphs/<name>/`, the hub's own (audit, exchange) in their top-level folder.
 */
const templated = (name: string, folder = `subgraphs/${name}`): Target => ({
  name,
  folder,
  contextType: `../context.js#${capitalised(name)}Context`,
  mappers: mappersOf(folder),
});

export const TARGETS: readonly Target[] = [
  templated('police'),
  templated('housing'),
  templated('labour'),
  templated('health'),
  templated('declarations'),
  templated('audit', 'audit'),
  templated('exchange', 'exchange'),
  templated('alerts', 'alerts'),
];

const config: CodegenConfig = {
  overwrite: true,
  silent: true,
  generates: Object.fromEntries(
    TARGETS.map((target) => [
      `${target.folder}/${GENERATED}`,
      {
        schema: schemaPath(target.folder),
        plugins: ['typescript', 'typescript-resolvers'],
        config: {
          federation: true,
          useTypeImports: true,
          // GraphQL enums as string unions: the same values drizzle's enum columns hold.
          enumsAsTypes: true,
          contextType: target.contextType,
          mappers: target.mappers,
          scalars: {
            // Date columns are read as YYYY-MM-DD strings; the scalar checks what comes in.
            Date: 'string',
            // The scalar hands resolvers the caller's string; resolvers answer with timestamps or ISO strings.
            DateTime: { input: 'string', output: 'Date | string' },
          },
        },
      },
    ]),
  ),
};

export default config;
