import { directionOf, type Language } from './languages.ts';

let ethiopicFont: Promise<unknown> | undefined;

/**
 * Sets `<html lang dir>` from the chosen language (not from SurveyJS's guess) and, for Tigrinya
 * only, declares the Ge'ez font: the device's own when it has one, else the bundled one, so a
 * device without a system font still shows the script (`ethiopic-font.css`).
 */
export function applyDocumentLanguage(language: Language): Promise<unknown> {
  document.documentElement.lang = language;
  document.documentElement.dir = directionOf(language);
  if (language !== 'ti') return Promise.resolve();
  ethiopicFont ??= import('./ethiopic-font.css');
  return ethiopicFont;
}
