import { and, eq } from 'drizzle-orm';
import type { Db } from '../db/connection.ts';
import { surveyVersions } from '../db/schema.ts';

export type PublishedVersion = typeof surveyVersions.$inferSelect;
export type VersionKey = Pick<PublishedVersion, 'surveyId' | 'version'>;

/** The survey versions published on any server of this database; the PostgreSQL twin is survey-versions.repository.pg.ts. */
export function createSurveyVersionsRepository({ db }: { db: Db }) {
  return {
    /** Records a publication; false when that number was taken meanwhile (by another server or the command line). */
    async insert(version: PublishedVersion): Promise<boolean> {
      return db.insert(surveyVersions).values(version).onConflictDoNothing().run().changes > 0;
    },
    async keys(): Promise<VersionKey[]> {
      return db.select({ surveyId: surveyVersions.surveyId, version: surveyVersions.version }).from(surveyVersions).all();
    },
    async find({ surveyId, version }: VersionKey): Promise<PublishedVersion | undefined> {
      return db
        .select()
        .from(surveyVersions)
        .where(and(eq(surveyVersions.surveyId, surveyId), eq(surveyVersions.version, version)))
        .get();
    },
  };
}
