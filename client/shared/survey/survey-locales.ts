import { setupLocale, surveyLocalization } from 'survey-core';
import 'survey-core/i18n/dutch';
import 'survey-core/i18n/english';
import 'survey-core/i18n/arabic';
import 'survey-core/i18n/turkish';
import tigrinya from '../../../locales/ti/surveyjs.json';

/**
 * SurveyJS's own strings (buttons, progress, validation) in every language we offer.
 * survey-core ships nl, en, ar and tr; Tigrinya is registered here from `locales/ti/surveyjs.json`.
 * Dutch is the fallback for anything a dictionary lacks, as for the rest of the app.
 */
setupLocale({ localeCode: 'ti', strings: tigrinya, nativeName: 'ትግርኛ', englishName: 'Tigrinya' });
surveyLocalization.defaultLocale = 'nl';
