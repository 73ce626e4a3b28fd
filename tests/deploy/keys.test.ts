import { execFile } from 'node:child_process';
import { createPublicKey, KeyObject } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { JWK } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkpointKeyFromEnv, checkpointPublicKey } from '../../audit/checkpoint.js';
import { exportKeyFromEnv, readExportPublicKey } from '../../audit/export.js';
import { internalSigningKeyFromEnv, premisesLinkKeyFromEnv, internalVerificationKeyFromEnv } from '../../auth/config.js';
import { keyPairFiles } from '../../auth/dev-keys.js';
import { cityIdentityFromEnv } from '../../exchange/identity.js';
import { parseEnv, type Env } from '../../hub/env.js';
import { DEPLOYMENT_KEYS, SMOKE_ISSUER } from '../../hub/keys.js';
import { fromRoot } from '../../platform/paths.js';

/*
 * `npm run keys -- --out DIR`, as an operator runs it before a first
 * deployment: every key the hub's processes need, under the names and modes
 * the operations page documents, each accepted by the very code that reads
 * its variable in production; and never a key replaced.
 */

const run = promisify(execFile);
const folders: string[] = [];
const keysCommand = (...args: string[]) => run(process.execPath, ['--import', 'tsx', fromRoot('scripts', 'keys.ts'), ...args], { cwd: fromRoot() });

afterAll(() => {
  for (const dir of folders) rmSync(dir, { recursive: true, force: true });
});

function folder(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'hub-keys-'));
  folders.push(dir);
  return dir;
}

/** The environment of a production process whose only key setting is `variable` = `file`. */
const productionWith = (variable: keyof Env, file: string): Env => parseEnv({ NODE_ENV: 'production', HUB_DATA_DIR: folder(), [variable]: file });

/** The Ed25519 public key, as its `x`, of what a process reads from the file its variable names. */
const asKeyObject = (key: unknown): KeyObject => (key instanceof KeyObject ? key : KeyObject.from(key as Parameters<typeof KeyObject.from>[0]));
const xOf = (key: KeyObject): string => ((key.type === 'public' ? key : createPublicKey(key)).export({ format: 'jwk' }) as JWK).x ?? '';
const READERS: Partial<Record<keyof Env, (env: Env) => Promise<string>>> = {
  INTERNAL_TOKEN_PRIVATE_KEY_FILE: async (env) => xOf(asKeyObject((await internalSigningKeyFromEnv(env)).key)),
  INTERNAL_TOKEN_PUBLIC_KEY_FILE: async (env) => {
    const key = await internalVerificationKeyFromEnv(env);
    if (typeof key !== 'function') return xOf(asKeyObject(key));
    // A key set: the key it hands a token naming the set's key id.
    const [listed] = (JSON.parse(readFileSync(env.INTERNAL_TOKEN_PUBLIC_KEY_FILE!, 'utf8')) as { keys: JWK[] }).keys;
    return xOf(asKeyObject(await key({ alg: 'EdDSA', kid: listed?.kid }, { payload: '', signature: '' })));
  },
  EXCHANGE_SIGNING_KEY_FILE: async (env) => (await cityIdentityFromEnv(env)).publicJwk.x ?? '',
  AUDIT_CHECKPOINT_KEY_FILE: async (env) => xOf((await checkpointKeyFromEnv(env)).publicKey),
  AUDIT_CHECKPOINT_PUBLIC_KEY_FILE: async (env) => xOf((await checkpointPublicKey(env))!),
  AUDIT_EXPORT_KEY_FILE: async (env) => xOf((await exportKeyFromEnv(env)).privateKey),
  PREMISES_LINK_KEY_FILE: async (env) => xOf(asKeyObject((await premisesLinkKeyFromEnv(env)).key)),
};

const publicX = (file: string): string => {
  const json = JSON.parse(readFileSync(file, 'utf8')) as JWK | { keys: JWK[] };
  return ('keys' in json ? json.keys[0]?.x : json.x) ?? 'none';
};

describe('npm run keys', () => {
  let out: string;
  let printed: string;

  beforeAll(async () => {
    out = path.join(folder(), 'secrets');
    ({ stdout: printed } = await keysCommand('--out', out));
  }, 120_000);

  it('writes each deployment key’s private half 0600 and public half 0644, in a folder of mode 0700, and nothing else', () => {
    expect(statSync(out).mode & 0o777).toBe(0o700);
    const expected = DEPLOYMENT_KEYS.flatMap((key) => Object.values(keyPairFiles(out, key.name, key.publicForm)));
    expect(readdirSync(out).map((file) => path.join(out, file)).sort()).toEqual([...expected].sort());
    for (const key of DEPLOYMENT_KEYS) {
      const files = keyPairFiles(out, key.name, key.publicForm);
      expect(statSync(files.privateKeyFile).mode & 0o777, files.privateKeyFile).toBe(0o600);
      expect(statSync(files.publicKeyFile).mode & 0o777, files.publicKeyFile).toBe(0o644);
    }
  });

  it('makes keys that the hub reads, in production, from the variable each is documented under, each public half matching its private key', async () => {
    for (const key of DEPLOYMENT_KEYS) {
      const files = keyPairFiles(out, key.name, key.publicForm);
      const readPrivate = READERS[key.privateVariable];
      expect(readPrivate, `a reader for ${key.privateVariable}`).toBeDefined();
      const x = await readPrivate!(productionWith(key.privateVariable, files.privateKeyFile));
      expect(x, key.name).toBe(publicX(files.publicKeyFile));
      if (key.publicVariable) {
        const readPublic = READERS[key.publicVariable];
        expect(readPublic, `a reader for ${key.publicVariable}`).toBeDefined();
        expect(await readPublic!(productionWith(key.publicVariable, files.publicKeyFile)), key.publicVariable).toBe(x);
      } else {
        expect(xOf(await readExportPublicKey(files.publicKeyFile)), key.name).toBe(x);
      }
    }
    // Every key is a key of its own.
    expect(new Set(DEPLOYMENT_KEYS.map((key) => publicX(keyPairFiles(out, key.name, key.publicForm).publicKeyFile))).size).toBe(DEPLOYMENT_KEYS.length);
  });

  it('prints the variable that names each file', () => {
    for (const key of DEPLOYMENT_KEYS) {
      const files = keyPairFiles(out, key.name, key.publicForm);
      expect(printed).toContain(`${key.privateVariable}=${files.privateKeyFile}`);
      if (key.publicVariable) expect(printed).toContain(`${key.publicVariable}=${files.publicKeyFile}`);
    }
  });

  it('refuses to run again on the same folder, naming a key that is there and changing none', async () => {
    const before = new Map(readdirSync(out).map((file) => [file, readFileSync(path.join(out, file), 'utf8')]));
    const failed = await keysCommand('--out', out).then(
      () => null,
      (error: { code: number; stderr: string }) => error,
    );
    expect(failed?.code).toBe(1);
    expect(failed?.stderr.trim()).toMatch(/^\S+\.jwk?s?\.json already exists; keys are never overwritten/);
    expect(new Map(readdirSync(out).map((file) => [file, readFileSync(path.join(out, file), 'utf8')]))).toEqual(before);
  }, 60_000);

  it('writes nothing at all into a folder holding any one of its files', async () => {
    const dir = path.join(folder(), 'partial');
    mkdirSync(dir);
    const last = DEPLOYMENT_KEYS.at(-1)!;
    const taken = keyPairFiles(dir, last.name, last.publicForm).publicKeyFile;
    writeFileSync(taken, 'kept');
    const failed = await keysCommand('--out', dir).then(
      () => null,
      (error: { code: number; stderr: string }) => error,
    );
    expect(failed?.code).toBe(1);
    expect(failed?.stderr).toContain(taken);
    expect(readdirSync(dir)).toEqual([path.basename(taken)]);
    expect(readFileSync(taken, 'utf8')).toBe('kept');
  }, 60_000);

  it('adds the smoke-test issuer only when asked, as a key set a gateway can trust from AUTH_JWKS_FILE', async () => {
    const dir = path.join(folder(), 'with-smoke');
    const { stdout } = await keysCommand('--out', dir, '--smoke-issuer');
    const smoke = keyPairFiles(dir, SMOKE_ISSUER.name, SMOKE_ISSUER.publicForm);
    expect(statSync(smoke.privateKeyFile).mode & 0o777).toBe(0o600);
    expect(stdout).toContain(`AUTH_JWKS_FILE=${smoke.publicKeyFile}`);
    expect(parseEnv({ AUTH_JWKS_FILE: smoke.publicKeyFile }).AUTH_JWKS_FILE).toBe(smoke.publicKeyFile);
    expect(readdirSync(dir)).toHaveLength((DEPLOYMENT_KEYS.length + 1) * 2);
  }, 60_000);
});

describe('the deployment keys', () => {
  it('cover every key file the environment module reads', () => {
    // Every `…_KEY_FILE` variable of hub/env.ts, read from its source: a key added there must be made by npm run keys too.
    const variables = [...readFileSync(fromRoot('hub', 'env.ts'), 'utf8').matchAll(/^ {2}([A-Z][A-Z0-9_]*_KEY_FILE):/gm)].map((m) => m[1]);
    expect(variables.length).toBeGreaterThan(0);
    const made = DEPLOYMENT_KEYS.flatMap((key) => [key.privateVariable, ...(key.publicVariable ? [key.publicVariable] : [])]);
    expect([...variables].sort()).toEqual([...made].sort());
  });
});

describe('the operations page', () => {
  it('names every key file npm run keys writes, with the variable that points at it', () => {
    const page = readFileSync(fromRoot('docs', 'operations.md'), 'utf8');
    for (const key of [...DEPLOYMENT_KEYS, SMOKE_ISSUER]) {
      const files = keyPairFiles('.', key.name, key.publicForm);
      expect(page).toContain(path.basename(files.privateKeyFile));
      expect(page).toContain(path.basename(files.publicKeyFile));
    }
    for (const key of DEPLOYMENT_KEYS) {
      expect(page).toContain(`\`${key.privateVariable}\``);
      if (key.publicVariable) expect(page).toContain(`\`${key.publicVariable}\``);
    }
  });
});
