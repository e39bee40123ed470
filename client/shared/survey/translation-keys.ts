import { surveyTexts } from '../../../shared/survey-text.ts';

/**
 * For translators: a copy of a definition with each string prefixed by its translation key
 * (`[health.title]`), the keys being those the server translates (`shared/survey-text.ts`).
 */
export function withTranslationKeys<T extends object>(definition: T): T {
  const copy = structuredClone(definition);
  for (const { owner, field, key, html } of surveyTexts(copy).slots) {
    const value = owner[field];
    if (typeof value !== 'string' || value === '') continue;
    owner[field] = html ? `<p><code>[${key}]</code></p>${value}` : `[${key}] ${value}`;
  }
  return copy;
}
