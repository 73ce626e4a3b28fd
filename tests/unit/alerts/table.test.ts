import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ALERT_RULES } from '../../../alerts/rules.js';
import { decide, ruleFor } from '../../../auth/decide.js';
import type { Principal, RequestMeta } from '../../../auth/principal.js';
import { DEFAULT_SCOPES } from '../../../auth/roles.js';
import { ALERT_KINDS } from '../../../events/alerts.js';
import { EVENT_TYPES } from '../../../events/types.js';
import { ALERTS_TABLE_PATH, renderAlertsTable } from '../../../schema/alerts-table.js';

/** A caller of the recipient department, unconfined, with the permissions the role is issued by default. */
const recipient = (department: 'police' | 'grid'): Principal => ({
  subject: `${department}-reader`,
  department,
  roles: [department],
  scopes: DEFAULT_SCOPES[department],
  jurisdiction: { divisions: [], grids: [] },
});

describe('the alert rules table', () => {
  it('is what docs/alerts.md shows (npm run alerts:table)', () => {
    expect(readFileSync(ALERTS_TABLE_PATH, 'utf8')).toBe(renderAlertsTable());
  });

  it('names each rule once, with a known kind and trigger, and at least one purpose', () => {
    expect(new Set(ALERT_RULES.map((rule) => rule.id)).size).toBe(ALERT_RULES.length);
    for (const rule of ALERT_RULES) {
      expect(ALERT_KINDS, rule.id).toContain(rule.kind);
      expect([...EVENT_TYPES, 'schedule'], rule.id).toContain(rule.trigger);
      expect(rule.purposes.length, rule.id).toBeGreaterThan(0);
    }
  });

  it('sends key-person and identity alerts to the police only: no other department learns of a flag', () => {
    for (const rule of ALERT_RULES.filter((r) => r.kind !== 'TASK')) expect(rule.recipients.department, rule.id).toBe('police');
  });

  // Deny by default: a coordinate the policy does not name fails here, naming it, until a policy line grants it.
  for (const rule of ALERT_RULES) {
    it(`${rule.id} reveals only what the policy grants its recipients (${rule.recipients.department}) for each of its purposes`, () => {
      const principal = recipient(rule.recipients.department);
      const refused: string[] = [];
      for (const coordinate of rule.reveals) {
        if (!ruleFor(coordinate)) {
          refused.push(`${coordinate}: not in the policy`);
          continue;
        }
        for (const purpose of rule.purposes) {
          const meta: RequestMeta = { requestId: `${rule.id}-${coordinate}-${purpose}`, principal, purpose, caseId: purpose === 'case-investigation' ? 'CASE-1' : null };
          const decision = decide(meta, coordinate);
          if (!decision.allowed) refused.push(`${coordinate} for ${purpose}: ${decision.reason}`);
        }
      }
      expect(refused).toEqual([]);
    });
  }
});
