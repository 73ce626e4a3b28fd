import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { authenticateCaller, signCallerToken } from '../../../auth/caller.js';
import { callerTokenSettingsFromEnv, internalSigningKeyFromEnv, internalVerificationKeyFromEnv } from '../../../auth/config.js';
import { devKeyFiles, ensureDevKeys } from '../../../auth/dev-keys.js';
import { DEFAULT_INTERNAL_TOKEN_TTL_S, MAX_INTERNAL_TOKEN_TTL_S, SeenTokenIds, signInternalToken, verifyInternalToken } from '../../../auth/internal-token.js';
import { readSigningKey } from '../../../auth/keys.js';
import { parseEnv } from '../../../hub/env.js';
import { EnvError } from '../../../platform/env.js';
import { claimsForRole, principalForRole } from '../../support/tokens.js';

const dirs: string[] = [];
async function tempDir(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'hub-keys-'));
  dirs.push(dir);
  return dir;
}
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

describe('the caller-token algorithm allow-list', () => {
  it('defaults to EdDSA, ES256 and RS256', () => {
    expect(parseEnv({}).AUTH_ALGORITHMS).toEqual(['EdDSA', 'ES256', 'RS256']);
  });

  it('accepts a list of public-key algorithms, trimming spaces and repeats', () => {
    expect(parseEnv({ AUTH_ALGORITHMS: ' ES256, PS256 ,ES256' }).AUTH_ALGORITHMS).toEqual(['ES256', 'PS256']);
  });

  it('stops with one line naming the variable when a shared-secret algorithm is listed', () => {
    expect(() => parseEnv({ AUTH_ALGORITHMS: 'EdDSA,HS256' })).toThrow(EnvError);
    expect(() => parseEnv({ AUTH_ALGORITHMS: 'EdDSA,HS256' })).toThrow(/^Invalid environment variable AUTH_ALGORITHMS="EdDSA,HS256": HS256 is a shared-secret algorithm/);
    expect(() => parseEnv({ AUTH_ALGORITHMS: 'hs512' })).toThrow(/hs512 is a shared-secret algorithm/);
  });

  it('refuses none, an unknown algorithm and an empty list', () => {
    expect(() => parseEnv({ AUTH_ALGORITHMS: 'none' })).toThrow(/AUTH_ALGORITHMS="none": none means unsigned tokens/);
    expect(() => parseEnv({ AUTH_ALGORITHMS: 'RS256,XYZ' })).toThrow(/XYZ is not a supported signature algorithm/);
    expect(() => parseEnv({ AUTH_ALGORITHMS: ' , ' })).toThrow(/must name at least one signature algorithm/);
  });

  it('refuses both a JWKS URL and a JWKS file', () => {
    expect(() => parseEnv({ AUTH_JWKS_URL: 'https://idp.example/jwks', AUTH_JWKS_FILE: '/etc/hub/jwks.json' })).toThrow(/AUTH_JWKS_FILE.*not both/);
  });

  it('bounds the clock tolerance and the internal-token lifetime', () => {
    expect(parseEnv({}).AUTH_CLOCK_TOLERANCE_S).toBe(30);
    expect(parseEnv({}).INTERNAL_TOKEN_TTL_S).toBe(DEFAULT_INTERNAL_TOKEN_TTL_S);
    expect(() => parseEnv({ INTERNAL_TOKEN_TTL_S: String(MAX_INTERNAL_TOKEN_TTL_S + 1) })).toThrow(/INTERNAL_TOKEN_TTL_S/);
    expect(() => parseEnv({ AUTH_CLOCK_TOLERANCE_S: '-1' })).toThrow(/AUTH_CLOCK_TOLERANCE_S/);
    expect(() => parseEnv({ INTERNAL_TOKEN_TTL_S: '86400' })).toThrow(/INTERNAL_TOKEN_TTL_S/);
  });
});

describe('the development keys', () => {
  it('are created on first use with private keys readable only by their owner, and never regenerated', async () => {
    const dir = await tempDir();
    const files = await ensureDevKeys(dir);
    expect(files).toEqual(devKeyFiles(dir));
    for (const file of [files.issuerPrivateKeyFile, files.internalPrivateKeyFile]) expect((await stat(file)).mode & 0o777).toBe(0o600);
    const before = await Promise.all(Object.values(files).slice(1).map((f) => readFile(f, 'utf8')));
    const issuer = JSON.parse(before[0]!);
    expect(issuer).toMatchObject({ kty: 'OKP', crv: 'Ed25519', alg: 'EdDSA' });
    expect(issuer.kid).toBeTruthy();
    expect(JSON.parse(before[1]!).keys[0]).not.toHaveProperty('d');

    await ensureDevKeys(dir);
    const after = await Promise.all(Object.values(files).slice(1).map((f) => readFile(f, 'utf8')));
    expect(after).toEqual(before);
  });

  it('give the same keys to processes that start at the same moment', async () => {
    const dir = await tempDir();
    await Promise.all([ensureDevKeys(dir), ensureDevKeys(dir), ensureDevKeys(dir)]);
    const files = devKeyFiles(dir);
    const privateJwk = JSON.parse(await readFile(files.internalPrivateKeyFile, 'utf8'));
    const publicJwks = JSON.parse(await readFile(files.internalPublicKeyFile, 'utf8'));
    expect(publicJwks.keys[0].x).toBe(privateJwk.x);
  });

  it('let a development hub verify what the development issuer signs, and subgraphs verify what the gateway signs', async () => {
    const dir = await tempDir();
    const env = parseEnv({ HUB_DATA_DIR: dir });
    const settings = await callerTokenSettingsFromEnv(env);
    const issuer = await readSigningKey(devKeyFiles(dir).issuerPrivateKeyFile, 'EdDSA');
    const token = await signCallerToken(issuer, claimsForRole('housing'), { issuer: env.AUTH_ISSUER, audience: env.AUTH_AUDIENCE, ttlSeconds: 60 });
    expect(await authenticateCaller(settings, `Bearer ${token}`)).toEqual(principalForRole('housing'));

    const meta = { requestId: 'req-0001', principal: principalForRole('police'), purpose: 'statistics' as const, caseId: null };
    const call = { subgraph: 'police', body: '{"query":"{ __typename }"}' };
    const internal = await signInternalToken(await internalSigningKeyFromEnv(env), meta, { ...call, ttlSeconds: env.INTERNAL_TOKEN_TTL_S });
    expect(await verifyInternalToken(await internalVerificationKeyFromEnv(env), internal, { ...call, seen: new SeenTokenIds() })).toEqual(meta);
  });
});

describe('key configuration in production', () => {
  it('stops with one line when the gateway has no identity-provider keys, and generates nothing', async () => {
    const dir = await tempDir();
    const env = parseEnv({ NODE_ENV: 'production', HUB_DATA_DIR: dir, AUTH_ISSUER: 'https://idp.city.example/' });
    await expect(callerTokenSettingsFromEnv(env)).rejects.toThrow(EnvError);
    await expect(callerTokenSettingsFromEnv(env)).rejects.toThrow(/^AUTH_JWKS_URL \(or AUTH_JWKS_FILE\) is required in production/);
    await expect(internalSigningKeyFromEnv(env)).rejects.toThrow(/^INTERNAL_TOKEN_PRIVATE_KEY_FILE is required in production/);
    await expect(internalVerificationKeyFromEnv(env)).rejects.toThrow(/^INTERNAL_TOKEN_PUBLIC_KEY_FILE is required in production/);
    expect(existsSync(path.join(dir, 'keys'))).toBe(false);
  });

  it('refuses the development issuer and a JWKS fetched over plain HTTP from another host', async () => {
    const devIssuer = parseEnv({ NODE_ENV: 'production', AUTH_JWKS_URL: 'https://idp.city.example/jwks' });
    await expect(callerTokenSettingsFromEnv(devIssuer)).rejects.toThrow(/^AUTH_ISSUER is required in production/);
    const plain = parseEnv({ NODE_ENV: 'production', AUTH_ISSUER: 'https://idp.city.example/', AUTH_JWKS_URL: 'http://idp.city.example/jwks' });
    await expect(callerTokenSettingsFromEnv(plain)).rejects.toThrow(/AUTH_JWKS_URL=.*must be https in production/);
  });

  it('names the variable whose key file is missing or holds the wrong kind of key', async () => {
    const dir = await tempDir();
    const files = await ensureDevKeys(dir);
    const env = (vars: Record<string, string>) => parseEnv({ NODE_ENV: 'production', ...vars });
    await expect(internalSigningKeyFromEnv(env({ INTERNAL_TOKEN_PRIVATE_KEY_FILE: path.join(dir, 'nope.json') }))).rejects.toThrow(
      /^Invalid environment variable INTERNAL_TOKEN_PRIVATE_KEY_FILE=".*nope\.json": file does not exist/,
    );
    await expect(internalSigningKeyFromEnv(env({ INTERNAL_TOKEN_PRIVATE_KEY_FILE: files.internalPublicKeyFile }))).rejects.toThrow(/INTERNAL_TOKEN_PRIVATE_KEY_FILE.*no private key/);
    await expect(internalVerificationKeyFromEnv(env({ INTERNAL_TOKEN_PUBLIC_KEY_FILE: files.internalPrivateKeyFile }))).rejects.toThrow(/INTERNAL_TOKEN_PUBLIC_KEY_FILE.*private key/);
    await expect(internalSigningKeyFromEnv(env({ INTERNAL_TOKEN_PRIVATE_KEY_FILE: files.internalPrivateKeyFile }))).resolves.toMatchObject({ alg: 'EdDSA' });
  });
});
