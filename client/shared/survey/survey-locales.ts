import { surveyLocalization } from 'survey-core';
import 'survey-core/i18n/dutch';
import 'survey-core/i18n/english';
import 'survey-core/i18n/arabic';
import 'survey-core/i18n/turkish';

/**
 * SurveyJS's own strings (buttons, progress, validation) in every language we offer.
 * survey-core ships nl, en, ar and tr; Tigrinya's come from the server (`survey-strings.ts`).
 * Dutch is the fallback for anything a dictionary lacks, as for the rest of the app.
 */
// survey-core's Arabic "Page {0} of {1}" is in visual order ("{1} صفحة {0} من"), which a
// right-to-left page shows as "10 page 2 of"; this is the logical order the page needs.
surveyLocalization.locales['ar']!.progressText = 'صفحة {0} من {1}';
surveyLocalization.defaultLocale = 'nl';
