import { recordAudit } from '../audit/audit.service.ts';
import { letterTextKeys } from '../studies/study-definition.ts';
import { changeDefinition, studyOf, type StudyLifecycleDeps } from '../studies/study-lifecycle.service.ts';
import { sourceLocale } from '../surveys/localization.ts';
import { ServedTranslations } from '../i18n/saved-translations.ts';
import { loadLetterTexts } from './letter-texts.ts';

export type LetterTextKey = (typeof letterTextKeys)[number];
type OwnLetterTexts = Partial<Record<LetterTextKey, string>>;

/**
 * The study's own letter texts (Dutch, the translators' source), and the text the letter shows for
 * each key where the study has none: the platform's own, or the study's title and purpose.
 */
export async function letterTextsOf(deps: StudyLifecycleDeps, studyId: string): Promise<{ own: OwnLetterTexts; fallback: Record<LetterTextKey, string> }> {
  const { definition } = await deps.definitions.of(await studyOf(deps, studyId));
  return { own: definition.letter ?? {}, fallback: loadLetterTexts(new ServedTranslations(deps.config.localesDir), { ...definition, letter: {} }, sourceLocale) };
}

/**
 * A researcher rewrites the study's letter texts in Dutch; an empty text returns to the fallback.
 * The definition file changes, so translators find the changed texts out of date in every other
 * language, and the next letters use them.
 */
export async function changeLetterTexts(deps: StudyLifecycleDeps, { studyId, texts, userId }: { studyId: string; texts: OwnLetterTexts; userId: number | null }): Promise<OwnLetterTexts> {
  const letter = Object.fromEntries(letterTextKeys.flatMap((key) => (texts[key]?.trim() ? [[key, texts[key].trim()]] : []))) as OwnLetterTexts;
  const { before, after } = await changeDefinition(deps, studyId, ({ letter: _previous, ...rest }) => (Object.keys(letter).length > 0 ? { ...rest, letter } : rest));
  const changed = letterTextKeys.filter((key) => before.letter?.[key] !== after.letter?.[key]);
  await recordAudit({ ...deps, userId, action: 'letter_texts_change', studyId, detail: { changed } });
  return after.letter ?? {};
}
