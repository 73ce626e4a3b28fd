import { openMigratedDatabase, storeTarget, type Database, type DatabaseTarget, type StoreEnv } from '../platform/db.js';
import { fromRoot } from '../platform/paths.js';
import * as schema from './db/schema.js';

export type AlertsDatabase = Database<typeof schema>;
export { schema as alertsSchema };

/** The alert store's committed migrations, where alerts/drizzle.config.ts writes them and its registry entry names them. */
export const ALERTS_MIGRATIONS = fromRoot('alerts', 'db', 'migrations');

/**
 * Where the alert store lives: ALERTS_DATABASE_URL, else the `_alerts`
 * database beside the departments' on DATABASE_URL's server, else embedded.
 * It is the hub's, not a department's: an alert joins facts several
 * departments own, so no department's database may hold it.
 */
export function alertsTarget(env: StoreEnv & { ALERTS_DATABASE_URL?: string | undefined }): DatabaseTarget {
  return storeTarget(env, 'alerts', env.ALERTS_DATABASE_URL, 'ALERTS_DATABASE_URL');
}

export function openAlertsDatabase(target: DatabaseTarget, options: { migrate: boolean }): Promise<AlertsDatabase> {
  return openMigratedDatabase(target, schema, ALERTS_MIGRATIONS, options);
}
