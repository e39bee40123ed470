import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { submit } from '../../../responses/responses.service.ts';
import { errorResponses } from '../../../../shared/contract/common.ts';
import { SubmissionBodySchema, SubmissionResultSchema } from '../../../../shared/contract/respondent.ts';

const Params = Type.Object({ responseId: Type.String({ format: 'uuid' }) });
const Headers = Type.Object({ 'x-response-key': Type.String({ minLength: 1, maxLength: 100 }) });

const routes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/api/respondent/responses/:responseId/submissions',
    {
      schema: {
        tags: ['respondent'],
        summary: 'Save a page of answers, or complete the response',
        params: Params,
        headers: Headers,
        body: SubmissionBodySchema,
        response: { 200: SubmissionResultSchema, ...errorResponses },
      },
    },
    async (request) =>
      submit(app.services, { ...request.body, responseId: request.params.responseId, responseKey: request.headers['x-response-key'] }),
  );
};

export default routes;
