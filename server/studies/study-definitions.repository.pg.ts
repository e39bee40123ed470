import { eq, sql } from 'drizzle-orm';
import { forDialect, type Database, type Promised } from '../db/database.ts';
import type { PgDb } from '../db/postgres.ts';
import { studies, studyDefinitions } from '../db/schema.pg.ts';
import { createStudyDefinitionsRepository } from './study-definitions.repository.ts';

export type StudyDefinitionsRepository = Promised<ReturnType<typeof createStudyDefinitionsRepository>>;

/** The saved study definitions on PostgreSQL; the same contract as the SQLite one in study-definitions.repository.ts. */
export function createStudyDefinitionsPgRepository({ db }: { db: PgDb }): StudyDefinitionsRepository {
  return {
    async save(studyId, definition, at) {
      return db.transaction(async (tx) => {
        const [row] = await tx
          .update(studies)
          .set({ definitionRevision: sql`${studies.definitionRevision} + 1` })
          .where(eq(studies.id, studyId))
          .returning({ revision: studies.definitionRevision });
        const { revision } = row!;
        await tx
          .insert(studyDefinitions)
          .values({ studyId, definition, revision, savedAt: at })
          .onConflictDoUpdate({ target: studyDefinitions.studyId, set: { definition, revision, savedAt: at } });
        return revision;
      });
    },
    async find(studyId) {
      const [row] = await db.select({ definition: studyDefinitions.definition, revision: studyDefinitions.revision }).from(studyDefinitions).where(eq(studyDefinitions.studyId, studyId));
      return row;
    },
  };
}

export const studyDefinitionsRepositoryFor = (database: Database) =>
  forDialect(database, { sqlite: createStudyDefinitionsRepository, postgres: createStudyDefinitionsPgRepository });
