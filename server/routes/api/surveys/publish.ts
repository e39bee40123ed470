import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { recordAudit } from '../../../audit/audit.service.ts';
import { signedInUser } from '../../../auth/auth.plugin.ts';
import { publishAuditDetail, publishSurveyVersion } from '../../../surveys/publishing.ts';
import { errorResponses } from '../../schemas.ts';

const Params = Type.Object({ surveyId: Type.String({ pattern: '^[a-z0-9][a-z0-9-]{0,59}$' }) });
const Body = Type.Object(
  {
    definition: Type.Object({}, { additionalProperties: true, description: 'The SurveyJS definition, Dutch source text inline.' }),
    allowBreaking: Type.Optional(Type.Boolean({ description: 'Publish although answers would not be comparable with the latest version.' })),
    preview: Type.Optional(Type.Boolean({ description: 'Only check and compare; nothing is written.' })),
  },
  { additionalProperties: false },
);
const Change = Type.Object({ kind: Type.Union([Type.Literal('breaking'), Type.Literal('safe')]), question: Type.Optional(Type.String()), what: Type.String() });
const Result = Type.Object({
  surveyId: Type.String(),
  version: Type.Integer(),
  previousVersion: Type.Union([Type.Integer(), Type.Null()]),
  breaking: Type.Array(Change),
  safe: Type.Array(Change),
  published: Type.Boolean(),
});

/** Publishing a new survey version during fieldwork (admin). */
const routes: FastifyPluginAsyncTypebox = async (app) => {
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
