import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import type { Database } from '../../server/db/database.ts';
import { participantAdminRepositoryFor } from '../../server/participants/participant-admin.repository.pg.ts';
import { studiesRepositoryFor } from '../../server/studies/studies.repository.pg.ts';
import { studyLifecycleRepositoryFor } from '../../server/studies/study-lifecycle.repository.pg.ts';
import { dialects, useTestDatabase } from '../helpers/dialects.ts';
import { insertResponse, panelWithWave } from '../helpers/study-rows.ts';

const start = new Date('2026-03-01T09:00:00.000Z');

/** A study with a wave, two participants and a response of each (the first a test response). */
async function filledStudy(database: Database, studyId: string) {
  const waveId = await panelWithWave(database, studyId);
  const { participants } = await participantAdminRepositoryFor(database).insertBatch({ studyId, size: 2, language: 'nl', createdBy: null, createdAt: start }, () =>
    ['1', '2'].map((n) => ({ pseudonym: `${studyId}-${n}`, tokenHash: `hash-${studyId}-${n}`, language: 'nl' })),
  );
  for (const [i, p] of participants.entries()) await insertResponse(database, { id: `${studyId}-r${i}`, studyId, waveId, participantId: p.id, test: i === 0 });
  return { waveId, participants };
}

/** Runs a statement on either dialect: here only to build a table the repository does not know. */
async function execute(database: Database, statement: string): Promise<void> {
  if (database.dialect === 'postgres') await database.db.execute(sql.raw(statement));
  else database.db.$client.exec(statement);
}

for (const dialect of dialects) {
  describe(`the study lifecycle repository on ${dialect}`, () => {
    const test = useTestDatabase(dialect);

    it('sets pilot mode, archives, and deletes only the test responses', async () => {
      await filledStudy(test.database, 'p');
      const lifecycle = studyLifecycleRepositoryFor(test.database);
      const studies = studiesRepositoryFor(test.database);
      await lifecycle.setPilot('p', true);
      await lifecycle.archive('p', start);
      assert.deepEqual([(await studies.findStudy('p'))?.pilot, (await studies.findStudy('p'))?.archivedAt], [true, start]);
      assert.equal(await lifecycle.deleteTestResponses('p'), 1);
      assert.equal(await lifecycle.deleteTestResponses('p'), 0);
    });

    it('deletes a study with everything it holds, and no other study', async () => {
      await filledStudy(test.database, 'gone');
      await filledStudy(test.database, 'kept');
      const lifecycle = studyLifecycleRepositoryFor(test.database);
      assert.deepEqual(await lifecycle.deleteStudy('gone'), { responses: 2, participants: 2, waves: 1 });
      const studies = studiesRepositoryFor(test.database);
      assert.equal(await studies.findStudy('gone'), undefined);
      assert.deepEqual(await studies.wavesOf('gone'), []);
      assert.equal((await studies.wavesOf('kept')).length, 1);
      assert.equal((await participantAdminRepositoryFor(test.database).list({ studyId: 'kept', offset: 0, limit: 10 })).total, 2);
    });

    it('a deletion that fails halfway (a wave still referenced) leaves the study whole', async () => {
      const { waveId } = await filledStudy(test.database, 'held');
      await execute(test.database, 'CREATE TABLE wave_holds (wave_id integer NOT NULL REFERENCES waves(id))');
      await execute(test.database, `INSERT INTO wave_holds (wave_id) VALUES (${waveId})`);
      await assert.rejects(async () => studyLifecycleRepositoryFor(test.database).deleteStudy('held'));
      assert.equal((await participantAdminRepositoryFor(test.database).list({ studyId: 'held', offset: 0, limit: 10 })).total, 2, 'the participants deleted before the waves are back');
      assert.equal(await studyLifecycleRepositoryFor(test.database).deleteTestResponses('held'), 1, 'so are the responses');
      assert.ok(await studiesRepositoryFor(test.database).findStudy('held'));
    });
  });
}
