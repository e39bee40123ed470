import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import { createTestApp, day, newSubmissionId, seedMiniStudies, startSession, submitAnswers, type MiniPanel, type TestApp } from '../helpers/app.ts';
import { countOf, dialects } from '../helpers/dialects.ts';

for (const dialect of dialects) {
  describe(`saving answers on ${dialect}`, () => {
    let t: TestApp;
    let panel: MiniPanel;
    let session: { responseId: string; responseKey: string };
    const storedSubmissions = (responseId?: string) =>
      countOf(t.services.database, responseId ? sql`SELECT count(*) AS n FROM submissions WHERE response_id = ${responseId}` : sql`SELECT count(*) AS n FROM submissions`);
    const stored = async (responseId: string) => (await t.services.responses.find(responseId))!;
    before(async () => {
      t = await createTestApp({ dialect });
      panel = await seedMiniStudies(t.services, 10);
    });
    after(() => t.close());
    beforeEach(async () => {
      session = (await startSession(t.app, { studyId: 'mini-cross' })).body;
    });

    const refused: [string, Record<string, unknown>, string][] = [
      ['an unknown question name', { favourite_colour: 'blue' }, 'unknown_question'],
      ['text for a true/false question', { consent: 'yes' }, 'invalid_answer'],
      ['a rating outside 1-10', { health: 11 }, 'invalid_answer'],
      ['a rating that is not whole', { health: 6.5 }, 'invalid_answer'],
      ['a rating sent as text', { health: '7' }, 'invalid_answer'],
      ['a value that is not one of the choices', { participation_difficulty: 'impossible' }, 'invalid_answer'],
      ['a checkbox answer that is not a list', { discrimination_grounds: 'religion' }, 'invalid_answer'],
      ['an exclusive choice combined with another', { discrimination_grounds: ['none', 'age'] }, 'invalid_answer'],
      ['a repeated choice', { discrimination_grounds: ['age', 'age'] }, 'invalid_answer'],
      ['a number above the maximum', { job_search_hours: 81 }, 'invalid_answer'],
      ['a negative number', { job_search_hours: -1 }, 'invalid_answer'],
      ['a matrix row that does not exist', { self_reliance: { cooking: 1 } }, 'invalid_answer'],
      ['a matrix value outside the columns', { self_reliance: { finances: 3 } }, 'invalid_answer'],
      ['an overlong text', { remarks: 'x'.repeat(20_000) }, 'invalid_answer'],
      ['a comment for a question without one', { 'health-Comment': 'x' }, 'unknown_question'],
    ];
    for (const [name, answers, code] of refused) {
      it(`refuses ${name} with ${code} and stores nothing`, async () => {
        const before = await storedSubmissions();
        const res = await submitAnswers(t.app, session, { answers });
        assert.equal(res.status, 400);
        assert.equal(res.body.error?.code, code);
        assert.equal(res.body.error?.details?.question, Object.keys(answers)[0]);
        assert.equal(await storedSubmissions(), before);
      });
    }

    it('accepts answers of every type and merges pages; null clears an answer', async () => {
      await submitAnswers(t.app, session, { pageNo: 1, answers: { consent: true, health: 8, participation_difficulty: 'bit_difficult' } });
      await submitAnswers(t.app, session, {
        pageNo: 2,
        answers: { participation_barriers: ['money'], job_search_hours: 12, discrimination_grounds: ['none'], self_reliance: { finances: 4 }, remarks: 'Goed', health: null },
      });
      const row = await stored(session.responseId);
      assert.deepEqual(JSON.parse(row.answers), {
        consent: true,
        participation_difficulty: 'bit_difficult',
        participation_barriers: ['money'],
        job_search_hours: 12,
        discrimination_grounds: ['none'],
        self_reliance: { finances: 4 },
        remarks: 'Goed',
      });
      assert.equal(row.pageNo, 2);
    });

    it('a retried submission is stored once', async () => {
      const submissionId = newSubmissionId();
      const first = await submitAnswers(t.app, session, { submissionId, answers: { consent: true } });
      const again = await submitAnswers(t.app, session, { submissionId, answers: { consent: true } });
      assert.equal(first.status, 200);
      assert.deepEqual(again, first);
      assert.equal(await storedSubmissions(session.responseId), 1);
    });

    it('the same submission id with other content is refused with 409', async () => {
      const submissionId = newSubmissionId();
      await submitAnswers(t.app, session, { submissionId, answers: { consent: true } });
      const other = await submitAnswers(t.app, session, { submissionId, answers: { consent: false } });
      assert.equal(other.status, 409);
      assert.equal(other.body.error?.code, 'submission_conflict');
      assert.equal(JSON.parse((await stored(session.responseId)).answers).consent, true);
    });

    it('completing with a required answer missing is refused with the questions named, and nothing is finalised', async () => {
      const res = await submitAnswers(t.app, session, { complete: true, answers: { consent: true, participation_difficulty: 'very_difficult' } });
      assert.equal(res.status, 422);
      assert.equal(res.body.error?.code, 'required_missing');
      assert.deepEqual(res.body.error?.details?.questions, ['health', 'participation_barriers']);
      assert.equal((await stored(session.responseId)).completedAt, null);
    });

    it('a question hidden by an answer is not required, and its stale answer is dropped on completion', async () => {
      await submitAnswers(t.app, session, { answers: { consent: true, health: 4, participation_difficulty: 'very_difficult', participation_barriers: ['money'] } });
      const res = await submitAnswers(t.app, session, { complete: true, answers: { participation_difficulty: 'very_easy' } });
      assert.equal(res.status, 200);
      const answers = JSON.parse((await stored(session.responseId)).answers);
      assert.equal(answers.participation_barriers, undefined);
    });

    it('declining consent completes with nothing else stored', async () => {
      await submitAnswers(t.app, session, { answers: { consent: true, health: 4 } });
      const res = await submitAnswers(t.app, session, { complete: true, answers: { consent: false } });
      assert.equal(res.status, 200);
      assert.deepEqual(JSON.parse((await stored(session.responseId)).answers), { consent: false });
    });

    it('a completed response takes no more answers', async () => {
      await submitAnswers(t.app, session, { complete: true, answers: { consent: false } });
      const res = await submitAnswers(t.app, session, { answers: { consent: true } });
      assert.equal(res.status, 409);
      assert.equal(res.body.error?.code, 'response_completed');
    });

    it('a wrong response key is refused', async () => {
      const res = await submitAnswers(t.app, { responseId: session.responseId, responseKey: 'x'.repeat(43) }, { answers: { consent: true } });
      assert.equal(res.status, 401);
      assert.equal(res.body.error?.code, 'response_key_invalid');
    });

    it('a cross-sectional study starts a new anonymous response each time', async () => {
      const other = await startSession(t.app, { studyId: 'mini-cross' });
      assert.notEqual(other.body.responseId, session.responseId);
      assert.equal((await stored(session.responseId)).participantId, null);
    });

    it('a panel study cannot be answered without a token', async () => {
      const res = await startSession(t.app, { studyId: 'mini-panel' });
      assert.equal(res.status, 404);
      assert.equal(res.body.error?.code, 'token_invalid');
    });

    it('saving after the wave closed is refused with wave_closed', async () => {
      const started = (await startSession(t.app, { token: panel.tokens[0] })).body;
      t.clock.advance(31 * day);
      try {
        const res = await submitAnswers(t.app, started, { answers: { consent: true } });
        assert.equal(res.body.error?.code, 'wave_closed');
      } finally {
        t.clock.advance(-31 * day);
      }
    });
  });

  describe(`wave windows on ${dialect}`, () => {
    let t: TestApp;
    let panel: MiniPanel;
    before(async () => {
      t = await createTestApp({ dialect });
      panel = await seedMiniStudies(t.services, 2);
    });
    after(() => t.close());

    it('between two waves the respondent is told when the next one opens', async () => {
      t.clock.advance(60 * day);
      const res = await startSession(t.app, { token: panel.tokens[0] });
      t.clock.advance(-60 * day);
      assert.equal(res.status, 409);
      assert.equal(res.body.error?.code, 'wave_not_open');
      const opensAt = (res.body.error as unknown as { details: { opensAt: string } }).details.opensAt;
      assert.equal(new Date(opensAt).getTime(), t.services.now().getTime() + 180 * day);
    });

    it('after the last wave the study is closed', async () => {
      t.clock.advance(400 * day);
      const res = await startSession(t.app, { token: panel.tokens[0] });
      t.clock.advance(-400 * day);
      assert.equal(res.body.error?.code, 'wave_closed');
    });

    it('a resumed response keeps the survey version it started with', async () => {
      const first = await startSession(t.app, { token: panel.tokens[1] });
      const w0 = (await t.services.studies.wavesOf('mini-panel')).find((w) => w.code === 'W0')!;
      await t.services.studies.updateWave(w0.id, { surveyVersion: 2 });
      const again = await startSession(t.app, { token: panel.tokens[1] });
      assert.equal((again.body.survey as { version: number }).version, 1);
      assert.equal(again.body.responseId, first.body.responseId);
    });
  });
}
