import assert from 'node:assert/strict';
import { cpSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import type { SurveyJson } from '../../server/surveys/definition.ts';
import { launchBrowser, saveScreenshot, seriousAccessibilityViolations } from '../helpers/browser.ts';
import { fixturesDir, listenTestApp, seedMiniStudies, sqliteOf, tempDir } from '../helpers/app.ts';
import { addUser, testPassword } from '../researcher/sign-in.ts';

/** The researcher page "Surveys" in a real browser, on a copy of the fixture surveys. */
test('an admin uploads a definition, sees its breaking changes, accepts them, publishes, and a wave can use the new version', async (t) => {
  const dir = tempDir('wavepanel-surveys-page-');
  const surveysDir = path.join(dir, 'surveys');
  cpSync(path.join(fixturesDir, 'surveys'), surveysDir, { recursive: true });
  const app = await listenTestApp({ config: { surveysDir } });
  const browser = await launchBrowser();
  t.after(async () => {
    await browser.close();
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  });
  await seedMiniStudies(app.services, 1);
  await addUser(app.services, 'ada', 'admin');

  const definition = JSON.parse(readFileSync(path.join(surveysDir, 'mini', '1.json'), 'utf8')) as SurveyJson;
  const last = definition.pages.at(-1)!;
  last.elements = last.elements!.filter((e) => e.name !== 'remarks');
  last.elements.push({ type: 'comment', name: 'advice', title: 'Welk advies heeft u?' });
  const file = { name: 'mini-2.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(definition)) };

  const page = await (await browser.newContext()).newPage();
  await page.goto(`${app.url}/researcher`);
  await page.getByLabel('Username').fill('ada');
  await page.getByLabel('Password').fill(testPassword);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('link', { name: 'Surveys' }).click();
  await page.getByRole('heading', { name: 'Surveys', level: 1 }).waitFor();
  await page.getByRole('rowheader', { name: 'mini' }).waitFor();

  await page.getByLabel('Definition file (JSON)').setInputFiles(file);
  await page.getByRole('heading', { name: 'Changes from mini version 1 to version 2' }).waitFor();
  await page.getByRole('heading', { name: '1 breaking change' }).waitFor();
  await page.getByRole('listitem').filter({ hasText: 'remarks: question removed' }).waitFor();
  await page.getByRole('listitem').filter({ hasText: 'advice: new optional question' }).waitFor();
  const publish = page.getByRole('button', { name: 'Publish mini version 2' });
  assert.equal(await publish.isDisabled(), true, 'publishing waits for the breaking changes to be accepted');
  assert.deepEqual(await seriousAccessibilityViolations(page), []);
  await saveScreenshot(page, 'researcher-surveys-breaking');
  assert.deepEqual(readdirSync(path.join(surveysDir, 'mini')), ['1.json'], 'the comparison wrote nothing');

  // Before publishing, the new version as an Arabic respondent would see it (right to left), with
  // the new question in Dutch until a translator has done it.
  const [preview] = await Promise.all([page.context().waitForEvent('page'), page.getByRole('link', { name: 'العربية' }).click()]);
  await preview.getByRole('status').filter({ hasText: /Voorbeeld van een versie die nog niet is gepubliceerd|معاينة نسخة لم تُنشر بعد/ }).waitFor();
  await preview.getByRole('button', { name: /3\./ }).click();
  await preview.getByText('Welk advies heeft u?').waitFor();
  assert.equal(await preview.evaluate(() => document.documentElement.dir), 'rtl');
  await saveScreenshot(preview, 'preview-unpublished-ar');
  await preview.close();
  assert.deepEqual(readdirSync(path.join(surveysDir, 'mini')), ['1.json'], 'the preview wrote nothing');

  await page.getByLabel('I accept the breaking changes').check();
  await publish.click();
  await page.getByRole('status').filter({ hasText: 'mini version 2 is published' }).waitFor();
  await page.getByRole('row', { name: /mini 1, 2/ }).waitFor();
  assert.deepEqual(readdirSync(path.join(surveysDir, 'mini')).sort(), ['1.json', '2.json']);

  await page.goto(`${app.url}/researcher/studies/mini-panel`);
  await page.getByRole('heading', { name: 'Waves', level: 2 }).waitFor();
  await page.getByRole('form', { name: 'Wave W0' }).getByLabel('Survey version').selectOption('mini@2');
  const [saved] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'PATCH' && r.url().includes('/api/studies/mini-panel/waves/')),
    page.getByRole('button', { name: 'Save W0' }).click(),
  ]);
  assert.equal(saved.status(), 200);
  const wave = sqliteOf(app.services).$client.prepare("SELECT survey_version AS version FROM waves WHERE study_id = 'mini-panel' AND code = 'W0'").get() as { version: number };
  assert.equal(wave.version, 2, 'wave W0 now uses version 2');
});
