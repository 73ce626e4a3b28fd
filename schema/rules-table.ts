import { writeFileSync } from 'node:fs';
import { isEntryPoint } from '../platform/entry.js';
import { fromRoot } from '../platform/paths.js';
import { RULE_CODES, type RecordRule } from '../platform/record-rules.js';
import { RECORD_RULE_TABLES } from '../subgraphs/record-rules.js';

export const RULES_TABLE_PATH = fromRoot('docs', 'rules.md');

/** What a line checks beyond its words: the register asked, the condition, the list. */
function detail(rule: RecordRule, department: string): string {
  switch (rule.kind) {
    case 'reference':
      return `a ${rule.refers} on the ${rule.owner} register${rule.owner === department ? '' : ', asked through the hub'}`;
    case 'person': {
      const { minimumAge, maximumAge, sex } = rule.condition;
      const parts = [`from \`${rule.dateField}\`${rule.untilField ? ` to \`${rule.untilField}\`` : ''}: born by then, not moved out before`];
      if (minimumAge != null) parts.push(`aged at least ${minimumAge}`);
      if (maximumAge != null) parts.push(`aged at most ${maximumAge}`);
      if (sex != null) parts.push(sex === 'FEMALE' ? 'a woman' : 'a man');
      return `${parts.join('; ')}${department === 'police' ? '' : ' (asked of the police through the hub)'}`;
    }
    case 'vocabulary':
      return `one of ${rule.values.length} values (${rule.source})`;
    case 'address':
      return rule.divisionField ? `names the district in \`${rule.divisionField}\`, then a street part` : 'a district-level place, then a street part';
    case 'order':
      return `not before \`${rule.earlierField}\``;
    case 'conflict':
    case 'flag':
      return '';
  }
}

const codeOf = (rule: RecordRule): string =>
  rule.kind === 'person' ? '`BAD_USER_INPUT`; `CONFLICT` after a move-out' : RULE_CODES[rule.kind] ? `\`${RULE_CODES[rule.kind]}\`` : 'accepted, with a warning';

/** Every department's record rules as the documentation shows them, one table per department. */
export function renderRulesTable(tables = RECORD_RULE_TABLES): string {
  const lines = [
    '# Record rules',
    '',
    '<!-- Generated from subgraphs/*/record-rules.ts by `npm run rules:table`; a test fails when this file differs. -->',
    '',
    'What each write is refused for beyond the format of its fields, department by department. A write',
    'with several problems is answered with all of them at once, one error each, every one naming its',
    'field in `extensions.field` and its kind in `extensions.code`: `BAD_USER_INPUT` for a value the',
    'caller can fix, `NOT_FOUND` for a record named that does not exist, `CONFLICT` for a clash with',
    "records already registered. A record that names another department's record (a tenancy names a",
    'person on the police register) is checked with that department through the hub, as the writing',
    'caller, under the policy, and recorded in the access log (see [writing](writing.md)).',
    '',
  ];
  for (const [department, rules] of tables) {
    lines.push(`## ${department}`, '');
    if (rules.length === 0) {
      lines.push('No rules beyond the format of each field.', '');
      continue;
    }
    lines.push('| rule | mutation | field | refused with | what it says | checks |', '|---|---|---|---|---|---|');
    for (const rule of rules) {
      lines.push(`| \`${rule.id}\` | \`${rule.mutation}\` | \`${rule.field}\` | ${codeOf(rule)} | ${rule.says} | ${detail(rule, department)} |`);
    }
    lines.push('');
  }
  return lines.join('\n');
}

if (isEntryPoint(import.meta.url)) {
  writeFileSync(RULES_TABLE_PATH, renderRulesTable());
  process.stdout.write(`Wrote ${RULES_TABLE_PATH}\n`);
}
