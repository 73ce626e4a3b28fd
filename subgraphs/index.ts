import type { AccessRecorder } from '../platform/access.js';
import { openMigratedDatabase, type Database, type DatabaseTarget } from '../platform/db.js';
import { DEPARTMENTS, type Department } from '../platform/departments.js';
import type { SubgraphModule } from '../platform/subgraph.js';
import * as healthSchema from './health/db/schema.js';
import { createHealthSubgraph } from './health/subgraph.js';
import * as housingSchema from './housing/db/schema.js';
import { createHousingSubgraph } from './housing/subgraph.js';
import * as labourSchema from './labour/db/schema.js';
import { createLabourSubgraph } from './labour/subgraph.js';
import * as policeSchema from './police/db/schema.js';
import { createPoliceSubgraph } from './police/subgraph.js';

/** Each department's drizzle schema; each lives in a database of its own. */
export const DEPARTMENT_SCHEMAS = {
  police: policeSchema,
  housing: housingSchema,
  labour: labourSchema,
  health: healthSchema,
} as const;

export interface DepartmentDatabases {
  police: Database<typeof policeSchema>;
  housing: Database<typeof housingSchema>;
  labour: Database<typeof labourSchema>;
  health: Database<typeof healthSchema>;
}

/** Opens one department's database, applying its migrations when asked. */
export async function openDepartmentDatabase<D extends Department>(
  department: D,
  target: DatabaseTarget,
  options: { migrate: boolean },
): Promise<DepartmentDatabases[D]> {
  const database = await openMigratedDatabase(target, DEPARTMENT_SCHEMAS[department] as Record<string, unknown>, department, options);
  return database as unknown as DepartmentDatabases[D];
}

/** Opens (and optionally migrates) every department's database. */
export async function openDepartmentDatabases(
  targetOf: (department: Department) => DatabaseTarget,
  options: { migrate: boolean },
): Promise<DepartmentDatabases> {
  const opened: Partial<Record<Department, { close(): Promise<void> }>> = {};
  try {
    for (const department of DEPARTMENTS) {
      opened[department] = await openDepartmentDatabase(department, targetOf(department), options);
    }
  } catch (error) {
    await Promise.allSettled(Object.values(opened).map((d) => d.close()));
    throw error;
  }
  return opened as DepartmentDatabases;
}

export async function closeDepartmentDatabases(databases: Partial<DepartmentDatabases>): Promise<void> {
  await Promise.allSettled(Object.values(databases).map((d) => d.close()));
}

export interface SubgraphSettings {
  access: AccessRecorder;
  /** This city's division code (e.g. 510100 for Chengdu). */
  cityCode: string;
}

/** A data-owning subgraph wired to its own department's database. */
export function createDepartmentSubgraph<D extends Department>(
  department: D,
  database: DepartmentDatabases[D],
  settings: SubgraphSettings,
): SubgraphModule<object> {
  const { access, cityCode } = settings;
  switch (department) {
    case 'police':
      return createPoliceSubgraph({ database: database as DepartmentDatabases['police'], access, cityCode }) as SubgraphModule<object>;
    case 'housing':
      return createHousingSubgraph({ database: database as DepartmentDatabases['housing'], access }) as SubgraphModule<object>;
    case 'labour':
      return createLabourSubgraph({ database: database as DepartmentDatabases['labour'], access }) as SubgraphModule<object>;
    default:
      return createHealthSubgraph({ database: database as DepartmentDatabases['health'], access }) as SubgraphModule<object>;
  }
}
