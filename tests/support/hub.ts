import { readFileSync } from 'node:fs';
import { HUB_AUDIENCE, DEV_ISSUER, signCallerToken, type CallerTokenInput, type CallerTokenSettings, type IssueOptions } from '../../auth/caller.js';
import type { Principal } from '../../auth/principal.js';
import type { Purpose } from '../../auth/purposes.js';
import type { Role } from '../../auth/roles.js';
import { startGateway } from '../../gateway/server.js';
import type { RunningServer } from '../../platform/http.js';
import { DEPARTMENTS, type Department } from '../../platform/departments.js';
import { startSubgraph } from '../../platform/subgraph.js';
import { SUPERGRAPH_PATH } from '../../schema/compose.js';
import { seedCity } from '../../seed/index.js';
import { createDepartmentSubgraph, DEPARTMENT_SCHEMAS, type DepartmentDatabases } from '../../subgraphs/index.js';
import { newRunId, openTestDatabase } from './databases.js';
import { startRecordingProxy, type RecordedRequest } from './proxy.js';
import { MemoryAccessRecorder } from './recorder.js';
import { testLogger } from './servers.js';
import { callerClaims, claimsForRole, internalHeaders, newKeyPair, principalForRole, purposeHeaders, TEST_PURPOSE, type InternalTokenRequest, type TestKeyPair } from './tokens.js';

export interface TestHub {
  gatewayUrl: string;
  subgraphUrls: Record<Department, string>;
  databases: DepartmentDatabases;
  access: MemoryAccessRecorder;
  /** Statements each department's database has run so far. */
  statements(): Record<Department, number>;
  /** The identity provider this hub trusts (an in-memory Ed25519 key with a kid). */
  issuer: TestKeyPair & { issuer: string; audience: string };
  /** The gateway's internal-token key pair. */
  gatewayKeys: TestKeyPair;
  /** A caller token: by default a police officer with the police permissions; given roles bring their own usual permissions. */
  token(claims?: Partial<CallerTokenInput>, options?: Partial<IssueOptions>): Promise<string>;
  /** `authorization` and `x-purpose` for a gateway request, as a role or with the given claims. */
  headers(claimsOrRole?: Role | Partial<CallerTokenInput>, purpose?: Purpose | null, caseId?: string): Promise<Record<string, string>>;
  /** Headers for calling a subgraph directly with an internal token the gateway would have signed. */
  internalHeaders(request?: InternalTokenRequest): Promise<Record<string, string>>;
  /** What the gateway sent to each subgraph, when started with `recordSubgraphRequests`. */
  subgraphRequests: (RecordedRequest & { department: Department })[];
  close(): Promise<void>;
}

export interface TestHubOptions {
  persons?: number;
  key?: string;
  subgraphUrlOverrides?: Partial<Record<Department, string>>;
  /** Replaces parts of how the gateway verifies callers, e.g. keys from a JWKS URL. */
  callerTokens?: Partial<CallerTokenSettings>;
  /** Puts a recording pass-through between the gateway and every subgraph. */
  recordSubgraphRequests?: boolean;
}

/**
 * A whole hub for one test file: four fresh department databases (PGlite, or
 * PostgreSQL with DATABASE_URL) seeded with a small synthetic city, four
 * subgraphs and the gateway, all on loopback ports, with keys made in memory.
 */
export async function startTestHub(options: TestHubOptions = {}): Promise<TestHub> {
  const runId = newRunId();
  const opened = await Promise.all(DEPARTMENTS.map((d) => openTestDatabase(d, DEPARTMENT_SCHEMAS[d] as Record<string, unknown>, runId)));
  const databases = Object.fromEntries(DEPARTMENTS.map((d, i) => [d, opened[i]])) as unknown as DepartmentDatabases;
  if ((options.persons ?? 200) > 0) await seedCity(databases, { persons: options.persons ?? 200, key: options.key ?? 'test-city' });

  const issuer = { ...(await newKeyPair()), issuer: DEV_ISSUER, audience: HUB_AUDIENCE };
  const gatewayKeys = await newKeyPair();

  const access = new MemoryAccessRecorder();
  const servers: RunningServer[] = [];
  const proxies: { close(): Promise<void> }[] = [];
  const subgraphRequests: TestHub['subgraphRequests'] = [];
  const subgraphUrls = {} as Record<Department, string>;
  const routes = {} as Record<Department, string>;
  for (const department of DEPARTMENTS) {
    const module = createDepartmentSubgraph(department, databases[department], { access, cityCode: '510100' });
    const running = await startSubgraph(module, { host: '127.0.0.1', port: 0, logger: testLogger, internalKey: gatewayKeys.keySet });
    servers.push(running);
    subgraphUrls[department] = running.url;
    routes[department] = running.url;
    if (options.recordSubgraphRequests) {
      const proxy = await startRecordingProxy(running.url);
      proxies.push(proxy);
      routes[department] = proxy.url;
      const push = proxy.requests.push.bind(proxy.requests);
      proxy.requests.push = (...items) => {
        subgraphRequests.push(...items.map((item) => ({ ...item, department })));
        return push(...items);
      };
    }
  }
  const gateway = await startGateway({
    supergraphSdl: readFileSync(SUPERGRAPH_PATH, 'utf8'),
    subgraphUrls: { ...routes, ...options.subgraphUrlOverrides },
    host: '127.0.0.1',
    port: 0,
    logger: testLogger,
    subgraphTimeoutMs: 5_000,
    introspection: true,
    callerTokens: {
      keys: issuer.keySet,
      algorithms: ['EdDSA', 'ES256', 'RS256'],
      issuer: issuer.issuer,
      audience: issuer.audience,
      clockToleranceSeconds: 30,
      ...options.callerTokens,
    },
    internalTokens: { signingKey: gatewayKeys.signer, ttlSeconds: 60 },
  });

  const token: TestHub['token'] = (claims = {}, issue = {}) =>
    signCallerToken(issuer.signer, callerClaims(claims), { issuer: issuer.issuer, audience: issuer.audience, ttlSeconds: 600, ...issue });
  const defaultPrincipal: Principal = principalForRole('police');

  return {
    gatewayUrl: gateway.url,
    subgraphUrls,
    databases,
    access,
    statements: () => Object.fromEntries(DEPARTMENTS.map((d) => [d, databases[d].statements.count])) as Record<Department, number>,
    issuer,
    gatewayKeys,
    token,
    headers: async (claimsOrRole = 'police', purpose = TEST_PURPOSE, caseId) => {
      const claims = typeof claimsOrRole === 'string' ? claimsForRole(claimsOrRole) : claimsOrRole;
      return { authorization: `Bearer ${await token(claims)}`, ...purposeHeaders(purpose, caseId) };
    },
    internalHeaders: (request) => internalHeaders(gatewayKeys.signer, defaultPrincipal, request),
    subgraphRequests,
    close: async () => {
      await gateway.close();
      for (const proxy of proxies) await proxy.close();
      for (const server of servers) await server.close();
      await Promise.all(opened.map((d) => d.destroy()));
    },
  };
}
