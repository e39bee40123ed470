import type { Database } from '../../server/db/database.ts';
import { responsesRepositoryFor } from '../../server/responses/responses.repository.pg.ts';
import { studiesRepositoryFor } from '../../server/studies/studies.repository.pg.ts';

/** Rows for the storage tests of studies and participants, on either dialect. */

const start = new Date('2026-03-01T09:00:00.000Z');

/** A panel study with one open wave; answers the wave's id. */
export async function panelWithWave(database: Database, studyId: string): Promise<number> {
  const studies = studiesRepositoryFor(database);
  await studies.insertStudy({ id: studyId, name: studyId, kind: 'panel', createdAt: start });
  return (await studies.insertWave({ studyId, code: 'T0', surveyId: 's', surveyVersion: 1, opensAt: start, closesAt: new Date(start.getTime() + 30 * 86_400_000) })).id;
}

/** A started response. */
export async function insertResponse(database: Database, response: { id: string; studyId: string; waveId: number; participantId: number | null; test?: boolean }): Promise<void> {
  await responsesRepositoryFor(database).insert({ ...response, surveyId: 's', surveyVersion: 1, locale: 'nl', channel: 'web', startedAt: start, updatedAt: start });
}
