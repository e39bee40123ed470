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
  /** `urls`: the definition in each language under its content hash, so the browser caches it for good. */
  survey: { id: string; version: number; url: string; urls: Partial<Record<Language, string>> };
  locale: Language;
  answers: Answers;
  pageNo: number;
  variables: Record<string, unknown>;
}

/**
 * `locale`: the language on screen; `localeChosen`: the person tapped it on this device. Resuming,
 * the server keeps the language stored with the response unless the person chose another here.
 */
export type StartRequest = ({ token: string } | { studyId: string }) & { locale: Language; localeChosen?: boolean; channel: 'web' | 'kiosk' };

export function startSession(request: StartRequest, headers: Record<string, string> = {}): Promise<Session> {
  return requestJson<Session>('/api/respondent/sessions', { body: request, headers });
}

/** The definition's address in a language: under its content hash, so a revisit is served from the browser's cache. */
export function surveyUrl(session: Session, language: Language): string {
  return session.survey.urls[language] ?? session.survey.url;
}
