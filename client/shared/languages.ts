import { locales as languageCodes, type Locale as Language } from '../../shared/locales.ts';

/** The respondent's languages, each named in its own script. Dutch is the source and the fallback. */

export { languageCodes, type Language };
export const sourceLanguage: Language = 'nl';

export interface LanguageInfo {
  code: Language;
  /** The language's own name, in its own script. */
  name: string;
  dir: 'ltr' | 'rtl';
}

export const languages: readonly LanguageInfo[] = [
  { code: 'nl', name: 'Nederlands', dir: 'ltr' },
  { code: 'en', name: 'English', dir: 'ltr' },
  { code: 'ar', name: 'العربية', dir: 'rtl' },
  { code: 'tr', name: 'Türkçe', dir: 'ltr' },
  { code: 'ti', name: 'ትግርኛ', dir: 'ltr' },
];

export function isLanguage(value: string | null | undefined): value is Language {
  return value != null && (languageCodes as readonly string[]).includes(value);
}

export function directionOf(language: Language): 'ltr' | 'rtl' {
  return language === 'ar' ? 'rtl' : 'ltr';
}

/** The first of the browser's preferred languages that we offer, else Dutch. */
export function preferredLanguage(preferences: readonly string[]): Language {
  for (const preference of preferences) {
    const code = preference.toLowerCase().split('-')[0];
    if (isLanguage(code)) return code;
  }
  return sourceLanguage;
}
