import { and, asc, desc, eq, sql } from 'drizzle-orm';
import type { Db } from '../db/connection.ts';
import { participantBatches, participants, registerData, responses } from '../db/schema.ts';

export type Batch = typeof participantBatches.$inferSelect;

export interface ParticipantRow {
  id: number;
  pseudonym: string;
  language: string;
  status: 'active' | 'withdrawn';
  batchId: number | null;
  createdAt: Date;
  withdrawnAt: Date | null;
  hasRegisterData: boolean;
}

/**
 * The researcher's side of the participants table: batches, listing, new tokens, withdrawal.
 * Withdrawal deletes the participant's responses (their submissions go with them by cascade) and
 * register data here, in one place, so that nothing else needs to know how.
 */
export function createParticipantAdminRepository({ db }: { db: Db }) {
  return {
    insertBatch(batch: typeof participantBatches.$inferInsert): Batch {
      return db.insert(participantBatches).values(batch).returning().get();
    },
    batchesOf(studyId: string): Batch[] {
      return db.select().from(participantBatches).where(eq(participantBatches.studyId, studyId)).orderBy(desc(participantBatches.id)).all();
    },
    pseudonymsOf(studyId: string): string[] {
      return db.select({ p: participants.pseudonym }).from(participants).where(eq(participants.studyId, studyId)).all().map((r) => r.p);
    },
    list(studyId: string): ParticipantRow[] {
      return db
        .select({
          id: participants.id,
          pseudonym: participants.pseudonym,
          language: participants.language,
          status: participants.status,
          batchId: participants.batchId,
          createdAt: participants.createdAt,
          withdrawnAt: participants.withdrawnAt,
          hasRegisterData: sql<number>`${registerData.participantId} IS NOT NULL`,
        })
        .from(participants)
        .leftJoin(registerData, eq(registerData.participantId, participants.id))
        .where(eq(participants.studyId, studyId))
        .orderBy(asc(participants.pseudonym))
        .all()
        .map((r) => ({ ...r, hasRegisterData: Boolean(r.hasRegisterData) }));
    },
    find(studyId: string, id: number) {
      return db.select().from(participants).where(and(eq(participants.studyId, studyId), eq(participants.id, id))).get();
    },
    /** Active participants of a batch who have not started any wave. */
    notStartedOfBatch(studyId: string, batchId: number): { id: number; pseudonym: string; language: string }[] {
      return db
        .select({ id: participants.id, pseudonym: participants.pseudonym, language: participants.language })
        .from(participants)
        .where(
          and(
            eq(participants.studyId, studyId),
            eq(participants.batchId, batchId),
            eq(participants.status, 'active'),
            sql`NOT EXISTS (SELECT 1 FROM ${responses} WHERE ${responses.participantId} = ${participants.id})`,
          ),
        )
        .orderBy(asc(participants.id))
        .all();
    },
    replaceTokenHash(id: number, tokenHash: string): void {
      db.update(participants).set({ tokenHash }).where(eq(participants.id, id)).run();
    },
    /** Deletes every response and the register data of a participant and marks them withdrawn. */
    withdraw(id: number, at: Date): { responsesDeleted: number } {
      return db.transaction((tx) => {
        const deleted = tx.delete(responses).where(eq(responses.participantId, id)).run();
        tx.delete(registerData).where(eq(registerData.participantId, id)).run();
        tx.update(participants).set({ status: 'withdrawn', withdrawnAt: at }).where(eq(participants.id, id)).run();
        return { responsesDeleted: deleted.changes };
      });
    },
  };
}
