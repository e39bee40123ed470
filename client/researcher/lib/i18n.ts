import i18next, { type TFunction } from 'i18next';
import { ApiError, NetworkError } from './api.ts';

/**
 * The workspace's own strings: `locales/<lang>/researcher.json` (i18next JSON v4, the Dutch file
 * is the source). A language is offered as soon as its file exists; Dutch is the default and the
 * fallback. Dates, numbers and percentages go through `Intl` in the same language.
 */

const catalogs = import.meta.glob<Record<string, unknown>>('../../../locales/*/researcher.json', { eager: true, import: 'default' });

export const sourceLanguage = 'nl';
export const workspaceLanguages: string[] = Object.keys(catalogs)
  .map((file) => /locales\/([^/]+)\/researcher\.json$/.exec(file)![1]!)
  .sort((a, b) => (a === sourceLanguage ? -1 : b === sourceLanguage ? 1 : a.localeCompare(b)));

/** A language's own name in its own language ("Nederlands", "English"). */
export function languageName(code: string): string {
  const name = new Intl.DisplayNames([code], { type: 'language' }).of(code) ?? code;
  return name.charAt(0).toLocaleUpperCase(code) + name.slice(1);
}

/** The stored choice when it is still offered, else the first of the browser's languages we offer, else Dutch. */
export function initialLanguage(stored: string | null, preferences: readonly string[], offered: readonly string[] = workspaceLanguages): string {
  if (stored && offered.includes(stored)) return stored;
  for (const preference of preferences) {
    const code = preference.toLowerCase().split('-')[0]!;
    if (offered.includes(code)) return code;
  }
  return sourceLanguage;
}

const instance = i18next.createInstance();
void instance.init({
  lng: sourceLanguage,
  fallbackLng: sourceLanguage,
  resources: Object.fromEntries(workspaceLanguages.map((code) => [code, { researcher: catalogs[`../../../locales/${code}/researcher.json`]! }])),
  ns: ['researcher'],
  defaultNS: 'researcher',
  interpolation: { escapeValue: false },
  returnNull: false,
  initAsync: false,
});

export function translator(language: string): TFunction {
  return instance.getFixedT(language);
}

/** Regional formats: Dutch as in the Netherlands (1.234,5; 2-12-2026), English as in Britain. */
const regions: Record<string, string> = { nl: 'nl-NL', en: 'en-GB' };

export interface Formats {
  dateTime: (value: string | Date) => string;
  date: (value: string | Date) => string;
  number: (value: number, fractionDigits?: number) => string;
  /** A fraction (0.25) as a percentage ("25,0%"). */
  percent: (fraction: number, fractionDigits?: number) => string;
}

export function formats(language: string): Formats {
  const locale = regions[language] ?? language;
  const dateTime = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
  const date = new Intl.DateTimeFormat(locale, { dateStyle: 'medium' });
  return {
    dateTime: (value) => dateTime.format(new Date(value)),
    date: (value) => date.format(new Date(value)),
    number: (value, fractionDigits = 0) => new Intl.NumberFormat(locale, { minimumFractionDigits: fractionDigits, maximumFractionDigits: fractionDigits }).format(value),
    percent: (fraction, fractionDigits = 1) =>
      new Intl.NumberFormat(locale, { style: 'percent', minimumFractionDigits: fractionDigits, maximumFractionDigits: fractionDigits }).format(fraction),
  };
}

/**
 * An error in the workspace's language, by the API's stable code (and its details); the
 * server's English message is never shown in another language.
 */
export function errorText(t: TFunction, error: unknown): string {
  if (error instanceof NetworkError) return t('errors.codes.network');
  if (!(error instanceof ApiError)) return t('errors.unexpected');
  const details = error.details ?? {};
  if (error.code === 'validation_failed' && typeof details.field === 'string' && typeof details.rule === 'string') {
    return t(`errors.validation.${details.rule}`, { field: t(`fields.${details.field}`, { defaultValue: details.field }), limit: details.limit });
  }
  if (typeof details.reason === 'string' && instance.exists(`errors.reasons.${details.reason}`, { lng: sourceLanguage })) {
    return t(`errors.reasons.${details.reason}`, details);
  }
  if (instance.exists(`errors.codes.${error.code}`, { lng: sourceLanguage })) return t(`errors.codes.${error.code}`);
  return t('errors.unexpected');
}

export type { TFunction };
