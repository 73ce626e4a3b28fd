import { writeFileSync } from 'node:fs';
import { ANOMALY_RULES, ANOMALY_SETTINGS, ANOMALY_VARIABLES, type AnomalyRule } from '../audit/anomalies/rules.js';
import { isEntryPoint } from '../platform/entry.js';
import { fromRoot } from '../platform/paths.js';

export const ANOMALIES_TABLE_PATH = fromRoot('docs', 'anomalies.md');

const code = (values: readonly string[]): string => values.map((value) => `\`${value}\``).join(', ');
/** A table cell: a pipe would end it. */
const cell = (text: string): string => text.replace(/\|/g, '\\|');

/** The anomaly rules as the documentation shows them: one table to read, each rule in full, then every setting. */
export function renderAnomaliesTable(rules: readonly AnomalyRule[] = ANOMALY_RULES): string {
  const lines = [
    '# Anomaly rules',
    '',
    '<!-- Generated from audit/anomalies/rules.ts by `npm run anomalies:table`; a test fails when this file differs. -->',
    '',
    'What the hub flags in its own access log for auditors to look at, read like the [access policy](policy.md).',
    'The anomaly detector reads the log incrementally, keeps rolling counts per principal (a token subject',
    'within its department) and window, and raises one flag per rule, principal and window; a window that',
    'grows after its flag was raised updates the flag\'s numbers. Auditors list, open and review flags through',
    'the audit subgraph ([Auditing](auditing.md#anomaly-flags)); `anomalyRules` answers this table with the',
    'settings in force. A count is *far above* a baseline when it reaches max(floor, `ANOMALY_FACTOR` × the',
    'baseline); a baseline is an average over the `ANOMALY_BASELINE_DAYS` days before the window, so a window',
    'never raises its own bar.',
    '',
    '| rule | title | window | observed | raised when |',
    '|---|---|---|---|---|',
  ];
  for (const rule of rules) {
    lines.push(`| \`${rule.id}\` | ${rule.title} (${rule.titleZh}) | ${cell(rule.window)} | ${cell(rule.observed)} | ${cell(rule.raisedWhen)} |`);
  }
  for (const rule of rules) {
    lines.push('', `## \`${rule.id}\`: ${rule.title}`, '', `${rule.meaning}.`, '');
    lines.push(`- **Window**: ${rule.window}.`);
    lines.push(`- **Observed**: ${rule.observed}.`);
    lines.push(`- **Baseline**: ${rule.baseline ?? 'none'}.`);
    lines.push(`- **Raised when**: ${rule.raisedWhen}.`);
    lines.push(`- **Numbers**: ${rule.measures.map((m) => `\`${m.name}\` (${m.meaning})`).join('; ')}.`);
    lines.push(`- **Examples to open**: ${rule.examples}.`);
    lines.push(`- **Settings**: ${code(rule.settings)}.`);
  }
  lines.push('', '## Settings', '', 'Environment variables, checked when the hub starts (a bad value stops it with one line naming the variable).', '');
  lines.push('| variable | default | meaning |', '|---|---|---|');
  for (const variable of ANOMALY_VARIABLES) {
    const setting = ANOMALY_SETTINGS[variable];
    lines.push(`| \`${variable}\` | \`${setting.default}\` | ${cell(setting.meaning)} |`);
  }
  lines.push('');
  return lines.join('\n');
}

if (isEntryPoint(import.meta.url)) {
  writeFileSync(ANOMALIES_TABLE_PATH, renderAnomaliesTable());
  process.stdout.write(`Wrote ${ANOMALIES_TABLE_PATH}\n`);
}
