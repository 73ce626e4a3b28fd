import { pathToFileURL } from 'node:url';
import type { DocumentNode } from 'graphql';
import type { AnomalySettings } from '../audit/anomalies/rules.js';
import type { AuditDatabase } from '../audit/database.js';
import type { ExportSigningKey } from '../audit/export.js';
import type { EvidenceSources } from '../audit/verification.js';
import type { AccessRecorder } from '../auth/access.js';
import type { Database } from '../platform/db.js';
import { fromRoot } from '../platform/paths.js';
import { loadTypeDefs } from '../platform/subgraph.js';
import type { DepartmentName } from '../auth/roles.js';
import type { SubgraphModule } from '../auth/subgraph.js';
import type { DeclarationSettings } from './declarations/rules.js';

/**
 * Every subgraph the hub composes, declared once. The supergraph
 * (schema/compose.ts), the environment (hub/env.ts: each one's port,
 * route and database variables), its database (subgraphs/databases.ts), `npm start` and the per-process entry points
 * (hub/), `db:generate` and `db:migrate`, the benchmarks and the test hubs are
 * all built from this table. Adding a subgraph is adding its entry here and
 * its folder.
 *
 * This module loads no subgraph's code: each factory and drizzle schema is
 * imported when first asked for, so reading the table (composition, the
 * environment) pulls no resolver into the process. No subgraph imports it
 * back: each module reads the SDL beside it, and the layers below
 * subgraphs/ never see the table, so there is no import cycle through it.
 */

/** What a subgraph's factory is handed. */
export interface SubgraphParts<TDatabase> {
  /** Its own database (the audit subgraph: the audit store as its reader). */
  database: TDatabase;
  /** Where it records what it serves (an audit writer of its own). */
  access: AccessRecorder;
  /** This city's division code (e.g. 510100 for Chengdu). */
  cityCode: string;
  /** Housing's only: open tenancies per room above which a house is a suspected group rental (GROUP_RENTAL_FACTOR). */
  groupRentalFactor?: number;
  /**
   * The audit subgraph's only: the checkpoint folder's evidence its
   * auditVerification holds the store to, as npm run audit:verify does;
   * without it each chain is held only to its own hashes.
   */
  auditEvidence?: EvidenceSources;
  /** The audit subgraph's only: the settings the anomaly rules run with, which anomalyRules reports. */
  anomalySettings?: AnomalySettings;
  /** The declarations subgraph's only: its premises-link key and public URL, and its rate limits; without them it does not start. */
  declarations?: DeclarationSettings;
  /** The audit subgraph's only: the audit store as its writers reach it, where the case register and verifications are kept. */
  auditWriterDatabase?: AuditDatabase;
  /** The audit subgraph's only: the key its exports are signed with, read when first needed. */
  auditExportKey?: () => Promise<ExportSigningKey>;
}

interface Declaration<TSchema extends Record<string, unknown>> {
  /** A data-owning department's subgraph, or one of the hub's own. */
  owner: 'department' | 'hub';
  /** What it serves, in a few words. */
  summary: string;
  /** Its SDL, from the repository root. */
  sdl: string;
  /** The variable naming the port it listens on, and that port's default. */
  port: { variable: string; default: number };
  /** The variable telling the gateway where it runs; unset, `http://localhost:<port>/graphql`. */
  urlVariable: string;
  /**
   * Its own database: the variable with its PostgreSQL URL (unset: a database
   * named after the subgraph on DATABASE_URL's server, or embedded under
   * HUB_DATA_DIR/pglite/<name>), its drizzle-kit configuration, its committed
   * migrations, and its drizzle schema.
   */
  database: { variable: string; drizzleConfig: string; migrations: string; schema: () => Promise<TSchema> };
  /**
   * How it is served. `create` builds it for `npm start`, `serve-subgraph`,
   * the benchmarks and the test hubs; without one, its own entry point serves
   * it with what else it needs (the exchange: its inbox and delivery worker).
   */
  serve: { entryPoint: readonly string[]; create?: (parts: SubgraphParts<Database<TSchema>>) => Promise<SubgraphModule<object>> };
}

/** Keeps each entry's literal names while typing its factory by its own drizzle schema. */
function declare<
  TSchema extends Record<string, unknown>,
  const TOwner extends Declaration<TSchema>['owner'],
  const TPort extends string,
  const TUrl extends string,
  const TDatabase extends string,
  const TServe extends Declaration<TSchema>['serve'],
>(
  declaration: Declaration<TSchema> & {
    owner: TOwner;
    port: { variable: TPort; default: number };
    urlVariable: TUrl;
    database: { variable: TDatabase; schema: () => Promise<TSchema> };
    serve: TServe;
  },
) {
  return declaration;
}

export const SUBGRAPHS = {
  police: declare({
    owner: 'department',
    summary: 'population register, residence, permits, key persons, grids',
    sdl: 'subgraphs/police/schema.graphql',
    port: { variable: 'POLICE_PORT', default: 4001 },
    urlVariable: 'POLICE_URL',
    database: {
      variable: 'POLICE_DATABASE_URL',
      drizzleConfig: 'subgraphs/police/drizzle.config.ts',
      migrations: 'subgraphs/police/db/migrations',
      schema: () => import('./police/db/schema.js'),
    },
    serve: {
      entryPoint: ['scripts/serve-subgraph.ts', 'police'],
      create: async ({ database, access, cityCode }) => (await import('./police/subgraph.js')).createPoliceSubgraph({ database, access, cityCode }),
    },
  }),
  housing: declare({
    owner: 'department',
    summary: 'houses, their owners and grids, rental registrations',
    sdl: 'subgraphs/housing/schema.graphql',
    port: { variable: 'HOUSING_PORT', default: 4002 },
    urlVariable: 'HOUSING_URL',
    database: {
      variable: 'HOUSING_DATABASE_URL',
      drizzleConfig: 'subgraphs/housing/drizzle.config.ts',
      migrations: 'subgraphs/housing/db/migrations',
      schema: () => import('./housing/db/schema.js'),
    },
    serve: {
      entryPoint: ['scripts/serve-subgraph.ts', 'housing'],
      create: async ({ database, access, groupRentalFactor }) =>
        (await import('./housing/subgraph.js')).createHousingSubgraph({ database, access, ...(groupRentalFactor === undefined ? {} : { groupRentalFactor }) }),
    },
  }),
  labour: declare({
    owner: 'department',
    summary: 'employers and employments',
    sdl: 'subgraphs/labour/schema.graphql',
    port: { variable: 'LABOUR_PORT', default: 4003 },
    urlVariable: 'LABOUR_URL',
    database: {
      variable: 'LABOUR_DATABASE_URL',
      drizzleConfig: 'subgraphs/labour/drizzle.config.ts',
      migrations: 'subgraphs/labour/db/migrations',
      schema: () => import('./labour/db/schema.js'),
    },
    serve: {
      entryPoint: ['scripts/serve-subgraph.ts', 'labour'],
      create: async ({ database, access }) => (await import('./labour/subgraph.js')).createLabourSubgraph({ database, access }),
    },
  }),
  health: declare({
    owner: 'department',
    summary: 'family planning, vaccinations, maternal care, check-ups',
    sdl: 'subgraphs/health/schema.graphql',
    port: { variable: 'HEALTH_PORT', default: 4004 },
    urlVariable: 'HEALTH_URL',
    database: {
      variable: 'HEALTH_DATABASE_URL',
      drizzleConfig: 'subgraphs/health/drizzle.config.ts',
      migrations: 'subgraphs/health/db/migrations',
      schema: () => import('./health/db/schema.js'),
    },
    serve: {
      entryPoint: ['scripts/serve-subgraph.ts', 'health'],
      create: async ({ database, access }) => (await import('./health/subgraph.js')).createHealthSubgraph({ database, access }),
    },
  }),
  declarations: declare({
    owner: 'hub',
    summary: 'declarations by landlords, employers and residents, premises links, collection figures',
    sdl: 'subgraphs/declarations/schema.graphql',
    port: { variable: 'DECLARATIONS_PORT', default: 4009 },
    urlVariable: 'DECLARATIONS_URL',
    database: {
      variable: 'DECLARATIONS_DATABASE_URL',
      drizzleConfig: 'subgraphs/declarations/drizzle.config.ts',
      migrations: 'subgraphs/declarations/db/migrations',
      schema: () => import('./declarations/db/schema.js'),
    },
    serve: {
      entryPoint: ['scripts/serve-subgraph.ts', 'declarations'],
      create: async ({ database, access, declarations }) => {
        if (!declarations) throw new Error('the declarations subgraph needs its settings: the premises-link key and the public URL');
        return (await import('./declarations/subgraph.js')).createDeclarationsSubgraph({ database, access, settings: declarations });
      },
    },
  }),
  audit: declare({
    owner: 'hub',
    summary: 'the access log, for auditors',
    sdl: 'audit/schema.graphql',
    port: { variable: 'AUDIT_PORT', default: 4005 },
    urlVariable: 'AUDIT_URL',
    database: {
      variable: 'AUDIT_DATABASE_URL',
      drizzleConfig: 'audit/drizzle.config.ts',
      migrations: 'audit/db/migrations',
      schema: () => import('../audit/db/schema.js'),
    },
    serve: {
      entryPoint: ['scripts/serve-subgraph.ts', 'audit'],
      create: async ({ database, access, auditEvidence, anomalySettings, auditWriterDatabase, auditExportKey }) =>
        (await import('../audit/subgraph.js')).createAuditSubgraph({
          database,
          access,
          ...(auditEvidence ? { evidence: auditEvidence } : {}),
          ...(anomalySettings ? { anomalySettings } : {}),
          ...(auditWriterDatabase ? { writerDatabase: auditWriterDatabase } : {}),
          ...(auditExportKey ? { exportKey: auditExportKey } : {}),
        }),
    },
  }),
  exchange: declare({
    owner: 'hub',
    summary: 'partner cities, notices and the exchange log',
    sdl: 'exchange/schema.graphql',
    port: { variable: 'EXCHANGE_PORT', default: 4006 },
    urlVariable: 'EXCHANGE_URL',
    database: {
      variable: 'EXCHANGE_DATABASE_URL',
      drizzleConfig: 'exchange/drizzle.config.ts',
      migrations: 'exchange/db/migrations',
      schema: () => import('../exchange/db/schema.js'),
    },
    // Served with the inbox partner cities deliver to and the worker that delivers this city's notices (hub/exchange.ts).
    serve: { entryPoint: ['scripts/serve-exchange.ts'] },
  }),
  alerts: declare({
    owner: 'hub',
    summary: "alerts for the officers who must act, and their departments' webhooks",
    sdl: 'alerts/schema.graphql',
    port: { variable: 'ALERTS_PORT', default: 4008 },
    urlVariable: 'ALERTS_URL',
    database: {
      variable: 'ALERTS_DATABASE_URL',
      drizzleConfig: 'alerts/drizzle.config.ts',
      migrations: 'alerts/db/migrations',
      schema: () => import('../alerts/db/schema.js'),
    },
    // Served with the consumer that keeps the alerts the rules raise (hub/alerts.ts).
    serve: { entryPoint: ['scripts/serve-alerts.ts'] },
  }),
};

type Registry = typeof SUBGRAPHS;

/** The closed set of subgraph names; a map keyed by it must name every subgraph. */
export type SubgraphName = keyof Registry;

/** The data-owning departments: each has its own database, subgraph and seeded records. */
export type Department = { [K in SubgraphName]: Registry[K]['owner'] extends 'department' ? K : never }[SubgraphName];

type SameNames<A extends string, B extends string> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Holds<T extends true> = T;

/** Fails to compile unless the departments callers may belong to (auth/roles.ts) are exactly those with an entry here. */
export type DepartmentsAgree = Holds<SameNames<Department, DepartmentName>>;

/** The subgraphs a hub builds with their factory (every one but those with an entry point of their own). */
export type CreatedSubgraph = { [K in SubgraphName]: Registry[K]['serve'] extends { create: unknown } ? K : never }[SubgraphName];

/** Each subgraph's drizzle schema, and its database as opened. */
export type SchemaOf<K extends SubgraphName> = Awaited<ReturnType<Registry[K]['database']['schema']>>;
export type DatabaseOf<K extends SubgraphName> = Database<SchemaOf<K>>;

/** The variables the environment reads for the subgraphs (hub/env.ts). */
export type PortVariable = Registry[SubgraphName]['port']['variable'];
export type UrlVariable = Registry[SubgraphName]['urlVariable'];
export type DatabaseVariable = Registry[SubgraphName]['database']['variable'];

/** In the table's order: the departments first, then the hub's own. */
export const SUBGRAPH_NAMES = Object.keys(SUBGRAPHS) as SubgraphName[];

export const DEPARTMENTS: readonly Department[] = SUBGRAPH_NAMES.filter((name): name is Department => SUBGRAPHS[name].owner === 'department');

export const CREATED_SUBGRAPHS: readonly CreatedSubgraph[] = SUBGRAPH_NAMES.filter((name): name is CreatedSubgraph => 'create' in SUBGRAPHS[name].serve);

export function isSubgraphName(value: string): value is SubgraphName {
  return Object.hasOwn(SUBGRAPHS, value);
}

export function isDepartment(value: string): value is Department {
  return isSubgraphName(value) && SUBGRAPHS[value].owner === 'department';
}

/**
 * A subgraph's SDL, from the file its entry names: what composition reads,
 * and what its module serves (each reads the schema.graphql beside it).
 */
export function typeDefsOf(name: SubgraphName): DocumentNode {
  return loadTypeDefs(pathToFileURL(fromRoot(SUBGRAPHS[name].sdl)));
}

/** Every department's database, as opened. */
export type DepartmentDatabases = { [D in Department]: DatabaseOf<D> };

/** Builds a subgraph with its factory. */
export function createSubgraph<K extends CreatedSubgraph>(name: K, parts: SubgraphParts<DatabaseOf<K>>): Promise<SubgraphModule<object>> {
  // Each entry's factory is typed by its own schema; indexing by a generic name loses that pairing, which the signature above restores.
  const create = SUBGRAPHS[name].serve.create as unknown as (parts: SubgraphParts<DatabaseOf<K>>) => Promise<SubgraphModule<object>>;
  return create(parts);
}
