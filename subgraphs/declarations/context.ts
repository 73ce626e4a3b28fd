import type { SubgraphContext } from '../../auth/subgraph.js';
import type { DeclarationsLoaders } from './loaders.js';
import type { DeclarationsRules } from './rules.js';
import type { DeclarationScope, DeclarationsStore } from './store.js';

/**
 * What declarations resolvers are handed per request. A file of its own, so
 * the resolvers and the generated types never import the module that builds them.
 */
export interface DeclarationsContext extends SubgraphContext {
  store: DeclarationsStore;
  rules: DeclarationsRules;
  /** Created per request: batching never mixes two callers' scopes. */
  loaders: DeclarationsLoaders;
  /** The declarations the caller may see: a declarant its own, a reviewer its department's kinds in its jurisdiction. */
  scope: DeclarationScope;
}
