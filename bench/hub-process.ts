import { readFileSync } from 'node:fs';
import { ne } from 'drizzle-orm';
import { calculateJwkThumbprint, createLocalJWKSet, exportJWK, generateKeyPair } from 'jose';
import { openAuditDatabase } from '../audit/database.js';
import { AuditWriter } from '../audit/writer.js';
import { DEV_ISSUER, HUB_AUDIENCE, signCallerToken } from '../auth/caller.js';
import { DEFAULT_SCOPES } from '../auth/roles.js';
import { DEFAULT_LOOKUP_CAP } from '../gateway/lookup-cap.js';
import { startHubGateway, startSubgraphServers } from '../hub/hub.js';
import { LogAccessRecorder } from '../auth/access.js';
import { derivedDatabaseUrl } from '../platform/db.js';
import { openSubgraphDatabase } from '../subgraphs/databases.js';
import { createLogger } from '../platform/logger.js';
import { SUPERGRAPH_PATH } from '../schema/compose.js';
import { seedCity } from '../seed/index.js';
import { persons } from '../subgraphs/police/db/schema.js';
import { DEPARTMENTS, type Department, type DepartmentDatabases } from '../subgraphs/registry.js';
import { BenchHubSettings } from './lib/hub-settings.js';
import { readSettings } from './lib/settings.js';

/**
 * A whole hub for load tests, in its own process so the load generator does
 * not share its event loop: the department subgraphs, built and served as
 * `npm start` serves them (hub/hub.ts), and the gateway in front.
 * Prints one JSON line when ready: the gateway URL, a token, a resident.
 * Answers the IPC message `stats` with the SQL statements its department
 * databases ran and the CPU time it used so far.
 */
const settings = readSettings(BenchHubSettings);
const logger = createLogger('bench', 'silent');

async function keyPair() {
  const { privateKey, publicKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
  const jwk = await exportJWK(publicKey);
  const kid = await calculateJwkThumbprint(jwk);
  return { signer: { key: privateKey, alg: 'EdDSA', kid }, keySet: createLocalJWKSet({ keys: [{ ...jwk, kid, alg: 'EdDSA' }] }) };
}

const baseUrl = settings.databaseUrl;
const databases = {} as Record<Department, unknown>;
for (const department of DEPARTMENTS) {
  databases[department] = baseUrl
    ? await openSubgraphDatabase(department, { kind: 'postgres', url: derivedDatabaseUrl(baseUrl, department) }, { migrate: false })
    : await openSubgraphDatabase(department, { kind: 'pglite' }, { migrate: true });
}
const departments = databases as DepartmentDatabases;
if (!baseUrl) await seedCity(departments, { persons: settings.persons, key: 'bench-city' });
const issuer = await keyPair();
const gatewayKeys = await keyPair();
const auditUrl = settings.auditDatabaseUrl ?? (baseUrl ? derivedDatabaseUrl(baseUrl, 'audit') : undefined);
const auditDatabase = settings.audit ? await openAuditDatabase(auditUrl ? { kind: 'postgres', url: auditUrl } : { kind: 'pglite' }, { migrate: true }) : undefined;
const recorder = (component: string) => (auditDatabase ? new AuditWriter(auditDatabase, { component, logger }) : new LogAccessRecorder(logger, component));
// Writes ask other departments through the gateway, which starts after the subgraphs.
let gatewayUrl: string | null = null;
const subgraphs = await startSubgraphServers(DEPARTMENTS, {
  host: '127.0.0.1',
  ports: {},
  logger,
  cityCode: '510100',
  internalKey: gatewayKeys.keySet,
  accessFor: recorder,
  databaseFor: (department) => departments[department as Department] as never,
  ...(auditDatabase ? { auditStore: auditDatabase } : {}),
  enforcePolicy: settings.policy,
  gatewayUrl: () => gatewayUrl,
});
const gateway = await startHubGateway({
  supergraphSdl: readFileSync(SUPERGRAPH_PATH, 'utf8'),
  subgraphUrls: Object.fromEntries(DEPARTMENTS.map((department) => [department, subgraphs[department].url])),
  host: '127.0.0.1',
  port: 0,
  logger,
  subgraphTimeoutMs: 10_000,
  callerTokens: { keys: issuer.keySet, algorithms: ['EdDSA'], issuer: DEV_ISSUER, audience: HUB_AUDIENCE, clockToleranceSeconds: 30 },
  internalTokens: { signingKey: gatewayKeys.signer, ttlSeconds: 60 },
  ...(auditDatabase ? { requestLog: new AuditWriter(auditDatabase, { component: 'gateway', logger }) } : {}),
  ...(settings.importLookupsPerHour === undefined ? {} : { lookupCap: { ...DEFAULT_LOOKUP_CAP, importLookups: settings.importLookupsPerHour } }),
});
gatewayUrl = gateway.url;
// The one kind of caller the policy lets read all four departments: police and health together.
const token = await signCallerToken(
  issuer.signer,
  { sub: 'bench', dept: 'police', roles: ['police', 'health'], scope: [...new Set([...DEFAULT_SCOPES.police, ...DEFAULT_SCOPES.health])].join(' ') },
  { issuer: DEV_ISSUER, audience: HUB_AUDIENCE, ttlSeconds: 3600 },
);
const [resident] = await departments.police.db.select({ idNumber: persons.idNumber, id: persons.id }).from(persons).where(ne(persons.status, 'MOVED_OUT')).limit(1);
process.stdout.write(`${JSON.stringify({ gatewayUrl: gateway.url, token, idNumber: resident?.idNumber, personId: resident?.id, enforcePolicy: settings.policy, auditOn: settings.audit })}\n`);
process.on('message', (message) => {
  if (message !== 'stats') return;
  const cpu = process.cpuUsage();
  process.send?.({ statements: DEPARTMENTS.reduce((sum, d) => sum + departments[d].statements.count, 0), cpuMs: (cpu.user + cpu.system) / 1000 });
});
// An orderly exit on SIGTERM, so `node --cpu-prof` gets to write its profile.
process.on('SIGTERM', () => process.exit(0));
