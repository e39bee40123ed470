import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { surveyVersionsRepositoryFor } from '../../server/surveys/survey-versions.repository.pg.ts';
import { dialects, useTestDatabase } from '../helpers/dialects.ts';

for (const dialect of dialects) {
  describe(`the published survey versions repository on ${dialect}`, () => {
    const test = useTestDatabase(dialect);
    const version = (n: number, definition = '{"pages":[]}\n') => ({ surveyId: 'buurt', version: n, definition, publishedAt: new Date('2026-12-03T10:00:00.123Z') });

    it('keeps a published version, its JSON text byte for byte', async () => {
      const published = surveyVersionsRepositoryFor(test.database);
      assert.equal(await published.insert(version(1, '{ "pages": [ "ኣ" ] }\n')), true);
      assert.deepEqual(await published.find({ surveyId: 'buurt', version: 1 }), version(1, '{ "pages": [ "ኣ" ] }\n'));
      assert.equal(await published.find({ surveyId: 'buurt', version: 9 }), undefined);
    });

    it('a number taken already is refused, and the first definition stays', async () => {
      const published = surveyVersionsRepositoryFor(test.database);
      assert.equal(await published.insert(version(2, '{"first":true}')), true);
      assert.equal(await published.insert(version(2, '{"second":true}')), false);
      assert.equal((await published.find({ surveyId: 'buurt', version: 2 }))?.definition, '{"first":true}');
    });

    it('lists the survey and number of every version published', async () => {
      const keys = await surveyVersionsRepositoryFor(test.database).keys();
      assert.deepEqual(
        keys.sort((a, b) => a.version - b.version),
        [
          { surveyId: 'buurt', version: 1 },
          { surveyId: 'buurt', version: 2 },
        ],
      );
    });
  });
}
