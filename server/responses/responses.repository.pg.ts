import { and, eq, sql } from 'drizzle-orm';
import { createBatches } from '../db/batches.ts';
import { forDialect, type Database } from '../db/database.ts';
import type { PgDb } from '../db/postgres.ts';
import { responses } from '../db/schema.pg.ts';
import { createResponseStartsPg, responseColumns, responseOf, type ResponseRow } from './response-starts.pg.ts';
import { createResponsesRepository, type ResponsesRepository, type SubmissionContext, type SubmissionOutcome } from './responses.repository.ts';

/**
 * What submissions are decided on, for a batch of them: each one's response with its wave's window,
 * the submission stored earlier under its id, and the response's row version (`xmin`, the
 * transaction that wrote it, changes with every update), all in one statement (one snapshot).
 * `n` numbers the batch's submissions from 1; one without a response has no row.
 */
const readContexts = `
  SELECT q.n::integer, w.code, w.opens_at, w.closes_at, s.submission_id, s.content_hash, s.page_no, s.completes, s.received_at, r.xmin::text,
         ${responseColumns}
    FROM unnest($1::text[], $2::text[]) WITH ORDINALITY AS q(response_id, submission_id, n)
    JOIN responses r ON r.id = q.response_id
    JOIN waves w ON w.id = r.wave_id
    LEFT JOIN submissions s ON s.response_id = r.id AND s.submission_id = q.submission_id`;

/**
 * Stores a batch of submissions, each with its change to its response, in one statement, so in
 * one round trip, one commit, and atomically: a failing insert leaves every response as it was. A
 * response changes only if it is still the row version its submission was decided on; a submission
 * whose response changed is not stored, and its response id is not returned. At most one
 * submission per response in a batch.
 */
const storeChanges = `
  WITH batch AS (
    SELECT * FROM unnest($1::text[], $2::text[], $3::integer[], $4::text[], $5::timestamptz[], $6::timestamptz[], $7::text[],
                         $8::text[], $9::text[], $10::text[], $11::integer[], $12::boolean[], $13::timestamptz[])
      AS b(id, answers, page_no, locale, updated_at, completed_at, row_version,
           response_id, submission_id, content_hash, submission_page_no, completes, received_at)
  ), changed AS (
    UPDATE responses r SET answers = b.answers, page_no = b.page_no, locale = b.locale, updated_at = b.updated_at, completed_at = b.completed_at
      FROM batch b
     WHERE r.id = b.id AND r.xmin = b.row_version::xid
    RETURNING r.id
  )
  INSERT INTO submissions (response_id, submission_id, content_hash, page_no, completes, received_at)
  SELECT b.response_id, b.submission_id, b.content_hash, b.submission_page_no, b.completes, b.received_at
    FROM batch b JOIN changed c ON c.id = b.id
  RETURNING response_id`;

type ContextRow = [
  n: number,
  waveCode: string,
  opensAt: Date,
  closesAt: Date,
  submissionId: string | null,
  contentHash: string,
  submissionPageNo: number,
  completes: boolean,
  receivedAt: Date,
  rowVersion: string,
  ...response: ResponseRow,
];

function contextOf(row: ContextRow): { context: SubmissionContext; rowVersion: string } {
  const [, waveCode, opensAt, closesAt, submissionId, contentHash, submissionPageNo, completes, receivedAt, rowVersion, ...responseRow] = row;
  const response = responseOf(responseRow);
  const earlier = submissionId === null ? undefined : { responseId: response.id, submissionId, contentHash, pageNo: submissionPageNo, completes, receivedAt };
  return { context: { response, wave: { id: response.waveId, code: waveCode, opensAt, closesAt }, earlier }, rowVersion };
}

interface Change {
  responseId: string;
  rowVersion: string;
  save: NonNullable<SubmissionOutcome<unknown>['save']>;
}

/**
 * The responses repository on PostgreSQL; the same contract as the SQLite one in
 * responses.repository.ts, safe with several servers on one database. The submissions that arrive
 * together are read in one statement and stored in one (createBatches): a round trip, the
 * statement's parsing and planning and the commit cost the server and PostgreSQL more CPU time
 * than the rows. The queries of starting and submitting are built once (drizzle's `prepare`), and sent as named
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
  const starts = createResponseStartsPg(db);
  const contextsName = db.$statementName('responses_submission_contexts');
  const storeChangesName = db.$statementName('responses_store_changes');
  const contexts = createBatches(async (wanted: { responseId: string; submissionId: string }[]) => {
    const { rows } = await db.$client.query<ContextRow>({
      name: contextsName,
      text: readContexts,
      values: [wanted.map((w) => w.responseId), wanted.map((w) => w.submissionId)],
      rowMode: 'array',
    });
    const found: (ReturnType<typeof contextOf> | undefined)[] = wanted.map(() => undefined);
    for (const row of rows) found[row[0] - 1] = contextOf(row);
    return found;
  });
  // Answers, for each change, whether it was stored. A second change to one response in a batch was
  // decided on the same row version as the first: it is left out, and answered as not stored once
  // the first is, so that it is decided again on what the first stored.
  const changes = createBatches(async (batch: Change[]) => {
    const firstOfResponse = new Map<string, Change>();
    for (const change of batch) if (!firstOfResponse.has(change.responseId)) firstOfResponse.set(change.responseId, change);
    // In the order of their responses, so that two servers' batches lock rows in the same order
    // (a deadlock between them would only cost a second, then a run one by one).
    const sent = [...firstOfResponse.values()].sort((a, b) => (a.responseId < b.responseId ? -1 : 1));
    const column = <T>(of: (change: Change) => T) => sent.map(of);
    const { rows } = await db.$client.query<[string]>({
      name: storeChangesName,
      text: storeChanges,
      values: [
        column((c) => c.responseId),
        column((c) => c.save.change.answers),
        column((c) => c.save.change.pageNo),
        column((c) => c.save.change.locale),
        column((c) => c.save.change.updatedAt.toISOString()),
        column((c) => c.save.change.completedAt?.toISOString() ?? null),
        column((c) => c.rowVersion),
        column((c) => c.save.submission.responseId),
        column((c) => c.save.submission.submissionId),
        column((c) => c.save.submission.contentHash),
        column((c) => c.save.submission.pageNo),
        column((c) => c.save.submission.completes),
        column((c) => c.save.submission.receivedAt.toISOString()),
      ],
      rowMode: 'array',
    });
    const stored = new Set(rows.map(([responseId]) => responseId));
    return batch.map((change) => firstOfResponse.get(change.responseId) === change && stored.has(change.save.submission.responseId));
  });

  return {
    async find(id) {
      const [row] = await byId.execute({ id });
      return row;
    },
    async insert(response) {
      return starts.insert(response);
    },
    async findForParticipant(waveId, participantId) {
      const [row] = await forParticipant.execute({ waveId, participantId });
      return row;
    },
    async findOrInsertForParticipant(waveId, participantId, create) {
      const ofParticipant = await starts.ofParticipantInStudy(participantId, waveId);
      const existing = ofParticipant.find((response) => response.waveId === waveId);
      if (existing) return existing;
      const inserted = await starts.insertForParticipant(create(ofParticipant.map((r) => r.answers)));
      // Another start stored the response first: the insert waited for its commit, so it is there to be read now.
      return inserted ?? (await forParticipant.execute({ waveId, participantId }))[0]!;
    },
    async storeSubmission(responseId, submissionId, decide) {
      // Submissions to one response take turns without holding a lock across round trips: a
      // submission whose response another one changed after it was read (on any server) stores
      // nothing, and is decided again on what that one stored. Concurrent submissions are read
      // together, and stored together (createBatches).
      for (;;) {
        const found = await contexts.run({ responseId, submissionId });
        const { answer, save } = decide(found?.context);
        if (!found || !save) return answer;
        if (await changes.run({ responseId, rowVersion: found.rowVersion, save })) return answer;
      }
    },
  };
}

export const responsesRepositoryFor = (database: Database) =>
  forDialect(database, { sqlite: createResponsesRepository, postgres: createResponsesPgRepository });
