import { randomUUID } from 'node:crypto';
import { and, asc, eq, inArray, isNull, lt, or, sql } from 'drizzle-orm';
import { bigserial, index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { Drizzle } from '../platform/db.js';
import { EVENT_PAYLOADS, EVENT_SOURCES, isEventType, type DomainEvent, type EventPayload, type EventType } from './types.js';

/*
 * The transactional outbox of domain events. Every database that is the
 * source of events (police, housing, labour, the exchange's) has the same two
 * tables, declared here once and named in each database's drizzle schema, so
 * their migrations are generated with the rest of that database's.
 */

/** `domain_events`: events waiting to be relayed, oldest first by `seq`; `published_at` set once the transport accepted one. */
export function domainEventsTable() {
  return pgTable(
    'domain_events',
    {
      seq: bigserial('seq', { mode: 'number' }).primaryKey(),
      id: uuid('id').notNull().unique(),
      type: text('type').notNull(),
      payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
      occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull().defaultNow(),
      publishedAt: timestamp('published_at', { withTimezone: true }),
    },
    // The relay only ever reads the unpublished head; the published tail grows without slowing it.
    (t) => [index('domain_events_unpublished_idx').on(t.seq).where(sql`${t.publishedAt} IS NULL`)],
  );
}

/**
 * `domain_event_relays`: who relays the outbox now. Relaying one outbox from
 * two processes at once would interleave its events; the lease lets several
 * replicas run a relay while one at a time publishes. A lease, not a
 * transaction held across the publish: on PGlite a transaction holds the
 * whole database, and an in-process consumer reading it would wait forever.
 */
export function eventRelayLeaseTable() {
  return pgTable('domain_event_relays', {
    name: text('name').primaryKey(),
    owner: text('owner').notNull(),
    leaseUntil: timestamp('lease_until', { withTimezone: true }).notNull(),
  });
}

const domainEvents = domainEventsTable();
const relayLeases = eventRelayLeaseTable();

/** An event to write: its type and payload; id and time are given here unless the caller has them. */
export type NewEvent = { [T in EventType]: { type: T; payload: EventPayload<T>; id?: string; occurredAt?: Date } }[EventType];

/** A database or a transaction on one of the source databases: all the outbox needs of either. */
export type OutboxWriter = Pick<Drizzle<Record<string, unknown>>, 'insert'>;
type OutboxDrizzle = Pick<Drizzle<Record<string, unknown>>, 'select' | 'update' | 'insert'>;

/**
 * Writes an event to the outbox of the database `tx` belongs to. Called
 * inside the transaction that makes the change, so the event exists exactly
 * when the change does. A payload its schema refuses is a defect of the
 * caller, not bad input: it throws, and the transaction with it.
 */
export async function insertEvent(tx: OutboxWriter, event: NewEvent): Promise<DomainEvent> {
  const payload = EVENT_PAYLOADS[event.type].parse(event.payload) as Record<string, unknown>;
  const id = event.id ?? randomUUID();
  const occurredAt = event.occurredAt ?? new Date();
  await tx.insert(domainEvents).values({ id, type: event.type, payload, occurredAt });
  return { id, type: event.type, source: EVENT_SOURCES[event.type], occurredAt: occurredAt.toISOString(), payload } as DomainEvent;
}

/**
 * Writes several events in one statement, each as `insertEvent` writes it:
 * for a batch of records written together (an import's batch, docs/import.md).
 */
export async function insertEvents(tx: OutboxWriter, events: readonly NewEvent[]): Promise<DomainEvent[]> {
  if (events.length === 0) return [];
  const rows = events.map((event) => ({
    id: event.id ?? randomUUID(),
    type: event.type,
    payload: EVENT_PAYLOADS[event.type].parse(event.payload),
    occurredAt: event.occurredAt ?? new Date(),
  }));
  await tx.insert(domainEvents).values(rows);
  return rows.map((row) => ({ id: row.id, type: row.type, source: EVENT_SOURCES[row.type], occurredAt: row.occurredAt.toISOString(), payload: row.payload }) as DomainEvent);
}

/*
 * Stores tell the relays of their database that an event committed, so it
 * leaves within milliseconds instead of at the next poll. Keyed by the
 * database object both are handed: no wiring through every subgraph factory.
 */
const committedListeners = new WeakMap<object, Set<() => void>>();

/** After a transaction that wrote events has committed: wakes the relays of that database in this process. */
export function eventsCommitted(db: object): void {
  for (const listener of committedListeners.get(db) ?? []) listener();
}

/** Runs `listener` whenever a store says events committed on `db`; returns how to stop. */
export function onEventsCommitted(db: object, listener: () => void): () => void {
  let listeners = committedListeners.get(db);
  if (!listeners) committedListeners.set(db, (listeners = new Set()));
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** An event read back from the outbox: its place, and what travels. */
export interface OutboxEvent {
  seq: number;
  event: DomainEvent;
}

/** The outbox of one source database as its relay reads it. */
export class EventOutbox {
  constructor(
    private readonly db: OutboxDrizzle,
    /** The source the events of this outbox come from: part of the lease's name, and a check on what is read. */
    readonly source: DomainEvent['source'],
  ) {}

  /** Takes or renews the lease on relaying this outbox until `until`; false while another holds it. */
  async lease(owner: string, until: Date): Promise<boolean> {
    const name = `domain_events:${this.source}`;
    const taken = await this.db
      .insert(relayLeases)
      .values({ name, owner, leaseUntil: until })
      .onConflictDoUpdate({
        target: relayLeases.name,
        set: { owner, leaseUntil: until },
        setWhere: or(eq(relayLeases.owner, owner), lt(relayLeases.leaseUntil, sql`now()`)),
      })
      .returning({ owner: relayLeases.owner });
    return taken.length > 0;
  }

  async release(owner: string): Promise<void> {
    await this.db
      .update(relayLeases)
      .set({ leaseUntil: new Date(0) })
      .where(and(eq(relayLeases.name, `domain_events:${this.source}`), eq(relayLeases.owner, owner)));
  }

  /**
   * The oldest unpublished events, at most `limit`, in the order they were
   * written. A row this code cannot read (a type a newer release writes) ends
   * the batch before it: a newer relay replica will publish it, in its place.
   */
  async unpublished(limit: number): Promise<{ events: OutboxEvent[]; unreadable: number | null }> {
    const rows = await this.db
      .select()
      .from(domainEvents)
      .where(isNull(domainEvents.publishedAt))
      .orderBy(asc(domainEvents.seq))
      .limit(limit);
    const events: OutboxEvent[] = [];
    for (const row of rows) {
      if (!isEventType(row.type) || EVENT_SOURCES[row.type] !== this.source) return { events, unreadable: row.seq };
      const parsed = EVENT_PAYLOADS[row.type].safeParse(row.payload);
      if (!parsed.success) return { events, unreadable: row.seq };
      events.push({
        seq: row.seq,
        event: { id: row.id, type: row.type, source: this.source, occurredAt: row.occurredAt.toISOString(), payload: parsed.data } as DomainEvent,
      });
    }
    return { events, unreadable: null };
  }

  /** Whether any event waits: the one cheap statement an idle relay sends per poll. */
  async hasUnpublished(): Promise<boolean> {
    const rows = await this.db.select({ seq: domainEvents.seq }).from(domainEvents).where(isNull(domainEvents.publishedAt)).limit(1);
    return rows.length > 0;
  }

  async markPublished(seqs: readonly number[]): Promise<void> {
    if (seqs.length === 0) return;
    await this.db
      .update(domainEvents)
      .set({ publishedAt: new Date() })
      .where(inArray(domainEvents.seq, [...seqs]));
  }

  /** How many events wait: for readiness and metrics. */
  async backlog(): Promise<number> {
    const [row] = await this.db.select({ n: sql<number>`count(*)::int` }).from(domainEvents).where(isNull(domainEvents.publishedAt));
    return row?.n ?? 0;
  }
}
