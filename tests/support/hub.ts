import { readFileSync } from 'node:fs';
import { startGateway } from '../../gateway/server.js';
import type { RunningServer } from '../../platform/http.js';
import { DEPARTMENTS, type Department } from '../../platform/departments.js';
import { startSubgraph } from '../../platform/subgraph.js';
import { SUPERGRAPH_PATH } from '../../schema/compose.js';
import { seedCity } from '../../seed/index.js';
import { createDepartmentSubgraph, DEPARTMENT_SCHEMAS, type DepartmentDatabases } from '../../subgraphs/index.js';
import { newRunId, openTestDatabase } from './databases.js';
import { MemoryAccessRecorder } from './recorder.js';
import { testLogger } from './servers.js';

export interface TestHub {
  gatewayUrl: string;
  subgraphUrls: Record<Department, string>;
  databases: DepartmentDatabases;
  access: MemoryAccessRecorder;
  /** Statements each department's database has run so far. */
  statements(): Record<Department, number>;
  close(): Promise<void>;
}

/**
 * A whole hub for one test file: four fresh department databases (PGlite, or
 * PostgreSQL with DATABASE_URL) seeded with a small synthetic city, four
 * subgraphs and the gateway, all on loopback ports.
 */
export async function startTestHub(options: { persons?: number; key?: string; subgraphUrlOverrides?: Partial<Record<Department, string>> } = {}): Promise<TestHub> {
  const runId = newRunId();
  const opened = await Promise.all(DEPARTMENTS.map((d) => openTestDatabase(d, DEPARTMENT_SCHEMAS[d] as Record<string, unknown>, runId)));
  const databases = Object.fromEntries(DEPARTMENTS.map((d, i) => [d, opened[i]])) as unknown as DepartmentDatabases;
  if ((options.persons ?? 200) > 0) await seedCity(databases, { persons: options.persons ?? 200, key: options.key ?? 'test-city' });

  const access = new MemoryAccessRecorder();
  const servers: RunningServer[] = [];
  const subgraphUrls = {} as Record<Department, string>;
  for (const department of DEPARTMENTS) {
    const module = createDepartmentSubgraph(department, databases[department], { access, cityCode: '510100' });
    const running = await startSubgraph(module, { host: '127.0.0.1', port: 0, logger: testLogger });
    servers.push(running);
    subgraphUrls[department] = running.url;
  }
  const gateway = await startGateway({
    supergraphSdl: readFileSync(SUPERGRAPH_PATH, 'utf8'),
    subgraphUrls: { ...subgraphUrls, ...options.subgraphUrlOverrides },
    host: '127.0.0.1',
    port: 0,
    logger: testLogger,
    subgraphTimeoutMs: 5_000,
  });
  return {
    gatewayUrl: gateway.url,
    subgraphUrls,
    databases,
    access,
    statements: () => Object.fromEntries(DEPARTMENTS.map((d) => [d, databases[d].statements.count])) as Record<Department, number>,
    close: async () => {
      await gateway.close();
      for (const server of servers) await server.close();
      await Promise.all(opened.map((d) => d.destroy()));
    },
  };
}
