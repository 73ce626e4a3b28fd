import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { alerts } from '../../alerts/db/schema.js';
import type { NewAlert } from '../../events/alerts.js';
import type { TestHub } from './hub.js';

/**
 * Raises an alert for the police of a grid, as a rule would, readable for
 * the police's register work and key-person work alike, and returns its id.
 */
export async function raisePoliceAlert(hub: TestHub, gridCode: string, subject: Partial<NewAlert['subject']> = {}): Promise<string> {
  const key = `test:${randomUUID()}`;
  await hub.events.publishAlert({
    key,
    rule: 'test.police',
    kind: 'IDENTITY',
    recipient: { department: 'police', gridCode, divisionCode: gridCode.slice(0, 6) },
    subject: { personId: null, houseId: null, employerId: null, ...subject },
    details: {},
    summary: 'An alert for the police of this grid',
    purposes: ['population-management', 'public-security', 'case-investigation'],
    eventId: randomUUID(),
    eventType: 'EmploymentRegistered',
    occurredAt: new Date().toISOString(),
  });
  const [row] = await hub.alerts.database.db.select({ id: alerts.id }).from(alerts).where(eq(alerts.key, key));
  if (!row) throw new Error('the alert store did not keep the alert');
  return row.id;
}
