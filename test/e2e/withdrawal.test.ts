import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { launchBrowser, newPhoneContext, saveScreenshot, seriousAccessibilityViolations } from '../helpers/browser.ts';
import { addUser, testPassword } from '../researcher/sign-in.ts';
import { answerRadio, appText, next, openEntry, responsesOf, startE2eServer, startWithToken, surveyText, type E2eServer } from './support.ts';
import { sqliteOf } from '../helpers/app.ts';

let server: E2eServer;
let browser: Browser;

before(async () => {
  [server, browser] = await Promise.all([startE2eServer(), launchBrowser()]);
});

after(async () => {
  await browser?.close();
  await server?.close();
});

function statusOf(participant: number): string {
  const row = sqliteOf(server.services).$client.prepare('select status from participants where pseudonym = ?').get(`EAA-${String(participant).padStart(4, '0')}`) as { status: string };
  return row.status;
}

test('on a phone, a respondent deletes their answers in Dutch with the code of their letter, and the code then stops working', async () => {
  const token = await server.token(17);
  const context = await newPhoneContext(browser);
  const page = await context.newPage();
  await startWithToken(page, server, token, 'nl');
  await answerRadio(page, surveyText('nl', 'eaa-t0', 'consent.labelTrue'));
  await next(page, 'nl');
  assert.equal(responsesOf(server, 17).length, 1, 'an answer is stored');
  await context.close();

  const phone = await newPhoneContext(browser);
  const entry = await phone.newPage();
  await openEntry(entry, server.url, 'nl');
  await entry.getByRole('button', { name: appText('nl', 'withdrawal.link'), exact: true }).click();
  await entry.getByRole('heading', { name: appText('nl', 'withdrawal.heading') }).waitFor();
  await entry.getByLabel(appText('nl', 'entry.tokenLabel')).fill(token.toLowerCase());
  await entry.getByRole('button', { name: appText('nl', 'withdrawal.next'), exact: true }).click();
  await entry.getByRole('heading', { name: appText('nl', 'withdrawal.confirmHeading') }).waitFor();
  await entry.getByText(appText('nl', 'withdrawal.confirmText')).waitFor();
  assert.equal(responsesOf(server, 17).length, 1, 'nothing is deleted before the confirmation');
  await entry.getByRole('button', { name: appText('nl', 'withdrawal.confirm'), exact: true }).click();
  await entry.getByRole('status').filter({ hasText: appText('nl', 'withdrawal.done') }).waitFor();
  await saveScreenshot(entry, 'withdrawal-nl-done', false);
  assert.deepEqual(responsesOf(server, 17), []);
  assert.equal(statusOf(17), 'withdrawn');

  await openEntry(entry, `${server.url}/t/${token}`, 'nl');
  await entry.getByRole('button', { name: appText('nl', 'entry.start'), exact: true }).click();
  await entry.getByRole('alert').filter({ hasText: appText('nl', 'errors.token_invalid') }).waitFor();
  await phone.close();
});

test('in Arabic the confirmation explains what is deleted, right to left, and going back deletes nothing', async () => {
  const token = await server.token(18);
  const context = await newPhoneContext(browser);
  const page = await context.newPage();
  await startWithToken(page, server, token, 'ar');
  await context.close();
  assert.equal(responsesOf(server, 18).length, 1);

  const phone = await newPhoneContext(browser);
  const entry = await phone.newPage();
  await openEntry(entry, server.url, 'ar');
  await entry.getByRole('button', { name: appText('ar', 'withdrawal.link'), exact: true }).click();
  await entry.getByLabel(appText('ar', 'entry.tokenLabel')).fill(token);
  await entry.getByRole('button', { name: appText('ar', 'withdrawal.next'), exact: true }).click();
  const explanation = entry.getByText(appText('ar', 'withdrawal.confirmText'));
  await explanation.waitFor();
  assert.equal(await entry.evaluate(() => document.documentElement.dir), 'rtl');
  assert.equal(await explanation.evaluate((element) => getComputedStyle(element).direction), 'rtl');
  await entry.getByRole('button', { name: appText('ar', 'withdrawal.confirm'), exact: true }).waitFor();
  await saveScreenshot(entry, 'withdrawal-ar-confirm', false);
  assert.deepEqual(await seriousAccessibilityViolations(entry), []);

  await entry.getByRole('button', { name: appText('ar', 'withdrawal.back'), exact: true }).click();
  await entry.getByRole('button', { name: appText('ar', 'entry.start'), exact: true }).waitFor();
  assert.equal(responsesOf(server, 18).length, 1, 'going back deletes nothing');
  assert.equal(statusOf(18), 'active');
  await phone.close();
});

test('a researcher types the code from a letter a participant shows, sees the pseudonym, and withdraws them after confirming', async () => {
  const token = await server.token(19);
  const context = await newPhoneContext(browser);
  await startWithToken(await context.newPage(), server, token, 'tr');
  await context.close();
  assert.equal(responsesOf(server, 19).length, 1);

  await addUser(server.services, 'rita', 'researcher', ['eaa']);
  const desk = await browser.newContext();
  const page = await desk.newPage();
  await page.goto(`${server.url}/researcher`);
  await page.getByLabel('Username').fill('rita');
  await page.getByLabel('Password').fill(testPassword);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Studies' }).waitFor();
  await page.goto(`${server.url}/researcher/studies/eaa/participants`);
  await page.getByLabel('Code on the letter').fill(token.match(/.{1,5}/g)!.join('-'));
  await page.getByRole('button', { name: 'Find participant' }).click();
  await page.getByRole('alert').filter({ hasText: 'This code belongs to EAA-0019' }).waitFor();
  assert.equal(responsesOf(server, 19).length, 1, 'finding the participant deletes nothing');
  await page.getByRole('button', { name: 'Yes, withdraw EAA-0019' }).click();
  await page.getByRole('status').filter({ hasText: 'EAA-0019 is withdrawn: 1 response and' }).waitFor();
  assert.equal(await page.getByLabel('Code on the letter').inputValue(), '', 'the code is cleared from the page');
  assert.deepEqual(responsesOf(server, 19), []);
  assert.equal(statusOf(19), 'withdrawn');

  await page.getByLabel('Code on the letter').fill(token);
  await page.getByRole('button', { name: 'Find participant' }).click();
  await page.getByRole('alert').filter({ hasText: 'This code is not known' }).waitFor();
  await desk.close();
});
