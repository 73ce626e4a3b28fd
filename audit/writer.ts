import { randomBytes } from 'node:crypto';
import { getTableColumns, sql } from 'drizzle-orm';
import { decide, type FieldDecision } from '../auth/decide.js';
import type { RequestMeta } from '../auth/principal.js';
import type { AccessRecorder, ResidentAccess } from '../auth/access.js';
import { accessNotRecorded } from '../platform/errors.js';
import type { Logger } from '../platform/logger.js';
import { placeKey, type AuditEvent, type AuditEventInput, type RefusalsEventInput, type RequestEventInput } from './api.js';
import { canonicalJson, GENESIS_HASH, sealEvent, type ChainContent } from './chain.js';
import type { AuditDatabase } from './database.js';
import { auditChainHeads, auditEvents } from './db/schema.js';

export interface AuditWriterOptions {
  /** What writes: a subgraph's name, or `gateway`. Names the writer's chains. */
  component: string;
  logger: Logger;
  /** Commit as soon as this many events wait. */
  maxBatch?: number;
  /** Otherwise commit this long after the first event of a batch arrived. */
  delayMs?: number;
  /**
   * Told when a chain of this writer's ends (a failed batch, or close):
   * nothing will be appended to it again, so it is the moment to anchor its
   * head in a signed checkpoint (audit/checkpoint.ts).
   */
  onChainEnd?: (writerId: string) => void;
  /**
   * When an event happened: the time it was appended, by default. Only a
   * writer replaying activity of known times (a benchmark, a test of what
   * the log says about the hours of work) gives another clock.
   */
  clock?: () => Date;
}

export interface WriterStats {
  /** Transactions committed. */
  batches: number;
  /** Events committed (accesses of one request to the same fields of one type are one event). */
  events: number;
  /** Batches the store refused; every caller waiting on one was told so. */
  failedBatches: number;
}

interface Pending {
  input: AuditEventInput;
  occurredAt: Date;
  resolve(): void;
  reject(error: Error): void;
}

/** Rows per INSERT statement, so one statement stays a few hundred kilobytes. */
const ROWS_PER_STATEMENT = 1_000;

/** Each stored column, by its name in SQL, with the key it has on an AuditEvent. */
const COLUMNS = Object.entries(getTableColumns(auditEvents)).map(([key, column]) => ({ key: key as keyof AuditEvent, name: column.name }));
const COLUMN_LIST = sql.raw(COLUMNS.map((c) => `"${c.name}"`).join(', '));

/**
 * One INSERT for a whole batch, its rows travelling as a single JSON
 * parameter that PostgreSQL unpacks with jsonb_populate_recordset. Binding
 * 21 parameters a row costs more in building the statement than in running
 * it (measured: 64 rows took 2–3 times as long through a VALUES list).
 */
function insertEvents(events: readonly AuditEvent[]) {
  const rows = events.map((event) => Object.fromEntries(COLUMNS.map(({ key, name }) => [name, event[key]])));
  return sql`INSERT INTO ${auditEvents} (${COLUMN_LIST})
    SELECT ${COLUMN_LIST} FROM jsonb_populate_recordset(NULL::audit_events, ${JSON.stringify(rows)}::jsonb)`;
}

interface ChainHead {
  lastSeq: number;
  lastHash: string;
  updatedAt: Date;
}

/**
 * A batch that fits one INSERT is committed by one statement: the events and
 * the chain's new head together (a data-modifying WITH runs to completion
 * with the statement, and one statement is one transaction). Four round
 * trips (BEGIN, events, head, COMMIT) become one; with batches of a few
 * events under light load, those round trips were most of what recording
 * cost a request.
 */
function insertEventsAndHead(events: readonly AuditEvent[], writerId: string, head: ChainHead) {
  return sql`WITH inserted AS (${insertEvents(events)})
    INSERT INTO ${auditChainHeads} (writer_id, last_seq, last_hash, updated_at)
    VALUES (${writerId}, ${head.lastSeq}, ${head.lastHash}, ${head.updatedAt.toISOString()}::timestamptz)
    ON CONFLICT (writer_id) DO UPDATE SET last_seq = EXCLUDED.last_seq, last_hash = EXCLUDED.last_hash, updated_at = EXCLUDED.updated_at`;
}

const monthOf = (date: Date) => date.toISOString().slice(0, 7);
const nextMonth = (month: string) => {
  const [year, m] = month.split('-').map(Number) as [number, number];
  return m === 12 ? `${year + 1}-01` : `${year}-${String(m + 1).padStart(2, '0')}`;
};

/**
 * One event for the accesses of one request to the same type and fields,
 * however many resolver calls made them: a list of a hundred residents reads
 * each one's tenancies in a call of its own, and sealing, hashing and
 * storing a hundred events where one names the hundred records costs the
 * request more than the rest of its work. Nothing the log answers is lost:
 * who read which resident's which fields, when (the earliest of the calls),
 * for what purpose. Request events are never merged.
 */
function coalesce(batch: readonly Pending[]): Pending[] {
  const merged: Pending[] = [];
  const byAccess = new Map<string, { pending: Pending; ids: Set<string>; places: Set<string> | null }>();
  for (const pending of batch) {
    const { input } = pending;
    if (input.kind !== 'access') {
      merged.push(pending);
      continue;
    }
    const key = `${input.meta.requestId}\u0000${input.subgraph}\u0000${input.typeName}\u0000${canonicalJson(input.fields)}`;
    const earlier = byAccess.get(key);
    if (earlier) {
      for (const id of input.recordIds) earlier.ids.add(id);
      // One record without a place leaves the whole event without one: no jurisdiction covers it.
      if (earlier.places === null || input.places === null) earlier.places = null;
      else for (const place of input.places) earlier.places.add(place);
      continue;
    }
    const entry = { pending: { ...pending, input: { ...input } }, ids: new Set(input.recordIds), places: input.places === null ? null : new Set(input.places) };
    byAccess.set(key, entry);
    merged.push(entry.pending);
  }
  for (const { pending, ids, places } of byAccess.values()) {
    if (pending.input.kind !== 'access') continue;
    pending.input.recordIds = [...ids];
    pending.input.places = places === null ? null : [...places];
  }
  return merged;
}

/** The distinct places of an access as the log stores them, or null when any record has none (nothing served has no place either). */
export function placeKeys(access: Pick<ResidentAccess, 'ids' | 'places'>): string[] | null {
  if (access.ids.length === 0 || !access.places || access.places.length === 0) return null;
  const keys = new Set<string>();
  for (const place of access.places) {
    const key = placeKey(place);
    if (key === null) return null;
    keys.add(key);
  }
  return [...keys];
}

/**
 * The policy's decision for each field, as the audit log states it: the one
 * decide() made for the request, which the field guard applied and the masks
 * followed. Collected on an object without a prototype, so no field name can
 * reach one.
 */
export function fieldDecisions(meta: RequestMeta, typeName: string, fields: ResidentAccess['fields']): Record<string, FieldDecision> {
  const decisions: Record<string, FieldDecision> = Object.create(null) as Record<string, FieldDecision>;
  if (!Array.isArray(fields)) {
    for (const [field, decision] of Object.entries(fields as Record<string, FieldDecision>)) decisions[field] = decision;
    return decisions;
  }
  for (const field of fields as readonly string[]) {
    const decision = decide(meta, `${typeName}.${field}`);
    decisions[field] = decision.allowed ? decision.access : 'denied';
  }
  return decisions;
}

/**
 * Records accesses and requests in the audit store, one hash chain per
 * writer, with group commit: `record` and `append` return a promise that
 * settles only once the batch holding the event is committed, in one
 * transaction that also moves the chain's head. Resolvers await it before
 * handing data out, so a store that is down, full or refusing means no data
 * (fail closed): every caller waiting on a failed batch is rejected with
 * SERVICE_UNAVAILABLE.
 *
 * After a failed batch the writer starts a new chain under a new id: whether
 * a batch whose commit was interrupted reached the disk cannot be known, and
 * continuing the old chain could number two events alike.
 */
export class AuditWriter implements AccessRecorder {
  private id: string;
  private seq = 0;
  private lastHash = GENESIS_HASH;
  private buffer: Pending[] = [];
  private timer: NodeJS.Timeout | null = null;
  private inFlight: Promise<void> | null = null;
  private committing = 0;
  private closed = false;
  private readonly ensuredMonths = new Set<string>();
  private readonly maxBatch: number;
  private readonly delayMs: number;
  readonly stats: WriterStats = { batches: 0, events: 0, failedBatches: 0 };

  constructor(
    private readonly database: AuditDatabase,
    private readonly options: AuditWriterOptions,
  ) {
    this.maxBatch = options.maxBatch ?? 500;
    this.delayMs = options.delayMs ?? 2;
    this.id = this.newWriterId();
  }

  /**
   * The chain this writer appends to now: `<component>:<pid>:<random>`. No
   * host name: writer ids are served to auditors and sent to partner cities
   * inside witnessed checkpoints, and the random part alone keeps them apart.
   */
  get writerId(): string {
    return this.id;
  }

  /** What writes through this writer: a subgraph's name, or `gateway`. */
  get component(): string {
    return this.options.component;
  }

  /** Events appended and not yet committed or refused, the batch being committed included. */
  get queueDepth(): number {
    return this.buffer.length + this.committing;
  }

  /** An access by a data-owning subgraph, with the policy's decision on every field. */
  record(meta: RequestMeta, access: ResidentAccess): Promise<void> {
    return this.append({
      kind: 'access',
      meta,
      subgraph: this.options.component,
      typeName: access.type,
      recordIds: [...access.ids],
      fields: fieldDecisions(meta, access.type, access.fields),
      places: placeKeys(access),
    });
  }

  /** A request through the gateway, once its response is known. */
  recordRequest(event: Omit<RequestEventInput, 'kind'>): Promise<void> {
    return this.append({ kind: 'request', ...event });
  }

  /** Repeated refusals of one source and reason in one window, as one event. */
  recordRefusals(event: Omit<RefusalsEventInput, 'kind'>): Promise<void> {
    return this.append({ kind: 'refusals', ...event });
  }

  append(input: AuditEventInput): Promise<void> {
    if (this.closed) return Promise.reject(accessNotRecorded());
    return new Promise<void>((resolve, reject) => {
      this.buffer.push({ input, occurredAt: this.options.clock?.() ?? new Date(), resolve, reject });
      if (this.buffer.length >= this.maxBatch) this.kick();
      else if (this.timer === null && this.inFlight === null) this.timer = setTimeout(() => this.kick(), this.delayMs);
    });
  }

  /** Resolves once everything appended so far is committed or refused. */
  async flush(): Promise<void> {
    while (this.buffer.length > 0 || this.inFlight !== null) {
      this.kick();
      await this.inFlight;
    }
  }

  /** Takes no more events, and commits those already waiting. */
  async close(): Promise<void> {
    const wasClosed = this.closed;
    this.closed = true;
    await this.flush();
    if (!wasClosed) this.chainEnded(this.id);
  }

  private chainEnded(writerId: string): void {
    try {
      this.options.onChainEnd?.(writerId);
    } catch (error) {
      this.options.logger.error({ err: error, writerId }, 'could not anchor an ended audit chain; the next checkpoint will');
    }
  }

  private kick(): void {
    if (this.timer !== null) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    if (this.inFlight !== null || this.buffer.length === 0) return;
    const batch = this.buffer.splice(0, this.maxBatch);
    this.committing = batch.length;
    this.inFlight = this.commit(batch).finally(() => {
      this.inFlight = null;
      this.committing = 0;
      // Whatever arrived during the commit has waited long enough: it forms the next batch now.
      if (this.buffer.length > 0) this.kick();
    });
  }

  private async commit(batch: Pending[]): Promise<void> {
    const writerId = this.id;
    let seq = this.seq;
    let prevHash = this.lastHash;
    let stored: number;
    try {
      // Sealed inside the try: an event that cannot be hashed fails its batch like a refused insert, never leaves callers waiting.
      const events: AuditEvent[] = [];
      for (const pending of coalesce(batch)) {
        seq += 1;
        const event = sealEvent(prevHash, this.contentOf(pending, writerId, seq));
        prevHash = event.hash;
        events.push(event);
      }
      stored = events.length;
      await this.ensurePartitions(batch);
      const head: ChainHead = { lastSeq: seq, lastHash: prevHash, updatedAt: new Date() };
      if (events.length <= ROWS_PER_STATEMENT) {
        await this.database.db.execute(insertEventsAndHead(events, writerId, head));
      } else {
        await this.database.db.transaction(async (tx) => {
          for (let i = 0; i < events.length; i += ROWS_PER_STATEMENT) {
            await tx.execute(insertEvents(events.slice(i, i + ROWS_PER_STATEMENT)));
          }
          await tx
            .insert(auditChainHeads)
            .values({ writerId, ...head })
            .onConflictDoUpdate({ target: auditChainHeads.writerId, set: head });
        });
      }
    } catch (error) {
      this.stats.failedBatches += 1;
      this.id = this.newWriterId();
      this.seq = 0;
      this.lastHash = GENESIS_HASH;
      this.options.logger.error(
        { err: error, writerId, events: batch.length, nextWriterId: this.id },
        'the audit store refused a batch: the accesses in it were not recorded and their data was withheld',
      );
      for (const pending of batch) pending.reject(accessNotRecorded());
      this.chainEnded(writerId);
      return;
    }
    this.seq = seq;
    this.lastHash = prevHash;
    this.stats.batches += 1;
    this.stats.events += stored;
    for (const pending of batch) pending.resolve();
  }

  /**
   * Monthly partitions are created ahead (this month and the next) so the
   * month boundary never lands in the default partition. A failure here is
   * not the batch's: the default partition takes the events, and the insert
   * itself says whether the store is usable.
   */
  private async ensurePartitions(batch: Pending[]): Promise<void> {
    const months = new Set<string>();
    for (const pending of batch) {
      const month = monthOf(pending.occurredAt);
      if (!this.ensuredMonths.has(month)) months.add(month).add(nextMonth(month));
    }
    for (const month of months) {
      if (this.ensuredMonths.has(month)) continue;
      try {
        await this.database.db.execute(sql`SELECT audit_ensure_partition(${`${month}-01`}::date)`);
        this.ensuredMonths.add(month);
      } catch (error) {
        this.options.logger.warn({ err: error, month }, 'could not create the audit partition for a month; its events go to the default partition');
      }
    }
  }

  private contentOf(pending: Pending, writerId: string, seq: number): ChainContent {
    const { input } = pending;
    const principal = input.meta.principal;
    const common = {
      writerId,
      seq,
      occurredAt: pending.occurredAt.toISOString(),
      kind: input.kind,
      requestId: input.meta.requestId,
      subject: principal?.subject ?? null,
      department: principal?.department ?? null,
      roles: principal ? [...principal.roles] : [],
      purpose: input.meta.purpose ?? null,
      caseId: input.meta.caseId ?? null,
    };
    if (input.kind === 'access') {
      const places = input.places !== null && input.places.length > 0 && input.recordIds.length > 0 ? [...input.places].sort() : null;
      return {
        ...common,
        subgraph: input.subgraph,
        typeName: input.typeName,
        recordIds: [...input.recordIds],
        fields: { ...input.fields },
        operationName: null,
        documentHash: null,
        outcome: null,
        errorCode: null,
        durationMs: null,
        ...(places ? { places, placesNonce: randomBytes(16).toString('hex') } : {}),
      };
    }
    if (input.kind === 'refusals') {
      return {
        ...common,
        subgraph: null,
        typeName: null,
        recordIds: [],
        fields: {},
        operationName: null,
        documentHash: null,
        outcome: 'error',
        errorCode: input.errorCode,
        durationMs: Math.max(0, Math.round(input.durationMs)),
        count: input.count,
      };
    }
    return {
      ...common,
      subgraph: null,
      typeName: null,
      recordIds: [],
      fields: {},
      operationName: input.operationName ?? null,
      documentHash: input.documentHash ?? null,
      outcome: input.outcome,
      errorCode: input.errorCode ?? null,
      durationMs: Math.max(0, Math.round(input.durationMs)),
      ...(input.correlationId ? { correlationId: input.correlationId } : {}),
      ...(input.lookups != null && input.lookups > 0 ? { lookups: input.lookups } : {}),
    };
  }

  private newWriterId(): string {
    return `${this.options.component}:${process.pid}:${randomBytes(4).toString('hex')}`;
  }
}
