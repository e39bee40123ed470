import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, newPhoneContext, seriousAccessibilityViolations } from '../helpers/browser.ts';
import { appText, langs, startE2eServer, surveyText, type E2eServer, type Lang } from './support.ts';

/**
 * Every page of the EAA questionnaire, in every language, on a phone: no serious or critical
 * accessibility violation, written in the page's language, one top-level heading. The preview shows
 * every question at once (none hidden by an earlier answer), so each question type is checked:
 * yes/no, country lists, checkboxes with the "other, namely" box open, number and text fields,
 * single choice, the rating scale with faces and the matrix.
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

const survey = 'eaa-t0';

/** Elements whose language is not the page's: the language chooser's own names excepted. */
async function otherLanguageMarks(page: Page, lang: Lang): Promise<string[]> {
  return page.evaluate(
    (expected) => [
      ...(document.documentElement.lang === expected ? [] : [`html lang="${document.documentElement.lang}"`]),
      ...[...document.querySelectorAll<HTMLElement>('body [lang]')]
        .filter((element) => element.lang !== expected && !element.closest('.languages'))
        .map((element) => `${element.tagName.toLowerCase()}.${element.className} lang="${element.lang}"`),
    ],
    lang,
  );
}

async function pageFindings(page: Page, lang: Lang): Promise<string[]> {
  const headings = await page.locator('h1').count();
  return [
    ...(await seriousAccessibilityViolations(page)),
    ...(await otherLanguageMarks(page, lang)),
    ...(headings === 1 ? [] : [`${headings} h1 headings`]),
  ];
}

// The languages in parallel, each in its own context: axe takes about two seconds a page.
describe('the questionnaire on a phone', { concurrency: langs.length }, () => {
  for (const lang of langs) {
    test(`in ${lang}, every page of the questionnaire on a phone has no serious accessibility violation, the language marked and one h1`, async () => {
    const context = await newPhoneContext(browser);
    const page = await context.newPage();
    await page.goto(`${server.url}/preview/${survey}/1?lang=${lang}`);
    await page.locator('.sd-page').waitFor();
    await page.evaluate(() => document.fonts.ready);
    const pageButtons = page.getByRole('navigation', { name: appText(lang, 'preview.pages') }).getByRole('button');
    const count = await pageButtons.count();
    assert.equal(count, 10);
    const findings: Record<string, string[]> = {};
    for (let index = 0; index < count; index++) {
      const button = pageButtons.nth(index);
      await button.click();
      await page.waitForFunction((element) => element?.getAttribute('aria-current') === 'page', await button.elementHandle());
      const name = (await button.textContent()) ?? String(index);
      if (name.endsWith('background')) {
        // The "other, namely" box shows once "other" is ticked.
        await page.getByRole('checkbox', { name: surveyText(lang, survey, 'cultural_background.otherText'), exact: true }).check({ force: true });
        await page.locator('.sd-selectbase__other textarea, .sd-selectbase__other input').first().waitFor();
      }
      const found = await pageFindings(page, lang);
      if (found.length > 0) findings[name] = found;
    }
    assert.deepEqual(findings, {});
    await context.close();
  });
  }
});
