import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { scheduleWave } from '../../server/studies/studies.service.ts';
import { createTestApp, startSession, tempDir, type TestApp } from '../helpers/app.ts';
import { dialects } from '../helpers/dialects.ts';
import { addUser, signIn, type Client } from '../researcher/sign-in.ts';

/**
 * Two servers on one database, each with a studies folder of its own (issue #18): a study created
 * or changed in the workspace on one is the same study on the other at once, because its
 * definition is saved in the database and its row names the revision.
 */

const day = 24 * 60 * 60 * 1000;

for (const dialect of dialects) {
  describe(`study definitions saved on one of two servers on one ${dialect} database`, () => {
    let one: TestApp;
    let two: TestApp;
    let adaOnOne: Client;
    let adaOnTwo: Client;

    before(async () => {
      one = await createTestApp({ dialect, config: { studiesDir: path.join(tempDir(), 'studies') } });
      two = await createTestApp({ alongside: one, config: { studiesDir: path.join(tempDir(), 'studies') } });
      await addUser(one.services, 'ada', 'admin');
      adaOnOne = await signIn(one.app, 'ada');
      adaOnTwo = await signIn(two.app, 'ada');
      const created = await adaOnOne.request('POST', '/api/studies/from-definition', {
        definition: {
          id: 'town',
          kind: 'cross',
          title: 'Buurtpanel',
          purpose: 'Hoe het gaat in de buurt.',
          waves: [{ code: 'W0', survey: 'mini' }],
          register: [{ name: 'district', type: 'category', label: { nl: 'Wijk' }, values: [{ value: 'north', label: { nl: 'Noord' } }] }],
        },
      });
      assert.equal(created.statusCode, 201, created.body);
      const opens = new Date(one.clock.now().getTime() - day);
      await scheduleWave({ ...one.services, wave: { studyId: 'town', code: 'W0', surveyId: 'mini', surveyVersion: 1, opensAt: opens, closesAt: new Date(opens.getTime() + 60 * day) } });
    });
    after(async () => {
      await two?.close();
      await one?.close();
    });

    it('a study created from a definition on one server has that definition on the other', async () => {
      const studies = (await adaOnTwo.request('GET', '/api/studies')).json() as { id: string; registerColumns: string[] }[];
      assert.deepEqual(studies.find((s) => s.id === 'town')?.registerColumns, ['district']);
      const session = await startSession(two.app, { studyId: 'town' });
      assert.equal(session.status, 200, JSON.stringify(session.body));
      assert.ok(JSON.stringify(session.body).includes('Hoe het gaat in de buurt.'), "respondents on the other server read the study's own purpose");
    });

    it('letter texts changed on one server are what the other shows next, and a change there builds on them', async () => {
      const intro = 'Wij vragen u tien minuten over uw buurt.';
      assert.equal((await adaOnOne.request('PUT', '/api/studies/town/letter-texts', { texts: { intro } })).statusCode, 200);
      const onTwo = (await adaOnTwo.request('GET', '/api/studies/town/letter-texts')).json() as { own: Record<string, string> };
      assert.deepEqual(onTwo.own, { intro });
      const both = await adaOnTwo.request('PUT', '/api/studies/town/letter-texts', { texts: { intro, greeting: 'Beste bewoner,' } });
      assert.equal(both.statusCode, 200, both.body);
      const onOne = (await adaOnOne.request('GET', '/api/studies/town/letter-texts')).json() as { own: Record<string, string> };
      assert.deepEqual(onOne.own, { greeting: 'Beste bewoner,', intro });
    });

    it('a study deleted and made again under its id has its new definition on a server that held the old one', async () => {
      const deleted = await adaOnOne.request('POST', '/api/studies/town/delete', { confirm: 'town' });
      assert.ok(deleted.statusCode < 300, deleted.body);
      const again = await adaOnTwo.request('POST', '/api/studies/from-definition', { definition: { id: 'town', kind: 'cross', title: 'Tweede buurtpanel', purpose: 'Opnieuw.', waves: [{ code: 'W0', survey: 'mini' }] } });
      assert.equal(again.statusCode, 201, again.body);
      const onOne = (await adaOnOne.request('GET', '/api/studies/town/letter-texts')).json() as { own: Record<string, string>; fallback: Record<string, string> };
      assert.deepEqual([onOne.own, onOne.fallback.title], [{}, 'Tweede buurtpanel']);
    });
  });
}
