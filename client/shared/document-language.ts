import { directionOf, type Language } from './languages.ts';

let ethiopicFont: Promise<unknown> | undefined;

/**
 * Sets `<html lang dir>` from the chosen language (not from SurveyJS's guess) and, for Tigrinya
 * only, loads the bundled Ge'ez font so a device without a system font still shows the script
 * (the letter's link preloads it, see `server/routes/pages.ts`).
 */
export function applyDocumentLanguage(language: Language): Promise<unknown> {
  document.documentElement.lang = language;
  document.documentElement.dir = directionOf(language);
  if (language !== 'ti') return Promise.resolve();
  // One weight only (bold is drawn from it): on a slow phone each weight is another 75 KB.
  ethiopicFont ??= import('@fontsource/noto-sans-ethiopic/ethiopic-400.css');
  return ethiopicFont;
}
