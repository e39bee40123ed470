import { nestStrings } from '../surveys/localization.ts';
import { appNamespace } from './catalog.ts';
import type { ServedTranslations } from './saved-translations.ts';

/**
 * The client's own strings as it loads them: the app's (`locales/<lang>/app.json`, with what was
 * saved in the translator workspace over it) and SurveyJS's buttons and messages for a language
 * survey-core has no dictionary for (`locales/ti/surveyjs.json`). Read from disk and read again
 * when they change: an imported or edited translation is live at once, with no build and no
 * restart; one saved in the workspace on any server, from the next look in the database on.
 */
export const clientCatalogs = [appNamespace, 'surveyjs'] as const;
export type ClientCatalog = (typeof clientCatalogs)[number];

export function createAppCatalogs(translations: ServedTranslations) {
  const nested = new Map<string, { etag: string; value: Record<string, unknown> }>();
  return {
    read: (lang: string, catalog: ClientCatalog): { etag: string; value: Record<string, unknown> } | undefined => {
      const strings = translations.read(lang, catalog);
      if (!strings) return undefined;
      const key = `${lang}/${catalog}`;
      let cached = nested.get(key);
      if (cached?.etag !== strings.etag) {
        cached = { etag: strings.etag, value: nestStrings(strings.value) };
        nested.set(key, cached);
      }
      return cached;
    },
  };
}

export type AppCatalogs = ReturnType<typeof createAppCatalogs>;
