import { describe, expect, it } from 'vitest';
import { connectionFromArray, decodeCursor, encodeCursor, readIdPage, readPage } from '../../../platform/connection.js';

describe('Relay connections', () => {
  it('round-trips a cursor and rejects one it never issued, naming the argument', () => {
    expect(decodeCursor(encodeCursor('abc|1'))).toBe('abc|1');
    expect(() => decodeCursor('not a cursor!')).toThrow(/after: is not a cursor/);
    expect(() => readIdPage({ after: encodeCursor("1' OR '1'='1") })).toThrow(/after/);
  });

  it('limits the page size', () => {
    expect(readPage({}).size).toBe(20);
    expect(() => readPage({ first: 101 })).toThrow(/first: must be an integer from 0 to 100/);
    expect(() => readPage({ first: -1 })).toThrow(/first/);
  });

  it('pages an in-memory list after a cursor and says whether more follow', () => {
    const rows = ['a', 'b', 'c', 'd', 'e'].map((id) => ({ id }));
    const first = connectionFromArray(rows, { first: 2 }, (r) => r.id);
    expect(first.edges.map((e) => e.node.id)).toEqual(['a', 'b']);
    expect(first.pageInfo.hasNextPage).toBe(true);
    const last = connectionFromArray(rows, { first: 5, after: first.pageInfo.endCursor }, (r) => r.id);
    expect(last.edges.map((e) => e.node.id)).toEqual(['c', 'd', 'e']);
    expect(last.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });
  });
});
