import { and, asc, count, desc, eq, ilike, sql, type SQL } from 'drizzle-orm';
import { forDialect, type Database } from '../db/database.ts';
import type { PgDb } from '../db/postgres.ts';
import { participantBatches, participants, registerData, responses, studies } from '../db/schema.pg.ts';
import { createParticipantAdminRepository, likePattern, type ParticipantAdminRepository, type ParticipantFilter } from './participant-admin.repository.ts';

type Tx = Pick<PgDb, 'select'>;

/** Rows per INSERT statement, well below PostgreSQL's 65,535 parameters per statement. */
const insertChunk = 1000;

function participantConditions(filter: ParticipantFilter): SQL | undefined {
  const conditions: SQL[] = [eq(participants.studyId, filter.studyId)];
  if (filter.search) conditions.push(ilike(participants.pseudonym, likePattern(filter.search)));
  if (filter.status) conditions.push(eq(participants.status, filter.status));
  return and(...conditions);
}

function notStartedOfBatch(db: Tx, studyId: string, batchId: number) {
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
    .orderBy(asc(participants.id));
}

/** The participant administration on PostgreSQL; the same contract as the SQLite one in participant-admin.repository.ts. */
export function createParticipantAdminPgRepository({ db }: { db: PgDb }): ParticipantAdminRepository {
  return {
    async insertBatch(batch, members) {
      return db.transaction(async (tx) => {
        // Batches of one study are made one at a time, so the pseudonyms read here stay free.
        await tx.select({ id: studies.id }).from(studies).where(eq(studies.id, batch.studyId)).for('update');
        const [inserted] = await tx.insert(participantBatches).values(batch).returning();
        const taken = (await tx.select({ p: participants.pseudonym }).from(participants).where(eq(participants.studyId, batch.studyId))).map((r) => r.p);
        const wanted = members(taken).map((m) => ({ ...m, studyId: batch.studyId, batchId: inserted!.id, createdAt: batch.createdAt }));
        const rows = [];
        for (let i = 0; i < wanted.length; i += insertChunk) rows.push(...(await tx.insert(participants).values(wanted.slice(i, i + insertChunk)).returning()));
        return { batch: inserted!, participants: rows };
      });
    },
    async batchesOf(studyId) {
      return db.select().from(participantBatches).where(eq(participantBatches.studyId, studyId)).orderBy(desc(participantBatches.id));
    },
    async list(filter) {
      const where = participantConditions(filter);
      const [counted] = await db.select({ n: count() }).from(participants).where(where);
      const rows = await db
        .select({
          id: participants.id,
          pseudonym: participants.pseudonym,
          language: participants.language,
          status: participants.status,
          batchId: participants.batchId,
          createdAt: participants.createdAt,
          withdrawnAt: participants.withdrawnAt,
          hasRegisterData: sql<boolean>`${registerData.participantId} IS NOT NULL`,
        })
        .from(participants)
        .leftJoin(registerData, eq(registerData.participantId, participants.id))
        .where(where)
        .orderBy(asc(participants.pseudonym))
        .limit(filter.limit)
        .offset(filter.offset);
      return { rows, total: counted?.n ?? 0 };
    },
    async find(studyId, id) {
      const [row] = await db.select().from(participants).where(and(eq(participants.studyId, studyId), eq(participants.id, id)));
      return row;
    },
    async replaceTokenHash(id, tokenHash) {
      await db.update(participants).set({ tokenHash }).where(eq(participants.id, id));
    },
    async replaceTokenHashesOfNotStarted(studyId, batchId, newTokenHash) {
      return db.transaction(async (tx) => {
        const changed = await notStartedOfBatch(tx, studyId, batchId).for('update', { of: participants });
        for (const p of changed) await tx.update(participants).set({ tokenHash: newTokenHash(p.id) }).where(eq(participants.id, p.id));
        return changed;
      });
    },
    async withdraw(id, at) {
      return db.transaction(async (tx) => {
        const marked = await tx.update(participants).set({ status: 'withdrawn', withdrawnAt: at }).where(and(eq(participants.id, id), eq(participants.status, 'active'))).returning({ id: participants.id });
        if (marked.length === 0) return undefined;
        const deleted = await tx.delete(responses).where(eq(responses.participantId, id));
        await tx.delete(registerData).where(eq(registerData.participantId, id));
        return { responsesDeleted: deleted.rowCount ?? 0 };
      });
    },
  };
}

export const participantAdminRepositoryFor = (database: Database) =>
  forDialect(database, { sqlite: createParticipantAdminRepository, postgres: createParticipantAdminPgRepository });
