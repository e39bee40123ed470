import { surveyLocalization } from 'survey-core';
import 'survey-core/i18n/dutch';
import type { Language } from '../languages.ts';

/**
 * SurveyJS's own strings (buttons, progress, validation) from survey-core's dictionaries. Dutch,
 * the fallback for anything a dictionary lacks as for the rest of the app, is always here, and
 * English is survey-core's own; Arabic and Turkish are chunks of their own, loaded with their
 * language (a letter's page preloads its language's), so a phone downloads only the one it shows.
 * Tigrinya's come from the server (`survey-strings.ts`).
 */
surveyLocalization.defaultLocale = 'nl';

export const surveyCoreDictionaries: Partial<Record<Language, () => Promise<void>>> = {
  ar: async () => {
    await import('survey-core/i18n/arabic');
    // survey-core's Arabic "Page {0} of {1}" is in visual order ("{1} صفحة {0} من"), which a
    // right-to-left page shows as "10 page 2 of"; this is the logical order the page needs.
    surveyLocalization.locales['ar']!.progressText = 'صفحة {0} من {1}';
  },
  tr: async () => {
    await import('survey-core/i18n/turkish');
  },
};
