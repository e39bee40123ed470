import { studyNamespace } from '../studies/study-texts.ts';
import type { StudyDefinition } from '../studies/study-definition.ts';
import { locales, sourceLocale } from '../surveys/localization.ts';
import { readStrings } from './catalog.ts';

/** One of the study's texts for the respondent pages (its title or purpose) in every language, Dutch where a translation is missing. */
export function studyTextInEveryLanguage(
  localesDir: string,
  definition: Pick<StudyDefinition, 'id' | 'title' | 'purpose'>,
  key: 'title' | 'purpose',
): Record<string, string> {
  return Object.fromEntries(
    locales.map((lang) => [lang, (lang === sourceLocale ? undefined : readStrings(localesDir, lang, studyNamespace(definition.id))[key]) || definition[key]]),
  );
}
