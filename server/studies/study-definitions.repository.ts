import { eq, sql } from 'drizzle-orm';
import type { Db } from '../db/connection.ts';
import { studies, studyDefinitions } from '../db/schema.ts';

export type SavedStudyDefinition = Pick<typeof studyDefinitions.$inferSelect, 'definition' | 'revision'>;

/** Study definitions saved in the workspace, for every server on the database; the PostgreSQL twin is study-definitions.repository.pg.ts. */
export function createStudyDefinitionsRepository({ db }: { db: Db }) {
  return {
    /** Saves the study's definition as its next revision (the study row must exist); answers that revision. */
    async save(studyId: string, definition: string, at: Date): Promise<number> {
      return db.transaction((tx) => {
        const { revision } = tx
          .update(studies)
          .set({ definitionRevision: sql`${studies.definitionRevision} + 1` })
          .where(eq(studies.id, studyId))
          .returning({ revision: studies.definitionRevision })
          .get()!;
        tx.insert(studyDefinitions)
          .values({ studyId, definition, revision, savedAt: at })
          .onConflictDoUpdate({ target: studyDefinitions.studyId, set: { definition, revision, savedAt: at } })
          .run();
        return revision;
      });
    },
    async find(studyId: string): Promise<SavedStudyDefinition | undefined> {
      return db.select({ definition: studyDefinitions.definition, revision: studyDefinitions.revision }).from(studyDefinitions).where(eq(studyDefinitions.studyId, studyId)).get();
    },
  };
}
