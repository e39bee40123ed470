import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import { createTestApp, newSubmissionId, seedMiniStudies, startSession, submitAnswers, type TestApp } from '../../helpers/app.ts';
import { countOf, dialects } from '../../helpers/dialects.ts';

/** Retries are recognised when the submission cannot be stored as new, or when the response refuses it. */
for (const dialect of dialects) {
  describe(`retried submissions on ${dialect}`, () => {
    let t: TestApp;
    let session: { responseId: string; responseKey: string };
    before(async () => {
      t = await createTestApp({ dialect });
      await seedMiniStudies(t.services, 1);
    });
    after(() => t.close());
    beforeEach(async () => {
      session = (await startSession(t.app, { studyId: 'mini-cross' })).body;
    });
    const submissionsOf = (responseId: string) => countOf(t.services.database, sql`SELECT count(*) AS n FROM submissions WHERE response_id = ${responseId}`);
    const answersOf = async (responseId: string) => JSON.parse((await t.services.responses.find(responseId))!.answers) as Record<string, unknown>;

    it('a retried completion after the response completed gets the same answer and is stored once', async () => {
      const submissionId = newSubmissionId();
      const first = await submitAnswers(t.app, session, { submissionId, complete: true, answers: { consent: false } });
      const again = await submitAnswers(t.app, session, { submissionId, complete: true, answers: { consent: false } });
      assert.equal(first.status, 200);
      assert.deepEqual(again, first);
      assert.equal(first.body.status, 'completed');
      assert.equal(await submissionsOf(session.responseId), 1);
    });

    it('the completing submission id resent with other answers after completion is a conflict', async () => {
      const submissionId = newSubmissionId();
      await submitAnswers(t.app, session, { submissionId, complete: true, answers: { consent: false } });
      const other = await submitAnswers(t.app, session, { submissionId, complete: true, answers: { consent: false, remarks: 'Nog iets' } });
      assert.equal(other.status, 409);
      assert.equal(other.body.error?.code, 'submission_conflict');
      assert.deepEqual(await answersOf(session.responseId), { consent: false });
    });

    it('a retried page save with the same content leaves the later answers as they are', async () => {
      const submissionId = newSubmissionId();
      await submitAnswers(t.app, session, { submissionId, pageNo: 1, answers: { consent: true } });
      await submitAnswers(t.app, session, { pageNo: 2, answers: { health: 4 } });
      const again = await submitAnswers(t.app, session, { submissionId, pageNo: 1, answers: { consent: true } });
      assert.equal(again.status, 200);
      assert.deepEqual(again.body, { status: 'in_progress', pageNo: 2 });
      assert.deepEqual(await answersOf(session.responseId), { consent: true, health: 4 });
      assert.equal(await submissionsOf(session.responseId), 2);
    });

    it('the same submission sent twice at once is stored once, and both are answered alike', async () => {
      const page = { submissionId: newSubmissionId(), pageNo: 1, answers: { consent: true } };
      const [first, second] = await Promise.all([submitAnswers(t.app, session, page), submitAnswers(t.app, session, page)]);
      assert.deepEqual(first, { status: 200, body: { status: 'in_progress', pageNo: 1 } });
      assert.deepEqual(second, first);
      assert.equal(await submissionsOf(session.responseId), 1);
    });
  });
}
