import { createLocalJWKSet, createRemoteJWKSet, type JWTVerifyGetKey } from 'jose';
import { EnvError, isDevelopment, type DeploymentEnv } from '../platform/env.js';
import { DEV_ISSUER, type CallerTokenSettings } from './caller.js';
import { ensureDevKeys, ensurePremisesLinkKey } from './dev-keys.js';
import { KeyFileError, readJwksFile, readSigningKey, readVerificationKey, type SigningKey, type VerificationKey } from './keys.js';

/**
 * Turns the key settings of the environment into keys. In development a
 * missing setting falls back to the keys generated under HUB_DATA_DIR; in
 * production it stops the process with one line, and nothing is generated.
 */

/** The variables the caller-token settings are read from (hub/env.ts checks each one's form). */
export interface CallerTokenEnv extends DeploymentEnv {
  AUTH_ALGORITHMS: readonly string[];
  AUTH_ISSUER: string;
  AUTH_AUDIENCE: string;
  AUTH_CLOCK_TOLERANCE_S: number;
  AUTH_JWKS_URL?: string | undefined;
  AUTH_JWKS_CACHE_S: number;
  AUTH_JWKS_FILE?: string | undefined;
}

/** The variables naming the internal-token key files. */
export interface InternalKeyEnv extends DeploymentEnv {
  INTERNAL_TOKEN_PRIVATE_KEY_FILE?: string | undefined;
  INTERNAL_TOKEN_PUBLIC_KEY_FILE?: string | undefined;
}

function keyFileError(variable: string, file: string, error: unknown): never {
  if (error instanceof KeyFileError) throw new EnvError(`Invalid environment variable ${variable}=${JSON.stringify(file)}: ${error.message}`);
  throw error;
}

function required(variable: string, why: string): never {
  throw new EnvError(`${variable} is required in production: ${why}`);
}

/** How the gateway verifies caller tokens. */
export async function callerTokenSettingsFromEnv(env: CallerTokenEnv): Promise<CallerTokenSettings> {
  const common = {
    algorithms: env.AUTH_ALGORITHMS,
    issuer: env.AUTH_ISSUER,
    audience: env.AUTH_AUDIENCE,
    clockToleranceSeconds: env.AUTH_CLOCK_TOLERANCE_S,
  };
  if (!isDevelopment(env) && env.AUTH_ISSUER === DEV_ISSUER) {
    required('AUTH_ISSUER', "the issuer (iss) of your identity provider's tokens; the development issuer is never trusted in production");
  }
  if (env.AUTH_JWKS_URL) {
    const url = new URL(env.AUTH_JWKS_URL);
    const loopback = ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
    if (!isDevelopment(env) && url.protocol !== 'https:' && !loopback) {
      throw new EnvError(`Invalid environment variable AUTH_JWKS_URL=${JSON.stringify(env.AUTH_JWKS_URL)}: must be https in production, or whoever sits on the path chooses the keys`);
    }
    // Keys are cached and refetched when a token names an unknown kid, so the provider can rotate keys.
    return { ...common, keys: providerKeys(createRemoteJWKSet(url, { timeoutDuration: 5_000, cooldownDuration: 30_000, cacheMaxAge: env.AUTH_JWKS_CACHE_S * 1_000 })) };
  }
  if (env.AUTH_JWKS_FILE) {
    const file = env.AUTH_JWKS_FILE;
    return { ...common, keys: await readJwksFile(file).catch((error: unknown) => keyFileError('AUTH_JWKS_FILE', file, error)) };
  }
  if (!isDevelopment(env)) required('AUTH_JWKS_URL (or AUTH_JWKS_FILE)', "the gateway verifies callers with your identity provider's public keys");
  const dev = await ensureDevKeys(env.HUB_DATA_DIR);
  return { ...common, keys: await readJwksFile(dev.issuerJwksFile) };
}

/** The key the gateway signs internal tokens with. */
export async function internalSigningKeyFromEnv(env: InternalKeyEnv): Promise<SigningKey> {
  let file = env.INTERNAL_TOKEN_PRIVATE_KEY_FILE;
  if (!file) {
    if (!isDevelopment(env)) required('INTERNAL_TOKEN_PRIVATE_KEY_FILE', 'the Ed25519 key the gateway signs internal tokens for the subgraphs with');
    file = (await ensureDevKeys(env.HUB_DATA_DIR)).internalPrivateKeyFile;
  }
  const path = file;
  return readSigningKey(path, 'EdDSA').catch((error: unknown) => keyFileError('INTERNAL_TOKEN_PRIVATE_KEY_FILE', path, error));
}

/** What reading the premises-link key needs of the environment. */
export interface PremisesLinkKeyEnv extends DeploymentEnv {
  PREMISES_LINK_KEY_FILE?: string | undefined;
}

/** The key premises links are signed with: the file PREMISES_LINK_KEY_FILE names, or in development one made in the data folder. */
export async function premisesLinkKeyFromEnv(env: PremisesLinkKeyEnv): Promise<SigningKey> {
  let file = env.PREMISES_LINK_KEY_FILE;
  if (!file) {
    if (!isDevelopment(env)) required('PREMISES_LINK_KEY_FILE', 'the Ed25519 key the QR codes of premises links are signed with');
    file = (await ensurePremisesLinkKey(env.HUB_DATA_DIR)).privateKeyFile;
  }
  const path = file;
  return readSigningKey(path, 'EdDSA').catch((error: unknown) => keyFileError('PREMISES_LINK_KEY_FILE', path, error));
}

/** The key a subgraph verifies internal tokens with. */
export async function internalVerificationKeyFromEnv(env: InternalKeyEnv): Promise<VerificationKey> {
  let file = env.INTERNAL_TOKEN_PUBLIC_KEY_FILE;
  if (!file) {
    if (!isDevelopment(env)) required('INTERNAL_TOKEN_PUBLIC_KEY_FILE', "the gateway's public key; a subgraph answers only requests the gateway signed");
    file = (await ensureDevKeys(env.HUB_DATA_DIR)).internalPublicKeyFile;
  }
  const path = file;
  return readVerificationKey(path, 'EdDSA').catch((error: unknown) => keyFileError('INTERNAL_TOKEN_PUBLIC_KEY_FILE', path, error));
}

/** What jose says when the set it holds simply has no key for the token: the caller's matter, not the provider's absence. */
const KEY_SET_ANSWERS = new Set(['ERR_JWKS_NO_MATCHING_KEY', 'ERR_JWKS_MULTIPLE_MATCHING_KEYS']);

/**
 * The identity provider's keys, as `remote` fetches and caches them, and
 * the keys it last gave while it does not answer: once the cache is older than
 * AUTH_JWKS_CACHE_S, jose asks the provider again and fails if it cannot, so
 * every gateway worker and replica would start refusing every caller at its
 * own moment of the outage, one after another. A token naming a key the
 * provider never gave still cannot be verified meanwhile (the hub's 503).
 */
export function providerKeys(remote: ReturnType<typeof createRemoteJWKSet>): JWTVerifyGetKey {
  return async (header, token) => {
    try {
      return await remote(header, token);
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      const last = remote.jwks();
      if ((typeof code === 'string' && KEY_SET_ANSWERS.has(code)) || !last) throw error;
      try {
        return await createLocalJWKSet(last)(header, token);
      } catch {
        throw error;
      }
    }
  };
}
