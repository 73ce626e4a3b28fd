import { and, eq, ne } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeIdNumber } from '../../domain/index.js';
import type { NewAlert } from '../../events/alerts.js';
import * as labour from '../../subgraphs/labour/db/schema.js';
import { IDENTITY_NOT_CONFIRMED_ADVICE } from '../../subgraphs/labour/rules.js';
import * as police from '../../subgraphs/police/db/schema.js';
import { graphql, type GraphQLResponse } from '../support/graphql.js';
import { startTestHub, type TestHub } from '../support/hub.js';

/*
 * An employer registers a worker by the identity number and name it was
 * given, through the real gateway: labour asks the police through the hub,
 * and hears yes or no; the police's own rule, on the event labour writes,
 * tells the police of the employer's grid why not.
 */

let hub: TestHub;
let alerts: NewAlert[];
let worker: { id: string; idNumber: string; name: string };
let employer: labour.EmployerRow;

const REGISTER = `mutation($input: RegisterEmploymentByIdentityInput!) {
  registerEmploymentByIdentity(input: $input) { identityConfirmed advice employment { id position person { id } employer { id } } }
}`;

async function register(idNumber: string, name: string, employerId = employer.id): Promise<GraphQLResponse> {
  return graphql(
    hub.gatewayUrl,
    REGISTER,
    { input: { idNumber, name, employerId, position: '厨师', start: '2024-03-01', socialInsurance: 'INSURED' } },
    await hub.headers('labour', 'labour-administration'),
  );
}

const employmentsAt = async (employerId: string) => hub.databases.labour.db.select().from(labour.employments).where(eq(labour.employments.employerId, employerId));
const identityAlerts = () => alerts.filter((alert) => alert.rule === 'identity.not-confirmed');

beforeAll(async () => {
  hub = await startTestHub({ persons: 30 });
  alerts = [];
  await hub.events.consumeAlerts('test-alert-store', async (alert) => void alerts.push(alert));
  const adults = await hub.databases.police.db
    .select()
    .from(police.persons)
    .where(and(ne(police.persons.status, 'MOVED_OUT'), eq(police.persons.sex, 'FEMALE')));
  const adult = adults.find((p) => p.birthDate < '1990-01-01');
  if (!adult) throw new Error('the test city has no adult resident');
  worker = adult;
  const [first] = await hub.databases.labour.db.select().from(labour.employers).limit(1);
  if (!first) throw new Error('the test city has no employer');
  employer = first;
}, 120_000);

afterAll(async () => {
  await hub?.close();
});

describe('registering a worker by identity', () => {
  it('registers the employment when the register confirms the number and name, and alerts no one', async () => {
    const response = await register(worker.idNumber, worker.name);
    expect(response.body.errors).toBeUndefined();
    const payload = response.body.data?.registerEmploymentByIdentity;
    await hub.eventsHandedOn();
    expect(payload).toMatchObject({ identityConfirmed: true, advice: null, employment: { position: '厨师', person: { id: worker.id }, employer: { id: employer.id } } });
    expect(identityAlerts()).toEqual([]);
  });

  it('asks the police as the writing caller, recorded in the audit log under the person confirmed', async () => {
    const events = await hub.audit.events();
    const checks = events.filter((e) => e.kind === 'access' && e.typeName === 'IdentityCheck' && e.recordIds.includes(worker.id));
    expect(checks.length).toBeGreaterThan(0);
    expect(checks.every((e) => e.purpose === 'labour-administration' && e.roles.includes('labour'))).toBe(true);
  });

  it('tells the employer only that the identity could not be confirmed, and the police of its grid why', async () => {
    const before = (await employmentsAt(employer.id)).length;
    const wrongName = `${worker.name}某`;
    const response = await register(worker.idNumber, wrongName);
    expect(response.body.errors).toBeUndefined();
    expect(response.body.data?.registerEmploymentByIdentity).toEqual({ identityConfirmed: false, advice: IDENTITY_NOT_CONFIRMED_ADVICE, employment: null });
    // Nothing of the register in the answer: not the registered name, not the reason, not whom the number belongs to.
    const text = JSON.stringify(response.body);
    expect(text).not.toContain(worker.id);
    for (const word of ['NAME_MISMATCH', 'MOVED_OUT', 'UNKNOWN', 'reason']) expect(text).not.toContain(word);
    expect(text.replace(wrongName, '')).not.toContain(worker.name);
    expect((await employmentsAt(employer.id)).length).toBe(before);

    await hub.eventsHandedOn();
    const [alert] = identityAlerts();
    expect(identityAlerts()).toHaveLength(1);
    expect(alert).toMatchObject({
      kind: 'IDENTITY',
      recipient: { department: 'police', gridCode: employer.gridCode, divisionCode: employer.divisionCode },
      subject: { personId: worker.id, employerId: employer.id, houseId: null },
      details: { idNumber: worker.idNumber, name: wrongName, reason: 'NAME_MISMATCH' },
      purposes: ['public-security'],
      eventType: 'IdentityNotConfirmed',
    });
    expect(alert?.summary).not.toContain(worker.name);
  });

  it('answers a number nobody holds exactly as a wrong name, and the police learn it is unknown', async () => {
    const nobody = makeIdNumber('510107', '1985-06-15', 987, 'MALE');
    const response = await register(nobody, '王某某');
    expect(response.body.data?.registerEmploymentByIdentity).toEqual({ identityConfirmed: false, advice: IDENTITY_NOT_CONFIRMED_ADVICE, employment: null });
    await hub.eventsHandedOn();
    expect(identityAlerts().at(-1)?.details).toEqual({ idNumber: nobody, name: '王某某', reason: 'UNKNOWN' });
  });

  it('refuses a malformed number or an unknown employer, naming the field, and alerts no one', async () => {
    const count = identityAlerts().length;
    const bad = await register(`${worker.idNumber.slice(0, 17)}${worker.idNumber.endsWith('1') ? '2' : '1'}`, worker.name);
    expect(bad.body.errors?.map((e) => [e.extensions?.code, e.extensions?.field])).toEqual([['BAD_USER_INPUT', 'input.idNumber']]);
    const unknown = await register(worker.idNumber, worker.name, '00000000-0000-4000-8000-000000000000');
    expect(unknown.body.errors?.map((e) => [e.extensions?.code, e.extensions?.field])).toEqual([['NOT_FOUND', 'input.employerId']]);
    await hub.eventsHandedOn();
    expect(identityAlerts()).toHaveLength(count);
  });

  it('is not open to a department other than labour', async () => {
    const response = await graphql(
      hub.gatewayUrl,
      REGISTER,
      { input: { idNumber: worker.idNumber, name: worker.name, employerId: employer.id, position: '厨师', start: '2024-03-01', socialInsurance: 'INSURED' } },
      await hub.headers('housing', 'housing-administration'),
    );
    expect(response.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
