import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { checkToken } from '../../client/shared/token.ts';
import { day } from '../helpers/app.ts';
import { launchBrowser, newPhoneContext, saveScreenshot } from '../helpers/browser.ts';
import {
  answerRadio,
  chooseCountry,
  appText,
  completeSurvey,
  eventually,
  goToLastPage,
  next,
  openEntry,
  responsesOf,
  startE2eServer,
  startWithToken,
  submissionCount,
  surveyJsText,
  surveyText,
  type E2eServer,
} from './support.ts';

let server: E2eServer;
let browser: Browser;

before(async () => {
  [server, browser] = await Promise.all([startE2eServer(), launchBrowser()]);
});

after(async () => {
  await browser?.close();
  await server?.close();
});

test('a respondent completes T0 in Dutch and later T1 with the same token; both are stored and linked', async () => {
  const token = await server.token(1);
  const context = await newPhoneContext(browser);
  const page = await context.newPage();
  await startWithToken(page, server, token, 'nl');
  assert.equal(new URL(page.url()).pathname, '/', 'the token is taken out of the address bar');
  await answerRadio(page, surveyText('nl', 'eaa-t0', 'consent.labelTrue'));
  await next(page, 'nl');
  await chooseCountry(page, surveyText('nl', 'eaa-t0', 'birth_country.title'), 'nl', 'SY');
  await answerRadio(page, surveyText('nl', 'eaa-t0', 'gender.choices.woman'));
  await goToLastPage(page, 'nl', async (title) => {
    if (title === surveyText('nl', 'eaa-t0', 'pages.health.title')) await answerRadio(page, '7');
  });
  await completeSurvey(page, 'nl');
  await saveScreenshot(page, 'respondent-nl-completed', false);

  const [t0] = responsesOf(server, 1);
  assert.equal(t0?.wave_code, 'T0');
  assert.ok(t0?.completed_at, 'T0 is completed');
  assert.deepEqual(JSON.parse(t0!.answers), { consent: true, birth_country: 'SY', gender: 'woman', health: 7 });

  // Half a year later the T1 wave is open; the same letter's link opens it.
  const t0Time = server.clock.now();
  server.clock.advance(183 * day);
  await startWithToken(page, server, token, 'nl');
  await answerRadio(page, surveyText('nl', 'eaa-t1', 'consent.labelTrue'));
  await next(page, 'nl');
  assert.equal(await page.locator('.sd-page__title').first().textContent(), surveyText('nl', 'eaa-t1', 'pages.health.title'), 'the background block is not asked again');
  await answerRadio(page, '8');
  await goToLastPage(page, 'nl');
  await completeSurvey(page, 'nl');

  const rows = responsesOf(server, 1);
  assert.deepEqual(
    rows.map((row) => row.wave_code),
    ['T0', 'T1'],
  );
  assert.equal(rows[0]!.participant_id, rows[1]!.participant_id, 'both waves belong to one participant');
  assert.ok(rows[1]!.completed_at);
  assert.equal(JSON.parse(rows[1]!.answers).health, 8);
  server.clock.set(t0Time);
  await context.close();
});

test('in Arabic the page is laid out right to left and the respondent completes T0', async () => {
  const context = await newPhoneContext(browser);
  const page = await context.newPage();
  await startWithToken(page, server, await server.token(2), 'ar');
  assert.equal(await page.getAttribute('html', 'dir'), 'rtl');
  assert.equal(await page.getAttribute('html', 'lang'), 'ar');
  await answerRadio(page, surveyText('ar', 'eaa-t0', 'consent.labelTrue'));
  await next(page, 'ar');
  await answerRadio(page, surveyText('ar', 'eaa-t0', 'gender.choices.man'));
  const direction = await page.locator('.sd-root-modern').evaluate((element) => getComputedStyle(element).direction);
  assert.equal(direction, 'rtl', 'the survey itself runs right to left');
  await page.evaluate(() => window.scrollTo(0, 0));
  await saveScreenshot(page, 'respondent-ar-background', false);
  await goToLastPage(page, 'ar');
  await completeSurvey(page, 'ar');
  const [row] = responsesOf(server, 2);
  assert.ok(row?.completed_at);
  assert.equal(row?.locale, 'ar');
  await context.close();
});

test('a second device opening the same token resumes on the saved page with the saved answers', async () => {
  const token = await server.token(3);
  const phone = await newPhoneContext(browser);
  const first = await phone.newPage();
  await startWithToken(first, server, token, 'nl');
  await answerRadio(first, surveyText('nl', 'eaa-t0', 'consent.labelTrue'));
  await next(first, 'nl');
  await answerRadio(first, surveyText('nl', 'eaa-t0', 'gender.choices.other'));
  await next(first, 'nl');
  await eventually(() => responsesOf(server, 3)[0], (row) => row?.page_no === 2);
  await phone.close();

  const other = await newPhoneContext(browser);
  const second = await other.newPage();
  await startWithToken(second, server, token, 'nl');
  assert.equal(await second.locator('.sd-page__title').first().textContent(), surveyText('nl', 'eaa-t0', 'pages.health.title'));
  await second.getByRole('button', { name: surveyJsText('nl', 'pagePrevText'), exact: true }).click();
  assert.equal(await second.getByRole('radio', { name: surveyText('nl', 'eaa-t0', 'gender.choices.other'), exact: true }).isChecked(), true);
  await other.close();
});

test('answers given offline wait on the device and are stored exactly once after reconnecting', async () => {
  const context = await newPhoneContext(browser);
  const page = await context.newPage();
  await startWithToken(page, server, await server.token(4), 'nl');
  await answerRadio(page, surveyText('nl', 'eaa-t0', 'consent.labelTrue'));
  await next(page, 'nl');
  const [started] = await eventually(() => responsesOf(server, 4), (rows) => rows[0]?.page_no === 1);

  await context.setOffline(true);
  await answerRadio(page, surveyText('nl', 'eaa-t0', 'gender.choices.woman'));
  await next(page, 'nl');
  await answerRadio(page, '4');
  await next(page, 'nl');
  await page.getByText(appText('nl', 'survey.offline')).waitFor();
  assert.equal(responsesOf(server, 4)[0]!.page_no, 1, 'nothing reached the server while offline');
  const waiting = await page.evaluate(() => JSON.parse(localStorage.getItem('wavepanel.submissions') ?? '[]').length);
  assert.equal(waiting, 2, 'two pages wait on the device');
  await saveScreenshot(page, 'respondent-nl-offline', false);

  await context.setOffline(false);
  const [stored] = await eventually(() => responsesOf(server, 4), (rows) => rows[0]?.page_no === 3);
  assert.deepEqual(JSON.parse(stored!.answers), { consent: true, gender: 'woman', health: 4 });
  assert.equal(submissionCount(server, started!.id), 3, 'one submission per page, none twice');
  await eventually(
    () => page.evaluate(() => localStorage.getItem('wavepanel.submissions')),
    (value) => value === null,
  );
  await page.waitForTimeout(500);
  assert.equal(submissionCount(server, started!.id), 3);
  await context.close();
});

test('changing the language mid-survey keeps the page and the answers', async () => {
  const context = await newPhoneContext(browser);
  const page = await context.newPage();
  await startWithToken(page, server, await server.token(5), 'nl');
  await answerRadio(page, surveyText('nl', 'eaa-t0', 'consent.labelTrue'));
  await next(page, 'nl');
  await answerRadio(page, surveyText('nl', 'eaa-t0', 'gender.choices.no_answer'));
  await page.getByRole('button', { name: 'Türkçe', exact: true }).click();
  await page.getByText(surveyText('tr', 'eaa-t0', 'pages.background.title'), { exact: true }).waitFor();
  assert.equal(await page.getAttribute('html', 'lang'), 'tr');
  assert.equal(await page.getByRole('radio', { name: surveyText('tr', 'eaa-t0', 'gender.choices.no_answer'), exact: true }).isChecked(), true);
  await next(page, 'tr');
  await eventually(() => responsesOf(server, 5)[0], (row) => row?.page_no === 2 && JSON.parse(row.answers).gender === 'no_answer');
  await context.close();
});

test('a typo in the token is caught on the device, and an unknown token gets a message in the chosen language', async () => {
  const context = await newPhoneContext(browser);
  const page = await context.newPage();
  const sessionRequests: string[] = [];
  page.on('request', (request) => {
    if (request.url().endsWith('/api/respondent/sessions')) sessionRequests.push(request.url());
  });
  await openEntry(page, server.url, 'tr');
  const token = await server.token(6);
  const typo = token.slice(0, 5) + (token[5] === 'A' ? 'B' : 'A') + token.slice(6);
  const field = page.getByRole('textbox', { name: appText('tr', 'entry.tokenLabel') });
  await field.fill(typo);
  await page.getByRole('button', { name: appText('tr', 'entry.start'), exact: true }).click();
  await page.getByRole('alert').filter({ hasText: appText('tr', 'token.check') }).waitFor();
  assert.deepEqual(sessionRequests, [], 'nothing was sent');

  const unknown = '0'.repeat(26);
  const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
  const valid = [...alphabet].map((check) => unknown + check).find((candidate) => checkToken(candidate).ok)!;
  await field.fill(valid);
  await page.getByRole('button', { name: appText('tr', 'entry.start'), exact: true }).click();
  await page.getByRole('alert').filter({ hasText: appText('tr', 'errors.token_invalid') }).waitFor();
  assert.equal(sessionRequests.length, 1);
  await context.close();
});

test('between two waves the respondent is told, in their language, from when the next one is open', async () => {
  const context = await newPhoneContext(browser);
  const page = await context.newPage();
  const t0Time = server.clock.now();
  server.clock.advance(150 * day);
  try {
    await openEntry(page, `${server.url}/t/${await server.token(7)}`, 'en');
    await page.getByRole('button', { name: appText('en', 'entry.start'), exact: true }).click();
    const message = page.getByRole('alert');
    await message.waitFor();
    const text = await message.innerText();
    const [before] = appText('en', 'errors.wave_not_open', { date: '|' }).split('|');
    assert.ok(text.startsWith(before!), text);
    assert.match(text, /2026/, 'the opening date is shown');
  } finally {
    server.clock.set(t0Time);
  }
  await context.close();
});

test('the read-aloud button appears only where the device has a voice for the language', async () => {
  const context = await newPhoneContext(browser);
  const page = await context.newPage();
  await startWithToken(page, server, await server.token(8), 'nl');
  assert.equal(await page.getByRole('button', { name: appText('nl', 'survey.readAloud') }).count(), 0, 'no voice here, no button');
  await context.close();

  const withVoice = await newPhoneContext(browser);
  await withVoice.addInitScript(() => {
    const spoken: string[] = [];
    Object.assign(window, { spoken });
    const voice = { lang: 'nl-NL', name: 'Test', default: true, localService: true, voiceURI: 'test' };
    speechSynthesis.getVoices = () => [voice as SpeechSynthesisVoice];
    speechSynthesis.speak = (utterance) => {
      spoken.push(utterance.text);
      utterance.dispatchEvent(new Event('end'));
    };
  });
  const voiced = await withVoice.newPage();
  await startWithToken(voiced, server, await server.token(8), 'nl');
  await voiced.getByRole('button', { name: appText('nl', 'survey.readAloud') }).first().click();
  const spoken = await voiced.evaluate(() => (window as unknown as { spoken: string[] }).spoken);
  assert.equal(spoken.length, 1);
  assert.ok(spoken[0]!.includes(surveyText('nl', 'eaa-t0', 'consent.title')));
  assert.ok(spoken[0]!.includes(surveyText('nl', 'eaa-t0', 'consent.labelTrue')));
  await withVoice.close();
});

test('completing without a connection shows the completion only once the server has accepted it', async () => {
  const context = await newPhoneContext(browser);
  const page = await context.newPage();
  await startWithToken(page, server, await server.token(9), 'ar');
  await answerRadio(page, surveyText('ar', 'eaa-t0', 'consent.labelTrue'));
  await goToLastPage(page, 'ar');
  await context.setOffline(true);
  await page.getByRole('button', { name: surveyJsText('ar', 'completeText'), exact: true }).click();
  await page.getByText(appText('ar', 'survey.waitingToComplete')).waitFor();
  assert.equal(await page.getByText(appText('ar', 'survey.completed')).count(), 0, 'no completion shown yet');
  assert.equal(responsesOf(server, 9)[0]!.completed_at, null);
  await saveScreenshot(page, 'respondent-ar-offline-complete', false);
  await context.setOffline(false);
  await page.getByText(appText('ar', 'survey.completed')).waitFor();
  assert.ok(responsesOf(server, 9)[0]!.completed_at, 'stored as completed');
  await context.close();
});

test('a respondent who does not consent can close the survey at once, and only that choice is stored', async () => {
  const context = await newPhoneContext(browser);
  const page = await context.newPage();
  await startWithToken(page, server, await server.token(11), 'tr');
  await answerRadio(page, surveyText('tr', 'eaa-t0', 'consent.labelFalse'));
  await completeSurvey(page, 'tr');
  const [row] = responsesOf(server, 11);
  assert.ok(row?.completed_at);
  assert.deepEqual(JSON.parse(row!.answers), { consent: false });
  await context.close();
});
