import type { BaseContext } from '@apollo/server';
import type { Principal } from '../../auth/principal.js';
import type { Purpose } from '../../auth/purposes.js';
import { isRole } from '../../auth/roles.js';
import type { RunningServer } from '../../platform/listen.js';
import { createLogger } from '../../platform/logger.js';
import type { SubgraphModule } from '../../auth/subgraph.js';
import { startSubgraph } from '../../subgraphs/server.js';
import { graphql, type GraphQLResponse, type TestHeaders } from './graphql.js';
import { internalHeaders, newKeyPair, principalForRole, type InternalTokenRequest, type TestKeyPair } from './tokens.js';

export type TestSubgraphServer = RunningServer & TestSubgraph;

export const testLogger = createLogger('test', process.env.LOG_LEVEL ?? 'silent');

export interface TestSubgraph {
  /**
   * Headers carrying an internal token for this subgraph, signed when sent over the body sent: by
   * default the subgraph's own department and a valid purpose.
   */
  headers(principal?: Principal | null, purpose?: Purpose | null, more?: Omit<InternalTokenRequest, 'principal' | 'purpose'>): Promise<TestHeaders>;
  /** A GraphQL call with a fresh default internal token; `headers` given here replace or add to it. */
  graphql<T = Record<string, any>>(query: string, variables?: Record<string, unknown>, headers?: TestHeaders | Promise<TestHeaders>): Promise<GraphQLResponse<T>>;
  /** The gateway key pair this subgraph trusts. */
  gatewayKeys: TestKeyPair;
}

/**
 * Starts a subgraph on a free loopback port, trusting a gateway key made for
 * it; calls go in with internal tokens minted here, as the gateway would send.
 */
export async function startTestSubgraph<TContext extends BaseContext>(
  module: SubgraphModule<TContext>,
  options: { gatewayKeys?: TestKeyPair; purpose?: Purpose } = {},
): Promise<TestSubgraphServer> {
  const gatewayKeys = options.gatewayKeys ?? (await newKeyPair());
  const running = await startSubgraph(module, { host: '127.0.0.1', port: 0, logger: testLogger, internalKey: gatewayKeys.keySet });
  const defaultPrincipal = principalForRole(isRole(module.name) ? module.name : 'police');
  const headers: TestSubgraph['headers'] = (principal, purpose, more = {}) =>
    internalHeaders(gatewayKeys.signer, defaultPrincipal, {
      subgraph: module.name,
      ...more,
      ...(principal ? { principal } : {}),
      ...(purpose !== undefined ? { purpose } : options.purpose ? { purpose: options.purpose } : {}),
    });
  const extension: TestSubgraph = {
    headers,
    graphql: async (query, variables = {}, extra = {}) => graphql(running.url, query, variables, { ...(await headers()), ...(await extra) }),
    gatewayKeys,
  };
  return Object.assign(running, extension);
}
