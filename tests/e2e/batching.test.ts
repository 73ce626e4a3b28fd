import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Department } from '../../subgraphs/registry.js';
import { graphql } from '../support/graphql.js';
import { jointServiceClaims } from '../support/tokens.js';
import { startTestHub, type TestHub } from '../support/hub.js';

let hub: TestHub;
beforeAll(async () => {
  hub = await startTestHub({ persons: 400 });
});
afterAll(async () => {
  await hub?.close();
});

const LIST = `query List($first: Int!) {
  persons(first: $first) {
    edges { node {
      id name residence { address grid { name } }
      tenancies { edges { node { start house { address } } } }
      employments { edges { node { position employer { name } } } }
      healthProfile { familyPlanningStatus vaccinations { edges { node { vaccine } } } }
    } }
  }
}`;

async function statementsFor(first: number): Promise<Record<Department, number>> {
  const before = hub.statements();
  const response = await graphql(hub.gatewayUrl, LIST, { first }, hub.headers(jointServiceClaims(), 'public-health'));
  expect(response.body.errors).toBeUndefined();
  expect(response.body.data?.persons.edges).toHaveLength(first);
  const after = hub.statements();
  return Object.fromEntries(Object.keys(after).map((d) => [d, after[d as Department] - before[d as Department]])) as Record<Department, number>;
}

describe('batch loading across the federation', () => {
  it('lists 100 residents with residence, tenancies, jobs and health in at most one statement per entity type per subgraph', async () => {
    const counts = await statementsFor(100);
    // police: persons page, residences, grids; housing: tenancies, houses;
    // labour: employments, employers; health: profiles, vaccinations.
    expect(counts).toEqual({ police: 3, housing: 2, labour: 2, health: 2 });
  });

  it('costs the same number of statements for 10 residents as for 100', async () => {
    const ten = await statementsFor(10);
    const hundred = await statementsFor(100);
    expect(hundred).toEqual(ten);
  });
});
