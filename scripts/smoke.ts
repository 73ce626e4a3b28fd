import { parseArgs } from 'node:util';
import { HUB_AUDIENCE, signCallerToken } from '../auth/caller.js';
import { KeyFileError, readSigningKey } from '../auth/keys.js';
import { isEntryPoint } from '../platform/entry.js';
import { claimsFor, parseTokenArgs, TokenArgsError } from './token.js';

/**
 * `npm run smoke -- --gateway URL (--token JWT | --key FILE --issuer ISS)`:
 * a smoke test of a deployed hub from outside. The gateway must be alive
 * (`/health`) and ready (`/ready`: supergraph loaded, audit store answering),
 * and a request for one resident of the register must be answered by the
 * police with no error, recorded in the audit trail as any other.
 *
 * The token is one the gateway trusts: in production one the city's identity
 * provider issued (`--token`); or one this command signs with a key the
 * operator holds (`--key`, with the issuer the gateway requires), for a
 * gateway started to trust that key's public half (AUTH_JWKS_FILE). It prints
 * one line per check and no resident's data; it exits 1 at the first check
 * that fails.
 */

export const SMOKE_USAGE =
  'Usage: npm run smoke -- --gateway <https://hub.example> (--token <JWT> | --key <private JWK or PEM> --issuer <iss> [--audience <aud>] [--alg EdDSA]) [--dept police] [--purpose population-management]';

const PERSONS = '{ persons(first: 1) { edges { node { id } } } }';

class SmokeFailed extends Error {}

async function fetchWithin(url: URL, init: RequestInit = {}): Promise<Response> {
  try {
    return await fetch(url, { ...init, signal: AbortSignal.timeout(15_000) });
  } catch (error) {
    throw new SmokeFailed(`${url.pathname}: no answer (${(error as Error).name === 'TimeoutError' ? 'timed out' : ((error as Error).cause as Error | undefined)?.message ?? (error as Error).message})`);
  }
}

async function tokenFrom(values: Record<string, string | undefined>): Promise<string> {
  if (values.token) return values.token;
  if (!values.key || !values.issuer) throw new TokenArgsError('give --token, or --key with --issuer');
  const request = parseTokenArgs(['--dept', values.dept ?? 'police', '--sub', 'smoke-test', '--ttl', '300']);
  if (!request) throw new TokenArgsError(SMOKE_USAGE);
  // A JWK names its own algorithm; a PEM key is read as --alg says (EdDSA unless given).
  const signer = await readSigningKey(values.key, values.alg ?? 'EdDSA').catch((error: unknown) => {
    throw error instanceof KeyFileError ? new TokenArgsError(`--key ${values.key}: ${error.message}`) : error;
  });
  return signCallerToken(signer, claimsFor(request), { issuer: values.issuer, audience: values.audience ?? HUB_AUDIENCE, ttlSeconds: request.ttlSeconds });
}

export async function smokeTest(gateway: URL, token: string, purpose: string, say: (line: string) => void): Promise<void> {
  for (const endpoint of ['/health', '/ready']) {
    const response = await fetchWithin(new URL(endpoint, gateway));
    await response.arrayBuffer();
    if (!response.ok) throw new SmokeFailed(`${endpoint}: ${response.status}${endpoint === '/ready' ? ' (the supergraph is not loaded, the audit store does not answer, or the gateway is stopping)' : ''}`);
    say(`${endpoint} ${response.status}`);
  }
  const response = await fetchWithin(new URL('/graphql', gateway), {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'x-purpose': purpose },
    body: JSON.stringify({ query: PERSONS }),
  });
  const body = (await response.json().catch(() => null)) as { data?: { persons?: { edges?: unknown[] } | null } | null; errors?: { extensions?: { code?: unknown } }[] } | null;
  const codes = (body?.errors ?? []).map((error) => (typeof error.extensions?.code === 'string' ? error.extensions.code : 'NO_CODE'));
  if (response.status !== 200 || codes.length > 0 || !Array.isArray(body?.data?.persons?.edges)) {
    throw new SmokeFailed(`/graphql: ${response.status}${codes.length > 0 ? ` ${[...new Set(codes)].join(', ')}` : ''}`);
  }
  say(`/graphql 200: the police answered with ${body.data.persons.edges.length} resident${body.data.persons.edges.length === 1 ? '' : 's'} of the register (request ${response.headers.get('x-request-id') ?? 'without an id'})`);
}

async function main(): Promise<void> {
  let values: Record<string, string | undefined>;
  let gateway: URL;
  let token: string;
  try {
    ({ values } = parseArgs({
      options: { gateway: { type: 'string' }, token: { type: 'string' }, key: { type: 'string' }, issuer: { type: 'string' }, audience: { type: 'string' }, alg: { type: 'string' }, dept: { type: 'string' }, purpose: { type: 'string' } },
    }));
    if (!values.gateway) throw new TokenArgsError('--gateway is required: where the gateway listens, e.g. https://hub.city.example');
    gateway = new URL(values.gateway);
    token = await tokenFrom(values);
  } catch (error) {
    if (!(error instanceof TokenArgsError || error instanceof TypeError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS'))) throw error;
    process.stderr.write(`${(error as Error).message}\n${SMOKE_USAGE}\n`);
    process.exit(2);
  }
  try {
    await smokeTest(gateway, token, values.purpose ?? 'population-management', (line) => process.stdout.write(`${line}\n`));
  } catch (error) {
    if (!(error instanceof SmokeFailed)) throw error;
    process.stderr.write(`smoke test failed at ${error.message}\n`);
    process.exit(1);
  }
  process.stdout.write('smoke test passed\n');
}

if (isEntryPoint(import.meta.url)) await main();
