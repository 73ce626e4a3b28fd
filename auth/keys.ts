import { readFile } from 'node:fs/promises';
import {
  createLocalJWKSet,
  importJWK,
  importPKCS8,
  importSPKI,
  type CryptoKey,
  type JSONWebKeySet,
  type JWK,
  type JWTVerifyGetKey,
  type KeyObject,
} from 'jose';

/** A public key, or a key set that picks one by the token's `kid` and `alg`. */
export type VerificationKey = CryptoKey | KeyObject | JWTVerifyGetKey;

/** A private key and what goes into the protected header of what it signs. */
export interface SigningKey {
  key: CryptoKey | KeyObject;
  alg: string;
  kid?: string;
}

const isJwks = (value: unknown): value is JSONWebKeySet =>
  typeof value === 'object' && value !== null && Array.isArray((value as { keys?: unknown }).keys);

/** Thrown with a reason fit for a one-line configuration error. */
export class KeyFileError extends Error {}

async function readText(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new KeyFileError(code === 'ENOENT' ? 'file does not exist' : `file cannot be read (${code ?? 'error'})`);
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new KeyFileError('file is neither a PEM key nor JSON (a JWK or a JWKS)');
  }
}

/**
 * A public key from a file: a JWKS (`{"keys": [...]}`), one public JWK, or a
 * PEM SubjectPublicKeyInfo. A key set lets a signer rotate keys without a
 * restart of everyone who verifies.
 */
export async function readVerificationKey(file: string, alg: string): Promise<VerificationKey> {
  const text = await readText(file);
  try {
    if (text.trimStart().startsWith('-----BEGIN')) return await importSPKI(text, alg);
    const json = parseJson(text);
    if (isJwks(json)) return createLocalJWKSet(json);
    const jwk = json as JWK;
    if (jwk.d !== undefined) throw new KeyFileError('file holds a private key; give the public key');
    return (await importJWK(jwk, jwk.alg ?? alg)) as CryptoKey;
  } catch (error) {
    if (error instanceof KeyFileError) throw error;
    throw new KeyFileError(`file does not hold a usable ${alg} public key (${(error as Error).message})`);
  }
}

/** A key set from a JWKS file (a single JWK is taken as a set of one). */
export async function readJwksFile(file: string): Promise<JWTVerifyGetKey> {
  const json = parseJson(await readText(file));
  try {
    return createLocalJWKSet(isJwks(json) ? json : { keys: [json as JWK] });
  } catch (error) {
    throw new KeyFileError(`file is not a valid JWKS (${(error as Error).message})`);
  }
}

/** A private key from a file: a private JWK (its `kid` is kept) or a PEM PKCS#8 key. */
export async function readSigningKey(file: string, alg: string): Promise<SigningKey> {
  const text = await readText(file);
  try {
    if (text.trimStart().startsWith('-----BEGIN')) return { key: await importPKCS8(text, alg), alg };
    const jwk = parseJson(text) as JWK;
    if (jwk.d === undefined) throw new KeyFileError('file holds no private key (the JWK has no "d")');
    const key = (await importJWK(jwk, jwk.alg ?? alg)) as CryptoKey;
    return { key, alg: jwk.alg ?? alg, ...(jwk.kid ? { kid: jwk.kid } : {}) };
  } catch (error) {
    if (error instanceof KeyFileError) throw error;
    throw new KeyFileError(`file does not hold a usable ${alg} private key (${(error as Error).message})`);
  }
}
