import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { formatToken } from '../../server/tokens/token.ts';
import { createTestApp, databaseBytes, day, seedMiniStudies, startSession, submitAnswers, type MiniPanel, type TestApp } from '../helpers/app.ts';

describe('respondent flow across two waves', () => {
  let t: TestApp;
  let panel: MiniPanel;
  before(async () => {
    t = await createTestApp();
    panel = await seedMiniStudies(t.services);
  });
  after(() => t.close());

  it('a token starts a response in the open wave with the survey version and an empty page state', async () => {
    const { status, body } = await startSession(t.app, { token: panel.tokens[0] });
    assert.equal(status, 200);
    assert.equal(body.waveCode, 'W0');
    const survey = body.survey as { id: string; version: number; url: string; urls: Record<string, string> };
    assert.deepEqual({ id: survey.id, version: survey.version }, { id: 'mini', version: 1 });
    assert.match(survey.url, /^\/api\/surveys\/mini\/1\?locale=nl&h=/);
    assert.equal(survey.urls.nl, survey.url);
    assert.deepEqual(body.answers, {});
    assert.equal(body.pageNo, 0);
  });

  it('saved pages are resumed with the same answers and page from another device', async () => {
    const first = await startSession(t.app, { token: panel.tokens[1] });
    assert.equal((await submitAnswers(t.app, first.body, { pageNo: 1, answers: { consent: true } })).status, 200);
    assert.equal((await submitAnswers(t.app, first.body, { pageNo: 2, answers: { health: 7 } })).status, 200);
    const again = await startSession(t.app, { token: panel.tokens[1]!.toLowerCase(), channel: 'kiosk' });
    assert.equal(again.body.responseId, first.body.responseId);
    assert.deepEqual(again.body.answers, { consent: true, health: 7 });
    assert.equal(again.body.pageNo, 2);
  });

  it('a completed wave cannot be started again, and the next wave links to the same participant', async () => {
    const w0 = await startSession(t.app, { token: panel.tokens[2] });
    const done = await submitAnswers(t.app, w0.body, { pageNo: 2, complete: true, answers: { consent: true, health: 5, participation_difficulty: 'very_easy' } });
    assert.deepEqual(done.body, { status: 'completed', pageNo: 2 });
    assert.equal((await startSession(t.app, { token: panel.tokens[2] })).body.error?.code, 'already_completed');

    t.clock.advance(181 * day);
    const w1 = await startSession(t.app, { token: panel.tokens[2] });
    assert.equal(w1.body.waveCode, 'W1');
    assert.notEqual(w1.body.responseId, w0.body.responseId);
    const rows = t.services.db.$client
      .prepare('SELECT participant_id, wave_id, completed_at FROM responses WHERE participant_id = (SELECT participant_id FROM responses WHERE id = ?)')
      .all(w0.body.responseId) as { participant_id: number }[];
    assert.equal(rows.length, 2);
    t.clock.advance(-181 * day);
  });

  it('the database file holds tokens only as keyed hashes, never in any readable form', () => {
    t.services.db.$client.pragma('wal_checkpoint(TRUNCATE)');
    const bytes = databaseBytes(t.config.databasePath);
    for (const token of panel.tokens) {
      for (const form of [token, formatToken(token), token.toLowerCase()]) assert.ok(!bytes.includes(form), 'raw token found in the database');
      assert.ok(bytes.includes(t.services.hash('token', token)), 'the hash is what is stored');
    }
  });
});
