import { readFileSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { composeServices } from '@apollo/composition';
import { Supergraph, printSchema } from '@apollo/federation-internals';
import { buildSchema, parse, type GraphQLSchema } from 'graphql';
import { fromRoot } from '../platform/paths.js';

/**
 * The subgraphs composed into the supergraph, with their default local
 * routing URLs: the four departments, and the hub's own access log and
 * exchange with partner cities.
 */
export const SUBGRAPHS = [
  { name: 'police', url: 'http://localhost:4001/graphql' },
  { name: 'housing', url: 'http://localhost:4002/graphql' },
  { name: 'labour', url: 'http://localhost:4003/graphql' },
  { name: 'health', url: 'http://localhost:4004/graphql' },
  { name: 'audit', url: 'http://localhost:4005/graphql' },
  { name: 'exchange', url: 'http://localhost:4006/graphql' },
] as const;

export type SubgraphName = (typeof SUBGRAPHS)[number]['name'];

export const SUPERGRAPH_PATH = fromRoot('schema', 'supergraph.graphql');

/** Composes the subgraph SDL files into a supergraph, or throws with every composition error. */
export function composeSupergraph(): string {
  const result = composeServices(
    SUBGRAPHS.map((s) => ({
      name: s.name,
      url: s.url,
      typeDefs: parse(readFileSync(fromRoot('subgraphs', s.name, 'schema.graphql'), 'utf8')),
    })),
  );
  if (result.errors) {
    throw new Error(`Supergraph composition failed:\n${result.errors.map((e) => `- ${e.message}`).join('\n')}`);
  }
  return result.supergraphSdl;
}

/** The API schema callers see: the committed supergraph without federation's plumbing. */
export function apiSchema(sdl: string = readCommittedSupergraph()): GraphQLSchema {
  // Rebuilt from its SDL so the schema belongs to this process's graphql module, not federation's copy.
  return buildSchema(printSchema(Supergraph.build(sdl).apiSchema()));
}

export function readCommittedSupergraph(): string {
  return readFileSync(SUPERGRAPH_PATH, 'utf8');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  writeFileSync(SUPERGRAPH_PATH, composeSupergraph());
  process.stdout.write(`Wrote ${SUPERGRAPH_PATH}\n`);
}
