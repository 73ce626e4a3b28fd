import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIVISIONS, makeIdNumber } from '../../domain/index.js';
import { inboundMessages, outboundMessages } from '../../exchange/db/schema.js';
import { generateCityIdentity } from '../../exchange/identity.js';
import { signNotice, verifyReceipt } from '../../exchange/signing.js';
import { grids, persons } from '../../subgraphs/police/db/schema.js';
import { alterFirstNotice, startGate, type Gate } from '../support/gate.js';
import { graphql } from '../support/graphql.js';
import { startTestHub, type TestHub } from '../support/hub.js';

/**
 * Two hubs as two cities, each with its own databases and ports on loopback:
 * Chengdu (510100) and Hangzhou (330100). Each registers the other as a
 * partner through its own gateway, and notices travel between their inboxes,
 * signed, through a gate the tests can take down or tamper with.
 */

let chengdu: TestHub;
let hangzhou: TestHub;
/** Between Chengdu's delivery worker and Hangzhou's inbox. */
let toHangzhou: Gate;
let sequence = 100;

const INFLOW_FIELDS = ['idNumber', 'name', 'sex', 'birthDate', 'householdDivisionCode', 'residenceAddress', 'residenceDivisionCode', 'residenceSince', 'phone'];
const OUTFLOW_FIELDS = ['idNumber', 'name', 'sex', 'birthDate', 'ethnicity', 'householdDivisionCode', 'householdAddress', 'destinationDivisionCode', 'destinationAddress', 'movedOn', 'phone'];
/** What Hangzhou agreed to take in outflow notices: no ethnicity, no phone. */
const HANGZHOU_OUTFLOW_FIELDS = ['idNumber', 'name', 'sex', 'birthDate', 'householdDivisionCode', 'householdAddress', 'destinationDivisionCode', 'destinationAddress', 'movedOn'];

const PARTNER = `mutation($input: AddExchangePartnerInput!) { addExchangePartner(input: $input) { partner { code status keyFingerprint } } }`;

async function admin(hub: TestHub, query: string, variables: Record<string, unknown> = {}) {
  return graphql(hub.gatewayUrl, query, variables, hub.headers('admin', 'inter-city-exchange'));
}

async function police(hub: TestHub, query: string, variables: Record<string, unknown> = {}) {
  return graphql(hub.gatewayUrl, query, variables, hub.headers('police', 'population-management'));
}

/** Registers `partner` with `hub`, taking its key from its published key endpoint. */
async function register(hub: TestHub, partner: TestHub, options: { inboxUrl?: string; outflow?: string[] } = {}) {
  const published = (await (await fetch(partner.exchange.keyUrl)).json()) as { code: string; name: string; fingerprint: string; key: unknown };
  expect(published.fingerprint).toBe(partner.exchange.identity.fingerprint);
  const response = await admin(hub, PARTNER, {
    input: {
      code: published.code,
      name: published.name,
      inboxUrl: options.inboxUrl ?? partner.exchange.inboxUrl,
      publicKey: JSON.stringify(published.key),
      agreements: [
        { messageType: 'INFLOW_NOTICE', fields: INFLOW_FIELDS },
        { messageType: 'OUTFLOW_NOTICE', fields: options.outflow ?? OUTFLOW_FIELDS },
      ],
    },
  });
  expect(response.body.errors).toBeUndefined();
  expect(response.body.data?.addExchangePartner.partner).toEqual({ code: published.code, status: 'ACTIVE', keyFingerprint: published.fingerprint });
}

/** A Chengdu native arriving in Hangzhou: registered there, living in one of its grids. */
async function chengduNativeMovesToHangzhou(): Promise<{ idNumber: string; personId: string }> {
  sequence += 2;
  const idNumber = makeIdNumber('510107', '1991-03-04', sequence, 'FEMALE');
  const registered = await police(hangzhou, `mutation($input: RegisterPersonInput!) { registerPerson(input: $input) { person { id status } } }`, {
    input: { idNumber, name: '李蓉', ethnicity: '汉族', householdDivisionCode: '510107', householdAddress: '四川省成都市武侯区玉林路1号', phone: '13912345678' },
  });
  expect(registered.body.errors).toBeUndefined();
  const personId = registered.body.data?.registerPerson.person.id as string;
  expect(registered.body.data?.registerPerson.person.status).toBe('FLOATING');
  const [grid] = await hangzhou.databases.police.db.select().from(grids).limit(1);
  const residence = await police(hangzhou, `mutation($input: RegisterResidenceInput!) { registerResidence(input: $input) { registration { id } } }`, {
    input: { personId, address: `浙江省杭州市${DIVISIONS.get(grid!.code.slice(0, 6)) ?? ''}文三路8号`, divisionCode: grid!.code.slice(0, 6), gridCode: grid!.code, since: '2026-10-01' },
  });
  expect(residence.body.errors).toBeUndefined();
  return { idNumber, personId };
}

/** A registered Chengdu resident recorded as moved to Hangzhou. */
async function chengduResidentLeavesForHangzhou(): Promise<{ idNumber: string; personId: string }> {
  const [resident] = await chengdu.databases.police.db.select().from(persons).where(eq(persons.status, 'REGISTERED')).limit(1);
  const moved = await police(chengdu, `mutation($input: RecordMoveOutInput!) { recordMoveOut(input: $input) { person { status } } }`, {
    input: { personId: resident!.id, destinationDivisionCode: '330106', destinationAddress: '浙江省杭州市西湖区天目山路1号', movedOn: '2026-11-01' },
  });
  expect(moved.body.errors).toBeUndefined();
  expect(moved.body.data?.recordMoveOut.person.status).toBe('MOVED_OUT');
  return { idNumber: resident!.idNumber, personId: resident!.id };
}

const inbound = (hub: TestHub) => hub.exchange.database.db.select().from(inboundMessages);
const outbound = (hub: TestHub) => hub.exchange.database.db.select().from(outboundMessages).orderBy(outboundMessages.seq);

/** Runs delivery rounds until nothing is due or pending work stops moving. */
async function deliver(hub: TestHub, rounds = 1) {
  const reports = [];
  for (let i = 0; i < rounds; i += 1) reports.push(await hub.exchange.worker.runOnce());
  return reports;
}

async function waitUntilDue(hub: TestHub) {
  const rows = await outbound(hub);
  const next = Math.max(...rows.filter((r) => r.status === 'PENDING').map((r) => r.nextAttemptAt.getTime()));
  if (Number.isFinite(next)) await new Promise((resolve) => setTimeout(resolve, Math.max(0, next - Date.now() + 20)));
}

beforeAll(async () => {
  [chengdu, hangzhou] = await Promise.all([
    startTestHub({ cityCode: '510100', key: 'exchange-chengdu', persons: 120 }),
    startTestHub({ cityCode: '330100', key: 'exchange-hangzhou', persons: 120 }),
  ]);
  toHangzhou = await startGate(hangzhou.exchange.inboxUrl);
  await register(chengdu, hangzhou, { inboxUrl: toHangzhou.url });
  await register(hangzhou, chengdu, { outflow: HANGZHOU_OUTFLOW_FIELDS });
}, 180_000);

afterAll(async () => {
  await toHangzhou?.close();
  await Promise.all([chengdu?.close(), hangzhou?.close()]);
});

describe('two cities exchanging notices', () => {
  it('tells the home city, through its gateway, that its resident registered residence in the partner city', async () => {
    const { idNumber, personId } = await chengduNativeMovesToHangzhou();
    const [report] = await deliver(hangzhou);
    expect(report).toMatchObject({ delivered: 1, failed: 0, retrying: 0 });

    const listed = await police(chengdu, `query($n: String) { residentsInPartnerCities(idNumber: $n) { edges { node { partnerCode idNumber name residenceAddress residenceDivisionCode residenceSince phone droppedFields } } } }`, { n: idNumber });
    expect(listed.body.errors).toBeUndefined();
    expect(listed.body.data?.residentsInPartnerCities.edges.map((e: { node: unknown }) => e.node)).toEqual([
      { partnerCode: '330100', idNumber, name: '李蓉', residenceAddress: expect.stringMatching(/^浙江省杭州市.+文三路8号$/), residenceDivisionCode: expect.stringMatching(/^3301/), residenceSince: '2026-10-01', phone: '13912345678', droppedFields: [] },
    ]);

    const sent = await admin(hangzhou, `{ exchangeLog(direction: SENT) { edges { node { partnerCode messageType status attempts personId deliveredAt } } } }`);
    expect(sent.body.data?.exchangeLog.edges[0].node).toMatchObject({ partnerCode: '510100', messageType: 'INFLOW_NOTICE', status: 'DELIVERED', attempts: 1, personId });
    expect(sent.body.data?.exchangeLog.edges[0].node.deliveredAt).toBeTruthy();
    // The partner's signed receipt is kept as proof of delivery, and names the notice.
    const [sentRow] = await outbound(hangzhou);
    const [receipt] = await hangzhou.exchange.store.receiptsByIds([sentRow!.receiptId!]);
    expect(receipt!.partnerCode).toBe('510100');
    const entries = await verifyReceipt(receipt!.receipt, chengdu.exchange.identity.publicJwk, { partner: '510100', sender: '330100' });
    expect(entries).toEqual([{ id: sentRow!.id, status: 'accepted', dropped: [] }]);

    // Both sides recorded the exchange against the other city, like any access.
    const sentEvents = (await hangzhou.audit.events()).filter((e) => e.typeName === 'InflowNotice');
    expect(sentEvents).toHaveLength(1);
    expect(sentEvents[0]).toMatchObject({ subject: 'city:510100', purpose: 'inter-city-exchange', recordIds: [personId] });
    const receivedEvents = (await chengdu.audit.events()).filter((e) => e.typeName === 'InflowNotice');
    expect(receivedEvents).toHaveLength(1);
    expect(receivedEvents[0]).toMatchObject({ subject: 'city:330100', purpose: 'inter-city-exchange' });
    expect(receivedEvents[0]!.fields.phone).toBe('full');
  });

  it('tells the destination city that a registered resident moved there, keeping only the fields it agreed to', async () => {
    const { idNumber } = await chengduResidentLeavesForHangzhou();
    const [report] = await deliver(chengdu);
    expect(report).toMatchObject({ relayed: 1, delivered: 1 });

    const arrivals = await police(hangzhou, `query($n: String) { arrivalsFromPartnerCities(idNumber: $n) { edges { node { partnerCode idNumber destinationAddress movedOn ethnicity phone droppedFields } } } }`, { n: idNumber });
    expect(arrivals.body.errors).toBeUndefined();
    const [notice] = arrivals.body.data!.arrivalsFromPartnerCities.edges.map((e: { node: unknown }) => e.node);
    expect(notice).toMatchObject({ partnerCode: '510100', idNumber, destinationAddress: '浙江省杭州市西湖区天目山路1号', movedOn: '2026-11-01', ethnicity: null });
    // Chengdu sent ethnicity (and phone, when known); Hangzhou's agreement does not name them, so they were dropped and the drop recorded.
    expect(notice.droppedFields).toContain('ethnicity');
    const [stored] = await hangzhou.exchange.database.db.select().from(inboundMessages).where(eq(inboundMessages.idNumber, idNumber));
    expect(Object.keys(stored!.payload)).not.toContain('ethnicity');
    const received = (await hangzhou.audit.events()).filter((e) => e.typeName === 'OutflowNotice' && e.recordIds.includes(stored!.id));
    expect(received[0]!.fields.ethnicity).toBe('denied');
  });

  it('keeps notices while the partner is down and delivers each exactly once, in order, when it comes back', async () => {
    await toHangzhou.down();
    const before = (await inbound(hangzhou)).length;
    const first = await chengduResidentLeavesForHangzhou();
    const second = await chengduResidentLeavesForHangzhou();
    const [report] = await deliver(chengdu);
    expect(report).toMatchObject({ relayed: 2, delivered: 0, retrying: 2 });
    const waiting = await admin(chengdu, `{ exchangeLog(direction: SENT, filter: { status: PENDING }) { edges { node { status attempts lastError } } } }`);
    expect(waiting.body.data?.exchangeLog.edges).toHaveLength(2);
    expect(waiting.body.data?.exchangeLog.edges[0].node).toMatchObject({ status: 'PENDING', attempts: 1, lastError: expect.stringContaining('unreachable') });

    // Still down: another attempt, backed off, nothing lost.
    await waitUntilDue(chengdu);
    await deliver(chengdu);
    expect((await outbound(chengdu)).filter((r) => r.status === 'PENDING').every((r) => r.attempts === 2)).toBe(true);

    await toHangzhou.up();
    await waitUntilDue(chengdu);
    const [after] = await deliver(chengdu);
    expect(after).toMatchObject({ delivered: 2 });
    const arrived = (await inbound(hangzhou)).slice(before);
    expect(arrived.map((r) => r.idNumber)).toEqual([first.idNumber, second.idNumber]);
    await deliver(chengdu);
    expect((await inbound(hangzhou)).length).toBe(before + 2);
  });

  it('changes nothing when the same delivery arrives twice', async () => {
    await chengduResidentLeavesForHangzhou();
    await deliver(chengdu);
    const delivery = toHangzhou.forwarded.at(-1)!;
    const count = (await inbound(hangzhou)).length;
    const events = (await hangzhou.audit.events()).length;

    const again = await fetch(hangzhou.exchange.inboxUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: delivery });
    expect(again.status).toBe(200);
    const answer = (await again.json()) as { results: { status: string }[] };
    expect(answer.results.map((r) => r.status)).toEqual(['duplicate']);
    expect((await inbound(hangzhou)).length).toBe(count);
    expect((await hangzhou.audit.events()).length).toBe(events);
  });

  it('refuses a notice altered in transit, stores nothing, and delivers the intact notice on the next attempt', async () => {
    const count = (await inbound(hangzhou)).length;
    const { idNumber } = await chengduResidentLeavesForHangzhou();
    toHangzhou.tamper = (body) => alterFirstNotice(body, 'destinationAddress', '浙江省杭州市上城区别处1号');
    const [report] = await deliver(chengdu);
    toHangzhou.tamper = null;
    expect(report).toMatchObject({ delivered: 0, retrying: 1 });
    expect((await inbound(hangzhou)).length).toBe(count);
    const [pending] = (await outbound(chengdu)).filter((r) => r.status === 'PENDING');
    expect(pending!.lastError).toContain('BAD_SIGNATURE');

    await waitUntilDue(chengdu);
    await deliver(chengdu);
    const [stored] = await hangzhou.exchange.database.db.select().from(inboundMessages).where(eq(inboundMessages.idNumber, idNumber));
    expect(stored!.payload.destinationAddress).toBe('浙江省杭州市西湖区天目山路1号');
  });

  it('holds notices for a suspended partner, refuses what the partner sends meanwhile, and resumes in order', async () => {
    const count = (await inbound(chengdu)).length;
    expect((await admin(chengdu, `mutation { suspendExchangePartner(code: "330100") { partner { status } } }`)).body.data?.suspendExchangePartner.partner.status).toBe('SUSPENDED');
    // Hangzhou's notice to a city that suspended it is refused and waits.
    await chengduNativeMovesToHangzhou();
    const [refused] = await deliver(hangzhou);
    expect(refused).toMatchObject({ delivered: 0, retrying: 1 });
    expect((await outbound(hangzhou)).at(-1)!.lastError).toContain('PARTNER_SUSPENDED');
    expect((await inbound(chengdu)).length).toBe(count);
    // Chengdu sends nothing to Hangzhou meanwhile.
    const sentBefore = toHangzhou.forwarded.length;
    await chengduResidentLeavesForHangzhou();
    await deliver(chengdu);
    expect(toHangzhou.forwarded.length).toBe(sentBefore);

    await admin(chengdu, `mutation { resumeExchangePartner(code: "330100") { partner { status } } }`);
    await deliver(chengdu);
    expect(toHangzhou.forwarded.length).toBe(sentBefore + 1);
    await waitUntilDue(hangzhou);
    await deliver(hangzhou);
    expect((await inbound(chengdu)).length).toBe(count + 1);
  });
});

describe('an inbox facing the world', () => {
  const post = (hub: TestHub, body: unknown) =>
    fetch(hub.exchange.inboxUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: typeof body === 'string' ? body : JSON.stringify(body) });

  const notice = (payload: Record<string, unknown>) => ({ id: crypto.randomUUID(), type: 'OUTFLOW_NOTICE' as const, occurredAt: new Date(), payload });
  const validPayload = () => ({ idNumber: makeIdNumber('510104', '1980-01-01', (sequence += 2), 'MALE'), name: '王强', movedOn: '2026-11-02', destinationDivisionCode: '330106' });

  it('refuses a city that is no partner, and stores nothing', async () => {
    const stranger = await generateCityIdentity('440300', '深圳市');
    const count = (await inbound(hangzhou)).length;
    const response = await post(hangzhou, { messages: [await signNotice(stranger, '330100', notice(validPayload()))] });
    expect(response.status).toBe(403);
    expect(await response.json()).toEqual({ error: { code: 'UNKNOWN_PARTNER', message: 'City 440300 is not a partner of this city' } });
    expect((await inbound(hangzhou)).length).toBe(count);
  });

  it('refuses a partner\'s name signed with another key', async () => {
    const impostor = await generateCityIdentity('510100', '成都市');
    const response = await post(hangzhou, { messages: [await signNotice(impostor, '330100', notice(validPayload()))] });
    expect(response.status).toBe(401);
    expect(((await response.json()) as { error: { code: string } }).error).toMatchObject({ code: 'BAD_SIGNATURE', index: 0 });
  });

  it('refuses a replayed notice signed before the replay window, and stores nothing', async () => {
    const count = (await inbound(hangzhou)).length;
    const old = await signNotice(chengdu.exchange.identity, '330100', notice(validPayload()), new Date(Date.now() - 3_600_000));
    const response = await post(hangzhou, { messages: [old] });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { code: string; message: string } }).error).toMatchObject({ code: 'STALE_MESSAGE', message: expect.stringContaining('messages[0]') });
    expect((await inbound(hangzhou)).length).toBe(count);
  });

  it('refuses a notice addressed to another city', async () => {
    const response = await post(hangzhou, { messages: [await signNotice(chengdu.exchange.identity, '500000', notice(validPayload()))] });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('WRONG_RECIPIENT');
  });

  it('refuses a whole delivery when one notice in it is malformed, naming it, and stores none of it', async () => {
    const count = (await inbound(hangzhou)).length;
    const good = await signNotice(chengdu.exchange.identity, '330100', notice(validPayload()));
    const bad = await signNotice(chengdu.exchange.identity, '330100', notice({ ...validPayload(), idNumber: '510104198001010000' }));
    const response = await post(hangzhou, { messages: [good, bad] });
    expect(response.status).toBe(400);
    const { error } = (await response.json()) as { error: { code: string; message: string; index: number } };
    expect(error).toMatchObject({ code: 'BAD_NOTICE', index: 1 });
    expect(error.message).toMatch(/^messages\[1\]\.data\.idNumber: /);
    expect((await inbound(hangzhou)).length).toBe(count);
  });

  it('answers malformed bodies with 400 and what was expected', async () => {
    for (const body of ['{', '[]', { messages: [] }, { messages: ['not-a-jwt'] }, { messages: ['x'], extra: 1 }]) {
      const response = await post(hangzhou, body);
      expect(response.status, JSON.stringify(body)).toBe(400);
      const { error } = (await response.json()) as { error: { code: string; message: string } };
      expect(['MALFORMED_DELIVERY', 'MALFORMED_MESSAGE']).toContain(error.code);
      expect(error.message).not.toMatch(/at .*\.ts|SELECT|127\.0\.0\.1/);
    }
    const wrongType = await fetch(hangzhou.exchange.inboxUrl, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'x' });
    expect(wrongType.status).toBe(415);
    expect((await fetch(hangzhou.exchange.inboxUrl)).status).toBe(405);
  });
});
