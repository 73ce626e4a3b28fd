import { describe, expect, it } from 'vitest';
import { composeSupergraph, readCommittedSupergraph } from '../../schema/compose.js';
import { DEPARTMENTS, SUBGRAPH_NAMES } from '../../subgraphs/registry.js';

describe('the committed supergraph', () => {
  it('is exactly what composing the current subgraph SDL files produces (run `npm run compose` after an SDL change)', () => {
    expect(readCommittedSupergraph()).toBe(composeSupergraph());
  });

  it('routes to every subgraph in the registry', () => {
    const sdl = readCommittedSupergraph();
    for (const name of SUBGRAPH_NAMES) expect(sdl).toContain(`@join__graph(name: "${name}"`);
  });

  it('shares Person by id between all the departments', () => {
    const sdl = readCommittedSupergraph();
    for (const department of DEPARTMENTS) {
      expect(sdl).toContain(`@join__type(graph: ${department.toUpperCase()}, key: "id")`);
    }
  });
});
