import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { studiesRepositoryFor } from '../../server/studies/studies.repository.pg.ts';
import { studyDefinitionsRepositoryFor } from '../../server/studies/study-definitions.repository.pg.ts';
import { studyLifecycleRepositoryFor } from '../../server/studies/study-lifecycle.repository.pg.ts';
import { dialects, useTestDatabase } from '../helpers/dialects.ts';

for (const dialect of dialects) {
  describe(`the saved study definitions repository on ${dialect}`, () => {
    const test = useTestDatabase(dialect);
    const at = new Date('2026-12-03T10:00:00.123Z');

    it('each save is the next revision, which the study row names, and the last text is kept', async () => {
      await studiesRepositoryFor(test.database).insertStudy({ id: 'buurt', name: 'Buurt', kind: 'panel', createdAt: at });
      const saved = studyDefinitionsRepositoryFor(test.database);
      assert.equal(await saved.find('buurt'), undefined);
      assert.equal(await saved.save('buurt', '{"title":"Eerst"}', at), 1);
      assert.equal(await saved.save('buurt', '{"title":"Daarna ኣ"}', at), 2);
      assert.deepEqual(await saved.find('buurt'), { definition: '{"title":"Daarna ኣ"}', revision: 2 });
      assert.equal((await studiesRepositoryFor(test.database).findStudy('buurt'))?.definitionRevision, 2);
    });

    it('goes with its study when the study is deleted', async () => {
      await studiesRepositoryFor(test.database).insertStudy({ id: 'weg', name: 'Weg', kind: 'cross', createdAt: at });
      await studyDefinitionsRepositoryFor(test.database).save('weg', '{}', at);
      await studyLifecycleRepositoryFor(test.database).deleteStudy('weg');
      assert.equal(await studyDefinitionsRepositoryFor(test.database).find('weg'), undefined);
    });
  });
}
