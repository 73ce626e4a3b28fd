import type { SharedState } from '../../platform/shared-state.js';
import { createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { calculateJwkThumbprint } from 'jose';
import type { ExportSigningKey } from '../../audit/export.js';
import { readFileSync } from 'node:fs';
import { asc } from 'drizzle-orm';
import type { RunningDetection } from '../../audit/anomalies/detector.js';
import { DEFAULT_ANOMALY_SETTINGS, type AnomalySettings } from '../../audit/anomalies/rules.js';
import type { AuditEvent } from '../../audit/api.js';
import { auditSchema, type AuditDatabase } from '../../audit/database.js';
import { auditEvents } from '../../audit/db/schema.js';
import { toAuditEvent } from '../../audit/read.js';
import { AuditWriter } from '../../audit/writer.js';
import { DEFAULT_INTERNAL_TOKEN_TTL_S } from '../../auth/internal-token.js';
import { HUB_AUDIENCE, DEV_ISSUER, signCallerToken, type CallerTokenInput, type CallerTokenSettings, type IssueOptions } from '../../auth/caller.js';
import type { Principal } from '../../auth/principal.js';
import type { Purpose } from '../../auth/purposes.js';
import type { Role } from '../../auth/roles.js';
import type { OperationLimits } from '../../platform/operation-limits.js';
import type { BreakerSettings } from '../../gateway/breaker.js';
import type { LookupCapSettings } from '../../gateway/lookup-cap.js';
import type { RateLimitSettings } from '../../gateway/rate-limit.js';
import type { RefusalSettings } from '../../gateway/refusals.js';
import type { DatabaseTarget } from '../../platform/db.js';
import type { Logger } from '../../platform/logger.js';
import type { GatewayMetrics } from '../../platform/metrics.js';
import { SUPERGRAPH_PATH } from '../../schema/compose.js';
import { seedCity } from '../../seed/index.js';
import { exchangeSchema } from '../../exchange/database.js';
import { alertsSchema } from '../../alerts/database.js';
import * as declarationsSchema from '../../subgraphs/declarations/db/schema.js';
import type { DeclarationLimits } from '../../subgraphs/declarations/rules.js';
import type { RunningAlerts } from '../../hub/alerts.js';
import type { WebhookSettings } from '../../alerts/webhooks.js';
import { EventOutbox } from '../../events/outbox.js';
import type { EventTransport } from '../../events/transport.js';
import { generateCityIdentity } from '../../exchange/identity.js';
import type { ExchangeSettings } from '../../exchange/service.js';
import { auditEvidence } from '../../hub/config.js';
import type { RunningExchange } from '../../hub/exchange.js';
import type { CityIdentity } from '../../exchange/signing.js';
import { DIVISIONS } from '../../domain/index.js';
import { PORT_VARIABLES, startHub, type HubOptions, type HubServer, type RunningHub } from '../../hub/hub.js';
import { DEPARTMENTS, SUBGRAPHS, type Department, type DepartmentDatabases, type SubgraphName } from '../../subgraphs/registry.js';
import { newRunId, openTestDatabase, type TestDatabase } from './databases.js';
import type { TestHeaders } from './graphql.js';
import { startRecordingProxy, type RecordedRequest } from './proxy.js';
import { testLogger } from './servers.js';
import { callerClaims, claimsForRole, internalHeaders, newKeyPair, principalForRole, purposeHeaders, testPurposeFor, type InternalTokenRequest, type TestKeyPair } from './tokens.js';

/** Where a test hub's subgraphs and gateway record, and how a test reads it back. */
export interface TestAudit {
  database: TestDatabase<typeof auditSchema> & AuditDatabase;
  /** One writer per subgraph, and the gateway's. */
  writers: Record<SubgraphName | 'gateway', AuditWriter>;
  /** Commits whatever the writers hold (the gateway's request events are not awaited by responses). */
  flush(): Promise<void>;
  /** Every stored event, flushed first, in the order written per writer. */
  events(): Promise<AuditEvent[]>;
}

export interface TestHub {
  gatewayUrl: string;
  subgraphUrls: Record<SubgraphName, string>;
  databases: DepartmentDatabases;
  /** This city's exchange with partner cities: its store, inbox, delivery worker and signing identity. */
  exchange: RunningExchange & { database: TestDatabase<typeof exchangeSchema>; identity: CityIdentity; inboxUrl: string; keyUrl: string };
  /** The alert store: its database, its subgraph and consumer. */
  alerts: RunningAlerts & { database: TestDatabase<typeof alertsSchema> };
  /** The declarations store, and the key premises links are signed with (in memory, as the hub's). */
  declarations: { database: TestDatabase<typeof declarationsSchema>; linkKey: TestKeyPair };
  /** The hub's transport: publishing an alert here is how a rule engine raises one. */
  events: EventTransport;
  /** The hub's audit store, written by real writers as in production. */
  audit: TestAudit;
  /** Statements each department's database has run so far. */
  statements(): Record<Department, number>;
  /** The identity provider this hub trusts (an in-memory Ed25519 key with a kid). */
  issuer: TestKeyPair & { issuer: string; audience: string };
  /** The gateway's internal-token key pair. */
  gatewayKeys: TestKeyPair;
  /** The public half of the key the audit subgraph signs exports with (made in memory for this hub). */
  auditExportPublicKey: KeyObject;
  /** A caller token: by default a police officer with the police permissions; given roles bring their own usual permissions. */
  token(claims?: Partial<CallerTokenInput>, options?: Partial<IssueOptions>): Promise<string>;
  /** `authorization` and `x-purpose` for a gateway request, as a role or with the given claims; the purpose is one the roles may declare unless given. */
  headers(claimsOrRole?: Role | Partial<CallerTokenInput>, purpose?: Purpose | null, caseId?: string): Promise<Record<string, string>>;
  /**
   * Headers for calling a subgraph directly with internal tokens the gateway would have signed:
   * one per call, signed when `graphql()` sends, for the subgraph at the URL called and the body sent.
   */
  internalHeaders(request?: InternalTokenRequest): Promise<TestHeaders>;
  /** What the gateway sent to each subgraph, when started with `recordSubgraphRequests`. */
  subgraphRequests: (RecordedRequest & { department: Department | 'audit' | 'declarations' })[];
  /** The gateway's metrics, as served at /metrics. */
  metrics: GatewayMetrics;
  /** The alert rules of the police and of housing; their periodic passes run only when a test runs them. */
  ruleEngines: RunningHub['ruleEngines'];
  /** The anomaly detector over the audit store; it passes on its own only when the test asked, otherwise when a test runs it. */
  anomalies: RunningDetection;
  /** What events travel over (in memory unless the test gave a transport), and the relay of each outbox. */
  relays: RunningHub['relays'];
  /**
   * Waits until every outbox is empty: in one process an event is marked only
   * once the rules and the alert store have had it, so what a write raised is
   * there to read, as a reader a moment later would find it.
   */
  eventsHandedOn(): Promise<void>;
  /** Stops the hub as a signal stops `npm start`: servers drain, writers commit; the databases stay readable. */
  stop(): Promise<void>;
  /** Stops the hub and drops its databases. */
  close(): Promise<void>;
}

export interface TestHubOptions {
  persons?: number;
  key?: string;
  /** The seeded city's reference date (YYYY-MM-DD): fixed, for tests whose files name its residents; the day of seeding otherwise. */
  asOf?: string;
  /** What events travel over and how often relays poll; in memory and every 100 ms unless given. */
  events?: HubOptions['events'];
  /** Where the gateway reaches a subgraph instead of the one the hub started (a dead port, a faulty proxy). */
  subgraphUrlOverrides?: Partial<Record<SubgraphName, string>>;
  /** Replaces parts of how the gateway verifies callers, e.g. keys from a JWKS URL. */
  callerTokens?: Partial<CallerTokenSettings>;
  /** Puts a recording pass-through between the gateway and every subgraph. */
  recordSubgraphRequests?: boolean;
  /** This city's division code (default 510100, Chengdu): its register, grids and exchange identity. */
  cityCode?: string;
  /** Exchange settings; the delivery worker runs on its own only with `deliver: true`. */
  exchange?: Partial<ExchangeSettings> & { deliver?: boolean };
  /**
   * Alert webhooks: the worker runs only with `deliver: true`, for a test of
   * delivery that registers loopback receivers. Otherwise alerts are queued
   * for the webhooks tests register (at made-up public hosts) and nothing is
   * sent, so no test hub looks a name up or connects out of the machine.
   */
  webhooks?: { deliver?: boolean; settings?: WebhookSettings };
  /** Whether the gateway answers introspection, as in development (the default here) or not, as in production. */
  introspection?: boolean;
  /** Where the gateway and subgraphs log; silent otherwise. */
  logger?: Logger;
  /** The gateway's operation limits (subgraphs get their margin on them); the defaults otherwise. */
  limits?: OperationLimits;
  /** Where a department's database is, instead of a fresh one beside the others (e.g. behind a proxy). */
  databaseTargets?: Partial<Record<Department, DatabaseTarget>>;
  /** The gateway's per-caller rate limit; none unless given. */
  rateLimit?: RateLimitSettings;
  /** The gateway's cap on look-ups by full identity number; the production default unless given. */
  lookupCap?: LookupCapSettings;
  /** Where the gateway counts its limits with other gateways (a Redis client it closes); its own memory unless given. */
  sharedState?: SharedState;
  /** How the gateway tallies and throttles refusals before execution; the production defaults unless given. */
  refusals?: RefusalSettings;
  /** Upper bound of one subgraph call (5 s unless given). */
  subgraphTimeoutMs?: number;
  /**
   * The gateway's circuit breaker per subgraph; off unless given, so the tests
   * that make a subgraph fail again and again find it called each time.
   */
  breaker?: BreakerSettings;
  /** The gateway's internal-token lifetime and the subgraphs' clock tolerance for it; the production defaults otherwise. */
  internalTokens?: { ttlSeconds?: number; clockToleranceSeconds?: number };
  /** A checkpoint folder and the checkpoint public key the audit subgraph verifies against, as the hub's own; none otherwise. */
  auditEvidence?: { dir: string; publicKey: KeyObject };
  /** The anomaly detector's settings (the documented defaults unless given) and how often it passes on its own (never unless given: tests run passes). */
  anomalies?: { settings?: AnomalySettings; passIntervalMs?: number };
  /** The declarations' rate limits; off unless given, so tests that are not about them are never throttled. */
  declarationLimits?: DeclarationLimits;
}

/** Exchange settings for tests: quick retries, a plain-http inbox on loopback. */
export const TEST_EXCHANGE_SETTINGS: ExchangeSettings = {
  replayWindowSeconds: 300,
  pollMs: 50,
  batchSize: 200,
  retryBaseMs: 100,
  retryMaxMs: 1_000,
  maxAttempts: 100,
  timeoutMs: 3_000,
  allowPlainHttp: true,
};

/**
 * A whole hub for one test file: four fresh department databases and an
 * audit store (PGlite, or PostgreSQL with DATABASE_URL) seeded with a small
 * synthetic city, the four department subgraphs and the audit subgraph, each
 * recording through its own audit writer, and the gateway, all on loopback
 * ports, with keys made in memory.
 */
export async function startTestHub(options: TestHubOptions = {}): Promise<TestHub> {
  const runId = newRunId();
  const cityCode = options.cityCode ?? '510100';
  const [auditDatabase, exchangeDatabase, alertsDatabase, declarationsDatabase, ...opened] = await Promise.all([
    openTestDatabase('audit', auditSchema, runId),
    openTestDatabase('exchange', exchangeSchema, runId),
    openTestDatabase('alerts', alertsSchema, runId),
    openTestDatabase('declarations', declarationsSchema, runId),
    ...DEPARTMENTS.map(async (d) => openTestDatabase(d, await SUBGRAPHS[d].database.schema(), runId, options.databaseTargets?.[d])),
  ]);
  const databases = Object.fromEntries(DEPARTMENTS.map((d, i) => [d, opened[i]])) as unknown as DepartmentDatabases;
  if ((options.persons ?? 200) > 0) await seedCity(databases, { persons: options.persons ?? 200, key: options.key ?? 'test-city', cityCode, ...(options.asOf ? { asOf: options.asOf } : {}) });

  const issuer = { ...(await newKeyPair()), issuer: DEV_ISSUER, audience: HUB_AUDIENCE };
  const exportPrivateKey = generateKeyPairSync('ed25519').privateKey;
  const exportKey: ExportSigningKey = { privateKey: exportPrivateKey, keyId: await calculateJwkThumbprint(createPublicKey(exportPrivateKey).export({ format: 'jwk' })) };
  const gatewayKeys = await newKeyPair();
  const linkKey = await newKeyPair();

  const auditStore = auditDatabase as TestAudit['database'];
  const logger = options.logger ?? testLogger;
  const writers = {} as Record<SubgraphName | 'gateway', AuditWriter>;
  const proxies: { url: string; close(): Promise<void> }[] = [];
  const subgraphRequests: TestHub['subgraphRequests'] = [];
  const identity = await generateCityIdentity(cityCode, DIVISIONS.get(cityCode) ?? cityCode);
  const { deliver, ...settings } = options.exchange ?? {};
  // The hub as `npm start` wires it, on this file's own databases and in-memory keys, every server on a free port.
  const hub = await startHub({
    host: '127.0.0.1',
    ports: Object.fromEntries(Object.keys(PORT_VARIABLES).map((server) => [server, 0])) as Record<HubServer, number>,
    logger,
    cityCode,
    stores: { departments: databases, audit: { writer: auditStore, reader: auditStore }, exchange: exchangeDatabase, alerts: alertsDatabase, declarations: declarationsDatabase },
    declarations: { linkKey: linkKey.signer, limits: options.declarationLimits ?? { perDeclarantPerMinute: 0, perPremisesPerHour: 0 } },
    writerFor: (component) => (writers[component] = new AuditWriter(auditStore, { component, logger })),
    internalKey: gatewayKeys.keySet,
    identity,
    exchange: { settings: { ...TEST_EXCHANGE_SETTINGS, ...settings }, deliver: deliver ?? false },
    gateway: {
      supergraphSdl: readFileSync(SUPERGRAPH_PATH, 'utf8'),
      subgraphTimeoutMs: options.subgraphTimeoutMs ?? 5_000,
      introspection: options.introspection ?? true,
      callerTokens: {
        keys: issuer.keySet,
        algorithms: ['EdDSA', 'ES256', 'RS256'],
        issuer: issuer.issuer,
        audience: issuer.audience,
        clockToleranceSeconds: 30,
        ...options.callerTokens,
      },
      internalTokens: { signingKey: gatewayKeys.signer, ttlSeconds: options.internalTokens?.ttlSeconds ?? DEFAULT_INTERNAL_TOKEN_TTL_S },
      ...(options.limits ? { limits: options.limits } : {}),
      ...(options.rateLimit ? { rateLimit: options.rateLimit } : {}),
      ...(options.lookupCap ? { lookupCap: options.lookupCap } : {}),
      ...(options.sharedState ? { sharedState: options.sharedState } : {}),
      ...(options.refusals ? { refusals: options.refusals } : {}),
      ...(options.breaker ? { breaker: options.breaker } : {}),
    },
    subgraphs: {
      ...(options.limits ? { limits: options.limits } : {}),
      ...(options.internalTokens?.clockToleranceSeconds === undefined ? {} : { clockToleranceSeconds: options.internalTokens.clockToleranceSeconds }),
      ...(options.auditEvidence ? { auditEvidence: auditEvidence(options.auditEvidence.dir, options.auditEvidence.publicKey) } : {}),
      auditExportKey: async () => exportKey,
    },
    alerts: {
      passIntervalMs: 0,
      deliverWebhooks: options.webhooks?.deliver ?? false,
      ...(options.webhooks?.settings ? { webhooks: options.webhooks.settings } : {}),
    },
    ...(options.events ? { events: options.events } : {}),
    anomalies: { settings: options.anomalies?.settings ?? DEFAULT_ANOMALY_SETTINGS, passIntervalMs: options.anomalies?.passIntervalMs ?? 0 },
    route: async (name, url) => {
      const override = options.subgraphUrlOverrides?.[name];
      if (override) return override;
      // The exchange's and the alert store's traffic is not recorded: they are reached through their own tests.
      if (!options.recordSubgraphRequests || name === 'exchange' || name === 'alerts') return url;
      const proxy = await startRecordingProxy(url);
      proxies.push(proxy);
      const push = proxy.requests.push.bind(proxy.requests);
      proxy.requests.push = (...items) => {
        subgraphRequests.push(...items.map((item) => ({ ...item, department: name })));
        return push(...items);
      };
      return proxy.url;
    },
  });
  const { gateway, exchange, alerts, events, subgraphUrls } = hub;

  let stopped: Promise<void> | undefined;
  const stop = () =>
    (stopped ??= (async () => {
      await hub.stop(5_000);
      await Promise.allSettled(proxies.map((proxy) => proxy.close()));
    })());

  const flush = async () => {
    await Promise.all(Object.values(writers).map((w) => w.flush()));
  };
  const audit: TestAudit = {
    database: auditStore,
    writers,
    flush,
    events: async () => {
      await flush();
      const rows = await auditStore.db.select().from(auditEvents).orderBy(asc(auditEvents.writerId), asc(auditEvents.seq));
      return rows.map(toAuditEvent);
    },
  };

  const token: TestHub['token'] = (claims = {}, issue = {}) =>
    signCallerToken(issuer.signer, callerClaims(claims), { issuer: issuer.issuer, audience: issuer.audience, ttlSeconds: 600, ...issue });
  const defaultPrincipal: Principal = principalForRole('police');

  return {
    gatewayUrl: gateway.url,
    subgraphUrls,
    databases,
    exchange: {
      ...exchange,
      database: exchangeDatabase,
      identity,
      inboxUrl: exchange.inbox.url,
      keyUrl: exchange.inbox.url.replace('/inbox', '/key'),
    },
    alerts: { ...alerts, database: alertsDatabase },
    declarations: { database: declarationsDatabase, linkKey },
    events,
    audit,
    statements: () => Object.fromEntries(DEPARTMENTS.map((d) => [d, databases[d].statements.count])) as Record<Department, number>,
    issuer,
    gatewayKeys,
    auditExportPublicKey: createPublicKey(exportPrivateKey),
    token,
    headers: async (claimsOrRole = 'police', purpose, caseId) => {
      const claims = typeof claimsOrRole === 'string' ? claimsForRole(claimsOrRole) : claimsOrRole;
      const declared = purpose === undefined ? testPurposeFor(callerClaims(claims).roles) : purpose;
      return { authorization: `Bearer ${await token(claims)}`, ...purposeHeaders(declared, caseId) };
    },
    internalHeaders: (request) =>
      internalHeaders(gatewayKeys.signer, defaultPrincipal, request, (url) => Object.entries(subgraphUrls).find(([, at]) => at === url)?.[0]),
    subgraphRequests,
    relays: hub.relays,
    eventsHandedOn: async () => {
      const outboxes = [
        new EventOutbox(databases.police.db, 'police'),
        new EventOutbox(databases.housing.db, 'housing'),
        new EventOutbox(databases.labour.db, 'labour'),
        new EventOutbox(exchangeDatabase.db, 'exchange'),
        new EventOutbox(declarationsDatabase.db, 'declarations'),
      ];
      for (const started = Date.now(); Date.now() - started < 10_000; ) {
        if ((await Promise.all(outboxes.map((outbox) => outbox.backlog()))).every((count) => count === 0)) return;
        hub.relays.kick();
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      throw new Error('the outboxes were not relayed within 10 s');
    },
    metrics: gateway.metrics,
    ruleEngines: hub.ruleEngines,
    anomalies: hub.anomalies!,
    stop,
    close: async () => {
      await stop();
      await Promise.all([auditDatabase, exchangeDatabase, alertsDatabase, declarationsDatabase, ...opened].map((d) => d.destroy()));
    },
  };
}
