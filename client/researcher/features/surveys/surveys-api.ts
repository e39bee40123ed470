import { api } from '../../lib/api.ts';

/** The survey versions installed on the server, and publishing the next one (admin). */

export interface SurveyVersion {
  id: string;
  version: number;
  title: string;
}

export interface VersionChange {
  kind: 'breaking' | 'safe';
  question?: string;
  code: string;
  params: Record<string, string>;
  /** In English, for when this version of the workspace does not know the code. */
  what: string;
}

export interface Publication {
  surveyId: string;
  version: number;
  previousVersion: number | null;
  breaking: VersionChange[];
  safe: VersionChange[];
  published: boolean;
}

export const surveyIdPattern = '[a-z0-9][a-z0-9\\-]{0,59}';

export function listSurveyVersions(): Promise<SurveyVersion[]> {
  return api<SurveyVersion[]>('/api/surveys');
}

/** `preview` compares only; otherwise publishes, which breaking changes refuse unless `allowBreaking`. */
export function publishVersion(surveyId: string, body: { definition: object; allowBreaking?: boolean; preview?: boolean }): Promise<Publication> {
  return api<Publication>(`/api/surveys/${encodeURIComponent(surveyId)}/versions`, { body });
}
