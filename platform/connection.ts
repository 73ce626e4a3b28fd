import { badUserInput } from './errors.js';
import { isIsoDate } from './input.js';

/** Relay-style forward pagination: `first` items after the `after` cursor. */
export interface PageArgs {
  first?: number | null;
  after?: string | null;
}

export interface Edge<T> {
  cursor: string;
  node: T;
}

export interface Connection<T> {
  edges: Edge<T>[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
}

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

export interface Page {
  size: number;
  afterKey: string | null;
}

/** What a page size must be; the gateway checks it too, before anything runs. */
export const PAGE_SIZE_RULE = `must be an integer from 0 to ${MAX_PAGE_SIZE}`;
export const isPageSize = (first: number): boolean => Number.isInteger(first) && first >= 0 && first <= MAX_PAGE_SIZE;

/** Validates `first`/`after` into a page request; a bad value names the argument. */
export function readPage(args: PageArgs): Page {
  const first = args.first ?? DEFAULT_PAGE_SIZE;
  if (!isPageSize(first)) throw badUserInput('first', PAGE_SIZE_RULE);
  return { size: first, afterKey: args.after == null ? null : decodeCursor(args.after) };
}

export function encodeCursor(key: string): string {
  return Buffer.from(`k:${key}`, 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string, argument = 'after'): string {
  const decoded = /^[A-Za-z0-9_-]{1,400}$/.test(cursor) ? Buffer.from(cursor, 'base64url').toString('utf8') : '';
  if (!decoded.startsWith('k:') || decoded.length < 3) throw badUserInput(argument, 'is not a cursor this list issued');
  return decoded.slice(2);
}

/**
 * Builds a connection from rows fetched in key order with one row more than
 * the page size, the extra row telling whether a next page exists.
 */
export function connectionFromRows<T>(rows: readonly T[], page: Page, keyOf: (row: T) => string): Connection<T> {
  const nodes = rows.slice(0, page.size);
  const edges = nodes.map((node) => ({ cursor: encodeCursor(keyOf(node)), node }));
  return {
    edges,
    pageInfo: {
      hasNextPage: rows.length > page.size,
      hasPreviousPage: page.afterKey !== null,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges[edges.length - 1]?.cursor ?? null,
    },
  };
}

/** Pages a small list already in memory (a person's own tenancies, jobs, vaccinations). */
export function connectionFromArray<T>(all: readonly T[], args: PageArgs, keyOf: (row: T) => string): Connection<T> {
  const page = readPage(args);
  let start = 0;
  if (page.afterKey !== null) {
    const index = all.findIndex((row) => keyOf(row) === page.afterKey);
    start = index < 0 ? all.length : index + 1;
  }
  return connectionFromRows(all.slice(start, start + page.size + 1), page, keyOf);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** True for a hub-issued id; anything else can never match a row. */
export const isUuid = (value: string): boolean => UUID.test(value);

/** Keeps only well-formed ids, so a malformed key finds nothing instead of failing in SQL. */
export const uuidsOnly = (keys: readonly string[]): string[] => keys.filter(isUuid);

/**
 * A page over a list kept in id order. The cursor's key goes into SQL as a
 * uuid, so a forged cursor must fail here as bad input rather than in the database.
 */
export function readIdPage(args: PageArgs): Page {
  const page = readPage(args);
  if (page.afterKey !== null && !isUuid(page.afterKey)) throw badUserInput('after', 'is not a cursor this list issued');
  return page;
}

/**
 * A page over a list kept in the order of a sequence number (newest first or
 * oldest first); the cursor's key goes into SQL as a bigint.
 */
export function readSeqPage(args: PageArgs): Page {
  const page = readPage(args);
  if (page.afterKey !== null && !/^\d{1,15}$/.test(page.afterKey)) throw badUserInput('after', 'is not a cursor this list issued');
  return page;
}

/** Where a list ordered newest first by a date (ties by id) resumes: the last date and id served. */
export interface DatedPosition {
  date: string;
  id: string;
}

/** The cursor key of a row in such a list: `<YYYY-MM-DD>|<uuid>`. */
export const datedKey = (date: string, id: string): string => `${date}|${id}`;

const DATED_KEY = /^(\d{4}-\d{2}-\d{2})\|([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;

/**
 * The position a newest-first cursor points at. Its parts go into SQL as a
 * date and a uuid, so a key the list did not issue fails here, naming `after`.
 */
export function datedAfter(page: Page): DatedPosition | null {
  if (page.afterKey === null) return null;
  const match = DATED_KEY.exec(page.afterKey);
  if (!match?.[1] || !match[2] || !isIsoDate(match[1])) throw badUserInput('after', 'is not a cursor this list issued');
  return { date: match[1], id: match[2] };
}
