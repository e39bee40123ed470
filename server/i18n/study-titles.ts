import { FreshFiles } from '../shared/fresh-file.ts';
import { studyNamespace } from '../studies/study-texts.ts';
import type { StudyDefinition } from '../studies/study-definition.ts';
import { flattenStrings, locales, sourceLocale, type Strings } from '../surveys/localization.ts';
import { localeFile } from './catalog.ts';

/** Every session start shows the study's title and purpose: read from the translators' files once, and again only when one changes. */
const studyTranslations = new FreshFiles<Strings>((text) => flattenStrings(JSON.parse(text) as Record<string, unknown>));

/** One of the study's texts for the respondent pages (its title or purpose) in every language, Dutch where a translation is missing. */
export function studyTextInEveryLanguage(
  localesDir: string,
  definition: Pick<StudyDefinition, 'id' | 'title' | 'purpose'>,
  key: 'title' | 'purpose',
): Record<string, string> {
  const translated = (lang: string) => studyTranslations.read(localeFile(localesDir, lang, studyNamespace(definition.id)))?.value[key];
  return Object.fromEntries(locales.map((lang) => [lang, (lang === sourceLocale ? undefined : translated(lang)) || definition[key]]));
}
