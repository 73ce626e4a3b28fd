import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { asc, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIVISIONS, makeIdNumber } from '../../domain/index.js';
import { domainEventsTable } from '../../events/outbox.js';
import { EVENT_PAYLOADS, EVENT_SOURCES, EVENT_TYPES, type EventType } from '../../events/types.js';
import { MESSAGE_FIELDS } from '../../exchange/messages.js';
import { signNotice, type CityIdentity } from '../../exchange/signing.js';
import * as housing from '../../subgraphs/housing/db/schema.js';
import * as labour from '../../subgraphs/labour/db/schema.js';
import { LabourStore } from '../../subgraphs/labour/store.js';
import * as police from '../../subgraphs/police/db/schema.js';
import * as declarationsDb from '../../subgraphs/declarations/db/schema.js';
import { fromRoot } from '../../platform/paths.js';
import { graphql, type GraphQLResponse } from '../support/graphql.js';
import { startTestHub, type TestHub } from '../support/hub.js';
import { addWholePartner } from '../support/partners.js';

/*
 * Each write that causes a domain event puts it in its own database's outbox
 * in the same transaction: one event per write, its payload valid against its
 * schema, and a write whose event cannot be stored leaves neither behind.
 */

const domainEvents = domainEventsTable();

let hub: TestHub;
let partner: CityIdentity;
let house: typeof housing.houses.$inferSelect;
let employer: typeof labour.employers.$inferSelect;
let districtCode: string;
let sequence = 301;

beforeAll(async () => {
  hub = await startTestHub({ persons: 20, key: 'events-outbox' });
  // The relays would mark what this file reads; it looks at the outboxes as the writes leave them.
  await hub.relays.stop();
  const [firstHouse] = await hub.databases.housing.db.select().from(housing.houses).orderBy(asc(housing.houses.code)).limit(1);
  const [firstEmployer] = await hub.databases.labour.db.select().from(labour.employers).orderBy(asc(labour.employers.creditCode)).limit(1);
  if (!firstHouse || !firstEmployer) throw new Error('the seeded city has no house or no employer');
  house = firstHouse;
  employer = firstEmployer;
  const [grid] = await hub.databases.police.db.select().from(police.grids).where(eq(police.grids.code, house.gridCode));
  if (!grid) throw new Error('the house lies in no grid of the register');
  districtCode = grid.districtCode;
  partner = await addWholePartner(hub);
}, 120_000);

afterAll(async () => {
  await hub?.close();
});

const databaseOf = (source: (typeof EVENT_SOURCES)[EventType]) =>
  source === 'exchange' ? hub.exchange.database : source === 'declarations' ? hub.declarations.database : hub.databases[source];

async function outbox(source: (typeof EVENT_SOURCES)[EventType]) {
  return databaseOf(source).db.select().from(domainEvents).orderBy(asc(domainEvents.seq));
}

function accepted(response: GraphQLResponse): Record<string, any> {
  expect(response.body.errors, JSON.stringify(response.body.errors)).toBeUndefined();
  return response.body.data!;
}

async function registerPerson(): Promise<{ id: string; idNumber: string }> {
  sequence += 2;
  const idNumber = makeIdNumber('330106', '1990-05-17', sequence, 'MALE');
  const data = accepted(
    await graphql(
      hub.gatewayUrl,
      `mutation($input: RegisterPersonInput!) { registerPerson(input: $input) { person { id } } }`,
      { input: { idNumber, name: '测试', ethnicity: '汉族', householdDivisionCode: '330106', householdAddress: '浙江省杭州市西湖区文三路1号' } },
      hub.headers('police', 'population-management'),
    ),
  );
  return { id: data.registerPerson.person.id as string, idNumber };
}

/** Each event type but the one written by a mutation still to come (IdentityNotConfirmed): how to cause one, and what its payload must say. */
const WRITES = new Map<Exclude<EventType, 'IdentityNotConfirmed'>, () => Promise<{ response: GraphQLResponse; expected: Record<string, unknown> }>>([
  [
    'ResidenceRegistered',
    async () => {
      const person = await registerPerson();
      const response = await graphql(
        hub.gatewayUrl,
        `mutation($input: RegisterResidenceInput!) { registerResidence(input: $input) { registration { id } } }`,
        {
          input: {
            personId: person.id,
            address: `四川省成都市${DIVISIONS.get(districtCode) ?? ''}人民路1号`,
            divisionCode: districtCode,
            gridCode: house.gridCode,
            houseCode: house.code,
            since: '2024-01-01',
          },
        },
        hub.headers('police', 'population-management'),
      );
      return { response, expected: { personId: person.id, gridCode: house.gridCode, divisionCode: districtCode, houseCode: house.code, since: '2024-01-01' } };
    },
  ],
  [
    'TenancyRegistered',
    async () => {
      const tenant = await registerPerson();
      const response = await graphql(
        hub.gatewayUrl,
        `mutation($input: RegisterTenancyInput!) { registerTenancy(input: $input) { tenancy { id } } }`,
        { input: { houseId: house.id, tenantId: tenant.id, landlordName: '王芳', start: '2024-01-01', monthlyRent: 1800 } },
        hub.headers('housing', 'housing-administration'),
      );
      return { response, expected: { houseId: house.id, houseCode: house.code, gridCode: house.gridCode, divisionCode: house.divisionCode, tenantId: tenant.id, start: '2024-01-01', rooms: house.rooms } };
    },
  ],
  [
    'EmploymentRegistered',
    async () => {
      const worker = await registerPerson();
      const response = await graphql(
        hub.gatewayUrl,
        `mutation($input: RegisterEmploymentInput!) { registerEmployment(input: $input) { employment { id } } }`,
        { input: { personId: worker.id, employerId: employer.id, position: '厨师', start: '2022-03-01', socialInsurance: 'INSURED' } },
        hub.headers('labour', 'labour-administration'),
      );
      return { response, expected: { employerId: employer.id, gridCode: employer.gridCode, divisionCode: employer.divisionCode, personId: worker.id, start: '2022-03-01' } };
    },
  ],
  [
    'DeclarationSubmitted',
    async () => {
      // A resident declares their own new address: no link, so the place is the one declared.
      const person = await registerPerson();
      const response = await graphql(
        hub.gatewayUrl,
        `mutation($input: SubmitDeclarationInput!) { submitDeclaration(input: $input) { declaration { id } } }`,
        { input: { kind: 'RESIDENCE', name: '测试', start: '2024-01-01', address: `${DIVISIONS.get(districtCode) ?? ''}人民路${sequence}号`, divisionCode: districtCode, gridCode: house.gridCode } },
        hub.headers({ sub: `resident-${person.idNumber}`, dept: 'resident', roles: ['resident'], idNumber: person.idNumber }, 'declaration'),
      );
      return { response, expected: { kind: 'RESIDENCE', declarantRole: 'resident', premisesKind: null, premisesCode: null, gridCode: house.gridCode, divisionCode: districtCode, start: '2024-01-01' } };
    },
  ],
  [
    'DeclarationDecided',
    async () => {
      // A pending declaration stored as the subgraph would, its own event aside; the police reject it.
      const id = randomUUID();
      await hub.declarations.database.db.insert(declarationsDb.declarations).values({
        id, kind: 'RESIDENCE', declarantSubject: `resident-${id}`, declarantRole: 'resident', factsHash: id, idNumber: makeIdNumber('510107', '1990-01-01', (sequence += 2), 'MALE'),
        name: '测试', start: '2024-01-01', address: '武侯区人民路1号', gridCode: house.gridCode, divisionCode: districtCode,
      });
      const response = await graphql(
        hub.gatewayUrl,
        `mutation($ids: [ID!]!) { rejectDeclarations(ids: $ids, reason: "地址不详") { results { done } } }`,
        { ids: [id] },
        hub.headers('police', 'population-management'),
      );
      return { response, expected: { declarationId: id, kind: 'RESIDENCE', status: 'REJECTED', recordId: null, gridCode: house.gridCode, divisionCode: districtCode } };
    },
  ],
  [
    'InflowNoticeReceived',
    async () => {
      const idNumber = makeIdNumber('510107', '1991-03-04', (sequence += 2), 'FEMALE');
      const payload = {
        idNumber,
        name: '李蓉',
        sex: 'FEMALE',
        birthDate: '1991-03-04',
        ethnicity: '汉族',
        householdDivisionCode: '510107',
        householdAddress: '四川省成都市武侯区玉林路1号',
        residenceAddress: '浙江省杭州市西湖区文三路8号',
        residenceDivisionCode: '330106',
        residenceSince: '2024-01-01',
        phone: '13912345678',
      };
      const id = randomUUID();
      const message = await signNotice(partner, hub.exchange.identity.code, {
        id,
        type: 'INFLOW_NOTICE',
        occurredAt: new Date(),
        payload: Object.fromEntries(MESSAGE_FIELDS.INFLOW_NOTICE.map((field) => [field, payload[field as keyof typeof payload]]).filter(([, v]) => v !== undefined)),
      });
      const response = await deliver([message]);
      return { response, expected: { messageId: id, partnerCode: partner.code, idNumber } };
    },
  ],
]);

async function deliver(messages: string[]): Promise<GraphQLResponse> {
  const answer = await fetch(hub.exchange.inboxUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ messages }) });
  const body = (await answer.json()) as { error?: { message: string }; results?: { status: string }[] };
  // Shaped as a GraphQL answer so every write is judged alike: an error is a refusal.
  return { status: answer.status, body: answer.ok ? { data: body } : { errors: [{ message: body.error?.message ?? String(answer.status) }] } } as GraphQLResponse;
}

describe('the outbox of each source', () => {
  it('covers every event type but the one written by the identity check', () => {
    expect([...WRITES.keys(), 'IdentityNotConfirmed'].sort()).toEqual([...EVENT_TYPES].sort());
  });

  for (const [type, write] of WRITES) {
    const source = EVENT_SOURCES[type];
    it(`writes one ${type} to the ${source} outbox with each accepted write, its payload valid against its schema`, async () => {
      const before = (await outbox(source)).length;
      const { response, expected } = await write();
      accepted(response);
      const written = (await outbox(source)).slice(before);
      expect(written).toHaveLength(1);
      const [event] = written;
      expect(event).toMatchObject({ type, publishedAt: null });
      expect(EVENT_PAYLOADS[type].safeParse(event!.payload).success).toBe(true);
      expect(event!.payload).toMatchObject(expected);
    });

    it(`leaves neither the ${type} nor the change behind when the event cannot be stored`, async () => {
      const { db } = databaseOf(source);
      // The event is the last statement of the transaction: failing it must undo what came before.
      await db.execute(sql`CREATE FUNCTION refuse_events() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'outbox closed'; END $$`);
      await db.execute(sql`CREATE TRIGGER refuse_events BEFORE INSERT ON domain_events FOR EACH ROW EXECUTE FUNCTION refuse_events()`);
      const counted = () => changeCount(source);
      const before = { events: (await outbox(source)).length, changes: await counted() };
      try {
        const { response } = await write();
        // Refused for the outbox, not for anything in the write itself.
        expect(response.body.errors ?? []).not.toEqual([]);
        expect(JSON.stringify(response.body.errors)).not.toMatch(/BAD_REQUEST|BAD_USER_INPUT|NOT_FOUND|FORBIDDEN|UNAUTHENTICATED/);
      } finally {
        await db.execute(sql`DROP TRIGGER refuse_events ON domain_events`);
        await db.execute(sql`DROP FUNCTION refuse_events()`);
      }
      expect((await outbox(source)).length).toBe(before.events);
      expect(await counted()).toBe(before.changes);
    });
  }

  it('is documented: docs/events.md names every event type, its source and each field of its payload', () => {
    const page = readFileSync(fromRoot('docs/events.md'), 'utf8');
    for (const type of EVENT_TYPES) {
      const row = page.split('\n').find((line) => line.startsWith(`| \`${type}\` |`));
      expect(row, type).toBeDefined();
      expect(row).toContain(`| ${EVENT_SOURCES[type]} |`);
      for (const field of Object.keys(EVENT_PAYLOADS[type].shape)) expect(row, `${type}.${field}`).toContain(`\`${field}\``);
    }
  });

  it("lets labour's store write an event of its own in a transaction, and refuses a payload its schema refuses, writing nothing", async () => {
    const store = new LabourStore(hub.databases.labour.db);
    const before = (await outbox('labour')).length;
    const payload = { employerId: employer.id, gridCode: employer.gridCode, divisionCode: employer.divisionCode, idNumber: '110101199003070000', name: '无名', attemptedOn: '2024-01-01' };
    await store.writeEvents([{ type: 'IdentityNotConfirmed', payload }]);
    await expect(store.writeEvents([{ type: 'IdentityNotConfirmed', payload }, { type: 'IdentityNotConfirmed', payload: { ...payload, gridCode: 'not a grid' } }])).rejects.toThrow();
    const written = (await outbox('labour')).slice(before);
    expect(written.map((row) => [row.type, row.payload])).toEqual([['IdentityNotConfirmed', payload]]);
  });

  it('writes no second InflowNoticeReceived for a notice delivered again', async () => {
    const message = await signNotice(partner, hub.exchange.identity.code, {
      id: randomUUID(),
      type: 'INFLOW_NOTICE',
      occurredAt: new Date(),
      payload: { idNumber: makeIdNumber('510107', '1992-03-04', (sequence += 2), 'FEMALE'), name: '李蓉' },
    });
    const before = (await outbox('exchange')).length;
    accepted(await deliver([message]));
    accepted(await deliver([message]));
    expect((await outbox('exchange')).length).toBe(before + 1);
  });
});

/** How many rows the change behind each source's event adds: what must not grow when its event could not be stored. */
async function changeCount(source: (typeof EVENT_SOURCES)[EventType]): Promise<number> {
  const count = sql<number>`count(*)::int`;
  switch (source) {
    case 'police':
      return (await hub.databases.police.db.select({ n: count }).from(police.residenceRegistrations))[0]!.n;
    case 'housing':
      return (await hub.databases.housing.db.select({ n: count }).from(housing.tenancies))[0]!.n;
    case 'labour':
      return (await hub.databases.labour.db.select({ n: count }).from(labour.employments))[0]!.n;
    case 'exchange': {
      const { inboundMessages } = await import('../../exchange/db/schema.js');
      return (await hub.exchange.database.db.select({ n: count }).from(inboundMessages))[0]!.n;
    }
    case 'declarations': {
      // Declarations submitted (their facts hashed, unlike the pending one a test stores as is) and decisions made.
      const { declarations } = declarationsDb;
      const changes = sql<number>`(count(*) filter (where length(${declarations.factsHash}) = 64) + count(*) filter (where ${declarations.status} <> 'PENDING'))::int`;
      return (await hub.declarations.database.db.select({ n: changes }).from(declarations))[0]!.n;
    }
  }
}
