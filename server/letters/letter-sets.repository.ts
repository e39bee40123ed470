import { and, asc, eq, lte } from 'drizzle-orm';
import { forgetDeletedPages, type Db } from '../db/connection.ts';
import { letterSets } from '../db/schema.ts';

export type LetterSetRow = typeof letterSets.$inferSelect;

/**
 * The kept letter sets' rows (their letters sealed by the letter store). A deletion is followed by
 * emptying the write-ahead log, which still held the deleted pages; the connection runs with
 * `secure_delete`, so the bytes are overwritten in the file itself.
 */
export function createLetterSetsRepository({ db }: { db: Db }) {
  const forgotten = (changes: number): number => {
    if (changes > 0) forgetDeletedPages(db);
    return changes;
  };
  return {
    async insert(set: typeof letterSets.$inferInsert): Promise<LetterSetRow> {
      return db.insert(letterSets).values(set).returning().get();
    },
    async find(studyId: string, id: string): Promise<LetterSetRow | undefined> {
      return db.select().from(letterSets).where(and(eq(letterSets.id, id), eq(letterSets.studyId, studyId))).get();
    },
    async listOf(studyId: string): Promise<LetterSetRow[]> {
      return db.select().from(letterSets).where(eq(letterSets.studyId, studyId)).orderBy(asc(letterSets.createdAt)).all();
    },
    /** Deletes every set that expired by `at`; returns how many. */
    async deleteExpired(at: Date): Promise<number> {
      return forgotten(db.delete(letterSets).where(lte(letterSets.expiresAt, at)).run().changes);
    },
    /** False when the set was gone already. */
    async delete(studyId: string, id: string): Promise<boolean> {
      return forgotten(db.delete(letterSets).where(and(eq(letterSets.id, id), eq(letterSets.studyId, studyId))).run().changes) > 0;
    },
  };
}

export type LetterSetsRepository = ReturnType<typeof createLetterSetsRepository>;
