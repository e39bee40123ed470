import type { LocalizedDefinition } from '../../shared/contract/surveys.ts';
import { requestJson } from './api-client.ts';
import type { Language } from './languages.ts';
import { surveyUrl, type Session } from './session.ts';
import { loadRecordings } from './survey/recordings.ts';
import type * as SurveyChunk from './survey/RespondentSurvey.tsx';

/**
 * The SurveyJS chunk (survey-core, survey-react-ui and their CSS) is the heavy part of the app.
 * The entry page starts fetching it as soon as it is idle, while the respondent chooses a language
 * and types the token, and renders it when the session starts.
 */
let chunk: Promise<typeof SurveyChunk> | undefined;
let arrived: typeof SurveyChunk | undefined;

export function loadSurveyChunk(): Promise<typeof SurveyChunk> {
  chunk ??= import('./survey/RespondentSurvey.tsx').then((module) => (arrived = module));
  return chunk;
}

/** The SurveyJS chunk once it has arrived and run, to render without waiting another round. */
export function surveyChunkIfArrived(): typeof SurveyChunk | undefined {
  return arrived;
}

/** Runs `task` when the browser is idle (at the latest after `timeoutMs`); Safari has no idle callback. */
export function whenIdle(task: () => void, timeoutMs: number): () => void {
  if (typeof requestIdleCallback === 'function') {
    const handle = requestIdleCallback(task, { timeout: timeoutMs });
    return () => cancelIdleCallback(handle);
  }
  const timer = setTimeout(task, 300);
  return () => clearTimeout(timer);
}

export function prefetchSurveyChunk(): () => void {
  return whenIdle(() => void loadSurveyChunk(), 1500);
}

const definitions = new Map<string, Promise<LocalizedDefinition>>();

/**
 * A survey definition (`GET /api/surveys/:surveyId/:version`) by the address the session gave,
 * which holds its content hash: fetched once per page (and from the browser's cache on a later
 * visit), so it can start as soon as the session is known, while the SurveyJS chunk is still arriving.
 */
export function loadDefinition(url: string): Promise<LocalizedDefinition> {
  let request = definitions.get(url);
  if (!request) {
    request = requestJson<LocalizedDefinition>(url, { cache: 'default' });
    definitions.set(url, request);
    request.catch(() => definitions.delete(url));
  }
  return request;
}

/**
 * The moment a session is known, what its first page needs from the network starts, whether or
 * not the SurveyJS chunk is there yet: the definition and the recordings' list (the chunk's
 * `loadSurveyIn` then finds them on their way; the language's strings came with the page or the chunk).
 */
export function startSurveyDownloads(session: Session, language: Language): void {
  void loadDefinition(surveyUrl(session, language));
  void loadRecordings(session.survey.id, language);
}
