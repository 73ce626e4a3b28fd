import { describe, expect, it } from 'vitest';
import { connectionFromArray, datedKey, decodeCursor, encodeCursor, readPage, type CursorKey } from '../../../platform/connection.js';

describe('Relay connections', () => {
  it('round-trips a cursor and rejects one it never issued, naming the argument', () => {
    expect(decodeCursor(encodeCursor('abc|1'))).toBe('abc|1');
    expect(() => decodeCursor('not a cursor!')).toThrow(/after: is not a cursor/);
    expect(() => readPage({ after: encodeCursor("1' OR '1'='1") }, 'id')).toThrow(/after/);
  });

  it('limits the page size', () => {
    expect(readPage({}).size).toBe(20);
    expect(() => readPage({ first: 101 })).toThrow(/first: must be an integer from 0 to 100/);
    expect(() => readPage({ first: -1 })).toThrow(/first/);
  });

  const id = '0b5f3c1e-8a2d-4c7e-9f10-2a3b4c5d6e7f';
  const injection = "1' OR '1'='1";
  const lists: { kind: CursorKey; issues: string; refuses: string[] }[] = [
    { kind: 'id', issues: id, refuses: ['42', datedKey('2024-02-29', id), injection] },
    { kind: 'seq', issues: '42', refuses: [id, '1'.repeat(16), '-1', injection] },
    { kind: 'dated', issues: datedKey('2024-02-29', id), refuses: [id, '2024-02-29', `2024-02-29|${injection}`] },
    { kind: 'divisionCode', issues: '510100', refuses: ['5101', '5101000', id, injection] },
  ];
  for (const { kind, issues, refuses } of lists) {
    it(`reads a ${kind} cursor such a list issues and refuses a key that could not be one`, () => {
      expect(readPage({ after: encodeCursor(issues) }, kind).afterKey).toBe(issues);
      for (const key of refuses) {
        expect(() => readPage({ after: encodeCursor(key) }, kind), key).toThrow(/after: is not a cursor this list issued/);
      }
    });
  }

  it('passes any key on to a list that compares its keys as text', () => {
    expect(readPage({ after: encodeCursor(injection) }).afterKey).toBe(injection);
  });

  it('refuses a dated key whose date does not exist', () => {
    expect(() => readPage({ after: encodeCursor(datedKey('2023-02-29', id)) }, 'dated')).toThrow(/after/);
  });

  it('pages an in-memory list after a cursor and says whether more follow', () => {
    const rows = ['a', 'b', 'c', 'd', 'e'].map((id) => ({ id }));
    const first = connectionFromArray(rows, readPage({ first: 2 }), (r) => r.id);
    expect(first.edges.map((e) => e.node.id)).toEqual(['a', 'b']);
    expect(first.pageInfo.hasNextPage).toBe(true);
    const last = connectionFromArray(rows, readPage({ first: 5, after: first.pageInfo.endCursor }), (r) => r.id);
    expect(last.edges.map((e) => e.node.id)).toEqual(['c', 'd', 'e']);
    expect(last.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });
  });
});
