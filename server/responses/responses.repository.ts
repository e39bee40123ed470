import { and, eq, ne, sql } from 'drizzle-orm';
import { placeholders } from '../db/database.ts';
import type { Db } from '../db/connection.ts';
import { responses, submissions, waves } from '../db/schema.ts';
import { createWriteQueue } from './write-queue.ts';

export type Response = typeof responses.$inferSelect;
/** A response as a start makes it: never complete yet. */
export type NewResponse = Omit<typeof responses.$inferInsert, 'completedAt'>;
export type Submission = typeof submissions.$inferSelect;
/** A row of the raw `findWithWave` query: SQLite's columns as better-sqlite3 returns them. */
interface RawResponseWithWave {
  id: string;
  study_id: string;
  wave_id: number;
  participant_id: number | null;
  survey_id: string;
  survey_version: number;
  locale: string;
  channel: Response['channel'];
  answers: string;
  page_no: number;
  variables: string;
  started_at: number;
  updated_at: number;
  completed_at: number | null;
  test: number;
  wave_code: string;
  opens_at: number;
  closes_at: number;
}
export type ResponseChange = Pick<Response, 'answers' | 'pageNo' | 'locale' | 'updatedAt' | 'completedAt'>;
/** What a submission is decided on: its response, the response's wave, and a submission stored earlier under the same id. */
export interface SubmissionContext {
  response: Response;
  wave: { id: number; code: string; opensAt: Date; closesAt: Date };
  earlier: Submission | undefined;
}
/** The answer to a submission, and what to store for it (nothing for a retry). */
export interface SubmissionOutcome<T> {
  answer: T;
  save?: { submission: Submission; change: ResponseChange };
}

/** Every column a start sets: the prepared inserts of both dialects bind them all, `withDefaults` fills those a caller leaves out. */
export const newResponseColumns = [
  'id', 'studyId', 'waveId', 'participantId', 'surveyId', 'surveyVersion', 'locale', 'channel', 'answers', 'pageNo', 'variables', 'startedAt', 'updatedAt', 'test',
] as const satisfies readonly (keyof NewResponse)[];

export function withDefaults(response: NewResponse): Required<NewResponse> {
  return { participantId: null, answers: '{}', pageNo: 0, variables: '{}', test: false, ...response };
}

/**
 * The responses repository on SQLite: asynchronous like its PostgreSQL twin, synchronous inside, its
 * writes group-committed (write-queue.ts). The hot path (save and complete) runs on statements
 * prepared once.
 */
export function createResponsesRepository({ db }: { db: Db }) {
  const byId = db
    .select()
    .from(responses)
    .where(eq(responses.id, sql.placeholder('id')))
    .prepare();
  // The submission path reads the response with its wave's window in one raw prepared statement:
  // Drizzle's mapping of a joined, nested select cost more than the query itself. The row is
  // mapped by hand below (a column added to `responses` is a type error there until mapped).
  const byIdWithWave = db.$client.prepare<[string], RawResponseWithWave>(
    `SELECT r.id, r.study_id, r.wave_id, r.participant_id, r.survey_id, r.survey_version, r.locale, r.channel, r.answers,
            r.page_no, r.variables, r.started_at, r.updated_at, r.completed_at, r.test, w.code AS wave_code, w.opens_at, w.closes_at
       FROM responses r JOIN waves w ON w.id = r.wave_id
      WHERE r.id = ?`,
  );
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

  // Writes go through the group commit; the work handed to it is synchronous, so that a refused
  // piece rolls back in its savepoint (better-sqlite3 cannot roll back an async callback).
  const writes = createWriteQueue(db.$client);

  const findWithWave = (id: string): Omit<SubmissionContext, 'earlier'> | undefined => {
    const row = byIdWithWave.get(id);
    if (!row) return undefined;
    const response: Response = {
      id: row.id,
      studyId: row.study_id,
      waveId: row.wave_id,
      participantId: row.participant_id,
      surveyId: row.survey_id,
      surveyVersion: row.survey_version,
      locale: row.locale,
      channel: row.channel,
      answers: row.answers,
      pageNo: row.page_no,
      variables: row.variables,
      startedAt: new Date(row.started_at),
      updatedAt: new Date(row.updated_at),
      completedAt: row.completed_at === null ? null : new Date(row.completed_at),
      test: row.test === 1,
    };
    return { response, wave: { id: row.wave_id, code: row.wave_code, opensAt: new Date(row.opens_at), closesAt: new Date(row.closes_at) } };
  };
  const insertResponse = db
    .insert(responses)
    .values(placeholders(newResponseColumns))
    .returning()
    .prepare();
  const insert = (response: NewResponse): Response => insertResponse.get(withDefaults(response))!;
  const forParticipantStatement = db
    .select()
    .from(responses)
    .where(and(eq(responses.waveId, sql.placeholder('waveId')), eq(responses.participantId, sql.placeholder('participantId'))))
    .prepare();
  const forParticipant = (waveId: number, participantId: number): Response | undefined => forParticipantStatement.get({ waveId, participantId });
  // The participant's answers in the study's other waves, found through the (wave, participant)
  // index wave by wave: by participant alone SQLite would scan the whole index at every start.
  const otherAnswersStatement = db
    .select({ answers: responses.answers })
    .from(responses)
    .where(
      and(
        eq(responses.participantId, sql.placeholder('participantId')),
        ne(responses.waveId, sql.placeholder('waveId')),
        sql`${responses.waveId} IN (SELECT w.id FROM ${waves} w JOIN ${waves} this ON this.study_id = w.study_id WHERE this.id = ${sql.placeholder('waveId')})`,
      ),
    )
    .prepare();
  const otherAnswersOf = (participantId: number, waveId: number): string[] => otherAnswersStatement.all({ participantId, waveId }).map((r) => r.answers);

  return {
    async find(id: string): Promise<Response | undefined> {
      return byId.get({ id });
    },
    /** Stores a new response (an anonymous one: nothing to find first). */
    async insert(response: NewResponse): Promise<Response> {
      return writes.run(() => insert(response));
    },
    /** The participant's response in the wave, if started (read only: a start uses `findOrInsertForParticipant`). */
    async findForParticipant(waveId: number, participantId: number): Promise<Response | undefined> {
      return forParticipant(waveId, participantId);
    },
    /**
     * The participant's response in the wave, or the one `create` makes (given the answers of the
     * participant's responses in other waves) when there is none: two starts at once get one response.
     */
    async findOrInsertForParticipant(waveId: number, participantId: number, create: (otherAnswers: string[]) => NewResponse): Promise<Response> {
      return writes.run(() => forParticipant(waveId, participantId) ?? insert(create(otherAnswersOf(participantId, waveId))));
    },
    /**
     * Reads the response with its wave and any submission stored earlier under `submissionId`,
     * answers what `decide` answers and stores what it says, as one step that no other submission
     * to the response interleaves with. Nothing is stored when `decide` throws or a write fails.
     */
    async storeSubmission<T>(responseId: string, submissionId: string, decide: (stored: SubmissionContext | undefined) => SubmissionOutcome<T>): Promise<T> {
      return writes.run(() => {
        const found = findWithWave(responseId);
        const { answer, save } = decide(found && { ...found, earlier: submissionById.get({ responseId, submissionId }) });
        if (save) {
          const { change } = save;
          updateResponse.run({
            id: responseId,
            answers: change.answers,
            pageNo: change.pageNo,
            locale: change.locale,
            updatedAt: change.updatedAt.getTime(),
            completedAt: change.completedAt?.getTime() ?? null,
          });
          insertSubmission.run(save.submission);
        }
        return answer;
      });
    },
  };
}

/** The responses repository's contract, the same on both dialects (responses.repository.pg.ts). */
export type ResponsesRepository = ReturnType<typeof createResponsesRepository>;
