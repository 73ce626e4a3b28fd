import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEV_ISSUER, HUB_AUDIENCE, signCallerToken } from '../../auth/caller.js';
import { BENCHMARK_QUERY } from '../../bench/gateways/data.js';
import { FIXTURE_NAMES, fixtureSchema, type FixtureName } from '../../bench/gateways/subgraphs.js';
import { composeFixtureSupergraph } from '../../bench/gateways/supergraph.js';
import { disableVendorTelemetry, startGateway } from '../../gateway/server.js';
import type { RunningServer } from '../../platform/listen.js';
import { graphql, type GraphQLResponse } from '../support/graphql.js';
import { testLogger } from '../support/servers.js';
import { claimsForRole, newKeyPair } from '../support/tokens.js';

/** The benchmark's answer, where the public gateways benchmark's k6 script checks it. */
interface BenchmarkData {
  users: { id: string; username: string; name: string; reviews: { id: string; product: Record<string, unknown> & { reviews: { author: { username: string } }[] } }[] }[];
  topProducts: { upc: string; name: string; reviews: { author: { id: string; reviews: unknown[] } }[] }[];
}

const stops: (() => Promise<void>)[] = [];
let stockUrl: string;
let hub: RunningServer;
let token: string;

beforeAll(async () => {
  disableVendorTelemetry();
  const urls = {} as Record<FixtureName, string>;
  for (const name of FIXTURE_NAMES) {
    const server = new ApolloServer({ schema: fixtureSchema(name), logger: testLogger });
    urls[name] = (await startStandaloneServer(server, { listen: { host: '127.0.0.1', port: 0 } })).url;
    stops.push(() => server.stop());
  }
  const supergraphSdl = composeFixtureSupergraph(urls);
  const stock = new ApolloServer({ gateway: new ApolloGateway({ supergraphSdl, logger: testLogger }), logger: testLogger });
  stockUrl = (await startStandaloneServer(stock, { listen: { host: '127.0.0.1', port: 0 } })).url;
  stops.push(() => stock.stop());
  const [issuer, gatewayKeys] = await Promise.all([newKeyPair(), newKeyPair()]);
  hub = await startGateway({
    supergraphSdl,
    subgraphUrls: {},
    host: '127.0.0.1',
    port: 0,
    logger: testLogger,
    subgraphTimeoutMs: 5_000,
    callerTokens: { keys: issuer.keySet, algorithms: ['EdDSA'], issuer: DEV_ISSUER, audience: HUB_AUDIENCE, clockToleranceSeconds: 30 },
    internalTokens: { signingKey: gatewayKeys.signer, ttlSeconds: 60 },
  });
  stops.push(() => hub.close());
  token = await signCallerToken(issuer.signer, claimsForRole('police'), { issuer: DEV_ISSUER, audience: HUB_AUDIENCE, ttlSeconds: 600 });
});

afterAll(async () => {
  for (const stop of stops.reverse()) await stop();
});

describe('the gateway benchmark fixture', () => {
  let stock: GraphQLResponse<BenchmarkData>;
  let viaHub: GraphQLResponse<BenchmarkData>;
  beforeAll(async () => {
    stock = await graphql<BenchmarkData>(stockUrl, BENCHMARK_QUERY);
    viaHub = await graphql<BenchmarkData>(hub.url, BENCHMARK_QUERY, {}, { authorization: `Bearer ${token}`, 'x-purpose': 'case-investigation', 'x-case-id': 'BENCH-2026-1' });
  });

  it('answers the benchmark query through a stock gateway with the public benchmark’s data', () => {
    expect(stock.status).toBe(200);
    expect(stock.body.errors).toBeUndefined();
    const [first] = stock.body.data!.users;
    expect(stock.body.data!.users).toHaveLength(6);
    expect({ id: first!.id, username: first!.username, name: first!.name }).toEqual({ id: '1', username: 'urigo', name: 'Uri Goldshtein' });
    const { reviews: productReviews, ...product } = first!.reviews[0]!.product;
    expect(product).toEqual({ inStock: true, name: 'Table', price: 899, shippingEstimate: null, upc: '1', weight: 100 });
    expect(productReviews.map((r) => r.author.username)).toEqual(['urigo', 'urigo', 'urigo', 'urigo']);
    expect(stock.body.data!.topProducts.map((p) => p.name)).toEqual(['Table', 'Couch', 'Glass', 'Chair', 'TV']);
    expect(stock.body.data!.topProducts[3]!.reviews).toHaveLength(2);
  });

  it('answers it through the hub gateway, token and purpose checked, exactly as the stock gateway does', () => {
    expect(viaHub.status).toBe(200);
    expect(viaHub.body.errors).toBeUndefined();
    expect(viaHub.body.data).toEqual(stock.body.data);
  });

  it('refuses it through the hub gateway without a caller token, so the benchmark measures the checked path', async () => {
    const refused = await graphql(hub.url, BENCHMARK_QUERY, {}, { 'x-purpose': 'case-investigation' });
    expect(refused.status).toBe(401);
    expect(refused.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});
