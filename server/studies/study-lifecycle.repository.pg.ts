import { and, eq } from 'drizzle-orm';
import { forDialect, type Database } from '../db/database.ts';
import type { PgDb } from '../db/postgres.ts';
import { letterSets, participantBatches, participants, responses, studies, studyMembers, waves } from '../db/schema.pg.ts';
import { createStudyLifecycleRepository, type StudyLifecycleRepository } from './study-lifecycle.repository.ts';

/** A study's lifecycle writes on PostgreSQL; the same contract as the SQLite one in study-lifecycle.repository.ts. */
export function createStudyLifecyclePgRepository({ db }: { db: PgDb }): StudyLifecycleRepository {
  return {
    async setPilot(studyId, pilot) {
      await db.update(studies).set({ pilot }).where(eq(studies.id, studyId));
    },
    async archive(studyId, at) {
      await db.update(studies).set({ archivedAt: at }).where(eq(studies.id, studyId));
    },
    async deleteTestResponses(studyId) {
      return (await db.delete(responses).where(and(eq(responses.studyId, studyId), eq(responses.test, true)))).rowCount ?? 0;
    },
    async deleteStudy(studyId) {
      return db.transaction(async (tx) => {
        const deletedResponses = (await tx.delete(responses).where(eq(responses.studyId, studyId))).rowCount ?? 0;
        const deletedParticipants = (await tx.delete(participants).where(eq(participants.studyId, studyId))).rowCount ?? 0;
        const deletedWaves = (await tx.delete(waves).where(eq(waves.studyId, studyId))).rowCount ?? 0;
        await tx.delete(participantBatches).where(eq(participantBatches.studyId, studyId));
        await tx.delete(letterSets).where(eq(letterSets.studyId, studyId));
        await tx.delete(studyMembers).where(eq(studyMembers.studyId, studyId));
        await tx.delete(studies).where(eq(studies.id, studyId));
        return { responses: deletedResponses, participants: deletedParticipants, waves: deletedWaves };
      });
    },
  };
}

export const studyLifecycleRepositoryFor = (database: Database) => forDialect(database, { sqlite: createStudyLifecycleRepository, postgres: createStudyLifecyclePgRepository });
