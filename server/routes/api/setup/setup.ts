import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { checkSetupCode, completeSetup, setupNeeded } from '../../../auth/accounts.service.ts';
import { checkOrigin } from '../../../http/auth.plugin.ts';
import { LinkCodeBodySchema, SetupBodySchema, SetupNeededSchema, UserSchema } from '../../../../shared/contract/auth.ts';
import { errorResponses } from '../../../../shared/contract/common.ts';

/**
 * First run: with no account at all, the server prints a one-time setup link on its console
 * (`server/index.ts`); only that link makes the first admin. Afterwards these routes refuse.
 */
const routes: FastifyPluginAsyncTypebox = async (app) => {
  const limited = app.rateLimit({ max: 20, timeWindow: '15 minutes', groupId: 'setup' });

  app.get(
    '/api/setup',
    { schema: { tags: ['researcher'], summary: 'Whether this install still needs its first admin', response: { 200: SetupNeededSchema } } },
    async () => ({ needed: await setupNeeded(app.services) }),
  );

  app.post(
    '/api/setup/check',
    {
      schema: { tags: ['researcher'], summary: 'Whether a setup code is valid now', body: LinkCodeBodySchema, response: { 204: Type.Null(), ...errorResponses } },
      preHandler: limited,
    },
    async (request, reply) => {
      await checkSetupCode({ ...app.services, code: request.body.code });
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/setup',
    {
      schema: {
        tags: ['researcher'],
        summary: 'Create the first admin with the setup link from the server console',
        body: SetupBodySchema,
        response: { 201: UserSchema, ...errorResponses },
      },
      preHandler: limited,
    },
    async (request, reply) => {
      checkOrigin(request, app.services.config.secureCookies);
      const user = await completeSetup({ ...app.services, ...request.body, username: request.body.username.trim().toLowerCase() });
      return reply.status(201).send(user);
    },
  );
};

export default routes;
