import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';
import { FIXTURE_NAMES, FIXTURE_SDL, type FixtureName } from './subgraphs.js';

/** The fixture subgraphs composed into a supergraph that routes to where they listen. */
export function composeFixtureSupergraph(urls: Record<FixtureName, string>): string {
  const result = composeServices(FIXTURE_NAMES.map((name) => ({ name, url: urls[name], typeDefs: parse(FIXTURE_SDL[name]) })));
  if (result.errors) throw new Error(`fixture composition failed:\n${result.errors.map((e) => `- ${e.message}`).join('\n')}`);
  return result.supergraphSdl;
}
