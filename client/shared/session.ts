import { request } from './api-client.ts';
import type { Session, StartBody } from '../../shared/contract/respondent.ts';
import { isLanguage, sourceLanguage, type Language } from './languages.ts';

export type { Session, StartBody };

/** `POST /api/respondent/sessions`: starts or resumes a response (see the API contract). */

export type Answers = Session['answers'];

export function startSession(start: StartBody, headers: Record<string, string> = {}): Promise<Session> {
  return request('POST /api/respondent/sessions', { body: start, headers });
}

/** The language to show: the server's answer is one of the respondent's languages, Dutch should it ever not be. */
export function sessionLanguage(session: Session): Language {
  return isLanguage(session.locale) ? session.locale : sourceLanguage;
}

/** The definition's address in a language: under its content hash, so a revisit is served from the browser's cache. */
export function surveyUrl(session: Session, language: Language): string {
  return session.survey.urls[language] ?? session.survey.url;
}
