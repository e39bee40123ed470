import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { projectRoot } from '../../server/config.ts';
import { launchBrowser, saveScreenshot } from '../helpers/browser.ts';
import { listenTestApp, tempDir, type ListeningTestApp } from '../helpers/app.ts';
import { addUser, testPassword } from '../researcher/sign-in.ts';
import { answerRadio, appText, completeSurvey, goToLastPage, openEntry, surveyText } from './support.ts';

/**
 * The second example study, `buurt` (a neighbourhood panel), run from the workspace as a new team
 * would: its definition uploaded, its survey previewed in its languages, a wave opened, a batch
 * made and its letters printed, a respondent answering, a register file imported, then the report
 * and every export. Nothing of EAA may show for it; its own texts, columns and measures do.
 */

let t: ListeningTestApp;
let browser: Browser;
const eaaWords = /werk en meedoen|work and taking part|migration|outflow|diagnosis_advice|self_reliance|status_holder|nationality|EAA/i;

before(async () => {
  // The platform with EAA seeded and the buurt survey installed, but no buurt study yet.
  t = await listenTestApp({ surveys: 'demo', config: { studiesDir: path.join(tempDir(), 'studies') } });
  await addUser(t.services, 'ada', 'admin');
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await t?.close();
});

test('a second study is created by upload and run end to end, with nothing of EAA in its letters, pages, report or exports', async () => {
  const context = await browser.newContext({ acceptDownloads: true, viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.goto(`${t.url}/researcher`);
  await page.getByLabel('Username').fill('ada');
  await page.getByLabel('Password').fill(testPassword);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Studies' }).waitFor();

  // Created from its definition by upload.
  await page.getByLabel('Study definition (study.json)').setInputFiles(path.join(projectRoot, 'studies', 'buurt', 'study.json'));
  await page.getByText('Study buurt (Wonen in de buurt) was created from study.json.').waitFor();

  // Its survey previewed in its languages.
  for (const lang of ['nl', 'en', 'ar'] as const) {
    const preview = await context.newPage();
    await preview.goto(`${t.url}/preview?lang=${lang}`);
    await preview.getByRole('link', { name: /buurt/ }).first().click();
    await preview.getByText(surveyText(lang, 'buurt', 'consent.title'), { exact: true }).first().waitFor();
    await preview.close();
  }

  // A wave opened now (the server's clock is the test clock).
  await page.getByRole('link', { name: 'Wonen in de buurt' }).click();
  await page.getByRole('heading', { level: 2, name: 'Waves' }).waitFor();
  const now = t.clock.now().getTime();
  const local = (ms: number) => new Date(ms).toISOString().slice(0, 16);
  await page.getByLabel('Code').fill('B1');
  await page.getByLabel('Survey version').selectOption('buurt@1');
  await page.getByLabel('Opens').fill(local(now - 60 * 60 * 1000));
  await page.getByLabel('Closes').fill(local(now + 30 * 24 * 60 * 60 * 1000));
  await page.getByRole('button', { name: 'Add wave' }).click();
  await page.getByRole('form', { name: 'Wave B1' }).waitFor();

  // Its own greeting on the letter, written in the workspace.
  await page.getByRole('link', { name: 'Letter text' }).click();
  await page.getByLabel('Greeting').fill('Beste buurtbewoner,');
  await page.getByRole('button', { name: 'Save letter text' }).click();
  await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();

  // A batch with Arabic letters, printed.
  await page.getByRole('link', { name: 'Participants and letters' }).click();
  await page.getByLabel('Number of participants').fill('2');
  await page.getByLabel('Letter languages').selectOption('ar');
  await page.getByRole('button', { name: 'Create batch' }).click();
  await page.getByText('2 participants created.').waitFor();
  const [letters] = await Promise.all([context.waitForEvent('page'), page.getByRole('link', { name: 'Open letters for printing' }).click()]);
  await letters.waitForLoadState();
  const letterText = await letters.locator('body').innerText();
  assert.match(letterText, /Uitnodiging: vragenlijst over wonen in uw buurt/);
  assert.match(letterText, /Beste buurtbewoner,/);
  assert.match(letterText, /دعوة: استبيان عن السكن في حيّك/);
  assert.doesNotMatch(letterText, eaaWords);
  const token = (await letters.locator('.token').first().innerText()).replace(/-/g, '');
  await saveScreenshot(letters, 'second-study-letters');

  // A respondent answers, under the study's own title.
  const respondent = await context.newPage();
  await openEntry(respondent, `${t.url}/t/${token}`, 'ar');
  await respondent.getByRole('button', { name: appText('ar', 'entry.start'), exact: true }).click();
  await respondent.locator('.sd-page').waitFor();
  assert.equal(await respondent.locator('.app-header__name').innerText(), 'السكن في الحي');
  await answerRadio(respondent, surveyText('ar', 'buurt', 'consent.labelTrue'));
  await goToLastPage(respondent, 'ar', async (title) => {
    if (title === surveyText('ar', 'buurt', 'pages.neighbourhood.title')) {
      await answerRadio(respondent, '8');
      await answerRadio(respondent, surveyText('ar', 'buurt', 'feel_safe.choices.safe'));
    }
  });
  await completeSurvey(respondent, 'ar');
  assert.doesNotMatch(await respondent.locator('body').innerText(), eaaWords);

  // The municipality's register file, with the study's own columns.
  await page.getByRole('link', { name: 'Register data' }).click();
  await page.getByText('pseudonym, district, social_housing').waitFor();
  await page.getByLabel('Register file (CSV)').setInputFiles({ name: 'register.csv', mimeType: 'text/csv', buffer: Buffer.from('pseudonym;district;social_housing\nBUURT-0001;north;ja\nBUURT-0002;south;nee\n') });
  await page.getByRole('button', { name: 'Import 2 rows' }).click();
  await page.getByText('Imported register data for 2 participants.').waitFor();

  // The report: its own grouping and measures.
  await page.getByRole('link', { name: 'Reports' }).click();
  await page.getByRole('heading', { level: 2, name: 'Panel report' }).waitFor();
  await page.getByRole('table', { name: 'Wave B1: By wave and district (95% intervals)' }).waitFor();
  const report = await page.locator('main').innerText();
  assert.match(report, /Satisfaction with the neighbourhood/);
  assert.match(report, /Feels safe/);
  assert.doesNotMatch(report, eaaWords);

  // Every export: its own columns, none of EAA's.
  for (const [format, own] of [
    ['wide', /b1_satisfaction.*b1_feels_safe|district/s],
    ['long', /feels_safe/],
    ['codebook', /Voelt zich veilig/],
    ['codebook-csv', /district/],
    ['sps', /MISSING VALUES b1_feel_safe/],
    ['r', /na_values/],
  ] as const) {
    const res = await page.request.get(`${t.url}/api/studies/buurt/exports/${format}`);
    assert.equal(res.status(), 200, format);
    const text = await res.text();
    assert.match(text, own, format);
    assert.doesNotMatch(text, eaaWords, format);
  }
  const row = (await (await page.request.get(`${t.url}/api/studies/buurt/exports/wide`)).text()).split('\n')[1]!;
  assert.match(row, /north/);
  await context.close();
});
