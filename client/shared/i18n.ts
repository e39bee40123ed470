import i18next, { type TFunction } from 'i18next';
import { app, entry, errors, kiosk, language, preview, survey, token, withdrawal } from '../../locales/nl/app.json';
import { sourceLanguage, type Language } from './languages.ts';

/**
 * The app's own strings (`locales/<lang>/app.json`, i18next JSON v4), served by the server from
 * `locales/` as they are now (`/api/i18n/<lang>/app`), so an imported or edited translation shows
 * without a build. The browser keeps a copy and revalidates it with its ETag (a 304 when nothing
 * changed). Dutch is also bundled, so the first screen never waits and never shows a key.
 */

// The Dutch fallback, bundled: every part but `letter`, which only the server prints.
const dutch = { app, entry, errors, kiosk, language, preview, survey, token, withdrawal };

const instance = i18next.createInstance();
const ready = instance.init({
  lng: sourceLanguage,
  fallbackLng: sourceLanguage,
  resources: { [sourceLanguage]: { app: dutch } },
  ns: ['app'],
  defaultNS: 'app',
  interpolation: { escapeValue: false },
  returnNull: false,
  initAsync: false,
});

async function fetchCatalog(language: Language): Promise<Record<string, unknown> | undefined> {
  try {
    const response = await fetch(`/api/i18n/${language}/app`, { cache: 'no-cache', credentials: 'same-origin' });
    return response.ok ? ((await response.json()) as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** Loads a language's strings ahead of need (kept in memory), so that a switch works offline too. */
export async function prefetchLanguage(language: Language): Promise<void> {
  await ready;
  const strings = await fetchCatalog(language);
  if (strings) instance.addResourceBundle(language, 'app', strings, false, true);
}

/** The language's strings as the server has them now; offline, the last ones loaded (or Dutch). */
export async function loadLanguage(language: Language): Promise<TFunction> {
  await prefetchLanguage(language);
  await instance.changeLanguage(language);
  return instance.getFixedT(language);
}

export function dutchT(): TFunction {
  return instance.getFixedT(sourceLanguage);
}

export type { TFunction };
