import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { newSubmissionId, startSession, submitAnswers, type TestApp } from '../helpers/app.ts';
import { countOf } from '../helpers/dialects.ts';

/**
 * Storage trouble during a submission: a 5xx the client can act on (it keeps the answers and
 * retries), no partial row, and the retry succeeds once the trouble is gone. The faults of each
 * dialect are in faults.test.ts (PostgreSQL) and sqlite-faults.test.ts.
 */

export const submissionsStored = (t: TestApp, submissionId?: string) =>
  countOf(t.services.database, submissionId ? sql`SELECT count(*) AS n FROM submissions WHERE submission_id = ${submissionId}` : sql`SELECT count(*) AS n FROM submissions`);

async function snapshot(t: TestApp, responseId: string) {
  return { submissions: await submissionsStored(t), response: await t.services.responses.find(responseId) };
}

/** A page large enough to need new pages in the SQLite file, with a marker that must never reach the log. */
const largePage = () => ({ submissionId: newSubmissionId(), pageNo: 2, answers: { health: 4, remarks: `never-logged-${'x'.repeat(9000)}` }, complete: true });

export async function storageFaultThenRetry(t: TestApp, fault: { on: () => unknown; off: () => unknown }, expected = { status: 503, code: 'storage_unavailable' }): Promise<void> {
  const session = (await startSession(t.app, { studyId: 'mini-cross' })).body;
  assert.equal((await submitAnswers(t.app, session, { pageNo: 1, answers: { consent: true } })).status, 200);
  const page = largePage();
  const before = await snapshot(t, session.responseId);
  await fault.on();
  try {
    const failed = await submitAnswers(t.app, session, page);
    assert.equal(failed.status, expected.status);
    assert.equal(failed.body.error?.code, expected.code);
  } finally {
    await fault.off();
  }
  assert.deepEqual(await snapshot(t, session.responseId), before, 'no partial row');
  assert.ok(!t.logs().includes('never-logged-'), 'the answers stay out of the log');
  const retried = await submitAnswers(t.app, session, page);
  assert.deepEqual(retried.body, { status: 'completed', pageNo: 2 });
  assert.equal(await submissionsStored(t, page.submissionId), 1);
}
