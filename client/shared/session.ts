import { requestJson } from './api-client.ts';
import type { Session, StartBody } from '../../shared/contract/respondent.ts';
import { isLanguage, sourceLanguage, type Language } from './languages.ts';

export type { Session, StartBody };

/** `POST /api/respondent/sessions`: starts or resumes a response (see the API contract). */

export type Answers = Session['answers'];

export function startSession(request: StartBody, headers: Record<string, string> = {}): Promise<Session> {
  return requestJson<Session>('/api/respondent/sessions', { body: request, headers });
}

/** The language to show: the server's answer is one of the respondent's languages, Dutch should it ever not be. */
export function sessionLanguage(session: Session): Language {
  return isLanguage(session.locale) ? session.locale : sourceLanguage;
}

/** The definition's address in a language: under its content hash, so a revisit is served from the browser's cache. */
export function surveyUrl(session: Session, language: Language): string {
  return session.survey.urls[language] ?? session.survey.url;
}
