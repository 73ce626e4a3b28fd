import { existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { print } from 'graphql';
import { PremisesLinkSigner } from '../../../auth/premises-link.js';
import { DEFAULT_DECLARATION_LIMITS } from '../../../subgraphs/declarations/rules.js';
import { newKeyPair } from '../../support/tokens.js';
import { describe, expect, it } from 'vitest';
import { AUDIT_MIGRATIONS } from '../../../audit/database.js';
import { EXCHANGE_MIGRATIONS } from '../../../exchange/database.js';
import { generateCityIdentity } from '../../../exchange/identity.js';
import { createAlertsSubgraph } from '../../../alerts/subgraph.js';
import { createExchangeSubgraph } from '../../../exchange/subgraph.js';
import { hubPorts, subgraphUrls } from '../../../hub/config.js';
import { PORT_VARIABLES } from '../../../hub/hub.js';
import { openDatabase } from '../../../platform/db.js';
import { databaseTarget, migrationsFolder } from '../../../subgraphs/databases.js';
import { parseEnv, subgraphPort } from '../../../hub/env.js';
import { fromRoot } from '../../../platform/paths.js';
import { CREATED_SUBGRAPHS, createSubgraph, DEPARTMENTS, isDepartment, isSubgraphName, SUBGRAPH_NAMES, SUBGRAPHS, typeDefsOf } from '../../../subgraphs/registry.js';
import { MemoryAccessRecorder } from '../../support/recorder.js';

/*
 * The registry is the one list of subgraphs: these hold each entry to the
 * files it names, and the environment and the hub's ports to the entries.
 */

describe('the subgraph registry', () => {
  it('names files that exist for every subgraph: its SDL, its drizzle-kit configuration and its migrations', () => {
    for (const name of SUBGRAPH_NAMES) {
      const { sdl, database } = SUBGRAPHS[name];
      expect(existsSync(fromRoot(sdl)), `${name}: ${sdl}`).toBe(true);
      expect(existsSync(fromRoot(database.drizzleConfig)), `${name}: ${database.drizzleConfig}`).toBe(true);
      expect(existsSync(path.join(migrationsFolder(name), 'meta', '_journal.json')), `${name}: ${database.migrations}`).toBe(true);
    }
  });

  it('opens the audit and exchange stores from the migrations their entries name', () => {
    expect(AUDIT_MIGRATIONS).toBe(migrationsFolder('audit'));
    expect(EXCHANGE_MIGRATIONS).toBe(migrationsFolder('exchange'));
  });

  it("gives drizzle-kit the migrations folder the hub migrates from, and the schema the hub opens the database with", async () => {
    for (const name of SUBGRAPH_NAMES) {
      const { database } = SUBGRAPHS[name];
      const config = ((await import(pathToFileURL(fromRoot(database.drizzleConfig)).href)) as { default: { schema: string; out: string } }).default;
      expect(path.resolve(fromRoot(), config.out), name).toBe(migrationsFolder(name));
      const schema = await database.schema();
      const declared = (await import(pathToFileURL(path.resolve(fromRoot(), config.schema)).href)) as Record<string, unknown>;
      expect(Object.keys(schema).sort(), name).toEqual(Object.keys(declared).sort());
    }
  });

  it('serves, from every subgraph module, the SDL its entry names for composition', async () => {
    const served = new Map<string, string>();
    for (const name of CREATED_SUBGRAPHS) {
      // Building a module reads nothing from its database: an empty one in memory is enough.
      const database = await openDatabase({ kind: 'pglite' }, await SUBGRAPHS[name].database.schema());
      try {
        const declarations = { links: new PremisesLinkSigner((await newKeyPair()).signer), publicUrl: () => 'http://localhost:4000', linkDays: 180, limits: DEFAULT_DECLARATION_LIMITS };
        const module = await createSubgraph(name, { database, access: new MemoryAccessRecorder(), cityCode: '510100', declarations });
        served.set(module.name, print(module.typeDefs));
      } finally {
        await database.close();
      }
    }
    const exchange = await openDatabase({ kind: 'pglite' }, await SUBGRAPHS.exchange.database.schema());
    try {
      const identity = await generateCityIdentity('510100', '成都市');
      const module = createExchangeSubgraph({ database: exchange, identity, access: new MemoryAccessRecorder(), allowPlainHttp: true });
      served.set(module.name, print(module.typeDefs));
    } finally {
      await exchange.close();
    }
    const alerts = await openDatabase({ kind: 'pglite' }, await SUBGRAPHS.alerts.database.schema());
    try {
      const module = createAlertsSubgraph({ database: alerts, access: new MemoryAccessRecorder(), production: false });
      served.set(module.name, print(module.typeDefs));
    } finally {
      await alerts.close();
    }
    expect([...served.keys()].sort()).toEqual([...SUBGRAPH_NAMES].sort());
    for (const name of SUBGRAPH_NAMES) expect(served.get(name), name).toBe(print(typeDefsOf(name)));
    // One embedded database per subgraph, each started from nothing: on a shared 2-core machine that takes a while.
  }, 240_000);

  it('keeps every name, port and variable its own', () => {
    const ports = SUBGRAPH_NAMES.map((name) => SUBGRAPHS[name].port.default);
    const variables = SUBGRAPH_NAMES.flatMap((name) => [SUBGRAPHS[name].port.variable, SUBGRAPHS[name].urlVariable, SUBGRAPHS[name].database.variable]);
    expect(new Set(ports).size).toBe(ports.length);
    expect(new Set(variables).size).toBe(variables.length);
    expect(new Set(Object.values(PORT_VARIABLES)).size).toBe(Object.keys(PORT_VARIABLES).length);
  });

  it('tells departments from the hub’s own subgraphs by their entries, and refuses names it does not hold', () => {
    expect(DEPARTMENTS).toEqual(SUBGRAPH_NAMES.filter((name) => SUBGRAPHS[name].owner === 'department'));
    expect(CREATED_SUBGRAPHS).toEqual(SUBGRAPH_NAMES.filter((name) => 'create' in SUBGRAPHS[name].serve));
    for (const name of SUBGRAPH_NAMES) expect(isSubgraphName(name)).toBe(true);
    for (const name of ['constructor', '__proto__', 'toString', 'gateway', '']) {
      expect(isSubgraphName(name), name).toBe(false);
      expect(isDepartment(name), name).toBe(false);
    }
  });
});

describe('the environment built from the registry', () => {
  it('listens on each entry’s default port, and routes to it on this machine, when nothing is set', () => {
    const env = parseEnv({});
    const urls = subgraphUrls(env);
    for (const name of SUBGRAPH_NAMES) {
      expect(subgraphPort(env, name), name).toBe(SUBGRAPHS[name].port.default);
      expect(urls[name], name).toBe(`http://127.0.0.1:${SUBGRAPHS[name].port.default}/graphql`);
      expect(databaseTarget(env, name), name).toMatchObject({ kind: 'pglite', dir: path.resolve('data', 'pglite', name) });
    }
  });

  it('reads each entry’s own port, route and database variables', () => {
    const values = Object.fromEntries(
      SUBGRAPH_NAMES.flatMap((name, i) => [
        [SUBGRAPHS[name].port.variable, String(5101 + i)],
        [SUBGRAPHS[name].urlVariable, `http://${name}.internal:${6101 + i}/graphql`],
        [SUBGRAPHS[name].database.variable, `postgres://${name}@db-${name}:5432/${name}`],
      ]),
    );
    const env = parseEnv(values);
    const ports = hubPorts(env);
    const urls = subgraphUrls(env);
    SUBGRAPH_NAMES.forEach((name, i) => {
      expect(ports[name], name).toBe(5101 + i);
      expect(urls[name], name).toBe(`http://${name}.internal:${6101 + i}/graphql`);
      expect(databaseTarget(env, name), name).toMatchObject({ kind: 'postgres', url: `postgres://${name}@db-${name}:5432/${name}` });
    });
  });

  it('names the variable of a bad subgraph port', () => {
    for (const name of SUBGRAPH_NAMES) {
      expect(() => parseEnv({ [SUBGRAPHS[name].port.variable]: 'eighty' })).toThrow(new RegExp(`^Invalid environment variable ${SUBGRAPHS[name].port.variable}="eighty"`));
    }
  });
});
