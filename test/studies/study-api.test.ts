import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestApp, day, type TestApp } from '../helpers/app.ts';
import { dialects } from '../helpers/dialects.ts';
import { addUser, signIn, type Client } from '../researcher/sign-in.ts';

/** A study's main steps through the API, on each dialect its data can live on. */
for (const dialect of dialects) {
  describe(`a study through the API on ${dialect}`, () => {
    let t: TestApp;
    let admin: Client;
    before(async () => {
      t = await createTestApp({ dialect });
      await addUser(t.services, 'root', 'admin');
      admin = await signIn(t.app, 'root');
    });
    after(() => t.close());

    it('creates a study, schedules a wave and opens it now', async () => {
      const created = await admin.request('POST', '/api/studies', { id: 'town', name: 'Town', kind: 'panel' });
      assert.equal(created.statusCode, 201, created.body);
      const opensAt = new Date(t.clock.now().getTime() + 10 * day);
      const scheduled = await admin.request('POST', '/api/studies/town/waves', {
        code: 'W0',
        surveyId: 'mini',
        surveyVersion: 1,
        opensAt: opensAt.toISOString(),
        closesAt: new Date(opensAt.getTime() + 30 * day).toISOString(),
      });
      assert.equal(scheduled.statusCode, 201, scheduled.body);
      const wave = scheduled.json() as { id: number; open: boolean };
      assert.equal(wave.open, false);
      const opened = await admin.request('POST', `/api/studies/town/waves/${wave.id}/open`);
      assert.equal(opened.statusCode, 200, opened.body);
      const study = (await admin.request('GET', '/api/studies/town')).json() as { name: string; waves: { code: string; open: boolean; opensAt: string }[] };
      assert.deepEqual(study.waves.map((w) => [w.code, w.open, w.opensAt]), [['W0', true, t.clock.now().toISOString()]]);
    });

    it('makes a batch, prints its letters and withdraws a participant', async () => {
      const made = await admin.request('POST', '/api/studies/town/batches', { count: 2, language: 'tr' });
      assert.equal(made.statusCode, 201, made.body);
      const { participants, lettersUrl } = made.json() as { participants: { id: number; pseudonym: string }[]; lettersUrl: string };
      assert.deepEqual(participants.map((p) => p.pseudonym), ['TOWN-0001', 'TOWN-0002']);
      const page = await admin.request('GET', lettersUrl);
      assert.equal(page.statusCode, 200);
      assert.equal(page.body.split('<article').length - 1, 2);
      const withdrawn = await admin.request('POST', `/api/studies/town/participants/${participants[0]!.id}/withdraw`);
      assert.equal(withdrawn.statusCode, 200, withdrawn.body);
      assert.deepEqual(withdrawn.json(), { pseudonym: 'TOWN-0001', responsesDeleted: 0 });
      const listed = (await admin.request('GET', '/api/studies/town/participants?status=withdrawn')).json() as { total: number; participants: { pseudonym: string }[] };
      assert.deepEqual([listed.total, listed.participants.map((p) => p.pseudonym)], [1, ['TOWN-0001']]);
      assert.equal((await admin.request('POST', `/api/studies/town/participants/${participants[0]!.id}/withdraw`)).statusCode, 409, 'once');
    });
  });
}
