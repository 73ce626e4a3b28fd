import { z } from 'zod';
import type { WebhookSettings } from '../alerts/webhooks.js';
import { ANOMALY_ENV } from '../audit/anomalies/rules.js';
import { DEV_ISSUER, HUB_AUDIENCE, SIGNATURE_ALGORITHMS } from '../auth/caller.js';
import { DEFAULT_INTERNAL_TOKEN_TTL_S, MAX_INTERNAL_TOKEN_TTL_S } from '../auth/internal-token.js';
import { DEFAULT_BREAKER } from '../gateway/breaker.js';
import { DEFAULT_POOL_MAX } from '../platform/db.js';
import { connectHost, EnvError, optionalPath, optionalUrl, port } from '../platform/env.js';
import { configureLogging } from '../platform/logger.js';
import { DEFAULT_OPERATION_LIMITS, type OperationLimits } from '../platform/operation-limits.js';
import { DEFAULT_IMPORT_LOOKUPS } from '../gateway/lookup-cap.js';
import { SUBGRAPH_NAMES, SUBGRAPHS, type DatabaseVariable, type PortVariable, type SubgraphName, type UrlVariable } from '../subgraphs/registry.js';

/**
 * The hub's whole configuration, read from the environment in one place.
 * A bad value stops the process with one line naming the variable, so a
 * misconfigured deployment never starts half-working.
 *
 * It lives with the composition root because it names what only the hub
 * knows whole: every subgraph's variables (from the registry), the auth
 * settings, the gateway's. The modules below read their own part through a
 * type of their own (`StoreEnv` in platform/db.ts, `CallerTokenEnv` in
 * auth/config.ts, …), which `Env` fills.
 */

/**
 * Each subgraph's variables, named in its registry entry (subgraphs/registry.ts):
 * the port it listens on (POLICE_PORT=4001, ...), where the gateway finds it
 * when it runs elsewhere (POLICE_URL; unset, that port on localhost), and its
 * own database (POLICE_DATABASE_URL; unset, derived from DATABASE_URL, or
 * embedded under HUB_DATA_DIR).
 */
const subgraphVariables = Object.fromEntries(
  SUBGRAPH_NAMES.flatMap((name) => {
    const { port: listens, urlVariable, database } = SUBGRAPHS[name];
    return [
      [listens.variable, port.default(listens.default)],
      [urlVariable, optionalUrl],
      [database.variable, optionalUrl],
    ];
  }),
) as { [V in PortVariable]: ReturnType<typeof port.default> } & { [V in UrlVariable | DatabaseVariable]: typeof optionalUrl };

/**
 * The allow-list of caller-token algorithms. A shared-secret algorithm would
 * let anyone holding the verification key mint tokens (and is the door to the
 * classic confusion of signing HS256 with a public key); `none` is no
 * signature at all. Both are refused here, before the hub starts.
 */
const algorithmList = z
  .string()
  .default('EdDSA,ES256,RS256')
  .transform((value, ctx) => {
    const names = [...new Set(value.split(',').map((a) => a.trim()).filter(Boolean))];
    if (names.length === 0) ctx.addIssue({ code: 'custom', message: 'must name at least one signature algorithm, e.g. EdDSA,ES256,RS256' });
    for (const name of names) {
      if (/^HS\d+$/i.test(name)) {
        ctx.addIssue({ code: 'custom', message: `${name} is a shared-secret algorithm: whoever can verify such a token can forge one; list only public-key algorithms (${SIGNATURE_ALGORITHMS.join(', ')})` });
      } else if (name.toLowerCase() === 'none') {
        ctx.addIssue({ code: 'custom', message: 'none means unsigned tokens and is never accepted' });
      } else if (!(SIGNATURE_ALGORITHMS as readonly string[]).includes(name)) {
        ctx.addIssue({ code: 'custom', message: `${name} is not a supported signature algorithm (supported: ${SIGNATURE_ALGORITHMS.join(', ')})` });
      }
    }
    return names;
  });

const EnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  /** Unset, each entry point chooses: `info` for the hub's services, `warn` for the interactive `npm start`. */
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).optional(),
  HUB_HOST: z.string().min(1).default('127.0.0.1'),
  HUB_DATA_DIR: z.string().min(1).default('data'),
  HUB_CITY_CODE: z.string().regex(/^\d{6}$/, 'must be a 6-digit division code').default('510100'),
  HUB_CITY_NAME: z.string().min(1).default('成都市'),
  /**
   * Open tenancies per room above which a house is a suspected group rental
   * (群租): housing flags it on the house and in the registration's warnings.
   */
  GROUP_RENTAL_FACTOR: z.coerce.number({ error: 'must be a number' }).positive('must be more than 0').max(50, 'must be at most 50').default(1),
  /**
   * Base PostgreSQL URL: each subgraph's database without a URL of its own
   * (POLICE_DATABASE_URL, ..., AUDIT_DATABASE_URL: see subgraphVariables) is
   * the database named after it on this server (`test` -> `test_police`).
   */
  DATABASE_URL: optionalUrl,
  ...subgraphVariables,
  GATEWAY_PORT: port.default(4000),
  /**
   * Where a subgraph reaches the gateway when a write asks other departments
   * whether what it names exists (auth/reference-checks.ts); unset, the
   * gateway's port on this machine.
   */
  GATEWAY_URL: optionalUrl,
  /**
   * Gateway processes sharing GATEWAY_PORT (node:cluster): a number, or `auto`
   * for one per core. The gateway's work is CPU-bound JavaScript, so one
   * process uses one core; its audit store must then be PostgreSQL.
   */
  GATEWAY_WORKERS: z
    .union([z.literal('auto'), z.coerce.number().int().min(1).max(256)], { error: 'must be a whole number from 1 to 256, or auto' })
    .default(1),
  /**
   * A gateway worker that dies is replaced after GATEWAY_RESPAWN_BASE_MS, the
   * delay doubling with each death in a row of the worker in its place, up to
   * GATEWAY_RESPAWN_MAX_MS; a worker that has listened that long starts the
   * count over.
   */
  GATEWAY_RESPAWN_BASE_MS: z.coerce.number({ error: 'must be a number' }).int('must be a whole number of milliseconds').min(10, 'must be at least 10').max(600_000, 'must be at most 600000').default(1_000),
  GATEWAY_RESPAWN_MAX_MS: z.coerce.number({ error: 'must be a number' }).int('must be a whole number of milliseconds').min(10, 'must be at least 10').max(3_600_000, 'must be at most 3600000').default(60_000),
  /**
   * Group commit of the audit writers: a batch is committed when this many
   * events wait, or after AUDIT_BATCH_DELAY_MS, whichever comes first.
   */
  AUDIT_BATCH_MAX_EVENTS: z.coerce.number().int().min(1).max(5_000).default(500),
  AUDIT_BATCH_DELAY_MS: z.coerce.number().int().min(0).max(1_000).default(2),
  /**
   * How the audit store is reached by the processes that append to it (the subgraphs' and the
   * gateway's writers: a role in hub_audit_writer) and by the audit subgraph that reads it (a role
   * in hub_audit_reader). Both fall back to AUDIT_DATABASE_URL, which stays the owner's: only the
   * migration step needs it.
   */
  AUDIT_WRITER_DATABASE_URL: optionalUrl,
  AUDIT_READER_DATABASE_URL: optionalUrl,
  /** Seconds between signed checkpoints of every chain head (also taken when a chain ends, and at shutdown). */
  AUDIT_CHECKPOINT_INTERVAL_S: z.coerce.number().int().min(1).max(86_400).default(60),
  /**
   * Where checkpoints are appended (checkpoints.jsonl): outside the audit database, on storage its
   * owner cannot write. Default `$HUB_DATA_DIR/checkpoints`; required in production.
   */
  AUDIT_CHECKPOINT_DIR: optionalPath,
  /** The Ed25519 private key checkpoints are signed with (a private JWK or PEM PKCS#8); required in production. */
  AUDIT_CHECKPOINT_KEY_FILE: optionalPath,
  /**
   * The public half of the checkpoint key (a public JWK, JWKS or PEM SPKI), for processes that check
   * checkpoints and never sign one: the audit subgraph's auditVerification, npm run audit:verify.
   */
  AUDIT_CHECKPOINT_PUBLIC_KEY_FILE: optionalPath,
  /** The Ed25519 private key audit exports are signed with (a private JWK or PEM PKCS#8). */
  AUDIT_EXPORT_KEY_FILE: optionalPath,
  /**
   * The anomaly detector's settings (ANOMALY_*): how often it passes over the log, the baselines,
   * the floors and factor of its rules, working hours. Declared with their meanings and defaults in
   * audit/anomalies/rules.ts, and listed in docs/anomalies.md.
   */
  ...ANOMALY_ENV,
  /** The exchange store (partners, notices); without it, DATABASE_URL's server with the `_exchange` suffix, or embedded. */
  EXCHANGE_DATABASE_URL: optionalUrl,
  /**
   * The police database as the exchange's outbox relay reaches it (it reads and marks the
   * exchange_outbox table only: in production, a role granted that table alone); defaults to
   * the police database.
   */
  EXCHANGE_OUTBOX_DATABASE_URL: optionalUrl,
  /** The inbox partner cities deliver to, and where this city's public key is published. */
  EXCHANGE_INBOX_PORT: port.default(4007),
  /** This city's Ed25519 signing key for notices (a private JWK or PEM PKCS#8); made under HUB_DATA_DIR/keys in development. */
  EXCHANGE_SIGNING_KEY_FILE: optionalPath,
  /** How old, by its signing time, an arriving notice may be; older ones are refused as replays. */
  EXCHANGE_REPLAY_WINDOW_S: z.coerce.number().int().min(10).max(86_400).default(300),
  /** How often the delivery worker looks for new notices, in milliseconds. */
  EXCHANGE_POLL_MS: z.coerce.number().int().min(10).max(60_000).default(500),
  /** Notices per delivery request to one partner. */
  EXCHANGE_BATCH_SIZE: z.coerce.number().int().min(1).max(500).default(200),
  /** First retry delay after a failed delivery; doubled per attempt up to EXCHANGE_RETRY_MAX_MS. */
  EXCHANGE_RETRY_BASE_MS: z.coerce.number().int().min(10).max(600_000).default(1_000),
  EXCHANGE_RETRY_MAX_MS: z.coerce.number().int().min(100).max(86_400_000).default(600_000),
  /** After this many failed attempts a notice is marked failed and no longer holds up the partner's queue. */
  EXCHANGE_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(10_000).default(100),
  /** Run the delivery worker in this process (one or more per deployment; partners are leased, so several may run). */
  EXCHANGE_DELIVERY: z
    .enum(['true', 'false', '1', '0'])
    .default('true')
    .transform((v) => v === 'true' || v === '1'),
  /**
   * The NATS server events and alerts travel over (nats://host:4222, JetStream on). Unset,
   * they are handed over in memory: the whole hub in one process. Departments run as
   * separate processes need it (events/runtime.ts, docs/events.md).
   */
  EVENTS_NATS_URL: z
    .string()
    .trim()
    .transform((v) => (v === '' ? undefined : v))
    .pipe(
      z
        .string()
        .regex(/^(nats|tls):\/\/[^\s/]+(,(nats|tls):\/\/[^\s/]+)*$/, 'must be a nats:// or tls:// URL (several separated by commas), e.g. nats://127.0.0.1:4222')
        .optional(),
    )
    .optional(),
  /**
   * Put before this hub's stream, subject and consumer names on a NATS server
   * it shares with other hubs (`<prefix>_HUB_EVENTS`); letters, digits, _ and
   * - only. Empty by default.
   */
  EVENTS_NATS_PREFIX: z.string().trim().regex(/^[A-Za-z0-9_-]{0,32}$/, 'may hold up to 32 letters, digits, _ and -').default(''),
  /**
   * The Redis server every gateway worker and replica counts the rate limit
   * and the look-up cap in (redis://host:6379, rediss:// for TLS). Unset, each
   * gateway process counts in its own memory: with several, each allows the
   * configured rate (docs/operations.md).
   */
  REDIS_URL: z
    .string()
    .trim()
    .transform((v) => (v === '' ? undefined : v))
    .pipe(z.string().regex(/^rediss?:\/\/\S+$/, 'must be a redis:// or rediss:// URL, e.g. redis://127.0.0.1:6379').optional())
    .optional(),
  /** Put before every key this hub keeps in Redis, so hubs can share a server; letters, digits, _, - and : only. */
  REDIS_KEY_PREFIX: z.string().trim().regex(/^[A-Za-z0-9_:-]{0,64}$/, 'may hold up to 64 letters, digits, _, - and :').default('hub:'),
  /** Milliseconds between a relay's looks at its outbox; a commit in the same process wakes it at once. */
  EVENTS_POLL_MS: z.coerce.number({ error: 'must be a number' }).int('must be a whole number').min(10, 'must be at least 10').max(60_000, 'must be at most 60000').default(100),
  SEED_PERSONS: z.coerce.number().int().min(0).max(50_000_000).default(10_000),
  SEED_KEY: z.string().min(1).default('chengdu-demo'),
  /**
   * The day the seeded city is as of (YYYY-MM-DD): birth dates, tenancies and
   * jobs are laid out back from it. The day of seeding in China unless set;
   * the same key, size and day give the same city, so files written for one
   * (tests/fixtures/import/) name its residents.
   */
  SEED_AS_OF: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date as YYYY-MM-DD')
    .refine((day) => !Number.isNaN(Date.parse(`${day}T00:00:00Z`)) && new Date(`${day}T00:00:00Z`).toISOString().startsWith(day), 'must be a real date')
    .optional(),
  /** Seed an empty database on start (embedded mode default). */
  HUB_SEED_ON_START: z
    .enum(['true', 'false', '1', '0'])
    .default('true')
    .transform((v) => v === 'true' || v === '1'),
  HUB_MIGRATE_ON_START: z
    .enum(['true', 'false', '1', '0'])
    .default('true')
    .transform((v) => v === 'true' || v === '1'),
  /** The composed supergraph the gateway serves; defaults to the committed schema/supergraph.graphql. */
  SUPERGRAPH_PATH: z.string().min(1).optional(),
  SUBGRAPH_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
  /**
   * The gateway's circuit breaker per subgraph (gateway/breaker.ts): after BREAKER_FAILURES failed
   * calls in a row (timeouts, refused or dropped connections, 5xx) it stops calling the subgraph and
   * answers its fields SUBGRAPH_UNAVAILABLE at once; after BREAKER_COOLDOWN_MS it lets one call
   * through as a probe, and each failed probe doubles the wait up to BREAKER_MAX_COOLDOWN_MS.
   * BREAKER_FAILURES=0 switches breakers off.
   */
  BREAKER_FAILURES: z.coerce.number({ error: 'must be a number' }).int('must be a whole number').min(0, 'must be 0 (off) or more').max(1_000, 'must be at most 1000').default(DEFAULT_BREAKER.failures),
  BREAKER_COOLDOWN_MS: z.coerce.number({ error: 'must be a number' }).int('must be a whole number of milliseconds').min(100, 'must be at least 100').max(3_600_000, 'must be at most 3600000').default(DEFAULT_BREAKER.cooldownMs),
  BREAKER_MAX_COOLDOWN_MS: z.coerce.number({ error: 'must be a number' }).int('must be a whole number of milliseconds').min(100, 'must be at least 100').max(3_600_000, 'must be at most 3600000').default(DEFAULT_BREAKER.maxCooldownMs),
  /**
   * How large an operation the gateway runs (see platform/operation-limits.ts and the
   * docs/limits.md); subgraphs allow twice the depth and tokens. The lower
   * bounds keep the hub's own queries possible.
   */
  GRAPHQL_MAX_DEPTH: z.coerce.number().int().min(8).max(100).default(DEFAULT_OPERATION_LIMITS.maxDepth),
  GRAPHQL_MAX_ALIASES: z.coerce.number().int().min(0).max(1_000).default(DEFAULT_OPERATION_LIMITS.maxAliases),
  GRAPHQL_MAX_DIRECTIVES: z.coerce.number().int().min(0).max(1_000).default(DEFAULT_OPERATION_LIMITS.maxDirectives),
  GRAPHQL_MAX_TOKENS: z.coerce.number().int().min(200).max(100_000).default(DEFAULT_OPERATION_LIMITS.maxTokens),
  GRAPHQL_MAX_COST: z.coerce.number().int().min(500_000).max(1_000_000_000).default(DEFAULT_OPERATION_LIMITS.maxCost),
  /**
   * How long opening a connection to a PostgreSQL database may take. A
   * database that is down or unreachable then fails the requests touching it
   * within this bound instead of holding them until TCP gives up.
   */
  DB_CONNECT_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(5_000),
  /**
   * Connections a process opens at most to each PostgreSQL database it uses
   * (its department's, the audit store, …). Size the servers' max_connections
   * for the sum over every process and replica.
   */
  DATABASE_POOL_MAX: z.coerce.number({ error: 'must be a number' }).int('must be a whole number').min(1, 'must be at least 1').max(1_000, 'must be at most 1000').default(DEFAULT_POOL_MAX),
  /**
   * Requests one caller (a token subject within its department) may send per
   * RATE_LIMIT_WINDOW_S seconds through the gateway; 0 turns the limit off.
   */
  RATE_LIMIT_POINTS: z.coerce.number().int().min(0).max(1_000_000).default(100),
  RATE_LIMIT_WINDOW_S: z.coerce.number().int().min(1).max(3_600).default(1),
  /**
   * Requests a caller may send above the steady rate, taken from an allowance
   * refilled every RATE_LIMIT_BURST_WINDOW_S seconds: a system catching up
   * after a pause is not refused at once.
   */
  RATE_LIMIT_BURST: z.coerce.number().int().min(0).max(1_000_000).default(200),
  RATE_LIMIT_BURST_WINDOW_S: z.coerce.number().int().min(1).max(86_400).default(10),
  /**
   * Requests refused before execution (no or bad token, a purpose the caller
   * may not declare, limits) are tallied per source, reason and window of
   * REFUSAL_WINDOW_S seconds: the first is recorded, the rest written as one
   * `refusals` event with their count when the window closes (0: every one
   * recorded). A source earning REFUSAL_THROTTLE refusals in a window is
   * answered 429 at once for the rest of it (0: never). At most
   * REFUSAL_MAX_KEYS tallies are held; past that, one per reason.
   */
  REFUSAL_WINDOW_S: z.coerce.number().int().min(0).max(3_600).default(60),
  REFUSAL_THROTTLE: z.coerce.number().int().min(0).max(1_000_000).default(100),
  REFUSAL_MAX_KEYS: z.coerce.number().int().min(1).max(1_000_000).default(10_000),
  /**
   * Look-ups by full identity number (`personByIdNumber`, the exchange's
   * `idNumber` filters) one principal may make per hour when it reads numbers
   * only masked: each one tests a guess at a masked number. Those past it are
   * refused with 429 and recorded as LOOKUP_CAP. Principals who read numbers
   * in full are not counted.
   */
  LOOKUP_CAP_PER_HOUR: z.coerce.number().int().min(1).max(1_000_000).default(60),
  /**
   * Look-ups by full identity number one principal's imports may make per hour
   * (docs/import.md): each row of a legacy file naming a resident by number and
   * name is one. Counted apart from LOOKUP_CAP_PER_HOUR; set it to the rows of
   * the largest file a department loads in an hour.
   */
  IMPORT_LOOKUP_CAP_PER_HOUR: z.coerce.number().int().min(1).max(100_000_000).default(DEFAULT_IMPORT_LOOKUPS),
  /**
   * Days a tenant has to register a residence before the grid is asked to
   * visit (the alert rule task.unregistered-tenant, docs/alerts.md).
   */
  ALERT_UNREGISTERED_TENANT_DAYS: z.coerce.number({ error: 'must be a number' }).int('must be a whole number of days').min(1, 'must be at least 1').max(90, 'must be at most 90').default(7),
  /**
   * Seconds between the police's periodic passes over the alert rules that
   * run on their own (permits about to expire, tenants' residence checks
   * falling due); 0 runs none. Each pass is idempotent.
   */
  ALERT_PASS_SECONDS: z.coerce.number({ error: 'must be a number' }).int('must be a whole number of seconds').min(0, 'must not be negative').max(86_400, 'must be at most 86400').default(3_600),
  /**
   * How long a department system's webhook endpoint may take to answer one
   * alert before the attempt counts as failed and is retried.
   */
  WEBHOOK_TIMEOUT_MS: z.coerce.number({ error: 'must be a number' }).int('must be a whole number of milliseconds').min(100, 'must be at least 100').max(120_000, 'must be at most 120000').default(5_000),
  /** The first retry's delay after a failed webhook delivery, doubled per attempt (with jitter) up to WEBHOOK_RETRY_MAX_MS; retries never end. */
  WEBHOOK_RETRY_BASE_MS: z.coerce.number({ error: 'must be a number' }).int('must be a whole number of milliseconds').min(10, 'must be at least 10').max(600_000, 'must be at most 600000').default(1_000),
  WEBHOOK_RETRY_MAX_MS: z.coerce.number({ error: 'must be a number' }).int('must be a whole number of milliseconds').min(10, 'must be at least 10').max(86_400_000, 'must be at most 86400000').default(300_000),
  /** How often the webhook worker looks for due deliveries besides being woken by a new alert. */
  WEBHOOK_POLL_MS: z.coerce.number({ error: 'must be a number' }).int('must be a whole number of milliseconds').min(10, 'must be at least 10').max(60_000, 'must be at most 60000').default(500),
  /**
   * Where people reach the hub's pages: premises links (the QR codes printed at houses and workplaces)
   * point at `<HUB_PUBLIC_URL>/declare?p=<link>`. Unset, the gateway's own address.
   */
  HUB_PUBLIC_URL: optionalUrl,
  /** The Ed25519 private key premises links are signed with (a private JWK or PEM PKCS#8); made under HUB_DATA_DIR/keys in development, required in production. */
  PREMISES_LINK_KEY_FILE: optionalPath,
  /** Days a premises link holds unless its issuer asks for fewer or more (up to 730). */
  PREMISES_LINK_DAYS: z.coerce.number({ error: 'must be a number' }).int('must be a whole number of days').min(1, 'must be at least 1').max(730, 'must be at most 730').default(180),
  /** Declarations one declarant (a token subject) may submit per minute; 0 turns the limit off. */
  DECLARATIONS_PER_DECLARANT_PER_MINUTE: z.coerce.number({ error: 'must be a number' }).int('must be a whole number').min(0, 'must not be negative').max(100_000, 'must be at most 100000').default(30),
  /** Declarations one premises (a house or a workplace) may receive per hour; 0 turns the limit off. */
  DECLARATIONS_PER_PREMISES_PER_HOUR: z.coerce.number({ error: 'must be a number' }).int('must be a whole number').min(0, 'must not be negative').max(1_000_000, 'must be at most 1000000').default(600),
  /** On SIGTERM, how long requests in flight may take to finish before their connections are closed. */
  SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).max(600_000).default(10_000),
  /**
   * OpenTelemetry tracing: `true` or `false`; unset, tracing is on exactly when
   * OTEL_EXPORTER_OTLP_ENDPOINT is set. Off, no tracing SDK is even loaded.
   */
  HUB_TRACING: z
    .enum(['true', 'false', '1', '0'])
    .optional()
    .transform((v) => (v === undefined ? undefined : v === 'true' || v === '1')),
  /** The OTLP/HTTP collector spans are sent to (`/v1/traces` is appended); default http://localhost:4318. */
  OTEL_EXPORTER_OTLP_ENDPOINT: optionalUrl,
  /** The service name spans carry; each entry point names itself otherwise. */
  OTEL_SERVICE_NAME: z.string().trim().min(1).optional(),
  /** Where the gateway fetches the identity provider's public keys (JWKS over HTTPS). */
  AUTH_JWKS_URL: optionalUrl,
  /** Or a JWKS file holding them. Without either, development trusts the local development issuer. */
  AUTH_JWKS_FILE: optionalPath,
  AUTH_ALGORITHMS: algorithmList,
  /** The `iss` caller tokens must carry. */
  AUTH_ISSUER: z.string().trim().min(1).default(DEV_ISSUER),
  /** The `aud` caller tokens must carry. */
  AUTH_AUDIENCE: z.string().trim().min(1).default(HUB_AUDIENCE),
  AUTH_CLOCK_TOLERANCE_S: z.coerce.number().int().min(0).max(300).default(30),
  /** How long keys fetched from AUTH_JWKS_URL are used before the provider is asked again (a token naming an unknown key asks at once). */
  AUTH_JWKS_CACHE_S: z.coerce.number().int().min(1).max(86_400).default(600),
  /** Lifetime of a token the gateway signs for a subgraph; it covers one call, so a few seconds. */
  INTERNAL_TOKEN_TTL_S: z.coerce.number().int().min(1).max(MAX_INTERNAL_TOKEN_TTL_S).default(DEFAULT_INTERNAL_TOKEN_TTL_S),
  /** The gateway's private key for internal tokens (a private JWK or PEM PKCS#8 Ed25519 key). */
  INTERNAL_TOKEN_PRIVATE_KEY_FILE: optionalPath,
  /** What subgraphs verify internal tokens with (a JWKS, a public JWK or PEM SPKI Ed25519 key). */
  INTERNAL_TOKEN_PUBLIC_KEY_FILE: optionalPath,
}).superRefine((value, ctx) => {
  if (value.AUTH_JWKS_URL && value.AUTH_JWKS_FILE) {
    ctx.addIssue({ code: 'custom', path: ['AUTH_JWKS_FILE'], message: 'set AUTH_JWKS_URL or AUTH_JWKS_FILE, not both' });
  }
  if (value.GATEWAY_RESPAWN_MAX_MS < value.GATEWAY_RESPAWN_BASE_MS) {
    ctx.addIssue({ code: 'custom', path: ['GATEWAY_RESPAWN_MAX_MS'], message: `must be at least GATEWAY_RESPAWN_BASE_MS (${value.GATEWAY_RESPAWN_BASE_MS})` });
  }
  if (value.BREAKER_MAX_COOLDOWN_MS < value.BREAKER_COOLDOWN_MS) {
    ctx.addIssue({ code: 'custom', path: ['BREAKER_MAX_COOLDOWN_MS'], message: `must be at least BREAKER_COOLDOWN_MS (${value.BREAKER_COOLDOWN_MS})` });
  }
  if (value.WEBHOOK_RETRY_MAX_MS < value.WEBHOOK_RETRY_BASE_MS) {
    ctx.addIssue({ code: 'custom', path: ['WEBHOOK_RETRY_MAX_MS'], message: `must be at least WEBHOOK_RETRY_BASE_MS (${value.WEBHOOK_RETRY_BASE_MS})` });
  }
});

export type Env = z.infer<typeof EnvSchema>;

export function parseEnv(source: Record<string, string | undefined> = process.env): Env {
  const result = EnvSchema.safeParse(source);
  if (!result.success) {
    const issue = result.error.issues[0];
    const name = issue?.path.join('.') ?? 'environment';
    const value = typeof issue?.path[0] === 'string' ? source[issue.path[0]] : undefined;
    throw new EnvError(
      `Invalid environment variable ${name}${value === undefined ? '' : `=${JSON.stringify(value)}`}: ${issue?.message ?? 'invalid'}`,
    );
  }
  return result.data;
}

let cached: Env | undefined;

/** The process environment, validated once; exits with one clear line on a bad value. */
export function env(): Env {
  if (cached) return cached;
  try {
    cached = parseEnv();
    // Every logger of the process, those made inside libraries of the hub included, follows LOG_LEVEL once it is read.
    configureLogging({ level: cached.LOG_LEVEL });
    return cached;
  } catch (error) {
    if (error instanceof EnvError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
}

/** The alert webhooks' delivery settings (alerts/webhooks.ts). */
export const webhookSettingsOf = (e: Env): WebhookSettings => ({
  timeoutMs: e.WEBHOOK_TIMEOUT_MS,
  retryBaseMs: e.WEBHOOK_RETRY_BASE_MS,
  retryMaxMs: e.WEBHOOK_RETRY_MAX_MS,
  pollMs: e.WEBHOOK_POLL_MS,
});

export const operationLimitsOf = (e: Env): OperationLimits => ({
  maxDepth: e.GRAPHQL_MAX_DEPTH,
  maxAliases: e.GRAPHQL_MAX_ALIASES,
  maxDirectives: e.GRAPHQL_MAX_DIRECTIVES,
  maxTokens: e.GRAPHQL_MAX_TOKENS,
  maxCost: e.GRAPHQL_MAX_COST,
});

/** The port a subgraph listens on. */
export const subgraphPort = (e: Env, name: SubgraphName): number => e[SUBGRAPHS[name].port.variable];

/** Where a subgraph reaches the gateway: GATEWAY_URL, else its port on this machine. */
export const gatewayUrl = (e: Env): string => e.GATEWAY_URL ?? `http://${connectHost(e.HUB_HOST)}:${e.GATEWAY_PORT}/graphql`;

/** Where the gateway reaches a subgraph: its URL variable, else its port on this machine. */
export const subgraphUrl = (e: Env, name: SubgraphName): string =>
  e[SUBGRAPHS[name].urlVariable] ?? `http://${connectHost(e.HUB_HOST)}:${subgraphPort(e, name)}/graphql`;
