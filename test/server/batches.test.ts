import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createBatches } from '../../server/db/batches.ts';

/** A batch runner that records its batches and holds each one until `release` is called. */
function recording(fail: (item: number) => boolean = () => false) {
  const batches: number[][] = [];
  const held: (() => void)[] = [];
  const runBatch = async (items: number[]) => {
    batches.push(items);
    await new Promise<void>((resolve) => held.push(resolve));
    if (items.some(fail)) throw new Error(`refused ${items.filter(fail).join(',')}`);
    return items.map((item) => item * 10);
  };
  const release = async () => {
    while (held.length === 0) await new Promise((resolve) => setImmediate(resolve));
    held.shift()!();
  };
  return { batches, runBatch, release };
}

describe('batches', () => {
  it('runs the calls of one turn of the event loop as one batch, and answers each with its own result', async () => {
    const runner = recording();
    const batches = createBatches(runner.runBatch);
    const results = Promise.all([1, 2, 3].map((item) => batches.run(item)));
    await runner.release();
    assert.deepEqual(await results, [10, 20, 30]);
    assert.deepEqual(runner.batches, [[1, 2, 3]]);
  });

  it('runs the calls that arrive while a batch is in flight together as the next batch', async () => {
    const runner = recording();
    const batches = createBatches(runner.runBatch);
    const first = batches.run(1);
    await new Promise((resolve) => setImmediate(resolve));
    const later = Promise.all([batches.run(2), batches.run(3)]);
    await runner.release();
    assert.equal(await first, 10);
    await runner.release();
    assert.deepEqual(await later, [20, 30]);
    assert.deepEqual(runner.batches, [[1], [2, 3]]);
  });

  it('runs a failed batch again one call at a time, so that only the failing call fails', async () => {
    const runner = recording((item) => item === 2);
    const batches = createBatches(runner.runBatch);
    const results = Promise.allSettled([1, 2, 3].map((item) => batches.run(item)));
    for (let i = 0; i < 4; i++) await runner.release();
    assert.deepEqual(await results, [
      { status: 'fulfilled', value: 10 },
      { status: 'rejected', reason: new Error('refused 2') },
      { status: 'fulfilled', value: 30 },
    ]);
    assert.deepEqual(runner.batches, [[1, 2, 3], [1], [2], [3]]);
  });

  it('runs the next batch beside one that has been in flight longer than its stall time', async () => {
    const runner = recording();
    const batches = createBatches(runner.runBatch, { stallMs: 20 });
    const slow = batches.run(1);
    await new Promise((resolve) => setImmediate(resolve));
    const next = batches.run(2);
    await new Promise((resolve) => setTimeout(resolve, 40));
    assert.deepEqual(runner.batches, [[1], [2]], 'the second batch went while the first was still in flight');
    await runner.release();
    await runner.release();
    assert.deepEqual(await Promise.all([slow, next]), [10, 20]);
  });

  it('runs no batch larger than its maximum size', async () => {
    const runner = recording();
    const batches = createBatches(runner.runBatch, { maxSize: 2 });
    const results = Promise.all([1, 2, 3].map((item) => batches.run(item)));
    await runner.release();
    await runner.release();
    assert.deepEqual(await results, [10, 20, 30]);
    assert.deepEqual(runner.batches, [[1, 2], [3]]);
  });
});
