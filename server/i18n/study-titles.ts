import { studyNamespace } from '../studies/study-texts.ts';
import type { StudyDefinition } from '../studies/study-definition.ts';
import { locales, sourceLocale } from '../surveys/localization.ts';
import type { ServedTranslations } from './saved-translations.ts';

/**
 * One of the study's texts for the respondent pages (its title or purpose) in every language, Dutch
 * where a translation is missing. Every session start shows them: the translators' files are read
 * once and again only when one changes, what was saved in the workspace is held in memory.
 */
export function studyTextInEveryLanguage(
  translations: ServedTranslations,
  definition: Pick<StudyDefinition, 'id' | 'title' | 'purpose'>,
  key: 'title' | 'purpose',
): Record<string, string> {
  const translated = (lang: string) => translations.read(lang, studyNamespace(definition.id))?.value[key];
  return Object.fromEntries(locales.map((lang) => [lang, (lang === sourceLocale ? undefined : translated(lang)) || definition[key]]));
}
