import { describe, expect, it } from 'vitest';
import { againIfNothingRead } from '../../../scripts/import/read.js';

/** A read that yields `items` and then fails with `failure`, if given; counts how often it was started. */
function reads(plan: { items: number[]; failure?: string }[]) {
  let started = 0;
  const read = async function* (): AsyncGenerator<number> {
    const step = plan[Math.min(started, plan.length - 1)]!;
    started += 1;
    for (const item of step.items) yield item;
    if (step.failure) throw new Error(step.failure);
  };
  return { read, started: () => started };
}

async function all(source: AsyncGenerator<number>): Promise<number[]> {
  const items: number[] = [];
  for await (const item of source) items.push(item);
  return items;
}

describe('reading a workbook again when its first read yields nothing', () => {
  it('reads once when the read succeeds', async () => {
    const { read, started } = reads([{ items: [1, 2, 3] }]);
    expect(await all(againIfNothingRead(read))).toEqual([1, 2, 3]);
    expect(started()).toBe(1);
  });

  it('starts again from the beginning when the first read fails before yielding anything', async () => {
    const { read, started } = reads([{ items: [], failure: 'ended before the workbook part' }, { items: [1, 2] }]);
    expect(await all(againIfNothingRead(read))).toEqual([1, 2]);
    expect(started()).toBe(2);
  });

  it('fails with the second failure when the file fails twice', async () => {
    const { read, started } = reads([{ items: [], failure: 'first' }, { items: [], failure: 'second' }]);
    await expect(all(againIfNothingRead(read))).rejects.toThrow('second');
    expect(started()).toBe(2);
  });

  it('never reads again once rows were handed on: a row would be handed on twice', async () => {
    const { read, started } = reads([{ items: [1], failure: 'broke midway' }, { items: [1, 2] }]);
    const seen: number[] = [];
    await expect(
      (async () => {
        for await (const item of againIfNothingRead(read)) seen.push(item);
      })(),
    ).rejects.toThrow('broke midway');
    expect(seen).toEqual([1]);
    expect(started()).toBe(1);
  });
});
