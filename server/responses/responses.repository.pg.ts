import { and, eq, isNotNull, ne, sql } from 'drizzle-orm';
import { forDialect, type Database } from '../db/database.ts';
import type { PgDb } from '../db/postgres.ts';
import { responses, submissions, waves } from '../db/schema.pg.ts';
import { createResponsesRepository, type ResponsesRepository } from './responses.repository.ts';

/**
 * The responses repository on PostgreSQL; the same contract as the SQLite one in
 * responses.repository.ts, safe with several servers on one database. Each submission is one
 * transaction of its own: PostgreSQL already flushes the commits of concurrent connections to its
 * WAL together (its own group commit), so batching them in the process would only add waiting.
 */
export function createResponsesPgRepository({ db }: { db: PgDb }): ResponsesRepository {
  const forParticipant = async (waveId: number, participantId: number) => {
    const [row] = await db
      .select()
      .from(responses)
      .where(and(eq(responses.waveId, waveId), eq(responses.participantId, participantId)));
    return row;
  };

  return {
    async find(id) {
      const [row] = await db.select().from(responses).where(eq(responses.id, id));
      return row;
    },
    async insert(response) {
      const [row] = await db.insert(responses).values(response).returning();
      return row!;
    },
    async findForParticipant(waveId, participantId) {
      return forParticipant(waveId, participantId);
    },
    async findOrInsertForParticipant(waveId, participantId, create) {
      const existing = await forParticipant(waveId, participantId);
      if (existing) return existing;
      const otherAnswers = await db
        .select({ answers: responses.answers })
        .from(responses)
        .where(and(eq(responses.participantId, participantId), ne(responses.waveId, waveId), isNotNull(responses.participantId)));
      const [inserted] = await db
        .insert(responses)
        .values(create(otherAnswers.map((r) => r.answers)))
        .onConflictDoNothing({ target: [responses.waveId, responses.participantId], where: sql`participant_id IS NOT NULL` })
        .returning();
      // Another start (on this server or another) stored the response first: the insert waited for
      // its commit, so it is there to be read now.
      return inserted ?? (await forParticipant(waveId, participantId))!;
    },
    async storeSubmission(responseId, submissionId, decide) {
      return db.transaction(async (tx) => {
        // The lock on the response row makes submissions to one response take turns, on every
        // server. The earlier submission is read after it, in a statement of its own, so that it
        // sees what the submission that held the lock stored.
        const [found] = await tx
          .select({ response: responses, wave: { id: waves.id, code: waves.code, opensAt: waves.opensAt, closesAt: waves.closesAt } })
          .from(responses)
          .innerJoin(waves, eq(waves.id, responses.waveId))
          .where(eq(responses.id, responseId))
          .for('update', { of: responses });
        const [earlier] = found
          ? await tx
              .select()
              .from(submissions)
              .where(and(eq(submissions.responseId, responseId), eq(submissions.submissionId, submissionId)))
          : [];
        const { answer, save } = decide(found && { ...found, earlier });
        if (save) {
          await tx.update(responses).set(save.change).where(eq(responses.id, responseId));
          await tx.insert(submissions).values(save.submission);
        }
        return answer;
      });
    },
  };
}

export const responsesRepositoryFor = (database: Database) =>
  forDialect(database, { sqlite: createResponsesRepository, postgres: createResponsesPgRepository });
