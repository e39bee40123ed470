import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import { formatToken } from '../../server/tokens/token.ts';
import { createTestApp, databaseBytes, day, type MiniPanel, seedMiniStudies, sqliteOf, startSession, submitAnswers, type TestApp } from '../helpers/app.ts';
import { countOf, dialects } from '../helpers/dialects.ts';

for (const dialect of dialects) {
  describe(`respondent flow across two waves on ${dialect}`, () => {
    let t: TestApp;
    let panel: MiniPanel;
    before(async () => {
      t = await createTestApp({ dialect });
      panel = await seedMiniStudies(t.services, 4);
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
      const participantResponses = sql`SELECT count(*) AS n FROM responses WHERE participant_id = (SELECT participant_id FROM responses WHERE id = ${w0.body.responseId})`;
      assert.equal(await countOf(t.services.database, participantResponses), 2);
      t.clock.advance(-181 * day);
    });

    it('two devices starting at once get the same response', async () => {
      const [phone, laptop] = await Promise.all([startSession(t.app, { token: panel.tokens[3] }), startSession(t.app, { token: panel.tokens[3], channel: 'kiosk' })]);
      assert.equal(phone.status, 200);
      assert.equal(laptop.body.responseId, phone.body.responseId);
      assert.equal(await countOf(t.services.database, sql`SELECT count(*) AS n FROM responses WHERE participant_id = (SELECT participant_id FROM responses WHERE id = ${phone.body.responseId})`), 1);
    });

    // A property of the SQLite file's bytes; the PostgreSQL pass does not define it rather than skip it.
    if (dialect === 'sqlite') {
      it('the database file holds tokens only as keyed hashes, never in any readable form', () => {
        sqliteOf(t.services).$client.pragma('wal_checkpoint(TRUNCATE)');
        const bytes = databaseBytes(t.config.databasePath);
        for (const token of panel.tokens) {
          for (const form of [token, formatToken(token), token.toLowerCase()]) assert.ok(!bytes.includes(form), 'raw token found in the database');
          assert.ok(bytes.includes(t.services.hash('token', token)), 'the hash is what is stored');
        }
      });
    }
  });
}
