import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import QRCode from 'qrcode';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, newPhoneContext, saveScreenshot, seriousAccessibilityViolations } from '../helpers/browser.ts';
import {
  allResponses,
  answerRadio,
  chooseCountry,
  appText,
  completeSurvey,
  deviceStorage,
  eventually,
  goToLastPage,
  languageNames,
  type Lang,
  next,
  responsesOf,
  startE2eServer,
  surveyJsText,
  surveyText,
  type E2eServer,
} from './support.ts';

let server: E2eServer;
let browser: Browser;

/**
 * What the kiosk camera films: a Y4M video (Chromium's fake capture device) of a QR code. Chromium
 * opens the file each time the camera starts, so a test shows the camera another letter by
 * filming again before it starts scanning.
 */
let cameraFilm: string;

function filmQrCode(text: string): void {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const width = 640;
  const height = 480;
  const scale = Math.floor((height - 80) / modules.size);
  const offsetX = Math.floor((width - modules.size * scale) / 2);
  const offsetY = Math.floor((height - modules.size * scale) / 2);
  const luma = Buffer.alloc(width * height, 235);
  for (let y = 0; y < modules.size * scale; y++) {
    for (let x = 0; x < modules.size * scale; x++) {
      if (modules.get(Math.floor(y / scale), Math.floor(x / scale))) luma[(offsetY + y) * width + offsetX + x] = 16;
    }
  }
  const chroma = Buffer.alloc((width / 2) * (height / 2), 128);
  const frame = Buffer.concat([Buffer.from('FRAME\n'), luma, chroma, chroma]);
  fs.writeFileSync(cameraFilm, Buffer.concat([Buffer.from(`YUV4MPEG2 W${width} H${height} F10:1 Ip A1:1 C420jpeg\n`), frame, frame, frame]));
}

before(async () => {
  server = await startE2eServer();
  cameraFilm = path.join(server.dir, 'letter-qr.y4m');
  filmQrCode(`${server.url}/t/${await server.token(12)}`);
  browser = await launchBrowser(['--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream', `--use-file-for-fake-video-capture=${cameraFilm}`]);
});

after(async () => {
  await browser?.close();
  await server?.close();
});

const answerLabel = surveyText('nl', 'eaa-cross', 'gender.choices.other');

/** A visitor starts the anonymous survey, consents, answers a question and leaves traces in storage. */
async function startAnonymousVisit(page: Page, address: string): Promise<void> {
  await page.goto(`${server.url}${address}`);
  await page.getByRole('button', { name: appText('nl', 'kiosk.anonymous'), exact: true }).click();
  await page.locator('.sd-page').waitFor();
  await answerRadio(page, surveyText('nl', 'eaa-cross', 'consent.labelTrue'));
  await next(page, 'nl');
  await answerRadio(page, answerLabel);
  // Whatever a page might have stored on the device during the visit has to go as well.
  await page.evaluate(async () => {
    localStorage.setItem('visit', 'answers');
    sessionStorage.setItem('visit', 'answers');
    await new Promise((resolve) => {
      const request = indexedDB.open('visit');
      request.onsuccess = () => {
        request.result.close();
        resolve(null);
      };
    });
  });
  assert.deepEqual(await deviceStorage(page), { local: 1, session: 1, databases: 1 });
}

/** Nothing of the last visitor: not in storage, not on screen, not behind the back button. */
async function assertNothingLeft(page: Page): Promise<void> {
  await page.getByRole('heading', { name: appText('nl', 'kiosk.welcome') }).waitFor();
  assert.deepEqual(await deviceStorage(page), { local: 0, session: 0, databases: 0 });
  assert.equal(await page.locator('.sd-page').count(), 0);
  assert.equal(await page.locator('input:checked').count(), 0);
  assert.ok(!(await page.locator('body').innerText()).includes(answerLabel), 'the answer is not on screen');
  assert.equal(await page.evaluate(() => history.length), 2, 'the visit added no history entries');
  await page.goBack();
  const behind = await page.evaluate(() => document.body?.innerText ?? '');
  assert.ok(!behind.includes(answerLabel), 'going back shows no answer');
  assert.equal(await page.locator('.sd-page').count(), 0);
}

test('after completion the kiosk shows the start screen again and keeps nothing of the respondent', async () => {
  const context = await newPhoneContext(browser, { viewport: { width: 800, height: 1280 } });
  const page = await context.newPage();
  await startAnonymousVisit(page, '/kiosk?done=1');
  await goToLastPage(page, 'nl');
  await completeSurvey(page, 'nl');
  await page.getByText(appText('nl', 'kiosk.thanks')).waitFor();
  await assertNothingLeft(page);
  const stored = allResponses(server).filter((row) => row.study_id === 'eaa-cross' && row.channel === 'kiosk');
  assert.equal(stored.length, 1);
  assert.ok(stored[0]!.completed_at, 'the answers reached the server before the reset');
  assert.equal(JSON.parse(stored[0]!.answers).gender, 'other');
  await context.close();
});

test('after inactivity a warning counts down, then the kiosk resets and keeps nothing of the respondent', async () => {
  const context = await newPhoneContext(browser, { viewport: { width: 800, height: 1280 } });
  const page = await context.newPage();
  await startAnonymousVisit(page, '/kiosk?idle=4&warn=2');
  const warning = page.getByRole('alertdialog', { name: appText('nl', 'kiosk.idleTitle') });
  await warning.waitFor();
  await saveScreenshot(page, 'kiosk-inactivity-warning', false);
  await assertNothingLeft(page);
  await context.close();
});

test('a kiosk respondent who is still there keeps their answers when the warning is dismissed', async () => {
  const context = await newPhoneContext(browser, { viewport: { width: 800, height: 1280 } });
  const page = await context.newPage();
  await startAnonymousVisit(page, '/kiosk?idle=4&warn=60');
  await page.getByRole('button', { name: appText('nl', 'kiosk.stillHere') }).click();
  assert.equal(await page.getByRole('radio', { name: answerLabel, exact: true }).isChecked(), true);
  await context.close();
});

test('kiosk inputs never offer the autofill of earlier respondents', async () => {
  const context = await newPhoneContext(browser, { viewport: { width: 800, height: 1280 } });
  const page = await context.newPage();
  await page.goto(`${server.url}/kiosk`);
  await page.getByRole('button', { name: appText('nl', 'kiosk.typeCode'), exact: true }).click();
  assert.equal(await page.getByRole('textbox', { name: appText('nl', 'entry.tokenLabel') }).getAttribute('autocomplete'), 'off');
  await page.getByRole('button', { name: appText('nl', 'kiosk.anonymous'), exact: true }).click();
  await answerRadio(page, surveyText('nl', 'eaa-cross', 'consent.labelTrue'));
  await next(page, 'nl');
  await chooseCountry(page, surveyText('nl', 'eaa-cross', 'birth_country.title'), 'nl', 'SY');
  const years = page.getByRole('spinbutton', { name: surveyText('nl', 'eaa-cross', 'years_in_nl.title') });
  assert.equal(await years.getAttribute('autocomplete'), 'off');
  await context.close();
});

/** The kiosk's camera is shown participant `participant`'s letter (its link, `?lang=` when given) and scans it. */
async function scanLetter(participant: number, language: Lang | null, tapped: Lang | null): Promise<Page> {
  filmQrCode(`${server.url}/t/${await server.token(participant)}${language ? `?lang=${language}` : ''}`);
  const context = await newPhoneContext(browser, { viewport: { width: 800, height: 1280 }, permissions: ['camera'] });
  const page = await context.newPage();
  await page.goto(`${server.url}/kiosk`);
  if (tapped) await page.getByRole('button', { name: languageNames[tapped], exact: true }).click();
  await page.getByRole('button', { name: appText(tapped ?? 'nl', 'kiosk.scan'), exact: true }).click();
  await page.locator('.sd-page').waitFor({ timeout: 20_000 });
  return page;
}

test('the kiosk camera reads the QR code on a letter and opens the survey of that participant in the language tapped', async () => {
  const participant = 12;
  const page = await scanLetter(participant, null, 'ar');
  assert.equal(await page.getAttribute('html', 'dir'), 'rtl');
  const [row] = responsesOf(server, participant);
  assert.equal(row?.channel, 'kiosk');
  assert.equal(row?.locale, 'ar');
  await page.context().close();
});

for (const [participant, lang] of [[13, 'ar'], [14, 'ti']] as const) {
  test(`a letter in ${lang} scanned at the kiosk opens the survey in ${lang} without a language being tapped`, async () => {
    const page = await scanLetter(participant, lang, null);
    assert.equal(await page.getAttribute('html', 'lang'), lang);
    await page.getByRole('button', { name: surveyJsText(lang, 'pageNextText'), exact: true }).waitFor();
    assert.equal(responsesOf(server, participant)[0]?.locale, lang);
    await page.context().close();
  });
}

test('the kiosk start screen and the inactivity warning have no serious accessibility violations', async () => {
  const context = await newPhoneContext(browser, { viewport: { width: 800, height: 1280 } });
  const page = await context.newPage();
  await page.goto(`${server.url}/kiosk?idle=2&warn=60`);
  await page.getByRole('button', { name: 'ትግርኛ', exact: true }).click();
  await page.getByRole('heading', { name: appText('ti', 'kiosk.welcome') }).waitFor();
  assert.deepEqual(await seriousAccessibilityViolations(page), []);
  await saveScreenshot(page, 'kiosk-start-ti', false);
  await page.getByRole('alertdialog', { name: appText('ti', 'kiosk.idleTitle') }).waitFor();
  assert.deepEqual(await seriousAccessibilityViolations(page), []);
  await context.close();
});

const kioskLangs = ['nl', 'ar', 'ti'] as const;

/** A visitor in `lang` starts the anonymous survey, consents and answers on the second page. */
async function startVisitIn(page: Page, lang: (typeof kioskLangs)[number], address = '/kiosk'): Promise<void> {
  await page.goto(`${server.url}${address}`);
  await page.getByRole('button', { name: languageNames[lang], exact: true }).click();
  await page.getByRole('button', { name: appText(lang, 'kiosk.anonymous'), exact: true }).click();
  await page.locator('.sd-page').waitFor();
  await answerRadio(page, surveyText(lang, 'eaa-cross', 'consent.labelTrue'));
  await next(page, lang);
}

function crossAnswersWith(gender: string): number {
  return allResponses(server).filter((row) => row.study_id === 'eaa-cross' && JSON.parse(row.answers).gender === gender).length;
}

for (const lang of kioskLangs) {
  test(`in ${lang}, Done during the survey asks first: going on keeps the answers, stopping clears the kiosk`, async () => {
    const context = await newPhoneContext(browser, { viewport: { width: 800, height: 1280 } });
    const page = await context.newPage();
    await startVisitIn(page, lang);
    const answer = surveyText(lang, 'eaa-cross', 'gender.choices.other');
    await answerRadio(page, answer);
    await page.getByRole('button', { name: appText(lang, 'kiosk.finish'), exact: true }).click();
    const dialog = page.getByRole('alertdialog', { name: appText(lang, 'kiosk.finishTitle') });
    await dialog.getByText(appText(lang, 'kiosk.finishUnfinished')).waitFor();
    await saveScreenshot(page, `kiosk-done-${lang}`, false);
    await dialog.getByRole('button', { name: appText(lang, 'kiosk.finishCancel'), exact: true }).click();
    assert.equal(await page.getByRole('radio', { name: answer, exact: true }).isChecked(), true, 'nothing was wiped');

    await page.getByRole('button', { name: appText(lang, 'kiosk.finish'), exact: true }).click();
    await dialog.getByRole('button', { name: appText(lang, 'kiosk.finishConfirm'), exact: true }).click();
    await page.getByRole('heading', { name: appText('nl', 'kiosk.welcome') }).waitFor();
    assert.equal(await page.locator('.sd-page').count(), 0);
    await context.close();
  });
}

for (const lang of kioskLangs) {
  test(`in ${lang}, Done while an answer is still on its way offers to stop, says nothing of a missing connection, and the answer arrives`, async () => {
    const context = await newPhoneContext(browser, { viewport: { width: 800, height: 1280 } });
    const page = await context.newPage();
    await startVisitIn(page, lang);
    const gender = 'other';
    const before = crossAnswersWith(gender);
    // The next page's answers leave the tablet but the server's reply is held back until after "stop".
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let held!: () => void;
    const onItsWay = new Promise<void>((resolve) => (held = resolve));
    await page.route('**/api/respondent/responses/*/submissions', async (route) => {
      held();
      await released;
      await route.continue();
    });
    await answerRadio(page, surveyText(lang, 'eaa-cross', `gender.choices.${gender}`));
    await next(page, lang);
    await onItsWay;

    await page.getByRole('button', { name: appText(lang, 'kiosk.finish'), exact: true }).click();
    const dialog = page.getByRole('alertdialog', { name: appText(lang, 'kiosk.finishTitle') });
    await dialog.getByText(appText(lang, 'kiosk.finishUnfinished')).waitFor();
    assert.equal(await dialog.getByText(appText(lang, 'kiosk.finishUnsent')).count(), 0);
    await dialog.getByRole('button', { name: appText(lang, 'kiosk.finishConfirm'), exact: true }).click();
    await page.getByRole('heading', { name: appText('nl', 'kiosk.welcome') }).waitFor();
    release();
    await eventually(() => crossAnswersWith(gender), (count) => count === before + 1);
    await context.close();
  });
}

/**
 * Counts, in the page, the IndexedDB listings under way each time the kiosk asks the server to
 * clear the site: Chromium never answers a listing that Clear-Site-Data's clearing overtakes.
 */
const listingsAtResetProbe = `
  window.listingsAtReset = [];
  let listings = 0;
  const databases = IDBFactory.prototype.databases;
  IDBFactory.prototype.databases = function () {
    listings++;
    return databases.call(this).finally(() => listings--);
  };
  const send = window.fetch;
  window.fetch = (input, init) => {
    if (String(input).includes('/api/respondent/kiosk/reset')) window.listingsAtReset.push(listings);
    return send(input, init);
  };
`;

test('stopping with Done, the kiosk has emptied the device before it asks the server to clear the site, and shows its start screen', async () => {
  const context = await newPhoneContext(browser, { viewport: { width: 800, height: 1280 } });
  const page = await context.newPage();
  await page.addInitScript(listingsAtResetProbe);
  await startAnonymousVisit(page, '/kiosk');
  await page.getByRole('button', { name: appText('nl', 'kiosk.finish'), exact: true }).click();
  await page.getByRole('alertdialog').getByRole('button', { name: appText('nl', 'kiosk.finishConfirm'), exact: true }).click();
  await page.getByRole('heading', { name: appText('nl', 'kiosk.welcome') }).waitFor();
  assert.deepEqual(await page.evaluate('window.listingsAtReset'), [0], 'no IndexedDB listing under way when the site is cleared');
  await assertNothingLeft(page);
  await context.close();
});

for (const lang of kioskLangs) {
  test(`in ${lang}, answers queued without a connection are never lost: Done says so and offers only to wait, and inactivity's reset keeps them until they are sent`, async () => {
    const context = await newPhoneContext(browser, { viewport: { width: 800, height: 1280 } });
    const page = await context.newPage();
    await startVisitIn(page, lang, '/kiosk?idle=6&warn=2');
    const gender = 'other';
    await context.setOffline(true);
    await answerRadio(page, surveyText(lang, 'eaa-cross', `gender.choices.${gender}`));
    const before = crossAnswersWith(gender);
    await next(page, lang);
    await page.getByText(appText(lang, 'survey.offline')).waitFor();

    await page.getByRole('button', { name: appText(lang, 'kiosk.finish'), exact: true }).click();
    const dialog = page.getByRole('alertdialog', { name: appText(lang, 'kiosk.finishTitle') });
    await dialog.getByText(appText(lang, 'kiosk.finishUnsent')).waitFor();
    assert.equal(await dialog.getByRole('button', { name: appText(lang, 'kiosk.finishConfirm'), exact: true }).count(), 0, 'no way to stop yet');
    await dialog.getByRole('button', { name: appText(lang, 'kiosk.finishWait'), exact: true }).click();

    // The person walks away; the kiosk resets for the next one while still offline.
    await page.getByRole('heading', { name: appText('nl', 'kiosk.welcome') }).waitFor({ timeout: 20_000 });
    assert.equal(crossAnswersWith(gender), before, 'nothing sent yet');
    await context.setOffline(false);
    await eventually(() => crossAnswersWith(gender), (count) => count === before + 1);
    await context.close();
  });
}

test('the kiosk, read at arm\'s length, sets answers and titles larger than the phone does', async () => {
  const sizes: Record<string, number> = {};
  for (const [name, address, viewport] of [
    ['kiosk', '/kiosk', { width: 800, height: 1280 }],
    ['phone', '/kiosk', { width: 360, height: 740 }],
  ] as const) {
    const context = await newPhoneContext(browser, { viewport });
    const page = await context.newPage();
    if (name === 'kiosk') await startVisitIn(page, 'ar', address);
    else {
      await page.goto(`${server.url}/preview/eaa-cross/1?lang=ar`);
      await page.locator('.sd-page').waitFor();
    }
    sizes[name] = await page.locator('.sd-item__control-label').first().evaluate((label) => parseFloat(getComputedStyle(label).fontSize));
    await context.close();
  }
  assert.ok(sizes.kiosk! >= 1.2 * sizes.phone!, `kiosk ${sizes.kiosk}px, phone ${sizes.phone}px`);
});
