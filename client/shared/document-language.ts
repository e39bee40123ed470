import { directionOf, type Language } from './languages.ts';

let ethiopicFont: Promise<unknown> | undefined;

/**
 * Sets `<html lang dir>` from the chosen language (not from SurveyJS's guess) and, for Tigrinya
 * only, loads the bundled Ge'ez font so a device without a system font still shows the script.
 */
export function applyDocumentLanguage(language: Language): Promise<unknown> {
  document.documentElement.lang = language;
  document.documentElement.dir = directionOf(language);
  if (language !== 'ti') return Promise.resolve();
  ethiopicFont ??= Promise.all([
    import('@fontsource/noto-sans-ethiopic/ethiopic-400.css'),
    import('@fontsource/noto-sans-ethiopic/ethiopic-700.css'),
  ]);
  return ethiopicFont;
}
