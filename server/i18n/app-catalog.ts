import { FreshFiles } from '../shared/fresh-file.ts';
import { appNamespace, localeFile } from './catalog.ts';

/**
 * The app's own strings (`locales/<lang>/app.json`) as the client loads them, read from disk
 * and read again when they change: an imported or edited translation is live at once, with no
 * build and no restart.
 */
export function createAppCatalogs(localesDir: string) {
  const files = new FreshFiles<Record<string, unknown>>((text) => JSON.parse(text) as Record<string, unknown>);
  return {
    read: (lang: string) => files.read(localeFile(localesDir, lang, appNamespace)),
  };
}

export type AppCatalogs = ReturnType<typeof createAppCatalogs>;
