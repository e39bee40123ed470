/**
 * The letter's page (`/t/<token>?lang=<language>`) carries its language's strings as JSON data
 * blocks (never run), one per catalog, with a `data-lang` attribute: the app's strings, so the Start
 * button shows in the letter's language without another round trip, and SurveyJS's own where
 * survey-core has no dictionary (Tigrinya). `server/routes/pages.ts` writes them, the client reads
 * them (`client/shared/page-strings.ts`).
 */
export type PageCatalog = 'app' | 'surveyjs';

export function pageStringsId(catalog: PageCatalog): string {
  return `${catalog}-strings`;
}
