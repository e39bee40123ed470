import { readFileSync } from 'node:fs';
import path from 'node:path';
import { flattenStrings } from '../surveys/localization.ts';

/**
 * The fixed words of the report files (headings, column names, footnotes) in the language asked
 * for, from the workspace's own strings (`locales/<lang>/researcher.json`, shipped with the
 * program), Dutch where a language or a key is missing; and how numbers are written for people.
 */
export interface ReportTexts {
  language: string;
  t: (key: string, values?: Record<string, string | number>) => string;
  /** A number with a fixed count of decimals as a reader of the language writes it (`1.234,5` in Dutch). */
  number: (value: number, decimals?: number) => string;
}

const localesDir = path.resolve(import.meta.dirname, '../../locales');
const cache = new Map<string, Record<string, string>>();

function stringsOf(language: string): Record<string, string> {
  let strings = cache.get(language);
  if (!strings) {
    try {
      strings = flattenStrings(JSON.parse(readFileSync(path.join(localesDir, language, 'researcher.json'), 'utf8')) as unknown);
    } catch {
      strings = {};
    }
    cache.set(language, strings);
  }
  return strings;
}

export function reportTexts(language: string): ReportTexts {
  const own = stringsOf(language);
  const dutch = stringsOf('nl');
  const lang = Object.keys(own).length > 0 ? language : 'nl';
  return {
    language: lang,
    t: (key, values = {}) => (own[key] ?? dutch[key] ?? key).replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(values[name] ?? '')),
    number: (value, decimals = 0) => new Intl.NumberFormat(lang, { minimumFractionDigits: decimals, maximumFractionDigits: decimals }).format(value),
  };
}

/** The column of everyone, named as on the report page: "All", or "All with a known group" where `unknown` is left out. */
export const allName = (leftOut: boolean, texts: ReportTexts) => texts.t(leftOut ? 'report.allKnown' : 'report.groups.all');
