import path from 'node:path';
import { readStrings } from '../i18n/catalog.ts';
import { projectRoot } from '../config.ts';
import type { ServedTranslations } from '../i18n/saved-translations.ts';
import { sourceLocale, type Strings } from '../surveys/localization.ts';
import { letterTextKeys, type StudyDefinition } from '../studies/study-definition.ts';
import { studyNamespace, studySourceStrings } from '../studies/study-texts.ts';

export type LetterTexts = Record<(typeof letterTextKeys)[number], string>;

const bundledLocales = path.join(projectRoot, 'locales');

/** The platform's own letter texts (`letter.*` of `locales/<lang>/app.json`), from the bundled files when a folder has none. */
function appLetterTexts(translations: ServedTranslations, language: string): Strings {
  const own = translations.strings(language, 'app');
  return Object.keys(own).some((k) => k.startsWith('letter.')) ? own : readStrings(bundledLocales, language, 'app');
}

/**
 * The letter texts of a study in one language. What the study declares (with its translation in
 * `locales/<lang>/study-<id>.json` or saved in the workspace, Dutch where there is none) comes first; then the platform's
 * own texts; a letter without its own title or introduction uses the study's title and purpose.
 * A text nobody wrote is empty and left out of the letter.
 */
export function loadLetterTexts(translations: ServedTranslations, definition: StudyDefinition, language: string): LetterTexts {
  const source = studySourceStrings(definition);
  const translated = language === sourceLocale ? {} : translations.strings(language, studyNamespace(definition.id));
  const study = (key: string) => (source[key] ? translated[key] || source[key] : undefined);
  const app = appLetterTexts(translations, language);
  const dutchApp = appLetterTexts(translations, sourceLocale);
  const platform = (key: string) => app[`letter.${key}`] || dutchApp[`letter.${key}`];
  const fallback: Partial<Record<(typeof letterTextKeys)[number], string>> = { title: study('title'), intro: study('purpose') };
  return Object.fromEntries(letterTextKeys.map((key) => [key, study(`letter.${key}`) ?? platform(key) ?? fallback[key] ?? ''])) as LetterTexts;
}
