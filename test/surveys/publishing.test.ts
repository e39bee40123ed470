import assert from 'node:assert/strict';
import { cpSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it, type TestContext } from 'node:test';
import { projectRoot } from '../../server/config.ts';
import type { ElementJson, SurveyJson } from '../../server/surveys/definition.ts';
import { createTestApp, fixturesDir, seedMiniStudies, startSession, tempDir, type TestApp } from '../helpers/app.ts';
import { addUser, signIn, type Client } from '../researcher/sign-in.ts';

/**
 * Publishing a new survey version during fieldwork through the API, on a copy of the fixture
 * surveys in a temporary folder (nothing in the repository is written).
 */

interface Publication {
  version: number;
  previousVersion: number | null;
  breaking: { kind: string; question?: string; what: string }[];
  safe: { kind: string; question?: string; what: string }[];
  published: boolean;
}

async function setup(t: TestContext): Promise<{ app: TestApp; admin: Client; surveysDir: string }> {
  const dir = tempDir('wavepanel-publish-');
  const surveysDir = path.join(dir, 'surveys');
  cpSync(path.join(fixturesDir, 'surveys'), surveysDir, { recursive: true });
  const app = await createTestApp({ config: { surveysDir } });
  t.after(async () => {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  });
  await addUser(app.services, 'ada', 'admin');
  return { app, admin: await signIn(app.app, 'ada'), surveysDir };
}

function mini(): SurveyJson {
  return JSON.parse(readFileSync(path.join(fixturesDir, 'surveys', 'mini', '1.json'), 'utf8')) as SurveyJson;
}

function question(survey: SurveyJson, name: string): ElementJson {
  const found = survey.pages.flatMap((p) => p.elements ?? []).find((e) => e.name === name);
  assert.ok(found, name);
  return found;
}

/** A new optional question and new wording: answers stay comparable. */
function safeChange(): SurveyJson {
  const survey = mini();
  question(survey, 'health').title = 'Hoe gezond voelt u zich nu?';
  survey.pages.at(-1)!.elements!.push({ type: 'comment', name: 'advice', title: 'Welk advies heeft u?' });
  return survey;
}

/** A removed question and a removed answer value: answers stop being comparable. */
function breakingChange(): SurveyJson {
  const survey = mini();
  const last = survey.pages.at(-1)!;
  last.elements = last.elements!.filter((e) => e.name !== 'remarks');
  question(survey, 'participation_difficulty').choices!.pop();
  return survey;
}

const files = (surveysDir: string) => readdirSync(path.join(surveysDir, 'mini')).sort();

const publish = (client: Client, body: Record<string, unknown>, surveyId = 'mini') => client.request('POST', `/api/surveys/${surveyId}/versions`, body);

describe('publishing a survey version', () => {
  it('publishes a safe change as version 2, which the server serves at once', async (t) => {
    const { app, admin, surveysDir } = await setup(t);
    const res = await publish(admin, { definition: safeChange() });
    assert.equal(res.statusCode, 201, res.body);
    const result = res.json() as Publication;
    assert.equal(result.version, 2);
    assert.equal(result.previousVersion, 1);
    assert.equal(result.published, true);
    assert.deepEqual(result.breaking, []);
    assert.deepEqual(
      result.safe.map((c) => [c.question, c.what]),
      [
        ['advice', 'new optional question'],
        [undefined, 'wording changed: health.title'],
      ],
    );
    assert.deepEqual(files(surveysDir), ['1.json', '2.json'], 'the version file and no temporary file');
    const served = await app.app.inject({ method: 'GET', url: '/api/surveys/mini/2' });
    assert.equal(served.statusCode, 200);
    assert.equal(question(served.json() as SurveyJson, 'advice').type, 'comment');
    const listed = (await app.app.inject({ method: 'GET', url: '/api/surveys' })).json() as { id: string; version: number }[];
    assert.deepEqual(listed.filter((s) => s.id === 'mini').map((s) => s.version), [1, 2]);
  });

  it('refuses breaking changes with their list and writes nothing', async (t) => {
    const { app, admin, surveysDir } = await setup(t);
    const res = await publish(admin, { definition: breakingChange() });
    assert.equal(res.statusCode, 409, res.body);
    const { error } = res.json() as { error: { code: string; message: string; details: { breaking: Publication['breaking'] } } };
    assert.equal(error.code, 'breaking_changes');
    assert.match(error.message, /2 breaking changes/);
    assert.deepEqual(
      error.details.breaking.map((c) => [c.question, c.what]),
      [
        ['participation_difficulty', "answer value 'very_easy' removed"],
        ['remarks', 'question removed'],
      ],
    );
    assert.deepEqual(files(surveysDir), ['1.json']);
    assert.equal((await app.app.inject({ method: 'GET', url: '/api/surveys/mini/2' })).statusCode, 404);
  });

  it('publishes breaking changes when they are accepted, and writes the audit row', async (t) => {
    const { app, admin, surveysDir } = await setup(t);
    const res = await publish(admin, { definition: breakingChange(), allowBreaking: true });
    assert.equal(res.statusCode, 201, res.body);
    assert.equal((res.json() as Publication).breaking.length, 2);
    assert.deepEqual(files(surveysDir), ['1.json', '2.json']);
    const audit = (await admin.request('GET', '/api/audit?action=survey_publish')).json() as { action: string; userId: number; detail: Record<string, unknown> }[];
    assert.equal(audit.length, 1, JSON.stringify(audit));
    assert.deepEqual(audit[0]!.detail, {
      surveyId: 'mini',
      version: 2,
      previousVersion: 1,
      breakingAccepted: ["participation_difficulty: answer value 'very_easy' removed", 'remarks: question removed'],
    });
    const next = await publish(admin, { definition: safeChange(), preview: true });
    assert.equal((next.json() as Publication).version, 3, 'the next one follows');
    assert.equal(app.services.surveys.latest('mini')?.version, 2);
  });

  it('a dry run returns the comparison and writes nothing, breaking or not', async (t) => {
    const { app, admin, surveysDir } = await setup(t);
    for (const [definition, breaking] of [
      [safeChange(), 0],
      [breakingChange(), 2],
    ] as const) {
      const res = await publish(admin, { definition, preview: true });
      assert.equal(res.statusCode, 200, res.body);
      const result = res.json() as Publication;
      assert.equal(result.published, false);
      assert.equal(result.version, 2);
      assert.equal(result.breaking.length, breaking);
    }
    assert.deepEqual(files(surveysDir), ['1.json']);
    assert.equal(app.services.surveys.latest('mini')?.version, 1);
    assert.equal((await admin.request('GET', '/api/audit?action=survey_publish')).json().length, 0);
  });

  it('refuses a definition that start-up would refuse, naming the problem, and writes nothing', async (t) => {
    const { admin, surveysDir } = await setup(t);
    const cases: [string, (s: SurveyJson) => void, RegExp][] = [
      ['an unknown property', (s) => (question(s, 'health').colour = 'red'), /colour/],
      ['an unknown question type', (s) => (question(s, 'remarks').type = 'essay'), /unknown type 'essay'/],
      ['a name used twice', (s) => s.pages[0]!.elements!.push({ type: 'comment', name: 'remarks' }), /'remarks' is used twice/],
      ['an answer piped into HTML', (s) => ((s as Record<string, unknown>).completedHtml = '<p>Bedankt, {remarks}</p>'), /pipes \{remarks\} into HTML/],
      ['no pages', (s) => (s.pages = []), /has no pages/],
      [
        'a text no translation key reaches',
        (s) => ((s as Record<string, unknown>).completedHtmlOnCondition = [{ expression: '{consent} = false', html: '<p>Jammer</p>' }]),
        /'survey\.completedHtmlOnCondition\[0\]\.html' uses the text property 'html' \(of htmlconditionitem\)/,
      ],
    ];
    for (const [name, change, problem] of cases) {
      const definition = mini();
      change(definition);
      const res = await publish(admin, { definition });
      assert.equal(res.statusCode, 422, `${name}: ${res.body}`);
      const { error } = res.json() as { error: { code: string; message: string } };
      assert.equal(error.code, 'unprocessable', name);
      assert.match(error.message, problem, name);
      assert.doesNotMatch(error.message, /\.tmp|\//, `${name}: no temporary path in the message`);
    }
    assert.deepEqual(files(surveysDir), ['1.json']);
    assert.deepEqual(readdirSync(surveysDir), ['mini'], 'no temporary file left');
  });

  it('a new version with button texts lists them as new texts to translate, and delivers them translated', async (t) => {
    const { app, admin } = await setup(t);
    const definition = mini();
    Object.assign(definition, { completeText: 'Versturen', pageNextText: 'Volgende vraag' });
    const res = await publish(admin, { definition });
    assert.equal(res.statusCode, 201, res.body);
    const publication = res.json() as Publication;
    assert.deepEqual(publication.breaking, []);
    assert.ok(publication.safe.some((c) => c.what === 'new text to translate: survey.completeText, survey.pageNextText'), JSON.stringify(publication.safe));
    const served = (await app.app.inject({ method: 'GET', url: '/api/surveys/mini/2?locale=ar' })).json() as Record<string, unknown>;
    assert.equal(served.completeText, 'Versturen', 'Dutch until translated, never a key');
  });

  it('publishes a new survey as version 1, and the EAA definition fits in the body limit', async (t) => {
    const { app, admin, surveysDir } = await setup(t);
    const definition = JSON.parse(readFileSync(path.join(projectRoot, 'surveys', 'eaa-t0', '1.json'), 'utf8')) as SurveyJson;
    const res = await publish(admin, { definition }, 'eaa-t0-copy');
    assert.equal(res.statusCode, 201, res.body);
    assert.deepEqual([(res.json() as Publication).version, (res.json() as Publication).previousVersion], [1, null]);
    assert.deepEqual(readdirSync(path.join(surveysDir, 'eaa-t0-copy')), ['1.json']);
    assert.equal((await app.app.inject({ method: 'GET', url: '/api/surveys/eaa-t0-copy/1?locale=en' })).statusCode, 200);
  });

  it('follows a version written to the folder while the server runs (the command line): the next one is compared with it', async (t) => {
    const { app, admin, surveysDir } = await setup(t);
    writeFileSync(path.join(surveysDir, 'mini', '2.json'), JSON.stringify(breakingChange()));
    const res = await publish(admin, { definition: breakingChange(), preview: true });
    const result = res.json() as Publication;
    assert.deepEqual([result.version, result.previousVersion, result.breaking.length, result.safe.length], [3, 2, 0, 0]);
    assert.equal(app.services.surveys.get('mini', 2), undefined, 'version 2 itself is served after a restart');
  });

  it('refuses researchers, anonymous callers and requests without the CSRF token', async (t) => {
    const { app, admin, surveysDir } = await setup(t);
    await addUser(app.services, 'rita', 'researcher');
    const researcher = await signIn(app.app, 'rita');
    const body = { definition: safeChange(), allowBreaking: true };
    const asResearcher = await publish(researcher, body);
    assert.deepEqual([asResearcher.statusCode, asResearcher.json().error.code], [403, 'forbidden']);
    const anonymous = await app.app.inject({ method: 'POST', url: '/api/surveys/mini/versions', payload: body });
    assert.deepEqual([anonymous.statusCode, anonymous.json().error.code], [401, 'unauthenticated']);
    const noCsrf = await app.app.inject({ method: 'POST', url: '/api/surveys/mini/versions', payload: body, headers: { cookie: admin.cookie } });
    assert.deepEqual([noCsrf.statusCode, noCsrf.json().error.code], [403, 'csrf_failed']);
    assert.deepEqual(files(surveysDir), ['1.json']);
  });

  it('a response already started keeps its version when the wave moves to the new one', async (t) => {
    const { app, admin } = await setup(t);
    const { tokens } = await seedMiniStudies(app.services, 2);
    const started = await startSession(app.app, { token: tokens[0] });
    assert.equal(started.status, 200, JSON.stringify(started.body));
    assert.equal((started.body.survey as { version: number }).version, 1);

    assert.equal((await publish(admin, { definition: safeChange() })).statusCode, 201);
    const study = (await admin.request('GET', '/api/studies/mini-panel')).json() as { waves: { id: number; code: string }[] };
    const w0 = study.waves.find((w) => w.code === 'W0')!;
    const moved = await admin.request('PATCH', `/api/studies/mini-panel/waves/${w0.id}`, { surveyVersion: 2 });
    assert.equal(moved.statusCode, 200, moved.body);

    const resumed = await startSession(app.app, { token: tokens[0] });
    assert.equal(resumed.body.responseId, started.body.responseId);
    assert.equal((resumed.body.survey as { version: number }).version, 1, 'the started response keeps version 1');
    const fresh = await startSession(app.app, { token: tokens[1] });
    assert.equal((fresh.body.survey as { version: number }).version, 2, 'a new response gets version 2');
  });

  it('shows an unpublished version in a language before publishing: translated where the text is known, Dutch where it is new, nothing written', async (t) => {
    const { admin, surveysDir } = await setup(t);
    const before = readdirSync(path.join(surveysDir, 'mini'));
    const res = await admin.request('POST', '/api/surveys/mini/unpublished', { definition: safeChange(), locale: 'en' });
    assert.equal(res.statusCode, 200, res.body);
    const shown = res.json() as SurveyJson;
    assert.equal(question(shown, 'advice').title, 'Welk advies heeft u?', 'a new question is in Dutch until it is translated');
    assert.equal(shown.title, 'Mini questionnaire', 'a known text in its translation');
    assert.deepEqual(readdirSync(path.join(surveysDir, 'mini')), before, 'no version and no temporary file written');
  });

  it('refuses to show an unpublished version that publishing would refuse', async (t) => {
    const { admin } = await setup(t);
    const broken = mini();
    question(broken, 'health').name = 'job hours';
    const res = await admin.request('POST', '/api/surveys/mini/unpublished', { definition: broken, locale: 'ar' });
    assert.equal(res.statusCode, 422);
    assert.match(res.json().error.message, /job hours/);
  });
});
