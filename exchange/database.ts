import { openMigratedDatabase, storeTarget, type Database, type DatabaseTarget } from '../platform/db.js';
import type { Env } from '../platform/env.js';
import * as schema from './db/schema.js';

export type ExchangeDatabase = Database<typeof schema>;
export { schema as exchangeSchema };

/**
 * Where the exchange store lives: EXCHANGE_DATABASE_URL, else the `_exchange`
 * database beside the departments' on DATABASE_URL's server, else embedded.
 * It is the hub's, not a department's: partners and notices belong to the
 * exchange between cities.
 */
export function exchangeTarget(env: Env): DatabaseTarget {
  return storeTarget(env, 'exchange', env.EXCHANGE_DATABASE_URL, 'EXCHANGE_DATABASE_URL');
}

export function openExchangeDatabase(target: DatabaseTarget, options: { migrate: boolean }): Promise<ExchangeDatabase> {
  return openMigratedDatabase(target, schema, 'exchange', options);
}
