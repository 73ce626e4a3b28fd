import path from 'node:path';
import { parseArgs } from 'node:util';
import { KeyFileExists } from '../auth/dev-keys.js';
import { DEPLOYMENT_KEYS, SMOKE_ISSUER, writeDeploymentKeys } from '../hub/keys.js';
import { isEntryPoint } from '../platform/entry.js';

/**
 * `npm run keys -- --out DIR [--smoke-issuer]`: every key a production
 * deployment needs, made once, into DIR (created 0700): each private key a
 * JWK of mode 0600 beside its public half (0644). It never replaces a key:
 * when any file is already there it stops, naming it, having written nothing.
 * Prints which variable names each file and who holds it.
 */

export const KEYS_USAGE = 'Usage: npm run keys -- --out <folder> [--smoke-issuer]';

async function main(): Promise<void> {
  let values: { out?: string | undefined; 'smoke-issuer'?: boolean | undefined; help?: boolean | undefined };
  try {
    ({ values } = parseArgs({ options: { out: { type: 'string' }, 'smoke-issuer': { type: 'boolean' }, help: { type: 'boolean', short: 'h' } } }));
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n${KEYS_USAGE}\n`);
    process.exit(2);
  }
  if (values.help) {
    process.stdout.write(`${KEYS_USAGE}\n`);
    return;
  }
  if (!values.out) {
    process.stderr.write(`--out is required: the folder the keys are written to\n${KEYS_USAGE}\n`);
    process.exit(2);
  }
  let written;
  try {
    written = await writeDeploymentKeys(values.out, { smokeIssuer: values['smoke-issuer'] ?? false });
  } catch (error) {
    if (!(error instanceof KeyFileExists)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
  const shown = (file: string) => {
    const relative = path.relative(process.cwd(), file);
    return relative === '' || relative.startsWith('..') ? file : relative;
  };
  const say = (line: string) => process.stdout.write(`${line}\n`);
  say(`Wrote ${written.length * 2} key files to ${shown(path.resolve(values.out))} (private keys mode 0600, public keys 0644):`);
  for (const key of DEPLOYMENT_KEYS) {
    const files = written.find((w) => w.name === key.name);
    if (!files) continue;
    say(`  ${key.privateVariable}=${shown(files.privateKeyFile)}    signs ${key.signs}; for ${key.privateHeldBy}`);
    say(`  ${key.publicVariable ? `${key.publicVariable}=` : ''}${shown(files.publicKeyFile)}    public half, for ${key.publicHeldBy}`);
  }
  const smoke = written.find((w) => w.name === SMOKE_ISSUER.name);
  if (smoke) {
    say(`  ${shown(smoke.privateKeyFile)}    signs smoke-test tokens (npm run smoke -- --key …); keep it off every server`);
    say(`  AUTH_JWKS_FILE=${shown(smoke.publicKeyFile)}    for a gateway started to trust it, during a smoke test only`);
  }
}

if (isEntryPoint(import.meta.url)) await main();
