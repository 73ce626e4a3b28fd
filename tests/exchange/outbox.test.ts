import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ReferenceChecks } from '../../auth/reference-checks.js';
import { makeIdNumber } from '../../domain/index.js';
import { exchangeSchema } from '../../exchange/database.js';
import { outboundMessages, partners } from '../../exchange/db/schema.js';
import { generateCityIdentity } from '../../exchange/identity.js';
import { OutboxRelay } from '../../exchange/relay.js';
import { ExchangeStore } from '../../exchange/store.js';
import * as police from '../../subgraphs/police/db/schema.js';
import { PoliceNoticeOutbox } from '../../subgraphs/police/outbox.js';
import { PoliceRules } from '../../subgraphs/police/rules.js';
import { PoliceStore } from '../../subgraphs/police/store.js';
import { newRunId, openTestDatabase, type TestDatabase } from '../support/databases.js';
import { testLogger } from '../support/servers.js';
import { principalForRole } from '../support/tokens.js';

/** A city police office, confined to no district: these writes are about the outbox, not jurisdiction. */
const CITY_OFFICE = principalForRole('police');
// These registrations name no house, so nothing is asked of the hub; were anything asked, it would fail closed.
const NO_HUB = new ReferenceChecks({ gatewayUrl: null, checkGrant: null }, testLogger);

/**
 * The transactional outbox on a real police database: a notice exists
 * exactly when the registration that causes it committed; and the relay
 * moves notices into the exchange store once, cut to the agreement.
 */

let policeDb: TestDatabase<typeof police>;
let exchangeDb: TestDatabase<typeof exchangeSchema>;
let store: PoliceStore;
let rules: PoliceRules;
let sequence = 0;
const GRID = '510107001001';

async function person(householdDivisionCode: string, status: 'REGISTERED' | 'FLOATING') {
  sequence += 2;
  return store.insertPerson({
    id: randomUUID(),
    idNumber: makeIdNumber(householdDivisionCode, '1988-08-08', sequence, 'MALE'),
    name: '赵磊',
    sex: 'MALE',
    birthDate: '1988-08-08',
    ethnicity: '汉族',
    householdDivisionCode,
    householdAddress: '某地某路1号',
    phone: '13700001111',
    status,
  });
}

const outbox = () => policeDb.db.select().from(police.exchangeOutbox).orderBy(police.exchangeOutbox.seq);
const residencesOf = (personId: string) => policeDb.db.select().from(police.residenceRegistrations).where(eq(police.residenceRegistrations.personId, personId));
const residence = (personId: string, gridCode = GRID) => ({ personId, address: '成都市武侯区玉林路2号', divisionCode: '510107', gridCode, since: '2026-09-01' });

beforeAll(async () => {
  const runId = newRunId();
  [policeDb, exchangeDb] = await Promise.all([openTestDatabase('police', police, runId), openTestDatabase('exchange', exchangeSchema, runId)]);
  store = new PoliceStore(policeDb.db);
  rules = new PoliceRules(store, '510100');
  await policeDb.db.insert(police.grids).values({ code: GRID, name: '玉林社区第一网格', districtCode: '510107', officerName: '刘警官', class: 'REGULAR' });
}, 60_000);

afterAll(async () => {
  await Promise.all([policeDb?.destroy(), exchangeDb?.destroy()]);
});

describe('the police outbox', () => {
  it('writes an inflow notice for the home city with the residence of a floating resident, and none for a local one', async () => {
    const floating = await person('330106', 'FLOATING');
    const local = await person('510104', 'REGISTERED');
    const before = (await outbox()).length;
    await rules.registerResidence(residence(floating.id), CITY_OFFICE, NO_HUB);
    await rules.registerResidence(residence(local.id), CITY_OFFICE, NO_HUB);
    const written = (await outbox()).slice(before);
    expect(written).toHaveLength(1);
    expect(written[0]).toMatchObject({
      messageType: 'INFLOW_NOTICE',
      cityCode: '330100',
      personId: floating.id,
      relayedAt: null,
      payload: { idNumber: floating.idNumber, name: '赵磊', householdDivisionCode: '330106', residenceAddress: '成都市武侯区玉林路2号', residenceDivisionCode: '510107', residenceSince: '2026-09-01', phone: '13700001111' },
    });
  });

  it('writes an outflow notice for the destination when a registered resident moves out, and none for a floating one', async () => {
    const local = await person('510104', 'REGISTERED');
    const floating = await person('330106', 'FLOATING');
    const before = (await outbox()).length;
    await rules.recordMoveOut({ personId: local.id, destinationDivisionCode: '500103', destinationAddress: '重庆市渝中区解放碑1号', movedOn: '2026-10-10' }, CITY_OFFICE);
    await rules.recordMoveOut({ personId: floating.id, destinationDivisionCode: '500103', movedOn: '2026-10-10' }, CITY_OFFICE);
    const written = (await outbox()).slice(before);
    expect(written).toHaveLength(1);
    expect(written[0]).toMatchObject({ messageType: 'OUTFLOW_NOTICE', cityCode: '500000', personId: local.id, payload: { destinationAddress: '重庆市渝中区解放碑1号', movedOn: '2026-10-10', ethnicity: '汉族' } });
  });

  it('leaves no notice behind when the registration fails', async () => {
    const floating = await person('330106', 'FLOATING');
    const before = (await outbox()).length;
    // A grid the register does not have: the residence insert fails inside the transaction.
    await expect(
      store.replaceResidence({ id: randomUUID(), ...residence(floating.id, '510107009009'), houseCode: null, until: null }, 'FLOATING', {
        messageId: randomUUID(), messageType: 'INFLOW_NOTICE', cityCode: '330100', personId: floating.id, payload: { idNumber: floating.idNumber },
      }),
    ).rejects.toThrow();
    expect((await outbox()).length).toBe(before);
    expect(await residencesOf(floating.id)).toEqual([]);
  });

  it('leaves no registration behind when its notice cannot be written', async () => {
    const floating = await person('330106', 'FLOATING');
    await rules.registerResidence(residence(floating.id), CITY_OFFICE, NO_HUB);
    const [taken] = (await outbox()).slice(-1);
    const [current] = await residencesOf(floating.id);
    // The notice reuses a message id already in the outbox, so its insert fails last in the transaction.
    await expect(
      store.replaceResidence({ id: randomUUID(), ...residence(floating.id), since: '2026-10-01', houseCode: null, until: null }, 'FLOATING', {
        messageId: taken!.messageId, messageType: 'INFLOW_NOTICE', cityCode: '330100', personId: floating.id, payload: { idNumber: floating.idNumber },
      }),
    ).rejects.toThrow();
    const after = await residencesOf(floating.id);
    expect(after).toEqual([current]);
    expect(after[0]!.until).toBeNull();
  });
});

describe('the relay', () => {
  it('queues each notice once for its partner, cut to the agreement, and lets notices for other cities go', async () => {
    const exchange = new ExchangeStore(exchangeDb.db);
    const hangzhou = await generateCityIdentity('330100', '杭州市');
    await exchangeDb.db.insert(partners).values({
      code: '330100', name: '杭州市', inboxUrl: 'http://127.0.0.1:9/exchange/v1/inbox', publicKey: hangzhou.publicJwk, keyFingerprint: hangzhou.fingerprint,
      status: 'ACTIVE', agreement: { INFLOW_NOTICE: ['idNumber', 'name', 'residenceSince'] },
    });
    const relay = new OutboxRelay(new PoliceNoticeOutbox(policeDb.db), exchange, testLogger);
    // Whatever earlier tests left: Hangzhou notices and one for Chongqing, which is no partner.
    const unrelayed = (await outbox()).filter((r) => r.relayedAt === null);
    const forHangzhou = unrelayed.filter((r) => r.cityCode === '330100' && r.messageType === 'INFLOW_NOTICE');
    expect(forHangzhou.length).toBeGreaterThan(0);
    expect(unrelayed.some((r) => r.cityCode === '500000')).toBe(true);

    // A relay that crashed after queueing the first notice, before marking it, left it queued.
    const first = forHangzhou[0]!;
    await exchange.enqueue([{ id: first.messageId, partnerCode: '330100', messageType: 'INFLOW_NOTICE', personId: first.personId, payload: { idNumber: first.payload.idNumber! }, occurredAt: first.occurredAt, status: 'PENDING' }]);

    expect(await relay.relayOnce()).toBe(unrelayed.length);
    expect(await relay.relayOnce()).toBe(0);
    const queued = await exchangeDb.db.select().from(outboundMessages).orderBy(outboundMessages.seq);
    expect(queued.map((q) => q.id).sort()).toEqual(forHangzhou.map((r) => r.messageId).sort());
    for (const row of queued.slice(1)) expect(Object.keys(row.payload).sort()).toEqual(['idNumber', 'name', 'residenceSince']);
    expect((await outbox()).every((r) => r.relayedAt !== null)).toBe(true);
  });
});
