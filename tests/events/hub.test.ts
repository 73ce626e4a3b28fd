import { asc } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeIdNumber } from '../../domain/index.js';
import { EventOutbox } from '../../events/outbox.js';
import type { DomainEvent } from '../../events/types.js';
import * as labour from '../../subgraphs/labour/db/schema.js';
import { graphql } from '../support/graphql.js';
import { startTestHub, type TestHub } from '../support/hub.js';

/*
 * The hub as `npm start` wires it: a relay per source, woken by the commit
 * of the write that caused an event, hands it to a consumer of the hub's
 * transport within a second, and marks it published.
 */

let hub: TestHub;

beforeAll(async () => {
  hub = await startTestHub({ persons: 5, key: 'events-hub' });
}, 120_000);

afterAll(async () => {
  await hub?.close();
});

describe('the hub relays', () => {
  it('run one per source database: police, housing, labour, the exchange and the declarations', () => {
    expect(hub.relays.relays.map((relay) => relay.source).sort()).toEqual(['declarations', 'exchange', 'housing', 'labour', 'police']);
  });

  it('hand an employment registered through the gateway to a consumer within a second of its commit, and mark it published', async () => {
    const seen: DomainEvent[] = [];
    const consumer = await hub.events.consumeEvents('hub_test', ['EmploymentRegistered'], async (event) => void seen.push(event));
    const [employer] = await hub.databases.labour.db.select().from(labour.employers).orderBy(asc(labour.employers.creditCode)).limit(1);
    const registered = await graphql(
      hub.gatewayUrl,
      `mutation($input: RegisterPersonInput!) { registerPerson(input: $input) { person { id } } }`,
      { input: { idNumber: makeIdNumber('330106', '1990-05-17', 555, 'MALE'), name: '测试', ethnicity: '汉族', householdDivisionCode: '330106', householdAddress: '浙江省杭州市西湖区文三路1号' } },
      hub.headers('police', 'population-management'),
    );
    expect(registered.body.errors).toBeUndefined();
    const personId = registered.body.data?.registerPerson.person.id as string;
    const written = Date.now();
    const response = await graphql(
      hub.gatewayUrl,
      `mutation($input: RegisterEmploymentInput!) { registerEmployment(input: $input) { employment { id } } }`,
      { input: { personId, employerId: employer!.id, position: '厨师', start: '2022-03-01', socialInsurance: 'INSURED' } },
      hub.headers('labour', 'labour-administration'),
    );
    expect(response.body.errors).toBeUndefined();
    const answered = Date.now();
    while (seen.length === 0 && Date.now() - written < 5_000) await new Promise((resolve) => setTimeout(resolve, 5));
    const arrived = Date.now();
    await consumer.stop();
    expect(seen.map((event) => event.payload)).toEqual([expect.objectContaining({ personId, employerId: employer!.id, employmentId: response.body.data?.registerEmployment.employment.id })]);
    // The commit happened before the answer; the answer is the latest bound on it a caller can see.
    expect(arrived - answered).toBeLessThan(1_000);
    // Marked once the transport accepted it, which is just after the consumer had it.
    const outbox = new EventOutbox(hub.databases.labour.db, 'labour');
    for (const started = Date.now(); (await outbox.backlog()) > 0 && Date.now() - started < 2_000; ) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(await outbox.backlog()).toBe(0);
  });
});
