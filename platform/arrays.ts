/**
 * The item at an index the code has already bounded (a loop counter, a
 * search within the array): with `noUncheckedIndexedAccess` an index reads
 * as possibly undefined, and this says it is not, or throws where a
 * non-null assertion would let `undefined` run on.
 */
export function at<T>(items: ArrayLike<T>, index: number): T {
  const item = items[index];
  if (item === undefined) throw new RangeError(`index ${index} is outside 0..${items.length - 1}`);
  return item;
}

/** A list that holds at least one item, so its first reads as present. */
export type NonEmpty<T> = [T, ...T[]];

/** Whether a list holds an item, narrowing it to a list whose first one is there. */
export function isNonEmpty<T>(items: T[]): items is NonEmpty<T> {
  return items.length > 0;
}
