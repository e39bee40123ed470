import { app, entry, errors, kiosk, language, preview, survey, token, withdrawal } from '../../locales/nl/app.json';
import type { Catalog } from '../../shared/contract/i18n.ts';
import { request } from './api-client.ts';
import { sourceLanguage, type Language } from './languages.ts';
import { stringsFromPage } from './page-strings.ts';

/**
 * The app's own strings (`locales/<lang>/app.json`, i18next JSON v4: nested keys, `{{name}}`
 * placeholders), served by the server from `locales/` as they are now (`/api/i18n/<lang>/app`),
 * so an imported or edited translation shows without a build. The browser keeps a copy and
 * revalidates it with its ETag (a 304 when nothing changed). Dutch is also bundled, so the first
 * screen never waits and never shows a key.
 *
 * Looked up here rather than with i18next (which the researcher pages use): these strings need
 * only nested keys, placeholders and the Dutch fallback, and i18next is 16 KiB of gzip on the
 * phone's first load.
 */

export type TFunction = (key: string, values?: Record<string, unknown>) => string;

// The Dutch fallback, bundled: every part but `letter`, which only the server prints.
const dutch: Catalog = { app, entry, errors, kiosk, language, preview, survey, token, withdrawal };

const catalogs = new Map<Language, Catalog>([[sourceLanguage, dutch]]);
/** Languages whose strings came with the page itself: as fresh as the page, so not fetched again. */
const servedWithPage = new Set<Language>();

const withPage = stringsFromPage('app');
if (withPage) {
  catalogs.set(withPage.language, withPage.strings);
  servedWithPage.add(withPage.language);
}

function lookup(catalog: Catalog | undefined, key: string): string | undefined {
  let value: unknown = catalog;
  for (const part of key.split('.')) value = value && typeof value === 'object' ? (value as Catalog)[part] : undefined;
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

/** `{{name}}` replaced by its value; a placeholder without one disappears, as in i18next. */
function interpolate(text: string, values: Record<string, unknown> = {}): string {
  return text.replace(/\{\{\s*([^{}]+?)\s*\}\}/g, (_, name: string) => (values[name] === undefined || values[name] === null ? '' : String(values[name])));
}

/** The strings of a language as they are loaded now: a missing one in Dutch, an unknown key as itself. */
export function translatorFor(language: Language): TFunction {
  return (key, values) => interpolate(lookup(catalogs.get(language), key) ?? lookup(catalogs.get(sourceLanguage), key) ?? lookup(dutch, key) ?? key, values);
}

function fetchCatalog(language: Language): Promise<Catalog | undefined> {
  return request('GET /api/i18n/:lang/:catalog', { params: { lang: language, catalog: 'app' }, cache: 'no-cache' }).catch(() => undefined);
}

/** Loads a language's strings ahead of need (kept in memory), so that a switch works offline too. */
export async function prefetchLanguage(language: Language): Promise<void> {
  const strings = await fetchCatalog(language);
  if (strings) catalogs.set(language, strings);
}

/** The language's strings as the server has them now; offline, the last ones loaded (or Dutch). */
export async function loadLanguage(language: Language): Promise<TFunction> {
  if (!servedWithPage.has(language)) await prefetchLanguage(language);
  return translatorFor(language);
}

export function dutchT(): TFunction {
  return translatorFor(sourceLanguage);
}
