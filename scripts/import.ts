import path from 'node:path';
import { parseArgs } from 'node:util';
import { signCallerToken } from '../auth/caller.js';
import { ensureDevKeys } from '../auth/dev-keys.js';
import { readSigningKey } from '../auth/keys.js';
import { DEFAULT_SCOPES } from '../auth/roles.js';
import { env, gatewayUrl } from '../hub/env.js';
import { isEntryPoint } from '../platform/entry.js';
import { isDevelopment } from '../platform/env.js';
import { importKindsOf } from '../subgraphs/import-kinds.js';
import { DEFAULT_BATCH_ROWS, MAX_BATCH_ROWS } from '../subgraphs/import/kinds.js';
import { DEPARTMENTS, type Department } from '../subgraphs/registry.js';
import { claimsFor } from './token.js';
import { ImportRefused } from './import/client.js';
import { progressOn } from './import/progress.js';
import { ImportFileError } from './import/read.js';
import { describeSummary, ImportInterrupted, runImport } from './import/run.js';

/**
 * `npm run import`: loads a department's file of legacy records (CSV or XLSX)
 * into the running hub through the department's own rules, writes the error
 * report beside it, and prints what happened (docs/import.md).
 */

export const IMPORT_USAGE = `Usage: npm run import -- --dept <${DEPARTMENTS.join('|')}> --file <records.csv|records.xlsx> [--kind <kind>] [--mapping <mapping.json>] [--encoding <utf-8|gb18030|…>] [--dry-run] [--errors <path>] [--resume] [--batch-size <1-${MAX_BATCH_ROWS}>] [--gateway <url>] [--token <token>]

Kinds: ${DEPARTMENTS.map((d) => `${d}: ${importKindsOf(d).map((k) => k.name).join(', ')}`).join('; ')}.
Without --token, development mints a token of the department from the local issuer (as npm run token does); in production, pass one from your identity provider (or HUB_TOKEN).`;

/** Exit codes: refused by the hub 1, a bad command line or file 2, interrupted (resumable) 3, stopped with Ctrl-C 130. */
const EXIT = { refused: 1, usage: 2, interrupted: 3, signal: 130 } as const;

class UsageError extends Error {}

export interface ImportCommand {
  department: Department;
  file: string;
  kind: string | undefined;
  mapping: string | undefined;
  encoding: string | undefined;
  dryRun: boolean;
  errors: string | undefined;
  resume: boolean;
  batchSize: number;
  gateway: string | undefined;
  token: string | undefined;
}

/** Reads the command line; throws UsageError with one line naming what is wrong, or returns null for --help. */
export function parseImportArgs(argv: readonly string[]): ImportCommand | null {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        dept: { type: 'string' },
        file: { type: 'string' },
        kind: { type: 'string' },
        mapping: { type: 'string' },
        encoding: { type: 'string' },
        'dry-run': { type: 'boolean', default: false },
        errors: { type: 'string' },
        resume: { type: 'boolean', default: false },
        'batch-size': { type: 'string' },
        gateway: { type: 'string' },
        token: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (values.help) return null;
  const department = values.dept?.trim();
  if (!department) throw new UsageError(`--dept is required (one of ${DEPARTMENTS.join(', ')})`);
  if (!(DEPARTMENTS as readonly string[]).includes(department)) throw new UsageError(`--dept ${JSON.stringify(department)} is not one of ${DEPARTMENTS.join(', ')}`);
  if (!values.file?.trim()) throw new UsageError('--file is required: a CSV or XLSX file of records');
  const batchText = values['batch-size'] ?? String(DEFAULT_BATCH_ROWS);
  if (!/^\d+$/.test(batchText) || Number(batchText) < 1 || Number(batchText) > MAX_BATCH_ROWS) throw new UsageError(`--batch-size must be a whole number from 1 to ${MAX_BATCH_ROWS}`);
  return {
    department: department as Department,
    file: path.resolve(values.file.trim()),
    kind: values.kind?.trim() || undefined,
    mapping: values.mapping ? path.resolve(values.mapping) : undefined,
    encoding: values.encoding?.trim() || undefined,
    dryRun: values['dry-run'],
    errors: values.errors,
    resume: values.resume,
    batchSize: Number(batchText),
    gateway: values.gateway,
    token: values.token,
  };
}

/** A token of the department from the local development issuer, as `npm run token -- --dept <department>` prints it. */
async function developmentToken(department: Department): Promise<string> {
  const config = env();
  if (!isDevelopment(config)) throw new UsageError('--token is required in production: a token of the department from your identity provider (or HUB_TOKEN)');
  const files = await ensureDevKeys(config.HUB_DATA_DIR);
  const signer = await readSigningKey(files.issuerPrivateKeyFile, 'EdDSA');
  const claims = claimsFor({ dept: department, roles: [department], scopes: [...DEFAULT_SCOPES[department]], grids: [], divisions: [], houses: [], employers: [], idNumber: null, sub: `dev-${department}`, ttlSeconds: 12 * 3600 });
  return signCallerToken(signer, claims, { issuer: config.AUTH_ISSUER, audience: config.AUTH_AUDIENCE, ttlSeconds: 12 * 3600 });
}

async function main(): Promise<void> {
  let command: ImportCommand | null;
  try {
    command = parseImportArgs(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`${error.message}\n${IMPORT_USAGE}\n`);
    process.exit(EXIT.usage);
  }
  if (command === null) {
    process.stdout.write(`${IMPORT_USAGE}\n`);
    return;
  }
  const stop = new AbortController();
  let interrupted = false;
  process.on('SIGINT', () => {
    // The first Ctrl-C lets the batch in flight be answered, so the ledger and the report agree; a second one leaves at once.
    if (interrupted) process.exit(EXIT.signal);
    interrupted = true;
    process.stderr.write('\nstopping after the batch in flight (Ctrl-C again to leave at once)\n');
    stop.abort();
  });
  try {
    const token = command.token ?? process.env.HUB_TOKEN ?? (await developmentToken(command.department));
    const summary = await runImport({
      department: command.department,
      file: command.file,
      kind: command.kind,
      mapping: command.mapping,
      encoding: command.encoding,
      dryRun: command.dryRun,
      errors: command.errors,
      resume: command.resume,
      batchSize: command.batchSize,
      gatewayUrl: command.gateway ?? gatewayUrl(env()),
      token,
      progress: progressOn(process.stderr),
      note: (line) => process.stderr.write(`${line}\n`),
      signal: stop.signal,
    });
    process.stdout.write(`${describeSummary(summary)}\n`);
  } catch (error) {
    if (error instanceof UsageError || error instanceof ImportFileError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(EXIT.usage);
    }
    if (error instanceof ImportInterrupted) {
      process.stderr.write(`${error.message}\n`);
      process.exit(interrupted ? EXIT.signal : EXIT.interrupted);
    }
    if (error instanceof ImportRefused) {
      process.stderr.write(`the hub refused the import (${error.code}): ${error.message}\n`);
      process.exit(EXIT.refused);
    }
    throw error;
  }
}

if (isEntryPoint(import.meta.url)) await main();
