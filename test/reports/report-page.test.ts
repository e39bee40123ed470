import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, saveScreenshot, seriousAccessibilityViolations } from '../helpers/browser.ts';
import { type ListeningTestApp, listenTestApp } from '../helpers/app.ts';
import { generatePanel, generatedPanelDirs, type GeneratedPanel } from '../fixtures/exports/panel-generator.ts';
import { addUser, testPassword } from '../researcher/sign-in.ts';
import { parseCsv } from '../exports/read-csv.ts';

/** The report and export pages in a real browser, on a generated panel. */

let t: ListeningTestApp;
let url: string;
let browser: Browser;
let panel: GeneratedPanel;

before(async () => {
  t = await listenTestApp({ config: generatedPanelDirs });
  url = t.url;
  panel = await generatePanel(t.services.database, { participants: 200, seed: 31 });
  await addUser(t.services, 'rita', 'researcher', ['eaa']);
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await t?.close();
});

async function signedIn(): Promise<Page> {
  const context = await browser.newContext({ acceptDownloads: true, viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.goto(`${url}/researcher`);
  await page.getByLabel('Username').fill('rita');
  await page.getByLabel('Password').fill(testPassword);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Studies' }).waitFor();
  return page;
}

test('the report page shows every table with charts, and no serious accessibility violation', async () => {
  const page = await signedIn();
  await page.goto(`${url}/researcher/studies/eaa/reports`);
  await page.getByRole('heading', { level: 2, name: 'Panel report' }).waitFor();
  for (const caption of [
    'Wave T0: By wave and migration group (95% intervals)',
    'Wave T2: By wave and diagnosis advice (95% intervals)',
    'Respondents (at least one wave) per group by each rule',
    'Change in the balanced panel per group',
  ]) {
    await page.getByRole('table', { name: caption }).waitFor();
  }
  assert.ok((await page.locator('canvas').count()) >= 4);
  const table = page.getByRole('table', { name: 'Respondents (at least one wave) per group by each rule' });
  const respondents = panel.participants.filter((p) => Object.values(p.completed).some(Boolean)).length;
  assert.equal(await table.getByRole('row', { name: /^Total/ }).getByRole('cell').first().innerText(), String(respondents));
  assert.deepEqual(await seriousAccessibilityViolations(page), []);
  await saveScreenshot(page, 'researcher-report');
  await saveScreenshot(page, 'researcher-report-top', false);
  await page.context().close();
});

test('the export page downloads the wide CSV of the study', async () => {
  const page = await signedIn();
  await page.goto(`${url}/researcher/studies/eaa/exports`);
  await page.getByRole('heading', { level: 2, name: 'Exports' }).waitFor();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Wide CSV' }).click()]);
  assert.equal(download.suggestedFilename(), 'eaa-wide.csv');
  const file = await download.path();
  assert.equal(parseCsv(fs.readFileSync(file, 'utf8')).length, 200);
  await saveScreenshot(page, 'researcher-exports');
  await page.context().close();
});

test('the report page downloads the report as a CSV table and as a PDF', async () => {
  const page = await signedIn();
  await page.goto(`${url}/researcher/studies/eaa/reports`);
  await page.getByRole('heading', { level: 2, name: 'Panel report' }).waitFor();
  const [csv] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'CSV table (numbers in columns)' }).click()]);
  assert.match(csv.suggestedFilename(), /^eaa-report-\d{4}-\d{2}-\d{2}\.csv$/);
  assert.match(fs.readFileSync(await csv.path(), 'utf8'), /^section,table,wave,group,measure,statistic,n,value,ci_lower,ci_upper,range_lower,range_upper,published\r\n/);
  const [pdf] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'PDF (A4, to print or send)' }).click()]);
  assert.equal(fs.readFileSync(await pdf.path()).subarray(0, 5).toString('latin1'), '%PDF-');
  await page.context().close();
});
