import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { AppError } from '../../../errors.ts';
import { chooseEncoding, compressed } from '../../../http/compression.ts';
import { errorResponses, LocaleSchema } from '../../../../shared/contract/common.ts';
import { LocalizedDefinitionSchema, SurveyListItemSchema } from '../../../../shared/contract/surveys.ts';

const Params = Type.Object({
  surveyId: Type.String({ pattern: '^[a-z0-9][a-z0-9-]{0,59}$' }),
  version: Type.String({ pattern: '^[1-9][0-9]{0,5}$' }),
});
const Query = Type.Object(
  {
    locale: Type.Optional(LocaleSchema),
    h: Type.Optional(Type.String({ pattern: '^[A-Za-z0-9_-]{1,64}$', description: 'Content hash from the start answer: makes the copy immutable.' })),
  },
  { additionalProperties: false },
);

const routes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/surveys',
    { schema: { tags: ['surveys'], summary: 'Installed survey versions', response: { 200: Type.Array(SurveyListItemSchema) } } },
    async () =>
      app.services.surveys.list().map((s) => ({
        id: s.id,
        version: s.version,
        title: s.sourceStrings['survey.title'] ?? s.id,
      })),
  );

  app.get(
    '/api/surveys/:surveyId/:version',
    {
      schema: {
        tags: ['surveys'],
        summary: 'A survey version as SurveyJS JSON in one language (Dutch where a translation is missing)',
        params: Params,
        querystring: Query,
        response: { 200: LocalizedDefinitionSchema, 304: { type: 'null' }, ...errorResponses },
      },
    },
    async (request, reply) => {
      const survey = await app.services.surveys.find(request.params.surveyId, Number(request.params.version));
      if (!survey) throw new AppError('survey_not_found', 'There is no such survey version.');
      const localized = app.services.surveys.localize(survey, request.query.locale ?? 'nl');
      const etag = `"${localized.hash}"`;
      reply.header('ETag', etag);
      reply.header('Vary', 'Accept-Encoding');
      reply.header(
        'Cache-Control',
        request.query.h === localized.hash ? 'public, max-age=31536000, immutable' : 'no-cache',
      );
      if (request.headers['if-none-match'] === etag) return reply.status(304).send(null);
      reply.type('application/json; charset=utf-8');
      const encoding = chooseEncoding(request.headers['accept-encoding']);
      if (!encoding) return reply.send(localized.body as never);
      reply.header('Content-Encoding', encoding);
      return reply.send(compressed(localized.hash, localized.body, encoding) as never);
    },
  );
};

export default routes;
