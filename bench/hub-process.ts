import { readFileSync } from 'node:fs';
import { calculateJwkThumbprint, createLocalJWKSet, exportJWK, generateKeyPair } from 'jose';
import { openAuditDatabase } from '../audit/database.js';
import { AuditWriter } from '../audit/writer.js';
import { DEV_ISSUER, HUB_AUDIENCE, signCallerToken } from '../auth/caller.js';
import { DEFAULT_SCOPES } from '../auth/roles.js';
import { startGateway } from '../gateway/server.js';
import { LogAccessRecorder } from '../platform/access.js';
import { derivedDatabaseUrl } from '../platform/db.js';
import { DEPARTMENTS } from '../platform/departments.js';
import { createLogger } from '../platform/logger.js';
import { startSubgraph } from '../platform/subgraph.js';
import { SUPERGRAPH_PATH } from '../schema/compose.js';
import { seedCity } from '../seed/index.js';
import { createDepartmentSubgraph, openDepartmentDatabases } from '../subgraphs/index.js';
import { persons } from '../subgraphs/police/db/schema.js';

/**
 * A whole hub for load tests, in its own process so the load generator does
 * not share its event loop. `BENCH_POLICY=off` serves the subgraphs without
 * the field-level policy, to measure what it costs; `BENCH_AUDIT=off` records
 * accesses to the log only instead of the audit store, to measure what
 * recording costs. Databases: in-memory PGlite seeded with BENCH_PERSONS
 * residents, or, with BENCH_DATABASE_URL, the seeded PostgreSQL databases
 * derived from it (the audit store too: `<base>_audit`).
 * Prints one JSON line when ready: the gateway URL, a token, a resident.
 * Answers the IPC message `stats` with the SQL statements its department
 * databases ran and the CPU time it used so far.
 */
const enforcePolicy = process.env.BENCH_POLICY !== 'off';
const auditOn = process.env.BENCH_AUDIT !== 'off';
const size = Number(process.env.BENCH_PERSONS ?? 2000);
const logger = createLogger('bench', 'silent');

async function keyPair() {
  const { privateKey, publicKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
  const jwk = await exportJWK(publicKey);
  const kid = await calculateJwkThumbprint(jwk);
  return { signer: { key: privateKey, alg: 'EdDSA', kid }, keySet: createLocalJWKSet({ keys: [{ ...jwk, kid, alg: 'EdDSA' }] }) };
}

const baseUrl = process.env.BENCH_DATABASE_URL;
const databases = baseUrl
  ? await openDepartmentDatabases((department) => ({ kind: 'postgres', url: derivedDatabaseUrl(baseUrl, department) }), { migrate: false })
  : await openDepartmentDatabases(() => ({ kind: 'pglite' }), { migrate: true });
if (!baseUrl) await seedCity(databases, { persons: size, key: 'bench-city' });
const issuer = await keyPair();
const gatewayKeys = await keyPair();
const auditUrl = process.env.BENCH_AUDIT_DATABASE_URL ?? (baseUrl ? derivedDatabaseUrl(baseUrl, 'audit') : undefined);
const auditDatabase = auditOn ? await openAuditDatabase(auditUrl ? { kind: 'postgres', url: auditUrl } : { kind: 'pglite' }, { migrate: true }) : undefined;
const recorder = (component: string) => (auditDatabase ? new AuditWriter(auditDatabase, { component, logger }) : new LogAccessRecorder(logger, component));
const urls: Record<string, string> = {};
for (const department of DEPARTMENTS) {
  const module = createDepartmentSubgraph(department, databases[department], { access: recorder(department), cityCode: '510100' });
  const running = await startSubgraph(module, { host: '127.0.0.1', port: 0, logger, internalKey: gatewayKeys.keySet, enforcePolicy });
  urls[department] = running.url;
}
const gateway = await startGateway({
  supergraphSdl: readFileSync(SUPERGRAPH_PATH, 'utf8'),
  subgraphUrls: urls,
  host: '127.0.0.1',
  port: 0,
  logger,
  subgraphTimeoutMs: 10_000,
  callerTokens: { keys: issuer.keySet, algorithms: ['EdDSA'], issuer: DEV_ISSUER, audience: HUB_AUDIENCE, clockToleranceSeconds: 30 },
  internalTokens: { signingKey: gatewayKeys.signer, ttlSeconds: 60 },
  ...(auditDatabase ? { requestLog: new AuditWriter(auditDatabase, { component: 'gateway', logger }) } : {}),
});
// The one kind of caller the policy lets read all four departments: police and health together.
const token = await signCallerToken(
  issuer.signer,
  { sub: 'bench', dept: 'police', roles: ['police', 'health'], scope: [...new Set([...DEFAULT_SCOPES.police, ...DEFAULT_SCOPES.health])].join(' ') },
  { issuer: DEV_ISSUER, audience: HUB_AUDIENCE, ttlSeconds: 3600 },
);
const [resident] = await databases.police.db.select({ idNumber: persons.idNumber }).from(persons).limit(1);
process.stdout.write(`${JSON.stringify({ gatewayUrl: gateway.url, token, idNumber: resident?.idNumber, enforcePolicy, auditOn })}\n`);
process.on('message', (message) => {
  if (message !== 'stats') return;
  const cpu = process.cpuUsage();
  process.send?.({ statements: DEPARTMENTS.reduce((sum, d) => sum + databases[d].statements.count, 0), cpuMs: (cpu.user + cpu.system) / 1000 });
});
// An orderly exit on SIGTERM, so `node --cpu-prof` gets to write its profile.
process.on('SIGTERM', () => process.exit(0));
