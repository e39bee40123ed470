import { and, eq, isNotNull, ne, sql } from 'drizzle-orm';
import type { Db } from '../db/connection.ts';
import { responses, submissions } from '../db/schema.ts';

export type Response = typeof responses.$inferSelect;
export type NewResponse = typeof responses.$inferInsert;
export type Submission = typeof submissions.$inferSelect;

/** The hot path (save and complete) runs on statements prepared once. */
export function createResponsesRepository({ db }: { db: Db }) {
  const byId = db
    .select()
    .from(responses)
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

  return {
    find(id: string): Response | undefined {
      return byId.get({ id });
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
    saveSubmission(submission: Submission, change: Pick<Response, 'answers' | 'pageNo' | 'locale' | 'updatedAt' | 'completedAt'>): void {
      insertSubmission.run(submission);
      db.update(responses).set(change).where(eq(responses.id, submission.responseId)).run();
    },
  };
}

export type ResponsesRepository = ReturnType<typeof createResponsesRepository>;
