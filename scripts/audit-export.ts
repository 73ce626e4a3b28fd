import { auditTarget, openAuditDatabase } from '../audit/database.js';
import { exportAuditRange, exportKeyFromEnv } from '../audit/export.js';
import { at } from '../platform/arrays.js';
import { env } from '../hub/env.js';
import { exitOnConfigurationError } from '../platform/env.js';
import { parseInstant } from '../platform/subgraph.js';

/**
 * Writes the audit events of [--from, --to) as signed, self-verifying JSON
 * lines (see audit/export.ts), which `npm run audit:verify -- --file … --key …`
 * checks offline.
 *
 *   npm run audit:export -- --from 2026-03-01T00:00:00+08:00 --to 2026-04-01T00:00:00+08:00 --out audit-2026-03.jsonl
 */
const USAGE = 'Usage: npm run audit:export -- --from <ISO instant> --to <ISO instant> --out <file.jsonl>';

function usage(message: string): never {
  process.stderr.write(`${message}\n${USAGE}\n`);
  process.exit(2);
}

const given: Record<string, string> = {};
const argv = process.argv.slice(2);
for (let i = 0; i < argv.length; i += 1) {
  const match = /^--(from|to|out)(?:=(.*))?$/s.exec(at(argv, i));
  if (!match) usage(`Unexpected argument ${JSON.stringify(argv[i])}`);
  const value = match[2] ?? argv[(i += 1)];
  if (!value) usage(`--${match[1]} needs a value`);
  given[at(match, 1)] = value;
}
const from = parseInstant(given.from);
const to = parseInstant(given.to);
if (!from) usage('--from must be an ISO 8601 instant with a time zone, e.g. 2026-03-01T00:00:00+08:00');
if (!to) usage('--to must be an ISO 8601 instant with a time zone, e.g. 2026-04-01T00:00:00+08:00');
if (to <= from) usage('--to must be after --from');
if (!given.out) usage('--out names the file to write');

exitOnConfigurationError();
const config = env();
const key = await exportKeyFromEnv(config);
const database = await openAuditDatabase(auditTarget(config), { migrate: false });
try {
  const manifest = await exportAuditRange(database, { from, to, out: given.out, key });
  process.stdout.write(
    `Wrote ${manifest.events.toLocaleString('en')} events of ${manifest.chains.length} chains to ${given.out}\n` +
      `Signed with key ${manifest.keyId}${key.publicKeyFile ? `; its public key is ${key.publicKeyFile}` : ''}\n`,
  );
} finally {
  await database.close();
}
