import type { Database } from '../../server/db/database.ts';
import * as pgSchema from '../../server/db/schema.pg.ts';
import * as sqliteSchema from '../../server/db/schema.ts';
import { studiesRepositoryFor } from '../../server/studies/studies.repository.pg.ts';

/** Rows for the storage tests of studies and participants, on either dialect. */

const start = new Date('2026-03-01T09:00:00.000Z');

/** A panel study with one open wave; answers the wave's id. */
export async function panelWithWave(database: Database, studyId: string): Promise<number> {
  const studies = studiesRepositoryFor(database);
  await studies.insertStudy({ id: studyId, name: studyId, kind: 'panel', createdAt: start });
  return (await studies.insertWave({ studyId, code: 'T0', surveyId: 's', surveyVersion: 1, opensAt: start, closesAt: new Date(start.getTime() + 30 * 86_400_000) })).id;
}

/** A started response (the responses repository is another module's, not converted yet). */
export async function insertResponse(database: Database, response: { id: string; studyId: string; waveId: number; participantId: number | null; test?: boolean }): Promise<void> {
  const row = { ...response, surveyId: 's', surveyVersion: 1, locale: 'nl', channel: 'web' as const, startedAt: start, updatedAt: start };
  if (database.dialect === 'postgres') await database.db.insert(pgSchema.responses).values(row);
  else database.db.insert(sqliteSchema.responses).values(row).run();
}
