import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { DEV_ISSUER, HUB_AUDIENCE, signCallerToken } from '../auth/caller.js';
import { ensureDevKeys } from '../auth/dev-keys.js';
import { readSigningKey } from '../auth/keys.js';
import { makeIdNumber } from '../domain/index.js';
import { fromRoot } from '../platform/paths.js';
import { claimsFor, parseTokenArgs } from './token.js';

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

interface City {
  name: string;
  code: string;
  dataDir: string;
  /** Gateway port; the subgraphs, exchange and inbox follow it. */
  base: number;
  child?: ChildProcess;
}

const exitAfter = process.argv.includes('--exit');
const root = path.resolve(process.env.DEMO_DATA_DIR ?? fromRoot('data', 'two-cities'));
const cities: [City, City] = [
  { name: '成都市', code: '510100', dataDir: path.join(root, 'chengdu'), base: 4100 },
  { name: '杭州市', code: '330100', dataDir: path.join(root, 'hangzhou'), base: 4200 },
];
const [chengdu, hangzhou] = cities;
const say = (line = '') => process.stdout.write(`${line}\n`);
const gateway = (city: City) => `http://127.0.0.1:${city.base}/graphql`;
const inbox = (city: City) => `http://127.0.0.1:${city.base + 7}/exchange/v1/inbox`;

function start(city: City): Promise<void> {
  const port = (offset: number) => String(city.base + offset);
  const child = spawn(process.execPath, ['--import', 'tsx', fromRoot('scripts', 'start.ts')], {
    cwd: fromRoot(),
    env: {
      ...process.env,
      DATABASE_URL: '',
      NODE_ENV: 'development',
      LOG_LEVEL: 'warn',
      HUB_DATA_DIR: city.dataDir,
      HUB_CITY_CODE: city.code,
      HUB_CITY_NAME: city.name,
      SEED_PERSONS: process.env.SEED_PERSONS ?? '2000',
      SEED_KEY: `demo-${city.code}`,
      GATEWAY_PORT: port(0),
      POLICE_PORT: port(1),
      HOUSING_PORT: port(2),
      LABOUR_PORT: port(3),
      HEALTH_PORT: port(4),
      AUDIT_PORT: port(5),
      EXCHANGE_PORT: port(6),
      EXCHANGE_INBOX_PORT: port(7),
      EXCHANGE_POLL_MS: '200',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  city.child = child;
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`${city.name} hub exited with code ${code} before it was ready`)));
    createInterface({ input: child.stdout! }).on('line', (line) => {
      if (line.startsWith('Population data hub ready')) resolve();
    });
  });
}

async function token(city: City, dept: string, extra: string[] = []): Promise<string> {
  const files = await ensureDevKeys(city.dataDir);
  const signer = await readSigningKey(files.issuerPrivateKeyFile, 'EdDSA');
  return signCallerToken(signer, claimsFor(parseTokenArgs(['--dept', dept, '--sub', `demo-${dept}`, ...extra])!), { issuer: DEV_ISSUER, audience: HUB_AUDIENCE, ttlSeconds: 3600 });
}

async function ask(city: City, role: string, purpose: string, query: string, variables: Record<string, unknown> = {}) {
  const response = await fetch(gateway(city), {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${await token(city, role)}`, 'x-purpose': purpose },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: Record<string, any>; errors?: { message: string }[] };
  if (body.errors?.length) throw new Error(`${city.name}: ${body.errors.map((e) => e.message).join('; ')}`);
  return body.data!;
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
  const existing = await ask(city, 'admin', 'inter-city-exchange', `query($c: String!) { exchangePartner(code: $c) { status } }`, { c: published.code });
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

try {
  say(`Starting two cities under ${root} (first start seeds each) ...`);
  await Promise.all(cities.map(start));
  say(`  ${chengdu.name} gateway ${gateway(chengdu)}, inbox ${inbox(chengdu)}`);
  say(`  ${hangzhou.name} gateway ${gateway(hangzhou)}, inbox ${inbox(hangzhou)}`);

  say('\n1. The cities exchange public keys and agree which fields to share');
  await partner(chengdu, hangzhou);
  await partner(hangzhou, chengdu);

  say(`\n2. A ${chengdu.name} native registers residence in ${hangzhou.name}; ${hangzhou.name} tells ${chengdu.name}`);
  const idNumber = makeIdNumber('510107', '1992-06-18', 900 + (Date.now() % 90), 'FEMALE');
  const person = await ask(hangzhou, 'police', 'population-management', `mutation($input: RegisterPersonInput!) { registerPerson(input: $input) { person { id } } }`, {
    input: { idNumber, name: '张蓉', ethnicity: '汉族', householdDivisionCode: '510107', householdAddress: '四川省成都市武侯区玉林北路3号', phone: '13912340000' },
  });
  const grid = await ask(hangzhou, 'police', 'population-management', '{ grids(first: 1) { edges { node { code } } } }');
  const gridCode = grid.grids.edges[0].node.code as string;
  await ask(hangzhou, 'police', 'population-management', `mutation($input: RegisterResidenceInput!) { registerResidence(input: $input) { registration { id } } }`, {
    input: { personId: person.registerPerson.person.id, address: '浙江省杭州市西湖区文三路90号', divisionCode: gridCode.slice(0, 6), gridCode, since: new Date().toISOString().slice(0, 10) },
  });
  const told = await until(`${chengdu.name} to receive the notice`, async () => {
    const data = await ask(chengdu, 'police', 'population-management', `query($n: String) { residentsInPartnerCities(idNumber: $n) { edges { node { partnerCode name residenceAddress residenceSince phone droppedFields } } } }`, { n: idNumber });
    return data.residentsInPartnerCities.edges[0]?.node;
  });
  say(`  ${chengdu.name} now knows: ${JSON.stringify(told)}`);
  say('  (the phone number stayed in Hangzhou: the agreement does not name it)');

  say(`\n3. A ${chengdu.name} resident moves to ${hangzhou.name}; ${chengdu.name} tells ${hangzhou.name}`);
  const residents = await ask(chengdu, 'police', 'population-management', '{ persons(first: 20, filter: { status: REGISTERED }) { edges { node { id idNumber name } } } }');
  const mover = residents.persons.edges[0].node as { id: string; idNumber: string; name: string };
  await ask(chengdu, 'police', 'population-management', `mutation($input: RecordMoveOutInput!) { recordMoveOut(input: $input) { person { status } } }`, {
    input: { personId: mover.id, destinationDivisionCode: '330106', destinationAddress: '浙江省杭州市西湖区天目山路18号', movedOn: new Date().toISOString().slice(0, 10) },
  });
  const arrival = await until(`${hangzhou.name} to receive the notice`, async () => {
    const data = await ask(hangzhou, 'police', 'population-management', `query($n: String) { arrivalsFromPartnerCities(idNumber: $n) { edges { node { partnerCode name destinationAddress movedOn } } } }`, { n: mover.idNumber });
    return data.arrivalsFromPartnerCities.edges[0]?.node;
  });
  say(`  ${hangzhou.name} now knows: ${JSON.stringify(arrival)}`);

  say('\n4. The exchange log, as an auditor of each city sees it');
  for (const [city, direction] of [[chengdu, 'SENT'], [hangzhou, 'SENT']] as const) {
    const log = await ask(city, 'auditor', 'audit', `query($d: ExchangeDirection!) { exchangeLog(direction: $d, first: 3) { edges { node { partnerCode messageType status attempts fields } } } }`, { d: direction });
    for (const edge of log.exchangeLog.edges) say(`  ${city.name} ${direction.toLowerCase()}: ${JSON.stringify(edge.node)}`);
  }

  if (exitAfter) {
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
