import { access, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { createKeyPair, KeyFileExists, keyPairFiles } from '../auth/dev-keys.js';
import type { Env } from './env.js';

/**
 * Every key a deployment of the hub needs, as `npm run keys` makes them and
 * docs/operations.md lists them. Development makes the same files, under the
 * same names, in `$HUB_DATA_DIR/keys/` on first use; production never makes a
 * key by itself and stops naming the variable of one that is missing.
 */
export interface DeploymentKey {
  /** The files' stem: `<name>.private.jwk.json`, and `<name>.jwks.json` or `<name>.public.jwk.json`. */
  name: string;
  /** Whether the public half is written as a key set (what verifiers of rotating keys read) or a single JWK. */
  publicForm: 'jwks' | 'jwk';
  /** What the private key signs. */
  signs: string;
  /** The variable naming the private key's file, and who holds it. */
  privateVariable: keyof Env;
  privateHeldBy: string;
  /** The variable naming the public half's file, where a process of the hub reads it, and who holds it. */
  publicVariable: keyof Env | null;
  publicHeldBy: string;
}

export const DEPLOYMENT_KEYS: readonly DeploymentKey[] = [
  {
    name: 'gateway-internal',
    publicForm: 'jwks',
    signs: 'the internal token of every call from the gateway to a subgraph',
    privateVariable: 'INTERNAL_TOKEN_PRIVATE_KEY_FILE',
    privateHeldBy: 'the gateway alone',
    publicVariable: 'INTERNAL_TOKEN_PUBLIC_KEY_FILE',
    publicHeldBy: 'every subgraph, the exchange and the alert store',
  },
  {
    name: 'exchange-city',
    publicForm: 'jwk',
    signs: "this city's notices to partner cities, its checkpoints sent to be witnessed and its alert webhooks",
    privateVariable: 'EXCHANGE_SIGNING_KEY_FILE',
    privateHeldBy: 'the exchange, the alert store and the checkpoint signer',
    publicVariable: null,
    publicHeldBy: 'partner cities (registered with them) and department systems receiving webhooks',
  },
  {
    name: 'audit-checkpoint',
    publicForm: 'jwk',
    signs: 'the checkpoints of every audit chain head, and audit archive manifests',
    privateVariable: 'AUDIT_CHECKPOINT_KEY_FILE',
    privateHeldBy: 'the checkpoint signer (and whoever runs audit:archive), never the audit store',
    publicVariable: 'AUDIT_CHECKPOINT_PUBLIC_KEY_FILE',
    publicHeldBy: 'the audit subgraph and audit:verify',
  },
  {
    name: 'audit-export',
    publicForm: 'jwk',
    signs: 'audit exports',
    privateVariable: 'AUDIT_EXPORT_KEY_FILE',
    privateHeldBy: 'whoever runs audit:export',
    publicVariable: null,
    publicHeldBy: 'auditors verifying an export',
  },
  {
    name: 'premises-link',
    publicForm: 'jwk',
    signs: 'the premises links (and their QR codes) landlords and employers declare through',
    privateVariable: 'PREMISES_LINK_KEY_FILE',
    privateHeldBy: 'the declarations subgraph alone',
    publicVariable: null,
    publicHeldBy: 'nobody else: the declarations subgraph verifies the links it signed',
  },
];

/**
 * An issuer of caller tokens held by the operator, made only when asked
 * (`npm run keys -- --smoke-issuer`): what a smoke test signs a token with
 * for a gateway started to trust it (AUTH_JWKS_FILE). Never one of the keys
 * a deployment runs on.
 */
export const SMOKE_ISSUER = { name: 'smoke-issuer', publicForm: 'jwks' } as const;

export interface WrittenKey {
  name: string;
  privateKeyFile: string;
  publicKeyFile: string;
}

/**
 * Makes every deployment key (and the smoke-test issuer when asked) in `dir`,
 * creating it with mode 0700 if missing. Refuses, before writing anything,
 * when any of the files is already there (KeyFileExists).
 */
export async function writeDeploymentKeys(dir: string, options: { smokeIssuer?: boolean } = {}): Promise<WrittenKey[]> {
  const out = path.resolve(dir);
  await mkdir(out, { recursive: true, mode: 0o700 });
  const wanted = [...DEPLOYMENT_KEYS, ...(options.smokeIssuer ? [SMOKE_ISSUER] : [])];
  const planned = wanted.map((key) => ({ key, files: keyPairFiles(out, key.name, key.publicForm) }));
  // Every file is checked before the first is written: a refusal leaves the folder as it was.
  for (const { files } of planned) {
    for (const file of [files.privateKeyFile, files.publicKeyFile]) {
      if (await access(file).then(() => true, () => false)) throw new KeyFileExists(file);
    }
  }
  const written: WrittenKey[] = [];
  for (const { key, files } of planned) {
    await createKeyPair(files.privateKeyFile, files.publicKeyFile, key.publicForm);
    written.push({ name: key.name, ...files });
  }
  return written;
}
