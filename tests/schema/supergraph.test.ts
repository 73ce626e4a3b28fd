import { describe, expect, it } from 'vitest';
import { composeSupergraph, readCommittedSupergraph, SUBGRAPHS } from '../../schema/compose.js';

describe('the committed supergraph', () => {
  it('is exactly what composing the current subgraph SDL files produces (run `npm run compose` after an SDL change)', () => {
    expect(readCommittedSupergraph()).toBe(composeSupergraph());
  });

  it('routes to every department subgraph', () => {
    const sdl = readCommittedSupergraph();
    for (const subgraph of SUBGRAPHS) expect(sdl).toContain(`@join__graph(name: "${subgraph.name}"`);
  });

  it('shares Person by id between all four departments', () => {
    const sdl = readCommittedSupergraph();
    for (const graph of ['POLICE', 'HOUSING', 'LABOUR', 'HEALTH']) {
      expect(sdl).toContain(`@join__type(graph: ${graph}, key: "id")`);
    }
  });
});
