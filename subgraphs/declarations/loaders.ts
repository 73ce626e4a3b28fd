import { oneByKey } from '../../platform/loaders.js';
import type { DeclarationScope, DeclarationsStore } from './store.js';

/**
 * Per-request batch loaders, narrowed to the caller's scope in SQL: a
 * declaration outside it and one that does not exist are the same absent row.
 */
export function createDeclarationsLoaders(store: DeclarationsStore, scope: DeclarationScope) {
  return {
    declarationById: oneByKey((ids: readonly string[]) => store.declarationsByIds(ids, scope), (d) => d.id),
  };
}

export type DeclarationsLoaders = ReturnType<typeof createDeclarationsLoaders>;
