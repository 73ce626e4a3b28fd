import { createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import type { JWK } from 'jose';
import { readExportSigningKey } from '../audit/export.js';
import { ensureExchangeCityKey } from '../auth/dev-keys.js';
import { EnvError, isDevelopment, type DeploymentEnv } from '../platform/env.js';
import { publicKeyFingerprint, SIGNATURE_ALG, type CityIdentity } from './signing.js';

/** This city's identity from a file holding its Ed25519 private key (a private JWK or PEM PKCS#8). */
export async function readCityIdentity(code: string, name: string, file: string): Promise<CityIdentity> {
  const { privateKey } = await readExportSigningKey(file);
  return identityOf(code, name, privateKey);
}

/** This city's identity from its private key. */
export async function identityOf(code: string, name: string, privateKey: KeyObject): Promise<CityIdentity> {
  const { kty, crv, x } = createPublicKey(privateKey).export({ format: 'jwk' }) as JWK;
  const fingerprint = await publicKeyFingerprint({ kty, crv, x });
  return {
    code,
    name,
    signingKey: { key: privateKey, alg: SIGNATURE_ALG, kid: fingerprint },
    publicJwk: { kty, crv, x, kid: fingerprint, alg: SIGNATURE_ALG, use: 'sig' },
    fingerprint,
  };
}

/**
 * The key this city signs its notices with: EXCHANGE_SIGNING_KEY_FILE, or in
 * development a key pair made on first start under the data folder's keys/
 * (never committed, never made in production).
 */
export async function cityIdentityFromEnv(env: DeploymentEnv & { HUB_CITY_CODE: string; HUB_CITY_NAME: string; EXCHANGE_SIGNING_KEY_FILE?: string | undefined }): Promise<CityIdentity> {
  let file = env.EXCHANGE_SIGNING_KEY_FILE;
  if (!file) {
    if (!isDevelopment(env)) throw new EnvError('EXCHANGE_SIGNING_KEY_FILE is required in production: the Ed25519 key this city signs its notices to partner cities with');
    ({ privateKeyFile: file } = await ensureExchangeCityKey(env.HUB_DATA_DIR));
  }
  try {
    return await readCityIdentity(env.HUB_CITY_CODE, env.HUB_CITY_NAME, file);
  } catch (error) {
    throw new EnvError(`Invalid environment variable EXCHANGE_SIGNING_KEY_FILE=${JSON.stringify(file)}: ${(error as Error).message}`);
  }
}

/** A fresh identity with a key held in memory only: for tests, benchmarks and the local two-city demo. */
export function generateCityIdentity(code: string, name: string): Promise<CityIdentity> {
  return identityOf(code, name, generateKeyPairSync('ed25519').privateKey);
}
