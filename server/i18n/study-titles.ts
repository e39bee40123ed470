import { studyNamespace } from '../studies/study-texts.ts';
import type { StudyDefinition } from '../studies/study-definition.ts';
import { locales, sourceLocale } from '../surveys/localization.ts';
import { readStrings } from './catalog.ts';

/** The study's title in every language (Dutch where a translation is missing), for the respondent pages. */
export function studyTitles(localesDir: string, definition: Pick<StudyDefinition, 'id' | 'title'>): Record<string, string> {
  return Object.fromEntries(
    locales.map((lang) => [lang, (lang === sourceLocale ? undefined : readStrings(localesDir, lang, studyNamespace(definition.id)).title) || definition.title]),
  );
}
