import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../db/connection.ts';
import { letterSets, participantBatches, participants, responses, studies, studyMembers, waves } from '../db/schema.ts';

/**
 * Writes of a study's lifecycle that reach into other modules' tables (pilot responses, and a
 * whole study on deletion), each in one transaction so that nothing is left half done; on SQLite a
 * synchronous one inside the promise (drizzle's better-sqlite3 driver does not roll back an async callback).
 */
export function createStudyLifecycleRepository({ db }: { db: Db }) {
  return {
    async setPilot(studyId: string, pilot: boolean): Promise<void> {
      db.update(studies).set({ pilot }).where(eq(studies.id, studyId)).run();
    },
    async archive(studyId: string, at: Date): Promise<void> {
      db.update(studies).set({ archivedAt: at }).where(eq(studies.id, studyId)).run();
    },
    /** Deletes the study's test (pilot) responses; their submissions go with them by cascade. */
    async deleteTestResponses(studyId: string): Promise<number> {
      return db.delete(responses).where(and(eq(responses.studyId, studyId), eq(responses.test, true))).run().changes;
    },
    /** Deletes a study with its responses, participants (their register data by cascade), waves, batches, kept letters and members. */
    async deleteStudy(studyId: string): Promise<{ responses: number; participants: number; waves: number }> {
      return db.transaction((tx) => {
        const deletedResponses = tx.delete(responses).where(eq(responses.studyId, studyId)).run().changes;
        const deletedParticipants = tx.delete(participants).where(eq(participants.studyId, studyId)).run().changes;
        const waveIds = tx.select({ id: waves.id }).from(waves).where(eq(waves.studyId, studyId)).all().map((w) => w.id);
        if (waveIds.length > 0) tx.delete(waves).where(inArray(waves.id, waveIds)).run();
        tx.delete(participantBatches).where(eq(participantBatches.studyId, studyId)).run();
        tx.delete(letterSets).where(eq(letterSets.studyId, studyId)).run();
        tx.delete(studyMembers).where(eq(studyMembers.studyId, studyId)).run();
        tx.delete(studies).where(eq(studies.id, studyId)).run();
        return { responses: deletedResponses, participants: deletedParticipants, waves: waveIds.length };
      });
    },
  };
}

/** The study lifecycle repository's contract, the same on both dialects (study-lifecycle.repository.pg.ts). */
export type StudyLifecycleRepository = ReturnType<typeof createStudyLifecycleRepository>;
