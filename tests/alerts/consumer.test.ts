import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAlertStore } from '../../alerts/consumer.js';
import { alertsSchema } from '../../alerts/database.js';
import { alerts } from '../../alerts/db/schema.js';
import { AlertsStore } from '../../alerts/store.js';
import type { NewAlert } from '../../events/alerts.js';
import { InProcessTransport } from '../../events/transport.js';
import { openTestDatabase, type TestDatabase } from '../support/databases.js';

let database: TestDatabase<typeof alertsSchema>;
beforeAll(async () => {
  database = await openTestDatabase('alerts', alertsSchema);
});
afterAll(async () => {
  await database?.destroy();
});

const alert = (overrides: Partial<NewAlert> = {}): NewAlert => ({
  key: `consumer:${randomUUID()}`,
  rule: 'task.test',
  kind: 'TASK',
  recipient: { department: 'grid', gridCode: '510107001001', divisionCode: '510107' },
  subject: { personId: randomUUID(), houseId: null, employerId: null },
  details: {},
  summary: 'A tenancy was registered in this grid',
  purposes: ['community-service'],
  eventId: randomUUID(),
  eventType: 'TenancyRegistered',
  occurredAt: new Date().toISOString(),
  ...overrides,
});

describe('the alert store consumer', () => {
  it('keeps the first alert of a key however often it is delivered, and nothing once stopped', async () => {
    const transport = new InProcessTransport();
    const consumer = await startAlertStore(transport, new AlertsStore(database.db));
    const first = alert();
    await transport.publishAlert(first);
    await transport.publishAlert({ ...first, summary: 'delivered again' });
    await consumer.stop();
    await transport.publishAlert(alert());
    const rows = await database.db.select().from(alerts);
    expect(rows.map((r) => [r.key, r.summary, r.status])).toEqual([[first.key, first.summary, 'OPEN']]);
  });

  it('acknowledges a malformed alert without keeping it, so it is not delivered forever', async () => {
    const transport = new InProcessTransport();
    const consumer = await startAlertStore(transport, new AlertsStore(database.db));
    const before = (await database.db.select().from(alerts)).length;
    const malformed = [
      alert({ recipient: { department: 'housing' as 'grid', gridCode: null, divisionCode: null } }),
      alert({ purposes: [] }),
      alert({ subject: { personId: 'not-an-id', houseId: null, employerId: null } }),
      alert({ occurredAt: 'yesterday' }),
    ];
    for (const item of malformed) await expect(transport.publishAlert(item)).resolves.toBeUndefined();
    expect(await database.db.select().from(alerts)).toHaveLength(before);
    await consumer.stop();
  });
});
