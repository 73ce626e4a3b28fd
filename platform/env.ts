import { z } from 'zod';
import { DEV_ISSUER, HUB_AUDIENCE } from '../auth/caller.js';

/**
 * The hub's whole configuration, read from the environment in one place.
 * A bad value stops the process with one line naming the variable, so a
 * misconfigured deployment never starts half-working.
 */

const port = z.coerce.number().int().min(0).max(65535);
const optionalUrl = z
  .string()
  .trim()
  .transform((v) => (v === '' ? undefined : v))
  .pipe(z.url().optional())
  .optional();
const optionalPath = z
  .string()
  .trim()
  .transform((v) => (v === '' ? undefined : v))
  .optional();

/** Public-key signature algorithms jose verifies; what a caller token may be signed with. */
export const SIGNATURE_ALGORITHMS = ['EdDSA', 'Ed25519', 'ES256', 'ES384', 'ES512', 'RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512'] as const;

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
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  HUB_HOST: z.string().min(1).default('127.0.0.1'),
  HUB_DATA_DIR: z.string().min(1).default('data'),
  HUB_CITY_CODE: z.string().regex(/^\d{6}$/, 'must be a 6-digit division code').default('510100'),
  HUB_CITY_NAME: z.string().min(1).default('成都市'),
  /** Base PostgreSQL URL; each department gets its own database derived from it. */
  DATABASE_URL: optionalUrl,
  POLICE_DATABASE_URL: optionalUrl,
  HOUSING_DATABASE_URL: optionalUrl,
  LABOUR_DATABASE_URL: optionalUrl,
  HEALTH_DATABASE_URL: optionalUrl,
  /** The hub's audit store; without it, DATABASE_URL's server with the `_audit` suffix, or embedded. */
  AUDIT_DATABASE_URL: optionalUrl,
  GATEWAY_PORT: port.default(4000),
  /**
   * Gateway processes sharing GATEWAY_PORT (node:cluster): a number, or `auto`
   * for one per core. The gateway's work is CPU-bound JavaScript, so one
   * process uses one core; its audit store must then be PostgreSQL.
   */
  GATEWAY_WORKERS: z
    .union([z.literal('auto'), z.coerce.number().int().min(1).max(256)], { error: 'must be a whole number from 1 to 256, or auto' })
    .default(1),
  POLICE_PORT: port.default(4001),
  HOUSING_PORT: port.default(4002),
  LABOUR_PORT: port.default(4003),
  HEALTH_PORT: port.default(4004),
  AUDIT_PORT: port.default(4005),
  /** Where the gateway finds each subgraph; defaults to the local ports above. */
  POLICE_URL: optionalUrl,
  HOUSING_URL: optionalUrl,
  LABOUR_URL: optionalUrl,
  HEALTH_URL: optionalUrl,
  AUDIT_URL: optionalUrl,
  /**
   * Group commit of the audit writers: a batch is committed when this many
   * events wait, or after AUDIT_BATCH_DELAY_MS, whichever comes first.
   */
  AUDIT_BATCH_MAX_EVENTS: z.coerce.number().int().min(1).max(5_000).default(500),
  AUDIT_BATCH_DELAY_MS: z.coerce.number().int().min(0).max(1_000).default(2),
  /** The Ed25519 private key audit exports are signed with (a private JWK or PEM PKCS#8). */
  AUDIT_EXPORT_KEY_FILE: optionalPath,
  SEED_PERSONS: z.coerce.number().int().min(0).max(50_000_000).default(10_000),
  SEED_KEY: z.string().min(1).default('chengdu-demo'),
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
  /** Lifetime of the token the gateway signs for subgraphs; it covers one request, so keep it short. */
  INTERNAL_TOKEN_TTL_S: z.coerce.number().int().min(5).max(600).default(60),
  /** The gateway's private key for internal tokens (a private JWK or PEM PKCS#8 Ed25519 key). */
  INTERNAL_TOKEN_PRIVATE_KEY_FILE: optionalPath,
  /** What subgraphs verify internal tokens with (a JWKS, a public JWK or PEM SPKI Ed25519 key). */
  INTERNAL_TOKEN_PUBLIC_KEY_FILE: optionalPath,
}).superRefine((value, ctx) => {
  if (value.AUTH_JWKS_URL && value.AUTH_JWKS_FILE) {
    ctx.addIssue({ code: 'custom', path: ['AUTH_JWKS_FILE'], message: 'set AUTH_JWKS_URL or AUTH_JWKS_FILE, not both' });
  }
});

export type Env = z.infer<typeof EnvSchema>;

export class EnvError extends Error {}

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

/**
 * For entry points: a configuration mistake found after the environment was
 * read (a database URL missing in production) still ends the process with one
 * line naming the variable, not a stack trace.
 */
export function exitOnConfigurationError(): void {
  process.on('uncaughtException', (error) => {
    process.stderr.write(error instanceof EnvError ? `${error.message}\n` : `${error.stack ?? String(error)}\n`);
    process.exit(1);
  });
}

/** The process environment, validated once; exits with one clear line on a bad value. */
export function env(): Env {
  if (cached) return cached;
  try {
    cached = parseEnv();
    return cached;
  } catch (error) {
    if (error instanceof EnvError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
}

export const isDevelopment = (e: Env): boolean => e.NODE_ENV !== 'production';
