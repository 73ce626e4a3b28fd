import { existsSync } from 'node:fs';
import path from 'node:path';
import { CHECKPOINT_FILE, checkpointDirFromEnv, checkpointPublicKey } from '../audit/checkpoint.js';
import { auditTarget, openAuditDatabase } from '../audit/database.js';
import { readExportPublicKey, verifyExportFile } from '../audit/export.js';
import { describeVerification, verifyHeldToEvidence, type EvidenceSources } from '../audit/verification.js';
import { ViewStore } from '../audit/views/store.js';
import { at } from '../platform/arrays.js';
import { WITNESS_FILE } from '../audit/witnesses.js';
import { readWitnessLog } from '../exchange/witness.js';
import { env } from '../hub/env.js';
import { exitOnConfigurationError } from '../platform/env.js';

/**
 * Verifies the audit log's hash chains, or an export of it, and exits 0 when
 * intact, 1 when broken (one line per problem), 2 on a usage error. The
 * store's chains are held to the signed checkpoints (audit/checkpoint.ts):
 * by default those of AUDIT_CHECKPOINT_DIR (or the data folder's), checked
 * with the public half of the checkpoint key, and the checkpoint file to the
 * receipts partner cities signed for the checkpoints they witnessed
 * (witnesses.jsonl beside it, exchange/witness.ts): a witnessed checkpoint
 * the file no longer holds is named, and its heads still anchor the chains.
 *
 *   npm run audit:verify                                     # every chain of the audit store
 *   npm run audit:verify -- --checkpoints /mnt/anchors --checkpoint-key audit-checkpoint.public.jwk.json
 *   npm run audit:verify -- --witnesses /mnt/anchors/witnesses.jsonl   # receipts kept elsewhere
 *   npm run audit:verify -- --archives /mnt/audit-archives    # months archived elsewhere (npm run audit:archive)
 *   npm run audit:verify -- --writer <writer id>             # one chain
 *   npm run audit:verify -- --file audit.jsonl --key audit-export.public.jwk.json   # an export, offline
 */
const USAGE =
  'Usage: npm run audit:verify -- [--writer <id>] [--checkpoints <folder or checkpoints.jsonl> --checkpoint-key <public key>] [--witnesses <witnesses.jsonl>] [--archives <folder>] | --file <export.jsonl> --key <public key: JWK, JWKS or PEM>';
const FLAGS = ['writer', 'file', 'key', 'page-size', 'checkpoints', 'checkpoint-key', 'witnesses', 'archives'] as const;

function parseArgs(argv: string[]): Partial<Record<(typeof FLAGS)[number], string>> {
  const given: Partial<Record<(typeof FLAGS)[number], string>> = {};
  for (let i = 0; i < argv.length; i += 1) {
    const match = /^--([a-z-]+)(?:=(.*))?$/s.exec(at(argv, i));
    const name = match?.[1] as (typeof FLAGS)[number] | undefined;
    if (!match || !name || !FLAGS.includes(name)) usage(`Unexpected argument ${JSON.stringify(argv[i])}`);
    const value = match[2] ?? argv[(i += 1)];
    if (value === undefined || value === '') usage(`--${name} needs a value`);
    given[name] = value;
  }
  return given;
}

function usage(message: string): never {
  process.stderr.write(`${message}\n${USAGE}\n`);
  process.exit(2);
}

const args = parseArgs(process.argv.slice(2));
const say = (line: string) => process.stdout.write(`${line}\n`);
const note = (line: string) => process.stderr.write(`${line}\n`);

if (args.file !== undefined || args.key !== undefined) {
  if (!args.file || !args.key) usage('--file and --key go together: an export is checked against the public key it was signed for');
  if (args.writer) usage('--writer applies to the audit store, not to an export');
  const key = await readExportPublicKey(args.key).catch((error: Error) => usage(`--key ${args.key}: ${error.message}`));
  const check = await verifyExportFile(args.file, key).catch((error: Error) => usage(`--file ${args.file}: ${error.message}`));
  for (const problem of check.problems) say(problem);
  const range = check.manifest ? ` from ${check.manifest.from} to ${check.manifest.to}` : '';
  note(`${check.ok ? 'intact' : 'BROKEN'}: ${check.events.toLocaleString('en')} events in ${check.chains} chain segments${range}`);
  process.exit(check.ok ? 0 : 1);
}

exitOnConfigurationError();
const config = env();
const pageSize = args['page-size'] ? Number(args['page-size']) : undefined;
if (pageSize !== undefined && !(Number.isInteger(pageSize) && pageSize > 0)) usage('--page-size must be a positive integer');

// The checkpoints first: they are what the store is held to, and a missing key is a usage error, not a broken log.
const given = args.checkpoints ? path.resolve(args.checkpoints) : checkpointDirFromEnv(config);
const checkpointFile = given.endsWith('.jsonl') ? given : path.join(given, CHECKPOINT_FILE);
const publicKey = await checkpointPublicKey(config, args['checkpoint-key']).catch((error: Error) =>
  usage(`the checkpoint key${args['checkpoint-key'] ? ` ${args['checkpoint-key']}` : ''}: ${error.message}`),
);
const sources: EvidenceSources = {
  checkpointFile,
  witnessFile: args.witnesses ? path.resolve(args.witnesses) : path.join(path.dirname(checkpointFile), WITNESS_FILE),
  readWitnessLog,
  // Archived months are vouched for by the checkpoint key: each chain continues from where they end.
  archiveDir: args.archives ? path.resolve(args.archives) : path.join(path.dirname(checkpointFile), 'archives'),
  publicKey,
};
if (args.checkpoints && !publicKey) usage('--checkpoints needs the public key to check them with: --checkpoint-key, or AUDIT_CHECKPOINT_KEY_FILE');
if (args.checkpoints && !existsSync(checkpointFile)) usage(`--checkpoints ${args.checkpoints}: there is no ${CHECKPOINT_FILE} there`);
if (args.witnesses && !publicKey) usage('--witnesses needs the checkpoint public key to check the witnessed checkpoints with: --checkpoint-key, or AUDIT_CHECKPOINT_KEY_FILE');
if (args.witnesses && !existsSync(sources.witnessFile)) usage(`--witnesses ${args.witnesses}: there is no such file`);
if (args.archives && !publicKey) usage('--archives needs the checkpoint public key to check the archive manifests with: --checkpoint-key, or AUDIT_CHECKPOINT_KEY_FILE');

// Verification only reads: migrations are the migrate step's.
const database = await openAuditDatabase(auditTarget(config), { migrate: false });
try {
  // The same function answers the auditVerification query: what the command reports, the query reports.
  const verifiedAt = new Date();
  const held = await verifyHeldToEvidence(database, sources, { writerId: args.writer, pageSize });
  for (const line of [...held.evidenceProblems, ...held.chainProblems]) say(line);
  note(describeVerification(held, sources));
  // Kept for the auditors' overview, as auditVerification keeps its runs; a store that will not take it (a reader's connection) is told of, not fatal.
  await new ViewStore(database, database)
    .recordVerification({
      verifiedAt,
      ok: held.ok,
      chains: held.report.chains,
      events: held.report.events,
      problems: held.report.problems.length,
      evidenceProblems: held.evidenceProblems.length,
      durationMs: held.report.ms,
      checkpointSeq: held.latest?.checkpoint.seq ?? null,
      writerId: args.writer ?? null,
      ranBy: 'audit:verify',
    })
    .catch(() => note('(this verification could not be recorded in the audit store for the overview: its connection may only read)'));
  process.exitCode = held.ok ? 0 : 1;
} finally {
  await database.close();
}
