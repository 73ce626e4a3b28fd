import { randomUUID } from 'node:crypto';
import dns from 'node:dns/promises';
import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import type { LookupAddress, LookupOptions } from 'node:dns';
import nodeFetch from 'node-fetch';
import type { SigningKey } from '../auth/keys.js';
import type { Logger } from '../platform/logger.js';
import type { AlertRow } from './db/schema.js';
import { ALERT_RULES } from './rules.js';
import type { AlertsStore, DueDelivery } from './store.js';
import { ALERT_ID_HEADER, ATTEMPT_HEADER, SIGNATURE_HEADER, signAlertWebhook, TIMESTAMP_HEADER } from './webhook-signature.js';
import { refusedAddress } from './webhook-url.js';

/**
 * Pushes each kept alert to the department systems subscribed to it. Per
 * subscription, strictly in queue order: the head is sent until the receiver
 * answers 2xx, and nothing behind it goes first. A failure (any other status,
 * a refused connection, a timeout) is retried with exponential backoff and
 * jitter, for as long as it takes: an alert is never skipped, so a receiver
 * gets each at least once and de-duplicates by its id. Subscriptions progress
 * independently, and each is leased to one worker at a time, so several
 * alerts processes may run this.
 */

export interface WebhookSettings {
  /** How long one delivery may take before it counts as failed (WEBHOOK_TIMEOUT_MS). */
  timeoutMs: number;
  /** The first retry's delay, doubled per failed attempt up to `retryMaxMs` (WEBHOOK_RETRY_BASE_MS, WEBHOOK_RETRY_MAX_MS). */
  retryBaseMs: number;
  retryMaxMs: number;
  /** How often the worker looks for due deliveries besides being woken by a new alert (WEBHOOK_POLL_MS). */
  pollMs: number;
}

export const DEFAULT_WEBHOOK_SETTINGS: WebhookSettings = { timeoutMs: 5_000, retryBaseMs: 1_000, retryMaxMs: 300_000, pollMs: 500 };

/** The addresses a host name resolves to, as `dns.lookup` with `all` answers them. */
export type ResolveHost = (hostname: string) => Promise<{ address: string; family: number }[]>;

const systemResolve: ResolveHost = (hostname) => dns.lookup(hostname, { all: true, verbatim: true });

/** A delivery refused before connecting: the receiver's name resolved to an address no alert may go to. */
class WebhookAddressRefused extends Error {
  readonly code = 'WEBHOOK_ADDRESS_REFUSED';
}

/**
 * The `lookup` of the sockets deliveries open: every address the name
 * resolves to is held to `refusedAddress`, and the socket connects to one of
 * the addresses checked, never to a second answer of the resolver.
 */
function guardedLookup(resolve: ResolveHost, production: boolean): LookupFunction {
  return ((hostname: string, options: LookupOptions, callback: (error: Error | null, address: string | LookupAddress[], family?: number) => void) => {
    resolve(hostname).then(
      (addresses) => {
        const refused = addresses.map((a) => refusedAddress(a.address, { production })).find((reason) => reason !== null);
        if (refused !== undefined) return callback(new WebhookAddressRefused(`the receiver's name resolves to an address that ${refused}`), '');
        const usable = options.family ? addresses.filter((a) => a.family === options.family) : addresses;
        const [first] = usable;
        if (first === undefined) return callback(Object.assign(new Error('the receiver\'s name resolves to no address'), { code: 'ENOTFOUND' }), '');
        return options.all ? callback(null, usable) : callback(null, first.address, first.family);
      },
      (error: Error) => callback(error, ''),
    );
  });
}

export interface WebhookWorkerOptions {
  store: AlertsStore;
  /** NODE_ENV=production: deliveries then go to public addresses only, whatever the receiver's name resolves to later. */
  production?: boolean;
  /** How receivers' names are resolved (the system's resolver unless a test gives its own). */
  resolve?: ResolveHost;
  /** The city's signing key: the one its notices to partner cities are signed with. */
  signingKey: SigningKey;
  logger: Logger;
  settings: WebhookSettings;
}

/** What a department's system receives: the alert as its officers may read it. */
export interface AlertWebhookPayload {
  id: string;
  rule: string;
  kind: string;
  summary: string;
  raisedAt: string;
  occurredAt: string;
  eventType: string;
  gridCode: string | null;
  divisionCode: string | null;
  personId: string | null;
  houseId: string | null;
  employerId: string | null;
  details: Record<string, string>;
}

/** Per rule, the details its alerts may carry: those its line reveals as `Alert.<name>`. */
const REVEALED_DETAILS: ReadonlyMap<string, ReadonlySet<string>> = new Map(
  ALERT_RULES.map((rule) => [rule.id, new Set(rule.reveals.filter((field) => field.startsWith('Alert.')).map((field) => field.slice('Alert.'.length)))]),
);

/**
 * The body of an alert's delivery. Details are limited to what the alert's
 * rule reveals, as the officers' own reads are by the policy: the
 * department's system is entitled to what its officers are, no more.
 */
export function alertWebhookPayload(alert: AlertRow): AlertWebhookPayload {
  const revealed = REVEALED_DETAILS.get(alert.rule);
  const details: Record<string, string> = {};
  for (const [name, value] of Object.entries(alert.details)) {
    if (revealed?.has(name) && typeof value === 'string') details[name] = value;
  }
  return {
    id: alert.id,
    rule: alert.rule,
    kind: alert.kind,
    summary: alert.summary,
    raisedAt: alert.raisedAt.toISOString(),
    occurredAt: alert.occurredAt.toISOString(),
    eventType: alert.eventType,
    gridCode: alert.gridCode,
    divisionCode: alert.divisionCode,
    personId: alert.personId,
    houseId: alert.houseId,
    employerId: alert.employerId,
    details,
  };
}

/** The delay before the next attempt after `attempts` failed ones: doubling, capped, with ±20 % jitter so receivers back up together are not hit together. */
export function retryDelayMs(attempts: number, settings: Pick<WebhookSettings, 'retryBaseMs' | 'retryMaxMs'>, random = Math.random): number {
  const delay = Math.min(settings.retryMaxMs, settings.retryBaseMs * 2 ** Math.min(Math.max(attempts - 1, 0), 30));
  return Math.round(delay * (0.8 + random() * 0.4));
}

/** How an attempt failed, as the store and the log keep it: a status or an error's class, never what the receiver said. */
function failureOf(error: unknown): string {
  const named = error as { name?: unknown; code?: unknown; cause?: { code?: unknown } };
  // The delivery's own time limit ends it through its abort signal.
  if (named.name === 'TimeoutError' || named.name === 'AbortError') return 'timeout';
  const code = named.code ?? named.cause?.code;
  if (typeof code === 'string' && /^[A-Z_]{2,40}$/.test(code)) return code;
  return typeof named.name === 'string' && /^[A-Za-z]{1,40}$/.test(named.name) ? named.name : 'Error';
}

export class WebhookWorker {
  // Names this worker in a subscription's lease: what tells two workers apart, no host name.
  private readonly owner = `${process.pid}:${randomUUID().slice(0, 8)}`;
  // Sockets that connect only to addresses checked on this delivery's own resolution.
  private readonly agents: { http: http.Agent; https: https.Agent };
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  private stopped = true;
  private wakeUp: (() => void) | null = null;
  private loopDone: Promise<void> | null = null;

  constructor(private readonly options: WebhookWorkerOptions) {
    const lookup = guardedLookup(options.resolve ?? systemResolve, options.production ?? false);
    this.agents = { http: new http.Agent({ lookup }), https: new https.Agent({ lookup }) };
  }

  /** Runs rounds every `pollMs`, and at once when woken, until stopped. */
  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    const loop = async (): Promise<void> => {
      while (!this.stopped) {
        await this.runOnce();
        if (this.stopped) break;
        await new Promise<void>((resolve) => {
          this.wakeUp = resolve;
          this.timer = setTimeout(resolve, this.options.settings.pollMs);
        });
        this.wakeUp = null;
      }
    };
    this.loopDone = loop();
  }

  /** A new alert was kept: look now rather than at the next poll. */
  wake(): void {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.wakeUp?.();
    // A round already under way may have looked before the alert committed.
    if (this.running) this.again = true;
  }

  /** Stops after the deliveries in flight; no request is left unrecorded, no lease held. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.wakeUp?.();
    await this.loopDone;
    await this.running;
    this.agents.http.destroy();
    this.agents.https.destroy();
  }

  /** One round over every subscription with a due delivery. Rounds never overlap; a failed round is logged and the next one tries again. */
  runOnce(): Promise<void> {
    this.running ??= (async () => {
      do {
        this.again = false;
        await this.round().catch((error: unknown) => this.options.logger.error({ err: error }, 'webhook delivery round failed'));
      } while (this.again && !this.stopped);
    })().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async round(): Promise<void> {
    const due = await this.options.store.subscriptionsWithDueDeliveries(new Date());
    await Promise.all(due.map((id) => this.deliverTo(id)));
  }

  private leaseMs(): number {
    return Math.max(30_000, this.options.settings.timeoutMs * 3);
  }

  private async deliverTo(subscriptionId: string): Promise<void> {
    const { store } = this.options;
    if (!(await store.leaseSubscription(subscriptionId, this.owner, new Date(Date.now() + this.leaseMs())))) return;
    try {
      while (!this.stopped) {
        const head = await store.headDelivery(subscriptionId);
        if (!head || head.delivery.nextAttemptAt.getTime() > Date.now()) return;
        if (!(await this.send(head))) return;
        if (!(await store.leaseSubscription(subscriptionId, this.owner, new Date(Date.now() + this.leaseMs())))) return;
      }
    } finally {
      await store.releaseSubscription(subscriptionId, this.owner).catch(() => undefined);
    }
  }

  /** One attempt at the head of a queue; true when the receiver took it. No transaction is open while the request is. */
  private async send({ delivery, alert, url }: DueDelivery): Promise<boolean> {
    const { store, logger, settings, signingKey } = this.options;
    const attempt = delivery.attempts + 1;
    const body = JSON.stringify(alertWebhookPayload(alert));
    const timestamp = Math.floor(Date.now() / 1000);
    const context = { subscription: delivery.subscriptionId, alertId: alert.id, attempt };
    let failure: string;
    try {
      const response = await nodeFetch(url, {
        agent: (target) => (target.protocol === 'https:' ? this.agents.https : this.agents.http),
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          [ALERT_ID_HEADER]: alert.id,
          [ATTEMPT_HEADER]: String(attempt),
          [TIMESTAMP_HEADER]: String(timestamp),
          [SIGNATURE_HEADER]: signAlertWebhook(body, timestamp, signingKey.key),
        },
        body,
        // A redirect would send the alert somewhere no one registered: it counts as a failure.
        redirect: 'manual',
        signal: AbortSignal.timeout(settings.timeoutMs),
      });
      // What the receiver answers is never read: only its status counts.
      response.body.resume();
      if (response.status >= 200 && response.status < 300) {
        await store.markWebhookDelivered(delivery.seq, new Date());
        logger.debug(context, 'alert delivered to a webhook');
        return true;
      }
      failure = `HTTP ${response.status}`;
    } catch (error) {
      failure = failureOf(error);
    }
    const delayMs = retryDelayMs(attempt, settings);
    await store.markWebhookAttemptFailed(delivery.seq, failure, new Date(Date.now() + delayMs));
    logger.warn({ ...context, error: failure, retryInMs: delayMs }, 'webhook delivery failed; will retry');
    return false;
  }
}
