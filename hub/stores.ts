import { existsSync } from 'node:fs';
import { openAuditStores, type AuditStores } from '../audit/database.js';
import { prepareEmbeddedClusters, type DatabaseTarget } from '../platform/db.js';
import { databaseTarget, openSubgraphDatabase } from '../subgraphs/databases.js';
import { DEPARTMENTS, SUBGRAPH_NAMES, type DatabaseOf, type DepartmentDatabases, type SubgraphName } from '../subgraphs/registry.js';
import type { Env } from './env.js';

/** Every database a whole hub opens: each department's, the audit store (writer and reader), the exchange's, the alert store. */
export interface HubStores {
  departments: DepartmentDatabases;
  audit: AuditStores;
  exchange: DatabaseOf<'exchange'>;
  alerts: DatabaseOf<'alerts'>;
  declarations: DatabaseOf<'declarations'>;
  close(): Promise<void>;
}

/** Told as each database is opened, so a first start that takes a while says what it is doing. */
export interface StoreProgress {
  opening(name: SubgraphName, what: string): void;
  opened(name: SubgraphName, ms: number): void;
}

/** Where a database is, for a person to read: never its URL, which may carry a password. */
export function describeTarget(target: DatabaseTarget): string {
  if (target.kind === 'pglite') return target.dir ? `embedded: ${target.dir}` : 'embedded, in memory';
  return `PostgreSQL database ${decodeURIComponent(new URL(target.url).pathname.slice(1))}`;
}

/** What opening a database will do, in the words of the person watching it start. */
export function describeOpening(target: DatabaseTarget, migrate: boolean, made: ReadonlySet<string> = new Set()): string {
  const then = migrate ? ', migrating' : '';
  if (target.kind === 'pglite' && target.dir) return `${existsSync(target.dir) && !made.has(target.dir) ? 'opening' : 'creating'} ${target.dir}${then}`;
  return `${describeTarget(target)}${then}`;
}

/**
 * Opens the audit store first (nothing may be served without it), then every
 * other subgraph's database in the registry's order, applying migrations when
 * asked. One that fails closes those already open.
 */
export async function openHubStores(config: Env, options: { migrate: boolean; progress?: StoreProgress }): Promise<HubStores> {
  const { migrate, progress } = options;
  const opened: { close(): Promise<void> }[] = [];
  let made: ReadonlySet<string> = new Set();
  const timed = async <T extends { close(): Promise<void> }>(name: SubgraphName, target: DatabaseTarget, open: () => Promise<T>): Promise<T> => {
    progress?.opening(name, describeOpening(target, migrate, made));
    const started = performance.now();
    const database = await open();
    opened.push(database);
    progress?.opened(name, performance.now() - started);
    return database;
  };
  try {
    // A first start makes every embedded store's cluster from one initdb.
    made = new Set(await prepareEmbeddedClusters(SUBGRAPH_NAMES.map((name) => databaseTarget(config, name)).flatMap((target) => (target.kind === 'pglite' && target.dir ? [target.dir] : []))));
    const audit = await timed('audit', databaseTarget(config, 'audit'), () => openAuditStores(config, { migrate }));
    const others = {} as { [K in Exclude<SubgraphName, 'audit'>]: DatabaseOf<K> };
    for (const name of SUBGRAPH_NAMES) {
      if (name === 'audit') continue;
      const target = databaseTarget(config, name);
      (others as Record<string, unknown>)[name] = await timed(name, target, () => openSubgraphDatabase(name, target, { migrate }));
    }
    return {
      departments: Object.fromEntries(DEPARTMENTS.map((department) => [department, others[department]])) as DepartmentDatabases,
      audit,
      exchange: others.exchange,
      alerts: others.alerts,
      declarations: others.declarations,
      close: async () => {
        await Promise.allSettled(opened.map((database) => database.close()));
      },
    };
  } catch (error) {
    await Promise.allSettled(opened.map((database) => database.close()));
    throw error;
  }
}
