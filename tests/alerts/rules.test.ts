import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { makeIdNumber } from '../../domain/index.js';
import { RuleEngine } from '../../alerts/engine.js';
import { ALERT_RULES, alertRule, DEFAULT_UNREGISTERED_TENANT_DAYS, type AlertRule } from '../../alerts/rules.js';
import type { NewAlert } from '../../events/alerts.js';
import { InProcessTransport } from '../../events/transport.js';
import { EVENT_SOURCES, type DomainEvent, type EventPayload, type EventType } from '../../events/types.js';
import { createHousingEvaluators } from '../../subgraphs/housing/alert-evaluators.js';
import { createPoliceEvaluators } from '../../subgraphs/police/alert-evaluators.js';
import * as schema from '../../subgraphs/police/db/schema.js';
import { PoliceStore } from '../../subgraphs/police/store.js';
import { openTestDatabase, type TestDatabase } from '../support/databases.js';
import { testLogger } from '../support/servers.js';

/*
 * Every rule of ALERT_RULES over its trigger, with the facts in a real police
 * database: the engines run as the hub runs them, on a transport, and a
 * consumer that keeps the first alert of each key stands where the alert
 * store does.
 */

const CITY = '510100';
const GRID = '510107001001';
const OTHER_GRID = '510104002003';
const EMPLOYER_GRID = '510108003001';
const HOUSE_CODE = '510107000000000123';
const HOUSE_ID = randomUUID();
const EMPLOYER_ID = randomUUID();
const DAY = '2026-03-10';
const OCCURRED = `${DAY}T04:00:00.000Z`;

let database: TestDatabase<typeof schema>;
let store: PoliceStore;
let transport: InProcessTransport;
let police: RuleEngine;
let housing: RuleEngine;
/** Every alert the engines handed on, in order, and the first of each key, as the alert store keeps them. */
let published: NewAlert[];
let kept: Map<string, NewAlert>;

interface Resident {
  id: string;
  idNumber: string;
  name: string;
}
let flagged: Resident;
let unflagged: Resident;
let movedOut: Resident;
let sequence = 0;

async function resident(name: string, options: { flagged?: boolean; movedOut?: boolean; residesIn?: string | null } = {}): Promise<Resident> {
  sequence += 1;
  const person = { id: randomUUID(), idNumber: makeIdNumber('510107', '1988-04-12', 100 + 2 * sequence, 'MALE'), name };
  await database.db.insert(schema.persons).values({
    ...person,
    sex: 'MALE',
    birthDate: '1988-04-12',
    ethnicity: '汉族',
    householdDivisionCode: '510107',
    householdAddress: '武侯区玉林南路1号',
    status: options.movedOut ? 'MOVED_OUT' : 'REGISTERED',
  });
  if (options.residesIn !== null) {
    await database.db.insert(schema.residenceRegistrations).values({
      id: randomUUID(),
      personId: person.id,
      address: '武侯区玉林南路2号',
      divisionCode: (options.residesIn ?? OTHER_GRID).slice(0, 6),
      gridCode: options.residesIn ?? OTHER_GRID,
      since: '2020-01-01',
    });
  }
  if (options.flagged) {
    await database.db.insert(schema.keyPersonFlags).values({ id: randomUUID(), personId: person.id, category: '涉稳', level: 2, reason: '测试', since: '2021-06-01' });
  }
  return person;
}

function event<T extends EventType>(type: T, payload: EventPayload<T>): DomainEvent {
  return { id: randomUUID(), type, source: EVENT_SOURCES[type], occurredAt: OCCURRED, payload } as DomainEvent;
}

/** The event that triggers `type`, about `who`; the group-rental figures name a full house unless told otherwise. */
function triggerOf(type: EventType, who: Resident, options: { openTenancies?: number; start?: string } = {}): DomainEvent {
  switch (type) {
    case 'TenancyRegistered':
      return event(type, {
        tenancyId: randomUUID(),
        houseId: HOUSE_ID,
        houseCode: HOUSE_CODE,
        gridCode: GRID,
        divisionCode: '510107',
        tenantId: who.id,
        start: options.start ?? DAY,
        rooms: 2,
        openTenancies: options.openTenancies ?? 1,
      });
    case 'EmploymentRegistered':
      return event(type, { employmentId: randomUUID(), employerId: EMPLOYER_ID, gridCode: EMPLOYER_GRID, divisionCode: '510108', personId: who.id, start: DAY });
    case 'ResidenceRegistered':
      return event(type, { personId: who.id, residenceId: randomUUID(), gridCode: GRID, divisionCode: '510107', houseCode: HOUSE_CODE, since: DAY });
    case 'IdentityNotConfirmed':
      return event(type, { employerId: EMPLOYER_ID, gridCode: EMPLOYER_GRID, divisionCode: '510108', idNumber: who.idNumber, name: `${who.name}x`, attemptedOn: DAY });
    case 'InflowNoticeReceived':
      return event(type, { messageId: randomUUID(), partnerCode: '500100', idNumber: who.idNumber });
    case 'DeclarationSubmitted':
      return event(type, { declarationId: randomUUID(), kind: 'TENANCY', declarantRole: 'landlord', premisesKind: 'HOUSE', premisesCode: HOUSE_CODE, gridCode: GRID, divisionCode: '510107', start: DAY });
    case 'DeclarationDecided':
      return event(type, { declarationId: randomUUID(), kind: 'TENANCY', status: 'CONFIRMED', recordId: randomUUID(), gridCode: GRID, divisionCode: '510107' });
  }
}

/** Where each rule's alert about `triggerOf`'s event must go: the place the table's `recipients.place` names. */
const EXPECTED_PLACE: Readonly<Record<string, { gridCode: string | null; divisionCode: string | null }>> = {
  'key-person.tenancy': { gridCode: GRID, divisionCode: '510107' },
  'key-person.employment': { gridCode: EMPLOYER_GRID, divisionCode: '510108' },
  'key-person.residence': { gridCode: GRID, divisionCode: '510107' },
  // The person's current residence.
  'key-person.inflow': { gridCode: OTHER_GRID, divisionCode: OTHER_GRID.slice(0, 6) },
  'task.group-rental': { gridCode: GRID, divisionCode: '510107' },
  'identity.not-confirmed': { gridCode: EMPLOYER_GRID, divisionCode: '510108' },
};

const deliver = async (e: DomainEvent): Promise<NewAlert[]> => {
  const before = published.length;
  await transport.publishEvent(e);
  return published.slice(before);
};

/** A rule raised right away by its trigger: neither scheduled nor delayed to a pass. */
const immediate = ALERT_RULES.filter((rule) => rule.trigger !== 'schedule' && rule.id !== 'task.unregistered-tenant');

/** The trigger that raises `rule` for the flagged resident (a crowded house for the group-rental rule). */
const raisingEvent = (rule: AlertRule): DomainEvent => triggerOf(rule.trigger as EventType, flagged, { openTenancies: rule.id === 'task.group-rental' ? 3 : 1 });

beforeAll(async () => {
  database = await openTestDatabase('police', schema);
  await database.db.insert(schema.grids).values([
    { code: GRID, name: '玉林第一网格', districtCode: '510107', officerName: '王警官', class: 'KEY' },
    { code: OTHER_GRID, name: '其他网格', districtCode: '510104', officerName: '李警官', class: 'REGULAR' },
  ]);
  store = new PoliceStore(database.db);
  flagged = await resident('张重点', { flagged: true });
  unflagged = await resident('李平常');
  movedOut = await resident('赵迁出', { movedOut: true, residesIn: null });
});

beforeEach(async () => {
  published = [];
  kept = new Map();
  transport = new InProcessTransport();
  await transport.consumeAlerts('alerts-store', async (alert) => {
    published.push(alert);
    if (!kept.has(alert.key)) kept.set(alert.key, alert);
  });
  police = new RuleEngine({ owner: 'police', transport, evaluators: createPoliceEvaluators(store, { cityCode: CITY }), logger: testLogger, passIntervalMs: 0 });
  housing = new RuleEngine({ owner: 'housing', transport, evaluators: createHousingEvaluators({ groupRentalFactor: 1 }), logger: testLogger, passIntervalMs: 0 });
  await police.start();
  await housing.start();
  return async () => {
    await police.stop();
    await housing.stop();
    await transport.close();
  };
});

afterAll(async () => {
  await database?.destroy();
});

describe('alert rules over their trigger events', () => {
  it('consume under rules-<owner> exactly the trigger types of their rules', () => {
    for (const engine of [police, housing]) {
      const owner = engine === police ? 'police' : 'housing';
      const expected = new Set(ALERT_RULES.filter((r) => r.evaluatedBy === owner && r.trigger !== 'schedule').map((r) => r.trigger));
      expect(new Set(engine.triggers)).toEqual(expected);
    }
  });

  for (const rule of immediate) {
    describe(rule.id, () => {
      it("raises exactly one alert with the rule's kind, recipient, place and purposes", async () => {
        const raised = (await deliver(raisingEvent(rule))).filter((a) => a.rule === rule.id);
        expect(raised).toHaveLength(1);
        const [alert] = raised;
        expect(alert).toMatchObject({ kind: rule.kind, purposes: rule.purposes, recipient: { department: rule.recipients.department, ...EXPECTED_PLACE[rule.id] } });
        expect(alert?.key.startsWith(`${rule.id}:`)).toBe(true);
      });

      it('raises nothing when the same event is delivered again', async () => {
        const e = raisingEvent(rule);
        expect((await deliver(e)).filter((a) => a.rule === rule.id)).toHaveLength(1);
        expect(await deliver(e)).toEqual([]);
        expect([...kept.values()].filter((a) => a.rule === rule.id)).toHaveLength(1);
      });

      it("is raised by no other rule's trigger", async () => {
        for (const other of ALERT_RULES) {
          if (other.trigger === 'schedule' || other.trigger === rule.trigger) continue;
          const raised = await deliver(raisingEvent(other));
          expect(raised.filter((a) => a.rule === rule.id), `${other.id}'s trigger`).toEqual([]);
        }
      });

      it('reveals in its details only facts the rule names as Alert fields', async () => {
        const [alert] = (await deliver(raisingEvent(rule))).filter((a) => a.rule === rule.id);
        const named = rule.reveals.filter((c) => c.startsWith('Alert.')).map((c) => c.slice('Alert.'.length));
        expect(Object.keys(alert?.details ?? {}).sort()).toEqual([...named].sort());
        // The summary is shown before any field is read: no name, no number.
        expect(alert?.summary).not.toContain(flagged.name);
        expect(alert?.summary).not.toContain(flagged.idNumber);
      });

      if (rule.kind === 'KEY_PERSON') {
        it("names the key person by the register's name and identity number, whoever's jurisdiction they live in", async () => {
          const [alert] = (await deliver(raisingEvent(rule))).filter((a) => a.rule === rule.id);
          expect(alert?.details).toMatchObject({ name: flagged.name, idNumber: flagged.idNumber });
        });
      }
    });
  }

  it('raises no key-person alert for a person without a flag', async () => {
    for (const rule of ALERT_RULES.filter((r) => r.kind === 'KEY_PERSON')) {
      const raised = await deliver(triggerOf(rule.trigger as EventType, unflagged));
      expect(raised.filter((a) => a.kind === 'KEY_PERSON'), rule.id).toEqual([]);
    }
  });

  it('raises no key-person alert for a flag that began after the event', async () => {
    const later = await resident('钱以后');
    await database.db.insert(schema.keyPersonFlags).values({ id: randomUUID(), personId: later.id, category: '涉稳', level: 1, reason: '测试', since: '2026-12-01' });
    expect(await deliver(triggerOf('TenancyRegistered', later))).toEqual([]);
  });

  it('places a key person arriving with no residence here in the city, with no grid', async () => {
    const arriving = await resident('孙新来', { flagged: true, residesIn: null });
    const [alert] = await deliver(triggerOf('InflowNoticeReceived', arriving));
    expect(alert?.recipient).toEqual({ department: 'police', gridCode: null, divisionCode: CITY });
  });

  it('raises no group-rental task while the house holds no more tenancies than rooms × factor, and one a month per house past it', async () => {
    expect((await deliver(triggerOf('TenancyRegistered', unflagged, { openTenancies: 2 }))).filter((a) => a.rule === 'task.group-rental')).toEqual([]);
    await deliver(triggerOf('TenancyRegistered', unflagged, { openTenancies: 3 }));
    await deliver(triggerOf('TenancyRegistered', unflagged, { openTenancies: 4 }));
    expect([...kept.values()].filter((a) => a.rule === 'task.group-rental')).toHaveLength(1);
  });
});

describe('identity.not-confirmed', () => {
  const reasonFor = async (idNumber: string, name: string): Promise<string | undefined> => {
    const e = event('IdentityNotConfirmed', { employerId: EMPLOYER_ID, gridCode: EMPLOYER_GRID, divisionCode: '510108', idNumber, name, attemptedOn: DAY });
    const [alert] = await deliver(e);
    return alert?.details.reason;
  };

  it('says why the register did not confirm the identity: unknown, moved out, or a name that does not match', async () => {
    expect(await reasonFor(makeIdNumber('510107', '1970-01-01', 999, 'FEMALE'), '王某')).toBe('UNKNOWN');
    expect(await reasonFor(movedOut.idNumber, movedOut.name)).toBe('MOVED_OUT');
    expect(await reasonFor(unflagged.idNumber, '李不同')).toBe('NAME_MISMATCH');
  });

  it('raises nothing when the register confirms the identity by the time the event is evaluated', async () => {
    expect(await reasonFor(unflagged.idNumber, unflagged.name)).toBeUndefined();
  });

  it('carries the number and name the employer gave, for the police of the employer’s grid only', async () => {
    const [alert] = await deliver(triggerOf('IdentityNotConfirmed', unflagged));
    expect(alert?.details).toEqual({ idNumber: unflagged.idNumber, name: `${unflagged.name}x`, reason: 'NAME_MISMATCH' });
    expect(alert?.recipient).toEqual({ department: 'police', gridCode: EMPLOYER_GRID, divisionCode: '510108' });
    expect(alert?.subject).toEqual({ personId: unflagged.id, houseId: null, employerId: EMPLOYER_ID });
  });
});

describe('scheduled rules', () => {
  const rule = alertRule('task.permit-expiring');

  it('raises a task once for a permit expiring in 10 days, and again for its renewal when that nears its end', async () => {
    const holder = await resident('周持证', { residesIn: GRID });
    const now = new Date('2026-05-01T02:00:00Z');
    const permitId = randomUUID();
    await database.db.insert(schema.residencePermits).values({ id: permitId, personId: holder.id, permitNumber: `P${sequence}`, issuedOn: '2025-05-11', validUntil: '2026-05-11' });
    await police.runPasses(now);
    const mine = () => [...kept.values()].filter((a) => a.rule === rule.id && a.subject.personId === holder.id);
    expect(mine()).toHaveLength(1);
    expect(mine()[0]).toMatchObject({ kind: 'TASK', eventType: 'schedule', recipient: { department: 'grid', gridCode: GRID, divisionCode: '510107' }, purposes: rule.purposes });
    const before = published.length;
    await police.runPasses(now);
    await police.runPasses(new Date('2026-05-02T02:00:00Z'));
    expect(published.slice(before).filter((a) => a.subject.personId === holder.id)).toEqual([]);
    await database.db.update(schema.residencePermits).set({ validUntil: '2027-05-11' }).where((await import('drizzle-orm')).eq(schema.residencePermits.id, permitId));
    await police.runPasses(new Date('2027-04-20T02:00:00Z'));
    expect(mine()).toHaveLength(2);
  });

  it('raises nothing for a permit expiring in more than 30 days, or already expired', async () => {
    const holder = await resident('吴远期', { residesIn: GRID });
    await database.db.insert(schema.residencePermits).values([
      { id: randomUUID(), personId: holder.id, permitNumber: `Q${sequence}a`, issuedOn: '2025-07-01', validUntil: '2026-07-01' },
      { id: randomUUID(), personId: holder.id, permitNumber: `Q${sequence}b`, issuedOn: '2025-04-01', validUntil: '2026-04-30' },
    ]);
    await police.runPasses(new Date('2026-05-01T02:00:00Z'));
    expect([...kept.values()].filter((a) => a.subject.personId === holder.id)).toEqual([]);
  });
});

describe('task.unregistered-tenant', () => {
  const rule = alertRule('task.unregistered-tenant');
  const N = DEFAULT_UNREGISTERED_TENANT_DAYS;
  const dayAfter = (day: string, days: number) => new Date(Date.parse(`${day}T02:00:00Z`) + days * 86_400_000);
  const tasksFor = (who: Resident) => [...kept.values()].filter((a) => a.rule === rule.id && a.subject.personId === who.id);

  it(`is raised ${N} days after the start for a tenant with no residence registration, once`, async () => {
    const tenant = await resident('郑未登', { residesIn: null });
    const tenancy = triggerOf('TenancyRegistered', tenant, { start: '2026-06-01' });
    await deliver(tenancy);
    await deliver(tenancy);
    await police.runPasses(dayAfter('2026-06-01', N - 1));
    expect(tasksFor(tenant)).toEqual([]);
    await police.runPasses(dayAfter('2026-06-01', N));
    await police.runPasses(dayAfter('2026-06-01', N + 1));
    expect(tasksFor(tenant)).toHaveLength(1);
    expect(tasksFor(tenant)[0]).toMatchObject({
      kind: 'TASK',
      purposes: rule.purposes,
      recipient: { department: 'grid', gridCode: GRID, divisionCode: '510107' },
      subject: { personId: tenant.id, houseId: HOUSE_ID, employerId: null },
      eventId: tenancy.id,
    });
  });

  it('is not raised when the tenant registered a residence after the tenancy began', async () => {
    const tenant = await resident('冯已登', { residesIn: null });
    await deliver(triggerOf('TenancyRegistered', tenant, { start: '2026-06-01' }));
    await database.db
      .insert(schema.residenceRegistrations)
      .values({ id: randomUUID(), personId: tenant.id, address: '武侯区玉林南路3号', divisionCode: '510107', gridCode: GRID, houseCode: HOUSE_CODE, since: '2026-06-03' });
    await police.runPasses(dayAfter('2026-06-01', N + 2));
    expect(tasksFor(tenant)).toEqual([]);
  });

  it('honours a shorter period when the police are configured with one', async () => {
    await police.stop();
    police = new RuleEngine({ owner: 'police', transport, evaluators: createPoliceEvaluators(store, { cityCode: CITY, unregisteredTenantDays: 2 }), logger: testLogger, passIntervalMs: 0 });
    await police.start();
    const tenant = await resident('陈短期', { residesIn: null });
    await deliver(triggerOf('TenancyRegistered', tenant, { start: '2026-08-01' }));
    await police.runPasses(dayAfter('2026-08-01', 2));
    expect(tasksFor(tenant)).toHaveLength(1);
  });
});
