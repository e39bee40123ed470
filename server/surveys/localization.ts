import { locales, type Locale } from '../../shared/locales.ts';
import { sourceText, surveyTexts } from '../../shared/survey-text.ts';
import type { SurveyJson } from './definition.ts';
import { sanitizeSurveyHtml } from './html.ts';

/**
 * Translation keys are question names and properties (`health.title`,
 * `participation_difficulty.choices.bit_difficult`), plus `survey.*` and `pages.<name>.*`.
 * The Dutch text inline in the definition is the source; a missing translation falls back to it.
 * Which properties are texts comes from survey-core's metadata (`shared/survey-text.ts`).
 */

export const sourceLocale = 'nl';
export { locales, type Locale };
export const rightToLeft: ReadonlySet<string> = new Set(['ar']);

export function isLocale(value: string): value is Locale {
  return (locales as readonly string[]).includes(value);
}

export const reservedKeys = new Set(['survey', 'pages']);

export type Strings = Record<string, string>;

/** Every translatable string of a definition, keyed, with its Dutch source text. */
export function extractSourceStrings(survey: SurveyJson): Strings {
  const strings: Strings = {};
  for (const slot of surveyTexts(survey).slots) {
    const text = sourceText(slot.owner[slot.field], sourceLocale);
    if (text !== undefined && text !== '') strings[slot.key] = text;
  }
  return strings;
}

/** i18next JSON v4 may nest keys; the platform works with flat dotted keys. */
export function flattenStrings(tree: unknown, prefix = '', into: Strings = {}): Strings {
  if (tree && typeof tree === 'object' && !Array.isArray(tree)) {
    for (const [key, value] of Object.entries(tree)) flattenStrings(value, prefix ? `${prefix}.${key}` : key, into);
  } else if (typeof tree === 'string' && prefix) {
    into[prefix] = tree;
  }
  return into;
}

/** Builds the nested i18next JSON a translator edits from flat keys. */
export function nestStrings(strings: Strings): Record<string, unknown> {
  const tree: Record<string, unknown> = {};
  for (const [key, text] of Object.entries(strings)) {
    const parts = key.split('.');
    let node = tree;
    for (const part of parts.slice(0, -1)) node = (node[part] ??= {}) as Record<string, unknown>;
    node[parts.at(-1)!] = text;
  }
  return tree;
}

/**
 * The definition in one language: every string replaced by its translation, or left in Dutch.
 * HTML properties are sanitised after merging, so a script in a translation shows as text.
 */
export function localizeDefinition(survey: SurveyJson, translations: Strings, locale: string): SurveyJson {
  const localized = structuredClone(survey);
  for (const slot of surveyTexts(localized).slots) {
    const source = sourceText(slot.owner[slot.field], sourceLocale) ?? '';
    const translated = translations[slot.key];
    const text = translated && translated.trim() !== '' ? translated : source;
    slot.owner[slot.field] = slot.html ? sanitizeSurveyHtml(text) : text;
  }
  localized.locale = locale;
  return localized;
}
