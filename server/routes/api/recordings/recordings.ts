import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { recordingBytes, recordingFile, servedRecordings } from '../../../i18n/recordings.ts';
import { errorResponses, LocaleSchema } from '../../../../shared/contract/common.ts';
import { RecordingListSchema } from '../../../../shared/contract/i18n.ts';

const SurveyParams = Type.Object({ surveyId: Type.String({ pattern: '^[a-z0-9][a-z0-9-]{0,59}$' }), lang: LocaleSchema });
const FileParams = Type.Object({ ...SurveyParams.properties, file: Type.String({ pattern: recordingFile.source }) });

/**
 * Recordings for respondents: the list for a survey in a language (small; the app asks for it
 * beside the survey), and each recording's bytes, fetched only when the respondent presses play.
 */
const routes: FastifyPluginAsyncTypebox = async (app) => {
  const stored = { ...app.services.config, saved: app.services.translations.saved };

  app.get(
    '/api/recordings/:surveyId/:lang',
    {
      schema: {
        tags: ['respondent'],
        summary: 'Which questions and choices of a survey have a recording in a language',
        params: SurveyParams,
        response: { 200: RecordingListSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { surveyId, lang } = request.params;
      const index = servedRecordings(stored, lang, surveyId);
      const base = `/api/recordings/${surveyId}/${lang}`;
      const recordings = Object.fromEntries(Object.entries(index).map(([key, entry]) => [key, `${base}/${entry.file}`]));
      reply.header('Cache-Control', 'no-cache');
      return { recordings };
    },
  );

  app.get(
    '/api/recordings/:surveyId/:lang/:file',
    {
      schema: { tags: ['respondent'], summary: 'One recording (its name is its content hash: cached for good)', params: FileParams, response: { ...errorResponses } },
    },
    async (request, reply) => {
      const { bytes, type } = await recordingBytes(stored, { lang: request.params.lang, survey: request.params.surveyId, file: request.params.file });
      reply.header('Cache-Control', 'public, max-age=31536000, immutable');
      return reply.type(type).send(bytes as never);
    },
  );
};

export default routes;
