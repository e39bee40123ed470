import { and, eq, sql } from 'drizzle-orm';
import { forDialect, type Database } from '../db/database.ts';
import type { PgDb } from '../db/postgres.ts';
import { responses, submissions, waves } from '../db/schema.pg.ts';
import { createResponsesRepository, type ResponsesRepository } from './responses.repository.ts';

/**
 * Stores a submission's change to its response and the submission row in one statement, so in one
 * round trip and atomically: a failing insert leaves the response as it was. The response changes
 * only if it is still the row version the decision was made on (`xmin`, the transaction that wrote
 * it, changes with every update); otherwise nothing is stored and no row is returned.
 */
const storeChange = `
  WITH changed AS (
    UPDATE responses SET answers = $2, page_no = $3, locale = $4, updated_at = $5, completed_at = $6
     WHERE id = $1 AND xmin = $7::xid
    RETURNING id
  )
  INSERT INTO submissions (response_id, submission_id, content_hash, page_no, completes, received_at)
  SELECT $8, $9, $10, $11::integer, $12::boolean, $13::timestamptz FROM changed`;

/**
 * The responses repository on PostgreSQL; the same contract as the SQLite one in
 * responses.repository.ts, safe with several servers on one database. Each submission is one
 * statement of its own: PostgreSQL already flushes the commits of concurrent connections to its
 * WAL together (its own group commit), so batching them in the process would only add waiting.
 * The queries of starting and submitting are built once (drizzle's `prepare`), and sent as named
 * statements only where the installation says so (`$statementName`, for PgBouncer's sake).
 */
export function createResponsesPgRepository({ db }: { db: PgDb }): ResponsesRepository {
  const byId = db
    .select()
    .from(responses)
    .where(eq(responses.id, sql.placeholder('id')))
    .prepare(db.$statementName('responses_by_id'));
  const forParticipant = db
    .select()
    .from(responses)
    .where(and(eq(responses.waveId, sql.placeholder('waveId')), eq(responses.participantId, sql.placeholder('participantId'))))
    .prepare(db.$statementName('responses_for_participant'));
  // A participant's responses in every wave of the study `waveId` belongs to (the one in `waveId`
  // if started, and the others' answers to start it from), found through the (wave, participant)
  // index: by participant alone PostgreSQL would walk the whole index.
  const ofParticipantInStudy = db
    .select()
    .from(responses)
    .where(
      and(
        eq(responses.participantId, sql.placeholder('participantId')),
        sql`${responses.waveId} IN (SELECT w.id FROM ${waves} w JOIN ${waves} this ON this.study_id = w.study_id WHERE this.id = ${sql.placeholder('waveId')})`,
      ),
    )
    .prepare(db.$statementName('responses_of_participant_in_study'));
  const insertResponse = (response: typeof responses.$inferInsert) => db.insert(responses).values(response).returning();
  // A submission is decided on the response, its wave's window, the submission stored earlier under
  // its id, and the response's row version, all read in one statement (one snapshot).
  const submissionContext = db
    .select({
      response: responses,
      wave: { id: waves.id, code: waves.code, opensAt: waves.opensAt, closesAt: waves.closesAt },
      earlier: submissions,
      rowVersion: sql<string>`${responses}.xmin::text`,
    })
    .from(responses)
    .innerJoin(waves, eq(waves.id, responses.waveId))
    .leftJoin(submissions, and(eq(submissions.responseId, responses.id), eq(submissions.submissionId, sql.placeholder('submissionId'))))
    .where(eq(responses.id, sql.placeholder('responseId')))
    .prepare(db.$statementName('responses_submission_context'));
  const storeChangeName = db.$statementName('responses_store_change');

  return {
    async find(id) {
      const [row] = await byId.execute({ id });
      return row;
    },
    async insert(response) {
      const [row] = await insertResponse(response);
      return row!;
    },
    async findForParticipant(waveId, participantId) {
      const [row] = await forParticipant.execute({ waveId, participantId });
      return row;
    },
    async findOrInsertForParticipant(waveId, participantId, create) {
      const ofParticipant = await ofParticipantInStudy.execute({ waveId, participantId });
      const existing = ofParticipant.find((response) => response.waveId === waveId);
      if (existing) return existing;
      const [inserted] = await insertResponse(create(ofParticipant.map((r) => r.answers))).onConflictDoNothing({
        target: [responses.waveId, responses.participantId],
        where: sql`participant_id IS NOT NULL`,
      });
      // Another start (on this server or another) stored the response first: the insert waited for
      // its commit, so it is there to be read now.
      return inserted ?? (await forParticipant.execute({ waveId, participantId }))[0]!;
    },
    async storeSubmission(responseId, submissionId, decide) {
      // Submissions to one response take turns without holding a lock across round trips: a
      // submission whose response another one changed after it was read (on any server) stores
      // nothing, and is decided again on what that one stored.
      for (;;) {
        const [found] = await submissionContext.execute({ responseId, submissionId });
        const { answer, save } = decide(found && { response: found.response, wave: found.wave, earlier: found.earlier ?? undefined });
        if (!found || !save) return answer;
        const { change, submission } = save;
        const values = [
          responseId,
          change.answers,
          change.pageNo,
          change.locale,
          change.updatedAt.toISOString(),
          change.completedAt?.toISOString() ?? null,
          found.rowVersion,
          submission.responseId,
          submission.submissionId,
          submission.contentHash,
          submission.pageNo,
          submission.completes,
          submission.receivedAt.toISOString(),
        ];
        const { rowCount } = await db.$client.query({ name: storeChangeName, text: storeChange, values });
        if (rowCount === 1) return answer;
      }
    },
  };
}

export const responsesRepositoryFor = (database: Database) =>
  forDialect(database, { sqlite: createResponsesRepository, postgres: createResponsesPgRepository });
