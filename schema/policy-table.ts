import { writeFileSync } from 'node:fs';
import { isObjectType } from 'graphql';
import { fromRoot } from '../platform/paths.js';
import { apiSchema } from './compose.js';
import { CASE_ID_PATTERN, PURPOSE_NAMES, PURPOSES } from '../auth/purposes.js';
import { FEDERATION_FIELDS, POLICY, READ_POLICY, ROW_SCOPES, WRITE_POLICY, isCarrierType, scopesOf, type FieldRule } from '../auth/policy.js';
import { NOT_RESIDENT_DATA, RECORDED_TYPES } from '../auth/recorded-types.js';
import { CALLER_DEPARTMENTS, DEFAULT_SCOPES, PERMISSION_NAMES, PERMISSIONS, ROLES } from '../auth/roles.js';
import { isEntryPoint } from '../platform/entry.js';

export const POLICY_TABLE_PATH = fromRoot('docs', 'policy.md');

const cell = (rule: FieldRule, role: (typeof ROLES)[number]): string => {
  const access = rule.grants[role];
  if (!access) return '—';
  return access === 'masked' ? `masked (${rule.mask ?? '?'})` : 'full';
};

function rows(policy: Readonly<Record<string, FieldRule>>): string[] {
  return Object.entries(policy).map(
    ([coordinate, rule]) =>
      `| \`${coordinate}\` | ${ROLES.map((role) => cell(rule, role)).join(' | ')} | ${scopesOf(rule).map((scope) => `\`${scope}\``).join(' or ')} | ${rule.purposes ? rule.purposes.join(', ') : 'any'} |`,
  );
}

/** Fields the composed API has that no line of the policy names: denied to everyone. */
export function unreleasedFields(): string[] {
  const schema = apiSchema();
  const found: string[] = [];
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__') || isCarrierType(type.name)) continue;
    for (const field of Object.keys(type.getFields())) {
      const coordinate = `${type.name}.${field}`;
      if (!Object.hasOwn(POLICY, coordinate) && !FEDERATION_FIELDS.has(coordinate)) found.push(coordinate);
    }
  }
  return found.sort();
}

/** The policy as a reviewer reads it: role × field → full / masked / denied. */
export function renderPolicyTable(): string {
  const header = `| field | ${ROLES.join(' | ')} | permission | purposes |\n|---|${ROLES.map(() => '---|').join('')}---|---|`;
  const unreleased = unreleasedFields();
  return [
    '# Access policy',
    '',
    'Rendered from `auth/policy.ts` by `npm run policy:table`; a test fails when this file and the policy differ.',
    '',
    'Every field of the hub answers only to the roles listed for it: **full**, **masked** (shown through',
    'the named mask), or **—** denied (null with a `FORBIDDEN` error at that path, the rest of the answer',
    'intact). A grant also needs the named permission in the caller\'s token and, where listed, one of the',
    'purposes declared in `X-Purpose`, and the purpose registry (below) must let one of the caller\'s roles',
    'declare that purpose and must release the field\'s permission for it. A field the policy does not name is',
    'denied to everyone.',
    '',
    '**Vocabularies.** A caller token is checked against the hub\'s own names when it is verified. `dept` must be',
    `one of ${CALLER_DEPARTMENTS.map((d) => `\`${d}\``).join(', ')}, or the token is refused (401).`,
    `Roles other than ${ROLES.map((r) => `\`${r}\``).join(', ')} and permissions other than those listed`,
    'under "Permissions" grant nothing: they are left out and counted in the gateway\'s log (an identity provider',
    'may send names meant for other systems). A token left with no role the hub knows is refused (401, claim',
    '`roles`).',
    '',
    '**Purposes.** `X-Purpose` must name a purpose of the registry that one of the caller\'s roles may declare;',
    'any other is refused before anything runs (400 `BAD_REQUEST` for a name the hub does not know, 403 `FORBIDDEN`',
    'for one the caller\'s roles may not declare), and the refusal is recorded in the audit log. A purpose that',
    'needs a case number is refused (400) without a well-formed `X-Case-Id`: groups of capital letters and digits',
    `joined by hyphens, beginning with a letter, 3 to 64 characters (\`${CASE_ID_PATTERN.source}\`), e.g.`,
    '`CASE-2026-001`. `statistics` releases no permission whose fields are about one resident.',
    '',
    'Masks: `idNumber` `510107********1234` (the birth date hidden); `phone` `138****5678`; `address` cut',
    'after the district (`成都市武侯区`); `permitNumber` `5101002025****5678`; `serial` only the last four',
    'characters. Every mask holds under inference: no role reads elsewhere what a mask hides from it',
    '(`auth/disclosure.ts`).',
    '',
    '**How it is applied.** Each subgraph wraps every field of its schema with one guard built from this table',
    '(`auth/shield.ts`): the request\'s decision for the field, made once per request and field and kept in a',
    'Map (`auth/decide.ts`), then the resolver, then the mask where the grant is masked; a field the table does',
    'not name is refused like one it does not grant, and its refusal recorded once per request. The guard is',
    'synchronous for a granted field, so a row of a list costs a Map look-up per field and no promise. It',
    'replaced graphql-shield\'s rules, whose runtime awaits a rule for every field of every row: on the',
    'benchmark\'s 100-resident list those promises, kept alive while each level of the answer waited for the',
    'audit store, were most of what the policy cost ([Benchmarks](benchmarks.md#what-the-figures-say)).',
    '',
    '## Reads',
    '',
    header,
    ...rows(READ_POLICY),
    '',
    '## Writes',
    '',
    'Each department writes only its own records.',
    '',
    header,
    ...rows(WRITE_POLICY),
    '',
    '## Rows: jurisdiction',
    '',
    'A principal whose token names grids or divisions — and every grid worker — is confined to them:',
    '',
    '| type | rows a confined principal sees |',
    '|---|---|',
    ...Object.entries(ROW_SCOPES).map(([type, scope]) => `| \`${type}\` | ${scope} |`),
    '',
    '## Recorded types',
    '',
    'Every value of these types a subgraph serves is recorded in the audit log before it leaves, under',
    'the record id named here (`auth/recorded-types.ts`), whichever field, relation, payload or entity',
    'reference served it, and placed where it lies: an auditor confined to grids or districts is shown',
    'an access only when every record of it has a place inside them (`none`: never).',
    '',
    '| type | record id | place |',
    '|---|---|---|',
    ...Object.entries(RECORDED_TYPES).map(
      ([type, recorded]) => `| \`${type}\` | ${recorded.id}${recorded.absent ? `; when absent, ${recorded.absent.id}` : ''} | ${recorded.place} |`,
    ),
    '',
    'Not residents\' data (besides connections, edges and payloads, which carry the types above):',
    '',
    '| type | why |',
    '|---|---|',
    ...Object.entries(NOT_RESIDENT_DATA).map(([type, why]) => `| \`${type}\` | ${why} |`),
    '',
    '## Default permissions of the roles',
    '',
    '| role | permissions |',
    '|---|---|',
    ...ROLES.map((role) => `| ${role} | ${DEFAULT_SCOPES[role].map((s) => `\`${s}\``).join(' ')} |`),
    '',
    '## Purposes of use',
    '',
    'The purpose registry (`auth/purposes.ts`): who may declare each purpose, which permissions it releases, and',
    'whether it needs a case number in `X-Case-Id`.',
    '',
    '| purpose | meaning | declared by | releases | case number |',
    '|---|---|---|---|---|',
    ...PURPOSE_NAMES.map((name) => {
      const entry = PURPOSES[name];
      const releases = entry.releases.map((p) => `\`${p}\``).join(' ');
      return `| \`${name}\` | ${entry.meaning} | ${entry.roles.join(', ')} | ${releases} | ${entry.needsCase ? 'required' : '—'} |`;
    }),
    '',
    '## Permissions',
    '',
    '| permission | about one resident | meaning |',
    '|---|---|---|',
    ...PERMISSION_NAMES.map((name) => `| \`${name}\` | ${PERMISSIONS[name].individual ? 'yes' : 'no'} | ${PERMISSIONS[name].meaning} |`),
    '',
    '## Denied to everyone',
    '',
    unreleased.length === 0 ? 'None: every field of the API is named above.' : unreleased.map((c) => `- \`${c}\``).join('\n'),
    '',
  ].join('\n');
}

if (isEntryPoint(import.meta.url)) {
  writeFileSync(POLICY_TABLE_PATH, renderPolicyTable());
  process.stdout.write(`Wrote ${POLICY_TABLE_PATH}\n`);
}
