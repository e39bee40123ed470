import assert from 'node:assert/strict';
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { projectRoot } from '../../server/config.ts';
import { loadSurveyVersion } from '../../server/surveys/registry.ts';
import { createTestApp, seedMiniStudies, tempDir, type MiniPanel, type TestApp } from '../helpers/app.ts';
import { launchBrowser, newPhoneContext } from '../helpers/browser.ts';
import { appText, languageNames, surveyJsText, type Lang } from '../e2e/support.ts';

/**
 * Scripts and markup in a survey title, in a translation, in completedHtml and in a respondent's
 * answer piped into a later question are shown as text in the respondent page: no element is
 * created from them and nothing runs. Checked in the DOM (not only through the CSP, which would
 * block inline scripts anyway).
 */

const mark = (where: string) => `<img src=x onerror="window.__xss='${where}'"><script>window.__xss='${where}-script'</script>`;
const answer = `${mark('answer')}<b>bold</b>`;

const definition = {
  title: `Vragenlijst ${mark('title')}`,
  completedHtml: `<p>Bedankt voor het meedoen</p>${mark('completed')}`,
  pages: [
    { name: 'p1', title: 'Deel 1', elements: [{ type: 'comment', name: 'q1', title: 'Wat wilt u zeggen?' }] },
    { name: 'p2', title: 'Deel 2', elements: [{ type: 'comment', name: 'q2', title: 'U zei: {q1}', description: 'Nog eens: {q1}' }] },
  ],
};

const english = {
  survey: { title: `Questionnaire ${mark('translated-title')}`, completedHtml: `<p>Thank you for taking part</p>${mark('translated-completed')}` },
  pages: { p1: { title: 'Part 1' }, p2: { title: 'Part 2' } },
  q1: { title: 'What would you like to say?' },
  q2: { title: `${mark('translation')} You said: {q1}` },
};

async function injected(page: Page): Promise<{ xss: unknown; images: number; scripts: number }> {
  return page.evaluate(() => ({
    xss: (window as unknown as { __xss?: unknown }).__xss,
    images: document.querySelectorAll('img[src="x"]').length,
    scripts: [...document.querySelectorAll('script')].filter((s) => s.textContent?.includes('__xss')).length,
  }));
}

describe('scripts in survey texts and answers are shown as text in the respondent page', () => {
  let t: TestApp;
  let panel: MiniPanel;
  let url: string;
  let browser: Browser;
  let dir: string;

  before(async () => {
    if (!fs.existsSync(path.join(projectRoot, 'dist', 'client', 'respondent.html'))) throw new Error('Build the client first: npm run build');
    dir = tempDir('wavepanel-xss-');
    fs.mkdirSync(path.join(dir, 'surveys', 'mini'), { recursive: true });
    fs.mkdirSync(path.join(dir, 'locales', 'en'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'surveys', 'mini', '1.json'), JSON.stringify(definition));
    fs.writeFileSync(path.join(dir, 'locales', 'en', 'mini.json'), JSON.stringify(english));
    fs.cpSync(path.join(projectRoot, 'locales', 'en', 'app.json'), path.join(dir, 'locales', 'en', 'app.json'));
    [t, browser] = await Promise.all([
      createTestApp({ config: { surveysDir: path.join(dir, 'surveys'), localesDir: path.join(dir, 'locales'), studiesDir: path.join(dir, 'studies'), clientDir: path.join(projectRoot, 'dist', 'client'), logLevel: 'warn' } }),
      launchBrowser(),
    ]);
    panel = await seedMiniStudies(t.services, 2);
    await t.app.listen({ host: '127.0.0.1', port: 0 });
    url = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
  });
  after(async () => {
    await browser?.close();
    await t?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('the registry refuses a definition that pipes an answer into HTML', () => {
    const file = path.join(dir, 'piped.json');
    fs.writeFileSync(file, JSON.stringify({ ...definition, completedHtml: '<p>U zei: {q1}</p>' }));
    assert.throws(() => loadSurveyVersion(file, 'piped', 1), /pipes \{q1\} into HTML/);
  });

  for (const [i, lang] of (['nl', 'en'] as Lang[]).entries()) {
    it(`in ${lang}: the title, the translation, the piped answer and the completion text create no element and run nothing`, async () => {
      const context = await newPhoneContext(browser);
      const page = await context.newPage();
      try {
        await page.goto(`${url}/t/${panel.tokens[i]}`);
        await page.getByRole('button', { name: languageNames[lang], exact: true }).click();
        await page.getByRole('button', { name: appText(lang, 'entry.start'), exact: true }).click();
        await page.locator('.sd-page').waitFor();
        await page.getByRole('textbox', { name: lang === 'en' ? english.q1.title : definition.pages[0]!.elements[0]!.title }).fill(answer);
        await page.getByRole('button', { name: surveyJsText(lang, 'pageNextText'), exact: true }).click();
        const title = page.locator('.sd-question__title').filter({ hasText: lang === 'en' ? 'You said:' : 'U zei:' });
        await title.waitFor();
        const shown = (await title.textContent()) ?? '';
        assert.ok(shown.includes(answer), `the answer is shown as the text it is: ${shown}`);
        if (lang === 'en') assert.ok(shown.includes(mark('translation')), `the translation's markup is shown as text: ${shown}`);
        assert.deepEqual(await injected(page), { xss: undefined, images: 0, scripts: 0 });

        await page.getByRole('button', { name: surveyJsText(lang, 'completeText'), exact: true }).click();
        await page.getByText(lang === 'en' ? 'Thank you for taking part' : 'Bedankt voor het meedoen').waitFor();
        assert.deepEqual(await injected(page), { xss: undefined, images: 0, scripts: 0 });
      } finally {
        await context.close();
      }
    });
  }

  it("the translators' preview lists the survey title and shows the translated survey as text", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    try {
      await page.goto(`${url}/preview?lang=nl`);
      const link = page.getByRole('link').filter({ hasText: 'Vragenlijst' });
      await link.waitFor();
      assert.ok(((await link.textContent()) ?? '').includes(mark('title')), 'the title is listed as the text it is');
      assert.deepEqual(await injected(page), { xss: undefined, images: 0, scripts: 0 });
      await page.goto(`${url}/preview/mini/1?lang=en`);
      await page.locator('.sd-page').waitFor();
      assert.deepEqual(await injected(page), { xss: undefined, images: 0, scripts: 0 });
    } finally {
      await context.close();
    }
  });
});
