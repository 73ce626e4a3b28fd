import { readFileSync, writeFileSync } from 'node:fs';
import { composeServices } from '@apollo/composition';
import { Supergraph, printSchema } from '@apollo/federation-internals';
import { buildSchema, type GraphQLSchema } from 'graphql';
import { fromRoot } from '../platform/paths.js';
import { SUBGRAPH_NAMES, SUBGRAPHS, typeDefsOf, type SubgraphName } from '../subgraphs/registry.js';
import { isEntryPoint } from '../platform/entry.js';

export const SUPERGRAPH_PATH = fromRoot('schema', 'supergraph.graphql');

/** The routing URL a subgraph has in the committed supergraph: its default port on this machine. */
export const defaultRoutingUrl = (name: SubgraphName): string => `http://localhost:${SUBGRAPHS[name].port.default}/graphql`;

/**
 * Composes every subgraph in the registry (subgraphs/registry.ts) into a
 * supergraph, or throws with every composition error.
 */
export function composeSupergraph(): string {
  const result = composeServices(
    SUBGRAPH_NAMES.map((name) => ({
      name,
      url: defaultRoutingUrl(name),
      typeDefs: typeDefsOf(name),
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

if (isEntryPoint(import.meta.url)) {
  writeFileSync(SUPERGRAPH_PATH, composeSupergraph());
  process.stdout.write(`Wrote ${SUPERGRAPH_PATH}\n`);
}
