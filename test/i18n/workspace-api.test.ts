import assert from 'node:assert/strict';
import { cpSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { test, type TestContext } from 'node:test';
import { readStatus, readStrings, sourceHash } from '../../server/i18n/catalog.ts';
import { i18nReport, regenerateSources } from '../../server/i18n/i18n.service.ts';
import { createTestApp, fixturesDir, tempDir, type TestApp } from '../helpers/app.ts';
import { addUser, signIn, type Client } from '../researcher/sign-in.ts';

/**
 * The translator workspace's API on a copy of the i18n fixture (survey `mini-i18n`, the `app`
 * strings, an English translation): languages given by an admin, strings beside their source,
 * saving to the locale files with an audit row, review by a reviewer.
 */

interface Setup {
  app: TestApp;
  dirs: { surveysDir: string; localesDir: string };
  admin: Client;
  translator: Client;
  reviewer: Client;
  translatorId: number;
}

async function setup(t: TestContext): Promise<Setup> {
  const root = tempDir('wavepanel-workspace-');
  cpSync(path.join(fixturesDir, 'i18n'), root, { recursive: true });
  const dirs = { surveysDir: path.join(root, 'surveys'), localesDir: path.join(root, 'locales') };
  regenerateSources(dirs);
  const app = await createTestApp({ config: dirs });
  t.after(async () => {
    await app.close();
    rmSync(root, { recursive: true, force: true });
  });
  await addUser(app.services, 'ada', 'admin');
  const translatorId = await addUser(app.services, 'tesfay', 'translator');
  const reviewerId = await addUser(app.services, 'rana', 'translator');
  await addUser(app.services, 'rita', 'researcher');
  const admin = await signIn(app.app, 'ada');
  assert.equal((await admin.request('PUT', `/api/users/${translatorId}/languages`, { languages: [{ lang: 'en', reviewer: false }, { lang: 'ti', reviewer: false }] })).statusCode, 204);
  assert.equal((await admin.request('PUT', `/api/users/${reviewerId}/languages`, { languages: [{ lang: 'en', reviewer: true }] })).statusCode, 204);
  return { app, dirs, admin, translator: await signIn(app.app, 'tesfay'), reviewer: await signIn(app.app, 'rana'), translatorId };
}

test('an admin gives a translator languages: the workspace offers those and every file, and the audit log says who gave them', async (t) => {
  const { admin, translator, translatorId } = await setup(t);
  const workspace = (await translator.request('GET', '/api/translate')).json();
  assert.deepEqual(workspace, { languages: [{ lang: 'en', reviewer: false }, { lang: 'ti', reviewer: false }], files: ['mini-i18n', 'study-mini-panel', 'study-seeded', 'app'] });
  const users = (await admin.request('GET', '/api/users')).json() as { username: string; languages: unknown }[];
  assert.deepEqual(users.find((u) => u.username === 'tesfay')!.languages, [{ lang: 'en', reviewer: false }, { lang: 'ti', reviewer: false }]);
  const audit = (await admin.request('GET', '/api/audit?action=user_languages')).json() as { detail: Record<string, unknown> }[];
  assert.deepEqual(audit.find((row) => row.detail.userId === translatorId)!.detail, { userId: translatorId, languages: ['en', 'ti'], reviewer: [] });
});

test('a translator reaches only the languages given to them and no researcher route; a researcher has no workspace', async (t) => {
  const { app, translator } = await setup(t);
  assert.equal((await translator.request('GET', '/api/translate/ar/mini-i18n')).statusCode, 403);
  assert.equal((await translator.request('PUT', '/api/translate/ar/mini-i18n/q1.title', { text: 'x' })).statusCode, 403);
  assert.equal((await translator.request('GET', '/api/studies')).statusCode, 403);
  assert.equal((await translator.request('GET', '/api/users')).statusCode, 403);
  const researcher = await signIn(app.app, 'rita');
  assert.equal((await researcher.request('GET', '/api/translate/en/mini-i18n')).statusCode, 403);
});

test('a file lists every Dutch string with its context, the translation, its state and whether it is stale', async (t) => {
  const { translator } = await setup(t);
  const file = (await translator.request('GET', '/api/translate/en/mini-i18n')).json() as {
    survey: unknown;
    strings: { key: string; source: string; text?: string; state: string; stale: boolean; context?: { where: string } }[];
  };
  assert.deepEqual(file.survey, { id: 'mini-i18n', version: 1 });
  const byKey = Object.fromEntries(file.strings.map((s) => [s.key, s]));
  assert.deepEqual(Object.keys(byKey), ['survey.title', 'pages.start.title', 'q1.title', 'q1.choices.yes', 'q1.choices.no']);
  assert.deepEqual([byKey['survey.title']!.state, byKey['survey.title']!.stale], ['reviewed', false]);
  assert.deepEqual([byKey['q1.title']!.state, byKey['q1.title']!.stale, byKey['q1.title']!.source], ['translated', true, 'Gaat het goed?']);
  assert.deepEqual([byKey['q1.choices.yes']!.state, byKey['q1.choices.yes']!.text], ['missing', undefined]);
  assert.match(byKey['q1.choices.no']!.context!.where, /radiogroup question "q1"/);
});

test('saving writes the locale file as translated, the audit log says who and when, and the next respondent gets the text', async (t) => {
  const { app, dirs, admin, translator, translatorId } = await setup(t);
  const saved = await translator.request('PUT', '/api/translate/ti/mini-i18n/q1.title', { text: 'ደሓን ዲኻ?' });
  assert.equal(saved.statusCode, 200, saved.body);
  assert.deepEqual(saved.json(), { key: 'q1.title', source: 'Gaat het goed?', context: saved.json().context, text: 'ደሓን ዲኻ?', state: 'translated', stale: false });
  assert.equal(readStrings(dirs.localesDir, 'ti', 'mini-i18n')['q1.title'], 'ደሓን ዲኻ?');
  assert.deepEqual(readStatus(dirs.localesDir, 'ti', 'mini-i18n')['q1.title'], { state: 'translated', source: sourceHash('Gaat het goed?') });
  const audit = (await admin.request('GET', '/api/audit?action=translation_save')).json() as { userId: number; at: string; detail: unknown }[];
  assert.equal(audit.length, 1);
  assert.equal(audit[0]!.userId, translatorId);
  assert.equal(audit[0]!.at, app.clock.now().toISOString());
  assert.deepEqual(audit[0]!.detail, { lang: 'ti', namespace: 'mini-i18n', key: 'q1.title' });
  const survey = (await app.app.inject({ method: 'GET', url: '/api/surveys/mini-i18n/1?locale=ti' })).json() as { pages: { elements: { title: string }[] }[] };
  assert.equal(survey.pages[0]!.elements[0]!.title, 'ደሓን ዲኻ?');
});

test('an app string saved in the workspace is served to the app at once', async (t) => {
  const { app, translator } = await setup(t);
  assert.equal((await translator.request('PUT', '/api/translate/en/app/start.title', { text: 'Hello' })).statusCode, 200);
  const catalog = (await app.app.inject({ method: 'GET', url: '/api/i18n/en/app' })).json() as { start: { title: string } };
  assert.equal(catalog.start.title, 'Hello');
});

test('a translation that loses a placeholder, adds one, or holds HTML respondents would not see is refused and nothing is written', async (t) => {
  const { dirs, translator } = await setup(t);
  const before = readFileSync(path.join(dirs.localesDir, 'en', 'app.json'), 'utf8');
  const cases: [string, string, RegExp][] = [
    ['errors.wave_not_open', 'Open soon.', /placeholder \{\{date\}\} of the Dutch text is missing/],
    ['start.title', 'Hello {{name}}', /placeholder \{\{name\}\} is not in the Dutch text/],
  ];
  for (const [key, text, problem] of cases) {
    const res = await translator.request('PUT', `/api/translate/en/app/${key}`, { text });
    assert.equal(res.statusCode, 422, key);
    assert.match(res.json().error.message, problem);
  }
  assert.equal((await translator.request('PUT', '/api/translate/en/app/no.such.key', { text: 'x' })).statusCode, 404);
  assert.equal(readFileSync(path.join(dirs.localesDir, 'en', 'app.json'), 'utf8'), before);
});

test('a reviewer marks a translation reviewed and the report counts it; a translator without review rights cannot', async (t) => {
  const { dirs, admin, translator, reviewer } = await setup(t);
  const before = i18nReport(dirs, ['en']).find((r) => r.namespace === 'mini-i18n')!;
  assert.equal((await translator.request('POST', '/api/translate/en/mini-i18n/q1.choices.no/review')).statusCode, 403);
  const res = await reviewer.request('POST', '/api/translate/en/mini-i18n/q1.choices.no/review');
  assert.equal(res.statusCode, 200, res.body);
  assert.equal(res.json().state, 'reviewed');
  const after = i18nReport(dirs, ['en']).find((r) => r.namespace === 'mini-i18n')!;
  assert.deepEqual([after.reviewed, after.draft], [before.reviewed + 1, before.draft - 1]);
  assert.equal((await reviewer.request('POST', '/api/translate/en/mini-i18n/q1.choices.yes/review')).statusCode, 422, 'nothing to review');
  const audit = (await admin.request('GET', '/api/audit?action=translation_review')).json() as { detail: unknown }[];
  assert.deepEqual(audit[0]!.detail, { lang: 'en', namespace: 'mini-i18n', key: 'q1.choices.no' });
});
