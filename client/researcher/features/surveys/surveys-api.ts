import type { Publication, PublishBody, SurveyListItem } from '../../../../shared/contract/surveys.ts';
import { api } from '../../lib/api.ts';

/** The survey versions installed on the server, and publishing the next one (admin). */

export const surveyIdPattern = '[a-z0-9][a-z0-9\\-]{0,59}';

export function listSurveyVersions(): Promise<SurveyListItem[]> {
  return api('GET /api/surveys');
}

/** `preview` compares only; otherwise publishes, which breaking changes refuse unless `allowBreaking`. */
export function publishVersion(surveyId: string, body: PublishBody): Promise<Publication> {
  return api('POST /api/surveys/:surveyId/versions', { params: { surveyId }, body });
}
