import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { actorOf } from '../../../http/auth.plugin.ts';
import { checkUnpublishedVersion, previewSurveyVersion, publishSurveyVersion } from '../../../surveys/publishing.ts';
import { errorResponses } from '../../../../shared/contract/common.ts';
import { LocalizedDefinitionSchema, PublicationSchema, PublishBodySchema, SurveyParams, UnpublishedBodySchema } from '../../../../shared/contract/surveys.ts';

/** Publishing a new survey version during fieldwork (admin), after a preview of it in every language. */
const routes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/api/surveys/:surveyId/unpublished',
    {
      schema: {
        tags: ['researcher'],
        summary: 'A definition not published yet, checked as publishing would, in one language with the translations so far (admin; for the preview before publishing; nothing is written)',
        params: SurveyParams,
        body: UnpublishedBodySchema,
        response: { 200: LocalizedDefinitionSchema, ...errorResponses },
      },
      preValidation: app.requireUser('admin'),
    },
    async (request, reply) => {
      const { surveyId } = request.params;
      const candidate = checkUnpublishedVersion({ surveys: app.services.surveys, surveysDir: app.services.config.surveysDir, surveyId, definition: request.body.definition });
      return reply.header('cache-control', 'no-store').send(app.services.surveys.localizeUnpublished(surveyId, candidate.definition, request.body.locale));
    },
  );

  app.post(
    '/api/surveys/:surveyId/versions',
    {
      schema: {
        tags: ['researcher'],
        summary: 'Publish the next version of a survey (admin); breaking changes need allowBreaking, preview only compares',
        params: SurveyParams,
        body: PublishBodySchema,
        response: { 200: PublicationSchema, 201: PublicationSchema, ...errorResponses },
      },
      preValidation: app.requireUser('admin'),
    },
    async (request, reply) => {
      const { definition, allowBreaking, preview } = request.body;
      const deps = { ...app.services, surveysDir: app.services.config.surveysDir };
      const { surveyId } = request.params;
      if (preview) return reply.status(200).send(await previewSurveyVersion({ ...deps, surveyId, definition }));
      return reply.status(201).send(await publishSurveyVersion(deps, { surveyId, definition, allowBreaking, actor: actorOf(request) }));
    },
  );
};

export default routes;
