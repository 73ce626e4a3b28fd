import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { canonicalContent, canonicalJson, chainContent, eventHash, GENESIS_HASH, sealEvent, type ChainContent } from '../../../audit/chain.js';

const content: ChainContent = {
  writerId: 'police:host:1:abcd',
  seq: 1,
  occurredAt: '2026-03-01T08:00:00.000Z',
  kind: 'access',
  requestId: 'r-1',
  subject: 'police-officer',
  department: 'police',
  roles: ['police'],
  purpose: 'case-investigation',
  caseId: 'CASE-1',
  subgraph: 'police',
  typeName: 'Person',
  recordIds: ['b', 'a'],
  fields: { name: 'full', idNumber: 'masked' },
  operationName: null,
  documentHash: null,
  outcome: null,
  errorCode: null,
  durationMs: null,
};

describe('canonical JSON', () => {
  it('sorts keys at every depth, keeps array order and writes no whitespace', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { f: null, e: '字' }], c: true } })).toBe('{"a":{"c":true,"d":[3,{"e":"字","f":null}]},"b":1}');
  });

  it('refuses values JSON cannot carry, rather than dropping them', () => {
    expect(() => canonicalJson({ a: undefined })).toThrow(TypeError);
    expect(() => canonicalJson({ a: Number.NaN })).toThrow(TypeError);
  });
});

describe('the event hash', () => {
  it('is sha256 of the previous hash followed by the canonical JSON of the content', () => {
    const expected = createHash('sha256').update(GENESIS_HASH + canonicalJson(content)).digest('hex');
    expect(eventHash(GENESIS_HASH, content)).toBe(expected);
    // Pinned: a change to the definition breaks every stored chain and export, so it must be deliberate.
    expect(expected).toBe('41cdbc6f434dd304abc0bf990874c9f61fe153c7c2cdce03f04a5cb4e7df8963');
  });

  it('writes the content exactly as canonical JSON would, whatever it holds', () => {
    const variants: ChainContent[] = [
      content,
      { ...content, kind: 'request', recordIds: [], fields: {}, subgraph: null, typeName: null, operationName: 'Dossier', documentHash: 'ab', outcome: 'partial', errorCode: 'FORBIDDEN', durationMs: 12 },
      { ...content, subject: null, department: null, roles: [], purpose: null, caseId: null, requestId: '引号"\\ and \u2028' },
    ];
    for (const variant of variants) expect(canonicalContent(variant)).toBe(canonicalJson(chainContent(variant)));
  });

  it('does not depend on the order keys were written in', () => {
    const reordered = Object.fromEntries(Object.entries(content).reverse()) as unknown as ChainContent;
    expect(eventHash(GENESIS_HASH, reordered)).toBe(eventHash(GENESIS_HASH, content));
  });

  it('changes with any field of the content and with the previous hash', () => {
    const base = eventHash(GENESIS_HASH, content);
    const variants: Partial<ChainContent>[] = [
      { seq: 2 },
      { occurredAt: '2026-03-01T08:00:00.001Z' },
      { subject: 'someone-else' },
      { recordIds: ['a', 'b'] },
      { fields: { name: 'full', idNumber: 'full' } },
      { caseId: null },
      { durationMs: 0 },
    ];
    for (const variant of variants) expect(eventHash(GENESIS_HASH, { ...content, ...variant }), JSON.stringify(variant)).not.toBe(base);
    expect(eventHash('1'.repeat(64), content)).not.toBe(base);
  });

  it('hashes an access’s places and their nonce only when set, so events written before them keep their hashes', () => {
    const placed: ChainContent = { ...content, places: ['510107/510107001001'], placesNonce: 'a'.repeat(32) };
    expect(canonicalContent(placed)).toBe(canonicalJson(chainContent(placed)));
    expect(canonicalContent(placed)).toContain('"places":["510107/510107001001"],"placesNonce":"' + 'a'.repeat(32) + '"');
    // Unset, they leave no trace: the pinned hash above is of an event without them.
    expect(canonicalContent({ ...content, places: undefined, placesNonce: undefined })).toBe(canonicalContent(content));
    const base = eventHash(GENESIS_HASH, placed);
    for (const variant of [{ places: ['510104/510104001001'] }, { places: ['510107'] }, { placesNonce: 'b'.repeat(32) }]) {
      expect(eventHash(GENESIS_HASH, { ...placed, ...variant }), JSON.stringify(variant)).not.toBe(base);
    }
  });

  it('covers exactly the content: a sealed event hashes the same with or without its link fields', () => {
    const sealed = sealEvent(GENESIS_HASH, content);
    expect(sealed.prevHash).toBe(GENESIS_HASH);
    expect(eventHash(sealed.prevHash, sealed)).toBe(sealed.hash);
    expect(Object.keys(chainContent(sealed)).sort()).toEqual(Object.keys(content).sort());
  });
});
