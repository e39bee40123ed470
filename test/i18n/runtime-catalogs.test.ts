import assert from 'node:assert/strict';
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { test, type TestContext } from 'node:test';
import { staleAssets } from '../../scripts/stale-assets.ts';
import { createTestApp, fixturesDir, seedMiniStudies, startSession, tempDir, type TestApp } from '../helpers/app.ts';

/**
 * Translations and pages are read from disk while the server runs: an imported or edited
 * translation, or a new build, is served from the next request on, without a restart.
 */

async function appWithCopies(t: TestContext): Promise<{ app: TestApp; localesDir: string; clientDir: string }> {
  const dir = tempDir('wavepanel-runtime-');
  const localesDir = path.join(dir, 'locales');
  const clientDir = path.join(dir, 'client');
  cpSync(path.join(fixturesDir, 'locales'), localesDir, { recursive: true });
  writeFileSync(path.join(localesDir, 'en', 'app.json'), JSON.stringify({ entry: { heading: 'Welcome' } }));
  mkdirSync(clientDir);
  writeFileSync(path.join(clientDir, 'respondent.html'), '<!doctype html><html><script src="/assets/a-1.js"></script></html>\n');
  const app = await createTestApp({ config: { localesDir, clientDir } });
  t.after(async () => {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  });
  return { app, localesDir, clientDir };
}

const get = (app: TestApp, url: string, headers: Record<string, string> = {}) => app.app.inject({ method: 'GET', url, headers });

test("an edited app translation is served at once, under a new ETag; the same one answers 304", async (t) => {
  const { app, localesDir } = await appWithCopies(t);
  const first = await get(app, '/api/i18n/en/app');
  assert.equal(first.statusCode, 200);
  assert.deepEqual(first.json(), { entry: { heading: 'Welcome' } });
  assert.equal(first.headers['cache-control'], 'no-cache');
  const etag = first.headers.etag as string;
  assert.equal((await get(app, '/api/i18n/en/app', { 'if-none-match': etag })).statusCode, 304);
  writeFileSync(path.join(localesDir, 'en', 'app.json'), JSON.stringify({ entry: { heading: 'Welcome, you' } }));
  const edited = await get(app, '/api/i18n/en/app', { 'if-none-match': etag });
  assert.equal(edited.statusCode, 200);
  assert.deepEqual(edited.json(), { entry: { heading: 'Welcome, you' } });
  assert.notEqual(edited.headers.etag, etag);
});

test("SurveyJS's Tigrinya strings are served from locales/ti/surveyjs.json, an edit from the next request on; a language survey-core translates itself has none", async (t) => {
  const { app, localesDir } = await appWithCopies(t);
  mkdirSync(path.join(localesDir, 'ti'), { recursive: true });
  writeFileSync(path.join(localesDir, 'ti', 'surveyjs.json'), JSON.stringify({ pageNextText: 'ቀጽል' }));
  const first = await get(app, '/api/i18n/ti/surveyjs');
  assert.deepEqual(first.json(), { pageNextText: 'ቀጽል' });
  assert.equal(first.headers['cache-control'], 'no-cache');
  writeFileSync(path.join(localesDir, 'ti', 'surveyjs.json'), JSON.stringify({ pageNextText: 'ናብ ዝቕጽል' }));
  const edited = await get(app, '/api/i18n/ti/surveyjs', { 'if-none-match': first.headers.etag as string });
  assert.equal(edited.statusCode, 200);
  assert.deepEqual(edited.json(), { pageNextText: 'ናብ ዝቕጽል' });
  assert.equal((await get(app, '/api/i18n/ar/surveyjs')).statusCode, 404);
  assert.equal((await get(app, '/api/i18n/ti/app.status')).statusCode, 400, 'no other file of locales/ is reachable');
});

test('a language without app strings is a 404 in the one error shape, and an unknown language is refused', async (t) => {
  const { app } = await appWithCopies(t);
  const missing = await get(app, '/api/i18n/ti/app');
  assert.equal(missing.statusCode, 404);
  assert.equal(missing.json().error.code, 'not_found');
  assert.equal((await get(app, '/api/i18n/fr/app')).statusCode, 400);
});

test('an edited survey translation is served from the next session on, under a new content hash', async (t) => {
  const { app, localesDir } = await appWithCopies(t);
  await seedMiniStudies(app.services);
  const before = await startSession(app.app, { studyId: 'mini-cross', locale: 'en' });
  const url = (before.body.survey as { url: string }).url;
  assert.equal((await get(app, url)).json().title, 'Mini questionnaire');
  const file = path.join(localesDir, 'en', 'mini.json');
  writeFileSync(file, JSON.stringify({ ...JSON.parse(readFileSync(file, 'utf8')), survey: { title: 'Small questionnaire' } }));
  const after = await startSession(app.app, { studyId: 'mini-cross', locale: 'en' });
  const newUrl = (after.body.survey as { url: string }).url;
  assert.notEqual(newUrl, url, 'a new hash, so no cached copy of the old text is used');
  assert.equal((await get(app, newUrl)).json().title, 'Small questionnaire');
});

test('a half-written translation file leaves the last good translation served', async (t) => {
  const { app, localesDir } = await appWithCopies(t);
  assert.equal((await get(app, '/api/surveys/mini/1?locale=en')).json().title, 'Mini questionnaire');
  assert.equal((await get(app, '/api/i18n/en/app')).statusCode, 200);
  writeFileSync(path.join(localesDir, 'en', 'mini.json'), '{ "survey": { "title": "Half');
  writeFileSync(path.join(localesDir, 'en', 'app.json'), '{ "entry": ');
  assert.equal((await get(app, '/api/surveys/mini/1?locale=en')).json().title, 'Mini questionnaire');
  assert.deepEqual((await get(app, '/api/i18n/en/app')).json(), { entry: { heading: 'Welcome' } });
});

test('a rebuilt page is served at once; while the build rewrites it, the last complete page is served', async (t) => {
  const { app, clientDir } = await appWithCopies(t);
  const file = path.join(clientDir, 'respondent.html');
  const first = await get(app, '/');
  assert.match(first.body, /a-1\.js/);
  assert.equal((await get(app, '/', { 'if-none-match': first.headers.etag as string })).statusCode, 304);
  writeFileSync(file, '<!doctype html><html><script src="/assets/a-2.js"></script></html>\n');
  assert.match((await get(app, '/kiosk')).body, /a-2\.js/);
  writeFileSync(file, '<!doctype html><html><script src="/assets/a-3');
  assert.match((await get(app, '/')).body, /a-2\.js/, 'half written');
  rmSync(file);
  assert.match((await get(app, '/')).body, /a-2\.js/, 'deleted for a moment');
});

test('a build deletes only the files of earlier builds that are more than a week old', () => {
  const day = 24 * 60 * 60 * 1000;
  const now = Date.parse('2026-12-02T06:00:00Z');
  const files = [
    { name: 'assets/new-1.js', modifiedMs: now },
    { name: 'assets/new-1.js.br', modifiedMs: now },
    { name: 'assets/old-yesterday.js', modifiedMs: now - day },
    { name: 'assets/old-last-month.js', modifiedMs: now - 30 * day },
    { name: 'assets/old-last-month.js.gz', modifiedMs: now - 30 * day },
    { name: 'assets/same-content-as-a-month-ago.js', modifiedMs: now - 30 * day },
  ];
  const current = new Set(['assets/new-1.js', 'assets/same-content-as-a-month-ago.js']);
  assert.deepEqual(staleAssets(files, current, now), ['assets/old-last-month.js', 'assets/old-last-month.js.gz']);
});
