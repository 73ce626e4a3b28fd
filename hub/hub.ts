import net from 'node:net';
import { AnomalyDetector, startAnomalyDetection, type RunningDetection } from '../audit/anomalies/detector.js';
import type { AnomalySettings } from '../audit/anomalies/rules.js';
import { auditStoreAnswers, readyOnlyWithAuditStore, type AuditDatabase } from '../audit/database.js';
import type { EvidenceSources } from '../audit/verification.js';
import type { ExportSigningKey } from '../audit/export.js';
import type { AuditWriter } from '../audit/writer.js';
import type { VerificationKey } from '../auth/keys.js';
import type { ExchangeDatabase } from '../exchange/database.js';
import type { ExchangeSettings } from '../exchange/service.js';
import { startExchange, type RunningExchange } from './exchange.js';
import { startAlerts, type RunningAlerts } from './alerts.js';
import type { AlertsDatabase } from '../alerts/database.js';
import type { CityIdentity } from '../exchange/signing.js';
import type { OperationLimits } from '../platform/operation-limits.js';
import { startGateway, type GatewayOptions } from '../gateway/server.js';
import { startRelays, type RunningRelays } from '../events/runtime.js';
import { InProcessTransport, type EventTransport } from '../events/transport.js';
import { EnvError } from '../platform/env.js';
import { PortInUseError, type RunningServer } from '../platform/listen.js';
import type { Logger } from '../platform/logger.js';
import { GatewayMetrics } from '../platform/metrics.js';
import { shutdownGracefully } from '../platform/shutdown.js';
import { PoliceNoticeOutbox } from '../subgraphs/police/outbox.js';
import { startSubgraph } from '../subgraphs/server.js';
import type { RuleEngine } from '../alerts/engine.js';
import type { WebhookSettings } from '../alerts/webhooks.js';
import { startRuleEngine } from './rule-engines.js';
import { pageRoutes } from '../web/server.js';
import type { AccessRecorder } from '../auth/access.js';
import { DEFAULT_DECLARATION_LIMITS, type DeclarationLimits, type DeclarationSettings } from '../subgraphs/declarations/rules.js';
import { PremisesLinkSigner } from '../auth/premises-link.js';
import type { SigningKey } from '../auth/keys.js';
import {
  CREATED_SUBGRAPHS,
  createSubgraph,
  SUBGRAPH_NAMES,
  SUBGRAPHS,
  type CreatedSubgraph,
  type DatabaseOf,
  type DepartmentDatabases,
  type SubgraphName,
} from '../subgraphs/registry.js';

/**
 * The hub's composition root: how subgraphs, the exchange and the gateway are
 * wired together. `npm start` runs all of it in one process, the per-process
 * entry points (scripts/serve-subgraph.ts, scripts/serve-gateway.ts) one part each, and
 * the test hubs and benchmarks the same code with their own stores and keys.
 * Reading the environment is not done here (hub/config.ts does it), so every
 * caller hands in what it has.
 */

/** Days a premises link holds unless its issuer or PREMISES_LINK_DAYS says otherwise: about half a year. */
export const DEFAULT_PREMISES_LINK_DAYS = 180;

/** Every server a hub listens with: the gateway, each subgraph, and the inbox partner cities deliver to. */
export type HubServer = 'gateway' | SubgraphName | 'inbox';

/** The variable that sets each server's port. */
export const PORT_VARIABLES: Readonly<Record<HubServer, string>> = {
  gateway: 'GATEWAY_PORT',
  ...(Object.fromEntries(SUBGRAPH_NAMES.map((name) => [name, SUBGRAPHS[name].port.variable])) as Record<SubgraphName, string>),
  inbox: 'EXCHANGE_INBOX_PORT',
};

/** A port a hub server could not listen on: which server, and the variable that moves it. */
export class HubPortInUseError extends PortInUseError {
  constructor(
    readonly server: HubServer,
    cause: PortInUseError,
  ) {
    super(cause.port, cause.host, `port ${cause.port} is in use: set ${PORT_VARIABLES[server]} to another port`);
  }
}

/**
 * Fails at once, as the server that would have failed later, when a port is
 * taken: before minutes of creating databases and seeding, not after. (The
 * servers' own start still reports a port taken in between.)
 */
export async function ensurePortsFree(host: string, ports: Readonly<Record<HubServer, number>>): Promise<void> {
  const given = (Object.entries(ports) as [HubServer, number][]).filter(([, port]) => port !== 0);
  const claimed = new Map<number, HubServer>();
  for (const [server, port] of given) {
    const other = claimed.get(port);
    if (other) throw new EnvError(`${PORT_VARIABLES[other]} and ${PORT_VARIABLES[server]} are both ${port}: give each server a port of its own`);
    claimed.set(port, server);
  }
  for (const [server, port] of given) {
    const probe = net.createServer();
    await new Promise<void>((resolve, reject) => {
      probe.once('error', (error: NodeJS.ErrnoException) =>
        reject(error.code === 'EADDRINUSE' ? new HubPortInUseError(server, new PortInUseError(port, host)) : error),
      );
      probe.listen({ port, host, exclusive: true }, () => probe.close(() => resolve()));
    });
  }
}

/** The servers a hub starts, and what it reports when one port is taken. */
async function starting<T>(server: HubServer | ((error: PortInUseError) => HubServer), start: () => Promise<T>): Promise<T> {
  try {
    return await start();
  } catch (error) {
    if (error instanceof PortInUseError && !(error instanceof HubPortInUseError)) {
      throw new HubPortInUseError(typeof server === 'function' ? server(error) : server, error);
    }
    throw error;
  }
}

export interface SubgraphServerOptions {
  host: string;
  /** The port of each subgraph started; 0 picks a free one. */
  ports: Partial<Record<SubgraphName, number>>;
  logger: Logger;
  cityCode: string;
  /** Open tenancies per room above which housing flags a suspected group rental; housing's default unless given. */
  groupRentalFactor?: number;
  /** What each subgraph verifies the gateway's internal tokens with. */
  internalKey: VerificationKey;
  /** Where each subgraph records what it serves. */
  accessFor(name: SubgraphName): AccessRecorder;
  /** Each subgraph's database. */
  databaseFor<K extends CreatedSubgraph>(name: K): DatabaseOf<K>;
  /** The audit store the subgraphs record in: a subgraph is ready only while it answers. */
  auditStore?: AuditDatabase;
  /** The gateway's limits, which subgraphs apply with a margin. */
  limits?: OperationLimits;
  clockToleranceSeconds?: number;
  /** Only the policy's benchmark turns it off. */
  enforcePolicy?: boolean;
  /** What the audit subgraph's auditVerification holds the store to: the checkpoint folder's evidence. */
  auditEvidence?: EvidenceSources;
  /** Where writes ask other departments whether what they name exists: the gateway, once it listens. */
  gatewayUrl?: () => string | null;
  /** The settings the anomaly rules run with, which the audit subgraph's anomalyRules reports. */
  anomalySettings?: AnomalySettings;
  /** The declarations subgraph's premises-link key, public URL and rate limits. */
  declarations?: DeclarationSettings;
  /** The key the audit subgraph signs exports with (AUDIT_EXPORT_KEY_FILE, or the development key), read when first needed. */
  auditExportKey?: () => Promise<ExportSigningKey>;
}

/**
 * Starts subgraphs built by their registry factories, in the order given. One
 * that cannot start stops those started before it, so a failed start leaves
 * no port held.
 */
export async function startSubgraphServers<K extends CreatedSubgraph>(
  names: readonly K[],
  options: SubgraphServerOptions,
): Promise<Record<K, RunningServer>> {
  const started = {} as Record<K, RunningServer>;
  try {
    for (const name of names) {
      const module = await createSubgraph(name, {
        database: options.databaseFor(name),
        access: options.accessFor(name),
        cityCode: options.cityCode,
        ...(options.groupRentalFactor === undefined ? {} : { groupRentalFactor: options.groupRentalFactor }),
        ...(options.auditEvidence ? { auditEvidence: options.auditEvidence } : {}),
        ...(options.anomalySettings ? { anomalySettings: options.anomalySettings } : {}),
        ...(options.declarations ? { declarations: options.declarations } : {}),
        // The audit subgraph keeps its case register and verifications through the writers' connection.
        ...(name === 'audit' && options.auditStore ? { auditWriterDatabase: options.auditStore } : {}),
        ...(name === 'audit' && options.auditExportKey ? { auditExportKey: options.auditExportKey } : {}),
      });
      started[name] = await starting(name, () =>
        startSubgraph(options.auditStore ? readyOnlyWithAuditStore(module, options.auditStore) : module, {
          host: options.host,
          port: options.ports[name] ?? 0,
          logger: options.logger,
          internalKey: options.internalKey,
          ...(options.limits ? { limits: options.limits } : {}),
          ...(options.clockToleranceSeconds === undefined ? {} : { clockToleranceSeconds: options.clockToleranceSeconds }),
          ...(options.enforcePolicy === undefined ? {} : { enforcePolicy: options.enforcePolicy }),
          ...(options.gatewayUrl ? { gatewayUrl: options.gatewayUrl } : {}),
        }),
      );
    }
  } catch (error) {
    await Promise.allSettled(Object.values<RunningServer>(started).map((server) => server.close(0)));
    throw error;
  }
  return started;
}

export type RunningGateway = Awaited<ReturnType<typeof startGateway>>;

/**
 * The gateway in front of subgraphs at `subgraphUrls`, serving the hub's web
 * pages beside /graphql (web/pages.ts); a taken port is reported as the gateway's.
 */
export function startHubGateway(options: GatewayOptions): Promise<RunningGateway> {
  return starting('gateway', () => startGateway({ pages: pageRoutes({ logger: options.logger }), ...options }));
}

/** What the whole hub needs that it does not make itself. */
export interface HubOptions {
  host: string;
  /** Every server's port; 0 picks a free one. */
  ports: Record<HubServer, number>;
  logger: Logger;
  cityCode: string;
  /** Open tenancies per room above which housing flags a suspected group rental (GROUP_RENTAL_FACTOR). */
  groupRentalFactor?: number;
  stores: {
    departments: DepartmentDatabases;
    /** What the writers append through, and what the audit subgraph reads through. */
    audit: { writer: AuditDatabase; reader: AuditDatabase };
    exchange: ExchangeDatabase;
    alerts: AlertsDatabase;
    declarations: DatabaseOf<'declarations'>;
  };
  /** The audit writer each component records through: one each, so one hash chain each. */
  writerFor(component: SubgraphName | 'gateway'): AuditWriter;
  internalKey: VerificationKey;
  /** This city's signing identity for the exchange with partner cities. */
  identity: CityIdentity;
  exchange: { settings: ExchangeSettings; deliver: boolean };
  /** NODE_ENV=production: alert webhooks must then be https to public addresses. */
  production?: boolean;
  /** The gateway's settings; routing, address, logging and the request log come from the hub. */
  gateway: Omit<GatewayOptions, 'subgraphUrls' | 'host' | 'port' | 'logger' | 'requestLog'>;
  /** Subgraphs' margin on the gateway's limits, their clock tolerance for internal tokens, and the audit subgraph's evidence. */
  subgraphs?: Pick<SubgraphServerOptions, 'limits' | 'clockToleranceSeconds' | 'auditEvidence' | 'auditExportKey'>;
  /** Where the gateway calls the subgraph listening at `url`: the subgraph itself unless a test puts something between. */
  route?(name: SubgraphName, url: string): Promise<string> | string;
  /**
   * What events travel over (events/runtime.ts createTransport) and how often
   * the relays look at their outboxes besides being woken by commits. Unset,
   * in memory and every 100 ms. The hub closes the transport when it stops.
   */
  events?: { transport?: EventTransport; pollMs?: number };
  /**
   * The alert rules' settings: ALERT_UNREGISTERED_TENANT_DAYS, ALERT_PASS_SECONDS in milliseconds (default an
   * hour; 0 runs no pass), and the webhooks' delivery (WEBHOOK_*; unset, their defaults; `deliverWebhooks:
   * false` queues deliveries and sends none).
   */
  alerts?: { unregisteredTenantDays?: number; passIntervalMs?: number; webhooks?: WebhookSettings; deliverWebhooks?: boolean };
  /**
   * The anomaly detector, run beside the audit subgraph on the store it reads: its settings
   * (ANOMALY_*), and how often it passes (default ANOMALY_PASS_SECONDS; 0 runs no pass on its own).
   */
  anomalies?: { settings: AnomalySettings; passIntervalMs?: number };
  /**
   * Collection at the source: the key premises links are signed with
   * (PREMISES_LINK_KEY_FILE), the public URL the form is served at (HUB_PUBLIC_URL; unset, the
   * gateway's), the days a link holds (PREMISES_LINK_DAYS) and the rate limits (DECLARATIONS_PER_*).
   */
  declarations: { linkKey: SigningKey; publicUrl?: string | null; linkDays?: number; limits?: DeclarationLimits };
}

export interface RunningHub {
  gateway: RunningGateway;
  /** Where each subgraph listens. */
  subgraphUrls: Record<SubgraphName, string>;
  exchange: RunningExchange;
  /** The alert store: its subgraph, and the consumer that keeps the alerts raised on `events`. */
  alerts: RunningAlerts;
  /** Every server, in the order they stop: the gateway before the subgraphs it calls. */
  servers: readonly RunningServer[];
  /** Every audit writer the hub's components record through. */
  writers: readonly AuditWriter[];
  /** What the departments' events and the rules' alerts travel over. */
  events: EventTransport;
  /** The relay of each source's outbox (police, housing, labour, exchange, declarations). */
  relays: RunningRelays;
  /** The alert rules running where their facts are owned: the police's and housing's. */
  ruleEngines: { police: RuleEngine; housing: RuleEngine };
  /** The anomaly detector over the audit store, passing every ANOMALY_PASS_SECONDS, and on demand. */
  anomalies: RunningDetection | null;
  /** Stops as a signal stops `npm start`: servers drain, writers commit, then `closeStores`. */
  stop(graceMs: number, closeStores?: () => Promise<void>): Promise<void>;
}

/**
 * The whole hub on stores the caller opened: every subgraph the registry
 * builds (each on its own database, recording through a writer of its own),
 * the exchange with its inbox and delivery worker, and the gateway in front.
 */
export async function startHub(options: HubOptions): Promise<RunningHub> {
  const { stores, logger } = options;
  const writers: AuditWriter[] = [];
  const writerFor = (component: SubgraphName | 'gateway') => {
    const writer = options.writerFor(component);
    writers.push(writer);
    return writer;
  };
  // The audit subgraph reads the store through the reader; the departments each have their own database.
  const databaseOf = (name: CreatedSubgraph) => (name === 'audit' ? stores.audit.reader : name === 'declarations' ? stores.declarations : stores.departments[name]);
  const events = options.events?.transport ?? new InProcessTransport();
  // The rules consume before any department can write, so no event of this process finds no one listening.
  const ruleSettings = {
    cityCode: options.cityCode,
    passIntervalMs: options.alerts?.passIntervalMs ?? 3_600_000,
    ...(options.groupRentalFactor === undefined ? {} : { groupRentalFactor: options.groupRentalFactor }),
    ...(options.alerts?.unregisteredTenantDays === undefined ? {} : { unregisteredTenantDays: options.alerts.unregisteredTenantDays }),
  };
  const ruleEngines = {
    police: await startRuleEngine({ owner: 'police', database: stores.departments.police }, events, ruleSettings, logger),
    housing: await startRuleEngine({ owner: 'housing' }, events, ruleSettings, logger),
  };
  const stopEngines = () => Promise.allSettled([ruleEngines.police.stop(), ruleEngines.housing.stop()]);
  // The subgraphs start first; their writes reach the gateway once it listens, and are refused until then.
  let gatewayUrl: string | null = null;
  // Premises links point at the form on the hub's public URL; unset, at the gateway's own.
  const declarations: DeclarationSettings = {
    links: new PremisesLinkSigner(options.declarations.linkKey),
    publicUrl: () => options.declarations.publicUrl ?? (gatewayUrl ? new URL(gatewayUrl).origin : 'http://localhost:4000'),
    linkDays: options.declarations.linkDays ?? DEFAULT_PREMISES_LINK_DAYS,
    limits: options.declarations.limits ?? DEFAULT_DECLARATION_LIMITS,
    // Counted where the gateway counts its callers: in Redis when the hub has one.
    shared: options.gateway.sharedState ?? null,
  };
  const subgraphs = await startSubgraphServers(CREATED_SUBGRAPHS, {
    host: options.host,
    ports: options.ports,
    logger,
    cityCode: options.cityCode,
    ...(options.groupRentalFactor === undefined ? {} : { groupRentalFactor: options.groupRentalFactor }),
    internalKey: options.internalKey,
    accessFor: writerFor,
    databaseFor: (name) => databaseOf(name) as unknown as DatabaseOf<typeof name>,
    auditStore: stores.audit.writer,
    gatewayUrl: () => gatewayUrl,
    ...(options.anomalies ? { anomalySettings: options.anomalies.settings } : {}),
    declarations,
    ...options.subgraphs,
  }).catch(async (error: unknown) => {
    await stopEngines();
    throw error;
  });
  let exchange: RunningExchange;
  try {
    exchange = await starting(
      (error) => (error.port === options.ports.inbox && options.ports.inbox !== 0 ? 'inbox' : 'exchange'),
      () =>
        startExchange({
          database: stores.exchange,
          identity: options.identity,
          // The exchange relays the notices the police write to their own database's outbox.
          outbox: new PoliceNoticeOutbox(stores.departments.police.db),
          audit: writerFor('exchange'),
          logger,
          host: options.host,
          subgraphPort: options.ports.exchange,
          inboxPort: options.ports.inbox,
          internalKey: options.internalKey,
          settings: options.exchange.settings,
          deliver: options.exchange.deliver,
          ready: () => auditStoreAnswers(stores.audit.writer),
        }),
    );
  } catch (error) {
    await Promise.allSettled(Object.values<RunningServer>(subgraphs).map((server) => server.close(0)));
    await stopEngines();
    throw error;
  }
  let alerts: RunningAlerts;
  try {
    alerts = await starting('alerts', () =>
      startAlerts({
        database: stores.alerts,
        transport: events,
        audit: writerFor('alerts'),
        logger,
        host: options.host,
        port: options.ports.alerts,
        internalKey: options.internalKey,
        production: options.production ?? false,
        // Department systems verify alerts with the key partner cities verify notices with: one published key for the city.
        signingKey: options.identity.signingKey,
        ...(options.alerts?.webhooks ? { webhooks: options.alerts.webhooks } : {}),
        ...(options.alerts?.deliverWebhooks === undefined ? {} : { deliverWebhooks: options.alerts.deliverWebhooks }),
        ...(options.subgraphs?.limits ? { limits: options.subgraphs.limits } : {}),
        ...(options.subgraphs?.clockToleranceSeconds === undefined ? {} : { clockToleranceSeconds: options.subgraphs.clockToleranceSeconds }),
        ready: () => auditStoreAnswers(stores.audit.writer),
      }),
    );
  } catch (error) {
    await Promise.allSettled([...Object.values<RunningServer>(subgraphs), exchange].map((server) => server.close(0)));
    await stopEngines();
    throw error;
  }
  const listening = { ...subgraphs, exchange, alerts } as Record<SubgraphName, RunningServer>;
  const subgraphUrls = Object.fromEntries(SUBGRAPH_NAMES.map((name) => [name, listening[name].url])) as Record<SubgraphName, string>;
  const routes: Partial<Record<SubgraphName, string>> = {};
  for (const name of SUBGRAPH_NAMES) routes[name] = options.route ? await options.route(name, subgraphUrls[name]) : subgraphUrls[name];

  const metrics = options.gateway.metrics ?? new GatewayMetrics();
  // One process: the gateway's /metrics shows every writer's queue.
  metrics.watchAuditWriters(() => writers);
  let gateway: RunningGateway;
  try {
    gateway = await startHubGateway({
      // Every read is refused while the audit store does not answer: the gateway is not ready then either.
      canServe: () => auditStoreAnswers(stores.audit.writer),
      ...options.gateway,
      metrics,
      subgraphUrls: routes,
      host: options.host,
      port: options.ports.gateway,
      logger,
      requestLog: writerFor('gateway'),
    });
  } catch (error) {
    await Promise.allSettled([...Object.values<RunningServer>(subgraphs), exchange, alerts].map((server) => server.close(0)));
    await stopEngines();
    throw error;
  }
  gatewayUrl = gateway.url;
  // Relays start last. In process, an event handed over before a consumer has registered reaches no one, so every
  // consumer of this process registers before this point; over NATS the stream keeps events for consumers yet to come.
  const relays = startRelays(
    [
      { source: 'police', database: stores.departments.police },
      { source: 'housing', database: stores.departments.housing },
      { source: 'labour', database: stores.departments.labour },
      { source: 'exchange', database: stores.exchange },
      { source: 'declarations', database: stores.declarations },
    ],
    events,
    logger,
    { pollMs: options.events?.pollMs ?? 100 },
  );
  // The anomaly detector reads the store where the audit subgraph reads it, and keeps its flags there.
  const anomalies = options.anomalies
    ? startAnomalyDetection(
        new AnomalyDetector(stores.audit.reader, options.anomalies.settings, logger),
        options.anomalies.passIntervalMs ?? options.anomalies.settings.passSeconds * 1_000,
        logger,
      )
    : null;
  // The exchange's worker, subgraph and inbox stop after the gateway, before the writers they record to.
  const servers = [gateway, ...CREATED_SUBGRAPHS.map((name) => subgraphs[name]), exchange, alerts];
  // Once no request writes any more, the relays stop (before the databases they read close), then the transport.
  const stopEvents = async () => {
    await relays.stop();
    await events.close().catch((error: unknown) => logger.warn({ err: error }, 'the event transport did not close cleanly'));
  };
  return {
    gateway,
    subgraphUrls,
    exchange,
    alerts,
    servers,
    writers,
    events,
    ruleEngines,
    relays,
    anomalies,
    // The rules stop once the servers have drained, before the databases they read close.
    stop: (graceMs, closeStores) =>
      shutdownGracefully({
        servers,
        writers,
        graceMs,
        logger,
        closeStores: async () => {
          await stopEngines();
          await anomalies?.stop();
          await stopEvents();
          await closeStores?.();
        },
      }),
  };
}
