import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { recordAudit } from '../../../audit/audit.service.ts';
import { signedInUser } from '../../../http/auth.plugin.ts';
import { checkUnpublishedVersion, publishAuditDetail, publishSurveyVersion } from '../../../surveys/publishing.ts';
import { errorResponses, LocaleSchema } from '../../schemas.ts';

const Params = Type.Object({ surveyId: Type.String({ pattern: '^[a-z0-9][a-z0-9-]{0,59}$' }) });
const Body = Type.Object(
  {
    definition: Type.Object({}, { additionalProperties: true, description: 'The SurveyJS definition, Dutch source text inline.' }),
    allowBreaking: Type.Optional(Type.Boolean({ description: 'Publish although answers would not be comparable with the latest version.' })),
    preview: Type.Optional(Type.Boolean({ description: 'Only check and compare; nothing is written.' })),
  },
  { additionalProperties: false },
);
const Change = Type.Object({
  kind: Type.Union([Type.Literal('breaking'), Type.Literal('safe')]),
  question: Type.Optional(Type.String()),
  code: Type.String({ description: 'Stable code of the change (such as question_removed, values_added); clients translate it with params.' }),
  params: Type.Record(Type.String(), Type.String()),
  what: Type.String({ description: 'The change in English.' }),
});
const Result = Type.Object({
  surveyId: Type.String(),
  version: Type.Integer(),
  previousVersion: Type.Union([Type.Integer(), Type.Null()]),
  breaking: Type.Array(Change),
  safe: Type.Array(Change),
  published: Type.Boolean(),
});

/** Publishing a new survey version during fieldwork (admin), after a preview of it in every language. */
const routes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/api/surveys/:surveyId/unpublished',
    {
      schema: {
        tags: ['researcher'],
        summary: 'A definition not published yet, checked as publishing would, in one language with the translations so far (admin; for the preview before publishing; nothing is written)',
        params: Params,
        body: Type.Object({ definition: Body.properties.definition, locale: LocaleSchema }, { additionalProperties: false }),
        response: { 200: Type.Object({}, { additionalProperties: true, description: 'the SurveyJS definition in the language' }), ...errorResponses },
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
        params: Params,
        body: Body,
        response: { 200: Result, 201: Result, ...errorResponses },
      },
      preValidation: app.requireUser('admin'),
    },
    async (request, reply) => {
      const { definition, allowBreaking = false, preview = false } = request.body;
      const result = publishSurveyVersion({
        surveys: app.services.surveys,
        surveysDir: app.services.config.surveysDir,
        surveyId: request.params.surveyId,
        definition,
        allowBreaking,
        preview,
      });
      if (!result.published) return reply.status(200).send(result);
      recordAudit({
        ...app.services,
        userId: signedInUser(request).id,
        action: 'survey_publish',
        detail: publishAuditDetail(result),
      });
      return reply.status(201).send(result);
    },
  );
};

export default routes;
