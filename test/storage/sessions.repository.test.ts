import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sessionsRepositoryFor } from '../../server/auth/sessions.repository.pg.ts';
import { dialects, insertUser, useTestDatabase } from '../helpers/dialects.ts';

const minute = 60_000;
const start = new Date('2026-03-01T09:00:00.000Z');
const at = (minutes: number) => new Date(start.getTime() + minutes * minute);

for (const dialect of dialects) {
  describe(`the sessions repository on ${dialect}`, () => {
    const test = useTestDatabase(dialect);
    const session = (idHash: string, userId: number, createdAt = start, lastSeenAt = createdAt) => ({ idHash, userId, csrfToken: `csrf-${idHash}`, createdAt, lastSeenAt });

    it('finds a session by its hash, and a touch moves its last-seen moment', async () => {
      const sessions = sessionsRepositoryFor(test.database);
      const userId = await insertUser(test.database, 'touch');
      await sessions.insert(session('a1', userId));
      assert.deepEqual(await sessions.find('a1'), session('a1', userId));
      assert.equal(await sessions.find('nope'), undefined);
      await sessions.touch('a1', at(5));
      assert.deepEqual((await sessions.find('a1'))?.lastSeenAt, at(5));
    });

    it('deletes one session, all of a user, or all of a user but the one in use', async () => {
      const sessions = sessionsRepositoryFor(test.database);
      const [ada, bob] = [await insertUser(test.database, 'ada'), await insertUser(test.database, 'bob')];
      for (const [id, user] of [['b1', ada], ['b2', ada], ['b3', ada], ['b4', bob]] as const) await sessions.insert(session(id, user));
      await sessions.delete('b1');
      await sessions.deleteOfUserExcept(ada, 'b2');
      const left = async () => (await Promise.all(['b1', 'b2', 'b3', 'b4'].map((id) => sessions.find(id)))).filter(Boolean).map((s) => s!.idHash);
      assert.deepEqual(await left(), ['b2', 'b4']);
      await sessions.deleteOfUser(ada);
      assert.deepEqual(await left(), ['b4']);
    });

    it('removes the sessions idle too long or made too long ago, and keeps the others', async () => {
      const sessions = sessionsRepositoryFor(test.database);
      const userId = await insertUser(test.database, 'expiry');
      await sessions.insert(session('idle', userId, at(0), at(10)));
      await sessions.insert(session('old', userId, at(-100), at(50)));
      await sessions.insert(session('fresh', userId, at(0), at(30)));
      await sessions.deleteExpired(at(20), at(-60));
      assert.deepEqual([await sessions.find('idle'), await sessions.find('old'), (await sessions.find('fresh'))?.idHash], [undefined, undefined, 'fresh']);
    });
  });
}
