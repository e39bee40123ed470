import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { rateLimitsRepositoryFor } from '../../server/shared/rate-limits.repository.pg.ts';
import { dialects, useTestDatabase } from '../helpers/dialects.ts';

const start = new Date('2026-03-01T09:00:00.000Z');
const at = (seconds: number) => new Date(start.getTime() + seconds * 1000);

for (const dialect of dialects) {
  describe(`the shared rate limits on ${dialect}`, () => {
    const test = useTestDatabase(dialect);

    it('counts events in a window, starts a new window once it ended, and gives one back but never below zero', async () => {
      const limits = rateLimitsRepositoryFor(test.database);
      assert.deepEqual(await limits.hit('address-a', at(0), at(60)), { count: 1, windowEndsAt: at(60) });
      assert.deepEqual(await limits.hit('address-a', at(10), at(70)), { count: 2, windowEndsAt: at(60) }, 'the window it counts in');
      assert.deepEqual(await limits.counts(['address-a'], at(59)), [2]);
      assert.deepEqual(await limits.counts(['address-a'], at(60)), [0], 'the window ended');
      assert.deepEqual(await limits.hit('address-a', at(61), at(121)), { count: 1, windowEndsAt: at(121) }, 'a new window');
      assert.deepEqual((await limits.find('address-a'))?.windowEndsAt, at(121));
      await limits.giveBack('address-a');
      await limits.giveBack('address-a');
      assert.deepEqual(await limits.counts(['address-a'], at(62)), [0]);
    });

    it('counts events of several keys sent at once each in its own key, in the order they came', async () => {
      const limits = rateLimitsRepositoryFor(test.database);
      await limits.hit('mixed-lapsed', at(0), at(60));
      const keys = ['mixed-a', 'mixed-b', 'mixed-a', 'mixed-lapsed', 'mixed-a', 'mixed-b'];
      const counted = await Promise.all(keys.map((key) => limits.hit(key, at(61), at(121))));
      assert.deepEqual(
        counted.map((c) => c.count),
        [1, 1, 2, 1, 3, 2],
      );
      assert.deepEqual(await limits.counts(['mixed-a', 'mixed-b', 'mixed-lapsed'], at(100)), [3, 2, 1], 'the ended window started again');
    });

    it('reads the counts of several keys at once, in the order asked, 0 for a key never counted', async () => {
      const limits = rateLimitsRepositoryFor(test.database);
      await limits.hit('several-a', at(0), at(60));
      await limits.hit('several-b', at(0), at(60));
      await limits.hit('several-b', at(1), at(61));
      assert.deepEqual(await limits.counts(['several-b', 'never-seen', 'several-a'], at(30)), [2, 0, 1]);
      assert.deepEqual(await limits.counts(['several-b', 'several-a'], at(60)), [0, 0], 'both windows ended');
    });

    it('counts every one of many events sent at once', async () => {
      const limits = rateLimitsRepositoryFor(test.database);
      const counts = await Promise.all(Array.from({ length: 20 }, async () => (await limits.hit('burst', at(0), at(60))).count));
      assert.deepEqual([...counts].sort((a, b) => a - b), Array.from({ length: 20 }, (_, i) => i + 1));
    });

    it('leases an account to one check at a time, refuses it during its delay, and forgives failures whose window ended', async () => {
      const limits = rateLimitsRepositoryFor(test.database);
      assert.equal(await limits.lease('account-x', at(0), at(30)), true);
      assert.equal(await limits.lease('account-x', at(1), at(31)), false, 'another check runs');
      await limits.release('account-x', 6, at(10), at(70));
      assert.equal(await limits.lease('account-x', at(5), at(35)), false, 'during the delay');
      assert.equal(await limits.lease('account-x', at(10), at(40)), true, 'after the delay');
      assert.equal((await limits.find('account-x'))?.count, 6, 'failures kept within their window');
      assert.equal(await limits.lease('account-x', at(41), at(71)), true, 'a lease that lapsed (its server died) holds no longer');
      await limits.release('account-x', 7, at(42), at(100));
      assert.equal(await limits.lease('account-x', at(100), at(130)), true);
      assert.equal((await limits.find('account-x'))?.count, 0, 'failures forgiven once their window ended');
      await limits.remove('account-x');
      assert.equal(await limits.find('account-x'), undefined);
    });

    it('sweeps the keys whose window, delay and lease all lapsed, and keeps the others', async () => {
      const limits = rateLimitsRepositoryFor(test.database);
      await limits.hit('sweep-lapsed', at(0), at(60));
      await limits.hit('sweep-running', at(0), at(800));
      await limits.lease('sweep-busy', at(0), at(900));
      await limits.lease('sweep-delayed', at(0), at(1));
      await limits.release('sweep-delayed', 5, at(800), at(700));
      await limits.lease('sweep-forgiven', at(0), at(1));
      await limits.release('sweep-forgiven', 0, at(0), at(0));
      await limits.sweep(at(700));
      const left = await Promise.all(['sweep-lapsed', 'sweep-forgiven', 'sweep-running', 'sweep-busy', 'sweep-delayed'].map(async (key) => (await limits.find(key)) !== undefined));
      assert.deepEqual(left, [false, false, true, true, true]);
    });
  });
}
