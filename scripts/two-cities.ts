import { fileURLToPath } from 'node:url';
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { DEV_ISSUER, HUB_AUDIENCE, signCallerToken } from '../auth/caller.js';
import { ensureDevKeys } from '../auth/dev-keys.js';
import { readSigningKey } from '../auth/keys.js';
import { DIVISIONS, makeIdNumber } from '../domain/index.js';
import { PORT_VARIABLES, type HubServer } from '../hub/hub.js';
import { fromRoot } from '../platform/paths.js';
import { claimsFor, parseTokenArgs } from './token.js';
import { isEntryPoint } from '../platform/entry.js';

/**
 * Two cities on one machine, each a whole hub of its own (its own embedded
 * databases, keys and ports): Chengdu and Hangzhou. They publish their keys,
 * each registers the other as a partner with an agreement, and then a
 * Chengdu native registers residence in Hangzhou (Hangzhou tells Chengdu) and
 * a Chengdu resident moves to Hangzhou (Chengdu tells Hangzhou).
 *
 *   npm run demo:two-cities            # runs the story, then keeps both hubs up until Ctrl-C
 *   npm run demo:two-cities -- --exit  # runs the story and stops
 */

export const DEMO_USAGE = `Usage: npm run demo:two-cities -- [--exit] [--chengdu-port 4100] [--hangzhou-port 4200] [--data-dir data/two-cities] [--persons 2000]
  --chengdu-port, --hangzhou-port  each city's gateway port; its subgraphs, exchange and inbox take the ${Object.keys(PORT_VARIABLES).length - 1} after it; 0 lets the system choose free ones
  --data-dir                       where each city keeps its databases and keys (a folder per city)
  --persons                        residents seeded in each city on its first start
  --exit                           stop both cities once the story is told`;

export class DemoArgsError extends Error {}

export interface DemoSettings {
  exit: boolean;
  dataDir: string;
  persons: number;
  /** Each city's gateway port, the first of the block its servers take; 0 for free ones. */
  ports: { chengdu: number; hangzhou: number };
}

/** The ports one city's servers take from `base`, in the order their variables are named; every one free when `base` is 0. */
export function cityPorts(base: number): Record<HubServer, number> {
  return Object.fromEntries((Object.keys(PORT_VARIABLES) as HubServer[]).map((server, i) => [server, base === 0 ? 0 : base + i])) as Record<HubServer, number>;
}

const wholeNumber = (flag: string, value: string, min: number, max: number): number => {
  const n = /^\d+$/.test(value) ? Number(value) : Number.NaN;
  if (!Number.isSafeInteger(n) || n < min || n > max) throw new DemoArgsError(`--${flag} must be a whole number from ${min} to ${max}, got ${JSON.stringify(value)}`);
  return n;
};

/** Reads the command line; throws DemoArgsError with one line naming the bad flag. Returns null for --help. */
export function parseDemoArgs(argv: readonly string[]): DemoSettings | null {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        exit: { type: 'boolean', default: false },
        'chengdu-port': { type: 'string', default: '4100' },
        'hangzhou-port': { type: 'string', default: '4200' },
        'data-dir': { type: 'string', default: fromRoot('data', 'two-cities') },
        persons: { type: 'string', default: '2000' },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new DemoArgsError((error as Error).message);
  }
  if (values.help) return null;
  const block = Object.keys(PORT_VARIABLES).length;
  const chengdu = wholeNumber('chengdu-port', values['chengdu-port'], 0, 65_536 - block);
  const hangzhou = wholeNumber('hangzhou-port', values['hangzhou-port'], 0, 65_536 - block);
  if (chengdu !== 0 && hangzhou !== 0 && Math.abs(chengdu - hangzhou) < block) {
    throw new DemoArgsError(`--chengdu-port ${chengdu} and --hangzhou-port ${hangzhou} overlap: each city takes ${block} ports from its own`);
  }
  if (values['data-dir'].trim() === '') throw new DemoArgsError('--data-dir must name a folder');
  return {
    exit: values.exit,
    dataDir: path.resolve(values['data-dir']),
    persons: wholeNumber('persons', values.persons, 1, 1_000_000),
    ports: { chengdu, hangzhou },
  };
}

interface City {
  name: string;
  code: string;
  dataDir: string;
  /** Its gateway port; the other servers follow (0: free ones). */
  base: number;
  /** Where it listens, once it is ready. */
  gatewayUrl?: string;
  inboxUrl?: string;
  child?: ChildProcess;
}

/** Both cities, once main() has made them; stopped together however the demo ends. */
const cities: City[] = [];
const say = (line = '') => process.stdout.write(`${line}\n`);

function gateway(city: City): string {
  if (!city.gatewayUrl) throw new Error(`${city.name} has not said where its gateway listens`);
  return city.gatewayUrl;
}

function inbox(city: City): string {
  if (!city.inboxUrl) throw new Error(`${city.name} has not said where its inbox listens`);
  return city.inboxUrl;
}

function start(city: City, persons: number): Promise<void> {
  // The start script beside this one, run as this one is: through tsx from the sources, with plain node from the build.
  const child = spawn(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url).replace(/two-cities\.(ts|js)$/, 'start.$1')], {
    cwd: fromRoot(),
    env: {
      ...process.env,
      DATABASE_URL: '',
      NODE_ENV: 'development',
      LOG_LEVEL: 'warn',
      HUB_DATA_DIR: city.dataDir,
      HUB_CITY_CODE: city.code,
      HUB_CITY_NAME: city.name,
      SEED_PERSONS: String(persons),
      SEED_KEY: `demo-${city.code}`,
      ...Object.fromEntries(Object.entries(cityPorts(city.base)).map(([server, port]) => [PORT_VARIABLES[server as HubServer], String(port)])),
      EXCHANGE_POLL_MS: '200',
    },
    // The hub says where it listens over IPC; its banner is not this demo's to show.
    stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
  });
  city.child = child;
  // Drained and dropped, so a full pipe never stalls the hub.
  child.stdout?.resume();
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`${city.name} hub exited with code ${code} before it was ready`)));
    child.on('message', (message: { hub?: string; gatewayUrl?: string; inboxUrl?: string }) => {
      if (message.hub !== 'ready') return;
      city.gatewayUrl = message.gatewayUrl;
      city.inboxUrl = message.inboxUrl;
      resolve();
    });
  });
}

async function token(city: City, dept: string, extra: string[] = []): Promise<string> {
  const files = await ensureDevKeys(city.dataDir);
  const signer = await readSigningKey(files.issuerPrivateKeyFile, 'EdDSA');
  const request = parseTokenArgs(['--dept', dept, '--sub', `demo-${dept}`, ...extra]);
  // Null only for --help, which is never among these arguments.
  if (!request) throw new Error(`no token request for ${dept}`);
  return signCallerToken(signer, claimsFor(request), { issuer: DEV_ISSUER, audience: HUB_AUDIENCE, ttlSeconds: 3600 });
}

/** One GraphQL operation against a city's gateway; `Data` is the shape the operation selects. */
async function ask<Data>(city: City, role: string, purpose: string, query: string, variables: Record<string, unknown> = {}): Promise<Data> {
  const response = await fetch(gateway(city), {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${await token(city, role)}`, 'x-purpose': purpose },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: Data | null; errors?: { message: string }[] };
  if (body.errors?.length) throw new Error(`${city.name}: ${body.errors.map((e) => e.message).join('; ')}`);
  if (body.data === undefined || body.data === null) throw new Error(`${city.name}: the gateway answered ${response.status} with no data`);
  return body.data;
}

interface Connection<Node> {
  edges: { node: Node }[];
}

async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

const AGREEMENTS = [
  { messageType: 'INFLOW_NOTICE', fields: ['idNumber', 'name', 'sex', 'birthDate', 'householdDivisionCode', 'residenceAddress', 'residenceDivisionCode', 'residenceSince'] },
  { messageType: 'OUTFLOW_NOTICE', fields: ['idNumber', 'name', 'sex', 'birthDate', 'householdDivisionCode', 'destinationDivisionCode', 'destinationAddress', 'movedOn'] },
];

async function partner(city: City, other: City): Promise<void> {
  const published = (await (await fetch(inbox(other).replace('/inbox', '/key'))).json()) as { code: string; name: string; fingerprint: string; key: unknown };
  say(`  ${city.name} registers ${published.name} (${published.code}), key fingerprint ${published.fingerprint}`);
  const existing = await ask<{ exchangePartner: { status: string } | null }>(city, 'admin', 'inter-city-exchange', `query($c: String!) { exchangePartner(code: $c) { status } }`, { c: published.code });
  if (existing.exchangePartner && existing.exchangePartner.status !== 'REMOVED') return;
  await ask(city, 'admin', 'inter-city-exchange', `mutation($input: AddExchangePartnerInput!) { addExchangePartner(input: $input) { partner { code } } }`, {
    input: { code: published.code, name: published.name, inboxUrl: inbox(other), publicKey: JSON.stringify(published.key), agreements: AGREEMENTS },
  });
}

async function stopAll(): Promise<void> {
  await Promise.all(
    cities.map(
      (city) =>
        new Promise<void>((resolve) => {
          if (!city.child || city.child.exitCode !== null) return resolve();
          city.child.once('exit', () => resolve());
          city.child.kill('SIGTERM');
        }),
    ),
  );
}

async function main(settings: DemoSettings): Promise<void> {
  const chengdu: City = { name: '成都市', code: '510100', dataDir: path.join(settings.dataDir, 'chengdu'), base: settings.ports.chengdu };
  const hangzhou: City = { name: '杭州市', code: '330100', dataDir: path.join(settings.dataDir, 'hangzhou'), base: settings.ports.hangzhou };
  cities.push(chengdu, hangzhou);
  try {
    say(`Starting two cities under ${settings.dataDir} (first start seeds each) ...`);
    await Promise.all(cities.map((city) => start(city, settings.persons)));
    say(`  ${chengdu.name} gateway ${gateway(chengdu)}, inbox ${inbox(chengdu)}`);
    say(`  ${hangzhou.name} gateway ${gateway(hangzhou)}, inbox ${inbox(hangzhou)}`);

    say('\n1. The cities exchange public keys and agree which fields to share');
    await partner(chengdu, hangzhou);
    await partner(hangzhou, chengdu);

    say(`\n2. A ${chengdu.name} native registers residence in ${hangzhou.name}; ${hangzhou.name} tells ${chengdu.name}`);
    const idNumber = makeIdNumber('510107', '1992-06-18', 900 + (Date.now() % 90), 'FEMALE');
    const person = await ask<{ registerPerson: { person: { id: string } } }>(hangzhou, 'police', 'population-management', `mutation($input: RegisterPersonInput!) { registerPerson(input: $input) { person { id } } }`, {
      input: { idNumber, name: '张蓉', ethnicity: '汉族', householdDivisionCode: '510107', householdAddress: '四川省成都市武侯区玉林北路3号', phone: '13912340000' },
    });
    const grid = await ask<{ grids: Connection<{ code: string }> }>(hangzhou, 'police', 'population-management', '{ grids(first: 1) { edges { node { code } } } }');
    const gridCode = grid.grids.edges[0]?.node.code;
    if (gridCode === undefined) throw new Error(`${hangzhou.name} has no grid to register the residence in`);
    await ask(hangzhou, 'police', 'population-management', `mutation($input: RegisterResidenceInput!) { registerResidence(input: $input) { registration { id } } }`, {
      input: { personId: person.registerPerson.person.id, address: `浙江省杭州市${DIVISIONS.get(gridCode.slice(0, 6)) ?? ''}文三路90号`, divisionCode: gridCode.slice(0, 6), gridCode, since: new Date().toISOString().slice(0, 10) },
    });
    const told = await until(`${chengdu.name} to receive the notice`, async () => {
      const data = await ask<{ residentsInPartnerCities: Connection<unknown> }>(chengdu, 'police', 'population-management', `query($n: String) { residentsInPartnerCities(idNumber: $n) { edges { node { partnerCode name residenceAddress residenceSince phone droppedFields } } } }`, { n: idNumber });
      return data.residentsInPartnerCities.edges[0]?.node;
    });
    say(`  ${chengdu.name} now knows: ${JSON.stringify(told)}`);
    say('  (the phone number stayed in Hangzhou: the agreement does not name it)');

    say(`\n3. A ${chengdu.name} resident moves to ${hangzhou.name}; ${chengdu.name} tells ${hangzhou.name}`);
    const residents = await ask<{ persons: Connection<{ id: string; idNumber: string; name: string }> }>(chengdu, 'police', 'population-management', '{ persons(first: 20, filter: { status: REGISTERED }) { edges { node { id idNumber name } } } }');
    const mover = residents.persons.edges[0]?.node;
    if (mover === undefined) throw new Error(`${chengdu.name} has no registered resident to move`);
    await ask(chengdu, 'police', 'population-management', `mutation($input: RecordMoveOutInput!) { recordMoveOut(input: $input) { person { status } } }`, {
      input: { personId: mover.id, destinationDivisionCode: '330106', destinationAddress: '浙江省杭州市西湖区天目山路18号', movedOn: new Date().toISOString().slice(0, 10) },
    });
    const arrival = await until(`${hangzhou.name} to receive the notice`, async () => {
      const data = await ask<{ arrivalsFromPartnerCities: Connection<unknown> }>(hangzhou, 'police', 'population-management', `query($n: String) { arrivalsFromPartnerCities(idNumber: $n) { edges { node { partnerCode name destinationAddress movedOn } } } }`, { n: mover.idNumber });
      return data.arrivalsFromPartnerCities.edges[0]?.node;
    });
    say(`  ${hangzhou.name} now knows: ${JSON.stringify(arrival)}`);

    say('\n4. The exchange log, as an auditor of each city sees it');
    for (const [city, direction] of [[chengdu, 'SENT'], [hangzhou, 'SENT']] as const) {
      const log = await ask<{ exchangeLog: Connection<unknown> }>(city, 'auditor', 'audit', `query($d: ExchangeDirection!) { exchangeLog(direction: $d, first: 3) { edges { node { partnerCode messageType status attempts fields } } } }`, { d: direction });
      for (const edge of log.exchangeLog.edges) say(`  ${city.name} ${direction.toLowerCase()}: ${JSON.stringify(edge.node)}`);
    }

    if (settings.exit) {
      say('\nDone.');
    } else {
      say(`\nBoth cities keep running; try them with tokens from npm run token (HUB_DATA_DIR=${chengdu.dataDir} or ${hangzhou.dataDir}). Ctrl-C stops both.`);
      await new Promise<void>((resolve) => {
        process.once('SIGINT', () => resolve());
        process.once('SIGTERM', () => resolve());
      });
    }
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    process.exitCode = 1;
  } finally {
    await stopAll();
  }
}

if (isEntryPoint(import.meta.url)) {
  let settings: DemoSettings | null;
  try {
    settings = parseDemoArgs(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof DemoArgsError)) throw error;
    process.stderr.write(`${error.message}\n${DEMO_USAGE}\n`);
    process.exit(2);
  }
  if (settings === null) process.stdout.write(`${DEMO_USAGE}\n`);
  else await main(settings);
}
