import { writeFileSync } from 'node:fs';
import { ALERT_RULES, type AlertRule } from '../alerts/rules.js';
import { isEntryPoint } from '../platform/entry.js';
import { fromRoot } from '../platform/paths.js';

export const ALERTS_TABLE_PATH = fromRoot('docs', 'alerts.md');

const code = (values: readonly string[]): string => values.map((value) => `\`${value}\``).join(', ');

/** The alert rules as the documentation shows them: one table to read, then each rule's condition in full. */
export function renderAlertsTable(rules: readonly AlertRule[] = ALERT_RULES): string {
  const lines = [
    '# Alert rules',
    '',
    '<!-- Generated from alerts/rules.ts by `npm run alerts:table`; a test fails when this file differs. -->',
    '',
    'What the hub warns whom about, read like the [access policy](policy.md). Each rule runs in the',
    'department that owns the facts its condition needs (key-person flags and the register: the police;',
    'how full a house is: housing), over the events departments publish or on a periodic pass, and',
    "raises an alert for a recipient department and a place, which picks that department's officers.",
    'An alert is kept once per key, so an event delivered twice or a pass run twice raises nothing new.',
    'A reader sees an alert only when their department is the recipient, the place lies within their',
    "jurisdiction and their declared purpose is one of the rule's purposes; what it reveals is read",
    "under the policy's own lines, each of which a test holds granted to the recipients for every purpose.",
    '',
    '| rule | kind | trigger | evaluated by | recipients | place | reveals | purposes | one alert per |',
    '|---|---|---|---|---|---|---|---|---|',
  ];
  for (const rule of rules) {
    lines.push(
      `| \`${rule.id}\` | ${rule.kind} | ${rule.trigger === 'schedule' ? 'a periodic pass' : `\`${rule.trigger}\``} | ${rule.evaluatedBy} | ${rule.recipients.department} | ${rule.recipients.place} | ${code(rule.reveals)} | ${code(rule.purposes)} | ${rule.keyedBy} |`,
    );
  }
  lines.push('', '## Conditions', '');
  for (const rule of rules) lines.push(`- \`${rule.id}\`: ${rule.condition}.`);
  lines.push('');
  return lines.join('\n');
}

if (isEntryPoint(import.meta.url)) {
  writeFileSync(ALERTS_TABLE_PATH, renderAlertsTable());
  process.stdout.write(`Wrote ${ALERTS_TABLE_PATH}\n`);
}
