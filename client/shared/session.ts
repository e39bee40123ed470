import { requestJson } from './api-client.ts';
import type { Language } from './languages.ts';

/** `POST /api/respondent/sessions`: starts or resumes a response (see the API contract). */

export type Answers = Record<string, unknown>;

export interface Session {
  responseId: string;
  responseKey: string;
  studyId: string;
  /** The study's title per language, for the page header. */
  title: Record<string, string>;
  waveCode: string;
  survey: { id: string; version: number; url: string };
  locale: Language;
  answers: Answers;
  pageNo: number;
  variables: Record<string, unknown>;
}

export type StartRequest = ({ token: string } | { studyId: string }) & { locale: Language; channel: 'web' | 'kiosk' };

export function startSession(request: StartRequest): Promise<Session> {
  return requestJson<Session>('/api/respondent/sessions', { body: request });
}

/** The definition's address in another language; the content hash only holds for the language it came with. */
export function surveyUrl(session: Session, language: Language): string {
  const url = new URL(session.survey.url, 'http://local');
  if (url.searchParams.get('locale') !== language) {
    url.searchParams.set('locale', language);
    url.searchParams.delete('h');
  }
  return url.pathname + url.search;
}
