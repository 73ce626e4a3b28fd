import { openMigratedDatabase, storeTarget, type Database, type DatabaseTarget, type StoreEnv } from '../platform/db.js';
import { fromRoot } from '../platform/paths.js';
import * as schema from './db/schema.js';

export type ExchangeDatabase = Database<typeof schema>;
export { schema as exchangeSchema };

/** The exchange store's committed migrations, where exchange/drizzle.config.ts writes them and its registry entry names them. */
export const EXCHANGE_MIGRATIONS = fromRoot('exchange', 'db', 'migrations');

/**
 * Where the exchange store lives: EXCHANGE_DATABASE_URL, else the `_exchange`
 * database beside the departments' on DATABASE_URL's server, else embedded.
 * It is the hub's, not a department's: partners and notices belong to the
 * exchange between cities.
 */
export function exchangeTarget(env: StoreEnv & { EXCHANGE_DATABASE_URL?: string | undefined }): DatabaseTarget {
  return storeTarget(env, 'exchange', env.EXCHANGE_DATABASE_URL, 'EXCHANGE_DATABASE_URL');
}

export function openExchangeDatabase(target: DatabaseTarget, options: { migrate: boolean }): Promise<ExchangeDatabase> {
  return openMigratedDatabase(target, schema, EXCHANGE_MIGRATIONS, options);
}
