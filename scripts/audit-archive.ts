import path from 'node:path';
import { ArchiveRefused, archiveMonths, MONTH } from '../audit/archive.js';
import { CHECKPOINT_FILE, checkpointDirFromEnv, checkpointKeyFromEnv, describeCheckpointLogProblem, readCheckpointLog } from '../audit/checkpoint.js';
import { auditTarget, openAuditDatabase } from '../audit/database.js';
import { exportKeyFromEnv } from '../audit/export.js';
import { at } from '../platform/arrays.js';
import { env } from '../hub/env.js';
import { exitOnConfigurationError } from '../platform/env.js';

/**
 * Archives whole months of the audit log older than the month given and
 * takes their partitions out of the store (audit/archive.ts). Exits 0 when
 * done (or nothing was old enough), 1 when refused (one line why, nothing
 * dropped), 2 on a usage error. Runs as the audit database's owner, with the
 * checkpoint key: the archives are vouched for by the checkpoints.
 *
 *   npm run audit:archive -- --before 2026-03                 # every month up to February 2026
 *   npm run audit:archive -- --before 2026-03 --out /mnt/audit-archives
 */
const USAGE = 'Usage: npm run audit:archive -- --before <YYYY-MM> [--out <folder>]';

function usage(message: string): never {
  process.stderr.write(`${message}\n${USAGE}\n`);
  process.exit(2);
}

const given = new Map<string, string>();
const argv = process.argv.slice(2);
for (let i = 0; i < argv.length; i += 1) {
  const match = /^--(before|out)(?:=(.*))?$/s.exec(at(argv, i));
  if (!match) usage(`Unexpected argument ${JSON.stringify(argv[i]).slice(0, 60)}`);
  const value = match[2] ?? argv[(i += 1)];
  if (!value) usage(`--${match[1]} needs a value`);
  given.set(at(match, 1), value);
}
const before = given.get('before');
if (!before) usage('--before is required: months before it are archived');
if (!MONTH.test(before)) usage(`--before must be a month as YYYY-MM, not ${JSON.stringify(before).slice(0, 40)}`);
const current = new Date().toISOString().slice(0, 7);
if (before > current) usage(`--before ${before} is after the current month ${current}: a month still being written is not archived`);

exitOnConfigurationError();
const config = env();
const checkpointDir = checkpointDirFromEnv(config);
const dir = path.resolve(given.get('out') ?? path.join(checkpointDir, 'archives'));
const checkpointKey = await checkpointKeyFromEnv(config);
const exportKey = await exportKeyFromEnv(config);
const checkpointFile = path.join(checkpointDir, CHECKPOINT_FILE);
const log = await readCheckpointLog(checkpointFile, checkpointKey.publicKey);
if (log.problems.length > 0) {
  process.stdout.write(`${log.problems.map((p) => describeCheckpointLogProblem(checkpointFile, p)).join('\n')}\n`);
  process.stderr.write('refused: the checkpoint file does not check out; nothing is archived\n');
  process.exit(1);
}

const database = await openAuditDatabase(auditTarget(config), { migrate: false });
try {
  const done = await archiveMonths(database, { before, dir, exportKey, checkpointKey, checkpoints: log.checkpoints });
  for (const { archive } of done) {
    const events = archive.chains.reduce((sum, c) => sum + c.events, 0);
    process.stdout.write(`${archive.month}: ${events.toLocaleString('en')} events of ${archive.chains.length} chains in ${path.join(dir, archive.file)}, under checkpoint ${archive.checkpoint.seq}\n`);
  }
  process.stderr.write(done.length === 0 ? `nothing to archive before ${before}\n` : `archived ${done.length} months to ${dir}; their partitions were dropped\n`);
} catch (error) {
  if (!(error instanceof ArchiveRefused)) throw error;
  process.stderr.write(`refused: ${error.message}\n`);
  process.exitCode = 1;
} finally {
  await database.close();
}
