import { and, asc, count, desc, eq, sql, type SQL } from 'drizzle-orm';
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

export interface ParticipantFilter {
  studyId: string;
  search?: string | undefined;
  status?: 'active' | 'withdrawn' | undefined;
}

function participantConditions(filter: ParticipantFilter): SQL | undefined {
  const conditions: SQL[] = [eq(participants.studyId, filter.studyId)];
  // LIKE is case-insensitive for ASCII in SQLite; % and _ typed by the user are matched literally.
  if (filter.search) {
    const pattern = `%${filter.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    conditions.push(sql`${participants.pseudonym} LIKE ${pattern} ESCAPE '\\'`);
  }
  if (filter.status) conditions.push(eq(participants.status, filter.status));
  return and(...conditions);
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
    /** One page of a study's participants by pseudonym; `search` matches any part of the pseudonym, case-insensitively. */
    list(filter: ParticipantFilter & { offset: number; limit: number }): { rows: ParticipantRow[]; total: number } {
      const where = participantConditions(filter);
      const total = db.select({ n: count() }).from(participants).where(where).get()?.n ?? 0;
      const rows = db
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
        .where(where)
        .orderBy(asc(participants.pseudonym))
        .limit(filter.limit)
        .offset(filter.offset)
        .all()
        .map((r) => ({ ...r, hasRegisterData: Boolean(r.hasRegisterData) }));
      return { rows, total };
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
