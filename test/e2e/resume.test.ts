import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, newPhoneContext, saveScreenshot } from '../helpers/browser.ts';
import {
  answerRadio,
  appText,
  eventually,
  languageNames,
  next,
  responsesOf,
  startE2eServer,
  startWithToken,
  surveyJsText,
  surveyText,
  type E2eServer,
  type Lang,
} from './support.ts';

/**
 * A response survives what a phone does to a page (Back then Forward, a reload, the browser
 * discarding the tab), keeps the respondent's language across devices, and never shows a
 * finished survey's last page or a stale "no internet" again.
 */

let server: E2eServer;
let browser: Browser;

before(async () => {
  [server, browser] = await Promise.all([startE2eServer(), launchBrowser()]);
});

after(async () => {
  await browser?.close();
  await server?.close();
});

const langs: Lang[] = ['nl', 'ar', 'ti'];

async function pageTitle(page: Page): Promise<string | null> {
  return page.locator('.sd-page__title').first().textContent();
}

/** Everything a later user of the browser could read back: address, web storage, cookies. */
async function reachable(page: Page): Promise<string> {
  return page.evaluate(() => [location.href, JSON.stringify({ ...localStorage }), JSON.stringify({ ...sessionStorage }), document.cookie].join('\n'));
}

for (const [index, lang] of langs.entries()) {
  test(`in ${lang}, Back then Forward and a reload bring back the current page with its answers, without the code being typed again or kept anywhere`, async () => {
    const token = await server.token(1 + index);
    const context = await newPhoneContext(browser, { locale: 'nl-NL' });
    const page = await context.newPage();
    await page.goto('about:blank');
    await startWithToken(page, server, token, lang);
    await answerRadio(page, surveyText(lang, 'eaa-t0', 'consent.labelTrue'));
    await next(page, lang);
    await answerRadio(page, surveyText(lang, 'eaa-t0', 'gender.choices.woman'));
    await next(page, lang);
    const healthTitle = surveyText(lang, 'eaa-t0', 'pages.health.title');
    assert.equal(await pageTitle(page), healthTitle);

    await page.goBack();
    assert.equal(page.url(), 'about:blank', 'Android Back leaves the app');
    await page.goForward();
    await page.getByText(healthTitle, { exact: true }).waitFor();
    assert.equal(await page.getAttribute('html', 'lang'), lang, 'in the language of the response');

    await page.reload();
    await page.getByText(healthTitle, { exact: true }).waitFor();
    assert.equal(await page.getAttribute('html', 'lang'), lang);
    await page.getByRole('button', { name: surveyJsText(lang, 'pagePrevText'), exact: true }).click();
    await page.getByRole('radio', { name: surveyText(lang, 'eaa-t0', 'gender.choices.woman'), exact: true }).waitFor({ state: 'attached' });
    assert.equal(await page.getByRole('radio', { name: surveyText(lang, 'eaa-t0', 'gender.choices.woman'), exact: true }).isChecked(), true, 'the answer came back too');

    const kept = await reachable(page);
    assert.ok(!kept.toUpperCase().includes(token), 'the token is in no address, storage or cookie');
    assert.equal(new URL(page.url()).pathname, '/');
    await context.close();
  });
}

for (const [index, lang] of langs.entries()) {
  test(`in ${lang}, a reload of the letter's page after switching language keeps the code and the language, and Start drops the code from the tab`, async () => {
    const token = await server.token(40 + index);
    const context = await newPhoneContext(browser, { locale: 'en-GB' });
    const page = await context.newPage();
    const letterLanguage = lang === 'nl' ? 'tr' : 'nl';
    await page.goto(`${server.url}/t/${token}?lang=${letterLanguage}`);
    await page.getByRole('heading', { level: 1, name: appText(letterLanguage, 'entry.heading') }).waitFor();
    await page.getByRole('button', { name: languageNames[lang], exact: true }).click();
    await page.getByRole('heading', { level: 1, name: appText(lang, 'entry.heading') }).waitFor();
    await page.reload();
    await page.getByRole('heading', { level: 1, name: appText(lang, 'entry.heading') }).waitFor();
    assert.equal(await page.getAttribute('html', 'lang'), lang, 'the language switched to comes back');
    assert.equal(new URL(page.url()).pathname, '/', 'the address holds no code');
    await page.getByRole('button', { name: appText(lang, 'entry.start'), exact: true }).click();
    await page.getByText(surveyText(lang, 'eaa-t0', 'consent.title'), { exact: true }).waitFor();
    const kept = await reachable(page);
    assert.ok(!kept.toUpperCase().includes(token), 'once started, the token is in no address, storage or cookie');
    await context.close();
  });
}

for (const [index, lang] of langs.entries()) {
  test(`a respondent who chose ${lang} and changed nothing else gets ${lang} on another device, without choosing it again`, async () => {
    const participant = 4 + index;
    const token = await server.token(participant);
    const first = await newPhoneContext(browser, { locale: 'tr-TR' });
    const phone = await first.newPage();
    // Chosen on the first device; switched to during the survey, without turning a page.
    const before = lang === 'ar' ? 'ti' : 'ar';
    await startWithToken(phone, server, token, before);
    await phone.getByRole('button', { name: languageNames[lang], exact: true }).click();
    await phone.getByText(surveyText(lang, 'eaa-t0', 'consent.title'), { exact: true }).waitFor();
    await eventually(() => responsesOf(server, participant)[0], (row) => row?.locale === lang);
    await first.close();

    const second = await newPhoneContext(browser, { locale: 'en-GB' });
    const other = await second.newPage();
    await other.goto(`${server.url}/t/${token}`);
    await other.getByRole('button', { name: appText('en', 'entry.start'), exact: true }).click();
    await other.getByText(surveyText(lang, 'eaa-t0', 'consent.title'), { exact: true }).waitFor();
    assert.equal(await other.getAttribute('html', 'lang'), lang);
    await second.close();
  });
}

for (const [index, lang] of langs.entries()) {
  test(`the QR code of a letter in ${lang} opens the app in ${lang}, whatever the phone's language`, async () => {
    const context = await newPhoneContext(browser, { locale: 'en-GB' });
    const page = await context.newPage();
    await page.goto(`${server.url}/t/${await server.token(7 + index)}?lang=${lang}`);
    await page.getByRole('heading', { level: 1, name: appText(lang, 'entry.heading') }).waitFor();
    assert.equal(await page.getAttribute('html', 'lang'), lang);
    assert.equal(await page.getAttribute('html', 'dir'), lang === 'ar' ? 'rtl' : 'ltr');
    assert.equal(page.url(), `${server.url}/`, 'neither the token nor the language stays in the address');
    await page.getByRole('button', { name: appText(lang, 'entry.start'), exact: true }).click();
    await page.getByText(surveyText(lang, 'eaa-t0', 'consent.title'), { exact: true }).waitFor();
    await context.close();
  });
}

for (const [index, lang] of (['ar', 'ti'] as const).entries()) {
  test(`a letter's link in ${lang} brings that language's strings with the page: the first question comes without asking the server for them`, async () => {
    const context = await newPhoneContext(browser, { locale: 'en-GB' });
    const page = await context.newPage();
    const asked: string[] = [];
    page.on('request', (request) => {
      const { pathname } = new URL(request.url());
      if (pathname.startsWith(`/api/i18n/${lang}/`)) asked.push(pathname);
    });
    await page.goto(`${server.url}/t/${await server.token(16 + index)}?lang=${lang}`);
    await page.getByRole('button', { name: appText(lang, 'entry.start'), exact: true }).click();
    await page.getByText(surveyText(lang, 'eaa-t0', 'consent.title'), { exact: true }).waitFor();
    await page.getByRole('button', { name: surveyJsText(lang, 'pageNextText'), exact: true }).waitFor();
    assert.deepEqual(asked, []);
    await context.close();
  });
}

for (const [index, lang] of (['nl', 'ar', 'ti'] as const).entries()) {
  test(`a letter's link in ${lang} downloads the survey's definition while Start shows; the survey uses that copy, asked for once`, async () => {
    const context = await newPhoneContext(browser, { locale: 'en-GB' });
    const page = await context.newPage();
    // Nothing from the browser's cache: a second use of the definition would be a second request.
    await (await context.newCDPSession(page)).send('Network.setCacheDisabled', { cacheDisabled: true });
    const definitions: string[] = [];
    page.on('request', (request) => {
      const url = new URL(request.url());
      if (url.pathname.startsWith('/api/surveys/') && url.searchParams.get('locale') === lang) definitions.push(`${url.pathname}${url.search}`);
    });
    const downloaded = page.waitForResponse((response) => response.url().includes('/api/surveys/'));
    await page.goto(`${server.url}/t/${await server.token(30 + index)}?lang=${lang}`);
    await downloaded;
    const start = page.getByRole('button', { name: appText(lang, 'entry.start'), exact: true });
    await start.waitFor();
    assert.equal(definitions.length, 1, 'downloaded before Start is tapped');

    const session = page.waitForResponse((response) => response.url().endsWith('/api/respondent/sessions'));
    await start.click();
    const { survey } = (await (await session).json()) as { survey: { url: string } };
    await page.getByText(surveyText(lang, 'eaa-t0', 'consent.title'), { exact: true }).waitFor();
    await answerRadio(page, surveyText(lang, 'eaa-t0', 'consent.labelTrue'));
    assert.deepEqual(definitions, [survey.url], 'the survey shows the preloaded definition, and nothing asked for it again');
    await context.close();
  });
}

for (const [index, lang] of langs.entries()) {
  test(`in ${lang}, switching language after completing shows the thank-you in the new language, never the last page with its Send button`, async () => {
    const context = await newPhoneContext(browser);
    const page = await context.newPage();
    await startWithToken(page, server, await server.token(10 + index), lang);
    await answerRadio(page, surveyText(lang, 'eaa-t0', 'consent.labelFalse'));
    await page.getByRole('button', { name: surveyJsText(lang, 'completeText'), exact: true }).click();
    await page.getByRole('heading', { name: appText(lang, 'survey.completed') }).waitFor();
    const other: Lang = lang === 'nl' ? 'ar' : 'nl';
    await page.getByRole('button', { name: languageNames[other], exact: true }).click();
    await page.getByRole('heading', { name: appText(other, 'survey.completed') }).waitFor();
    assert.equal(await page.getByRole('button', { name: surveyJsText(other, 'completeText'), exact: true }).count(), 0, 'no Send button');
    assert.equal(await page.locator('.sd-page').count(), 0, 'no survey page');
    await page.reload();
    await page.getByRole('heading', { name: appText(other, 'survey.completed') }).waitFor();
    await context.close();
  });
}

for (const [index, lang] of langs.entries()) {
  test(`in ${lang}, an offline language switch keeps the page's direction and text, and no "no internet" message stays after reconnecting`, async () => {
    const context = await newPhoneContext(browser);
    const page = await context.newPage();
    let definitions = 0;
    page.on('response', (response) => {
      if (/\/api\/surveys\/eaa-t0\/1\?/.test(response.url())) definitions++;
    });
    const start: Lang = lang === 'nl' ? 'ti' : 'nl';
    await startWithToken(page, server, await server.token(13 + index), start);
    await eventually(() => definitions, (count) => count >= 5, 15000);
    await page.waitForLoadState('networkidle');
    await context.setOffline(true);
    await page.getByRole('button', { name: languageNames[lang], exact: true }).click();
    await page.getByText(surveyText(lang, 'eaa-t0', 'consent.title'), { exact: true }).waitFor();
    const dir = lang === 'ar' ? 'rtl' : 'ltr';
    assert.equal(await page.getAttribute('html', 'dir'), dir);
    assert.equal(await page.locator('.sd-root-modern').evaluate((element) => getComputedStyle(element).direction), dir, 'the survey runs in the language\'s direction');
    await saveScreenshot(page, `offline-switch-${lang}`, false);

    await answerRadio(page, surveyText(lang, 'eaa-t0', 'consent.labelFalse'));
    await page.getByRole('button', { name: surveyJsText(lang, 'completeText'), exact: true }).click();
    await page.getByText(appText(lang, 'survey.waitingToComplete')).waitFor();
    await context.setOffline(false);
    await page.getByRole('heading', { name: appText(lang, 'survey.completed') }).waitFor();
    assert.equal(await page.getByRole('alert').count(), 0, 'no alert left');
    assert.equal(await page.getByText(appText(lang, 'survey.waitingToComplete')).count(), 0, 'no offline note left');
    assert.equal(await page.getByText(appText(lang, 'errors.network')).count(), 0);
    await context.close();
  });
}
