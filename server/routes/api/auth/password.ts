import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { changePassword, resetLinkAccount, resetPassword } from '../../../auth/accounts.service.ts';
import { checkOrigin, signedInUser } from '../../../http/auth.plugin.ts';
import { LinkCodeBodySchema, PasswordChangeBodySchema, PasswordResetBodySchema, ResetAccountSchema } from '../../../../shared/contract/auth.ts';
import { errorResponses } from '../../../../shared/contract/common.ts';

/** Changing one's own password, and setting a new one with an admin's reset link. */
const routes: FastifyPluginAsyncTypebox = async (app) => {
  const limited = app.rateLimit({ max: 20, timeWindow: '15 minutes', groupId: 'password' });

  app.post(
    '/api/auth/password',
    {
      schema: {
        tags: ['researcher'],
        summary: 'Change your own password (the current one is required); your other sessions end',
        body: PasswordChangeBodySchema,
        response: { 204: Type.Null(), ...errorResponses },
      },
      preValidation: app.requireUser(undefined, { beforeSecondFactor: true }),
      preHandler: limited,
    },
    async (request, reply) => {
      const user = signedInUser(request);
      await changePassword({ ...app.services, userId: user.id, keepSessionIdHash: request.researcherSession!.idHash, ...request.body });
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/auth/reset/check',
    {
      schema: {
        tags: ['researcher'],
        summary: 'The account a reset link is for',
        body: LinkCodeBodySchema,
        response: { 200: ResetAccountSchema, ...errorResponses },
      },
      preHandler: limited,
    },
    async (request) => ({ username: (await resetLinkAccount({ ...app.services, code: request.body.code })).username }),
  );

  app.post(
    '/api/auth/reset',
    {
      schema: {
        tags: ['researcher'],
        summary: "Set a new password with an admin's one-time reset link; every session of the account ends",
        body: PasswordResetBodySchema,
        response: { 204: Type.Null(), ...errorResponses },
      },
      preHandler: limited,
    },
    async (request, reply) => {
      checkOrigin(request, app.services.config.secureCookies);
      await resetPassword({ ...app.services, ...request.body });
      return reply.status(204).send(null);
    },
  );
};

export default routes;
