import { DEV_ISSUER, HUB_AUDIENCE, signCallerToken } from '../../auth/caller.js';
import { claimsFor, parseTokenArgs } from '../../scripts/token.js';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { PGlite } from '@electric-sql/pglite';
import { and, isNotNull, isNull } from 'drizzle-orm';
import { Checkpointer, checkpointDirFromEnv, checkpointKeyFromEnv } from '../../audit/checkpoint.js';
import { openAuditDatabase } from '../../audit/database.js';
import { ensureDevKeys } from '../../auth/dev-keys.js';
import { readJwksFile, readSigningKey, type SigningKey } from '../../auth/keys.js';
import { DIVISIONS, makeIdNumber } from '../../domain/index.js';
import { generateCityIdentity } from '../../exchange/identity.js';
import { signNotice, type CityIdentity } from '../../exchange/signing.js';
import type { DatabaseTarget } from '../../platform/db.js';
import { parseEnv } from '../../hub/env.js';
import { healthProfiles, vaccinations } from '../../subgraphs/health/db/schema.js';
import { houses, tenancies } from '../../subgraphs/housing/db/schema.js';
import { employers, employments } from '../../subgraphs/labour/db/schema.js';
import { keyPersonFlags, persons, residencePermits, residenceRegistrations } from '../../subgraphs/police/db/schema.js';
import { writeChainAt } from '../support/audit.js';
import { startTestHub, type TestHub } from '../support/hub.js';
import { testLogger } from '../support/servers.js';
import { EXAMPLE_VARIABLES } from './markdown.js';

/*
 * The hub the documentation's examples run against, and the values their
 * variables stand for. Tokens come from the development issuer whose keys lie
 * in the hub's data folder, as with `npm start`, so `npm run token` in a shell
 * example makes tokens this hub accepts. Every value is read from the seeded
 * city at run time, or made relative to today.
 */

/** The partner city of the exchange examples. */
export const PARTNER = { code: '330100', name: '杭州市' } as const;

export interface DocsHub {
  hub: TestHub;
  /** HUB_DATA_DIR for the shell examples: the development keys, checkpoints and anything the commands write. */
  dataDir: string;
  /** The development issuer's key, as `npm run token` uses it. */
  issuer: SigningKey;
  /** The partner city, its key held here: it sends this hub notices as that city's hub would. */
  partner: CityIdentity;
  /** Values of the examples' variables, by name. */
  variables: Map<string, unknown>;
  close(): Promise<void>;
}

export async function startDocsHub(): Promise<DocsHub> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'hub-docs-'));
  const keys = await ensureDevKeys(dataDir);
  const hub = await startTestHub({
    callerTokens: { keys: await readJwksFile(keys.issuerJwksFile) },
    // One failed delivery fails a notice, so the retry example has a failed notice to put back.
    exchange: { maxAttempts: 1 },
  });
  const partner = await generateCityIdentity(PARTNER.code, PARTNER.name);
  const docs: DocsHub = {
    hub,
    dataDir,
    issuer: await readSigningKey(keys.issuerPrivateKeyFile, 'EdDSA'),
    partner,
    variables: await variablesOf(hub, partner),
    close: async () => {
      await hub.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return docs;
}

const isoDay = (date: Date) => date.toISOString().slice(0, 10);

/**
 * What each variable of the examples holds (docs/README.md lists them for readers):
 * one resident every department knows — a floating resident with a current residence in a
 * house, a current tenancy, a current job, a residence permit and vaccinations — with that
 * residence's grid, district and house and that job's employer; instants around now; and
 * what a partner city would tell an administrator: its inbox and its public key.
 */
async function variablesOf(hub: TestHub, partner: CityIdentity): Promise<Map<string, unknown>> {
  const { police, housing, labour, health } = hub.databases;
  const residences = new Map(
    (await police.db.select().from(residenceRegistrations).where(and(isNull(residenceRegistrations.until), isNotNull(residenceRegistrations.houseCode)))).map((r) => [r.personId, r]),
  );
  const tenants = new Set((await housing.db.select().from(tenancies).where(isNull(tenancies.end))).map((t) => t.tenantId));
  const jobs = new Map((await labour.db.select().from(employments).where(isNull(employments.end))).map((e) => [e.personId, e]));
  const vaccinated = new Set((await health.db.select().from(vaccinations)).map((v) => v.personId));
  const profiled = new Set((await health.db.select().from(healthProfiles)).map((p) => p.personId));
  const permitted = new Set((await police.db.select().from(residencePermits)).map((p) => p.personId));
  const everyone = (await police.db.select().from(persons)).sort((a, b) => a.id.localeCompare(b.id));
  const resident = everyone.find(
    (p) => p.status === 'FLOATING' && residences.has(p.id) && tenants.has(p.id) && jobs.has(p.id) && vaccinated.has(p.id) && profiled.has(p.id) && permitted.has(p.id),
  );
  if (!resident) throw new Error('the seeded city has no floating resident known to every department');
  const residence = residences.get(resident.id)!;
  const [house] = (await housing.db.select().from(houses)).filter((h) => h.code === residence.houseCode);
  const job = jobs.get(resident.id)!;
  const [employer] = (await labour.db.select().from(employers)).filter((e) => e.id === job.employerId);
  if (!house || !employer) throw new Error('the resident\'s house or employer is missing from the seeded city');
  // A registered resident who lives here, for the move to the partner city.
  const mover = everyone.find((p) => p.status === 'REGISTERED' && residences.has(p.id) && p.id !== resident.id);
  if (!mover) throw new Error('the seeded city has no registered resident with a residence');
  // A key person of the seeded city free to rent a home today: the README's alert example registers their tenancy.
  const flaggedIds = new Set((await police.db.select().from(keyPersonFlags)).map((f) => f.personId));
  const anyTenancy = new Set((await housing.db.select().from(tenancies)).map((t) => t.tenantId));
  const flagged = everyone.find((p) => flaggedIds.has(p.id) && p.status !== 'MOVED_OUT' && !anyTenancy.has(p.id) && p.id !== resident.id && p.id !== mover.id);
  if (!flagged) throw new Error('the seeded city has no key person without a tenancy');

  const now = Date.now();
  const variables = new Map<string, unknown>([
    ['idNumber', resident.idNumber],
    ['name', resident.name],
    ['personId', resident.id],
    ['gridCode', residence.gridCode],
    ['divisionCode', residence.divisionCode],
    ['houseCode', house.code],
    ['houseId', house.id],
    ['creditCode', employer.creditCode],
    ['employerId', employer.id],
    ['moverId', mover.id],
    ['flaggedPersonId', flagged.id],
    // A code no house of the seeded city has: its grid's code and a number past any seeded house's.
    ['newHouseCode', `${residence.gridCode}900001`],
    // Another, for the house a file of legacy records brings in (docs/import.md).
    ['importedHouseCode', `${residence.gridCode}900002`],
    // An address names its district: the seeded resident's district is not fixed by the docs.
    ['newAddress', `成都市${DIVISIONS.get(residence.divisionCode) ?? ''}大同路33号2栋1单元302室`],
    // An employer's address in the same district, which the address rule takes as it takes the flat's.
    ['newEmployerAddress', `成都市${DIVISIONS.get(residence.divisionCode) ?? ''}大同路60号`],
    ['today', isoDay(new Date(now))],
    ['from', new Date(now - 24 * 3600_000).toISOString()],
    ['to', new Date(now + 3600_000).toISOString()],
    ['partnerKey', JSON.stringify({ kty: partner.publicJwk.kty, crv: partner.publicJwk.crv, x: partner.publicJwk.x })],
    ['partnerInbox', await closedInbox()],
  ]);
  const names = [...variables.keys()].sort().join(', ');
  if (names !== [...EXAMPLE_VARIABLES].sort().join(', ')) throw new Error(`the variables found (${names}) are not those the examples are told of`);
  return variables;
}

/** An inbox address nothing answers at: the partner's hub is not up yet, so deliveries to it fail. */
async function closedInbox(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}/exchange/v1/inbox`;
}

/** Environment variable names for the variables, in shell examples: idNumber → ID_NUMBER. */
export const envName = (variable: string): string => variable.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase();

/**
 * What the world does between examples, named by an example's `given=`: things no caller of
 * this hub does, but a partner city or time does.
 */
export const GIVEN: Readonly<Record<string, (docs: DocsHub) => Promise<void>>> = {
  /** A rule over a tenancy raises a key-person alert for the police of the grid, as the police's rule engine would. */
  alerts: async ({ hub }) => {
    const [home] = await hub.databases.police.db.select().from(residenceRegistrations).where(isNull(residenceRegistrations.until)).limit(1);
    if (!home) throw new Error('the seeded city has no current residence');
    await hub.events.publishAlert({
      key: `key-person.tenancy:${randomUUID()}`,
      rule: 'key-person.tenancy',
      kind: 'KEY_PERSON',
      recipient: { department: 'police', gridCode: home.gridCode, divisionCode: home.divisionCode },
      subject: { personId: home.personId, houseId: null, employerId: null },
      details: { flagCategory: '涉稳', flagLevel: '2' },
      summary: 'A key person registered a tenancy in this grid',
      purposes: ['public-security', 'case-investigation'],
      eventId: randomUUID(),
      eventType: 'TenancyRegistered',
      occurredAt: new Date().toISOString(),
    });
  },
  /** A housing system pages through the register faster than any clerk, and the anomaly detector's next pass flags it. */
  'anomaly-flags': async ({ hub, issuer }) => {
    // Signed by the development issuer the examples' hub trusts, as `npm run token -- --dept housing` would.
    const request = parseTokenArgs(['--dept', 'housing', '--sub', 'housing-batch-export']);
    if (!request) throw new Error('no token request');
    const token = await signCallerToken(issuer, claimsFor(request), {
      issuer: DEV_ISSUER,
      audience: HUB_AUDIENCE,
      ttlSeconds: 600,
    });
    const headers = { authorization: `Bearer ${token}`, 'x-purpose': 'housing-administration' };
    const response = await fetch(hub.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ query: '{ persons(first: 100) { edges { node { id name } } } }' }),
    });
    if (response.status !== 200) throw new Error(`the housing system's page of the register was refused: ${response.status} ${await response.text()}`);
    await hub.audit.flush();
    await hub.anomalies.runOnce();
  },
  /** The partner city tells this hub of one of its residents who lives there now, and of one of its own who moved here. */
  'partner-notices': async ({ hub, partner }) => {
    const [ours] = (await hub.databases.police.db.select().from(persons)).filter((p) => p.status === 'REGISTERED').sort((a, b) => b.id.localeCompare(a.id));
    if (!ours) throw new Error('the seeded city has no registered resident');
    const now = new Date();
    const messages = await Promise.all([
      signNotice(partner, hub.exchange.identity.code, {
        id: randomUUID(),
        type: 'INFLOW_NOTICE',
        occurredAt: now,
        payload: {
          idNumber: ours.idNumber,
          name: ours.name,
          sex: ours.sex,
          birthDate: ours.birthDate,
          householdDivisionCode: ours.householdDivisionCode,
          residenceAddress: '杭州市西湖区文三路90号3幢2单元501室',
          residenceDivisionCode: '330106',
          residenceSince: isoDay(new Date(now.getTime() - 30 * 86_400_000)),
          phone: ours.phone,
        },
      }),
      signNotice(partner, hub.exchange.identity.code, {
        id: randomUUID(),
        type: 'OUTFLOW_NOTICE',
        occurredAt: now,
        payload: {
          idNumber: makeIdNumber('330106', '1990-05-12', 37, 'MALE'),
          name: '周建国',
          sex: 'MALE',
          birthDate: '1990-05-12',
          ethnicity: '汉族',
          householdDivisionCode: '330106',
          householdAddress: '杭州市西湖区天目山路176号',
          destinationDivisionCode: '510107',
          destinationAddress: '成都市武侯区科华北路65号',
          movedOn: isoDay(new Date(now.getTime() - 7 * 86_400_000)),
        },
      }),
    ]);
    const response = await fetch(hub.exchange.inboxUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ messages }) });
    if (response.status !== 200) throw new Error(`the hub's inbox refused the partner's notices: ${response.status} ${await response.text()}`);
  },
};

/**
 * Where the audit commands find the hub's audit store, with what `npm start` keeps beside it:
 * a month of the log behind the current one (so there is a month to archive) and a signed
 * checkpoint of every chain. On PGlite the commands get a copy of the store as it stands (an
 * embedded store is one process's), under the data folder where they look; on PostgreSQL they
 * are given its URL. Returns the environment the commands need.
 */
export async function auditStoreForCommands(docs: DocsHub): Promise<Record<string, string>> {
  const { hub, dataDir } = docs;
  await hub.audit.flush();
  const live = hub.audit.database;
  let target: DatabaseTarget;
  let env: Record<string, string> = {};
  if (live.pglite) {
    const dir = path.join(dataDir, 'pglite', 'audit');
    mkdirSync(dir, { recursive: true });
    const copy = new PGlite(dir, { loadDataDir: await live.pglite.dumpDataDir('none') });
    await copy.waitReady;
    await copy.close();
    target = { kind: 'pglite', dir };
  } else {
    if (live.target.kind !== 'postgres') throw new Error('the audit store is neither embedded nor on PostgreSQL');
    target = { kind: 'postgres', url: live.target.url, poolSize: 2 };
    env = { AUDIT_DATABASE_URL: live.target.url };
  }
  const store = await openAuditDatabase(target, { migrate: false });
  try {
    await writeLastMonth(store);
    const config = parseEnv({ NODE_ENV: 'development', HUB_DATA_DIR: dataDir });
    const checkpointer = await Checkpointer.open(store, { dir: checkpointDirFromEnv(config), key: await checkpointKeyFromEnv(config), logger: testLogger, intervalMs: 0 });
    await checkpointer.checkpoint('start');
    await checkpointer.stop();
  } finally {
    await store.close();
  }
  return env;
}

/** Events a writer appended last month, hashed with the hub's own function into a chain of their own. */
async function writeLastMonth(store: Awaited<ReturnType<typeof openAuditDatabase>>): Promise<void> {
  const now = new Date();
  const times = [3, 12, 21].map((day) => new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, day, 2)).toISOString());
  await writeChainAt(store, `police:last-month:1:${randomUUID().slice(0, 8)}`, times, () => ({ requestId: randomUUID(), subject: 'dev-police', recordIds: [randomUUID()] }));
}
