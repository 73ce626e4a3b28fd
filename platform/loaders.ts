import DataLoader from 'dataloader';
import type { Page } from './connection.js';

/** Groups rows by a key, keeping their order. */
export function groupBy<T, K>(rows: readonly T[], keyOf: (row: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const row of rows) {
    const key = keyOf(row);
    const group = groups.get(key);
    if (group) group.push(row);
    else groups.set(key, [row]);
  }
  return groups;
}

/** A loader for one row per key (null when absent), from one `WHERE key = ANY(...)` fetch. */
export function oneByKey<K, V>(fetch: (keys: readonly K[]) => Promise<readonly V[]>, keyOf: (row: V) => K): DataLoader<K, V | null> {
  return new DataLoader<K, V | null>(async (keys) => {
    const rows = await fetch(keys);
    const byKey = new Map<K, V>();
    for (const row of rows) byKey.set(keyOf(row), row);
    return keys.map((key) => byKey.get(key) ?? null);
  });
}

/** A loader for all rows per key (possibly none), from one fetch for all keys. */
export function manyByKey<K, V>(fetch: (keys: readonly K[]) => Promise<readonly V[]>, keyOf: (row: V) => K): DataLoader<K, V[]> {
  return new DataLoader<K, V[]>(async (keys) => {
    const groups = groupBy(await fetch(keys), keyOf);
    return keys.map((key) => groups.get(key) ?? []);
  });
}

/**
 * One batching loader per distinct page request, so `residents(first: 10)`
 * on a hundred grids is still one statement: the fetch returns at most
 * `size + 1` rows per key (a window over the keys).
 */
export class PagedLoaders<K, V> {
  private readonly loaders = new Map<string, DataLoader<K, V[]>>();

  constructor(
    private readonly fetch: (keys: readonly K[], page: Page) => Promise<readonly V[]>,
    private readonly keyOf: (row: V) => K,
  ) {}

  for(page: Page): DataLoader<K, V[]> {
    const id = `${page.size}:${page.afterKey ?? ''}`;
    let loader = this.loaders.get(id);
    if (!loader) {
      loader = manyByKey((keys) => this.fetch(keys, page), this.keyOf);
      this.loaders.set(id, loader);
    }
    return loader;
  }
}
