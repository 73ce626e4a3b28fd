import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DEV_ISSUER, HUB_AUDIENCE, signCallerToken, type CallerTokenInput } from '../../auth/caller.js';
import { ensureDevKeys } from '../../auth/dev-keys.js';
import { readSigningKey } from '../../auth/keys.js';
import { DEFAULT_SCOPES, type Role } from '../../auth/roles.js';
import { makeIdNumber } from '../../domain/index.js';
import { PORT_VARIABLES } from '../../hub/hub.js';
import { today } from '../../platform/input.js';
import { fromRoot } from '../../platform/paths.js';
import { freePort } from '../lib/process.js';
import type { BenchContext, Scenario } from './scenario.js';

/**
 * Collection at the source, measured as its users meet it: `npm start` as a
 * child process on a fresh data folder, then through the gateway with real
 * tokens. Throughput: landlords declaring tenants through a premises link,
 * several at once, counted as declarations accepted per second (each a
 * different tenant, so none is a duplicate). Latency: housing confirms a
 * declaration of a tenant on the register, and the clock runs from sending
 * the confirmation to the tenancy being readable through the gateway.
 */


const percentile = (sorted: readonly number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;

interface Figures {
  accepted: number;
  seconds: number;
  refused: number;
  concurrency: number;
  confirmToReadable: number[];
  confirmRoundTrip: number[];
}

interface Answer {
  data?: unknown;
  errors?: { message: string }[];
}

type Ask = (who: Partial<CallerTokenInput> & { dept: Role }, purpose: string, query: string, variables?: Record<string, unknown>) => Promise<Answer>;

/** The value at a path of an answer's data, if there is one. */
function at(answer: Answer, ...path: (string | number)[]): unknown {
  let value: unknown = answer.data;
  for (const step of path) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<string | number, unknown>)[step];
  }
  return value;
}

const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

async function measure(context: BenchContext): Promise<Figures> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'hub-bench-collection-'));
  const ports: Record<string, string> = {};
  for (const variable of Object.values(PORT_VARIABLES)) ports[variable] = String(await freePort());
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ...ports,
    HUB_DATA_DIR: dataDir,
    SEED_PERSONS: context.quick ? '500' : '2000',
    LOG_LEVEL: 'error',
    // Throughput is what is measured here: the limits per declarant and per premises are off.
    DECLARATIONS_PER_DECLARANT_PER_MINUTE: '0',
    DECLARATIONS_PER_PREMISES_PER_HOUR: '0',
  };
  delete env.DATABASE_URL;
  const hub: ChildProcess = spawn(process.execPath, ['--import', 'tsx', fromRoot('scripts', 'start.ts')], { env, stdio: ['ignore', 'pipe', 'inherit'] });
  try {
    const gatewayUrl = `http://127.0.0.1:${ports.GATEWAY_PORT}/graphql`;
    await new Promise<void>((resolve, reject) => {
      hub.once('exit', (code) => reject(new Error(`npm start exited (${code})`)));
      hub.stdout?.on('data', (chunk: Buffer) => {
        if (chunk.toString().includes(gatewayUrl.replace('127.0.0.1', 'localhost')) || chunk.toString().includes(gatewayUrl)) resolve();
      });
    });
    const signer = await readSigningKey((await ensureDevKeys(dataDir)).issuerPrivateKeyFile, 'EdDSA');
    const tokens = new Map<string, string>();
    const ask: Ask = async (who, purpose, query, variables = {}) => {
      const key = JSON.stringify(who);
      let token = tokens.get(key);
      if (!token) {
        token = await signCallerToken(signer, { sub: `bench-${who.dept}`, roles: [who.dept], scope: DEFAULT_SCOPES[who.dept].join(' '), ...who }, { issuer: DEV_ISSUER, audience: HUB_AUDIENCE, ttlSeconds: 3600 });
        tokens.set(key, token);
      }
      const response = await fetch(gatewayUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'x-purpose': purpose },
        body: JSON.stringify({ query, variables }),
      });
      return (await response.json()) as Answer;
    };
    const housing = { dept: 'housing' as const };
    const police = { dept: 'police' as const };
    const listed = at(await ask(housing, 'housing-administration', '{ houses(first: 20) { edges { node { code } } } }'), 'houses', 'edges');
    const houses = (Array.isArray(listed) ? listed : []).map((edge: unknown) => text(at({ data: edge }, 'node', 'code'))).filter((code): code is string => code !== undefined);
    if (houses.length === 0) throw new Error('the seeded city has no house');
    const landlords = houses.map((code) => ({ dept: 'landlord' as const, sub: `bench-landlord-${code}`, premises: { houses: [code] } }));
    const links: string[] = [];
    for (const landlord of landlords) {
      const issued = await ask(landlord, 'declaration', 'mutation($code: String!) { issuePremisesLink(input: { kind: HOUSE, code: $code }) { link { token } } }', { code: landlord.premises.houses[0] });
      const token = text(at(issued, 'issuePremisesLink', 'link', 'token'));
      if (!token) throw new Error(`a link was not issued: ${issued.errors?.[0]?.message ?? 'no token'}`);
      links.push(token);
    }

    // Throughput: each worker declares tenants at its own landlord's house, one after another, for the time given.
    const concurrency = Math.min(8, landlords.length);
    const seconds = context.quick ? 5 : 20;
    let accepted = 0;
    let refused = 0;
    let sequence = 0;
    const started = performance.now();
    const deadline = started + seconds * 1000;
    await Promise.all(
      Array.from({ length: concurrency }, async (_, worker) => {
        while (performance.now() < deadline) {
          sequence += 1;
          // A different tenant each time: a birth day and a sequence number of their own.
          const born = new Date(Date.UTC(1960, 0, 1) + Math.floor(sequence / 499) * 86_400_000).toISOString().slice(0, 10);
          const tenant = makeIdNumber('510104', born, 2 * (sequence % 499) + 2, 'FEMALE');
          const landlord = landlords[worker];
          if (!landlord) return;
          const answer = await ask(landlord, 'declaration', DECLARE, {
            input: { kind: 'TENANCY', link: links[worker], idNumber: tenant, name: '王芳', phone: '13800138000', start: today(), room: `${sequence}室`, landlordName: '李建国', monthlyRent: 1500 },
          });
          if (answer.errors || at(answer, 'submitDeclaration', 'duplicate') !== false) refused += 1;
          else accepted += 1;
        }
      }),
    );
    const elapsed = (performance.now() - started) / 1000;

    // Latency: a tenant the police register, declared by a landlord, confirmed by housing, read back through the gateway.
    const samples = context.quick ? 5 : 20;
    const confirmToReadable: number[] = [];
    const confirmRoundTrip: number[] = [];
    for (let i = 0; i < samples; i++) {
      const idNumber = makeIdNumber('500103', '1991-04-05', 3 + 2 * i, 'MALE');
      const registered = await ask(police, 'population-management', 'mutation($input: RegisterPersonInput!) { registerPerson(input: $input) { person { id } } }', {
        input: { idNumber, name: '赵强', ethnicity: '汉族', householdDivisionCode: '500103', householdAddress: '重庆市渝中区解放碑民权路28号' },
      });
      const personId = text(at(registered, 'registerPerson', 'person', 'id'));
      if (!personId) throw new Error(`a tenant was not registered: ${registered.errors?.[0]?.message}`);
      const worker = i % landlords.length;
      const landlord = landlords[worker];
      if (!landlord) throw new Error('no landlord to declare with');
      const declared = await ask(landlord, 'declaration', DECLARE, {
        input: { kind: 'TENANCY', link: links[worker], idNumber, name: '赵强', start: today(), landlordName: '李建国', monthlyRent: 1800 },
      });
      const id = text(at(declared, 'submitDeclaration', 'declaration', 'id'));
      if (!id) throw new Error(`a declaration was not accepted: ${declared.errors?.[0]?.message}`);
      const sent = performance.now();
      const confirmed = await ask(housing, 'housing-administration', 'mutation($ids: [ID!]!) { confirmDeclarations(ids: $ids) { results { done declaration { recordId } } } }', { ids: [id] });
      confirmRoundTrip.push(performance.now() - sent);
      const recordId = text(at(confirmed, 'confirmDeclarations', 'results', 0, 'declaration', 'recordId'));
      if (!recordId) throw new Error(`a declaration was not confirmed: ${JSON.stringify(confirmed).slice(0, 300)}`);
      for (;;) {
        const read = await ask(housing, 'housing-administration', 'query($id: ID!) { person(id: $id) { tenancies { edges { node { id } } } } }', { id: personId });
        const edges = at(read, 'person', 'tenancies', 'edges');
        if (Array.isArray(edges) && edges.some((edge: unknown) => at({ data: edge }, 'node', 'id') === recordId)) break;
        if (performance.now() - sent > 10_000) throw new Error('a confirmed tenancy was not readable within 10 s');
      }
      confirmToReadable.push(performance.now() - sent);
    }
    return { accepted, seconds: elapsed, refused, concurrency, confirmToReadable, confirmRoundTrip };
  } finally {
    hub.kill('SIGTERM');
    await new Promise((resolve) => {
      hub.once('exit', resolve);
      setTimeout(resolve, 15_000);
    });
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const DECLARE = 'mutation($input: SubmitDeclarationInput!) { submitDeclaration(input: $input) { duplicate declaration { id } } }';

export const collectionScenario: Scenario = {
  name: 'collection',
  title: 'Collection at the source',
  async run(context) {
    context.note('collection: npm start on a fresh data folder, landlords declaring, housing confirming');
    const figures = await measure(context);
    const ms = (values: number[], p: number) => percentile([...values].sort((a, b) => a - b), p).toFixed(1);
    return [
      `\`npm start\` (embedded databases) on this machine, driven through the gateway with development tokens; ${figures.concurrency} landlords declaring at once, each through its own house's premises link, rate limits off.`,
      '',
      '| figure | value |',
      '|---|---|',
      `| declarations accepted per second | **${(figures.accepted / figures.seconds).toFixed(1)}** (${figures.accepted} in ${figures.seconds.toFixed(1)} s; ${figures.refused} refused) |`,
      `| confirmation round trip (housing's registerTenancyByIdentity through the gateway, with the police's identity check), p50 / p95 | ${ms(figures.confirmRoundTrip, 50)} / ${ms(figures.confirmRoundTrip, 95)} ms |`,
      `| from sending the confirmation to the tenancy readable through the gateway, p50 / p95 (${figures.confirmToReadable.length} samples) | ${ms(figures.confirmToReadable, 50)} / ${ms(figures.confirmToReadable, 95)} ms |`,
      '',
      context.figure('collection.declarations-per-second', figures.accepted / figures.seconds),
      context.figure('collection.confirm-to-readable-p50-ms', percentile([...figures.confirmToReadable].sort((a, b) => a - b), 50)),
    ].join('\n');
  },
};
