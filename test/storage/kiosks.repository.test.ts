import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { kiosksRepositoryFor } from '../../server/kiosks/kiosks.repository.pg.ts';
import { dialects, useTestDatabase } from '../helpers/dialects.ts';

for (const dialect of dialects) {
  describe(`the kiosks repository on ${dialect}`, () => {
    const test = useTestDatabase(dialect);
    const at = new Date('2026-03-01T09:00:00.123Z');
    let n = 0;
    const enrol = (label = 'Tablet') => kiosksRepositoryFor(test.database).insert({ label, keyHash: `key-${++n}`, createdBy: null, createdAt: at });

    it('stores an enrolled kiosk with a new id and lists the kiosks in the order they came', async () => {
      const first = await enrol('Library');
      const second = await enrol('Town hall');
      assert.deepEqual(first, { id: first.id, label: 'Library', keyHash: first.keyHash, createdBy: null, createdAt: at, revokedAt: null });
      assert.ok(second.id > first.id);
      const listed = await kiosksRepositoryFor(test.database).list();
      assert.deepEqual(listed.slice(-2), [first, second]);
    });

    it('finds a kiosk by its key hash while it is not revoked, and revokes it once', async () => {
      const kiosks = kiosksRepositoryFor(test.database);
      const kiosk = await enrol();
      assert.equal((await kiosks.findActiveByKeyHash(kiosk.keyHash))?.id, kiosk.id);
      assert.equal(await kiosks.findActiveByKeyHash('no-such-key'), undefined);
      assert.equal(await kiosks.revoke(kiosk.id, new Date(at.getTime() + 1)), true);
      assert.equal(await kiosks.revoke(kiosk.id, new Date(at.getTime() + 2)), false, 'a revoked kiosk stays revoked at its first moment');
      assert.equal(await kiosks.findActiveByKeyHash(kiosk.keyHash), undefined);
      assert.deepEqual((await kiosks.list()).find((k) => k.id === kiosk.id)?.revokedAt, new Date(at.getTime() + 1));
      assert.equal(await kiosks.revoke(999_999, at), false);
    });

    it('refuses a second kiosk with the same key hash', async () => {
      const kiosk = await enrol();
      await assert.rejects(async () => kiosksRepositoryFor(test.database).insert({ label: 'Copy', keyHash: kiosk.keyHash, createdBy: null, createdAt: at }));
    });
  });
}
