import type { AuditEvent, ChainProblem, VerificationReport } from './api.js';
import { eventHash, GENESIS_HASH } from './chain.js';
import type { AuditDatabase } from './database.js';
import { chainEvents, chainHead, chainHeads, eventWriterIds } from './read.js';

/**
 * Follows one chain event by event and names the first place it breaks.
 * The checks run in the order that tells an auditor most about what happened:
 *
 *  - a sequence number seen twice: an event was inserted beside another;
 *  - a sequence number skipped: events were deleted from the middle;
 *  - a `prev_hash` that is not the previous event's hash: the event does not
 *    belong here — moved from elsewhere in the chain when its own hash is
 *    also wrong (its `seq` changed), placed here when its own hash is right;
 *  - a hash that does not match the event's content: the event was edited.
 */
export class ChainWalk {
  private expectedSeq: number;
  private prevHash: string;
  private lastSeen: number | null = null;
  events = 0;
  problem: ChainProblem | null = null;

  constructor(
    readonly writerId: string,
    start: { seq: number; prevHash: string } = { seq: 1, prevHash: GENESIS_HASH },
  ) {
    this.expectedSeq = start.seq;
    this.prevHash = start.prevHash;
  }

  /** The last sequence number and hash the chain reached intact. */
  get end(): { seq: number; hash: string } {
    return { seq: this.expectedSeq - 1, hash: this.prevHash };
  }

  /** Takes the next event in chain order; false once the chain is broken (later events prove nothing). */
  next(event: AuditEvent): boolean {
    if (this.problem) return false;
    this.events += 1;
    const found = this.check(event);
    if (found) {
      this.problem = { writerId: this.writerId, seq: event.seq, ...found };
      return false;
    }
    this.lastSeen = event.seq;
    this.prevHash = event.hash;
    this.expectedSeq = event.seq + 1;
    return true;
  }

  private check(event: AuditEvent): (Omit<ChainProblem, 'writerId' | 'seq'> & { seq?: number }) | null {
    if (event.writerId !== this.writerId) {
      return { problem: 'inserted', detail: `an event of ${event.writerId} stands in this chain` };
    }
    if (this.lastSeen !== null && event.seq === this.lastSeen) {
      return { problem: 'inserted', detail: `two events carry seq ${event.seq}: one was added` };
    }
    if (event.seq > this.expectedSeq) {
      const missing = event.seq - 1 === this.expectedSeq ? `seq ${this.expectedSeq} is` : `seq ${this.expectedSeq}–${event.seq - 1} are`;
      // Named by the first missing number: that is where the chain breaks.
      return { problem: 'gap', seq: this.expectedSeq, detail: `${missing} missing: events were deleted before seq ${event.seq}` };
    }
    if (event.seq < this.expectedSeq) {
      return { problem: 'reordered', detail: `seq ${event.seq} comes after seq ${this.expectedSeq - 1}` };
    }
    const ownHashHolds = eventHash(event.prevHash, event) === event.hash;
    if (event.prevHash !== this.prevHash) {
      return ownHashHolds
        ? { problem: 'inserted', detail: `seq ${event.seq} does not follow seq ${event.seq - 1}: an event was put in its place` }
        : { problem: 'reordered', detail: `seq ${event.seq} does not follow seq ${event.seq - 1}: events were moved` };
    }
    if (!ownHashHolds) return { problem: 'edited', detail: `seq ${event.seq} no longer matches its hash: its content was changed` };
    return null;
  }
}

/** A chain head as a signed checkpoint vouches for it. */
export interface ChainAnchor {
  seq: number;
  hash: string;
  /** The checkpoint's own seq, and when it was signed. */
  checkpoint: number;
  at: string;
}

/** Per writer: every anchored seq, and the highest. */
export type ChainAnchors = ReadonlyMap<string, { bySeq: ReadonlyMap<number, ChainAnchor>; highest: ChainAnchor }>;

export interface VerifyOptions {
  /** Events read per round trip. */
  pageSize?: number;
  /** Only this writer's chain. */
  writerId?: string;
  /**
   * Heads signed by checkpoints (see audit/checkpoint.ts). A chain whose
   * events no longer hash to a signed head is `rewritten`; one that ends
   * before its highest signed seq is `truncated`. Without them a chain can
   * only be held to itself, which its database's owner can recompute.
   */
  anchors?: ChainAnchors;
  /**
   * Where archived months (audit/archive.ts) leave each chain: its first
   * remaining event must follow the last archived hash.
   */
  archived?: ReadonlyMap<string, { seq: number; hash: string }>;
}

/**
 * Walks every chain of the audit store in sequence order, streaming, and
 * reports per writer the first problem found, including what only the chain
 * head can tell: events deleted from the end of a chain, events appended
 * past it, and a chain whose head is gone.
 *
 * The hub keeps writing while it is verified, so heads and events are not
 * read at one instant. Heads are read first and chains only grow, so a head
 * read then is never ahead of a genuine chain's end read later; events found
 * past it are held against the head as it is once they were read, since a
 * writer moves its head in the same transaction as its events.
 */
export async function verifyAuditStore(database: AuditDatabase, options: VerifyOptions = {}): Promise<VerificationReport> {
  const started = performance.now();
  const heads = new Map((await chainHeads(database)).map((head) => [head.writerId, head]));
  const writers = new Set(await eventWriterIds(database));
  for (const writerId of heads.keys()) writers.add(writerId);
  // A chain a checkpoint signed is checked even when nothing of it is left in the store.
  for (const writerId of options.anchors?.keys() ?? []) writers.add(writerId);
  const selected = [...writers].filter((w) => options.writerId === undefined || w === options.writerId).sort();

  const problems: ChainProblem[] = [];
  let events = 0;
  for (const writerId of selected) {
    const head = heads.get(writerId);
    const headSeq = head ? Number(head.lastSeq) : null;
    const archivedEnd = options.archived?.get(writerId);
    const walk = new ChainWalk(writerId, archivedEnd ? { seq: archivedEnd.seq + 1, prevHash: archivedEnd.hash } : undefined);
    const anchored = options.anchors?.get(writerId);
    // A chain archived to its head has no event left to show the head's hash: the archive's last one does.
    let headHashFound: string | null = archivedEnd && archivedEnd.seq === headSeq ? archivedEnd.hash : null;
    let rewritten: ChainProblem | null = null;
    for await (const event of chainEvents(database, writerId, { pageSize: options.pageSize })) {
      if (!walk.next(event)) break;
      if (event.seq === headSeq) headHashFound = event.hash;
      const anchor = anchored?.bySeq.get(event.seq);
      if (anchor && anchor.hash !== event.hash) {
        rewritten = {
          writerId,
          seq: event.seq,
          problem: 'rewritten',
          detail: `the events up to seq ${event.seq} no longer hash to what checkpoint ${anchor.checkpoint} signed at ${anchor.at}: the chain was rewritten and its hashes recomputed`,
        };
        break;
      }
    }
    events += walk.events;
    const broken = walk.problem ?? rewritten;
    if (broken) {
      problems.push(broken);
      continue;
    }
    const end = walk.end;
    if (head && headSeq !== null && headSeq > end.seq) {
      const remaining = end.seq === 0 ? 'no event of the chain remains' : `the last event is seq ${end.seq}`;
      problems.push({ writerId, seq: end.seq + 1, problem: 'truncated', detail: `the chain head is at seq ${headSeq} but ${remaining}: the events after it were deleted` });
      continue;
    }
    const signedEnd = anchored?.highest;
    if (signedEnd && (end.seq < signedEnd.seq || (headSeq !== null && headSeq < signedEnd.seq))) {
      const now = headSeq === null ? 'the chain head is gone' : `the chain head is at seq ${headSeq}`;
      const remaining = end.seq === 0 ? 'no event of the chain remains' : `the last event is seq ${end.seq}`;
      problems.push({
        writerId,
        seq: Math.min(end.seq, headSeq ?? end.seq) + 1,
        problem: 'truncated',
        detail: `checkpoint ${signedEnd.checkpoint} signed this chain up to seq ${signedEnd.seq} at ${signedEnd.at}, but ${now} and ${remaining}: the chain was rolled back`,
      });
      continue;
    }
    if (head && headSeq !== null && headHashFound !== head.lastHash) {
      problems.push({ writerId, seq: headSeq, problem: 'edited', detail: `seq ${headSeq} does not have the hash the chain head recorded` });
      continue;
    }
    if (headSeq === null || end.seq > headSeq) {
      const now = await chainHead(database, writerId);
      if (!now) {
        problems.push({ writerId, seq: end.seq, problem: 'deleted', detail: 'the chain head is missing: it was deleted, so the end of this chain cannot be checked' });
      } else if (Number(now.lastSeq) < end.seq) {
        problems.push({ writerId, seq: Number(now.lastSeq) + 1, problem: 'inserted', detail: `events up to seq ${end.seq} lie past the chain head at seq ${now.lastSeq}` });
      }
    }
  }
  return { ok: problems.length === 0, chains: selected.length, events, problems, ms: Math.round(performance.now() - started) };
}

/** One line per problem, as the command prints them. */
export function describeProblem(problem: ChainProblem): string {
  return `${problem.problem} ${problem.writerId} seq ${problem.seq}: ${problem.detail}`;
}
