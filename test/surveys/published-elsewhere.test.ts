import assert from 'node:assert/strict';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { SurveyJson } from '../../server/surveys/definition.ts';
import { followPublishedVersions, SurveyDefinitionError } from '../../server/surveys/registry.ts';
import { createServices } from '../../server/services.ts';
import { createTestApp, fixturesDir, newSubmissionId, seedMiniStudies, startSession, tempDir, type MiniPanel, type TestApp } from '../helpers/app.ts';
import { dialects } from '../helpers/dialects.ts';
import { addUser, signIn, type Client } from '../researcher/sign-in.ts';

/**
 * Several servers on one database, each with its own copy of the shipped surveys folder (issue
 * #18): a version published on one is served by every other without a restart, and the database
 * decides which of two simultaneous publications gets a number.
 */

function miniWith(title: string): SurveyJson {
  const survey = JSON.parse(readFileSync(path.join(fixturesDir, 'surveys', 'mini', '1.json'), 'utf8')) as SurveyJson;
  survey.pages.at(-1)!.elements!.push({ type: 'comment', name: 'advice', title });
  return survey;
}

/** A surveys folder of the server's own, as on another machine. */
function ownSurveysFolder(name: string): string {
  const surveysDir = path.join(tempDir(`wavepanel-${name}-`), 'surveys');
  cpSync(path.join(fixturesDir, 'surveys'), surveysDir, { recursive: true });
  return surveysDir;
}

for (const dialect of dialects) {
  describe(`survey versions published on one of two servers on one ${dialect} database`, () => {
    let one: TestApp;
    let two: TestApp;
    let panel: MiniPanel;
    let adminOnOne: Client;
    let adminOnTwo: Client;

    before(async () => {
      one = await createTestApp({ dialect, config: { surveysDir: ownSurveysFolder('one') } });
      two = await createTestApp({ alongside: one, config: { surveysDir: ownSurveysFolder('two') } });
      panel = await seedMiniStudies(one.services, 2);
      await addUser(one.services, 'ada', 'admin');
      adminOnOne = await signIn(one.app, 'ada');
      adminOnTwo = await signIn(two.app, 'ada');
    });
    after(async () => {
      await two?.close();
      await one?.close();
    });

    const publish = (admin: Client, definition: SurveyJson) => admin.request('POST', '/api/surveys/mini/versions', { definition });
    const definitionOn = (server: TestApp, version: number) => server.app.inject({ method: 'GET', url: `/api/surveys/mini/${version}?locale=nl` });
    const listedOn = async (server: TestApp) => ((await server.app.inject({ method: 'GET', url: '/api/surveys' })).json() as { id: string; version: number }[]).filter((s) => s.id === 'mini').map((s) => s.version);

    it('a version published on one server is served by the other at once, and the next number follows it', async () => {
      const published = await publish(adminOnOne, miniWith('Welk advies heeft u?'));
      assert.equal(published.statusCode, 201, published.body);
      const served = await definitionOn(two, 2);
      assert.equal(served.statusCode, 200, served.body);
      assert.match(served.body, /Welk advies heeft u\?/);
      const next = await publish(adminOnTwo, miniWith('Wat raadt u aan?'));
      assert.equal(next.statusCode, 201, next.body);
      assert.equal((next.json() as { version: number }).version, 3, 'the other server numbers after what was published elsewhere');
    });

    it('the other server lists a new version after its next look in the database', async () => {
      const stop = followPublishedVersions(one.services.surveys, { intervalMs: 100, log: { info: () => {}, warn: () => {} } });
      try {
        const published = await publish(adminOnTwo, miniWith('Wie helpt u?'));
        const { version } = published.json() as { version: number };
        while (!(await listedOn(one)).includes(version)) await new Promise((resolve) => setTimeout(resolve, 50));
      } finally {
        stop();
      }
    });

    it('a wave pointed at the new version on one server is answered on the other', async () => {
      const published = await publish(adminOnOne, miniWith('Wat wilt u nog kwijt?'));
      const { version } = published.json() as { version: number };
      const wave = (await one.services.studies.wavesOf(panel.studyId)).find((w) => w.code === 'W0')!;
      const pointed = await adminOnOne.request('PATCH', `/api/studies/${panel.studyId}/waves/${wave.id}`, { surveyVersion: version });
      assert.equal(pointed.statusCode, 200, pointed.body);
      const session = await startSession(two.app, { token: panel.tokens[0] });
      assert.equal(session.status, 200, JSON.stringify(session.body));
      assert.ok(JSON.stringify(session.body).includes(`/api/surveys/mini/${version}?`), 'the session shows the new version');
      const saved = await two.app.inject({
        method: 'POST',
        url: `/api/respondent/responses/${session.body.responseId}/submissions`,
        headers: { 'x-response-key': session.body.responseKey },
        payload: { submissionId: newSubmissionId(), pageNo: 1, answers: { consent: true } },
      });
      assert.equal(saved.statusCode, 200, saved.body);
    });

    it('of two publications at the same moment on two servers, one gets the number and the other is told so', async () => {
      const results = await Promise.all([publish(adminOnOne, miniWith('Een')), publish(adminOnTwo, miniWith('Twee'))]);
      const statuses = results.map((r) => r.statusCode).sort();
      if (statuses[0] === 201 && statuses[1] === 201) {
        // The second began after the first had finished: they got consecutive numbers.
        const versions = results.map((r) => (r.json() as { version: number }).version).sort();
        assert.equal(versions[1], versions[0]! + 1);
        return;
      }
      assert.deepEqual(statuses, [201, 409]);
      const refused = results.find((r) => r.statusCode === 409)!.json() as { error: { code: string; details?: { reason?: string } } };
      assert.equal(refused.error.details?.reason, 'published_meanwhile');
    });

    it('a server whose file of a published version differs from the database does not start', async () => {
      const surveysDir = ownSurveysFolder('three');
      writeFileSync(path.join(surveysDir, 'mini', '2.json'), `${JSON.stringify(miniWith('Iets anders'), null, 2)}\n`);
      await assert.rejects(
        createServices({ config: { ...one.config, surveysDir }, database: one.services.database, now: one.clock.now }),
        (error: unknown) => error instanceof SurveyDefinitionError && /differs from version 2 of mini as published in the database/.test(error.message),
      );
    });
  });
}
