import { FreshFiles } from '../shared/fresh-file.ts';
import { appNamespace, localeFile } from './catalog.ts';

/**
 * The client's own strings as it loads them: the app's (`locales/<lang>/app.json`) and SurveyJS's
 * buttons and messages for a language survey-core has no dictionary for
 * (`locales/ti/surveyjs.json`). Read from disk and read again when they change: an imported or
 * edited translation is live at once, with no build and no restart.
 */
export const clientCatalogs = [appNamespace, 'surveyjs'] as const;
export type ClientCatalog = (typeof clientCatalogs)[number];

export function createAppCatalogs(localesDir: string) {
  const files = new FreshFiles<Record<string, unknown>>((text) => JSON.parse(text) as Record<string, unknown>);
  return {
    read: (lang: string, catalog: ClientCatalog) => files.read(localeFile(localesDir, lang, catalog)),
  };
}

export type AppCatalogs = ReturnType<typeof createAppCatalogs>;
