import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { accountLinksRepositoryFor } from '../../server/auth/account-links.repository.pg.ts';
import { dialects, insertUser, useTestDatabase } from '../helpers/dialects.ts';

const start = new Date('2026-03-01T09:00:00.000Z');
const later = (ms: number) => new Date(start.getTime() + ms);

for (const dialect of dialects) {
  describe(`the account links repository on ${dialect}`, () => {
    const test = useTestDatabase(dialect);

    it('a link is used once: a second use (another tab, a replay) is refused', async () => {
      const links = accountLinksRepositoryFor(test.database);
      await links.insert({ codeHash: 'setup-1', purpose: 'setup', userId: null, createdAt: start, expiresAt: later(3_600_000) });
      assert.deepEqual(await links.find('setup-1'), { codeHash: 'setup-1', purpose: 'setup', userId: null, createdAt: start, expiresAt: later(3_600_000), usedAt: null });
      assert.equal(await links.use('setup-1', later(1)), true);
      assert.equal(await links.use('setup-1', later(2)), false);
      assert.deepEqual((await links.find('setup-1'))?.usedAt, later(1));
      assert.equal(await links.use('nope', later(1)), false);
    });

    it('a new link retires the unused ones of the same purpose and account only', async () => {
      const links = accountLinksRepositoryFor(test.database);
      const [ada, bob] = [await insertUser(test.database, 'ada'), await insertUser(test.database, 'bob')];
      const link = (codeHash: string, userId: number) => links.insert({ codeHash, purpose: 'reset', userId, createdAt: start, expiresAt: later(3_600_000) });
      await link('ada-1', ada);
      await link('ada-2', ada);
      await link('bob-1', bob);
      await links.retire('reset', ada, later(5));
      assert.deepEqual([(await links.find('ada-1'))?.usedAt, (await links.find('ada-2'))?.usedAt, (await links.find('bob-1'))?.usedAt], [later(5), later(5), null]);
    });
  });
}
