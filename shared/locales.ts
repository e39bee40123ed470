/** The languages respondents answer in: Dutch is the source and the fallback; Arabic is written right to left. */
export const locales = ['nl', 'en', 'ar', 'tr', 'ti'] as const;
export type Locale = (typeof locales)[number];
