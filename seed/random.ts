import { at } from '../platform/arrays.js';
// Deterministic randomness for the synthetic city. Every value is a pure
// function of (key, kind, index): a row can be regenerated on its own, in any
// order, by any generator, which is what lets housing, labour and health refer
// to persons that were never held in memory.

/** MurmurHash3's finaliser: a bijection on 32-bit integers with full avalanche. */
export function mix32(value: number): number {
  let h = value | 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** A 32-bit hash of a string's UTF-16 code units; `salt` gives independent hashes of one string. */
export function hashString(text: string, salt = 0): number {
  let h = (0x811c9dc5 ^ Math.imul(salt + 1, 0x9e3779b9)) | 0;
  for (let i = 0; i < text.length; i++) {
    h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
    h ^= h >>> 15;
  }
  return mix32(h ^ text.length);
}

/** Hash of three 32-bit words; every input bit affects every output bit. */
export function hash3(a: number, b: number, c: number): number {
  return mix32(a ^ mix32(b ^ mix32(c + 0x6a09e667)));
}

const TWO_POW_32 = 4294967296;

/**
 * The seed of one city: four independent words derived from the key, so
 * that hashes for different kinds of entity never share a stream.
 */
export class Seed {
  readonly words: readonly [number, number, number, number];
  private readonly kinds = new Map<string, number>();

  constructor(readonly key: string) {
    if (typeof key !== 'string' || key.length === 0) throw new RangeError('seed key must be a non-empty string');
    this.words = [hashString(key, 1), hashString(key, 2), hashString(key, 3), hashString(key, 4)];
  }

  /** A per-kind constant, so `person` #5 and `house` #5 draw unrelated numbers. */
  kind(kind: string): number {
    let value = this.kinds.get(kind);
    if (value === undefined) {
      value = hash3(this.words[0], hashString(kind, 7), 0x243f6a88);
      this.kinds.set(kind, value);
    }
    return value;
  }

  /**
   * One uniform 32-bit word for (kind, index): the cheap path for yes/no
   * decisions. Hot loops pass the number from `kind()` to skip the lookup.
   */
  word(kind: string | number, index: number): number {
    return hash3(this.words[1], typeof kind === 'number' ? kind : this.kind(kind), index);
  }

  /** One uniform number in [0, 1) for (kind, index). */
  unit(kind: string | number, index: number): number {
    return this.word(kind, index) / TWO_POW_32;
  }

  /** A generator stream for (kind, index). */
  random(kind: string | number, index: number): Random {
    const k = typeof kind === 'number' ? kind : this.kind(kind);
    return new Random(
      hash3(this.words[0], k, index),
      hash3(this.words[1], k, index),
      hash3(this.words[2], k, index),
      hash3(this.words[3], k, index),
    );
  }

  /**
   * A UUID-v4-shaped id. Its first 48 bits are a per-kind offset plus the
   * index, so two indices of one kind never share an id and ids ascend with
   * the index: rows generated in index order append to primary-key and
   * foreign-key indexes instead of landing on random pages, which keeps bulk
   * loads of millions of rows fast. The remaining bits are hashed.
   */
  id(kind: string | number, index: number): string {
    if (!Number.isInteger(index) || index < 0 || index >= TWO_POW_32) {
      throw new RangeError(`entity index must be an integer in [0, 2^32), got ${index}`);
    }
    const k = typeof kind === 'number' ? kind : this.kind(kind);
    // Offset below 2^47, so offset + index stays within 48 bits.
    const offsetHigh = hash3(this.words[0], k, 0x5eed) >>> 1;
    const offsetLow = hash3(this.words[2], k, 0x5eed) & 0xffff;
    const low = offsetLow + (index % 65536);
    const high = offsetHigh + Math.floor(index / 65536) + (low >= 65536 ? 1 : 0);
    const w1 = hash3(this.words[1], k, index);
    const w2 = hash3(this.words[2], k, index);
    const w3 = hash3(this.words[3], k, index);
    // Version nibble 4 in the third group, variant bits 10 in the fourth.
    const version = 0x4000 | (w1 & 0x0fff);
    const variant = 0x8000 | ((w1 >>> 16) & 0x3fff);
    return `${hex8(high >>> 0)}-${hex4(low & 0xffff)}-${hex4(version)}-${hex4(variant)}-${hex8(w2)}${hex4(w3 & 0xffff)}`;
  }
}

const HEX_BYTES: readonly string[] = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

function hex4(half: number): string {
  return at(HEX_BYTES, (half >>> 8) & 0xff) + at(HEX_BYTES, half & 0xff);
}

function hex8(word: number): string {
  return (
    at(HEX_BYTES, (word >>> 24) & 0xff) +
    at(HEX_BYTES, (word >>> 16) & 0xff) +
    at(HEX_BYTES, (word >>> 8) & 0xff) +
    at(HEX_BYTES, word & 0xff)
  );
}

const seeds = new Map<string, Seed>();

/** The shared Seed for a key; callers that pass plain strings avoid rehashing the key. */
export function seedOf(key: string): Seed {
  let seed = seeds.get(key);
  if (!seed) {
    seed = new Seed(key);
    // A handful of keys per process is normal; the cap only guards against misuse.
    if (seeds.size > 64) seeds.clear();
    seeds.set(key, seed);
  }
  return seed;
}

/** Deterministic id of the `index`-th entity of `kind` in the city keyed by `key`. */
export function entityId(key: string, kind: string, index: number): string {
  return seedOf(key).id(kind, index);
}

/**
 * sfc32 (Chris Doty-Humphrey's Small Fast Counting generator): passes
 * PractRand, needs only 32-bit integer arithmetic and has a counter, so no
 * seed falls into a short cycle.
 */
export class Random {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(a: number, b: number, c: number, d: number) {
    this.a = a | 0;
    this.b = b | 0;
    this.c = c | 0;
    this.d = d | 0;
    // The seed words are already well mixed; a few rounds decorrelate the first outputs further.
    for (let i = 0; i < 6; i++) this.uint32();
  }

  /** Seeded from a string alone, for callers outside a city. */
  static fromKey(key: string): Random {
    return new Random(hashString(key, 11), hashString(key, 12), hashString(key, 13), hashString(key, 14));
  }

  uint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.uint32() / TWO_POW_32;
  }

  /** Uniform integer in [min, max], both inclusive. */
  int(min: number, max: number): number {
    if (max < min) throw new RangeError(`empty range [${min}, ${max}]`);
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError('cannot pick from an empty list');
    return at(items, Math.floor(this.next() * items.length));
  }

  weightedPick<T>(table: WeightedTable<T>): T {
    return table.pick(this.next());
  }

  /** A day number (days since 1970-01-01) uniform in [from, to]. */
  day(from: number, to: number): number {
    return this.int(from, to);
  }

  /** An ISO date uniform between two ISO dates, both inclusive. */
  date(from: string, to: string): string {
    return isoDay(this.day(dayNumber(from), dayNumber(to)));
  }
}

/** Items with relative weights, picked by binary search over the cumulative weights. */
export class WeightedTable<T> {
  readonly items: readonly T[];
  private readonly cumulative: Float64Array;

  constructor(entries: readonly (readonly [T, number])[]) {
    if (entries.length === 0) throw new RangeError('a weighted table needs at least one entry');
    this.items = entries.map(([item]) => item);
    this.cumulative = new Float64Array(entries.length);
    let total = 0;
    entries.forEach(([, weight], i) => {
      if (!(weight >= 0) || !Number.isFinite(weight)) throw new RangeError(`weight must be a finite non-negative number, got ${weight}`);
      total += weight;
      this.cumulative[i] = total;
    });
    if (total <= 0) throw new RangeError('a weighted table needs a positive total weight');
    for (let i = 0; i < entries.length; i++) this.cumulative[i] = at(this.cumulative, i) / total;
  }

  /** The item whose cumulative share first exceeds `u`, for `u` in [0, 1). */
  pick(u: number): T {
    const cumulative = this.cumulative;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (at(cumulative, mid) > u) hi = mid;
      else lo = mid + 1;
    }
    return at(this.items, lo);
  }
}

// Dates are handled as day numbers and only formatted at the edge, because
// building Date objects for tens of millions of rows dominates the run time.

const MS_PER_DAY = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days since 1970-01-01 of an ISO date (YYYY-MM-DD). */
export function dayNumber(iso: string): number {
  const match = ISO_DATE.exec(iso);
  if (!match) throw new RangeError(`expected a date as YYYY-MM-DD, got ${JSON.stringify(iso)}`);
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const time = Date.UTC(year, month - 1, day);
  const back = new Date(time);
  if (back.getUTCFullYear() !== year || back.getUTCMonth() !== month - 1 || back.getUTCDate() !== day) {
    throw new RangeError(`${iso} is not a real date`);
  }
  return time / MS_PER_DAY;
}

// Formatted dates of 1753-2190 are memoised in an array indexed by day number;
// seeded data formats tens of millions of dates drawn from about a century.
const ISO_CACHE_FROM = -80_000;
const isoCache: (string | undefined)[] = new Array<string | undefined>(160_000);

/** The ISO date of a day number. */
export function isoDay(day: number): string {
  const slot = day - ISO_CACHE_FROM;
  const cached = isoCache[slot];
  if (cached !== undefined) return cached;
  const iso = new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
  if (Number.isInteger(day) && slot >= 0 && slot < isoCache.length) isoCache[slot] = iso;
  return iso;
}

/** The day `years` calendar years before `day` (Feb 29 falls back to Mar 1). */
export function yearsBefore(day: number, years: number): number {
  const date = new Date(day * MS_PER_DAY);
  return Date.UTC(date.getUTCFullYear() - years, date.getUTCMonth(), date.getUTCDate()) / MS_PER_DAY;
}

/** The day `years` calendar years after `day` (Feb 29 moves to Mar 1). */
export function yearsAfter(day: number, years: number): number {
  return yearsBefore(day, -years);
}
