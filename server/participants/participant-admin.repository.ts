import { and, asc, count, desc, eq, sql, type SQL } from 'drizzle-orm';
import { forgetDeletedPages, type Db } from '../db/connection.ts';
import { participantBatches, participants, registerData, responses } from '../db/schema.ts';

export type Batch = typeof participantBatches.$inferSelect;
type Participant = typeof participants.$inferSelect;
/** What the caller decides of each new participant; study, batch and time come from the batch. */
export type NewMember = Pick<typeof participants.$inferInsert, 'pseudonym' | 'tokenHash' | 'language'>;

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

/** A LIKE pattern matching `search` anywhere; the %, _ and backslash the user typed are matched literally (escaped with a backslash). */
export const likePattern = (search: string): string => `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

function participantConditions(filter: ParticipantFilter): SQL | undefined {
  const conditions: SQL[] = [eq(participants.studyId, filter.studyId)];
  // LIKE is case-insensitive for ASCII in SQLite.
  if (filter.search) conditions.push(sql`${participants.pseudonym} LIKE ${likePattern(filter.search)} ESCAPE '\\'`);
  if (filter.status) conditions.push(eq(participants.status, filter.status));
  return and(...conditions);
}

/** Active participants of a batch who have not started any wave. */
function notStartedOfBatch(db: Pick<Db, 'select'>, studyId: string, batchId: number): { id: number; pseudonym: string; language: string }[] {
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
}

/**
 * The researcher's side of the participants table: batches, listing, new tokens, withdrawal.
 * Withdrawal deletes the participant's responses (their submissions go with them by cascade) and
 * register data here, in one place, so that nothing else needs to know how.
 * Each write that must be whole is one method running one transaction: on SQLite a synchronous one
 * inside the promise (drizzle's better-sqlite3 driver does not roll back an async callback).
 */
export function createParticipantAdminRepository({ db }: { db: Db }) {
  return {
    /**
     * A batch and its participants, all or nothing. `members` is given the study's pseudonyms
     * inside the transaction, so the next free ones it picks cannot be taken in between.
     */
    async insertBatch(batch: typeof participantBatches.$inferInsert, members: (takenPseudonyms: string[]) => NewMember[]): Promise<{ batch: Batch; participants: Participant[] }> {
      return db.transaction((tx) => {
        const inserted = tx.insert(participantBatches).values(batch).returning().get();
        const taken = tx.select({ p: participants.pseudonym }).from(participants).where(eq(participants.studyId, batch.studyId)).all().map((r) => r.p);
        const rows = members(taken).map((m) => tx.insert(participants).values({ ...m, studyId: batch.studyId, batchId: inserted.id, createdAt: batch.createdAt }).returning().get());
        return { batch: inserted, participants: rows };
      });
    },
    async batchesOf(studyId: string): Promise<Batch[]> {
      return db.select().from(participantBatches).where(eq(participantBatches.studyId, studyId)).orderBy(desc(participantBatches.id)).all();
    },
    /** One page of a study's participants by pseudonym; `search` matches any part of the pseudonym, case-insensitively. */
    async list(filter: ParticipantFilter & { offset: number; limit: number }): Promise<{ rows: ParticipantRow[]; total: number }> {
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
    async find(studyId: string, id: number) {
      return db.select().from(participants).where(and(eq(participants.studyId, studyId), eq(participants.id, id))).get();
    },
    async replaceTokenHash(id: number, tokenHash: string): Promise<void> {
      db.update(participants).set({ tokenHash }).where(eq(participants.id, id)).run();
    },
    /** New token hashes for every not-started participant of a batch, in one transaction; returns whom it changed. */
    async replaceTokenHashesOfNotStarted(studyId: string, batchId: number, newTokenHash: (participantId: number) => string): Promise<{ id: number; pseudonym: string; language: string }[]> {
      return db.transaction((tx) => {
        const changed = notStartedOfBatch(tx, studyId, batchId);
        for (const p of changed) tx.update(participants).set({ tokenHash: newTokenHash(p.id) }).where(eq(participants.id, p.id)).run();
        return changed;
      });
    },
    /**
     * Marks an active participant withdrawn and deletes every response and their register data, in
     * one transaction; undefined when they were not active (any more: two withdrawals at once).
     * The deleted bytes are then gone from the database file and its WAL.
     */
    async withdraw(id: number, at: Date): Promise<{ responsesDeleted: number } | undefined> {
      const result = db.transaction((tx) => {
        const marked = tx.update(participants).set({ status: 'withdrawn', withdrawnAt: at }).where(and(eq(participants.id, id), eq(participants.status, 'active'))).run();
        if (marked.changes === 0) return undefined;
        const deleted = tx.delete(responses).where(eq(responses.participantId, id)).run();
        tx.delete(registerData).where(eq(registerData.participantId, id)).run();
        return { responsesDeleted: deleted.changes };
      });
      if (result) forgetDeletedPages(db);
      return result;
    },
  };
}

/** The participant administration's contract, the same on both dialects (participant-admin.repository.pg.ts). */
export type ParticipantAdminRepository = ReturnType<typeof createParticipantAdminRepository>;
