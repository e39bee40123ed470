import { setupLocale } from 'survey-core';
import type { Catalog } from '../../../shared/contract/i18n.ts';
import { request } from '../api-client.ts';
import type { Language } from '../languages.ts';
import { stringsFromPage } from '../page-strings.ts';
import { surveyCoreDictionaries } from './survey-locales.ts';

/**
 * SurveyJS's own strings (buttons, progress, validation) for a language: survey-core's dictionary
 * (`survey-locales.ts`), or for the languages survey-core has none for (Tigrinya) the server's.
 * Like the app's strings those come from the server at run time (`locales/<lang>/surveyjs.json`
 * at `/api/i18n/<lang>/surveyjs`, revalidated with its ETag), so an edited translation shows
 * without a build. Kept in memory once loaded, so that a later switch to the language works
 * without a connection.
 */
const served: Partial<Record<Language, { nativeName: string; englishName: string }>> = {
  ti: { nativeName: 'ትግርኛ', englishName: 'Tigrinya' },
};

const loading = new Map<Language, Promise<void>>();
const registered = new Set<Language>();

function register(language: Language, strings: Catalog, names: { nativeName: string; englishName: string }): void {
  setupLocale({ localeCode: language, strings, ...names });
  registered.add(language);
}

// The letter's page brings the strings of its language along, as fresh as the page.
const withPage = stringsFromPage('surveyjs');
const withPageNames = withPage && served[withPage.language];
if (withPage && withPageNames) {
  register(withPage.language, withPage.strings, withPageNames);
  loading.set(withPage.language, Promise.resolve());
}

async function fetchAndRegister(language: Language, names: { nativeName: string; englishName: string }): Promise<void> {
  register(language, await request('GET /api/i18n/:lang/:catalog', { params: { lang: language, catalog: 'surveyjs' }, cache: 'no-cache' }), names);
}

/** Whether SurveyJS can show the language now, without waiting for `loadSurveyStrings`. */
export function surveyStringsReady(language: Language): boolean {
  return (!served[language] && !surveyCoreDictionaries[language]) || registered.has(language);
}

function fetchOrImport(language: Language): Promise<void> | undefined {
  const names = served[language];
  if (names) return fetchAndRegister(language, names);
  return surveyCoreDictionaries[language]?.().then(() => void registered.add(language));
}

/** Registers the language's SurveyJS strings; without them (offline, never loaded) SurveyJS shows its Dutch ones, and a later call tries again. */
export function loadSurveyStrings(language: Language): Promise<void> {
  let done = loading.get(language);
  if (!done) {
    const started = fetchOrImport(language);
    if (!started) return Promise.resolve();
    done = started.catch(() => {
      loading.delete(language);
    });
    loading.set(language, done);
  }
  return done;
}
