import { createBatches } from '../db/batches.ts';
import type { PgDb } from '../db/postgres.ts';
import { withDefaults, type NewResponse, type Response } from './responses.repository.ts';

/**
 * The statements of starting responses on PostgreSQL, each shared by the starts that arrive
 * together (createBatches): a round trip and a commit cost the server and PostgreSQL more CPU time
 * than the rows, as for submissions (responses.repository.pg.ts).
 */

/** A response's columns in the order of `ResponseRow`, of a query that names the table `r`. */
export const responseColumns = 'r.id, r.study_id, r.wave_id, r.participant_id, r.survey_id, r.survey_version, r.locale, r.channel, r.answers, r.page_no, r.variables, r.started_at, r.updated_at, r.completed_at, r.test';

export type ResponseRow = [
  id: string,
  studyId: string,
  waveId: number,
  participantId: number | null,
  surveyId: string,
  surveyVersion: number,
  locale: string,
  channel: Response['channel'],
  answers: string,
  pageNo: number,
  variables: string,
  startedAt: Date,
  updatedAt: Date,
  completedAt: Date | null,
  test: boolean,
];

export const responseOf = ([id, studyId, waveId, participantId, surveyId, surveyVersion, locale, channel, answers, pageNo, variables, startedAt, updatedAt, completedAt, test]: ResponseRow): Response => ({
  id,
  studyId,
  waveId,
  participantId,
  surveyId,
  surveyVersion,
  locale,
  channel,
  answers,
  pageNo,
  variables,
  startedAt,
  updatedAt,
  completedAt,
  test,
});

/** Inserts a batch of new responses in one statement; `onConflict` may skip the ones a participant has already started. */
const insertResponses = (onConflict: string) => `
  INSERT INTO responses AS r (id, study_id, wave_id, participant_id, survey_id, survey_version, locale, channel, answers, page_no, variables, started_at, updated_at, test)
  SELECT * FROM unnest($1::text[], $2::text[], $3::integer[], $4::integer[], $5::text[], $6::integer[], $7::text[], $8::text[], $9::text[],
                       $10::integer[], $11::text[], $12::timestamptz[], $13::timestamptz[], $14::boolean[])
  ${onConflict}
  RETURNING ${responseColumns}`;

/**
 * Each participant's responses in every wave of the study their `wave_id` belongs to (the one in
 * that wave if started, and the others' answers to start it from), through the (wave, participant)
 * index; `n` numbers the batch's asks from 1.
 */
const ofParticipantsInStudies = `
  SELECT q.n::integer, ${responseColumns}
    FROM unnest($1::integer[], $2::integer[]) WITH ORDINALITY AS q(participant_id, wave_id, n)
    JOIN waves this ON this.id = q.wave_id
    JOIN waves w ON w.study_id = this.study_id
    JOIN responses r ON r.wave_id = w.id AND r.participant_id = q.participant_id`;

export function createResponseStartsPg(db: PgDb) {
  const insertName = db.$statementName('responses_insert');
  const insertForParticipantsName = db.$statementName('responses_insert_for_participants');
  const ofParticipantsName = db.$statementName('responses_of_participants_in_studies');

  // Answers, for each new response, the row stored; none for one skipped by `onConflict`.
  const inserting = (name: string, onConflict: string) =>
    createBatches(async (batch: NewResponse[]) => {
      const rows = batch.map(withDefaults);
      const column = <T>(of: (row: Required<NewResponse>) => T) => rows.map(of);
      const { rows: stored } = await db.$client.query<ResponseRow>({
        name,
        text: insertResponses(onConflict),
        values: [
          column((r) => r.id),
          column((r) => r.studyId),
          column((r) => r.waveId),
          column((r) => r.participantId),
          column((r) => r.surveyId),
          column((r) => r.surveyVersion),
          column((r) => r.locale),
          column((r) => r.channel),
          column((r) => r.answers),
          column((r) => r.pageNo),
          column((r) => r.variables),
          column((r) => r.startedAt.toISOString()),
          column((r) => r.updatedAt.toISOString()),
          column((r) => r.test),
        ],
        rowMode: 'array',
      });
      const byId = new Map(stored.map((row) => [row[0], responseOf(row)]));
      return rows.map((row) => byId.get(row.id));
    });
  const inserts = inserting(insertName, '');
  // Two starts of one participant at once (in one batch, or on two servers) make one response: the
  // later insert waits for the earlier's commit and inserts nothing.
  const insertsForParticipants = inserting(insertForParticipantsName, 'ON CONFLICT (wave_id, participant_id) WHERE participant_id IS NOT NULL DO NOTHING');
  const ofParticipants = createBatches(async (asks: { participantId: number; waveId: number }[]) => {
    const { rows } = await db.$client.query<[number, ...ResponseRow]>({
      name: ofParticipantsName,
      text: ofParticipantsInStudies,
      values: [asks.map((ask) => ask.participantId), asks.map((ask) => ask.waveId)],
      rowMode: 'array',
    });
    const found: Response[][] = asks.map(() => []);
    for (const [n, ...row] of rows) found[n - 1]!.push(responseOf(row));
    return found;
  });

  return {
    /** Stores a new response; undefined never (a failure throws). */
    insert: async (response: NewResponse): Promise<Response> => (await inserts.run(response))!,
    /** Stores a participant's new response; undefined when they started one in the wave meanwhile. */
    insertForParticipant: (response: NewResponse) => insertsForParticipants.run(response),
    /** The participant's responses in every wave of the study `waveId` belongs to. */
    ofParticipantInStudy: (participantId: number, waveId: number) => ofParticipants.run({ participantId, waveId }),
  };
}
