import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { createTestApp, type MiniPanel, newSubmissionId, queryRows, seedMiniStudies, startSession, submitAnswers, type TestApp } from '../helpers/app.ts';
import { formatToken } from '../../server/tokens/token.ts';

/** Rules the server holds whatever a (modified) client sends. */

describe('rules the server enforces whatever the client says', () => {
  let t: TestApp;
  let panel: MiniPanel;
  beforeEach(async () => {
    t = await createTestApp();
    panel = await seedMiniStudies(t.services, 3);
  });
  afterEach(() => t.close());

  const count = async (text: string) => (await queryRows<{ n: number }>(t.services, text))[0]!.n;
  const finalised = () => count('SELECT CAST(count(*) AS integer) AS n FROM responses WHERE completed_at IS NOT NULL');
  const responseCount = () => count('SELECT CAST(count(*) AS integer) AS n FROM responses');

  it('completing with required answers missing is refused with 422 on every path, and nothing is finalised', async () => {
    const session = (await startSession(t.app, { token: panel.tokens[0] })).body;
    const attempts: Record<string, unknown>[] = [
      {},
      { consent: null },
      { consent: true },
      { consent: true, health: 5, participation_difficulty: 'bit_difficult' },
      { consent: true, health: 5, participation_difficulty: 'bit_difficult', participation_barriers: [] },
      { consent: true, health: null, participation_difficulty: 'very_easy' },
      { consent: true, health: '' },
    ];
    for (const answers of attempts) {
      const res = await submitAnswers(t.app, session, { pageNo: 3, complete: true, answers });
      assert.ok(res.status === 422 || res.status === 400, `${JSON.stringify(answers)} gave ${res.status}`);
      if (res.status === 422) assert.equal(res.body.error?.code, 'required_missing');
    }
    // A complete page sent earlier does not make a later incomplete completion pass.
    const submissionId = newSubmissionId();
    assert.equal((await submitAnswers(t.app, session, { pageNo: 3, complete: true, submissionId, answers: { consent: true } })).status, 422);
    assert.equal((await submitAnswers(t.app, session, { pageNo: 3, complete: true, submissionId, answers: { consent: true } })).status, 422, 'the retry is refused too');
    assert.equal(await finalised(), 0);
    assert.equal(await count('SELECT CAST(count(*) AS integer) AS n FROM submissions WHERE completes'), 0, 'no completing submission was stored');
    const resumed = await startSession(t.app, { token: panel.tokens[0] });
    assert.equal(resumed.status, 200, 'the respondent can still go on');
  });

  it('one participant gets one response per wave, however many starts arrive at once and in whatever form', async () => {
    const token = panel.tokens[1]!;
    const forms = [token, token.toLowerCase(), formatToken(token), formatToken(token).toLowerCase(), formatToken(token).replaceAll('-', ' ')];
    const starts = await Promise.all(
      Array.from({ length: 20 }, (_, i) => startSession(t.app, { token: forms[i % forms.length], channel: i % 2 ? 'kiosk' : 'web', locale: i % 3 ? 'nl' : 'ar' })),
    );
    const ids = new Set(starts.map((s) => s.body.responseId));
    assert.deepEqual(starts.map((s) => s.status), Array(20).fill(200));
    assert.equal(ids.size, 1);
    assert.equal(await responseCount(), 1);
  });

  it('a token cannot be combined with another study id to open a second response', async () => {
    const token = panel.tokens[2]!;
    const first = (await startSession(t.app, { token })).body;
    const mixed = await startSession(t.app, { token, studyId: 'mini-cross' });
    assert.equal(mixed.body.responseId, first.responseId);
    assert.equal(mixed.body.studyId, 'mini-panel');
    assert.equal(await responseCount(), 1);
  });

  it('after completion no route opens the wave again for that participant', async () => {
    const token = panel.tokens[0]!;
    const session = (await startSession(t.app, { token })).body;
    assert.equal((await submitAnswers(t.app, session, { complete: true, answers: { consent: false } })).status, 200);
    for (const body of [{ token }, { token: formatToken(token).toLowerCase(), channel: 'kiosk' }, { token, studyId: 'mini-cross' }, { token, studyId: 'mini-panel' }]) {
      const res = await startSession(t.app, body);
      assert.equal(res.status, 409);
      assert.equal(res.body.error?.code, 'already_completed');
    }
    assert.equal((await startSession(t.app, { studyId: 'mini-panel' })).status, 404, 'the panel is not open without a token');
    const again = await submitAnswers(t.app, session, { answers: { consent: true } });
    assert.equal(again.body.error?.code, 'response_completed');
    assert.equal(await responseCount(), 1);
  });

  it('the database itself refuses a second response row for the same participant and wave', async () => {
    const [participant] = await queryRows<{ id: number }>(t.services, 'SELECT id FROM participants LIMIT 1');
    const [wave] = await queryRows<{ id: number }>(t.services, "SELECT id FROM waves WHERE study_id = 'mini-panel' AND code = 'W0'");
    const row = (id: string) => ({
      id,
      studyId: 'mini-panel',
      waveId: wave!.id,
      participantId: participant!.id,
      surveyId: 'mini',
      surveyVersion: 1,
      locale: 'nl',
      channel: 'web' as const,
      startedAt: new Date(),
      updatedAt: new Date(),
    });
    await t.services.responses.insert(row(randomUUID()));
    // SQLite says so in the message; PostgreSQL's unique_violation (23505) is pg's error, or the cause drizzle wraps.
    await assert.rejects(
      t.services.responses.insert(row(randomUUID())),
      (error: Error & { code?: string; cause?: { code?: string } }) => /UNIQUE constraint failed/.test(error.message) || (error.cause?.code ?? error.code) === '23505',
    );
  });

  it('an answer with markup is kept as the text it is and given back as text, never as HTML', async () => {
    const markup = '<img src=x onerror="alert(1)"><script>alert(2)</script>{consent}';
    const session = (await startSession(t.app, { token: panel.tokens[0] })).body;
    assert.equal((await submitAnswers(t.app, session, { answers: { consent: true, remarks: markup } })).status, 200);
    const resumed = await t.app.inject({ method: 'POST', url: '/api/respondent/sessions', payload: { token: panel.tokens[0], locale: 'nl', channel: 'web' } });
    assert.match(resumed.headers['content-type'] as string, /^application\/json/);
    assert.equal(resumed.json().answers.remarks, markup);
    assert.equal(resumed.headers['x-content-type-options'], 'nosniff');
  });
});
