/**
 * The definition an admin is about to publish, handed from the workspace to the preview in this
 * browser only (another tab of the same site): the server keeps nothing until it is published.
 */
const storageKey = (surveyId: string) => `wavepanel.unpublished.${surveyId}`;

export function keepUnpublished(surveyId: string, definition: object): void {
  localStorage.setItem(storageKey(surveyId), JSON.stringify(definition));
}

export function readUnpublished(surveyId: string): object | null {
  const text = localStorage.getItem(storageKey(surveyId));
  return text ? (JSON.parse(text) as object) : null;
}

export const unpublishedPreviewUrl = (surveyId: string, language: string) => `/preview/${encodeURIComponent(surveyId)}/unpublished?lang=${language}`;

export function forgetUnpublished(surveyId: string): void {
  localStorage.removeItem(storageKey(surveyId));
}
