import { parseArgs } from 'node:util';
import { signCallerToken, type CallerTokenInput } from '../auth/caller.js';
import { ensureDevKeys } from '../auth/dev-keys.js';
import { readSigningKey } from '../auth/keys.js';
import { DEFAULT_SCOPES, type Role } from '../auth/roles.js';
import { makeIdNumber } from '../domain/index.js';
import { env } from '../hub/env.js';
import { isDevelopment } from '../platform/env.js';
import { isEntryPoint } from '../platform/entry.js';

/**
 * `npm run demo:activity`: a morning of a city's work against a running
 * development hub (`npm start` in another terminal), so that the auditors'
 * console has something to show. Officers read dossiers for their own
 * purposes; one reads several residents under a case investigation; a caller
 * declares a purpose its role may not, and is refused; and a housing system
 * pages through the register, then guesses at identity numbers until the
 * look-up cap stops it. It then waits for the anomaly detector to flag the
 * housing system, prints each flag with the numbers behind it and how long it
 * took, and an auditor's token to open the console with.
 *
 * Everything goes through the gateway as any caller's requests do, with
 * tokens of the development issuer; so every read is in the audit trail.
 */

export const DEMO_USAGE = 'Usage: npm run demo:activity -- [--gateway http://127.0.0.1:4000] [--wait 120]';

/** Callers, by the subject their tokens carry: the console and the flags name them. */
export const DEMO_CALLERS = {
  officer: 'demo-officer-wang',
  health: 'demo-health-li',
  investigator: 'demo-investigator-zhao',
  refused: 'demo-labour-sun',
  harvester: 'demo-housing-system',
  auditor: 'demo-auditor',
} as const;

export const DEMO_CASE = 'CASE-2026-017';

type TokenFor = (claims: CallerTokenInput) => Promise<string>;

export interface Answer {
  status: number;
  body: { data?: Record<string, unknown> | null; errors?: { message: string; extensions?: { code?: string } }[] };
}

export interface ActivityReport {
  dossiers: number;
  caseReads: number;
  refusals: number;
  /** Identity numbers the housing system asked for before the look-up cap refused it. */
  guesses: number;
  /** When the look-up cap refused the last request (performance.now()). */
  lastLookupAt: number;
}

export interface DemoFlag {
  rule: string;
  subject: string;
  observed: number;
  threshold: number;
}

const claimsOf = (role: Role, sub: string): CallerTokenInput => ({ sub, dept: role, roles: [role], scope: DEFAULT_SCOPES[role].join(' ') });

/** Sends a query through the gateway as the caller `token` names, declaring `purpose` (and a case). */
export type Ask = (token: string, purpose: string, query: string, variables?: Record<string, unknown>, caseId?: string) => Promise<Answer>;

export function asker(graphqlUrl: string): Ask {
  return async (token, purpose, query, variables = {}, caseId) => {
    const response = await fetch(graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'x-purpose': purpose, ...(caseId ? { 'x-case-id': caseId } : {}) },
      body: JSON.stringify({ query, variables }),
      signal: AbortSignal.timeout(30_000),
    });
    return { status: response.status, body: (await response.json()) as Answer['body'] };
  };
}

class ActivityFailed extends Error {}

function expectData(what: string, answer: Answer): Record<string, unknown> {
  if (answer.status !== 200 || !answer.body.data || answer.body.errors?.length) {
    const codes = [...new Set((answer.body.errors ?? []).map((e) => e.extensions?.code ?? 'NO_CODE'))].join(', ');
    const hint = answer.status === 401 ? ': the hub does not take this data folder’s development tokens; run with the HUB_DATA_DIR the hub was started with' : '';
    throw new ActivityFailed(`${what}: HTTP ${answer.status}${codes ? ` ${codes}` : ''}${hint}`);
  }
  return answer.body.data;
}

/** The activity itself; `say` gets one line per step. */
export async function runDemoActivity(graphqlUrl: string, tokenFor: TokenFor, say: (line: string) => void): Promise<ActivityReport> {
  const ask = asker(graphqlUrl);
  const officer = await tokenFor(claimsOf('police', DEMO_CALLERS.officer));
  const register = expectData('a page of the register', await ask(officer, 'population-management', '{ persons(first: 12) { edges { node { id idNumber } } } }'));
  const residents = (register.persons as { edges: { node: { id: string; idNumber: string } }[] }).edges.map((e) => e.node);
  if (residents.length < 8) throw new ActivityFailed(`the register holds ${residents.length} residents: start the hub with its demo city (HUB_SEED_ON_START=true)`);

  // A police officer's dossiers: residence, tenancies and jobs, for population management.
  const DOSSIER = 'query Dossier($id: ID!) { person(id: $id) { name status residence { address } tenancies { edges { node { start } } } employments { edges { node { position } } } } }';
  for (const resident of residents.slice(0, 5)) expectData('a dossier', await ask(officer, 'population-management', DOSSIER, { id: resident.id }));
  say(`${DEMO_CALLERS.officer} (police) read 5 dossiers for population management`);

  // A health officer's reads, for public health.
  const health = await tokenFor(claimsOf('health', DEMO_CALLERS.health));
  for (const resident of residents.slice(5, 8)) {
    expectData('a health profile', await ask(health, 'public-health', 'query Health($id: ID!) { person(id: $id) { healthProfile { familyPlanningStatus } } }', { id: resident.id }));
  }
  say(`${DEMO_CALLERS.health} (health) read 3 health profiles for public health`);

  // An investigator reads residents under one case: withheld from their own reports until the case discloses.
  const investigator = await tokenFor(claimsOf('police', DEMO_CALLERS.investigator));
  for (const resident of residents.slice(0, 4)) {
    expectData('a read under a case', await ask(investigator, 'case-investigation', 'query Case($n: String!) { personByIdNumber(idNumber: $n) { name residence { address } } }', { n: resident.idNumber }, DEMO_CASE));
  }
  say(`${DEMO_CALLERS.investigator} (police) read 4 residents under case ${DEMO_CASE}`);

  // A labour officer declares the police's purpose: refused before anything is read, and counted as a refusal.
  const refusedCaller = await tokenFor(claimsOf('labour', DEMO_CALLERS.refused));
  let refusals = 0;
  for (let i = 0; i < 3; i += 1) {
    const answer = await ask(refusedCaller, 'population-management', '{ persons(first: 1) { edges { node { id } } } }');
    if (answer.status !== 403) throw new ActivityFailed(`a purpose the role may not declare was answered ${answer.status}, not refused`);
    refusals += 1;
  }
  say(`${DEMO_CALLERS.refused} (labour) was refused ${refusals} times for declaring a purpose of the police`);

  const harvester = await tokenFor(claimsOf('housing', DEMO_CALLERS.harvester));
  const guesses = await harvestIdentityNumbers(ask, harvester, residents.map((r) => r.idNumber));
  const lastLookupAt = performance.now();
  say(`${DEMO_CALLERS.harvester} (housing) listed 100 residents, then asked for ${guesses} identity numbers until the look-up cap refused it`);
  return { dossiers: 5, caseReads: 4, refusals, guesses, lastLookupAt };
}

/**
 * A housing system harvesting identity numbers: a page of 100 residents of
 * the register, then guesses ten to a request (two real numbers of `known`
 * among made-up ones, varied by `salt`) until the look-up cap refuses it.
 * Returns how many numbers it asked for before the refusal.
 */
export async function harvestIdentityNumbers(ask: Ask, housingToken: string, known: readonly string[], salt = 0): Promise<number> {
  expectData('a housing page of the register', await ask(housingToken, 'housing-administration', '{ persons(first: 100) { edges { node { id } } } }'));
  let guesses = 0;
  for (let request = 0; ; request += 1) {
    const numbers = Array.from({ length: 10 }, (_, i) =>
      i < 2 ? (known[(request * 2 + i) % known.length] ?? '') : makeIdNumber('510104', `1988-0${1 + (i % 9)}-1${request % 10}`, 200 + i + salt, 'MALE'),
    );
    const answer = await ask(housingToken, 'housing-administration', `query Guess { ${numbers.map((n, i) => `g${i}: personByIdNumber(idNumber: "${n}") { id }`).join(' ')} }`);
    if (answer.status === 429) return guesses;
    expectData('a guess at identity numbers', answer);
    guesses += numbers.length;
    if (request > 50) throw new ActivityFailed('the look-up cap never refused the guesses');
  }
}

/** Polls the flags of `subject` as an auditor until every rule in `rules` has flagged it, or `waitMs` has passed. */
export async function awaitFlags(graphqlUrl: string, auditorToken: string, subject: string, rules: readonly string[], waitMs: number, pollMs = 250): Promise<DemoFlag[]> {
  const ask = asker(graphqlUrl);
  const deadline = performance.now() + waitMs;
  for (;;) {
    const data = expectData(
      'the flags',
      await ask(auditorToken, 'audit', 'query Flags($s: String!) { anomalyFlags(filter: { subject: $s }) { edges { node { rule subject observed threshold } } } }', { s: subject }),
    );
    const flags = (data.anomalyFlags as { edges: { node: DemoFlag }[] }).edges.map((e) => e.node);
    if (rules.every((rule) => flags.some((f) => f.rule === rule)) || performance.now() > deadline) return flags;
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
}

/** What the harvesting housing system is flagged for. */
export const EXPECTED_RULES = ['bulk-lookups', 'identity-enumeration'] as const;

async function main(): Promise<void> {
  let values: { gateway?: string; wait?: string; help?: boolean };
  try {
    ({ values } = parseArgs({ options: { gateway: { type: 'string' }, wait: { type: 'string' }, help: { type: 'boolean', short: 'h' } } }));
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n${DEMO_USAGE}\n`);
    process.exit(2);
  }
  if (values.help) {
    process.stdout.write(`${DEMO_USAGE}\n`);
    return;
  }
  const config = env();
  if (!isDevelopment(config)) {
    process.stderr.write('The scripted activity signs its callers with the development issuer, which a production hub does not trust\n');
    process.exit(1);
  }
  const waitSeconds = values.wait === undefined ? config.ANOMALY_PASS_SECONDS + 60 : Number(values.wait);
  if (!Number.isInteger(waitSeconds) || waitSeconds < 1 || waitSeconds > 3_600) {
    process.stderr.write(`--wait must be a whole number of seconds from 1 to 3600\n${DEMO_USAGE}\n`);
    process.exit(2);
  }
  let gateway: URL;
  try {
    gateway = new URL(values.gateway ?? `http://127.0.0.1:${config.GATEWAY_PORT}`);
  } catch {
    process.stderr.write(`--gateway ${JSON.stringify(values.gateway)} is not a URL\n${DEMO_USAGE}\n`);
    process.exit(2);
  }
  const graphqlUrl = new URL('/graphql', gateway).toString();
  const files = await ensureDevKeys(config.HUB_DATA_DIR);
  const signer = await readSigningKey(files.issuerPrivateKeyFile, 'EdDSA');
  const tokenFor: TokenFor = (claims) => signCallerToken(signer, claims, { issuer: config.AUTH_ISSUER, audience: config.AUTH_AUDIENCE, ttlSeconds: 8 * 3_600 });
  const say = (line: string) => process.stdout.write(`${line}\n`);

  try {
    const ready = await fetch(new URL('/ready', gateway), { signal: AbortSignal.timeout(10_000) }).catch(() => null);
    if (!ready?.ok) throw new ActivityFailed(`no hub ready at ${gateway.origin}: start it with npm start (same HUB_DATA_DIR), or give --gateway`);
    const report = await runDemoActivity(graphqlUrl, tokenFor, say);
    say(`Waiting for the anomaly detector (a pass every ${config.ANOMALY_PASS_SECONDS} s) ...`);
    const auditor = await tokenFor(claimsOf('auditor', DEMO_CALLERS.auditor));
    const flags = await awaitFlags(graphqlUrl, auditor, DEMO_CALLERS.harvester, EXPECTED_RULES, waitSeconds * 1_000);
    const seconds = ((performance.now() - report.lastLookupAt) / 1_000).toFixed(1);
    for (const flag of flags) say(`  flag ${flag.rule} on ${flag.subject}: ${flag.observed} observed, threshold ${flag.threshold}`);
    if (!EXPECTED_RULES.every((rule) => flags.some((f) => f.rule === rule))) {
      say(`Not every flag was raised within ${waitSeconds} s: the detector may be off (ANOMALY_PASS_SECONDS) or the working hours exclude now.`);
      process.exitCode = 1;
    } else {
      say(`flagged ${seconds} s after the last look-up`);
    }
    say(`\nOpen ${new URL('/console', gateway).toString()} and sign in with this auditor's token (valid 8 hours):\n${auditor}`);
  } catch (error) {
    if (!(error instanceof ActivityFailed)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
}

if (isEntryPoint(import.meta.url)) await main();
