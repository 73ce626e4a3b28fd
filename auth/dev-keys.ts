import { randomBytes } from 'node:crypto';
import { chmod, link, mkdir, readFile, rename, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { calculateJwkThumbprint, exportJWK, generateKeyPair, type JWK } from 'jose';

/**
 * Keys for running the hub on one machine with no identity provider: the
 * development issuer's key pair (what `npm run token` signs caller tokens
 * with) and the gateway's internal-token key pair. They are created once
 * under `<data dir>/keys/` and reused, so tokens minted yesterday still verify
 * after a restart. Production never comes here: it names its keys.
 */
export interface DevKeyFiles {
  dir: string;
  /** The development issuer's private JWK (with `kid`); mode 0600. */
  issuerPrivateKeyFile: string;
  /** The development issuer's public JWKS, what the gateway trusts in development. */
  issuerJwksFile: string;
  /** The gateway's private JWK for internal tokens; mode 0600. */
  internalPrivateKeyFile: string;
  /** The internal-token public JWKS every subgraph verifies with. */
  internalPublicKeyFile: string;
}

export function devKeyFiles(dataDir: string): DevKeyFiles {
  const dir = path.resolve(dataDir, 'keys');
  const issuer = keyPairFiles(dir, 'dev-issuer', 'jwks');
  const internal = keyPairFiles(dir, 'gateway-internal', 'jwks');
  return {
    dir,
    issuerPrivateKeyFile: issuer.privateKeyFile,
    issuerJwksFile: issuer.publicKeyFile,
    internalPrivateKeyFile: internal.privateKeyFile,
    internalPublicKeyFile: internal.publicKeyFile,
  };
}

/** Creates any missing development key under `<dataDir>/keys/`; never replaces one that exists. */
export async function ensureDevKeys(dataDir: string): Promise<DevKeyFiles> {
  const files = devKeyFiles(dataDir);
  await mkdir(files.dir, { recursive: true, mode: 0o700 });
  await ensureKeyPair(files.issuerPrivateKeyFile, files.issuerJwksFile);
  await ensureKeyPair(files.internalPrivateKeyFile, files.internalPublicKeyFile);
  return files;
}

/**
 * The key audit exports are signed with in development, made on first
 * export: the private JWK (mode 0600) and its public JWK, which is what an
 * auditor verifies an export with, offline.
 */
export function ensureAuditExportKey(dataDir: string): Promise<{ privateKeyFile: string; publicKeyFile: string }> {
  return ensureNamedKey(dataDir, 'audit-export');
}

/**
 * The key audit checkpoints are signed with in development, made on first
 * start: kept in the data folder, never in the audit database, so whoever
 * owns that database cannot re-sign a rewritten chain.
 */
export function ensureAuditCheckpointKey(dataDir: string): Promise<{ privateKeyFile: string; publicKeyFile: string }> {
  return ensureNamedKey(dataDir, 'audit-checkpoint');
}

/**
 * This city's exchange signing key in development, made on first start:
 * what its notices to partner cities are signed with. The public JWK is what
 * a partner registers.
 */
export function ensureExchangeCityKey(dataDir: string): Promise<{ privateKeyFile: string; publicKeyFile: string }> {
  return ensureNamedKey(dataDir, 'exchange-city');
}

/**
 * The key premises links (the QR codes printed at houses and workplaces) are
 * signed with in development, made on first start.
 */
export function ensurePremisesLinkKey(dataDir: string): Promise<{ privateKeyFile: string; publicKeyFile: string }> {
  return ensureNamedKey(dataDir, 'premises-link');
}

async function ensureNamedKey(dataDir: string, name: string): Promise<{ privateKeyFile: string; publicKeyFile: string }> {
  const dir = path.resolve(dataDir, 'keys');
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const files = keyPairFiles(dir, name, 'jwk');
  await ensureKeyPair(files.privateKeyFile, files.publicKeyFile, 'jwk');
  return files;
}

/** Where a key pair named `name` lies in `dir`: the names development keys and `npm run keys` both use. */
export function keyPairFiles(dir: string, name: string, form: 'jwks' | 'jwk'): { privateKeyFile: string; publicKeyFile: string } {
  return { privateKeyFile: path.join(dir, `${name}.private.jwk.json`), publicKeyFile: path.join(dir, form === 'jwks' ? `${name}.jwks.json` : `${name}.public.jwk.json`) };
}

/** A key pair file that is already there: keys are never replaced, since what they signed would no longer verify. */
export class KeyFileExists extends Error {
  constructor(readonly file: string) {
    super(`${file} already exists; keys are never overwritten (move it away first to replace it)`);
  }
}

/**
 * Makes a new Ed25519 key pair into `privateFile` (a private JWK with its
 * `kid`, mode 0600) and `publicFile` (its public half as a JWK or JWKS, mode
 * 0644), refusing with KeyFileExists when either file is there.
 */
export async function createKeyPair(privateFile: string, publicFile: string, form: 'jwks' | 'jwk'): Promise<void> {
  for (const file of [privateFile, publicFile]) {
    if (await readFile(file).then(() => true, () => false)) throw new KeyFileExists(file);
  }
  const jwk = await newPrivateJwk();
  const { d: _d, ...publicJwk } = jwk;
  for (const [file, text, mode] of [
    [privateFile, `${JSON.stringify(jwk, null, 2)}\n`, 0o600],
    [publicFile, `${JSON.stringify(form === 'jwks' ? { keys: [publicJwk] } : publicJwk, null, 2)}\n`, 0o644],
  ] as const) {
    // 'wx' refuses a file made in the meantime; the mode is set again past the umask.
    await writeFile(file, text, { mode, flag: 'wx' }).catch((error: NodeJS.ErrnoException) => {
      throw error.code === 'EEXIST' ? new KeyFileExists(file) : error;
    });
    await chmod(file, mode);
  }
}

async function newPrivateJwk(): Promise<JWK> {
  const { privateKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
  const jwk = await exportJWK(privateKey);
  const kid = await calculateJwkThumbprint({ kty: jwk.kty, crv: jwk.crv, x: jwk.x });
  return { ...jwk, kid, alg: 'EdDSA', use: 'sig' };
}

async function ensureKeyPair(privateFile: string, publicFile: string, form: 'jwks' | 'jwk' = 'jwks'): Promise<void> {
  const privateJwk = await readPrivateJwk(privateFile);
  const { d: _d, ...publicJwk } = privateJwk;
  const text = `${JSON.stringify(form === 'jwks' ? { keys: [publicJwk] } : publicJwk, null, 2)}\n`;
  // The public file is derived from the private one, so a start interrupted
  // between the two writes, or a deleted public file, heals itself.
  const existing = await readFile(publicFile, 'utf8').catch(() => undefined);
  if (existing !== text) await writeAtomically(publicFile, text, 0o644);
}

async function readPrivateJwk(file: string): Promise<JWK> {
  const existing = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined;
    throw error;
  });
  if (existing !== undefined) return JSON.parse(existing) as JWK;

  const text = `${JSON.stringify(await newPrivateJwk(), null, 2)}\n`;
  // Two processes starting together (gateway and a subgraph) may both get
  // here; link() refuses to replace an existing file, so exactly one key wins
  // and the other process reads it.
  const temp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  await writeFile(temp, text, { mode: 0o600, flag: 'wx' });
  try {
    await link(temp, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    await unlink(temp).catch(() => undefined);
  }
  return JSON.parse(await readFile(file, 'utf8')) as JWK;
}

async function writeAtomically(file: string, text: string, mode: number): Promise<void> {
  const temp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  await writeFile(temp, text, { mode, flag: 'wx' });
  await chmod(temp, mode);
  await rename(temp, file);
}
