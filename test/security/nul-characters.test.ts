import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestApp, newSubmissionId, queryRows, seedMiniStudies, startSession, type MiniPanel, type TestApp } from '../helpers/app.ts';
import { dialects } from '../helpers/dialects.ts';
import { addUser, signIn, type Client } from '../researcher/sign-in.ts';

/**
 * A NUL character is refused at the edge with 400 on both dialects: PostgreSQL cannot store one in
 * text and answered 500 where SQLite stored it or found nothing.
 */

for (const dialect of dialects) {
  describe(`a NUL character on ${dialect}`, () => {
    let t: TestApp;
    let panel: MiniPanel;
    let ada: Client;
    before(async () => {
      t = await createTestApp({ dialect });
      panel = await seedMiniStudies(t.services, 1);
      await addUser(t.services, 'ada', 'admin');
      ada = await signIn(t.app, 'ada');
    });
    after(async () => t?.close());

    const refusedForNul = (res: { statusCode: number; body: string }) => {
      assert.equal(res.statusCode, 400, res.body);
      assert.equal((JSON.parse(res.body) as { error: { details?: { reason?: string } } }).error.details?.reason, 'nul_character');
    };

    it('in an address (a study id, a filter) is refused', async () => {
      refusedForNul(await ada.request('GET', '/api/studies/mini%00panel'));
      refusedForNul(await ada.request('GET', '/api/audit?action=study_create%00'));
    });

    it("in a researcher's text is refused, and nothing changes", async () => {
      refusedForNul(await ada.request('PATCH', `/api/studies/${panel.studyId}`, { name: 'Mini\u0000panel' }));
      assert.equal((await t.services.studies.findStudy(panel.studyId))?.name, 'Mini panel');
    });

    it("in a respondent's answer is refused, and nothing is stored", async () => {
      const session = await startSession(t.app, { token: panel.tokens[0] });
      const res = await t.app.inject({
        method: 'POST',
        url: `/api/respondent/responses/${session.body.responseId}/submissions`,
        headers: { 'x-response-key': session.body.responseKey },
        payload: { submissionId: newSubmissionId(), pageNo: 1, answers: { consent: true, remarks: 'a\u0000b' } },
      });
      refusedForNul(res);
      assert.deepEqual(await queryRows(t.services, 'SELECT submission_id FROM submissions'), []);
    });
  });
}
