import type { BaseContext } from '@apollo/server';
import { createLogger } from '../../platform/logger.js';
import { startSubgraph, type SubgraphModule } from '../../platform/subgraph.js';

export const testLogger = createLogger('test', process.env.LOG_LEVEL ?? 'silent');

/** Starts a subgraph on a free loopback port. */
export function startTestSubgraph<TContext extends BaseContext>(module: SubgraphModule<TContext>) {
  return startSubgraph(module, { host: '127.0.0.1', port: 0, logger: testLogger });
}
