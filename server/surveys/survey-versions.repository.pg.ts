import { and, eq } from 'drizzle-orm';
import { forDialect, type Database, type Promised } from '../db/database.ts';
import type { PgDb } from '../db/postgres.ts';
import { surveyVersions } from '../db/schema.pg.ts';
import { createSurveyVersionsRepository } from './survey-versions.repository.ts';

export type SurveyVersionsRepository = Promised<ReturnType<typeof createSurveyVersionsRepository>>;

/** The published survey versions on PostgreSQL; the same contract as the SQLite one in survey-versions.repository.ts. */
export function createSurveyVersionsPgRepository({ db }: { db: PgDb }): SurveyVersionsRepository {
  return {
    async insert(version) {
      const inserted = await db.insert(surveyVersions).values(version).onConflictDoNothing().returning({ version: surveyVersions.version });
      return inserted.length > 0;
    },
    async keys() {
      return db.select({ surveyId: surveyVersions.surveyId, version: surveyVersions.version }).from(surveyVersions);
    },
    async find({ surveyId, version }) {
      const [row] = await db
        .select()
        .from(surveyVersions)
        .where(and(eq(surveyVersions.surveyId, surveyId), eq(surveyVersions.version, version)));
      return row;
    },
  };
}

export const surveyVersionsRepositoryFor = (database: Database) =>
  forDialect(database, { sqlite: createSurveyVersionsRepository, postgres: createSurveyVersionsPgRepository });
