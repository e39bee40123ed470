import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { signedInUser } from '../../../http/auth.plugin.ts';
import { findByToken, withdrawByToken } from '../../../participants/withdrawal.ts';
import { errorResponses } from '../../../../shared/contract/common.ts';
import { TokenBodySchema, TokenHolderSchema, WithdrawnSchema } from '../../../../shared/contract/participants.ts';
import { StudyParams } from '../../../../shared/contract/studies.ts';

/**
 * "A participant shows their letter": the researcher types the code, sees the pseudonym it
 * belongs to, and confirms the withdrawal. A code that is unknown, malformed, withdrawn or of
 * another study gets the same `token_invalid` answer.
 */
const routes: FastifyPluginAsyncTypebox = async (app) => {
  const member = [app.requireUser(), app.requireStudyAccess];
  const tags = ['researcher'];

  app.post(
    '/api/studies/:studyId/withdrawals/lookup',
    {
      schema: {
        tags,
        summary: 'Which pseudonym holds this code (before confirming a withdrawal); changes nothing',
        params: StudyParams,
        body: TokenBodySchema,
        response: { 200: TokenHolderSchema, ...errorResponses },
      },
      preValidation: member,
    },
    async (request) => ({ pseudonym: (await findByToken(app.services, { token: request.body.token, studyId: request.params.studyId })).pseudonym }),
  );

  app.post(
    '/api/studies/:studyId/withdrawals',
    {
      schema: {
        tags,
        summary: 'Withdraw the participant holding this code: responses in every wave and register data deleted, pseudonym kept as withdrawn',
        params: StudyParams,
        body: TokenBodySchema,
        response: { 200: WithdrawnSchema, ...errorResponses },
      },
      preValidation: member,
    },
    async (request) => {
      const { studyId } = request.params;
      const { pseudonym, responsesDeleted } = await withdrawByToken(app.services, { token: request.body.token, studyId, by: { userId: signedInUser(request).id } });
      return { pseudonym, responsesDeleted };
    },
  );
};

export default routes;
