import type * as SurveyChunk from './survey/RespondentSurvey.tsx';

/**
 * The SurveyJS chunk (survey-core, survey-react-ui and their CSS) is the heavy part of the app.
 * The entry page starts fetching it as soon as it is idle, while the respondent chooses a language
 * and types the token, and renders it when the session starts.
 */
let chunk: Promise<typeof SurveyChunk> | undefined;

export function loadSurveyChunk(): Promise<typeof SurveyChunk> {
  chunk ??= import('./survey/RespondentSurvey.tsx');
  return chunk;
}

export function prefetchSurveyChunk(): void {
  const start = () => void loadSurveyChunk();
  if ('requestIdleCallback' in window) window.requestIdleCallback(start, { timeout: 1500 });
  else setTimeout(start, 300);
}
