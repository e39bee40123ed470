import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, newPhoneContext, saveScreenshot, seriousAccessibilityViolations } from '../helpers/browser.ts';
import { answerRadio, appText, chooseCountry, completeSurvey, goToLastPage, langs, surveyJsText, next, openEntry, startE2eServer, surveyText, type E2eServer, type Lang } from './support.ts';

let server: E2eServer;
let browser: Browser;

before(async () => {
  [server, browser] = await Promise.all([startE2eServer(), launchBrowser()]);
});

after(async () => {
  await browser?.close();
  await server?.close();
});

/** Axe findings that would stop a respondent: serious and critical ones. */
/**
 * Names that stay in Latin script in every language, because respondents meet them so in Dutch
 * letters and offices: the QR code, the CV, the benefit (bijstand), agencies (UWV, Belastingdienst)
 * and the Dutch school types.
 */
const names = new Set(['QR', 'CV', 'bijstand', 'UWV', 'Belastingdienst', 'vmbo', 'mavo', 'lbo', 'havo', 'vwo', 'mbo', 'hbo']);

/** Latin-script words in the visible text, outside elements marked as another language (the language chooser). */
async function latinLeftovers(page: Page): Promise<string[]> {
  const text = await page.evaluate(() => {
    const root = document.body.cloneNode(true) as HTMLElement;
    const documentLanguage = document.documentElement.lang;
    for (const element of root.querySelectorAll('[lang]')) if (element.getAttribute('lang') !== documentLanguage) element.remove();
    document.body.append(root);
    root.style.position = 'absolute';
    const visible = root.innerText;
    root.remove();
    return visible;
  });
  return (text.match(/[A-Za-zÀ-ɏ]+/g) ?? []).filter((word) => !names.has(word));
}

async function surveyPage(page: Page, lang: Lang, participant: number): Promise<void> {
  await openEntry(page, `${server.url}/t/${await server.token(participant)}`, lang);
  await page.getByRole('button', { name: appText(lang, 'entry.start'), exact: true }).click();
  await page.locator('.sd-page').waitFor();
  await answerRadio(page, surveyText(lang, 'eaa-t0', 'consent.labelTrue'));
  await next(page, lang);
}

for (const [index, lang] of langs.entries()) {
  test(`in ${lang}, the entry page and a survey page have no serious accessibility violations and are written in the language`, async () => {
    const context = await newPhoneContext(browser);
    const page = await context.newPage();
    await openEntry(page, server.url, lang);
    await page.evaluate(() => document.fonts.ready);
    assert.deepEqual(await seriousAccessibilityViolations(page), [], 'entry page');
    await saveScreenshot(page, `entry-${lang}`, false);
    if (lang === 'ar' || lang === 'ti') assert.deepEqual(await latinLeftovers(page), [], 'entry page text');

    await surveyPage(page, lang, 10 + index);
    await page.evaluate(() => document.fonts.ready);
    assert.deepEqual(await seriousAccessibilityViolations(page), [], 'survey page (background)');
    await saveScreenshot(page, `survey-${lang}`, false);
    if (lang === 'ar' || lang === 'ti') assert.deepEqual(await latinLeftovers(page), [], 'survey page text');
    // In logical order: survey-core's own Arabic string is in visual order and read backwards on a right-to-left page.
    if (lang === 'ar') assert.equal((await progress(page)).text, 'صفحة 2 من 10');
    // Country names in the language, even where the browser's Intl lacks it (Chromium and Tigrinya).
    await chooseCountry(page, surveyText(lang, 'eaa-t0', 'birth_country.title'), lang, 'ER');
    await next(page, lang);
    assert.deepEqual(await seriousAccessibilityViolations(page), [], 'survey page (health, with faces)');
    if (lang === 'ar' || lang === 'ti') assert.deepEqual(await latinLeftovers(page), [], 'health page text');
    await context.close();
  });
}

/** Visible controls smaller than 44 CSS pixels in either direction (WCAG target size for touch). */
async function smallTargets(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('button, a[href], input:not(.sd-visuallyhidden):not(.sv-visuallyhidden), [role="combobox"], label.sd-selectbase__label, label.sd-rating__item')]
      .filter((element) => element.offsetParent !== null && element.tabIndex !== -1)
      // A dropdown's combobox input sits inside the box that takes the tap.
      .map((element) => ({ element, box: (element.closest('.sd-dropdown') ?? element).getBoundingClientRect() }))
      .filter(({ box }) => box.width > 0 && (box.height < 44 || box.width < 44))
      .map(({ element, box }) => `${element.tagName.toLowerCase()} "${element.textContent?.trim().slice(0, 30)}" ${Math.round(box.width)}x${Math.round(box.height)}`),
  );
}

/** The progress bar's text and how far the bar is filled, in per cent of its width. */
async function progress(page: Page): Promise<{ text: string; filled: number }> {
  const bar = page.locator('.sd-progress');
  await bar.waitFor();
  return bar.evaluate((element) => {
    const fill = element.querySelector<HTMLElement>('.sd-progress__bar')!;
    return { text: (element.parentElement?.innerText ?? '').trim(), filled: Math.round((100 * fill.getBoundingClientRect().width) / element.getBoundingClientRect().width) };
  });
}

test('at 320 CSS pixels wide (a phone at 200% zoom) nothing scrolls sideways and touch targets are at least 44 pixels', async () => {
  const context = await newPhoneContext(browser, { viewport: { width: 320, height: 640 } });
  const page = await context.newPage();
  const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  await openEntry(page, server.url, 'nl');
  assert.equal(await overflow(), 0, 'entry page');
  assert.deepEqual(await smallTargets(page), [], 'entry page');
  await surveyPage(page, 'nl', 16);
  assert.equal(await overflow(), 0, 'background page');
  assert.deepEqual(await progress(page), { text: 'Pagina 2 van 10', filled: 10 }, 'a progress bar, not page steps running off the screen');
  assert.deepEqual(await smallTargets(page), [], 'background page');
  await next(page, 'nl');
  assert.equal(await overflow(), 0, 'health page');
  assert.deepEqual(await smallTargets(page), [], 'health page');
  await saveScreenshot(page, 'survey-nl-320px-health', false);
  await context.close();
});

for (const [index, lang] of (['ar', 'ti'] as const).entries()) {
  test(`in ${lang}, every page of the survey, SurveyJS's validation message and the completion are in the script of the language`, async () => {
    const context = await newPhoneContext(browser);
    const page = await context.newPage();
    await openEntry(page, `${server.url}/t/${await server.token(17 + index)}`, lang);
    await page.getByRole('button', { name: appText(lang, 'entry.start'), exact: true }).click();
    await page.locator('.sd-page').waitFor();
    // Skipping the one required question shows SurveyJS's own message.
    await page.getByRole('button', { name: surveyJsText(lang, 'pageNextText'), exact: true }).click();
    await page.locator('.sd-question__erbox').first().waitFor();
    assert.deepEqual(await latinLeftovers(page), [], 'consent page with its validation message');
    await answerRadio(page, surveyText(lang, 'eaa-t0', 'consent.labelTrue'));
    await goToLastPage(page, lang, async (title) => assert.deepEqual(await latinLeftovers(page), [], title));
    await completeSurvey(page, lang);
    assert.deepEqual(await latinLeftovers(page), [], 'completion');
    await context.close();
  });
}
