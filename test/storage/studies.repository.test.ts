import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { participantsRepositoryFor } from '../../server/participants/participants.repository.pg.ts';
import { studiesRepositoryFor } from '../../server/studies/studies.repository.pg.ts';
import { dialects, useTestDatabase } from '../helpers/dialects.ts';

const day = 24 * 60 * 60 * 1000;
const start = new Date('2026-03-01T09:00:00.000Z');
const at = (days: number) => new Date(start.getTime() + days * day);

for (const dialect of dialects) {
  describe(`the studies repository on ${dialect}`, () => {
    const test = useTestDatabase(dialect);

    it('stores studies, lists them by id and renames one', async () => {
      const studies = studiesRepositoryFor(test.database);
      await studies.insertStudy({ id: 'zeta', name: 'Zeta', kind: 'cross', createdAt: start });
      await studies.insertStudy({ id: 'alpha', name: 'Alpha', kind: 'panel', createdAt: start });
      assert.deepEqual((await studies.listStudies()).map((s) => s.id), ['alpha', 'zeta']);
      assert.deepEqual(await studies.findStudy('alpha'), { id: 'alpha', name: 'Alpha', kind: 'panel', pilot: false, archivedAt: null, definitionRevision: 0, createdAt: start });
      assert.equal((await studies.updateStudy('alpha', { name: 'Alpha 2' }))?.name, 'Alpha 2');
      assert.equal(await studies.updateStudy('nope', { name: 'x' }), undefined);
      assert.equal(await studies.findStudy('nope'), undefined);
    });

    it('keeps a study\'s waves in the order they open, and changes one', async () => {
      const studies = studiesRepositoryFor(test.database);
      await studies.insertStudy({ id: 'w', name: 'W', kind: 'panel', createdAt: start });
      const later = await studies.insertWave({ studyId: 'w', code: 'T1', surveyId: 's', surveyVersion: 1, opensAt: at(180), closesAt: at(210) });
      const first = await studies.insertWave({ studyId: 'w', code: 'T0', surveyId: 's', surveyVersion: 1, opensAt: at(0), closesAt: at(30) });
      assert.deepEqual((await studies.wavesOf('w')).map((w) => w.code), ['T0', 'T1']);
      assert.deepEqual(await studies.findWave(first.id), first);
      const moved = await studies.updateWave(later.id, { surveyVersion: 2, closesAt: at(240) });
      assert.deepEqual(moved, { ...later, surveyVersion: 2, closesAt: at(240) });
      assert.equal(await studies.findWave(999_999), undefined);
      await assert.rejects(async () => studies.insertWave({ studyId: 'w', code: 'T0', surveyId: 's', surveyVersion: 1, opensAt: at(0), closesAt: at(1) }), 'one code per study');
    });

    it('reads a study with its waves, earliest first, in one call; a study without waves has none', async () => {
      const studies = studiesRepositoryFor(test.database);
      await studies.insertStudy({ id: 'with', name: 'With', kind: 'panel', createdAt: start });
      await studies.insertStudy({ id: 'without', name: 'Without', kind: 'cross', createdAt: start });
      const later = await studies.insertWave({ studyId: 'with', code: 'T1', surveyId: 's', surveyVersion: 1, opensAt: at(180), closesAt: at(210) });
      const first = await studies.insertWave({ studyId: 'with', code: 'T0', surveyId: 's', surveyVersion: 1, opensAt: at(0), closesAt: at(30) });
      assert.deepEqual(await studies.findStudyWithWaves('with'), { study: await studies.findStudy('with'), waves: [first, later] });
      assert.deepEqual(await studies.findStudyWithWaves('without'), { study: await studies.findStudy('without'), waves: [] });
      assert.equal(await studies.findStudyWithWaves('nope'), undefined);
      const atOnce = await Promise.all(['with', 'nope', 'without', 'with'].map((id) => studies.findStudyWithWaves(id)));
      assert.deepEqual(atOnce.map((found) => found && [found.study.id, found.waves.map((w) => w.code)]), [['with', ['T0', 'T1']], undefined, ['without', []], ['with', ['T0', 'T1']]], 'asked at once');
    });

    it('seeds studies with their waves and participants once: a second seed changes nothing', async () => {
      const studies = studiesRepositoryFor(test.database);
      const seed = {
        studies: [
          { id: 'seed-panel', name: 'Seed panel', kind: 'panel' as const, createdAt: start },
          { id: 'seed-cross', name: 'Seed cross', kind: 'cross' as const, createdAt: start },
        ],
        waves: [
          { studyId: 'seed-panel', code: 'T0', surveyId: 's', surveyVersion: 1, opensAt: at(0), closesAt: at(30) },
          { studyId: 'seed-cross', code: 'X', surveyId: 's', surveyVersion: 1, opensAt: at(0), closesAt: at(30) },
        ],
        participants: [{ studyId: 'seed-panel', pseudonym: 'S1', tokenHash: 'seed-hash-1', createdAt: start }],
      };
      assert.equal(await studies.seedOnce(seed), true);
      assert.equal(await studies.seedOnce({ ...seed, participants: [{ studyId: 'seed-panel', pseudonym: 'S2', tokenHash: 'seed-hash-2', createdAt: start }] }), false);
      assert.deepEqual((await studies.wavesOf('seed-panel')).map((w) => w.code), ['T0']);
      assert.equal((await studies.findStudy('seed-cross'))?.kind, 'cross');
      assert.ok(await participantsRepositoryFor(test.database).findActiveByTokenHash('seed-hash-1'));
      assert.equal(await participantsRepositoryFor(test.database).findActiveByTokenHash('seed-hash-2'), undefined);
    });

    it('leaves nothing of a seed whose last write fails', async () => {
      const studies = studiesRepositoryFor(test.database);
      const clash = { pseudonym: 'R1', tokenHash: 'rollback-hash', createdAt: start };
      await assert.rejects(async () =>
        studies.seedOnce({
          studies: [{ id: 'rollback', name: 'Rollback', kind: 'panel', createdAt: start }],
          waves: [{ studyId: 'rollback', code: 'T0', surveyId: 's', surveyVersion: 1, opensAt: at(0), closesAt: at(30) }],
          participants: [
            { studyId: 'rollback', ...clash },
            { studyId: 'rollback', ...clash, pseudonym: 'R2' },
          ],
        }),
      );
      assert.equal(await studies.findStudy('rollback'), undefined);
      assert.deepEqual(await studies.wavesOf('rollback'), []);
      assert.equal(await participantsRepositoryFor(test.database).findActiveByTokenHash('rollback-hash'), undefined);
    });
  });
}
