import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { submit } from '../../../responses/responses.service.ts';
import { AnswersSchema, errorResponses, LocaleSchema } from '../../../../shared/contract/common.ts';

const Params = Type.Object({ responseId: Type.String({ format: 'uuid' }) });
const Headers = Type.Object({ 'x-response-key': Type.String({ minLength: 1, maxLength: 100 }) });
const Body = Type.Object(
  {
    submissionId: Type.String({ pattern: '^[A-Za-z0-9_-]{8,64}$', description: 'Made by the client; reused on retry.' }),
    pageNo: Type.Integer({ minimum: 0, maximum: 1000 }),
    answers: AnswersSchema,
    complete: Type.Optional(Type.Boolean()),
    locale: Type.Optional(LocaleSchema),
  },
  { additionalProperties: false },
);
const Result = Type.Object({ status: Type.Union([Type.Literal('in_progress'), Type.Literal('completed')]), pageNo: Type.Integer() });

const routes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/api/respondent/responses/:responseId/submissions',
    {
      schema: {
        tags: ['respondent'],
        summary: 'Save a page of answers, or complete the response',
        params: Params,
        headers: Headers,
        body: Body,
        response: { 200: Result, ...errorResponses },
      },
    },
    async (request) =>
      submit(app.services, { ...request.body, responseId: request.params.responseId, responseKey: request.headers['x-response-key'] }),
  );
};

export default routes;
