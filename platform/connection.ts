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

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** True for a hub-issued id; anything else can never match a row. */
export const isUuid = (value: string): boolean => UUID.test(value);

/**
 * Keeps only well-formed ids, so a malformed key finds nothing instead of
 * failing the cast in SQL, and with it every other key batched into the same statement.
 */
export const uuidsOnly = (keys: readonly string[]): string[] => keys.filter(isUuid);

const DATED_KEY = /^(\d{4}-\d{2}-\d{2})\|([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;

/** The date and id a newest-first cursor key names, or null for a key no such list issues. */
function parseDatedKey(key: string): DatedPosition | null {
  const match = DATED_KEY.exec(key);
  return match?.[1] && match[2] && isIsoDate(match[1]) ? { date: match[1], id: match[2] } : null;
}

/**
 * What a list's cursor key is. The key goes back into SQL as that type, so
 * one the list cannot have issued is refused as bad input naming `after`
 * before any statement runs, rather than failing in the database.
 */
const CURSOR_KEYS = {
  /** A hub-issued id: lists kept in id order. */
  id: isUuid,
  /** A sequence number: lists kept in the order of one. */
  seq: (key: string) => /^\d{1,15}$/.test(key),
  /** `<YYYY-MM-DD>|<uuid>`: lists newest first by a date, ties by id. */
  dated: (key: string) => parseDatedKey(key) !== null,
  /** A 6-digit division code: lists of partner cities. */
  divisionCode: (key: string) => /^\d{6}$/.test(key),
  /** Any text: lists whose key is compared as text. */
  text: (_key: string) => true,
} as const satisfies Record<string, (key: string) => boolean>;

export type CursorKey = keyof typeof CURSOR_KEYS;

/**
 * The one page reader: validates `first`/`after` into a page request for a
 * list whose cursors hold `key`; a bad value names the argument.
 */
export function readPage(args: PageArgs, key: CursorKey = 'text'): Page {
  const first = args.first ?? DEFAULT_PAGE_SIZE;
  if (!isPageSize(first)) throw badUserInput('first', PAGE_SIZE_RULE);
  const afterKey = args.after == null ? null : decodeCursor(args.after);
  if (afterKey !== null && !CURSOR_KEYS[key](afterKey)) throw badUserInput('after', 'is not a cursor this list issued');
  return { size: first, afterKey };
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
export function connectionFromArray<T>(all: readonly T[], page: Page, keyOf: (row: T) => string): Connection<T> {
  let start = 0;
  if (page.afterKey !== null) {
    const index = all.findIndex((row) => keyOf(row) === page.afterKey);
    start = index < 0 ? all.length : index + 1;
  }
  return connectionFromRows(all.slice(start, start + page.size + 1), page, keyOf);
}

/** Where a list ordered newest first by a date (ties by id) resumes: the last date and id served. */
export interface DatedPosition {
  date: string;
  id: string;
}

/** The cursor key of a row in such a list: `<YYYY-MM-DD>|<uuid>`. */
export const datedKey = (date: string, id: string): string => `${date}|${id}`;

/**
 * The position a newest-first cursor points at, for the store's SQL; the page
 * was read with the `dated` key, so any key here is one such a list issued.
 */
export function datedAfter(page: Page): DatedPosition | null {
  if (page.afterKey === null) return null;
  const position = parseDatedKey(page.afterKey);
  if (!position) throw badUserInput('after', 'is not a cursor this list issued');
  return position;
}

/** The same page with each node turned into what the schema serves, cursors unchanged. */
export function mapNodes<T, U>(connection: Connection<T>, serve: (node: T) => U): Connection<U> {
  return { edges: connection.edges.map((edge) => ({ cursor: edge.cursor, node: serve(edge.node) })), pageInfo: connection.pageInfo };
}
