import assert from 'node:assert/strict';
import { cpSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { projectRoot } from '../../server/config.ts';
import { demoToken } from '../../server/demo/seed.ts';
import { readStatus, readStrings } from '../../server/i18n/catalog.ts';
import { i18nReport } from '../../server/i18n/i18n.service.ts';
import { listenTestApp, tempDir, type ListeningTestApp } from '../helpers/app.ts';
import { launchBrowser, newPhoneContext, saveScreenshot } from '../helpers/browser.ts';
import { addUser, testPassword } from '../researcher/sign-in.ts';
import { appText, languageNames, type Lang } from './support.ts';

/**
 * The translator workspace in a real browser, on the demo study with a copy of `locales/`: an
 * admin gives a translator Tigrinya and Arabic, the translator edits and saves a question in
 * each (the preview follows the typing), a respondent sees the new text at once (no build, no
 * restart), a reviewer marks it reviewed and the report counts it.
 */

let server: ListeningTestApp;
let browser: Browser;
let localesDir: string;

before(async () => {
  const dir = tempDir('wavepanel-translator-');
  localesDir = path.join(dir, 'locales');
  cpSync(path.join(projectRoot, 'locales'), localesDir, { recursive: true });
  [server, browser] = await Promise.all([listenTestApp({ surveys: 'demo', config: { localesDir } }), launchBrowser()]);
  await addUser(server.services, 'ada', 'admin');
  await addUser(server.services, 'tesfay', 'translator');
  await addUser(server.services, 'rana', 'translator');
});

after(async () => {
  await browser?.close();
  await server?.close();
  rmSync(path.dirname(localesDir), { recursive: true, force: true });
});

async function signIn(page: Page, url: string, username: string): Promise<void> {
  await page.goto(url);
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(testPassword);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

async function grant(page: Page, username: string, languages: Record<string, 'translate' | 'review'>): Promise<void> {
  const form = page.getByRole('group', { name: `Languages of ${username}` }).locator('xpath=..');
  for (const [lang, right] of Object.entries(languages)) {
    await form.getByRole('checkbox', { name: lang, exact: true }).check();
    if (right === 'review') await form.getByRole('checkbox', { name: `review ${lang}`, exact: true }).check();
  }
  await page.getByRole('button', { name: `Save languages of ${username}` }).click();
}

async function openFile(page: Page, lang: Lang, file: string): Promise<void> {
  await page.getByLabel('Translate into', { exact: true }).selectOption({ label: `${languageNames[lang]} (${lang})` });
  await page.getByLabel('File', { exact: true }).selectOption(file);
  await page.getByRole('heading', { name: 'consent.title', exact: true }).waitFor();
}

/** A string of the workspace (`locales/<lang>/researcher.json`) by its dotted key. */
function workspaceText(lang: 'nl' | 'en', key: string): string {
  let value: unknown = JSON.parse(readFileSync(path.join(projectRoot, 'locales', lang, 'researcher.json'), 'utf8'));
  for (const part of key.split('.')) value = (value as Record<string, unknown>)[part];
  if (typeof value !== 'string') throw new Error(`no workspace string ${key}`);
  return value;
}

/** What a respondent in `lang` reads as the first question, starting from a letter's link. */
async function firstQuestion(lang: Lang, participant: number): Promise<string> {
  const context = await newPhoneContext(browser);
  const page = await context.newPage();
  await page.goto(`${server.url}/t/${demoToken(server.services, participant)}`);
  await page.getByRole('button', { name: languageNames[lang], exact: true }).click();
  await page.getByRole('button', { name: appText(lang, 'entry.start'), exact: true }).click();
  const title = page.locator('.sd-question__title').first();
  await title.waitFor();
  const text = await title.innerText();
  await context.close();
  return text;
}

const tigrinya = 'ኣብዚ መጽናዕቲ ክትሳተፍ ትደሊ ዲኻ? (ሓድሽ)';
const arabic = 'هل تريد المشاركة في هذا البحث؟ (جديد)';

test('an admin gives languages, a translator edits Tigrinya and Arabic with a live preview, respondents see it at once, a reviewer marks it reviewed and the report counts it', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();

  await signIn(page, `${server.url}/researcher/users`, 'ada');
  await grant(page, 'tesfay', { ti: 'translate', ar: 'translate' });
  await page.getByRole('cell', { name: 'ar, ti', exact: true }).waitFor();
  await grant(page, 'rana', { ti: 'review', ar: 'review' });
  await page.getByRole('cell', { name: 'ar (reviews), ti (reviews)', exact: true }).waitFor();
  await page.getByRole('button', { name: 'Sign out' }).click();

  await signIn(page, `${server.url}/translate`, 'tesfay');
  await openFile(page, 'ti', 'eaa-t0');
  const preview = page.getByTestId('preview');
  const field = page.getByLabel('Translation of consent.title', { exact: true });
  await field.fill(tigrinya);
  await preview.getByText(tigrinya).waitFor();
  assert.equal(await preview.getAttribute('dir'), 'ltr');
  assert.ok((await preview.evaluate((el) => el.getBoundingClientRect().width)) <= 380, 'phone width');
  await saveScreenshot(page, 'translator-ti-preview', false);
  await page.getByRole('button', { name: 'Save consent.title', exact: true }).click();
  await page.getByText('Saved consent.title.').waitFor();

  await openFile(page, 'ar', 'eaa-t0');
  await page.getByLabel('Translation of consent.title', { exact: true }).fill(arabic);
  await preview.getByText(arabic).waitFor();
  assert.equal(await preview.getAttribute('dir'), 'rtl');
  assert.equal(await preview.locator('.sd-question__title').first().evaluate((el) => getComputedStyle(el).direction), 'rtl');
  await saveScreenshot(page, 'translator-ar-preview', false);
  await page.getByRole('button', { name: 'Save consent.title', exact: true }).click();
  await page.getByText('Saved consent.title.').waitFor();
  assert.equal(await page.getByRole('button', { name: 'Mark consent.title reviewed' }).count(), 0, 'a translator without review rights has no review button');

  // The title, then SurveyJS's required mark.
  assert.equal((await firstQuestion('ti', 1)).replace(/\s*\*$/, ''), tigrinya);
  assert.equal((await firstQuestion('ar', 2)).replace(/\s*\*$/, ''), arabic);

  await page.getByRole('button', { name: 'Sign out' }).click();
  const before = i18nReport({ surveysDir: server.config.surveysDir, localesDir }, ['ar']).find((r) => r.namespace === 'eaa-t0')!;
  await signIn(page, `${server.url}/translate`, 'rana');
  await openFile(page, 'ar', 'eaa-t0');
  await page.getByText('State: translated', { exact: true }).first().waitFor();
  await page.getByRole('button', { name: 'Mark consent.title reviewed', exact: true }).click();
  await page.getByText('Marked consent.title reviewed.').waitFor();
  const after = i18nReport({ surveysDir: server.config.surveysDir, localesDir }, ['ar']).find((r) => r.namespace === 'eaa-t0')!;
  assert.equal(after.reviewed, before.reviewed + 1);
  assert.equal(readStatus(localesDir, 'ar', 'eaa-t0')['consent.title']!.state, 'reviewed');
  assert.equal(readStrings(localesDir, 'ti', 'eaa-t0')['consent.title'], tigrinya);
  await context.close();
});

test('a translator who signs in at /researcher is told, in English and in Dutch, that their work is in the translator workspace, and the link takes them there', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-GB' });
  const page = await context.newPage();
  await addUser(server.services, 'mulu', 'translator');
  await signIn(page, `${server.url}/researcher/studies/eaa`, 'mulu');
  await page.getByRole('heading', { name: workspaceText('en', 'translator.heading'), exact: true }).waitFor();
  assert.equal(await page.getByRole('link', { name: 'Studies' }).count(), 0, 'no studies to go to');
  await page.getByLabel('Language').selectOption('nl');
  await page.getByRole('heading', { name: workspaceText('nl', 'translator.heading'), exact: true }).waitFor();
  await page.getByRole('link', { name: workspaceText('nl', 'translator.link'), exact: true }).click();
  await page.waitForURL(`${server.url}/translate`);
  await page.getByText(workspaceText('nl', 'translate.noLanguages'), { exact: true }).waitFor();
  await context.close();
});
