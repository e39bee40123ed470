import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { launchBrowser, saveScreenshot } from '../helpers/browser.ts';
import { allResponses, appText, startE2eServer, surveyText, type E2eServer } from './support.ts';

let server: E2eServer;
let browser: Browser;

before(async () => {
  [server, browser] = await Promise.all([startE2eServer(), launchBrowser()]);
});

after(async () => {
  await browser?.close();
  await server?.close();
});

test('the translator preview lists the surveys and shows every page of one in a language without saving anything', async () => {
  const context = await browser.newContext({ viewport: { width: 1024, height: 900 } });
  const page = await context.newPage();
  const respondentCalls: string[] = [];
  // The demo's synthetic panel has answers already: the preview adds none.
  const storedBefore = allResponses(server).length;
  page.on('request', (request) => {
    if (new URL(request.url()).pathname.startsWith('/api/respondent')) respondentCalls.push(request.url());
  });

  await page.goto(`${server.url}/preview?lang=ti`);
  await page.getByText(appText('ti', 'preview.banner')).waitFor();
  await page.getByRole('link', { name: /eaa-t0, v1/ }).click();
  await page.locator('.sd-page').waitFor();
  assert.equal(new URL(page.url()).pathname, '/preview/eaa-t0/1');

  const pageButtons = page.getByRole('navigation', { name: appText('ti', 'preview.pages') }).getByRole('button');
  const count = await pageButtons.count();
  assert.ok(count >= 10, `every page is reachable (${count})`);
  // Pages normally shown only after consent, and questions behind conditions, are all shown.
  await pageButtons.filter({ hasText: 'background' }).click();
  await page.getByText(surveyText('ti', 'eaa-t0', 'years_in_nl.title')).waitFor();
  await pageButtons.filter({ hasText: 'self_reliance' }).click();
  await page.getByText(surveyText('ti', 'eaa-t0', 'self_reliance.title')).first().waitFor();

  await page.getByRole('checkbox', { name: appText('ti', 'preview.showKeys') }).check();
  await page.getByText(`[self_reliance.title] ${surveyText('ti', 'eaa-t0', 'self_reliance.title')}`).first().waitFor();
  await page.getByText(`[self_reliance.rows.finances]`).first().waitFor();
  await saveScreenshot(page, 'preview-ti-keys', false);

  await page.getByRole('button', { name: 'العربية' }).click();
  await page.getByText(appText('ar', 'preview.banner')).waitFor();
  assert.equal(await page.getAttribute('html', 'dir'), 'rtl');
  assert.equal(new URL(page.url()).searchParams.get('lang'), 'ar');

  assert.deepEqual(respondentCalls, [], 'the preview never calls the respondent API');
  assert.equal(allResponses(server).length, storedBefore, 'no response is stored');
  await context.close();
});
