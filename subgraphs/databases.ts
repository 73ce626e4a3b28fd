import { openMigratedDatabase, storeTarget, type DatabaseTarget, type StoreEnv } from '../platform/db.js';
import { fromRoot } from '../platform/paths.js';
import { SUBGRAPHS, type DatabaseOf, type DatabaseVariable, type SubgraphName } from './registry.js';

/**
 * Each subgraph's database as its registry entry describes it: the variable
 * naming it, the drizzle schema it is opened with, its committed migrations.
 */

/** What locating every subgraph's database reads: each entry's own URL variable besides the shared ones. */
export type SubgraphStoreEnv = StoreEnv & { [V in DatabaseVariable]?: string | undefined };

/** Where a subgraph's database keeps its committed migrations. */
export function migrationsFolder(name: SubgraphName): string {
  return fromRoot(SUBGRAPHS[name].database.migrations);
}

/** Where a subgraph's database lives, from the environment: its own URL, one derived from DATABASE_URL, or embedded. */
export function databaseTarget(env: SubgraphStoreEnv, name: SubgraphName): DatabaseTarget {
  const variable = SUBGRAPHS[name].database.variable;
  return storeTarget(env, name, env[variable], variable);
}

/** Opens a subgraph's database with its drizzle schema and, when asked, applies its migrations. */
export async function openSubgraphDatabase<K extends SubgraphName>(name: K, target: DatabaseTarget, options: { migrate: boolean }): Promise<DatabaseOf<K>> {
  const schema = (await SUBGRAPHS[name].database.schema()) as Record<string, unknown>;
  return (await openMigratedDatabase(target, schema, migrationsFolder(name), options)) as unknown as DatabaseOf<K>;
}

