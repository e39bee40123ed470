import fs from 'node:fs';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { surveyLocalization } from 'survey-core';
import 'survey-core/i18n/dutch';
import 'survey-core/i18n/arabic';
import 'survey-core/i18n/turkish';
import { projectRoot } from '../../server/config.ts';
import { demoToken } from '../../server/demo/seed.ts';
import { type ListeningTestApp, listenTestApp, sqliteOf } from '../helpers/app.ts';

/**
 * Browser tests of the respondent app. One real server per test file: the whole app on
 * 127.0.0.1 (random port), a temporary database with the demo seed (panel `eaa`, anonymous
 * `eaa-cross`) and the built client from `dist/client`. Tests find elements by role and by the
 * visible text a respondent reads, taken from the same translation files the app uses.
 */

export type Lang = 'nl' | 'en' | 'ar' | 'tr' | 'ti';
export const langs: Lang[] = ['nl', 'en', 'ar', 'tr', 'ti'];
export const languageNames: Record<Lang, string> = { nl: 'Nederlands', en: 'English', ar: 'العربية', tr: 'Türkçe', ti: 'ትግርኛ' };

export interface E2eServer extends ListeningTestApp {
  /** A demo participant's token (`EAA-<index>`; past the seeded 20 they are added); each test uses its own participants. */
  token: (index: number) => Promise<string>;
}

export async function startE2eServer(): Promise<E2eServer> {
  const test = await listenTestApp({ surveys: 'demo' });
  const token = async (index: number) => {
    const made = demoToken(test.services, index);
    const tokenHash = test.services.hash('token', made);
    if (!(await test.services.participants.findActiveByTokenHash(tokenHash))) {
      await test.services.participants.insert({ studyId: 'eaa', pseudonym: `EAA-${String(index).padStart(4, '0')}`, tokenHash, createdAt: test.services.now() });
    }
    return made;
  };
  return { ...test, token };
}

function readJson(file: string): Record<string, unknown> {
  return JSON.parse(fs.readFileSync(path.join(projectRoot, file), 'utf8')) as Record<string, unknown>;
}

function lookup(tree: Record<string, unknown>, key: string): string | undefined {
  let node: unknown = tree;
  for (const part of key.split('.')) node = node && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined;
  return typeof node === 'string' ? node : undefined;
}

/** An app string (`locales/<lang>/app.json`) as the respondent sees it. */
export function appText(lang: Lang, key: string, values: Record<string, string> = {}): string {
  const text = lookup(readJson(`locales/${lang}/app.json`), key) ?? lookup(readJson('locales/nl/app.json'), key);
  if (text === undefined) throw new Error(`no app string ${key}`);
  return text.replace(/\{\{(\w+)\}\}/g, (_, name: string) => values[name] ?? '');
}

/** A survey string (`locales/<lang>/<survey>.json`, falling back to the Dutch source). */
export function surveyText(lang: Lang, survey: string, key: string): string {
  const text = lookup(readJson(`locales/${lang}/${survey}.json`), key) ?? lookup(readJson(`locales/nl/${survey}.json`), key);
  if (text === undefined) throw new Error(`no survey string ${survey} ${key}`);
  return text;
}

/** SurveyJS's own button captions in a language, as the app registers them. */
export function surveyJsText(lang: Lang, name: 'pageNextText' | 'pagePrevText' | 'completeText'): string {
  if (lang === 'ti') return lookup(readJson('locales/ti/surveyjs.json'), name)!;
  return (surveyLocalization.locales[lang] as Record<string, string>)[name]!;
}

/** The entry page in a language (chosen with the language chooser, as a respondent would). */
export async function openEntry(page: Page, url: string, lang: Lang): Promise<void> {
  await page.goto(url);
  await page.getByRole('button', { name: languageNames[lang], exact: true }).click();
  await page.getByRole('button', { name: appText(lang, 'entry.start'), exact: true }).waitFor();
}

/** Opens the letter's link, chooses the language and starts: the first survey page is shown. */
export async function startWithToken(page: Page, server: E2eServer, token: string, lang: Lang): Promise<void> {
  await openEntry(page, `${server.url}/t/${token}`, lang);
  await page.getByRole('button', { name: appText(lang, 'entry.start'), exact: true }).click();
  await page.locator('.sd-page').waitFor();
}

/** Taps an answer's label, as a person would (the radio itself is visually hidden by SurveyJS). */
export async function answerRadio(page: Page, label: string): Promise<void> {
  const radio = page.getByRole('radio', { name: label, exact: true });
  await page.locator('label').filter({ has: radio }).click();
  await page.waitForFunction((element) => (element as HTMLInputElement).checked, await radio.elementHandle());
}

/** Picks a country in a country dropdown by the name the respondent sees in their language. */
export async function chooseCountry(page: Page, question: string, lang: Lang, code: string): Promise<void> {
  await page.getByRole('combobox', { name: question, exact: true }).click({ force: true });
  await page.getByRole('option', { name: new Intl.DisplayNames([lang], { type: 'region' }).of(code), exact: true }).click();
}

/**
 * Taps Next and waits for the next page's title. Every page of the demo surveys has a title of its
 * own; while SurveyJS renders there may be none for a moment, which is not yet the next page.
 */
export async function next(page: Page, lang: Lang): Promise<void> {
  const title = await page.locator('.sd-page__title').first().textContent();
  await page.getByRole('button', { name: surveyJsText(lang, 'pageNextText'), exact: true }).click();
  await page.waitForFunction((previous) => {
    const shown = document.querySelector('.sd-page__title')?.textContent;
    return shown !== undefined && shown !== previous;
  }, title);
}

/** Clicks "next" until the last page, answering with `answer` on each page shown (by its page name). */
export async function goToLastPage(page: Page, lang: Lang, answer: (pageTitle: string) => Promise<void> = async () => undefined): Promise<void> {
  const complete = page.getByRole('button', { name: surveyJsText(lang, 'completeText'), exact: true });
  for (let i = 0; i < 20; i++) {
    await answer((await page.locator('.sd-page__title').first().textContent()) ?? '');
    if (await complete.isVisible()) return;
    await next(page, lang);
  }
  throw new Error('never reached the last page');
}

export async function completeSurvey(page: Page, lang: Lang): Promise<void> {
  await page.getByRole('button', { name: surveyJsText(lang, 'completeText'), exact: true }).click();
  await page.getByText(appText(lang, 'survey.completed')).waitFor();
}

export interface ResponseRow {
  id: string;
  study_id: string;
  wave_code: string;
  participant_id: number | null;
  answers: string;
  page_no: number;
  locale: string;
  channel: string;
  completed_at: number | null;
}

/** The stored responses of a demo participant (by index), oldest first. */
export function responsesOf(server: E2eServer, participant: number): ResponseRow[] {
  return sqliteOf(server.services).$client
    .prepare(
      `select r.id, r.study_id, w.code as wave_code, r.participant_id, r.answers, r.page_no, r.locale, r.channel, r.completed_at
       from responses r join waves w on w.id = r.wave_id join participants p on p.id = r.participant_id
       where p.pseudonym = ? order by r.started_at`,
    )
    .all(`EAA-${String(participant).padStart(4, '0')}`) as ResponseRow[];
}

export function submissionCount(server: E2eServer, responseId: string): number {
  const row = sqliteOf(server.services).$client.prepare('select count(*) as n from submissions where response_id = ?').get(responseId) as { n: number };
  return row.n;
}

export function allResponses(server: E2eServer): ResponseRow[] {
  return sqliteOf(server.services).$client
    .prepare('select r.id, r.study_id, w.code as wave_code, r.participant_id, r.answers, r.page_no, r.locale, r.channel, r.completed_at from responses r join waves w on w.id = r.wave_id')
    .all() as ResponseRow[];
}

/** Waits (polling the database) until `check` holds, for what the browser sends in the background. */
export async function eventually<T>(read: () => T | Promise<T>, check: (value: T) => boolean, timeoutMs = 15000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (check(value)) return value;
    if (Date.now() > until) throw new Error(`condition not met in time; last value: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Everything the page keeps in web storage and IndexedDB, for "nothing left behind" checks. */
export async function deviceStorage(page: Page): Promise<{ local: number; session: number; databases: number }> {
  return page.evaluate(async () => ({
    local: localStorage.length,
    session: sessionStorage.length,
    databases: (await indexedDB.databases()).length,
  }));
}

export async function closeAll(...contexts: BrowserContext[]): Promise<void> {
  await Promise.all(contexts.map((context) => context.close()));
}
