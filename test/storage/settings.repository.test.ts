import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { settingsRepositoryFor } from '../../server/settings/settings.repository.pg.ts';
import { dialects, useTestDatabase } from '../helpers/dialects.ts';

for (const dialect of dialects) {
  describe(`the settings repository on ${dialect}`, () => {
    const test = useTestDatabase(dialect);

    it('gives the fallback for a setting never set', async () => {
      assert.equal(await settingsRepositoryFor(test.database).get('never-set', 'fallback'), 'fallback');
    });

    it('keeps a JSON value by key, and a second set replaces it', async () => {
      const settings = settingsRepositoryFor(test.database);
      await settings.set('second_factor', { researchers: true, languages: ['nl', 'ti'] });
      assert.deepEqual(await settings.get('second_factor', null), { researchers: true, languages: ['nl', 'ti'] });
      await settings.set('second_factor', false);
      assert.equal(await settings.get('second_factor', true), false);
    });
  });
}
