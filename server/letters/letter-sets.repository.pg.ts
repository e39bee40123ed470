import { and, asc, eq, lte } from 'drizzle-orm';
import { forDialect, type Database } from '../db/database.ts';
import type { PgDb } from '../db/postgres.ts';
import { letterSets } from '../db/schema.pg.ts';
import { createLetterSetsRepository, type LetterSetsRepository } from './letter-sets.repository.ts';

/** The kept letter sets on PostgreSQL; the same contract as the SQLite one in letter-sets.repository.ts. */
export function createLetterSetsPgRepository({ db }: { db: PgDb }): LetterSetsRepository {
  return {
    async insert(set) {
      const [row] = await db.insert(letterSets).values(set).returning();
      return row!;
    },
    async find(studyId, id) {
      const [row] = await db.select().from(letterSets).where(and(eq(letterSets.id, id), eq(letterSets.studyId, studyId)));
      return row;
    },
    async listOf(studyId) {
      return db.select().from(letterSets).where(eq(letterSets.studyId, studyId)).orderBy(asc(letterSets.createdAt));
    },
    async deleteExpired(at) {
      return (await db.delete(letterSets).where(lte(letterSets.expiresAt, at))).rowCount ?? 0;
    },
    async delete(studyId, id) {
      return ((await db.delete(letterSets).where(and(eq(letterSets.id, id), eq(letterSets.studyId, studyId)))).rowCount ?? 0) > 0;
    },
  };
}

export const letterSetsRepositoryFor = (database: Database) => forDialect(database, { sqlite: createLetterSetsRepository, postgres: createLetterSetsPgRepository });
