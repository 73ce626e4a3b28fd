import { createHash, createPrivateKey, createPublicKey, sign, verify, type JsonWebKey, type KeyObject } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { calculateJwkThumbprint, type JWK } from 'jose';
import { ensureAuditExportKey } from '../auth/dev-keys.js';
import { EnvError, isDevelopment, type DeploymentEnv } from '../platform/env.js';
import type { AuditEvent } from './api.js';
import { canonicalJson, eventHash } from './chain.js';
import type { AuditDatabase } from './database.js';
import { chainEvents, eventWriterIds } from './read.js';
import { ChainWalk } from './verify.js';

/**
 * A signed, self-verifying export of the audit log for a time range, one
 * JSON object per line (canonical JSON, see audit/chain.ts):
 *
 *   every event in the range, chain by chain, each chain in seq order;
 *   then one manifest line: { "manifest": {…}, "signature": "<base64url>" }
 *
 * The manifest names the range, the key, the number of events, a sha256
 * over all event lines (each with its newline), and for each chain its count,
 * first and last seq, the hash its first event follows and the hash of its
 * last. The signature is Ed25519 over the manifest's canonical JSON. Anyone
 * with the public key checks a file alone: the signature, the digest, and
 * that every chain segment links up event by event.
 */

export const EXPORT_FORMAT = 'population-data-hub/audit-export/1';

export interface ChainSegment {
  writerId: string;
  events: number;
  firstSeq: number;
  lastSeq: number;
  /** The hash the segment's first event follows (the genesis hash if the segment starts its chain). */
  firstPrevHash: string;
  lastHash: string;
}

export interface ExportManifest {
  format: typeof EXPORT_FORMAT;
  from: string;
  to: string;
  exportedAt: string;
  /** RFC 7638 thumbprint of the public key that verifies the signature. */
  keyId: string;
  events: number;
  linesSha256: string;
  chains: ChainSegment[];
  /**
   * Set on a selective export: only the events naming this record, so a
   * chain's events in the file do not follow each other. Each still carries
   * the hashes it has in its chain, and its own hash must hold, unless it is
   * marked `placesWithheld`: handed out without where its records lie, which
   * its hash covers, it is vouched for by the signature alone.
   */
  selection?: ExportSelection;
}

/** What a selective export holds: every access naming one record (a resident's hub id) in the range. */
export interface ExportSelection {
  recordId: string;
}

export interface ExportSigningKey {
  privateKey: KeyObject;
  keyId: string;
  /** Where the matching public key is, when the hub made the pair itself. */
  publicKeyFile?: string;
}

async function thumbprintOf(publicKey: KeyObject): Promise<string> {
  const jwk = publicKey.export({ format: 'jwk' }) as JWK;
  return calculateJwkThumbprint({ kty: jwk.kty, crv: jwk.crv, x: jwk.x });
}

/** A private Ed25519 key from a file: a private JWK or PEM PKCS#8. */
export async function readExportSigningKey(file: string): Promise<ExportSigningKey> {
  const text = await readFile(file, 'utf8');
  const privateKey = text.trimStart().startsWith('-----BEGIN')
    ? createPrivateKey(text)
    : createPrivateKey({ key: JSON.parse(text) as JsonWebKey, format: 'jwk' });
  if (privateKey.asymmetricKeyType !== 'ed25519') throw new Error('the audit export key must be an Ed25519 private key');
  return { privateKey, keyId: await thumbprintOf(createPublicKey(privateKey)) };
}

/**
 * The export key from the environment: AUDIT_EXPORT_KEY_FILE, or in
 * development a key pair made on first use under the data folder's keys/.
 */
export async function exportKeyFromEnv(env: DeploymentEnv & { AUDIT_EXPORT_KEY_FILE?: string | undefined }): Promise<ExportSigningKey> {
  let file = env.AUDIT_EXPORT_KEY_FILE;
  let publicKeyFile: string | undefined;
  if (!file) {
    if (!isDevelopment(env)) throw new EnvError('AUDIT_EXPORT_KEY_FILE is required in production: the Ed25519 key audit exports are signed with');
    ({ privateKeyFile: file, publicKeyFile } = await ensureAuditExportKey(env.HUB_DATA_DIR));
  }
  try {
    return { ...(await readExportSigningKey(file)), ...(publicKeyFile ? { publicKeyFile } : {}) };
  } catch (error) {
    throw new EnvError(`Invalid environment variable AUDIT_EXPORT_KEY_FILE=${JSON.stringify(file)}: ${(error as Error).message}`);
  }
}

/** A public Ed25519 key from a file: a public JWK, a JWKS (the key named `kid`, or its only key), or PEM SPKI. */
export async function readExportPublicKey(file: string, kid?: string): Promise<KeyObject> {
  const text = await readFile(file, 'utf8');
  if (text.trimStart().startsWith('-----BEGIN')) return createPublicKey(text);
  const json = JSON.parse(text) as JWK | { keys: JWK[] };
  let jwk: JWK | undefined;
  if ('keys' in json && Array.isArray(json.keys)) {
    jwk = json.keys.find((k) => kid !== undefined && k.kid === kid) ?? (json.keys.length === 1 ? json.keys[0] : undefined);
    if (!jwk) throw new Error('the key set does not hold the key the export names');
  } else {
    jwk = json as JWK;
  }
  const { d: _d, ...publicJwk } = jwk;
  return createPublicKey({ key: publicJwk as JsonWebKey, format: 'jwk' });
}

export interface ExportOptions {
  from: Date;
  to: Date;
  /** File to write. */
  out: string;
  key: ExportSigningKey;
  pageSize?: number;
}

/** Writes the events of [from, to) and the signed manifest; memory stays flat whatever the range holds. */
export async function exportAuditRange(database: AuditDatabase, options: ExportOptions): Promise<ExportManifest> {
  const output = createWriteStream(options.out, { encoding: 'utf8', mode: 0o600 });
  const failed = once(output, 'error').then(([error]) => {
    throw error as Error;
  });
  failed.catch(() => undefined);
  const write = async (line: string) => {
    if (!output.write(line)) await Promise.race([once(output, 'drain'), failed]);
  };
  const digest = createHash('sha256');
  const chains: ChainSegment[] = [];
  let events = 0;
  for (const writerId of await eventWriterIds(database, options)) {
    let segment: ChainSegment | null = null;
    for await (const event of chainEvents(database, writerId, { from: options.from, to: options.to, pageSize: options.pageSize })) {
      const line = `${canonicalJson(event)}\n`;
      digest.update(line, 'utf8');
      await write(line);
      events += 1;
      segment ??= { writerId, events: 0, firstSeq: event.seq, lastSeq: event.seq, firstPrevHash: event.prevHash, lastHash: event.hash };
      segment.events += 1;
      segment.lastSeq = event.seq;
      segment.lastHash = event.hash;
    }
    if (segment) chains.push(segment);
  }
  const manifest: ExportManifest = {
    format: EXPORT_FORMAT,
    from: options.from.toISOString(),
    to: options.to.toISOString(),
    exportedAt: new Date().toISOString(),
    keyId: options.key.keyId,
    events,
    linesSha256: digest.digest('hex'),
    chains,
  };
  const signature = sign(null, Buffer.from(canonicalJson(manifest), 'utf8'), options.key.privateKey).toString('base64url');
  await write(`${canonicalJson({ manifest, signature })}\n`);
  output.end();
  await Promise.race([once(output, 'finish'), failed]);
  return manifest;
}

/**
 * A selective export, as text: every event given (those naming one record,
 * chain by chain in seq order), then the signed manifest naming the record.
 * Small by construction (a resident's accesses), so built in memory to be
 * handed out whole.
 */
export function exportSelection(events: readonly AuditEvent[], options: { from: Date; to: Date; selection: ExportSelection; key: ExportSigningKey }): { text: string; manifest: ExportManifest } {
  const digest = createHash('sha256');
  const lines: string[] = [];
  const chains = new Map<string, ChainSegment>();
  for (const event of events) {
    const line = `${canonicalJson(event)}\n`;
    digest.update(line, 'utf8');
    lines.push(line);
    const segment = chains.get(event.writerId);
    if (!segment) {
      chains.set(event.writerId, { writerId: event.writerId, events: 1, firstSeq: event.seq, lastSeq: event.seq, firstPrevHash: event.prevHash, lastHash: event.hash });
      continue;
    }
    segment.events += 1;
    segment.lastSeq = event.seq;
    segment.lastHash = event.hash;
  }
  const manifest: ExportManifest = {
    format: EXPORT_FORMAT,
    from: options.from.toISOString(),
    to: options.to.toISOString(),
    exportedAt: new Date().toISOString(),
    keyId: options.key.keyId,
    events: events.length,
    linesSha256: digest.digest('hex'),
    chains: [...chains.values()],
    selection: { recordId: options.selection.recordId },
  };
  const signature = sign(null, Buffer.from(canonicalJson(manifest), 'utf8'), options.key.privateKey).toString('base64url');
  return { text: `${lines.join('')}${canonicalJson({ manifest, signature })}\n`, manifest };
}

export interface ExportCheck {
  ok: boolean;
  events: number;
  chains: number;
  /** One line per problem. */
  problems: string[];
  manifest: ExportManifest | null;
}

/**
 * Checks an export with nothing but the file and the public key: the
 * signature over the manifest, the digest over the event lines, and every
 * chain segment's linkage event by event against what the manifest states.
 * A selective export (one whose manifest names a `selection`) holds only some
 * events of each chain: each event's own hash must hold over its content and
 * the hash it follows, and each chain's count and ends must be as stated.
 */
export async function verifyExportFile(file: string, publicKey: KeyObject): Promise<ExportCheck> {
  // Problems found while reading, in line order; which apply depends on the manifest, read last.
  const found: { problem: string; applies: 'always' | 'chain' | 'selection' }[] = [];
  const problems: string[] = [];
  const digest = createHash('sha256');
  const walks = new Map<string, { walk: ChainWalk; first: { seq: number; prevHash: string }; last: { seq: number; hash: string }; events: number }>();
  let current: string | null = null;
  let events = 0;
  let lineNumber = 0;
  let pending = null as string | null;

  const takeEvent = (line: string, number: number) => {
    digest.update(`${line}\n`, 'utf8');
    events += 1;
    let event: AuditEvent;
    try {
      event = JSON.parse(line) as AuditEvent;
    } catch {
      found.push({ problem: `line ${number}: not JSON`, applies: 'always' });
      return;
    }
    if (typeof event.writerId !== 'string' || typeof event.seq !== 'number') {
      found.push({ problem: `line ${number}: not an audit event`, applies: 'always' });
      return;
    }
    let entry = walks.get(event.writerId);
    if (entry && current !== event.writerId) found.push({ problem: `line ${number}: ${event.writerId} appears again after another chain`, applies: 'always' });
    current = event.writerId;
    if (!entry) {
      const first = { seq: event.seq, prevHash: event.prevHash };
      entry = { walk: new ChainWalk(event.writerId, first), first, last: { seq: event.seq, hash: event.hash }, events: 0 };
      walks.set(event.writerId, entry);
    } else if (event.seq <= entry.last.seq) {
      found.push({ problem: `line ${number}: ${event.writerId} seq ${event.seq} comes after seq ${entry.last.seq}`, applies: 'selection' });
    }
    entry.events += 1;
    entry.last = { seq: event.seq, hash: event.hash };
    // An event handed out without where its records lie (the API's exports: no auditor reads places) cannot be rehashed from the file; the signature vouches for it.
    const placesWithheld = (event as { placesWithheld?: unknown }).placesWithheld === true;
    if (!placesWithheld && (typeof event.prevHash !== 'string' || eventHash(event.prevHash, event) !== event.hash)) {
      found.push({ problem: `line ${number}: edited ${event.writerId} seq ${event.seq}: its content no longer matches its hash`, applies: 'selection' });
    }
    const wasBroken = entry.walk.problem !== null;
    entry.walk.next(event);
    if (!wasBroken && entry.walk.problem) {
      const p = entry.walk.problem;
      found.push({ problem: `line ${number}: ${p.problem} ${p.writerId} seq ${p.seq}: ${p.detail}`, applies: 'chain' });
    }
  };

  const lines = createInterface({ input: createReadStream(file, { encoding: 'utf8' }), crlfDelay: Infinity });
  for await (const line of lines) {
    lineNumber += 1;
    if (pending !== null) takeEvent(pending, lineNumber - 1);
    pending = line;
  }

  let manifest: ExportManifest | null = null;
  if (pending === null) {
    problems.push('the file is empty: it has no manifest');
  } else {
    let trailer: { manifest?: ExportManifest; signature?: unknown } | null;
    try {
      trailer = JSON.parse(pending) as { manifest?: ExportManifest; signature?: unknown } | null;
    } catch {
      trailer = null;
    }
    if (!trailer?.manifest || typeof trailer.signature !== 'string') {
      problems.push(`line ${lineNumber}: the last line is not a signed manifest`);
    } else {
      const stated: ExportManifest = trailer.manifest;
      manifest = stated;
      const selective = stated.selection !== undefined;
      const signed = verify(null, Buffer.from(canonicalJson(stated), 'utf8'), publicKey, Buffer.from(trailer.signature, 'base64url'));
      if (!signed) problems.push('signature: the manifest was not signed by this key, or was changed after signing');
      if (stated.format !== EXPORT_FORMAT) problems.push(`manifest: unknown format ${JSON.stringify(stated.format)}`);
      const linesSha256 = digest.digest('hex');
      if (stated.linesSha256 !== linesSha256) problems.push(`digest: the event lines hash to ${linesSha256}, the manifest says ${stated.linesSha256}`);
      if (stated.events !== events) problems.push(`count: the file holds ${events} events, the manifest says ${stated.events}`);
      const segments = new Map((Array.isArray(stated.chains) ? stated.chains : []).map((chain) => [chain.writerId, chain]));
      for (const [writerId, { walk, first, last, events: count }] of walks) {
        const chain = segments.get(writerId);
        if (!chain) {
          problems.push(`chain ${writerId}: in the file but not in the manifest`);
          continue;
        }
        let inFile: { events: number; firstSeq: number; lastSeq: number; firstPrevHash: string; lastHash: string };
        if (selective) {
          inFile = { events: count, firstSeq: first.seq, lastSeq: last.seq, firstPrevHash: first.prevHash, lastHash: last.hash };
        } else {
          if (walk.problem) continue;
          const end = walk.end;
          inFile = { events: walk.events, firstSeq: first.seq, lastSeq: end.seq, firstPrevHash: first.prevHash, lastHash: end.hash };
        }
        for (const key of Object.keys(inFile) as (keyof typeof inFile)[]) {
          if (chain[key] !== inFile[key]) problems.push(`chain ${writerId}: ${key} is ${inFile[key]} in the file, ${chain[key]} in the manifest`);
        }
      }
      for (const writerId of segments.keys()) {
        if (!walks.has(writerId)) problems.push(`chain ${writerId}: in the manifest but has no events in the file`);
      }
      const applying = found.filter((f) => f.applies === 'always' || f.applies === (selective ? 'selection' : 'chain'));
      problems.unshift(...applying.map((f) => f.problem));
    }
  }
  if (manifest === null) problems.unshift(...found.filter((f) => f.applies !== 'selection').map((f) => f.problem));
  return { ok: problems.length === 0, events, chains: walks.size, problems, manifest };
}
