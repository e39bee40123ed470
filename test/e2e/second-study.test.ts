import assert from 'node:assert/strict';
import { cpSync, existsSync, rmSync } from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { projectRoot } from '../../server/config.ts';
import { launchBrowser, saveScreenshot } from '../helpers/browser.ts';
import { listenTestApp, tempDir, type ListeningTestApp } from '../helpers/app.ts';
import { addUser, testPassword } from '../researcher/sign-in.ts';
import { answerRadio, appText, completeSurvey, goToLastPage, languageNames, openEntry, surveyText } from './support.ts';

/**
 * The second example study, `buurt` (a neighbourhood panel), set up from the workspace as a new
 * team would on a platform that has only EAA: its survey uploaded, previewed unpublished in its
 * languages and published on the Surveys page, its study definition uploaded, a wave opened, a
 * batch made and its letters printed, a respondent answering, a register file imported, then the
 * report and every export. Nothing of EAA may show for it; its own texts, columns and measures do.
 * The tests run in order on one server and one signed-in admin, each adding one step.
 */

let dir: string;
let surveysDir: string;
let t: ListeningTestApp;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let token: string;
const eaaWords = /werk en meedoen|work and taking part|migration|outflow|diagnosis_advice|self_reliance|status_holder|nationality|EAA/i;

before(async () => {
  // The platform as it ships with EAA (its surveys and studies, the demo seed), without anything of buurt.
  dir = tempDir('wavepanel-second-study-');
  surveysDir = path.join(dir, 'surveys');
  const studiesDir = path.join(dir, 'studies');
  const notBuurt = (source: string) => path.basename(source) !== 'buurt';
  cpSync(path.join(projectRoot, 'surveys'), surveysDir, { recursive: true, filter: notBuurt });
  cpSync(path.join(projectRoot, 'studies'), studiesDir, { recursive: true, filter: notBuurt });
  t = await listenTestApp({ surveys: 'demo', config: { surveysDir, studiesDir } });
  await addUser(t.services, 'ada', 'admin');
  browser = await launchBrowser();
  context = await browser.newContext({ acceptDownloads: true, viewport: { width: 1280, height: 900 } });
  context.setDefaultTimeout(15_000);
  page = await context.newPage();
  await page.goto(`${t.url}/researcher`);
  await page.getByLabel('Username').fill('ada');
  await page.getByLabel('Password').fill(testPassword);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Studies' }).waitFor();
});

/** One step of the team's way through; once a step failed, the later ones fail at once, naming it, since each builds on the one before. */
let failedStep: string | undefined;
function step(name: string, run: () => Promise<void>): void {
  test(name, async () => {
    if (failedStep) throw new Error(`this step needs "${failedStep}", which failed`);
    try {
      await run();
    } catch (error) {
      failedStep = name;
      throw error;
    }
  });
}

after(async () => {
  await browser?.close();
  await t?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

step('the buurt survey, unknown to the server, is uploaded, previewed unpublished in nl, en and ar, and published', async () => {
  await page.getByRole('link', { name: 'Surveys' }).click();
  await page.getByRole('rowheader', { name: 'eaa-t0' }).waitFor();
  assert.equal(await page.getByRole('rowheader', { name: 'buurt' }).count(), 0, 'the server starts without the buurt survey');

  await page.getByRole('combobox', { name: /^Survey/ }).selectOption({ label: 'A new survey…' });
  await page.getByLabel('New survey id').fill('buurt');
  await page.getByLabel('Definition file (JSON)').setInputFiles(path.join(projectRoot, 'surveys', 'buurt', '1.json'));
  await page.getByRole('heading', { name: 'A new survey: buurt version 1' }).waitFor();

  for (const lang of ['nl', 'en', 'ar'] as const) {
    const [preview] = await Promise.all([context.waitForEvent('page'), page.getByRole('link', { name: languageNames[lang], exact: true }).click()]);
    assert.equal(new URL(preview.url()).pathname, '/preview/buurt/unpublished');
    await preview.getByRole('status').filter({ hasText: appText(lang, 'preview.unpublished') }).waitFor();
    await preview.getByText(surveyText(lang, 'buurt', 'consent.title'), { exact: true }).first().waitFor();
    if (lang === 'ar') await saveScreenshot(preview, 'second-study-preview-unpublished-ar');
    await preview.close();
  }
  assert.equal(existsSync(path.join(surveysDir, 'buurt')), false, 'the preview published nothing');

  await page.getByRole('button', { name: 'Publish buurt version 1' }).click();
  await page.getByRole('status').filter({ hasText: 'buurt version 1 is published' }).waitFor();
  await page.getByRole('rowheader', { name: 'buurt' }).waitFor();
  assert.equal(existsSync(path.join(surveysDir, 'buurt', '1.json')), true);
});

step('the buurt study is created from its definition by upload', async () => {
  await page.getByRole('link', { name: 'Studies' }).click();
  await page.getByLabel('Study definition (study.json)').setInputFiles(path.join(projectRoot, 'studies', 'buurt', 'study.json'));
  await page.getByText('Study buurt (Wonen in de buurt) was created from study.json.').waitFor();
  await page.getByRole('link', { name: 'Wonen in de buurt' }).waitFor();
});

step('a wave of the study opens on the published survey', async () => {
  await page.getByRole('link', { name: 'Wonen in de buurt' }).click();
  await page.getByRole('heading', { level: 2, name: 'Waves' }).waitFor();
  // The server's clock is the test clock.
  const now = t.clock.now().getTime();
  const local = (ms: number) => new Date(ms).toISOString().slice(0, 16);
  await page.getByLabel('Code').fill('B1');
  await page.getByLabel('Survey version').selectOption('buurt@1');
  await page.getByLabel('Opens').fill(local(now - 60 * 60 * 1000));
  await page.getByLabel('Closes').fill(local(now + 30 * 24 * 60 * 60 * 1000));
  await page.getByRole('button', { name: 'Add wave' }).click();
  await page.getByRole('form', { name: 'Wave B1' }).waitFor();
});

step("the letters carry the study's own texts and the greeting written in the workspace, in Dutch and Arabic", async () => {
  await page.getByRole('link', { name: 'Letter text' }).click();
  await page.getByLabel('Greeting').fill('Beste buurtbewoner,');
  await page.getByRole('button', { name: 'Save letter text' }).click();
  await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();

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
  token = (await letters.locator('.token').first().innerText()).replace(/-/g, '');
  await saveScreenshot(letters, 'second-study-letters');
  await letters.close();
});

step("a respondent with a letter's code answers the published survey under the study's own title, with nothing of EAA", async () => {
  const respondent = await context.newPage();
  await openEntry(respondent, `${t.url}/t/${token}`, 'ar');
  await respondent.getByRole('button', { name: appText('ar', 'entry.start'), exact: true }).click();
  await respondent.getByText(surveyText('ar', 'buurt', 'consent.title'), { exact: true }).first().waitFor();
  assert.equal(await respondent.locator('.app-header__name').innerText(), surveyText('ar', 'study-buurt', 'title'));
  const purpose = respondent.locator('.app-header__purpose');
  assert.equal(await purpose.innerText(), surveyText('ar', 'study-buurt', 'purpose'));
  assert.doesNotMatch(await purpose.innerText(), eaaWords);
  await answerRadio(respondent, surveyText('ar', 'buurt', 'consent.labelTrue'));
  await goToLastPage(respondent, 'ar', async (title) => {
    if (title === surveyText('ar', 'buurt', 'pages.neighbourhood.title')) {
      await answerRadio(respondent, '8');
      await answerRadio(respondent, surveyText('ar', 'buurt', 'feel_safe.choices.safe'));
    }
  });
  assert.equal(await purpose.count(), 0, 'the purpose is on the first page only');
  await completeSurvey(respondent, 'ar');
  assert.doesNotMatch(await respondent.locator('body').innerText(), eaaWords);
  await respondent.close();
});

step("the municipality's register file is imported with the study's own columns", async () => {
  await page.getByRole('link', { name: 'Register data' }).click();
  await page.getByText('pseudonym, district, social_housing').waitFor();
  await page.getByLabel('Register file (CSV)').setInputFiles({ name: 'register.csv', mimeType: 'text/csv', buffer: Buffer.from('pseudonym;district;social_housing\nBUURT-0001;north;ja\nBUURT-0002;south;nee\n') });
  await page.getByRole('button', { name: 'Import 2 rows' }).click();
  await page.getByText('Imported register data for 2 participants.').waitFor();
});

step("the report shows the study's own grouping and measures, none of EAA's", async () => {
  await page.getByRole('link', { name: 'Reports' }).click();
  await page.getByRole('heading', { level: 2, name: 'Panel report' }).waitFor();
  await page.getByRole('table', { name: 'Wave B1: By wave and district (95% intervals)' }).waitFor();
  const report = await page.locator('main').innerText();
  assert.match(report, /Satisfaction with the neighbourhood/);
  assert.match(report, /Feels safe/);
  assert.doesNotMatch(report, eaaWords);
});

step("every export has the study's own columns and none of EAA's", async () => {
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
  assert.match(row, /north/, 'the register value of the respondent who answered');
});
