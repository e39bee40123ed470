import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { usersRepositoryFor } from '../../server/auth/users.repository.pg.ts';
import { studiesRepositoryFor } from '../../server/studies/studies.repository.pg.ts';
import { dialects, useTestDatabase } from '../helpers/dialects.ts';

const start = new Date('2026-03-01T09:00:00.000Z');
const account = (username: string, role: 'admin' | 'researcher' | 'translator' = 'researcher') => ({ username, passwordHash: `hash-${username}`, role, createdAt: start });

for (const dialect of dialects) {
  describe(`the users repository on ${dialect}`, () => {
    const test = useTestDatabase(dialect);

    it('stores an account with a new id, finds it by id and by username, and lists the accounts by username', async () => {
      const users = usersRepositoryFor(test.database);
      const before = await users.count();
      const zoe = await users.insert(account('zoe'));
      const abel = await users.insert(account('abel', 'admin'));
      assert.deepEqual(await users.find(zoe.id), { ...zoe, disabledAt: null, totpSecret: null, totpPendingSecret: null, totpLastStep: null });
      assert.deepEqual(await users.findByUsername('abel'), abel);
      assert.equal(await users.findByUsername('nobody'), undefined);
      assert.equal(await users.count(), before + 2);
      const names = (await users.list()).map((u) => u.username);
      assert.deepEqual(names, [...names].sort());
      assert.ok(names.includes('abel') && names.includes('zoe'));
    });

    it('refuses a second account with a username that is taken', async () => {
      const users = usersRepositoryFor(test.database);
      await users.insert(account('taken'));
      await assert.rejects(users.insert(account('taken')));
    });

    it('changes a password hash, and disables and enables an account (none for an unknown id)', async () => {
      const users = usersRepositoryFor(test.database);
      const { id } = await users.insert(account('mia'));
      await users.setPasswordHash(id, 'new-hash');
      assert.equal((await users.find(id))?.passwordHash, 'new-hash');
      assert.deepEqual((await users.setDisabled(id, start))?.disabledAt, start);
      assert.equal((await users.setDisabled(id, null))?.disabledAt, null);
      assert.equal(await users.setDisabled(999_999, start), undefined);
    });

    it('adds a member to a study once, answers who is a member, and removes them', async () => {
      const users = usersRepositoryFor(test.database);
      const studies = studiesRepositoryFor(test.database);
      for (const id of ['beta', 'alpha']) await studies.insertStudy({ id, name: id, kind: 'panel', createdAt: start });
      const { id } = await users.insert(account('rita'));
      await users.addMember('beta', id);
      await users.addMember('alpha', id);
      await users.addMember('alpha', id);
      assert.deepEqual(await users.studiesOf(id), ['alpha', 'beta']);
      assert.equal(await users.isMember(id, 'alpha'), true);
      await users.removeMember('alpha', id);
      assert.equal(await users.isMember(id, 'alpha'), false);
      assert.deepEqual(await users.studiesOf(id), ['beta']);
    });

    it("replaces a translator's languages, in the order of their codes", async () => {
      const users = usersRepositoryFor(test.database);
      const { id } = await users.insert(account('tesfay', 'translator'));
      await users.setLanguages(id, [{ lang: 'ti', reviewer: false }, { lang: 'ar', reviewer: true }]);
      assert.deepEqual(await users.languagesOf(id), [{ lang: 'ar', reviewer: true }, { lang: 'ti', reviewer: false }]);
      await users.setLanguages(id, [{ lang: 'so', reviewer: false }]);
      assert.deepEqual(await users.languagesOf(id), [{ lang: 'so', reviewer: false }]);
      await users.setLanguages(id, []);
      assert.deepEqual(await users.languagesOf(id), []);
    });

    it("keeps a translator's languages when the new ones fail to be written (one transaction)", async () => {
      const users = usersRepositoryFor(test.database);
      const { id } = await users.insert(account('rana', 'translator'));
      await users.setLanguages(id, [{ lang: 'ti', reviewer: true }]);
      // The same language twice breaks the key after the old languages were deleted.
      await assert.rejects(users.setLanguages(id, [{ lang: 'ar', reviewer: false }, { lang: 'ar', reviewer: true }]));
      assert.deepEqual(await users.languagesOf(id), [{ lang: 'ti', reviewer: true }]);
    });
  });
}
