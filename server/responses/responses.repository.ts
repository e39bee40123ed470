import { and, eq, isNotNull, ne, sql } from 'drizzle-orm';
import type { Db } from '../db/connection.ts';
import { responses, submissions, waves } from '../db/schema.ts';

export type Response = typeof responses.$inferSelect;
export type NewResponse = typeof responses.$inferInsert;
export type Submission = typeof submissions.$inferSelect;
export type ResponseChange = Pick<Response, 'answers' | 'pageNo' | 'locale' | 'updatedAt' | 'completedAt'>;

/** The hot path (save and complete) runs on statements prepared once. */
export function createResponsesRepository({ db }: { db: Db }) {
  const byId = db
    .select()
    .from(responses)
    .where(eq(responses.id, sql.placeholder('id')))
    .prepare();
  const byIdWithWave = db
    .select({ response: responses, wave: { id: waves.id, code: waves.code, opensAt: waves.opensAt, closesAt: waves.closesAt } })
    .from(responses)
    .innerJoin(waves, eq(waves.id, responses.waveId))
    .where(eq(responses.id, sql.placeholder('id')))
    .prepare();
  const submissionById = db
    .select()
    .from(submissions)
    .where(and(eq(submissions.responseId, sql.placeholder('responseId')), eq(submissions.submissionId, sql.placeholder('submissionId'))))
    .prepare();
  const insertSubmission = db
    .insert(submissions)
    .values({
      responseId: sql.placeholder('responseId'),
      submissionId: sql.placeholder('submissionId'),
      contentHash: sql.placeholder('contentHash'),
      pageNo: sql.placeholder('pageNo'),
      completes: sql.placeholder('completes'),
      receivedAt: sql.placeholder('receivedAt'),
    })
    .prepare();
  // Drizzle's update builder takes no placeholders for columns, so the values go in as bound SQL
  // parameters and the timestamps as the milliseconds their `timestamp_ms` columns store.
  const updateResponse = db
    .update(responses)
    .set({
      answers: sql`${sql.placeholder('answers')}`,
      pageNo: sql`${sql.placeholder('pageNo')}`,
      locale: sql`${sql.placeholder('locale')}`,
      updatedAt: sql`${sql.placeholder('updatedAt')}`,
      completedAt: sql`${sql.placeholder('completedAt')}`,
    })
    .where(eq(responses.id, sql.placeholder('id')))
    .prepare();

  return {
    find(id: string): Response | undefined {
      return byId.get({ id });
    },
    /** The response with the window of its wave, read together on the submission path. */
    findWithWave(id: string): { response: Response; wave: { id: number; code: string; opensAt: Date; closesAt: Date } } | undefined {
      return byIdWithWave.get({ id });
    },
    findForParticipant(waveId: number, participantId: number): Response | undefined {
      return db
        .select()
        .from(responses)
        .where(and(eq(responses.waveId, waveId), eq(responses.participantId, participantId)))
        .get();
    },
    /** Answers of the participant's responses in other waves, for variables such as `background_known`. */
    otherAnswersOf(participantId: number, waveId: number): string[] {
      return db
        .select({ answers: responses.answers })
        .from(responses)
        .where(and(eq(responses.participantId, participantId), ne(responses.waveId, waveId), isNotNull(responses.participantId)))
        .all()
        .map((r) => r.answers);
    },
    insert(response: NewResponse): Response {
      return db.insert(responses).values(response).returning().get();
    },
    findSubmission(responseId: string, submissionId: string): Submission | undefined {
      return submissionById.get({ responseId, submissionId });
    },
    saveSubmission(submission: Submission, change: ResponseChange): void {
      insertSubmission.run(submission);
      updateResponse.run({
        id: submission.responseId,
        answers: change.answers,
        pageNo: change.pageNo,
        locale: change.locale,
        updatedAt: change.updatedAt.getTime(),
        completedAt: change.completedAt?.getTime() ?? null,
      });
    },
  };
}

export type ResponsesRepository = ReturnType<typeof createResponsesRepository>;
